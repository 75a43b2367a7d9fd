#include "models/sweep/sweep_file.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>

#include "models/rollout/scenario_rules.h"
#include "models/scenario/diagnostics.h"
#include "models/scenario/files.h"
#include "models/scenario/loader.h"
#include "models/scenario/record.h"
#include "models/scenario/schema.h"
#include "models/scenario/tree.h"
#include "models/scenario/units.h"
#include "models/sweep/rollout_run.h"
#include "models/sweep/sweep_schema.h"
#include "sim/sweep/ishigami.h"

namespace models::sweep {

namespace fs = std::filesystem;
using scn::Node;
using sim::sweep::DesignKind;
using sim::sweep::Marginal;

namespace {

using scn::WrittenValue;

// A parameter's values as they convert into its marginal: every value in one unit (the first
// written), reported at the value that differs.
class UnitOfParameter {
 public:
  UnitOfParameter(scn::Reader& r, std::string unit, bool set) : r_(r), unit_(std::move(unit)), set_(set) {}

  std::optional<double> operator()(const WrittenValue& v, const std::string& path) {
    if (!set_) {
      unit_ = v.unit;
      set_ = true;
    } else if (v.unit != unit_) {
      r_.error(path, fmt::format("expected the unit {} (a parameter's values share one unit), found {}",
                                 unit_.empty() ? "'' (none)" : scn::quote(unit_),
                                 r_.written(path, units::format_number(v.value))));
      return std::nullopt;
    }
    return v.value;
  }
  const std::string& unit() const { return unit_; }
  bool set() const { return set_; }

