#pragma once
// Statistics over the runs of a sweep, computed with Eigen.
//
// Quantiles use definition 7 of Hyndman & Fan (1996), the default of R and NumPy: for sorted
// x_0..x_{n-1} and probability p, h = (n - 1) p, Q(p) = x_floor(h) + (h - floor(h)) (x_ceil(h) -
// x_floor(h)). NaN values (a run without a value) are left out; all NaN gives NaN.
//
// Sobol' indices (Saltelli design, see design.h) follow SALib's estimators:
//   first order  S_i  = mean((f(B) - m) (f(AB_i) - f(A))) / V  (Saltelli et al. 2010, f(B) centred on
//                the mean m of the A and B rows: SALib leaves it uncentred, which has the same expectation
//                but a variance that grows with m^2)
//   total        ST_i = mean((f(A) - f(AB_i))^2) / (2 V)       (Jansen 1999)
// with V the population variance of f over the rows of A and B together. Confidence intervals
// are bootstrap percentile intervals: `resamples` resamplings of the N base rows with
// replacement, drawn from the given stream, and the (1-level)/2 and (1+level)/2 quantiles.
//
// Morris (design.h): each trajectory step changes one parameter k by +-Delta in unit space;
// EE = (f(after) - f(before)) / (signed step). mu = mean EE, mu* = mean |EE|, sigma = standard
// deviation of EE with divisor r - 1 (SALib's choices). The confidence of mu* is SALib's
// (morris.analyze, num_resamples, conf_level): `resamples` bootstrap resamplings of the r
// trajectories with replacement, mu* of each, and mu*_conf = z_{(1+level)/2} x the standard
// deviation (divisor n) of those bootstrap mu*: a half-width, the interval mu* +- mu*_conf.

#include <Eigen/Dense>
#include <cstddef>
#include <span>
#include <vector>

#include "sim/random.h"
#include "sim/sweep/design.h"

namespace sim::sweep {

// The quantile levels reported across replications of a design point.
inline constexpr double kQuantileLevels[] = {0.05, 0.25, 0.50, 0.75, 0.95};
inline constexpr std::size_t kQuantileCount = std::size(kQuantileLevels);

// Hyndman & Fan type 7 on values (need not be sorted); NaN entries are ignored.
double quantile(std::span<const double> values, double p);
// Several levels at once (one sort).
std::vector<double> quantiles(std::span<const double> values, std::span<const double> levels);
// The same into out[i * stride] for level i, sorting in `scratch`: for loops over many columns
// (the bands of a sweep's series) without an allocation per column.
void quantiles_into(std::span<const double> values, std::span<const double> levels,
                    std::vector<double>& scratch, double* out, std::size_t stride);
// Mean of the non-NaN values; NaN when there are none.
double mean(std::span<const double> values);

// Per design point: mean and quantiles over its replications. `runs` holds one row per run
// (points × replications rows, run r = point * R + replication) and one column per quantity.
struct PointStatistics {
  Eigen::MatrixXd mean;                   // points × quantities
  std::vector<Eigen::MatrixXd> quantile;  // kQuantileCount matrices of points × quantities
};
PointStatistics point_statistics(const Eigen::MatrixXd& runs, std::size_t points, std::size_t replications);

struct SobolIndices {
  Eigen::VectorXd first, first_low, first_high;  // one entry per parameter
  Eigen::VectorXd total, total_low, total_high;
  double variance = 0;
};

// `y` holds one output per design point in the Saltelli layout for `base_samples` N and `dims` D.
SobolIndices sobol_indices(const Eigen::VectorXd& y, std::size_t base_samples, std::size_t dims,
                           bool second_order, std::size_t resamples, double level, RandomStream& stream);

struct MorrisIndices {
  Eigen::VectorXd mu, mu_star, sigma;  // one entry per parameter
  // Half-width of mu*'s interval (SALib's mu_star_conf); NaN without resamples or with fewer than
  // 2 trajectories (every resample would be the same trajectory: a zero width that means nothing).
  Eigen::VectorXd mu_star_conf;
};

// `y` holds one output per design point; `design` is the Morris design that produced them. The
// bootstrap (resamples > 0) draws the trajectories of each resample from `stream`.
MorrisIndices morris_indices(const Eigen::VectorXd& y, const Design& design, std::size_t trajectories,
                             std::size_t resamples = 0, double level = 0.95, RandomStream* stream = nullptr);

}  // namespace sim::sweep
