#include "models/phold.h"

#include <gtest/gtest.h>

#include <cmath>

namespace models {
namespace {

TEST(Phold, EventCountMatchesTheClosedForm) {
  // Population is constant (each event schedules exactly one successor), and each chain fires
  // once per mean delay M on average, so E[events] = N * P * T / M.
  PholdConfig c;
  c.lps = 512, c.population = 4, c.remote = 0.5, c.mean = 1.0, c.lookahead = 0.1, c.end = 200, c.seed = 3;
  const PholdResult r = run_phold(c);
  const double expected = 512.0 * 4 * 200 / 1.0;
  EXPECT_NEAR(static_cast<double>(r.events), expected, 0.01 * expected);
}

TEST(Phold, SameSeedSameRunDifferentSeedDifferentRun) {
  PholdConfig c;
  c.lps = 128, c.population = 2, c.end = 100, c.seed = 5;
  const PholdResult a = run_phold(c);
  const PholdResult b = run_phold(c);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.checksum, b.checksum);
  c.seed = 6;
  EXPECT_NE(run_phold(c).checksum, a.checksum);
}

TEST(Phold, NoEventsWhenTheEndPrecedesTheLookahead) {
  PholdConfig c;
  c.lps = 16, c.end = 0.05, c.lookahead = 0.1;
  EXPECT_EQ(run_phold(c).events, 0u);
}

}  // namespace
}  // namespace models
