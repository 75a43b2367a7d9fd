#include "models/sweep/rollout_run.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/rollout/layout.h"
#include "models/rollout/rollout.h"
#include "models/scenario/loader.h"
#include "sim/recorder.h"

namespace models::sweep {
namespace {

namespace ro = models::rollout;

// Site series summed to national totals (all additive).
const char* const kSiteSeries[] = {"it_power_mw", "power_draw_mw",  "energy_mwh",
                                   "emissions_t", "compute_pflops", "gpus_entered_service"};

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

class RolloutSweepModel final : public sim::sweep::RunModel {
 public:
  RolloutSweepModel(SweepFile& sweep, const sim::sweep::Design& design, bool check_invariants)
      : plan_(sweep.plan), check_invariants_(check_invariants) {
    const LoadResult base = load_scenario(*sweep.base);
    if (!base.ok()) throw std::runtime_error("the base scenario is not valid:\n" + join(base.errors));
    sweep.base_resolved_yaml = base.provenance.resolved_yaml;
    resolved_ = base.provenance.resolved_yaml;
    display_ = base.provenance.path + " (resolved)";
    folder_ = sweep.base->parent_path();
    const std::vector<double> first(design.values.begin(),
                                    design.values.begin() + static_cast<std::ptrdiff_t>(design.dims));
    const Scenario s0 = load(first);  // rejects bad overrides before any run starts
    keep_series_ = plan_.keep != sim::sweep::Keep::Headline;
    const KeptSeries kept = kept_series(plan_, s0);
    stride_ = kept.stride;
    if (keep_series_) {
      // The sweep file's load checked this on the base scenario's time axis; point 0 fixes the
      // runs' time axis, and may differ (a parameter that sets sample_interval, start or end).
      const std::string problem = kept_series_problem(plan_, s0, sim::sweep::run_count(plan_, design));
      if (!problem.empty()) throw std::runtime_error(sweep.keep_location + ": keep: " + problem);
    }

    auto& ind = outputs_.indicators;
    ind = {{"gpus_ordered", "1", "GPUs ordered"},
           {"gpus_entered_service", "1", "GPUs that entered service within the horizon"},
           {"gpus_operational_at_end", "1", "GPUs operational at the end of the horizon"},
           {"days_to_50pct", "days", "days from the start until 50 % of GPUs ordered had entered service"},
           {"days_to_90pct", "days", "days from the start until 90 % of GPUs ordered had entered service"},
           {"days_to_100pct", "days", "days from the start until every GPU ordered had entered service"},
           {"peak_facility_power_mw", "MW", "peak national committed facility power"},
           {"peak_power_draw_mw", "MW", "peak national average facility power draw"},
           {"energy_twh", "TW h", "facility energy over the horizon"},
           {"emissions_mt", "Mt", "emissions over the horizon, Mt CO2e"},
           {"electricity_cost_krw", "KRW", "cost of grid electricity over the horizon"}};
    for (std::string_view state : ro::kGpuStateNames)
      ind.push_back({"gpu_days_" + std::string(state), "days", "GPU-days spent " + std::string(state)});
    // A milestone not reached by the horizon is right-censored: in sensitivity indices it counts as
    // the horizon end (midnight after `end`, in days from point 0's start).
    const double horizon_end =
        static_cast<double>(sim::days_from_civil(s0.end) + 1 - sim::days_from_civil(s0.start));
    outputs_.censored_values.assign(ind.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < ind.size(); ++i) {
      if (ind[i].name.starts_with("days_to_")) outputs_.censored_values[i] = horizon_end;
    }

    if (keep_series_) {
      for (const char* name : kSiteSeries)
        outputs_.series.push_back(
            {std::string("national_") + name, "", std::string("national total of ") + name});
      for (std::string_view state : ro::kGpuStateNames)
        outputs_.series.push_back(
            {"gpus_" + std::string(state), "1", "GPUs " + std::string(state) + ", national"});
      // One run of the first point fixes the time axis and the series' units.
      sim::MemorySink sink;
      ro::RunOptions options;
      options.seed = 0;
      options.sink = &sink;
      ro::run_rollout(s0, options);
      for (std::size_t i = 0; i < std::size(kSiteSeries); ++i) {
        for (const auto& v : sink.schema().series) {
          if (v.name == kSiteSeries[i]) outputs_.series[i].units = v.units;
        }
      }
      rows_ = sink.rows();
      if (rows_ != kept.samples) {
        throw std::logic_error(
            fmt::format("rollout sweep: the first run recorded {} samples, models/rollout/layout.h counts {}",
                        rows_, kept.samples));
      }
      for (std::size_t r = 0; r < rows_; r += stride_)
        outputs_.times.push_back(sim::to_days(sink.times()[r]));
      outputs_.time_units = sink.schema().calendar.cf_time_units();
    }
  }

  const sim::sweep::ModelOutputs& outputs() const override { return outputs_; }

  sim::sweep::RunResult run(const sim::sweep::RunInput& input) const override {
    const Scenario s = load(input.values);
    ro::RunOptions options;
    options.seed = input.seed;
    options.check_invariants = check_invariants_;
    sim::MemorySink sink;
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
    auto& v = r.indicators;
    v = {static_cast<double>(h.gpus_ordered),
         static_cast<double>(h.gpus_entered_service),
         static_cast<double>(h.gpus_operational_at_end),
         h.national.days[0],
         h.national.days[1],
         h.national.days[2],
         h.peak_facility_power_mw,
         h.peak_power_draw_mw,
         h.energy_twh,
         h.emissions_mt,
         h.electricity_cost_krw};
    for (double d : h.gpu_days) v.push_back(d);
    if (keep_series_) {
      if (sink.rows() != rows_) {
        throw std::runtime_error(
            "run " + std::to_string(input.run) +
            " has a different time axis than the base; keep: headline for parameters that "
            "change start, end or sample_interval");
      }
      const std::size_t kept = outputs_.times.size();
      r.series.assign(outputs_.series.size() * kept, 0.0);
      for (std::size_t i = 0; i < std::size(kSiteSeries); ++i) {
        for (std::size_t k = 0; k < kept; ++k) {
          double sum = 0;
          for (double x : sink.series(kSiteSeries[i], k * stride_)) sum += x;
          r.series[i * kept + k] = sum;
        }
      }
      for (std::size_t k = 0; k < kept; ++k) {
        const auto states = sink.series("gpus_national", k * stride_);
        for (std::size_t g = 0; g < states.size() && g < ro::kGpuStateCount; ++g)
          r.series[(std::size(kSiteSeries) + g) * kept + k] = states[g];
      }
    }
    return r;
  }

 private:
  Scenario load(std::span<const double> values) const {
    const LoadResult r = load_scenario_text(resolved_, display_, folder_, point_overrides(plan_, values));
    if (!r.ok()) throw std::runtime_error("a design point's values were rejected:\n" + join(r.errors));
    return *r.scenario;
  }

  sim::sweep::Plan plan_;
  bool check_invariants_ = false;
  std::string resolved_;
  std::string display_;
  std::filesystem::path folder_;
  sim::sweep::ModelOutputs outputs_;
  bool keep_series_ = false;
  std::size_t stride_ = 1;
  std::size_t rows_ = 0;
};

}  // namespace

KeptSeries kept_series(const sim::sweep::Plan& plan, const Scenario& scenario) {
  KeptSeries k;
  k.series = std::size(kSiteSeries) + ro::kGpuStateCount;
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
