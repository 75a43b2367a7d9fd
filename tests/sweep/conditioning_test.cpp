// Wilson intervals against known values (computed independently from the score-interval formula
// in double precision), proportions per point, rejection and the quantiles over kept runs.
#include "sim/sweep/conditioning.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

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

}  // namespace
}  // namespace sim::sweep