 private:
  scn::Reader& r_;
  std::string unit_;
  bool set_;
};

// The marginal of a parameter from its record (whose keys the schema has read); returns whether
// values, range or distribution was given (optional in an explicit design only).
bool read_marginal(scn::Reader& r, const Node& node, const ParameterRecord& in, const std::string& path,
                   sim::sweep::Parameter& out) {
  out.name = in.key;
  const std::string key_path = scn::join_path(path, "key");
  if (r.ok(key_path) && !in.key.empty() && !scn::parse_key_path(in.key)) {
    r.error(key_path, "expected a key path such as sites[2].halls[0].pue, found " + scn::quote(in.key));
  }
  const Node* values = node.find("values");
  const Node* range = node.find("range");
  const Node* dist = node.find("distribution");
  const int given = (values ? 1 : 0) + (range ? 1 : 0) + (dist ? 1 : 0);
  if (given > 1) {
    r.error(path, "expected one of values, range or distribution, found several");
    return true;
  }
  if (given == 0) return false;
  UnitOfParameter unit(r, "", false);
  Marginal& m = out.marginal;
  if (values) {
    const std::string vp = scn::join_path(path, "values");
    m.kind = Marginal::Kind::Values;
    for (std::size_t i = 0; i < in.values.size(); ++i) {
      if (auto v = unit(in.values[i], scn::index_path(vp, i))) m.values.push_back(*v);
    }
  } else if (range) {
    const std::string rp = scn::join_path(path, "range");
    m.kind = Marginal::Kind::Uniform;
    if (in.range.size() == 2) {
      const auto lo = unit(in.range[0], scn::index_path(rp, 0));
      const auto hi = unit(in.range[1], scn::index_path(rp, 1));
      if (lo && hi) {
        if (!(*lo < *hi))
          r.error(rp,
                  fmt::format("expected low < high, found low {}, high {}",
                              r.written(scn::index_path(rp, 0), ""), r.written(scn::index_path(rp, 1), "")));
        m.a = *lo;
        m.b = *hi;
      }
    }
  } else if (r.ok(scn::join_path(path, "distribution"))) {
    const std::string dp = scn::join_path(path, "distribution");
    const DistributionRecord& d = in.distribution;
    const auto get = [&](const char* key, const std::optional<WrittenValue>& v) -> std::optional<double> {
      const std::string kp = scn::join_path(dp, key);
      if (!v) {
        r.error(kp, fmt::format("required key is missing (a {} distribution needs it)", d.type));
        return std::nullopt;
      }
      return unit(*v, kp);
    };
    if (d.type.empty()) {
      if (r.ok(scn::join_path(dp, "type")))
        r.error(scn::join_path(dp, "type"),
                "required key is missing; expected " + scn::name_list(distribution_types()));
    } else if (d.type == "uniform" || d.type == "loguniform") {
      m.kind = d.type == "uniform" ? Marginal::Kind::Uniform : Marginal::Kind::LogUniform;
      const auto lo = get("low", d.low), hi = get("high", d.high);
      if (lo && hi) {
        m.a = *lo;
        m.b = *hi;
        if (!(m.a < m.b)) r.error(dp, "expected low < high");
        if (m.kind == Marginal::Kind::LogUniform && !(m.a > 0))
          r.error(dp, "expected low > 0 for loguniform");
      }
    } else if (d.type == "normal") {
      m.kind = Marginal::Kind::Normal;
      const auto mu = get("mean", d.mean), sd = get("sd", d.sd);
      if (mu && sd) {
        m.a = *mu;
        m.b = *sd;
        if (!(m.b > 0))
          r.error(scn::join_path(dp, "sd"),
                  "expected sd > 0, found " + r.written(scn::join_path(dp, "sd"), ""));
      }
    } else {
      m.kind = Marginal::Kind::Triangular;
      const auto lo = get("low", d.low), mode = get("mode", d.mode), hi = get("high", d.high);
      if (lo && mode && hi) {
        m.a = *lo;
        m.b = *mode;
        m.c = *hi;
        if (!(m.a <= m.b && m.b <= m.c && m.a < m.c)) r.error(dp, "expected low <= mode <= high, low < high");
      }
    }
  }
  if (in.steps) m.steps = static_cast<std::size_t>(*in.steps);
  out.units = unit.unit().empty() ? "1" : unit.unit();
  return true;
}

std::uint64_t saturating_product(std::uint64_t a, std::uint64_t b) {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  return a != 0 && b > kMax / a ? kMax : a * b;
}

// The design's points, counted without building it (a grid's product saturates, never wraps).
std::uint64_t planned_points(const sim::sweep::Plan& plan) {
  const sim::sweep::DesignSpec& spec = plan.design;
  const std::uint64_t dims = plan.parameters.size();
  switch (spec.kind) {
    case DesignKind::Explicit:
      return dims == 0 ? std::max<std::uint64_t>(spec.points.size(), 1) : spec.points.size();
    case DesignKind::Grid: {
      std::uint64_t n = 1;
      for (const auto& p : plan.parameters) {
        const Marginal& m = p.marginal;
        n = saturating_product(n, m.kind == Marginal::Kind::Values ? m.values.size() : m.steps);
      }
      return n;
    }
    case DesignKind::LatinHypercube:
      return spec.samples;
    case DesignKind::Sobol:
      return saturating_product(spec.samples, spec.second_order ? 2 * dims + 2 : dims + 2);
    case DesignKind::Morris:
      return saturating_product(spec.trajectories, dims + 1);
  }
  return 0;
}

// The message for a named scenario file that is not a readable regular file.
std::string scenario_file_message(std::string_view written, const std::string& problem) {
  if (problem == scn::kNoSuchFile) return "no such scenario file: " + scn::quote(written);
  return fmt::format("expected a scenario file, found {} ({})", scn::quote(written), problem);
}

// variants: a list of scenario files, each relative to the sweep file's folder or absolute (as a
// scenario's base:), each a valid scenario with a name of its own (the variant coordinate).
void read_variants(scn::Reader& r, const std::vector<std::string>& files, const fs::path& folder,
                   SweepFile& sweep) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string path = scn::index_path("variants", i);
    const scn::NamedScenarioFile p = scn::named_scenario_file(files[i], folder);
    if (!p.path) {
      r.error(path, p.problem);
      continue;
    }
    if (const std::string problem = scn::regular_file_problem(*p.path); !problem.empty()) {
      r.error(path, scenario_file_message(files[i], problem));
      continue;
    }
    const LoadResult loaded = rollout::load_scenario(*p.path);
    if (!loaded.ok()) {
      std::string first = loaded.errors.empty() ? std::string("not a valid scenario") : loaded.errors.front();
      r.error(path, "expected a valid scenario file, found " + std::to_string(loaded.errors.size()) +
                        " problem(s), the first: " + first);
      continue;
    }
    const std::string& name = loaded.scenario->name;
    if (!names.insert(name).second) {
      r.error(path, "expected variants with different scenario names (the variant coordinate), found " +
                        scn::quote(name) + " twice");
      continue;
    }
    sweep.plan.variants.push_back({name, files[i]});
    sweep.variant_files.push_back(*p.path);
    if (i == 0) sweep.base = *p.path;
  }
}

