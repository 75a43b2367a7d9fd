#include "sim/sweep/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sim/sweep/design.h"
#include "sim/sweep/ishigami.h"

namespace sim::sweep {
namespace {

std::vector<Parameter> ishigami_parameters() {
  std::vector<Parameter> out;
  for (const char* name : {"x1", "x2", "x3"}) {
    Parameter p;
    p.name = name;
    p.marginal = {.kind = Marginal::Kind::Uniform, .a = -std::numbers::pi, .b = std::numbers::pi};
    out.push_back(p);
  }
  return out;
}

TEST(Quantiles, HyndmanFanType7LikeNumpy) {
  const std::vector<double> x = {7, 1, 3, 5, std::nan("")};  // NaN ignored; sorted 1 3 5 7
  EXPECT_DOUBLE_EQ(quantile(x, 0.0), 1);
  EXPECT_DOUBLE_EQ(quantile(x, 1.0), 7);
  EXPECT_DOUBLE_EQ(quantile(x, 0.5), 4);
  EXPECT_DOUBLE_EQ(quantile(x, 0.05), 1.3);  // numpy.quantile([1,3,5,7], 0.05) == 1.3
  EXPECT_DOUBLE_EQ(quantile(x, 0.25), 2.5);
  EXPECT_TRUE(std::isnan(quantile(std::vector<double>{}, 0.5)));
  EXPECT_DOUBLE_EQ(mean(x), 4);
}

TEST(PointStatistics, MeanAndQuantilesPerPoint) {
  Eigen::MatrixXd runs(6, 1);
  runs << 1, 2, 3, 10, 20, 30;  // 2 points x 3 replications
  const PointStatistics s = point_statistics(runs, 2, 3);
  EXPECT_DOUBLE_EQ(s.mean(0, 0), 2);
  EXPECT_DOUBLE_EQ(s.mean(1, 0), 20);
  EXPECT_DOUBLE_EQ(s.quantile[2](1, 0), 20);  // median
  EXPECT_DOUBLE_EQ(s.quantile[0](0, 0), 1.1);
  EXPECT_THROW(point_statistics(runs, 4, 2), std::invalid_argument);
}

TEST(Sobol, IshigamiIndicesWithinTolerance) {
  const auto params = ishigami_parameters();
  const std::size_t n = 4096;
  const Design d = make_design(params, {.kind = DesignKind::Sobol, .samples = n}, 0);
  Eigen::VectorXd y(static_cast<Eigen::Index>(d.points));
  for (std::size_t p = 0; p < d.points; ++p) {
    y[static_cast<Eigen::Index>(p)] = IshigamiModel::evaluate(d.value(p, 0), d.value(p, 1), d.value(p, 2));
  }
  RandomStream boot(StreamKey{0, 0, "sweep.bootstrap", 0});
  const SobolIndices s = sobol_indices(y, n, 3, false, 200, 0.95, boot);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(s.first[i], IshigamiIndices::kFirst[i], 0.03) << "S" << i + 1;
    EXPECT_NEAR(s.total[i], IshigamiIndices::kTotal[i], 0.03) << "ST" << i + 1;
    EXPECT_LT(s.first_low[i], s.first_high[i]);
    EXPECT_LE(s.total_low[i], s.total[i] + 1e-9);
    EXPECT_GE(s.total_high[i], s.total[i] - 1e-9);
    // The interval is a plausible 95 % one: it is narrow, and holds the true value or nearly.
    EXPECT_LT(s.first_high[i] - s.first_low[i], 0.2);
    EXPECT_GT(IshigamiIndices::kTotal[i], s.total_low[i] - 0.02);
    EXPECT_LT(IshigamiIndices::kTotal[i], s.total_high[i] + 0.02);
  }
  // Analytic variance: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
  const double a = IshigamiIndices::kA, b = IshigamiIndices::kB, pi4 = std::pow(std::numbers::pi, 4);
  EXPECT_NEAR(s.variance, a * a / 8 + b * pi4 / 5 + b * b * pi4 * pi4 / 18 + 0.5, 0.3);
}

TEST(Sobol, SecondOrderLayoutGivesTheSameFirstOrderEstimates) {
  const auto params = ishigami_parameters();
  const std::size_t n = 512;
  const Design d1 = make_design(params, {.kind = DesignKind::Sobol, .samples = n}, 0);
  const Design d2 = make_design(params, {.kind = DesignKind::Sobol, .samples = n, .second_order = true}, 0);
  const auto eval = [](const Design& d) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(d.points));
    for (std::size_t p = 0; p < d.points; ++p)
      y[static_cast<Eigen::Index>(p)] = IshigamiModel::evaluate(d.value(p, 0), d.value(p, 1), d.value(p, 2));
    return y;
  };
  RandomStream r1(1), r2(1);
  const SobolIndices s1 = sobol_indices(eval(d1), n, 3, false, 10, 0.95, r1);
  const SobolIndices s2 = sobol_indices(eval(d2), n, 3, true, 10, 0.95, r2);
  for (int i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(s1.first[i], s2.first[i]);
    EXPECT_DOUBLE_EQ(s1.total[i], s2.total[i]);
  }
}

