// The rollout model in a sweep: common random numbers across design points and variants.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>

#include "models/sweep/sweep_file.h"
#include "sim/sweep/design.h"
#include "sim/sweep/runner.h"

namespace {

namespace fs = std::filesystem;
namespace sw = sim::sweep;

const fs::path kExamples = fs::path(SOVSIM_SOURCE_DIR) / "scenarios" / "examples";

// Bitwise equality, so that NaN (a date never reached) equals NaN.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

struct Swept {
  sw::Plan plan;
  std::vector<sw::RunResult> runs;  // in run order
};

Swept run_sweep(const std::string& text, const fs::path& folder) {
  models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(text, "t.sweep.yaml", folder);
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front());
  if (!loaded.ok()) return {};
  models::sweep::SweepFile& file = *loaded.sweep;
  const sw::Design design = sw::make_design(file.plan.parameters, file.plan.design, file.plan.master_seed);
  const auto model = models::sweep::make_model(file, design);
  Swept out{file.plan, {}};
  for (std::uint64_t r = 0; r < sw::run_count(file.plan, design); ++r)
    out.runs.push_back(model->run(sw::make_input(file.plan, design, r)));
  return out;
}

// The minimal example's 3 MW connection is below the assessment threshold, so the zone's
// reapply time is never used: two points that differ only there are the same scenario.
const std::string kUnusedParameter =
    "base: minimal.yaml\n"
    "replications: 6\n"
    "parameters:\n"
    "  - {key: zones.region.reapply_after, values: [30 days, 270 days]}\n";

TEST(CommonRandomNumbersAcrossPoints, PointsDifferingInAnUnusedParameterGiveIdenticalRuns) {
  const Swept s = run_sweep(kUnusedParameter, kExamples);
  ASSERT_EQ(s.plan.random_numbers, sw::RandomNumbers::Common);
  ASSERT_EQ(s.runs.size(), 12u);
  for (std::size_t r = 0; r < 6; ++r)
    EXPECT_TRUE(same_bits(s.runs[r].indicators, s.runs[6 + r].indicators)) << "replication " << r;
  // Replications differ from each other (the test would pass trivially otherwise).
  EXPECT_FALSE(same_bits(s.runs[0].indicators, s.runs[1].indicators));
}

TEST(CommonRandomNumbersAcrossPoints, IndependentGivesEveryRunItsOwnSeed) {
  const Swept s = run_sweep(kUnusedParameter + "random_numbers: independent\n", kExamples);
  ASSERT_EQ(s.plan.random_numbers, sw::RandomNumbers::Independent);
  int differ = 0;
  for (std::size_t r = 0; r < 6; ++r) differ += !same_bits(s.runs[r].indicators, s.runs[6 + r].indicators);
  EXPECT_GT(differ, 0);
}

}  // namespace