// The scenario a sweep runs: `base` or `variants` (rollout), neither (ishigami).
void read_scenarios(scn::Reader& r, const Node& doc, const SweepRecord& in, const fs::path& folder,
                    SweepFile& sweep) {
  const bool base = doc.find("base") != nullptr;
  const bool variants = doc.find("variants") != nullptr;
  if (in.model != "rollout") {
    if (variants) r.error("variants", "the ishigami model takes no variants");
    if (base) r.error("base", "the ishigami model takes no base scenario");
    return;
  }
  if (variants && base) {
    r.error("base",
            "expected either base (one scenario) or variants (several, the first the reference), found both");
  } else if (variants) {
    if (r.ok("variants")) read_variants(r, in.variants, folder, sweep);
  } else if (!base) {
    r.error(
        "base",
        "required key is missing (the base scenario file of a rollout sweep, or variants: a list of scenario "
        "files)");
  } else if (r.ok("base")) {
    const scn::NamedScenarioFile p = scn::named_scenario_file(in.base, folder);
    if (!p.path) {
      r.error("base", p.problem);
    } else if (const std::string problem = scn::regular_file_problem(*p.path); !problem.empty()) {
      r.error("base", scenario_file_message(in.base, problem));
    } else {
      sweep.base = *p.path;
    }
  }
}

std::size_t required_count(scn::Reader& r, const std::optional<std::int64_t>& value, const char* key,
                           std::string_view design) {
  const std::string path = scn::join_path("design", key);
  if (!value) {
    if (r.ok(path)) r.error(path, fmt::format("required key is missing (a {} design needs it)", design));
    return 0;
  }
  return static_cast<std::size_t>(*value);
}

// design.points of an explicit design: one map per point, setting every parameter in its unit.
void read_points(scn::Reader& r, const Node& points, const std::vector<char>& has_spec,
                 sim::sweep::Plan& plan) {
  sim::sweep::DesignSpec& spec = plan.design;
  if (points.kind != Node::Kind::List || points.items.empty()) {
    r.error("design.points", "expected a list of points, each a map of parameter key: value");
    return;
  }
  scn::RecordInfo keys{.name = "point"};
  for (const auto& p : plan.parameters) {
    keys.fields.push_back({.key = p.name, .type = scn::Type::Value});
  }
  std::vector<UnitOfParameter> units;
  for (std::size_t i = 0; i < plan.parameters.size(); ++i) {
    const std::string& u = plan.parameters[i].units;
    units.emplace_back(r, u == "1" ? "" : u, has_spec[i] != 0);
  }
  for (std::size_t i = 0; i < points.items.size(); ++i) {
    const Node& pt = points.items[i];
    const std::string path = scn::index_path("design.points", i);
    r.note(path, pt);
    if (!r.expect_map(pt, path, "parameter")) continue;
    r.check_keys(pt, path, keys);
    std::vector<double> row;
    for (std::size_t k = 0; k < plan.parameters.size(); ++k) {
      const std::string value_path = scn::join_path(path, plan.parameters[k].name);
      const Node* v = pt.find(plan.parameters[k].name);
      if (v == nullptr) {
        r.error(pt.origin, value_path, "required key is missing (every point sets every parameter)");
        continue;
      }
      r.note(value_path, *v);
      WrittenValue written;
      if (!r.read(*v, value_path, keys.fields[k], written)) continue;
      if (auto x = units[k](written, value_path)) row.push_back(*x);
    }
    spec.points.push_back(std::move(row));
  }
  for (std::size_t k = 0; k < plan.parameters.size(); ++k) {
    if (!has_spec[k]) plan.parameters[k].units = units[k].unit().empty() ? "1" : units[k].unit();
  }
}

