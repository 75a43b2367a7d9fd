#pragma once
// Statistics of dated conditions over the runs of a sweep: the probability of meeting a target
// with its Wilson score interval, and history matching by rejection (the runs consistent with
// every observation, and quantiles over them beside the unconditioned ones).
//
// Wilson 95 % score interval for k successes in n trials (z = 1.959964, p = k/n):
//   centre = (p + z²/2n) / (1 + z²/n),  half-width = z / (1 + z²/n) · sqrt(p(1 − p)/n + z²/4n²).
// It stays inside [0, 1] and is informative at k = 0 and k = n, where the normal interval is not.
//
// Rejection (Beaumont et al. 2002, the simplest form of history matching): a run is kept when
// every observation flag is 1; a flag that is NaN (no value) rejects the run. Fewer than
// kMinConsistentRuns kept runs mean the tolerances or the priors need a look, and callers say so.

#include <Eigen/Dense>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "sim/sweep/model.h"

namespace sim::sweep {

inline constexpr double kWilsonZ95 = 1.959963984540054;  // the 97.5 % normal quantile
inline constexpr std::size_t kMinConsistentRuns = 30;

// A proportion k/n with its Wilson interval; p, low and high are NaN when n is 0.
struct Proportion {
  std::size_t k = 0;
  std::size_t n = 0;
  double p = 0, low = 0, high = 0;
};
Proportion wilson_interval(std::size_t k, std::size_t n, double z = kWilsonZ95);

// Per design point and flag column: the proportion of the point's replications whose flag is 1,
// over those with a flag (NaN entries are not counted in n). `flags` holds one row per run
// (run r = point * replications + replication) and one 0/1 column per condition. Result: points
// × columns, row-major.
std::vector<Proportion> point_proportions(const Eigen::MatrixXd& flags, std::size_t points,
                                          std::size_t replications);

// One entry per run: true when every column of its row is exactly 1 (no columns: every run).
std::vector<bool> consistent_runs(const Eigen::MatrixXd& observation_flags);

// Per point: quantiles (at `levels`) over the point's kept replications of one quantity, `values`
// holding one entry per run; NaN when none is kept. Result: points × levels, row-major.
std::vector<double> kept_quantiles(std::span<const double> values, const std::vector<bool>& kept,
                                   std::size_t points, std::size_t replications,
                                   std::span<const double> levels);
// The same written to out[p * point_stride + i * level_stride] for point p and level i, with
// `column` and `scratch` as working buffers: for the bands of a series (bands.cpp), one call per
// time step without allocating.
void kept_quantiles_into(std::span<const double> values, const std::vector<bool>& kept, std::size_t points,
                         std::size_t replications, std::span<const double> levels, double* out,
                         std::size_t point_stride, std::size_t level_stride, std::vector<double>& column,
                         std::vector<double>& scratch);

// "" when every point keeps at least kMinConsistentRuns runs; else a warning naming the points and
// their counts, e.g. "only 12 of 64 runs of point 0 are consistent with all observations (fewer than
// 30): the bands over them are unreliable; check the tolerances and the priors". Points whose
// `checkable` entry is false (a variant that defines none of the observations: its runs cannot be
// checked, which says nothing about their reliability) are left out; empty: every point counts.
std::string consistency_warning(const std::vector<std::size_t>& kept_per_point, std::size_t replications,
                                const std::vector<bool>& checkable = {});

// Per point: whether any of its runs has a value for any observation (NaN throughout: the point's
// variant defines none of them). `flags`: runs × observations, runs point-major.
std::vector<bool> checkable_points(const Eigen::MatrixXd& observation_flags, std::size_t replications);

// The 0/1 flags of the indicators with `role` (Target or Observation) over the runs 0..n-1 of
// `runs`: one column per such indicator, in indicator order, with its condition's label.
struct ConditionFlags {
  std::vector<std::string> labels;
  Eigen::MatrixXd values;  // runs × conditions
};
ConditionFlags condition_flags(const ModelOutputs& outputs, const RunResults& runs, Role role);

// History matching by rejection over a sweep's runs: which runs are consistent with every
// observation, how many each point keeps, and the warning when a point keeps too few.
struct HistoryMatching {
  std::vector<bool> kept;                   // one per run
  std::vector<std::size_t> kept_per_point;  // one per point
  std::string warning;  // consistency_warning(kept_per_point, replications, checkable_points(...))
};
HistoryMatching history_matching(const Eigen::MatrixXd& observation_flags, std::size_t points,
                                 std::size_t replications);

}  // namespace sim::sweep
