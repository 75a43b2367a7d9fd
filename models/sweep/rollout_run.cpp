#include "models/sweep/rollout_run.h"

#include <cmath>
#include <stdexcept>

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
    sample_days_ = s0.sample_interval_days;
    stride_ = plan_.series_interval_days > 0
                  ? std::max<std::size_t>(
                        1, static_cast<std::size_t>(std::llround(plan_.series_interval_days / sample_days_)))
                  : 1;

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
  double sample_days_ = 1;
  std::size_t stride_ = 1;
  std::size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<sim::sweep::RunModel> make_rollout_model(SweepFile& sweep, const sim::sweep::Design& design,
                                                         const ModelOptions& options) {
  return std::make_unique<RolloutSweepModel>(sweep, design, options.check_invariants);
}

}  // namespace models::sweep
