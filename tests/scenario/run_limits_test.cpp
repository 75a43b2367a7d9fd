// The limits that need the size of a run's recording before the run (docs/limits.md): the
// counts of models/rollout/layout.h against the recorder's real schema and rows, the series a
// rollout sweep keeps against the sweep model's real time axis, and the limits at their edges.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "models/rollout/layout.h"
#include "models/rollout/rollout.h"
#include "models/scenario/loader.h"
#include "models/scenario/schema.h"
#include "models/sweep/rollout_run.h"
#include "models/sweep/sweep_file.h"
#include "sim/recorder.h"
#include "sim/sweep/design.h"

namespace models {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(SOVSIM_SOURCE_DIR) / "tests" / "scenario" / "data";

Scenario load_ok(const fs::path& file, const std::vector<std::string>& overrides = {}) {
  LoadResult r = load_scenario(file, overrides);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front());
  return r.scenario.value_or(Scenario{});
}

// Each case: a scenario file and overrides, chosen so that the interval divides the horizon or
// not, equals it, exceeds it, has no corridors, more sites, zones and buyers.
struct LayoutCase {
  const char* file;
  std::vector<std::string> overrides;
};

class Layout : public testing::TestWithParam<LayoutCase> {};

TEST_P(Layout, CountsTheSamplesAndRowValuesTheRecorderWrites) {
  const Scenario s = load_ok(kData / GetParam().file, GetParam().overrides);
  sim::MemorySink sink;
  rollout::RunOptions options;
  options.sink = &sink;
  ASSERT_TRUE(rollout::run_rollout(s, options).completed);
  EXPECT_EQ(rollout::recorded_samples(s), sink.rows());
  EXPECT_EQ(rollout::row_values(s), sink.schema().row_size);
  // The writer stores every value of a row and the row's time as float64.
  EXPECT_EQ(rollout::output_bytes(s),
            static_cast<double>((sink.data().size() + sink.rows()) * sizeof(double)));
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, Layout,
    testing::Values(LayoutCase{"full.yaml", {}},                                   // 7 days, corridors
                    LayoutCase{"minimal.yaml", {}},                                // daily, 366 samples
                    LayoutCase{"minimal.yaml", {"sample_interval=0.8766 hours"}},  // does not divide
                    LayoutCase{"minimal.yaml", {"sample_interval=365 days"}},      // the horizon: 2
                    LayoutCase{"minimal.yaml", {"sample_interval=400 days"}},      // beyond it: 1
                    LayoutCase{"minimal.yaml", {"corridors=[]"}},                  // no corridors
                    LayoutCase{"variant.yaml", {}}));

TEST(SampleInterval, FarBeyondTheHorizonSamplesOnlyTheStart) {
  // Before the interval was clamped, llround overflowed and the model sampled every tick: the
  // run is stopped after 3 samples so that such a model fails here instead of filling memory.
  const Scenario s = load_ok(kData / "minimal.yaml", {"sample_interval=1e300 days"});
  EXPECT_EQ(rollout::recorded_samples(s), 1u);
  sim::MemorySink sink;
  rollout::RunOptions options;
  options.sink = &sink;
  options.on_sample = [&](sim::Ticks, sim::Ticks) { return sink.rows() < 3; };
  rollout::run_rollout(s, options);
  EXPECT_EQ(sink.rows(), 1u);
}

// The series a rollout sweep keeps: kept_series() against the model's own time axis.
TEST(KeptSeries, MatchTheTimeAxisOfTheSweepModel) {
  for (const char* interval : {"", "series_interval: 7 days\n", "series_interval: 10 years\n"}) {
    const std::string text = std::string("base: minimal.yaml\nreplications: 2\nkeep: series\n") + interval;
    models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(text, "t.sweep.yaml", kData);
    ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front());
    models::sweep::SweepFile& file = *loaded.sweep;
    const sim::sweep::Design design =
        sim::sweep::make_design(file.plan.parameters, file.plan.design, file.plan.master_seed);
    const auto model = models::sweep::make_model(file, design);
    const models::sweep::KeptSeries kept =
        models::sweep::kept_series(file.plan, load_ok(kData / "minimal.yaml"));
    EXPECT_EQ(kept.steps, model->outputs().times.size()) << interval;
    EXPECT_EQ(kept.series, model->outputs().series.size()) << interval;
  }
}

TEST(KeptSeries, AreBoundedAtSixteenGiBForAllRuns) {
  const Scenario s = load_ok(kData / "minimal.yaml");
  sim::sweep::Plan plan;
  plan.keep = sim::sweep::Keep::Bands;
  const models::sweep::KeptSeries kept = models::sweep::kept_series(plan, s);
  ASSERT_EQ(kept.steps, 366u);
  const auto fits = static_cast<std::uint64_t>(
      std::floor(models::sweep::kMaxKeptSeriesBytes / (8.0 * kept.series * kept.steps)));
  EXPECT_EQ(models::sweep::kept_series_problem(plan, s, fits), "");
  const std::string problem = models::sweep::kept_series_problem(plan, s, fits + 1);
  EXPECT_NE(problem.find("expected at most 16 GiB"), std::string::npos) << problem;
  // 17 national series, 2 per buyer and 6 per buyer and idle reason (the minimal example has one
  // buyer).
  EXPECT_NE(problem.find(std::to_string(fits + 1) + " runs x 25 series x 366 time steps"), std::string::npos)
      << problem;
  EXPECT_NE(problem.find("that is the limit"), std::string::npos) << problem;
  plan.keep = sim::sweep::Keep::Headline;
  EXPECT_EQ(models::sweep::kept_series_problem(plan, s, 1'000'000), "") << "keep: headline keeps no series";
}

// minimal.yaml has one order of 1 unit of 8 GPUs and 365 days: with one failure per GPU-day,
// installed_at_start = N gives 8 (N + 1) 365 candidate failures.
TEST(FailureCandidates, AreBoundedAtOneBillionPerRun) {
  const std::vector<std::string> rate = {"operations.failures_per_gpu_day=1"};
  auto with_units = [&](int installed) {
    std::vector<std::string> o = rate;
    o.push_back("orders[0].installed_at_start=" + std::to_string(installed));
    return load_scenario(kData / "minimal.yaml", o);
  };
  const LoadResult at = with_units(342464);  // 999,997,800
  EXPECT_TRUE(at.ok()) << (at.errors.empty() ? "" : at.errors.front());
  const LoadResult over = with_units(342465);  // 1,000,000,720
  ASSERT_EQ(over.errors.size(), 1u);
  EXPECT_NE(over.errors[0].find("orders: expected at most 1000000000 candidate failures per run on average"),
            std::string::npos)
      << over.errors[0];
  EXPECT_NE(over.errors[0].find("found 1000000720 = 1 per GPU-day x 2739728 GPUs x 365 days"),
            std::string::npos)
      << over.errors[0];
}

}  // namespace
}  // namespace models
