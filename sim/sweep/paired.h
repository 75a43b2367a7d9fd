#pragma once
// Paired comparison of variants over common random numbers: replication r of a variant and of the
// reference ran with the same seed, so the difference variant − reference of replication r is one
// paired difference and the run-to-run noise they share cancels out.
//
// Per (variant point, indicator), over the R replications:
//   - censoring: a run without a value (NaN: a milestone not reached by the horizon) is
//     right-censored. Pairs are counted as valued (both have a value), censored on the reference
//     only, on the variant only, or on both. The difference statistics are over the valued pairs
//     alone (their count is part of the result); they say nothing about the censored ones.
//   - mean and quantiles (kQuantileLevels, Hyndman & Fan type 7) of the valued differences;
//   - a percentile bootstrap interval of the mean: `resamples` resamples of the valued
//     differences with replacement, the (1 − level)/2 and (1 + level)/2 quantiles of their means,
//     drawn from the stream (kPairedBootstrapSeed, variant point, "sweep.paired_bootstrap",
//     indicator), so the same runs always give the same interval; NaN with fewer than 2 valued pairs;
//   - the shares of all R replications in which the variant is better, worse, equal, or
//     undetermined, for the indicator's preferred direction. With a censoring rule
//     (`censored_is_beyond`: no value means beyond every value, e.g. a date after the horizon), a
//     valued run is ordered before a censored one, so a variant that reaches a milestone its
//     reference never reached is later-is-worse's "better"; two censored runs, or any censored run
//     without the rule, are undetermined. With no preferred direction, better and worse are NaN
//     (the caller says "no preferred direction") and equal and undetermined are still counted.

#include <Eigen/Dense>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/random.h"
#include "sim/sweep/statistics.h"

namespace sim::sweep {

// Which direction of an indicator is better.
enum class Preference { None, Lower, Higher };
std::string_view preference_name(Preference p);  // "none", "lower", "higher"
// Inverse of preference_name; None for any other text.
Preference parse_preference(std::string_view text);

inline constexpr std::uint64_t kPairedBootstrapSeed = 13;
inline constexpr std::size_t kPairedBootstrapResamples = 2000;
inline constexpr double kPairedConfidence = 0.95;

struct PairedDifference {
  std::size_t replications = 0;
  std::size_t valued = 0;              // pairs with a value on both sides
  std::size_t censored_reference = 0;  // the reference has no value, the variant has one
  std::size_t censored_variant = 0;    // the variant has no value, the reference has one
  std::size_t censored_both = 0;
  double mean = 0, mean_low = 0, mean_high = 0;  // NaN when not computable (see above)
  std::array<double, kQuantileCount> quantile{};
  double share_better = 0, share_worse = 0, share_equal = 0, share_undetermined = 0;
};

struct IndicatorRule {
  Preference preference = Preference::None;
  bool censored_is_beyond = false;  // a run without a value lies beyond every value (right-censored)
};

// One pair of columns: `reference` and `variant` hold the same replications in the same order.
PairedDifference paired_difference(std::span<const double> reference, std::span<const double> variant,
                                   const IndicatorRule& rule, RandomStream& bootstrap,
                                   std::size_t resamples = kPairedBootstrapResamples,
                                   double level = kPairedConfidence);

// Every point of a sweep with variants against the same design point of variant 0. `runs` holds
// one row per run (run r = point * replications + replication, points variant-slowest: point
// v * P + p is design point p of variant v, P = points / variants) and one column per indicator.
// Result: points × indicators, row-major; a point of variant 0 is compared with itself (every
// difference 0, every valued pair equal).
std::vector<PairedDifference> paired_differences(const Eigen::MatrixXd& runs, std::size_t points,
                                                 std::size_t replications, std::size_t variants,
                                                 std::span<const IndicatorRule> rules);

}  // namespace sim::sweep
