// Paired differences between variants (sim/sweep/paired.h) on hand-computed data.

#include "sim/sweep/paired.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace sim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

RandomStream stream() {
  return RandomStream(StreamKey{kPairedBootstrapSeed, 1, "sweep.paired_bootstrap", 0});
}

TEST(Paired, QuantilesMeanAndSharesOfHandComputedDifferences) {
  // Differences variant - reference: -2, -1, 0, 3, 5 (mean 1).
  const std::vector<double> reference = {10, 20, 30, 40, 50};
  const std::vector<double> variant = {8, 19, 30, 43, 55};
  RandomStream s = stream();
  const PairedDifference d = paired_difference(reference, variant, {.preference = Preference::Lower}, s);
  EXPECT_EQ(d.replications, 5u);
  EXPECT_EQ(d.valued, 5u);
  EXPECT_EQ(d.censored_reference + d.censored_variant + d.censored_both, 0u);
  EXPECT_DOUBLE_EQ(d.mean, 1.0);
  // Type 7 on sorted -2 -1 0 3 5: h = 4p. 5 %: -2 + 0.2*1 = -1.8; 25 %: -1; 50 %: 0; 75 %: 3;
  // 95 %: 3 + 0.8*2 = 4.6.
  EXPECT_NEAR(d.quantile[0], -1.8, 1e-12);
  EXPECT_DOUBLE_EQ(d.quantile[1], -1.0);
  EXPECT_DOUBLE_EQ(d.quantile[2], 0.0);
  EXPECT_DOUBLE_EQ(d.quantile[3], 3.0);
  EXPECT_NEAR(d.quantile[4], 4.6, 1e-12);
  // Lower is better: 2 lower (better), 2 higher (worse), 1 equal.
  EXPECT_DOUBLE_EQ(d.share_better, 0.4);
  EXPECT_DOUBLE_EQ(d.share_worse, 0.4);
  EXPECT_DOUBLE_EQ(d.share_equal, 0.2);
  EXPECT_DOUBLE_EQ(d.share_undetermined, 0.0);

  RandomStream s2 = stream();
  const PairedDifference h = paired_difference(reference, variant, {.preference = Preference::Higher}, s2);
  EXPECT_DOUBLE_EQ(h.share_better, 0.4);
  EXPECT_DOUBLE_EQ(h.share_worse, 0.4);
  // The same stream gives the same interval: deterministic.
  EXPECT_EQ(h.mean_low, d.mean_low);
  EXPECT_EQ(h.mean_high, d.mean_high);
}

TEST(Paired, BetterAndWorseFollowThePreferredDirection) {
  const std::vector<double> reference = {1, 1, 1, 1};
  const std::vector<double> variant = {2, 2, 2, 0};
  RandomStream s = stream();
  const auto higher = paired_difference(reference, variant, {.preference = Preference::Higher}, s);
  EXPECT_DOUBLE_EQ(higher.share_better, 0.75);
  EXPECT_DOUBLE_EQ(higher.share_worse, 0.25);
  const auto lower = paired_difference(reference, variant, {.preference = Preference::Lower}, s);
  EXPECT_DOUBLE_EQ(lower.share_better, 0.25);
  EXPECT_DOUBLE_EQ(lower.share_worse, 0.75);
  const auto none = paired_difference(reference, variant, {.preference = Preference::None}, s);
  EXPECT_TRUE(std::isnan(none.share_better));
  EXPECT_TRUE(std::isnan(none.share_worse));
  EXPECT_DOUBLE_EQ(none.share_equal, 0.0);
}

TEST(Paired, BootstrapIntervalIsDeterministicAndBracketsTheMean) {
  std::vector<double> reference, variant;
  for (int r = 0; r < 40; ++r) {
    reference.push_back(100 + r);
    variant.push_back(100 + r - 5 + (r % 7));  // differences -5..1, mean about -2
  }
  RandomStream a = stream(), b = stream();
  const auto x = paired_difference(reference, variant, {.preference = Preference::Lower}, a);
  const auto y = paired_difference(reference, variant, {.preference = Preference::Lower}, b);
  EXPECT_EQ(x.mean_low, y.mean_low);
  EXPECT_EQ(x.mean_high, y.mean_high);
  EXPECT_LT(x.mean_low, x.mean);
  EXPECT_GT(x.mean_high, x.mean);
  // The interval of a mean of 40 differences with sd about 2 is about +-0.6 around it.
  EXPECT_GT(x.mean_low, x.mean - 1.2);
  EXPECT_LT(x.mean_high, x.mean + 1.2);
  // Another stream gives another (close) interval: the stream is what fixes it.
  RandomStream other(StreamKey{kPairedBootstrapSeed, 2, "sweep.paired_bootstrap", 0});
  const auto z = paired_difference(reference, variant, {.preference = Preference::Lower}, other);
  EXPECT_NE(z.mean_low, x.mean_low);
}