void read_design(scn::Reader& r, const Node& doc, const DesignRecord& in, const std::vector<char>& has_spec,
                 sim::sweep::Plan& plan) {
  sim::sweep::DesignSpec& spec = plan.design;
  spec.kind = plan.parameters.empty() ? DesignKind::Explicit : DesignKind::Grid;
  const Node* design = doc.find("design");
  if (design == nullptr || !r.ok("design")) return;
  if (in.type.empty()) {
    if (r.ok("design.type"))
      r.error("design.type",
              "required key is missing; expected one of " + scn::name_list(sim::sweep::design_names()));
    return;
  }
  const sim::sweep::DesignType* type = sim::sweep::find_design_type(in.type);
  if (type == nullptr) return;  // the schema's choices are the design table's names: reported there
  spec.kind = type->kind;
  if (spec.kind == DesignKind::LatinHypercube || spec.kind == DesignKind::Sobol)
    spec.samples = required_count(r, in.samples, "samples", type->name);
  if (spec.kind == DesignKind::Morris) {
    spec.trajectories = required_count(r, in.trajectories, "trajectories", type->name);
    spec.levels = static_cast<std::size_t>(in.levels);
  }
  spec.second_order = in.second_order;
  if (spec.kind == DesignKind::Explicit) {
    const Node* points = design->find("points");
    if (points == nullptr) {
      r.error("design.points", "required key is missing (an explicit design lists its points)");
    } else {
      read_points(r, *points, has_spec, plan);
    }
  }
}

SweepLoad load(const std::string& text, const std::string& display, const fs::path& folder) {
  scn::Diagnostics diags;
  scn::Sources sources;
  const int source =
      sources.add({scn::Source::Role::Scenario, display, fs::path(display).filename().string(), text, {}});
  scn::Budget budget{scn::Limits::kNodes, scn::Limits::kDepth};
  SweepLoad out;
  const auto fail = [&] {
    out.errors = diags.format(sources);
    return out;
  };
  if (text.size() > scn::Limits::kFileBytes) {
    diags.add(
        {source, 0, 0}, "",
        fmt::format("the sweep file is {} bytes; the limit is {}", text.size(), scn::Limits::kFileBytes));
    return fail();
  }
  std::optional<Node> doc = scn::parse_yaml(text, source, budget, diags);
  if (!doc) return fail();
  if (doc->kind != Node::Kind::Map) {
    diags.add({source, 1, 1}, "",
              "expected a map of sweep keys (title, model, base, parameters, design, ...)");
    return fail();
  }
  scn::Reader r(diags, sources);
  SweepRecord in;
  sweep_schema().parse(*doc, "", in, r);

  SweepFile sweep;
  sweep.path = display;
  sweep.text = text;
  sim::sweep::Plan& plan = sweep.plan;
  plan.title = in.title;
  plan.model = in.model;
  read_scenarios(r, *doc, in, folder, sweep);
  plan.master_seed = in.seed;
  plan.replications = static_cast<std::size_t>(in.replications);
  plan.random_numbers = in.random_numbers == "independent" ? sim::sweep::RandomNumbers::Independent
                                                           : sim::sweep::RandomNumbers::Common;
  plan.bootstrap = static_cast<std::size_t>(in.bootstrap);
  plan.confidence = in.confidence;
  plan.keep = in.keep == "series"  ? sim::sweep::Keep::Series
              : in.keep == "bands" ? sim::sweep::Keep::Bands
                                   : sim::sweep::Keep::Headline;
  plan.series_interval_days = in.series_interval.value_or(0);
  sweep.keep_location = r.location(r.origin("keep"));
  if (!in.indicators.empty() && plan.model != "rollout") {
    r.error("indicators", "expected no `indicators` for the " + plan.model +
                              " model (it has one indicator, y), found a list; they select the rollout's");
  }
  sweep.indicators = in.indicators;
  // In the plan's hash: a journal or part file that kept other indicators is not resumed or merged
  // with this sweep's.
  for (const std::string& name : in.indicators)
    plan.model_digest += (plan.model_digest.empty() ? "indicators: " : ", ") + name;
  for (std::size_t i = 0; i < in.indicators.size(); ++i)
    sweep.indicator_locations.push_back(r.location(r.origin(scn::index_path("indicators", i))));

  // Parameters.
  std::vector<char> has_spec;
  if (const Node* ps = doc->find("parameters"); ps != nullptr && r.ok("parameters")) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < in.parameters.size() && i < ps->items.size(); ++i) {
      sim::sweep::Parameter p;
      const std::string path = scn::index_path("parameters", i);
      has_spec.push_back(read_marginal(r, ps->items[i], in.parameters[i], path, p));
      if (!p.name.empty() && !seen.insert(p.name).second)
        r.error(path, "parameter " + scn::quote(p.name) + " is given twice");
      plan.parameters.push_back(std::move(p));
    }
  }
  read_design(r, *doc, in.design, has_spec, plan);
  const sim::sweep::DesignSpec& spec = plan.design;
  for (std::size_t i = 0; i < has_spec.size(); ++i) {
    if (!has_spec[i] && spec.kind != DesignKind::Explicit)
      r.error(scn::index_path("parameters", i),
              "expected one of values, range or distribution (only an explicit design lists values in its "
              "points)");
  }
  if (spec.kind == DesignKind::Grid) {
    for (std::size_t i = 0; i < plan.parameters.size(); ++i) {
      const Marginal& m = plan.parameters[i].marginal;
      if (has_spec[i] && m.kind != Marginal::Kind::Values && m.steps == 0)
        r.error(scn::index_path("parameters", i), "a grid needs values, or a range with steps");
    }
  }
  if (!plan.variants.empty() && (spec.kind == DesignKind::Sobol || spec.kind == DesignKind::Morris)) {
    r.error("variants",
            "expected an explicit, grid or lhs design with variants (sensitivity indices are computed per "
            "sweep: run one Sobol' or Morris sweep per variant), found a " +
                std::string(sim::sweep::design_name(spec.kind)) + " design");
  }
  if (diags.empty()) {
    const std::uint64_t points =
        saturating_product(planned_points(plan), std::max<std::uint64_t>(plan.variants.size(), 1));
    const std::uint64_t runs = saturating_product(points, plan.replications);
    if (runs > SweepLimits::kRuns) {
      const auto count = [](std::uint64_t n) {
        return n == std::numeric_limits<std::uint64_t>::max() ? std::string("2^64 or more")
                                                              : fmt::format("{}", n);
      };
      const char* key = doc->find("design")       ? "design"
                        : doc->find("parameters") ? "parameters"
                                                  : "replications";
      r.error(key,
              fmt::format("expected at most {} runs (design points x replications), found {} ({} points x {} "
                          "{}); that is the limit",
                          SweepLimits::kRuns, count(runs), count(points), plan.replications,
                          plan.replications == 1 ? "replication" : "replications"));
    } else if (plan.model == "rollout" && plan.keep != sim::sweep::Keep::Headline && sweep.base) {
      // Every run's kept series stay in memory until the file is written. The base scenario gives
      // the time axis (an invalid base is reported when the sweep loads it to run).
      const LoadResult scenario = rollout::load_scenario(*sweep.base);
      if (scenario.ok()) {
        const std::string problem = kept_series_problem(plan, *scenario.scenario, runs);
        if (!problem.empty()) r.error("keep", problem);
      }
    }
  }
  if (!diags.empty()) return fail();
  if (plan.model == "ishigami") {
    try {
      std::vector<std::string> names;
      for (const auto& p : plan.parameters) names.push_back(p.name);
      sim::sweep::IshigamiModel check(names);
    } catch (const std::exception& e) {
      r.error("parameters", e.what());
      return fail();
    }
  }
  out.sweep = std::move(sweep);
  return out;
}

}  // namespace

