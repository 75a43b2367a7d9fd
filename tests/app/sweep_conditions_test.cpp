// Targets and observations in a sweep, end to end on the minimal example with conditions added:
// per-run flags, P(met) with its Wilson interval per point, the runs consistent with every
// observation and the bands over them, all checked against the runs' own values.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/sweep_common.h"
#include "models/sweep/sweep_file.h"
#include "sim/sweep/conditioning.h"
#include "sim/sweep/runner.h"
#include "sim/sweep/statistics.h"

namespace sovsim::cli::sweep {
namespace {

namespace fs = std::filesystem;
namespace sw = sim::sweep;

// The hall is built from 2026-01-01 in 6 to 9 months (triangular tasks), so whether it is ready
// by 20 August, and all servers in service by 5 September, varies between runs (about half each).
const std::string kConditions =
    "base: minimal.yaml\n"
    "name: minimal-conditions\n"
    "targets:\n"
    "  - {name: all-by-sep, quantity: gpus_entered_service, comparison: at_least, threshold: 128, date: "
    "2026-09-05}\n"
    "  - {name: sure, quantity: gpus_entered_service, comparison: at_least, threshold: 0, date: 2026-02-01}\n"
    "observations:\n"
    "  - {name: hall-by-aug, quantity: halls_ready, site: site, value: 1, date: 2026-08-20, source: test}\n";

struct Fixture {
  Context context;
  Results results;
};

Fixture run_sweep(std::size_t replications) {
  const fs::path dir = fs::path(SOVSIM_BINARY_DIR) / "tests" / "app" / "sweep_conditions";
  fs::create_directories(dir);
  fs::copy_file(fs::path(SOVSIM_SOURCE_DIR) / "scenarios" / "examples" / "minimal.yaml", dir / "minimal.yaml",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "conditions.yaml") << kConditions;
  const std::string text =
      "base: conditions.yaml\nreplications: " + std::to_string(replications) + "\nkeep: bands\n";
  models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(text, "t.sweep.yaml", dir);
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front());
  models::sweep::SweepFile& file = *loaded.sweep;
  Fixture f;
  f.context.plan = file.plan;
  f.context.design = sw::make_design(file.plan.parameters, file.plan.design, file.plan.master_seed);
  const auto model = models::sweep::make_model(file, f.context.design);
  f.context.outputs = model->outputs();
  for (std::uint64_t r = 0; r < sw::run_count(file.plan, f.context.design); ++r)
    f.results[r] = model->run(sw::make_input(file.plan, f.context.design, r));
  return f;
}

std::size_t indicator(const Context& c, const std::string& name) {
  for (std::size_t i = 0; i < c.outputs.indicators.size(); ++i) {
    if (c.outputs.indicators[i].name == name) return i;
  }
  throw std::runtime_error("no indicator " + name);
}

TEST(SweepConditions, ProbabilitiesIntervalsAndRejectionBands) {
  const std::size_t reps = 40;
  const Fixture f = run_sweep(reps);
  const Context& c = f.context;
  const std::size_t met = indicator(c, "target_met_all-by-sep");
  EXPECT_EQ(c.outputs.indicators[met].role, sw::Role::Target);
  EXPECT_EQ(c.outputs.indicators[met].label, "all-by-sep");
  const std::size_t matched = indicator(c, "observation_matched_hall-by-aug");
  EXPECT_EQ(c.outputs.indicators[matched].role, sw::Role::Observation);

  std::size_t k = 0, kept = 0;
  std::vector<double> entered_kept;
  const std::size_t entered = indicator(c, "gpus_entered_service_at_end");
  for (const auto& [run, r] : f.results) {
    k += r.indicators[met] == 1 ? 1 : 0;
    if (r.indicators[matched] == 1) {
      ++kept;
      entered_kept.push_back(r.indicators[entered]);
    }
  }
  // The test means something only if both outcomes occur.
  ASSERT_GT(k, 0u);
  ASSERT_LT(k, reps);
  ASSERT_GT(kept, 0u);
  ASSERT_LT(kept, reps);

  const output::SweepFileContent file = final_content(c, f.results);
  const auto* target = file.dimension("target");
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->labels, (std::vector<std::string>{"all-by-sep", "sure"}));
  const sw::Proportion expected = sw::wilson_interval(k, reps);
  EXPECT_DOUBLE_EQ(file.variable("target_probability")->values.at(0), static_cast<double>(k) / reps);
  EXPECT_DOUBLE_EQ(file.variable("target_probability_low")->values.at(0), expected.low);
  EXPECT_DOUBLE_EQ(file.variable("target_probability_high")->values.at(0), expected.high);
  EXPECT_EQ(file.variable("target_runs_met")->values.at(0), static_cast<double>(k));
  EXPECT_EQ(file.variable("target_runs")->values.at(0), static_cast<double>(reps));
  EXPECT_EQ(file.variable("target_probability")->values.at(1), 1.0);  // "sure": 0 GPUs is always reached
  EXPECT_EQ(file.variable("target_probability_high")->values.at(1), 1.0);

  EXPECT_EQ(file.variable("consistent_runs")->values.at(0), static_cast<double>(kept));
  const auto* flags = file.variable("run_consistent");
  ASSERT_NE(flags, nullptr);
  for (std::size_t r = 0; r < reps; ++r)
    EXPECT_EQ(flags->values[r], f.results.at(r).indicators[matched] == 1 ? 1.0 : 0.0) << r;
  // The bands over consistent runs are the quantiles over exactly those runs.
  const auto* band = file.variable("gpus_entered_service_at_end_consistent_quantile");
  ASSERT_NE(band, nullptr);
  for (std::size_t l = 0; l < sw::kQuantileCount; ++l)
    EXPECT_DOUBLE_EQ(band->values[l], sw::quantile(entered_kept, sw::kQuantileLevels[l])) << l;
  ASSERT_NE(file.variable("gpus_entered_service_national_consistent_quantile"), nullptr);
  // Fewer than 30 consistent runs of 40 give a warning in the file.
  const bool warned = output::find_attribute(file.attributes, "history_matching_warning") != nullptr;
  EXPECT_EQ(warned, kept < sw::kMinConsistentRuns);
}

TEST(SweepConditions, RolesSurvivePartFilesForMerge) {
  Fixture f = run_sweep(3);
  f.context.hash = sw::plan_hash(f.context.plan);
  f.context.provenance = provenance(f.context.plan, f.context.design, f.context.outputs, "", "");
  const output::SweepFileContent part = part_content(f.context, f.results, 0, 1);
  const Context back = context_from_part(part);
  ASSERT_EQ(back.outputs.indicators.size(), f.context.outputs.indicators.size());
  for (std::size_t i = 0; i < back.outputs.indicators.size(); ++i) {
    EXPECT_EQ(back.outputs.indicators[i].role, f.context.outputs.indicators[i].role) << i;
    EXPECT_EQ(back.outputs.indicators[i].label, f.context.outputs.indicators[i].label) << i;
  }
}

}  // namespace
}  // namespace sovsim::cli::sweep
