#include "models/sweep/rollout_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/rollout/catalogue.h"
#include "models/rollout/conditions.h"
#include "models/rollout/headline.h"
#include "models/rollout/layout.h"
#include "models/rollout/output_schema.h"
#include "models/rollout/recording.h"
#include "models/rollout/rollout.h"
#include "models/rollout/scenario_rules.h"
#include "models/scenario/conditions.h"
#include "models/scenario/loader.h"
#include "models/scenario/record.h"
#include "sim/recorder.h"

namespace models::sweep {
namespace {

namespace ro = models::rollout;

// What a sweep keeps of one run: the output schema's entries marked for sweeps, with each
// component of an entry over one axis (gpus_national over state, gpu_days_in_service_by over
// report_date) or two (gpu_days_idle_by_buyer over buyer, reason) as its own quantity.
struct Kept {
  const ro::OutputQuantity* quantity;
  std::size_t component;  // row-major position over the entry's axes; 0 for a scalar
  std::string name;
  std::string label;            // the (outer) axis label of the component; "" for a scalar
  std::string inner_label;      // the inner axis label, over two axes; "" otherwise
  std::size_t outer = 0;        // position along the outer axis
  std::size_t inner = 0;        // position along the inner axis (0 over one axis)
  std::size_t inner_count = 1;  // labels of the inner axis (1 over one axis)
  bool over_site = false;       // the outer axis is `site` (kept over every variant's sites)
};

// The labels of each axis of a sweep entry, from point 0's scenario (every run must have the same:
// checked per run), except `site`: the sites of every variant (`sites`); an axis the scenario
// lacks has none (the entry is not kept).
std::vector<std::vector<std::string>> sweep_labels(const ro::OutputQuantity& q, const Scenario& s0,
                                                   const std::vector<std::string>& sites) {
  const std::vector<std::string> axes = ro::axis_names(q);
  if (axes.size() > 2)
    throw std::logic_error("output schema: sweep entry '" + std::string(q.name) +
                           "' must be scalar or over one or two axes; flattening more is not implemented");
  if (!axes.empty() && axes[0] == "site" && q.kind != ro::OutputKind::Total)
    throw std::logic_error("output schema: sweep entry '" + std::string(q.name) +
                           "' is over site: only totals can be (a site a variant lacks counts 0)");
  std::vector<std::vector<std::string>> labels;
  for (const std::string& axis : axes) labels.push_back(axis == "site" ? sites : ro::axis_labels(s0, axis));
  return labels;
}

// Variants may add or drop sites (korea-2026 adds sites to korea-2025): per-site indicators are
// kept over every variant's sites, the first variant's in its order, then each later variant's new
// ones. The design's parameters cannot add sites, so point 0 of each variant has them all.
std::vector<std::string> sites_of_every_variant(const std::vector<Scenario>& scenarios) {
  std::vector<std::string> sites;
  for (const Scenario& s : scenarios) {
    for (const auto& site : s.sites) {
      if (std::find(sites.begin(), sites.end(), site.name) == sites.end()) sites.push_back(site.name);
    }
  }
  return sites;
}

std::vector<Kept> kept_quantities(ro::SweepRole role, const Scenario& s0,
                                  const std::vector<std::string>& sites) {
  std::vector<Kept> kept;
  for (const ro::OutputQuantity& q : ro::output_schema()) {
    if (q.sweep != role) continue;
    const std::vector<std::vector<std::string>> labels = sweep_labels(q, s0, sites);
    const std::size_t first = kept.size();
    if (labels.empty()) {
      kept.push_back({&q, 0, std::string(q.name), "", "", 0, 0, 1});
    } else if (labels.size() == 1) {
      for (std::size_t k = 0; k < labels[0].size(); ++k)
        kept.push_back({&q, k, ro::flattened_name(q.name, labels[0][k]), labels[0][k], "", k, 0, 1});
    } else {
      const std::size_t inner = labels[1].size();
      for (std::size_t i = 0; i < labels[0].size(); ++i) {
        for (std::size_t j = 0; j < inner; ++j)
          kept.push_back({&q, i * inner + j, ro::flattened_name(q.name, labels[0][i], labels[1][j]),
                          labels[0][i], labels[1][j], i, j, inner});
      }
    }
    const std::vector<std::string> axes = ro::axis_names(q);
    for (std::size_t k = first; k < kept.size(); ++k) kept[k].over_site = !axes.empty() && axes[0] == "site";
  }
  return kept;
}

sim::sweep::Quantity sweep_quantity(const Kept& k, const std::string& time_units) {
  const ro::OutputQuantity& q = *k.quantity;
  std::string long_name(q.long_name);
  const std::vector<std::string> axes = ro::axis_names(q);
  if (!axes.empty()) long_name += ", " + axes[0] + " " + k.label;
  if (axes.size() > 1) long_name += ", " + axes[1] + " " + k.inner_label;
  sim::sweep::Quantity out{k.name, q.units == ro::kTimeUnits ? time_units : std::string(q.units), long_name,
                           ro::output_variable_attributes(q)};
  // Which direction a paired comparison counts as better (sovsim compare), from the schema.
  const std::string_view better = ro::preferred_direction(q, axes.size() > 1 ? k.inner_label : k.label);
  if (!better.empty()) out.attributes.emplace_back("preferred_direction", std::string(better));
  if (!axes.empty()) {
    // The axes and labels, so that readers group the components without parsing names.
    out.attributes.emplace_back("sweep_axis", axes[0]);
    out.attributes.emplace_back("sweep_axis_label", k.label);
    if (axes.size() > 1) {
      out.attributes.emplace_back("sweep_inner_axis", axes[1]);
      out.attributes.emplace_back("sweep_inner_axis_label", k.inner_label);
    }
    out.attributes.emplace_back("sweep_quantity", std::string(q.name));
  }
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

// How a scenario simulates failures, for messages and the sweep file's failure_process attribute.
std::string failure_process_text(const Scenario& s) {
  return s.operations.failure_process == FailureProcess::Daily
             ? "as daily counts (operations.failure_process: daily)"
             : "per GPU (operations.failure_process: per_gpu)";
}

class RolloutSweepModel final : public sim::sweep::RunModel {
 public:
  RolloutSweepModel(SweepFile& sweep, const sim::sweep::Design& design, bool check_invariants)
      : plan_(sweep.plan), check_invariants_(check_invariants) {
    // The base scenario, or each variant (the first is the base), loaded once and kept resolved.
    const std::vector<std::filesystem::path> files =
        sweep.variant_files.empty() ? std::vector<std::filesystem::path>{*sweep.base} : sweep.variant_files;
    std::vector<std::vector<std::filesystem::path>> base_chains;  // each file's bases, nearest first
    for (const std::filesystem::path& file : files) {
      const LoadResult loaded = rollout::load_scenario(file);
      base_chains.emplace_back();
      for (const ScenarioFile& b : loaded.provenance.bases)
        base_chains.back().push_back(std::filesystem::weakly_canonical(file.parent_path() / b.path));
      if (!loaded.ok())
        throw std::runtime_error("the scenario " + file.generic_string() + " is not valid:\n" +
                                 join(loaded.errors));
      if (scenarios_.empty()) sweep.base_resolved_yaml = loaded.provenance.resolved_yaml;
      // Parsed once here; each run applies its overrides to a copy of the parsed tree.
      scenarios_.push_back(rollout::prepare_scenario_text(
          loaded.provenance.resolved_yaml, loaded.provenance.path + " (resolved)", file.parent_path()));
    }
    const std::vector<double> first(design.values.begin(),
                                    design.values.begin() + static_cast<std::ptrdiff_t>(design.dims));
    const Scenario s0 = load(0, first);  // rejects bad overrides before any run starts
    std::vector<Scenario> variants = {s0};
    for (std::size_t v = 1; v < scenarios_.size(); ++v) {
      // Every variant must record the same time axis for its series to share the file's.
      const Scenario& sv = variants.emplace_back(load(v, first));
      // Per-buyer indicators and series are flattened over point 0's buyers.
      std::vector<std::string> buyers0, buyers;
      for (const auto& b : s0.buyers) buyers0.push_back(b.name);
      for (const auto& b : sv.buyers) buyers.push_back(b.name);
      if (buyers != buyers0)
        throw std::runtime_error(
            "variant " + plan_.variants[v].name + " has other buyers than " + plan_.variants[0].name +
            " (or in another order); a sweep keeps per-buyer indicators over one list of "
            "buyers");
      // Two failure processes draw other failures: a difference between such variants would mix
      // the policy with the model's resolution in time.
      if (sv.operations.failure_process != s0.operations.failure_process)
        throw std::runtime_error("variant " + plan_.variants[v].name + " simulates failures " +
                                 failure_process_text(sv) + " and " + plan_.variants[0].name + " " +
                                 failure_process_text(s0) +
                                 "; paired comparisons need one failure process: set "
                                 "operations.failure_process the same in every variant");
      if (plan_.keep != sim::sweep::Keep::Headline && ro::recorded_samples(sv) != ro::recorded_samples(s0))
        throw std::runtime_error("variant " + plan_.variants[v].name +
                                 " has another time axis (start, end or sample_interval) than " +
                                 plan_.variants[0].name + "; keep: headline for such variants");
    }
    keep_series_ = plan_.keep != sim::sweep::Keep::Headline;
    const KeptSeries kept = kept_series(plan_, s0);
    stride_ = kept.stride;
    if (keep_series_) {
      // The sweep file's load checked this on the base scenario's time axis; point 0 fixes the
      // runs' time axis, and may differ (a parameter that sets sample_interval, start or end).
      const std::string problem = kept_series_problem(plan_, s0, sim::sweep::run_count(plan_, design));
      if (!problem.empty()) throw std::runtime_error(sweep.keep_location + ": keep: " + problem);
    }

    // Dates are CF time since point 0's start (a run with another start is shifted onto it).
    epoch_ = s0.start;
    const std::string time_units = sim::Calendar{s0.start}.cf_time_units();
    for (const auto& [name, value] : ro::output_file_attributes())
      outputs_.attributes.emplace_back(name, value);
    const std::string notes = derivation_notes(files, base_chains);
    if (!notes.empty()) outputs_.attributes.emplace_back("variant_derivation_notes", notes);
    sites_ = sites_of_every_variant(variants);
    variant_scenarios_ = std::move(variants);
    collect_conditions(variant_scenarios_);
    indicators_ = kept_quantities(ro::SweepRole::Indicator, s0, sites_);
    report_dates_ = ro::axis_labels(s0, "report_date");
    for (const Kept& k : indicators_) {
      outputs_.indicators.push_back(sweep_quantity(k, time_units));
      const bool over_two = ro::axis_names(*k.quantity).size() > 1;
      groups_.push_back({std::string(k.quantity->name), false,
                         ro::changed_by_failures(*k.quantity, over_two ? k.inner_label : k.label)});
    }
    add_condition_indicators(variant_scenarios_.size());
    // A milestone not reached by the horizon is right-censored: in sensitivity indices it counts as
    // the horizon end (midnight after `end`, in days from point 0's start, the dates' epoch).
    const double horizon_end =
        static_cast<double>(sim::days_from_civil(s0.end) + 1 - sim::days_from_civil(s0.start));
    outputs_.censored_values.assign(outputs_.indicators.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < indicators_.size(); ++i) {
      if (indicators_[i].quantity->kind == ro::OutputKind::Date) outputs_.censored_values[i] = horizon_end;
    }
    for (std::size_t i = indicators_.size(); i < outputs_.indicators.size(); ++i) {
      if (outputs_.indicators[i].name.starts_with("target_first_met_"))
        outputs_.censored_values[i] = horizon_end;
    }

    select_indicators(sweep);

    if (keep_series_) {
      series_ = kept_quantities(ro::SweepRole::Series, s0, sites_);
      for (const Kept& k : series_) outputs_.series.push_back(sweep_quantity(k, time_units));
      for (const Kept& k : series_) columns_.push_back({std::string(k.quantity->name), k.component});
      // One run of the first point fixes the time axis.
      sim::SelectedSeriesSink sink(columns_, stride_);
      ro::RunOptions options;
      options.seed = 0;
      options.sink = &sink;
      ro::run_rollout(s0, options);
      rows_ = sink.rows();
      if (rows_ != kept.samples) {
        throw std::logic_error(
            fmt::format("rollout sweep: the first run recorded {} samples, models/rollout/layout.h counts {}",
                        rows_, kept.samples));
      }
      for (const sim::Ticks t : sink.kept_times()) outputs_.times.push_back(sim::to_days(t));
      outputs_.time_units = sim::Calendar{s0.start}.cf_time_units();
    }
  }

  const sim::sweep::ModelOutputs& outputs() const override { return outputs_; }

  sim::sweep::RunResult run(const sim::sweep::RunInput& input) const override {
    const Scenario s = load(input.variant, input.values);
    ro::RunOptions options;
    options.seed = input.seed;
    options.check_invariants = check_invariants_;
    options.failure_process = failure_process_;
    // Only the series the sweep keeps, at its stride (keep: headline: none; the run discards them).
    sim::SelectedSeriesSink sink(columns_, stride_);
    if (keep_series_) options.sink = &sink;
    ro::RunOutput out;
    try {
      out = ro::run_rollout(s, options);
    } catch (const std::exception& e) {
      // Name the run so that it can be replayed alone (sovsim run --from-table ... --row RUN).
      throw std::runtime_error("run " + std::to_string(input.run) + " (seed " + std::to_string(input.seed) +
                               "): " + e.what());
    }
    const ro::Headline& h = out.headline;
    sim::sweep::RunResult r;
    // Days from this run's start to point 0's, for dates (0 unless a parameter moves `start`).
    const double shift = static_cast<double>(sim::days_from_civil(h.start) - sim::days_from_civil(epoch_));
    check_report_dates(h, input.run);
    std::vector<double> values;
    const ro::OutputQuantity* computed = nullptr;
    // Where each of the sweep's sites is in this run (npos: the run's variant lacks it).
    std::vector<std::size_t> site_in_run(sites_.size(), std::string::npos);
    for (std::size_t i = 0; i < sites_.size(); ++i) {
      for (std::size_t j = 0; j < h.sites.size(); ++j) {
        if (h.sites[j].name == sites_[i]) site_in_run[i] = j;
      }
    }
    for (const Kept& k : indicators_) {
      if (k.quantity != computed) {
        k.quantity->compute(h, values);
        computed = k.quantity;
      }
      std::size_t component = k.component;
      if (k.over_site) {
        // Over site (and an inner axis): the sweep's site position -> this run's.
        if (site_in_run[k.outer] == std::string::npos) {
          r.indicators.push_back(0.0);  // a total over a site the variant lacks: nothing there
          continue;
        }
        component = site_in_run[k.outer] * k.inner_count + k.inner;
      }
      const double x = values.at(component);
      r.indicators.push_back(k.quantity->kind == ro::OutputKind::Date ? x + shift : x);
    }
    add_condition_values(h, input.run, r.indicators);
    if (selected_.size() != r.indicators.size()) {
      std::vector<double> all = std::move(r.indicators);
      r.indicators.clear();
      for (const std::size_t i : selected_) r.indicators.push_back(all[i]);
    }
    if (keep_series_) {
      if (sink.rows() != rows_) {
        throw std::runtime_error(
            "run " + std::to_string(input.run) +
            " has a different time axis than the base; keep: headline for parameters that "
            "change start, end or sample_interval");
      }
      r.series.reserve(outputs_.series.size() * outputs_.times.size());
      for (std::size_t i = 0; i < series_.size(); ++i)
        r.series.insert(r.series.end(), sink.values(i).begin(), sink.values(i).end());
    }
    return r;
  }

 private:
  // Indicators over report_date are flattened with point 0's labels: every run must report the
  // same dates (a parameter that moves `start` or `end` can change the default year ends).
  void check_report_dates(const ro::Headline& h, std::uint64_t run) const {
    bool same = h.report_dates.size() == report_dates_.size();
    for (std::size_t k = 0; same && k < report_dates_.size(); ++k)
      same = h.report_dates[k].name == report_dates_[k];
    if (!same)
      throw std::runtime_error("run " + std::to_string(run) +
                               " has other report dates than design point 0; a sweep keeps one set (set "
                               "`report_dates` in the base scenario when a parameter moves start or end)");
  }

  // A variant compared with a reference it does not derive from directly differs by more than its
  // own changes: one note per such variant (newline-separated), for compare and summary.
  std::string derivation_notes(const std::vector<std::filesystem::path>& files,
                               const std::vector<std::vector<std::filesystem::path>>& chains) const {
    if (files.size() < 2) return {};
    const std::filesystem::path reference = std::filesystem::weakly_canonical(files[0]);
    const std::string& base = plan_.variants[0].name;
    std::string notes;
    for (std::size_t v = 1; v < files.size(); ++v) {
      const std::vector<std::filesystem::path>& chain = chains[v];
      if (!chain.empty() && chain.front() == reference) continue;
      const std::string& name = plan_.variants[v].name;
      std::string note;
      if (std::find(chain.begin(), chain.end(), reference) != chain.end()) {
        const std::string parent = chain.front().stem().string();
        note = fmt::format(
            "variant {} derives from {}, not from the base {}: its differences include everything {} "
            "changes",
            name, parent, base, parent);
      } else {
        std::string names;
        for (const auto& b : chain) names += (names.empty() ? "" : " <- ") + b.filename().string();
        note = fmt::format(
            "variant {} does not derive from the base {} ({}): its differences include everything "
            "in which the two scenarios differ",
            name, base, names.empty() ? "it names no base" : "its bases: " + names);
      }
      notes += (notes.empty() ? "" : "\n") + note;
    }
    return notes;
  }

  // What a target or observation is, in words, to tell whether two variants define it the same
  // way: its quantity, comparison, value, scope and date (and tolerance); not its description or
  // source.
  static std::string definition(const Condition& c, bool observation) {
    std::string text = fmt::format("{} {} {}{}, {}, at the end of {}", scn::quantity_name(c.quantity),
                                   scn::comparison_name(c.comparison), c.value,
                                   scn::quantity_units(c.quantity) == "1"
                                       ? std::string()
                                       : " " + std::string(scn::quantity_units(c.quantity)),
                                   scn::scope_text(c), sim::to_iso(c.date));
    if (observation) text += fmt::format(", tolerance {} (relative {})", c.tolerance, c.relative_tolerance);
    return text;
  }

  // The targets (then the observations) of every variant, by name: the first variant's in its
  // order, then each later variant's new ones. A variant lacking one has no value for it (NaN), so
  // that its probability is over the variants that define it and a paired comparison can tell
  // which variants define it identically (attribute variant_definitions).
  struct ConditionColumn {
    std::string name;
    bool observation = false;
    const Condition* condition = nullptr;  // the first variant's that defines it
    std::vector<std::string> definitions;  // per variant; "" when the variant does not define it
    // Per variant: why the target can never be met under that variant's orders ("" when it can),
    // so that a P(met) of 0 that is structural is not read as a forecast.
    std::vector<std::string> unreachable;
  };
  void collect_conditions(const std::vector<Scenario>& variants) {
    for (const bool observation : {false, true}) {
      for (std::size_t v = 0; v < variants.size(); ++v) {
        for (const Condition& c : observation ? variants[v].observations : variants[v].targets) {
          auto it = std::find_if(conditions_.begin(), conditions_.end(), [&](const ConditionColumn& k) {
            return k.observation == observation && k.name == c.name;
          });
          if (it == conditions_.end()) {
            conditions_.push_back({c.name, observation, &c, std::vector<std::string>(variants.size()),
                                   std::vector<std::string>(variants.size())});
            it = conditions_.end() - 1;
          }
          it->definitions[v] = definition(c, observation);
        }
      }
    }
    // The same words as `sovsim run` (ro::never_met_reason), from the same resolution of scopes.
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const ro::Catalogue catalogue(variants[v]);
      ro::Headline h;
      ro::ConditionMonitor(catalogue).fill(h);
      for (const ro::ConditionOutcome& t : h.targets) {
        if (!ro::unreachable_by_orders(t)) continue;
        for (ConditionColumn& k : conditions_) {
          if (!k.observation && k.name == t.name) k.unreachable[v] = ro::never_met_reason(t);
        }
      }
    }
  }

  // Per target: met (a Target flag), first met (days), the model's value and the shortfall at its
  // date; per observation: matched (an Observation flag) and the model's value. Over the targets
  // and observations of every variant (collect_conditions); with variants, each carries its
  // definition in each variant (one line per variant, empty where it is not defined).
  void add_condition_indicators(std::size_t variants) {
    auto& ind = outputs_.indicators;
    // Which direction a paired comparison counts as better (sovsim compare): meeting a target,
    // meeting it sooner, a smaller shortfall, a value on the target's side; observations have none.
    const auto better = [&](std::string_view direction, const ConditionColumn& k) {
      sim::sweep::TextAttributes a{{"preferred_direction", std::string(direction)}};
      if (variants > 1) {
        std::string lines;
        for (std::size_t v = 0; v < k.definitions.size(); ++v) lines += (v ? "\n" : "") + k.definitions[v];
        a.emplace_back("variant_definitions", lines);
      }
      return a;
    };
    for (const ConditionColumn& k : conditions_) {
      if (k.observation) continue;
      const Condition& t = *k.condition;
      const std::string units(scn::quantity_units(t.quantity));
      const std::string_view value_better = t.comparison == Comparison::AtLeast
                                                ? "higher"
                                                : (t.comparison == Comparison::AtMost ? "lower" : "none");
      const std::string what = std::string(scn::quantity_name(t.quantity)) + ", " + scn::scope_text(t);
      sim::sweep::TextAttributes met = better("higher", k);
      if (std::any_of(k.unreachable.begin(), k.unreachable.end(),
                      [](const std::string& r) { return !r.empty(); })) {
        std::string lines;  // one line per variant (one line without variants)
        for (std::size_t v = 0; v < k.unreachable.size(); ++v) lines += (v ? "\n" : "") + k.unreachable[v];
        met.emplace_back("never_met_reason", lines);
      }
      ind.push_back({"target_met_" + t.name, "1",
                     "1 when the target " + t.name + " was met at the end of its date", met,
                     sim::sweep::Role::Target, t.name});
      ind.push_back({"target_first_met_" + t.name, "days",
                     "days from the start until the target " + t.name +
                         " first held (NaN: never within the horizon, right-censored)",
                     better("lower", k)});
      ind.push_back({"target_value_" + t.name, units,
                     "model value at the end of the target's date (" + what + ")", better(value_better, k)});
      ind.push_back({"target_shortfall_" + t.name, units,
                     "how far the run is from the target " + t.name + " at the end of its date, 0 when met",
                     better("lower", k)});
      groups_.resize(ind.size(), {t.name, true, condition_changed_by_failures(k)});
    }
    for (const ConditionColumn& k : conditions_) {
      if (!k.observation) continue;
      const Condition& o = *k.condition;
      const std::string units(scn::quantity_units(o.quantity));
      const std::string what = std::string(scn::quantity_name(o.quantity)) + ", " + scn::scope_text(o);
      // What was observed, in words, for summaries (the sweep file does not restate the scenario).
      const double tolerance = std::max(o.tolerance, o.relative_tolerance * std::fabs(o.value));
      const std::string observed =
          fmt::format("{} {} {} (tolerance {}) on {}{}", scn::comparison_name(o.comparison), o.value,
                      units == "1" ? "" : units, tolerance, sim::to_iso(o.date),
                      o.source.empty() ? "" : " [" + o.source + "]");
      sim::sweep::TextAttributes matched = better("none", k);
      matched.insert(matched.begin(), {"observed", observed});
      ind.push_back({"observation_matched_" + o.name, "1",
                     "1 when the run is within the tolerance of the observation " + o.name, matched,
                     sim::sweep::Role::Observation, o.name});
      ind.push_back({"observation_value_" + o.name, units,
                     "model value at the end of the observation's date (" + what + ")", better("none", k)});
      groups_.resize(ind.size(), {o.name, true, condition_changed_by_failures(k)});
    }
  }

  // Whether failures change what the target or observation reads, in any variant that defines it.
  bool condition_changed_by_failures(const ConditionColumn& k) const {
    for (const Scenario& s : variant_scenarios_) {
      for (const Condition& c : k.observation ? s.observations : s.targets) {
        if (c.name == k.name && ro::changed_by_failures(c.quantity)) return true;
      }
    }
    return false;
  }

  // Keeps the indicators the sweep file names (all without `indicators`), and decides whether the
  // runs need the failure process: only when something kept depends on it (RunOptions::
  // failure_process), or the series are kept. A target's or observation's indicators are kept
  // together: the analyses read them together.
  void select_indicators(const SweepFile& sweep) {
    const std::size_t n = outputs_.indicators.size();
    if (groups_.size() != n) throw std::logic_error("rollout sweep: an indicator without its group");
    std::vector<char> keep(n, sweep.indicators.empty() ? 1 : 0);
    for (std::size_t i = 0; i < sweep.indicators.size(); ++i) {
      const std::string& wanted = sweep.indicators[i];
      bool found = false;
      for (std::size_t j = 0; j < n; ++j) {
        if (outputs_.indicators[j].name == wanted || groups_[j].name == wanted) keep[j] = found = true;
      }
      if (found) continue;
      std::vector<std::string> names;
      for (std::size_t j = 0; j < n; ++j) names.push_back(outputs_.indicators[j].name);
      for (const Group& g : groups_) names.push_back(g.name);
      const std::string guess = scn::nearest(wanted, names);
      throw std::runtime_error(
          fmt::format("{}: indicators[{}]: expected the name of one of this sweep's indicators "
                      "(docs/output-reference.md), "
                      "of an output entry or of a target or observation of its scenario, found '{}'{}",
                      sweep.indicator_locations.at(i), i, wanted,
                      guess.empty() ? "" : "; did you mean '" + guess + "'?"));
    }
    for (std::size_t j = 0; j < n; ++j) {
      if (!keep[j] || !groups_[j].condition) continue;
      for (std::size_t l = 0; l < n; ++l) {
        if (groups_[l].condition && groups_[l].name == groups_[j].name) keep[l] = true;
      }
    }
    sim::sweep::ModelOutputs kept = outputs_;
    kept.indicators.clear();
    kept.censored_values.clear();
    selected_.clear();
    failure_process_ = keep_series_;
    for (std::size_t j = 0; j < n; ++j) {
      if (!keep[j]) continue;
      selected_.push_back(j);
      kept.indicators.push_back(outputs_.indicators[j]);
      kept.censored_values.push_back(outputs_.censored_values[j]);
      failure_process_ = failure_process_ || groups_[j].changed_by_failures;
    }
    outputs_ = std::move(kept);
    outputs_.attributes.emplace_back(
        "failure_process",
        failure_process_ ? "simulated " + failure_process_text(variant_scenarios_.front())
                         : "not simulated: no indicator the sweep keeps depends on GPU failures "
                           "(sweep file key indicators), so each run skipped them and its kept values are "
                           "those of a run with them");
  }

  // The run's values in the order of add_condition_indicators; NaN for a target or observation
  // its variant does not define.
  void add_condition_values(const ro::Headline& h, std::uint64_t run, std::vector<double>& v) const {
    constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    const auto find = [](const std::vector<ro::ConditionOutcome>& list,
                         const std::string& name) -> const ro::ConditionOutcome* {
      for (const ro::ConditionOutcome& c : list) {
        if (c.name == name) return &c;
      }
      return nullptr;
    };
    std::size_t found = 0;
    for (const ConditionColumn& k : conditions_) {
      if (k.observation) continue;
      const ro::ConditionOutcome* t = find(h.targets, k.name);
      found += t != nullptr;
      if (t)
        v.insert(v.end(), {t->met ? 1.0 : 0.0, t->first_met_days, t->model_value, t->shortfall});
      else
        v.insert(v.end(), {kNone, kNone, kNone, kNone});
    }
    for (const ConditionColumn& k : conditions_) {
      if (!k.observation) continue;
      const ro::ConditionOutcome* o = find(h.observations, k.name);
      found += o != nullptr;
      if (o)
        v.insert(v.end(), {o->met ? 1.0 : 0.0, o->model_value});
      else
        v.insert(v.end(), {kNone, kNone});
    }
    if (found != h.targets.size() + h.observations.size())
      throw std::runtime_error("run " + std::to_string(run) +
                               " has targets or observations that no variant's design point 0 has; a sweep "
                               "keeps one set (a parameter may not add them)");
  }

  std::vector<ConditionColumn> conditions_;  // targets and observations of every variant (point 0)
  std::vector<Scenario> variant_scenarios_;  // point 0 of each variant: conditions_ points into them
  std::vector<std::string> report_dates_;    // labels of the report_date axis, as point 0 has them
  Scenario load(std::size_t variant, std::span<const double> values) const {
    LoadResult r = scenarios_.at(variant).load(point_overrides(plan_, values), /*describe=*/false);
    if (!r.ok()) throw std::runtime_error("a design point's values were rejected:\n" + join(r.errors));
    return *std::move(r.scenario);
  }

  sim::sweep::Plan plan_;
  bool check_invariants_ = false;
  // The base, or one per variant: each scenario file resolved (its variant base merged), parsed.
  std::vector<PreparedScenario> scenarios_;
  sim::sweep::ModelOutputs outputs_;
  std::vector<Kept> indicators_;
  // Per indicator of the model, in its order (indicators_, then the targets' and observations'):
  // the output entry or the condition it belongs to, and whether GPU failures change it.
  struct Group {
    std::string name;
    bool condition = false;
    bool changed_by_failures = true;
  };
  std::vector<Group> groups_;
  std::vector<std::size_t> selected_;  // the indicators kept (select_indicators), in the model's order
  bool failure_process_ = true;
  std::vector<Kept> series_;
  std::vector<std::string> sites_;  // the `site` labels of per-site indicators: every variant's sites
  std::vector<sim::SelectedSeriesSink::Column> columns_;  // series_, as the recorder names them
  sim::Date epoch_{};
  bool keep_series_ = false;
  std::size_t stride_ = 1;
  std::size_t rows_ = 0;
};

}  // namespace

KeptSeries kept_series(const sim::sweep::Plan& plan, const Scenario& scenario) {
  KeptSeries k;
  k.series = kept_quantities(ro::SweepRole::Series, scenario, ro::axis_labels(scenario, "site")).size();
  k.samples = ro::recorded_samples(scenario);
  if (plan.series_interval_days > 0) {
    const double ratio = std::round(plan.series_interval_days / scenario.sample_interval_days);
    // Past 2^62 every stride keeps the first sample alone.
    constexpr double kHuge = 4611686018427387904.0;
    k.stride = ratio >= kHuge ? static_cast<std::uint64_t>(kHuge)
                              : std::max<std::uint64_t>(1, static_cast<std::uint64_t>(ratio));
  }
  k.steps = k.samples / k.stride + (k.samples % k.stride != 0 ? 1 : 0);
  return k;
}

std::string kept_series_problem(const sim::sweep::Plan& plan, const Scenario& scenario, std::uint64_t runs) {
  if (plan.keep == sim::sweep::Keep::Headline) return {};
  const KeptSeries k = kept_series(plan, scenario);
  const double bytes = static_cast<double>(runs) * static_cast<double>(k.series) *
                       static_cast<double>(k.steps) * static_cast<double>(sizeof(double));
  if (bytes <= kMaxKeptSeriesBytes) return {};
  const std::string steps =
      k.stride == 1 ? fmt::format("{} time steps (every sample)", k.steps)
                    : fmt::format("{} time steps (one in {} of {} samples)", k.steps, k.stride, k.samples);
  constexpr double kGiB = 1ull << 30;
  return fmt::format(
      "expected at most {} GiB of series kept in memory until the file is written (runs x series x time "
      "steps x 8 bytes), found {} {} x {} series x {} x 8 bytes = {:.1f} GiB; that is the limit (keep: "
      "headline keeps no series; a coarser series_interval keeps fewer time steps)",
      kMaxKeptSeriesBytes / kGiB, runs, runs == 1 ? "run" : "runs", k.series, steps, bytes / kGiB);
}

std::unique_ptr<sim::sweep::RunModel> make_rollout_model(SweepFile& sweep, const sim::sweep::Design& design,
                                                         const ModelOptions& options) {
  return std::make_unique<RolloutSweepModel>(sweep, design, options.check_invariants);
}

}  // namespace models::sweep