TEST(Paired, CensoredPairsAreCountedAndLeftOutOfTheDifferences) {
  // A milestone date: NaN = not reached by the horizon.
  const std::vector<double> reference = {100, kNaN, 120, kNaN, 90};
  const std::vector<double> variant = {95, 110, kNaN, kNaN, 90};
  RandomStream s = stream();
  const auto d =
      paired_difference(reference, variant, {.preference = Preference::Lower, .censored_is_beyond = true}, s);
  EXPECT_EQ(d.valued, 2u);
  EXPECT_EQ(d.censored_reference, 1u);
  EXPECT_EQ(d.censored_variant, 1u);
  EXPECT_EQ(d.censored_both, 1u);
  EXPECT_DOUBLE_EQ(d.mean, -2.5);  // (-5 + 0) / 2 over the valued pairs only
  EXPECT_DOUBLE_EQ(d.quantile[2], -2.5);
  // Earlier is better; reaching what the reference never reached is better, the reverse worse;
  // both censored: order unknown.
  EXPECT_DOUBLE_EQ(d.share_better, 0.4);  // replications 0 and 1
  EXPECT_DOUBLE_EQ(d.share_worse, 0.2);   // replication 2
  EXPECT_DOUBLE_EQ(d.share_equal, 0.2);   // replication 4
  EXPECT_DOUBLE_EQ(d.share_undetermined, 0.2);

  // Without a censoring rule every pair with a NaN is undetermined.
  RandomStream s2 = stream();
  const auto n = paired_difference(reference, variant, {.preference = Preference::Lower}, s2);
  EXPECT_DOUBLE_EQ(n.share_better, 0.2);
  EXPECT_DOUBLE_EQ(n.share_worse, 0.0);
  EXPECT_DOUBLE_EQ(n.share_undetermined, 0.6);
}

TEST(Paired, FewerThanTwoValuedPairsGiveNoInterval) {
  const std::vector<double> reference = {1, kNaN};
  const std::vector<double> variant = {3, kNaN};
  RandomStream s = stream();
  const auto d = paired_difference(reference, variant, {.preference = Preference::Higher}, s);
  EXPECT_EQ(d.valued, 1u);
  EXPECT_DOUBLE_EQ(d.mean, 2.0);
  EXPECT_TRUE(std::isnan(d.mean_low));
  EXPECT_TRUE(std::isnan(d.mean_high));
}

TEST(Paired, EveryPointIsPairedWithTheSameDesignPointOfTheReference) {
  // 2 variants x 2 design points x 3 replications, 1 indicator: point v*2+p.
  Eigen::MatrixXd runs(12, 1);
  runs << 1, 2, 3,  // variant 0, design point 0
      10, 20, 30,   // variant 0, design point 1
      2, 3, 4,      // variant 1, design point 0: +1 each
      7, 17, 27;    // variant 1, design point 1: -3 each
  const IndicatorRule rules[] = {{.preference = Preference::Higher}};
  const auto d = paired_differences(runs, 4, 3, 2, rules);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_DOUBLE_EQ(d[0].mean, 0.0);
  EXPECT_DOUBLE_EQ(d[0].share_equal, 1.0);
  EXPECT_DOUBLE_EQ(d[1].mean, 0.0);
  EXPECT_DOUBLE_EQ(d[2].mean, 1.0);
  EXPECT_DOUBLE_EQ(d[2].share_better, 1.0);
  EXPECT_DOUBLE_EQ(d[3].mean, -3.0);
  EXPECT_DOUBLE_EQ(d[3].share_worse, 1.0);
  // A constant difference has a degenerate interval at it.
  EXPECT_DOUBLE_EQ(d[3].mean_low, -3.0);
  EXPECT_DOUBLE_EQ(d[3].mean_high, -3.0);
  EXPECT_THROW(paired_differences(runs, 3, 4, 2, rules), std::invalid_argument);
}

TEST(Paired, PreferenceNamesRoundTrip) {
  for (const Preference p : {Preference::None, Preference::Lower, Preference::Higher})
    EXPECT_EQ(parse_preference(preference_name(p)), p);
  EXPECT_EQ(parse_preference("sideways"), Preference::None);
}

}  // namespace
}  // namespace sim::sweep
