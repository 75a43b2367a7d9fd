// The paired comparison read back as a struct (output/sweep/comparison_summary.h) from a real
// `sovsim compare` of the minimal example: each indicator's mean difference equals the mean of
// variant - reference over the replications where both runs have a value, computed here from the
// file's per-run values; medians, pair counts and shares agree with the file.
#include "output/sweep/comparison_summary.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "output/reader.h"
#include "tests/app/run_cli.h"

namespace sovsim::cli {
namespace {

namespace fs = std::filesystem;

TEST(ComparisonSummary, StructAgreesWithThePerRunValuesOfARealComparison) {
  const fs::path dir =
      fs::temp_directory_path() / ("sovsim-comparison-summary-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(fs::path(SOVSIM_SOURCE_DIR) / "scenarios/examples/minimal.yaml", dir / "minimal.yaml");
  std::ofstream(dir / "sooner.yaml")
      << "base: minimal.yaml\nname: minimal-sooner\n"
         "logistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n";
  const fs::path file = dir / "c.h5";
  const std::size_t reps = 6;
  const Result r = sovsim({"compare", (dir / "minimal.yaml").string(), (dir / "sooner.yaml").string(), "-n",
                           std::to_string(reps), "-q", "-o", file.string()});
  ASSERT_EQ(r.code, kExitOk) << r.err;

  const std::vector<std::string> variables = output::list_variables(file);
  const std::optional<output::sweep::ComparisonSummary> s = output::sweep::read_comparison(file, variables);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->reference, "minimal");
  EXPECT_EQ(s->replications, std::to_string(reps));
  EXPECT_EQ(s->design_points, 1u);
  ASSERT_EQ(s->variants.size(), 1u);
  const output::sweep::VariantComparison& v = s->variants[0];
  EXPECT_EQ(v.label, "minimal-sooner");
  EXPECT_EQ(v.file, "sooner.yaml");
  ASSERT_GT(v.indicators.size(), 5u);
  std::size_t changed = 0;
  for (const output::sweep::PairedIndicator& c : v.indicators) {
    SCOPED_TRACE(c.name);
    const std::vector<double> y =
        output::read_variable(file, c.name).values;  // runs: reference, then variant
    ASSERT_EQ(y.size(), 2 * reps);
    double sum = 0;
    std::size_t both = 0;
    for (std::size_t k = 0; k < reps; ++k) {
      if (std::isnan(y[k]) || std::isnan(y[reps + k])) continue;
      sum += y[reps + k] - y[k];
      ++both;
    }
    EXPECT_EQ(c.pairs, static_cast<double>(both));
    EXPECT_EQ(c.pairs + c.censored_reference + c.censored_variant + c.censored_both,
              static_cast<double>(reps));
    if (both > 0) {
      EXPECT_NEAR(c.mean, sum / static_cast<double>(both), 1e-9 * (1 + std::fabs(c.mean)));
    }
    if (c.direction == "lower" || c.direction == "higher") {
      EXPECT_NEAR(c.better + c.worse + c.equal + c.undetermined, 1.0, 1e-12);
    }
    const std::vector<double> q = output::read_variable(file, c.name + "_quantile").values;  // point x level
    const std::size_t levels = q.size() / 2;
    if (!std::isnan(c.reference_median)) {
      EXPECT_EQ(c.reference_median, q[levels / 2]);
      EXPECT_EQ(c.variant_median, q[levels + levels / 2]);
    }
    EXPECT_FALSE(c.quantiles.empty());
    if (c.equal < 1.0) ++changed;
  }
  EXPECT_GT(changed, 0u) << "faster transit changed nothing";
  fs::remove_all(dir);
}

TEST(ComparisonSummary, AFileWithoutAComparisonHasNone) {
  EXPECT_FALSE(output::sweep::read_comparison("unused.h5", {"seed", "run_point"}).has_value());
}

}  // namespace
}  // namespace sovsim::cli
