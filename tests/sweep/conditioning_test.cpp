// Wilson intervals against known values (computed independently from the score-interval formula
// in double precision), proportions per point, rejection and the quantiles over kept runs, the
// conditions' flags taken from the runs by role, and the bands of series per point.
#include "sim/sweep/conditioning.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sim/sweep/bands.h"
#include "sim/sweep/statistics.h"

namespace sim::sweep {
namespace {

TEST(Wilson, KnownValues) {
  struct Case {
    std::size_t k, n;
    double low, high;
  };
  for (const Case c : {Case{0, 10, 0.0, 0.2775327999}, Case{5, 10, 0.2365930905, 0.7634069095},
                       Case{10, 10, 0.7224672001, 1.0}, Case{1, 20, 0.0088814488, 0.2361311934},
                       Case{32, 64, 0.3810209474, 0.6189790526}, Case{60, 64, 0.8500251491, 0.9754287986}}) {
    const Proportion p = wilson_interval(c.k, c.n);
    EXPECT_EQ(p.k, c.k);
    EXPECT_EQ(p.n, c.n);
    EXPECT_DOUBLE_EQ(p.p, static_cast<double>(c.k) / static_cast<double>(c.n));
    EXPECT_NEAR(p.low, c.low, 1e-9) << c.k << "/" << c.n;
    EXPECT_NEAR(p.high, c.high, 1e-9) << c.k << "/" << c.n;
  }
}

TEST(Wilson, ClosedEndsAndNoRuns) {
  EXPECT_EQ(wilson_interval(0, 64).low, 0.0);
  EXPECT_EQ(wilson_interval(64, 64).high, 1.0);
  const Proportion none = wilson_interval(0, 0);
  EXPECT_TRUE(std::isnan(none.p) && std::isnan(none.low) && std::isnan(none.high));
}

TEST(Wilson, ProportionsPerPointSkipRunsWithoutAFlag) {
  // 2 points x 4 replications, 2 flags.
  Eigen::MatrixXd flags(8, 2);
  flags << 1, 0,  //
      1, 1,       //
      0, 1,       //
      1, NAN,     //
      0, 0,       //
      0, 0,       //
      0, 0,       //
      1, 0;
  const std::vector<Proportion> p = point_proportions(flags, 2, 4);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].k, 3u);  // point 0, flag 0
  EXPECT_EQ(p[0].n, 4u);
  EXPECT_EQ(p[1].k, 2u);  // point 0, flag 1: the NaN is not a run with a value
  EXPECT_EQ(p[1].n, 3u);
  EXPECT_EQ(p[2].k, 1u);
  EXPECT_EQ(p[3].k, 0u);
  EXPECT_DOUBLE_EQ(p[1].p, 2.0 / 3.0);
}

TEST(Rejection, KeepsRunsMatchingEveryObservation) {
  Eigen::MatrixXd flags(5, 2);
  flags << 1, 1,  //
      1, 0,       //
      0, 1,       //
      1, NAN,     //
      1, 1;
  EXPECT_EQ(consistent_runs(flags), (std::vector<bool>{true, false, false, false, true}));
  EXPECT_EQ(consistent_runs(Eigen::MatrixXd(3, 0)), (std::vector<bool>{true, true, true}));
  // Two points of two replications: point 0's runs have no observation values (NaN throughout).
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd by_point(4, 2);
  by_point << nan, nan, nan, nan, 1, 0, nan, 1;
  EXPECT_EQ(checkable_points(by_point, 2), (std::vector<bool>{false, true}));
}

TEST(Rejection, QuantilesOverKeptRunsPerPoint) {
  // Point 0 keeps values 1, 3, 5 (drops 100); point 1 keeps none.
  const std::vector<double> values = {1, 100, 3, 5, 7, 8, 9, 10};
  const std::vector<bool> kept = {true, false, true, true, false, false, false, false};
  const std::vector<double> levels = {0.0, 0.5, 1.0};
  const std::vector<double> q = kept_quantiles(values, kept, 2, 4, levels);
  ASSERT_EQ(q.size(), 6u);
  EXPECT_EQ(q[0], 1);
  EXPECT_EQ(q[1], 3);
  EXPECT_EQ(q[2], 5);
  EXPECT_TRUE(std::isnan(q[3]) && std::isnan(q[4]) && std::isnan(q[5]));
}