SweepLoad load_sweep_text(const std::string& text, const std::string& display, const fs::path& folder) {
  return load(text, display, folder);
}

SweepLoad load_sweep(const fs::path& file) {
  const scn::FileText read = scn::read_text_file(file, scn::Limits::kFileBytes);
  if (!read.text)
    return SweepLoad{std::nullopt, {file.generic_string() + ": cannot read the sweep file: " + read.problem}};
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  return load(*read.text, file.generic_string(), folder);
}

std::vector<std::string> point_overrides(const sim::sweep::Plan& plan, std::span<const double> values) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < plan.parameters.size() && i < values.size(); ++i) {
    const auto& p = plan.parameters[i];
    out.push_back(p.name + "=" + units::format_number(values[i]) + (p.units == "1" ? "" : " " + p.units));
  }
  return out;
}

std::unique_ptr<sim::sweep::RunModel> make_model(SweepFile& sweep, const sim::sweep::Design& design,
                                                 const ModelOptions& options) {
  if (sweep.plan.model == "ishigami") {
    std::vector<std::string> names;
    for (const auto& p : sweep.plan.parameters) names.push_back(p.name);
    return std::make_unique<sim::sweep::IshigamiModel>(names);
  }
  return make_rollout_model(sweep, design, options);
}

}  // namespace models::sweep
