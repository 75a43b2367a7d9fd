#pragma once
// Sensitivity analysis of a stochastic model over a Sobol' or Morris design, with the caveats a
// reader needs to trust the numbers (docs/sweeps.md, "Sensitivity indices you can trust"):
//
//   Censoring  A run that never reached a milestone within the horizon has no value (NaN). When the
//              model gives the indicator a censoring value (the horizon end for a date), such runs
//              count as that value and the indicator is marked `censored_at_horizon` with the number
//              of censored runs; otherwise the indices are withheld, with the reason.
//   Noise      Indices are computed on the means over replications at each point. With R >= 2
//              replications, the noise share is E[Var(Y | X)] / R divided by the variance of the
//              point means: the part of what the indices decompose that is run-to-run noise, not
//              the inputs (0: none; near 1: the indices measure noise). Also reported per run:
//              E[Var(Y | X)] / Var(Y). With one replication it cannot be estimated (NaN, and
//              the status says so).
//   Trust      A Sobol' index outside [-0.1, 1.1], or whose bootstrap interval is wider than
//              +-0.2, is flagged; the base sample N that would bring the widest half-width to
//              kTargetHalfWidth is N * (half-width / kTargetHalfWidth)^2 (intervals shrink like
//              1/sqrt(N)), rounded up to a power of two.
//              A Morris mu* is flagged when its bootstrap half-width (SALib's mu_star_conf) exceeds
//              kMorrisMaxRelativeHalfWidth of its scale, the larger of mu* itself and
//              kMorrisNegligibleShare of the indicator's largest mu* (an input whose effect is
//              clearly negligible next to the leading one is not flagged for a wide interval around
//              almost nothing). The trajectories that would be needed bring every half-width to
//              kMorrisTargetRelativeHalfWidth of its scale: r * (half-width / target)^2, rounded up.
//              With fewer than 2 trajectories there is no interval: every mu* is flagged and
//              kMorrisMinTrajectories are asked for.

#include <Eigen/Dense>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/random.h"
#include "sim/sweep/design.h"
#include "sim/sweep/statistics.h"

namespace sim::sweep {

inline constexpr double kIndexLow = -0.1;        // estimates below this are flagged
inline constexpr double kIndexHigh = 1.1;        // ... and above this
inline constexpr double kMaxHalfWidth = 0.2;     // intervals wider than +-this are flagged
inline constexpr double kTargetHalfWidth = 0.1;  // the half-width the needed N aims at
inline constexpr double kLargeNoiseShare = 0.1;  // summary warns above this
// Morris: half-widths above this share of mu*'s scale are flagged; the needed r aims at the target.
inline constexpr double kMorrisMaxRelativeHalfWidth = 0.2;
inline constexpr double kMorrisTargetRelativeHalfWidth = 0.1;
inline constexpr double kMorrisNegligibleShare = 0.1;      // of the largest mu*: the floor of the scale
inline constexpr std::size_t kMorrisMinTrajectories = 10;  // asked for when r < 2 (no interval at all)

enum class SensitivityStatus {
  Computed,            // every run had a value
  CensoredAtHorizon,   // censored runs counted at the indicator's censoring value
  WithheldNoValues,    // runs without a value and no censoring rule for the indicator
  WithheldNoVariance,  // the point means do not vary: every index would be 0/0
};
// "computed", "censored_at_horizon", "withheld_no_values", "withheld_no_variance".
const char* status_name(SensitivityStatus s);

struct IndicatorSensitivity {
  SensitivityStatus status = SensitivityStatus::Computed;
  std::string reason;                       // a sentence: what was done and why (never empty)
  std::size_t censored_runs = 0;            // runs without a value
  double noise_share = 0;                   // of the point means' variance; NaN with one replication
  double noise_share_per_run = 0;           // E[Var(Y|X)] / Var(Y); NaN with one replication
  SobolIndices sobol;                       // Sobol designs; NaN entries when withheld
  MorrisIndices morris;                     // Morris designs; NaN entries when withheld
  std::vector<int> first_flag, total_flag;  // Sobol: 1 when the index is not to be trusted
  double samples_needed = 0;                // Sobol: N for half-widths <= kTargetHalfWidth; 0 if none flagged
  std::vector<int> mu_star_flag;            // Morris: 1 when mu* is not to be trusted
  double trajectories_needed = 0;           // Morris: r for half-widths within the target; 0 if none flagged
};

struct SensitivityInput {
  const Eigen::MatrixXd* runs = nullptr;  // runs × indicators, run r = point * R + replication
  std::size_t points = 0, replications = 1;
  std::vector<double> censored_value;  // per indicator: value of a run without one; NaN: no rule
  const Design* design = nullptr;
  DesignSpec spec;
  std::size_t bootstrap = 1000;
  double confidence = 0.95;
  std::uint64_t master_seed = 0;  // bootstrap stream (seed, 0, "sweep.bootstrap", indicator)
};

// Per-point counts of runs without a value: points × indicators.
Eigen::MatrixXi censored_counts(const Eigen::MatrixXd& runs, std::size_t points, std::size_t replications);

// One entry per indicator. Throws std::invalid_argument when the design is neither Sobol nor Morris
// or the shapes do not match.
std::vector<IndicatorSensitivity> analyse_sensitivity(const SensitivityInput& input);

}  // namespace sim::sweep