TEST(Rejection, WarnsBelowThirtyKeptRuns) {
  EXPECT_EQ(consistency_warning({30, 64}, 64), "");
  EXPECT_EQ(
      consistency_warning({12}, 64),
      "only 12 of 64 runs of point 0 are consistent with all observations (fewer than 30): the bands over "
      "them are unreliable; check the observations' tolerances and the scenario's uncertain inputs");
  EXPECT_NE(consistency_warning({40, 29}, 64).find("29 of 64 runs of point 1"), std::string::npos);
  // A point whose variant defines no observation cannot be checked: left out of the warning.
  EXPECT_EQ(consistency_warning({0, 40}, 64, {false, true}), "");
  EXPECT_NE(consistency_warning({0, 12}, 64, {false, true}).find("12 of 64 runs of point 1"),
            std::string::npos);
  EXPECT_EQ(consistency_warning({0, 12}, 64, {false, true}).find("point 0"), std::string::npos);
}

// Two points of three replications, one indicator of each role; run r's value is r + 10 * role.
RunResults role_runs() {
  RunResults runs;
  for (std::uint64_t r = 0; r < 6; ++r) {
    const double d = static_cast<double>(r);
    runs[r] = {.indicators = {d, r % 2 == 0 ? 1.0 : 0.0, r == 4 ? 0.0 : 1.0},
               // two series of two time steps: series 0 = (r, 2r), series 1 = (100 + r, NaN for run 1)
               .series = {d, 2 * d, 100 + d, r == 1 ? NAN : 1.0}};
  }
  return runs;
}

ModelOutputs role_outputs() {
  ModelOutputs o;
  o.indicators = {{.name = "value"},
                  {.name = "target_met_a", .role = Role::Target, .label = "a"},
                  {.name = "observation_matched_b", .role = Role::Observation, .label = "b"}};
  return o;
}

TEST(ConditionFlags, AreTheIndicatorsOfTheRoleInRunOrder) {
  const ConditionFlags targets = condition_flags(role_outputs(), role_runs(), Role::Target);
  EXPECT_EQ(targets.labels, std::vector<std::string>{"a"});
  ASSERT_EQ(targets.values.rows(), 6);
  ASSERT_EQ(targets.values.cols(), 1);
  for (Eigen::Index r = 0; r < 6; ++r) EXPECT_EQ(targets.values(r, 0), r % 2 == 0 ? 1.0 : 0.0) << r;
  EXPECT_EQ(condition_flags(role_outputs(), role_runs(), Role::Observation).values(4, 0), 0.0);
}

TEST(HistoryMatching, KeepsConsistentRunsAndCountsThemPerPoint) {
  const ConditionFlags observations = condition_flags(role_outputs(), role_runs(), Role::Observation);
  const HistoryMatching h = history_matching(observations.values, 2, 3);
  EXPECT_EQ(h.kept, (std::vector<bool>{true, true, true, true, false, true}));
  EXPECT_EQ(h.kept_per_point, (std::vector<std::size_t>{3, 2}));
  EXPECT_NE(h.warning.find("only 3 of 3 runs of point 0"), std::string::npos) << h.warning;
}

TEST(SeriesBands, MeanAndQuantilesPerPointAndTimeStep) {
  const RunResults runs = role_runs();
  const SeriesBands b = series_bands(runs, {.series = 0, .times = 2, .points = 2, .replications = 3});
  ASSERT_EQ(b.mean.size(), 4u);
  ASSERT_EQ(b.quantile.size(), 2 * kQuantileCount * 2);
  EXPECT_EQ(b.mean[0], 1);       // point 0, step 0: runs 0, 1, 2
  EXPECT_EQ(b.mean[1], 2);       // point 0, step 1: 0, 2, 4
  EXPECT_EQ(b.mean[3], 8);       // point 1, step 1: 6, 8, 10
  const std::size_t median = 2;  // kQuantileLevels[2] is 0.5
  EXPECT_EQ(b.quantile[(1 * kQuantileCount + median) * 2 + 0], 4);
  EXPECT_DOUBLE_EQ(b.quantile[(0 * kQuantileCount + 0) * 2 + 1],
                   quantile(std::vector<double>{0, 2, 4}, 0.05));
  // A NaN (run 1 of series 1 at step 1) is left out.
  const SeriesBands nan = series_bands(runs, {.series = 1, .times = 2, .points = 2, .replications = 3});
  EXPECT_EQ(nan.mean[1], 1);
}

TEST(SeriesBands, OverKeptRunsOnlyAndNaNWhereAPointKeepsNone) {
  const std::vector<bool> kept = {true, false, true, false, false, false};
  const SeriesBands b =
      kept_series_bands(role_runs(), kept, {.series = 0, .times = 2, .points = 2, .replications = 3});
  EXPECT_TRUE(b.mean.empty());
  const std::size_t median = 2;
  EXPECT_EQ(b.quantile[(0 * kQuantileCount + median) * 2 + 1], 2);  // runs 0, 2 at step 1: 0, 4
  EXPECT_TRUE(std::isnan(b.quantile[(1 * kQuantileCount + median) * 2 + 0]));
}

}  // namespace
}  // namespace sim::sweep