TEST(Morris, LinearFunctionHasExactEffects) {
  // y = 3 x0 - 2 x1 + 0 x2 + 0.5 x3 on [0, 1]^4 (x3 on [0, 2]: the effect is per unit step).
  std::vector<Parameter> params(4);
  for (auto& p : params) p.marginal = {.kind = Marginal::Kind::Uniform, .a = 0, .b = 1};
  params[3].marginal.b = 2;
  const std::size_t r = 20;
  const Design d = make_design(params, {.kind = DesignKind::Morris, .trajectories = r, .levels = 4}, 11);
  Eigen::VectorXd y(static_cast<Eigen::Index>(d.points));
  for (std::size_t p = 0; p < d.points; ++p)
    y[static_cast<Eigen::Index>(p)] = 3 * d.value(p, 0) - 2 * d.value(p, 1) + 0.5 * d.value(p, 3);
  const MorrisIndices m = morris_indices(y, d, r);
  const double expected_mu[] = {3, -2, 0, 1};  // 0.5 per unit x3 = 1 per unit of [0, 1] space
  for (int k = 0; k < 4; ++k) {
    EXPECT_NEAR(m.mu[k], expected_mu[k], 1e-9) << k;
    EXPECT_NEAR(m.mu_star[k], std::abs(expected_mu[k]), 1e-9) << k;
    EXPECT_NEAR(m.sigma[k], 0.0, 1e-9) << k;
  }
}

// y = x0^2 + x1 on [0, 1]^2, 4 levels (Delta = 2/3): a step of x0 between 0 and 2/3 has an
// elementary effect of 2/3, one between 1/3 and 1 of 4/3, equally often: mu*(x0) = 1 exactly in
// expectation, with a spread of 1/3 per trajectory; x1's effect is 1 in every step.
Eigen::VectorXd square_plus_linear(const Design& d) {
  Eigen::VectorXd y(static_cast<Eigen::Index>(d.points));
  for (std::size_t p = 0; p < d.points; ++p)
    y[static_cast<Eigen::Index>(p)] = d.value(p, 0) * d.value(p, 0) + d.value(p, 1);
  return y;
}

std::vector<Parameter> unit_square() {
  std::vector<Parameter> params(2);
  for (auto& p : params) p.marginal = {.kind = Marginal::Kind::Uniform, .a = 0, .b = 1};
  return params;
}

TEST(Morris, MuStarIntervalCoversTheKnownValue) {
  // SALib's interval (z x the bootstrap standard deviation of mu*) on 40 independent designs of 20
  // trajectories: it covers the true mu* = 1 about 95 % of the time, and its half-width is about
  // 1.96 x (1/3) / sqrt(20) = 0.146.
  const std::size_t r = 20;
  int covered = 0, designs = 40;
  double mean_half = 0;
  for (int seed = 1; seed <= designs; ++seed) {
    const Design d = make_design(unit_square(), {.kind = DesignKind::Morris, .trajectories = r, .levels = 4},
                                 static_cast<std::uint64_t>(seed));
    RandomStream boot(StreamKey{static_cast<std::uint64_t>(seed), 0, "test.bootstrap", 0});
    const MorrisIndices m = morris_indices(square_plus_linear(d), d, r, 500, 0.95, &boot);
    const double half = m.mu_star_conf[0];
    ASSERT_TRUE(std::isfinite(half));
    if (std::abs(m.mu_star[0] - 1.0) <= half) ++covered;
    mean_half += half / designs;
    // x1 is linear: every elementary effect is 1, so the interval has no width at all.
    EXPECT_NEAR(m.mu_star[1], 1.0, 1e-9);
    EXPECT_NEAR(m.mu_star_conf[1], 0.0, 1e-9);
  }
  EXPECT_GE(covered, 34) << "of " << designs;  // 95 % nominal; 34/40 = 85 %
  EXPECT_NEAR(mean_half, 1.96 * (1.0 / 3) / std::sqrt(20.0), 0.03);
}

TEST(Morris, NoIntervalWithoutResamplesOrWithOneTrajectory) {
  const Design d =
      make_design(unit_square(), {.kind = DesignKind::Morris, .trajectories = 1, .levels = 4}, 3);
  RandomStream boot(StreamKey{3, 0, "test.bootstrap", 0});
  const MorrisIndices one = morris_indices(square_plus_linear(d), d, 1, 100, 0.95, &boot);
  EXPECT_TRUE(std::isnan(one.mu_star_conf[0])) << "one trajectory: every resample is the same";
  const Design d8 =
      make_design(unit_square(), {.kind = DesignKind::Morris, .trajectories = 8, .levels = 4}, 3);
  const MorrisIndices none = morris_indices(square_plus_linear(d8), d8, 8);
  EXPECT_TRUE(std::isnan(none.mu_star_conf[0]));
  EXPECT_THROW(morris_indices(square_plus_linear(d8), d8, 8, 100, 1.5, &boot), std::invalid_argument);
}

TEST(Morris, IshigamiRanksX1AndX2AboveNothing) {
  std::vector<Parameter> params = ishigami_parameters();
  const std::size_t r = 50;
  const Design d = make_design(params, {.kind = DesignKind::Morris, .trajectories = r, .levels = 4}, 5);
  Eigen::VectorXd y(static_cast<Eigen::Index>(d.points));
  for (std::size_t p = 0; p < d.points; ++p)
    y[static_cast<Eigen::Index>(p)] = IshigamiModel::evaluate(d.value(p, 0), d.value(p, 1), d.value(p, 2));
  const MorrisIndices m = morris_indices(y, d, r);
  for (int k = 0; k < 3; ++k) EXPECT_GT(m.mu_star[k], 0.5);
  EXPECT_GT(m.sigma[2], 1.0);  // x3 acts only through its interaction with x1
}

}  // namespace
}  // namespace sim::sweep
