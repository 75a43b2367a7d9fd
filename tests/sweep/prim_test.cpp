// PRIM (sim/sweep/prim.h) recovers a planted box; noise inputs stay unrestricted.
#include "sim/sweep/prim.h"

#include <gtest/gtest.h>

#include "sim/random.h"

namespace sim::sweep {
namespace {

// The built-in 5-input test model: x ~ U[0, 1]^5; a run is of interest when x1 in [0.2, 0.5] and
// x2 >= 0.6 (the planted box), and, with probability `flip`, the other way round (label noise).
// x3, x4, x5 do not matter.
struct Planted {
  Eigen::MatrixXd x;
  std::vector<bool> y;
};

Planted planted(std::size_t n, double flip, std::uint64_t seed) {
  RandomStream r(StreamKey{seed, 0, "test.prim", 0});
  Planted p;
  p.x.resize(static_cast<Eigen::Index>(n), 5);
  for (Eigen::Index i = 0; i < p.x.rows(); ++i) {
    for (Eigen::Index j = 0; j < 5; ++j) p.x(i, j) = r.uniform01();
    const bool in = p.x(i, 0) >= 0.2 && p.x(i, 0) <= 0.5 && p.x(i, 1) >= 0.6;
    p.y.push_back(r.uniform01() < flip ? !in : in);
  }
  return p;
}

TEST(Prim, RecoversThePlantedBoxAndLeavesNoiseInputsUnrestricted) {
  for (std::uint64_t seed : {1, 2, 3}) {
    const Planted p = planted(2000, 0.0, seed);
    const PrimResult r = prim(p.x, p.y);
    ASSERT_GT(r.trajectory.size(), 2u);
    const PrimBox& b = r.trajectory[r.chosen];
    EXPECT_NEAR(b.low[0], 0.2, 0.03) << "seed " << seed;
    EXPECT_NEAR(b.high[0], 0.5, 0.03) << "seed " << seed;
    EXPECT_NEAR(b.low[1], 0.6, 0.03) << "seed " << seed;
    EXPECT_TRUE(b.restricted[0] && b.restricted[1]);
    EXPECT_FALSE(b.restricted[1] && b.high[1] < 0.97) << "x2 is limited only from below";
    for (int j = 2; j < 5; ++j)
      EXPECT_FALSE(b.restricted[static_cast<std::size_t>(j)]) << "noise input x" << j + 1;
    EXPECT_GT(b.coverage, 0.9);
    EXPECT_GT(b.density, 0.95);
    EXPECT_LT(b.quasi_p[0], 1e-6);
    EXPECT_LT(b.quasi_p[1], 1e-6);
  }
}

TEST(Prim, WithLabelNoiseTheBoxStaysAndSpuriousRestrictionsHaveLargeQuasiP) {
  const Planted p = planted(4000, 0.05, 9);
  const PrimResult r = prim(p.x, p.y);
  const PrimBox& b = r.trajectory[r.chosen];
  EXPECT_NEAR(b.low[0], 0.2, 0.05);
  EXPECT_NEAR(b.high[0], 0.5, 0.05);
  EXPECT_NEAR(b.low[1], 0.6, 0.05);
  for (std::size_t j = 2; j < 5; ++j) {
    if (b.restricted[j]) {
      EXPECT_GT(b.quasi_p[j], 0.01) << "a noise input's restriction is not significant";
    }
  }
}

TEST(Prim, TrajectoryStartsWithEveryRunAndDensityRisesWhilePeeling) {
  const Planted p = planted(1000, 0.0, 4);
  const PrimResult r = prim(p.x, p.y, {.alpha = 0.1, .min_mass = 0.05});
  EXPECT_DOUBLE_EQ(r.trajectory[0].mass, 1.0);
  EXPECT_DOUBLE_EQ(r.trajectory[0].coverage, 1.0);
  EXPECT_EQ(r.trajectory[0].restricted_count, 0u);
  for (std::size_t i = 1; i < r.trajectory.size(); ++i) {
    EXPECT_GT(r.trajectory[i].density, r.trajectory[i - 1].density);
    EXPECT_GE(r.trajectory[i].mass, 0.05);
  }
}

TEST(Prim, RejectsBadShapesAndOptions) {
  const Planted p = planted(10, 0.0, 1);
  EXPECT_THROW(prim(p.x, std::vector<bool>(3, true)), std::invalid_argument);
  EXPECT_THROW(prim(p.x, p.y, {.alpha = 0.6}), std::invalid_argument);
}

}  // namespace
}  // namespace sim::sweep
