#include "sim/sweep/prim.h"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Data {
  const Eigen::MatrixXd& x;
  const std::vector<bool>& y;
};

bool inside(const Data& d, Eigen::Index r, const Eigen::VectorXd& low, const Eigen::VectorXd& high) {
  for (Eigen::Index j = 0; j < d.x.cols(); ++j) {
    const double v = d.x(r, j);
    if (v < low[j] || v > high[j]) return false;
  }
  return true;
}

// Runs and cases inside a box.
std::pair<std::size_t, std::size_t> count(const Data& d, const Eigen::VectorXd& low,
                                          const Eigen::VectorXd& high) {
  std::size_t n = 0, k = 0;
  for (Eigen::Index r = 0; r < d.x.rows(); ++r) {
    if (!inside(d, r, low, high)) continue;
    ++n;
    if (d.y[static_cast<std::size_t>(r)]) ++k;
  }
  return {n, k};
}

// P(X >= k) for X ~ Binomial(n, p).
double at_least(std::size_t k, std::size_t n, double p) {
  if (k == 0) return 1.0;
  if (p <= 0) return 0.0;
  if (p >= 1) return 1.0;
  const boost::math::binomial_distribution<double> b(static_cast<double>(n), p);
  return boost::math::cdf(boost::math::complement(b, static_cast<double>(k - 1)));
}

PrimBox make_box(const Data& d, const Eigen::VectorXd& low, const Eigen::VectorXd& high,
                 const PrimResult& r) {
  PrimBox b;
  b.low = low;
  b.high = high;
  const auto [n, k] = count(d, low, high);
  b.runs = n;
  b.cases = k;
  b.mass = static_cast<double>(n) / static_cast<double>(r.total_runs);
  b.density = n ? static_cast<double>(k) / static_cast<double>(n) : 0.0;
  b.coverage = r.total_cases ? static_cast<double>(k) / static_cast<double>(r.total_cases) : 0.0;
  const auto dims = static_cast<std::size_t>(low.size());
  b.restricted.assign(dims, false);
  b.quasi_p.assign(dims, kNaN);
  for (std::size_t j = 0; j < dims; ++j) {
    const auto jj = static_cast<Eigen::Index>(j);
    if (low[jj] <= r.full_low[jj] && high[jj] >= r.full_high[jj]) continue;
    b.restricted[j] = true;
    ++b.restricted_count;
    Eigen::VectorXd lo = low, hi = high;
    lo[jj] = r.full_low[jj];
    hi[jj] = r.full_high[jj];
    const auto [n0, k0] = count(d, lo, hi);
    b.quasi_p[j] = at_least(k, n, n0 ? static_cast<double>(k0) / static_cast<double>(n0) : 0.0);
  }
  return b;
}

// The values of input j of the runs inside the box, sorted.
std::vector<double> values_inside(const Data& d, Eigen::Index j, const Eigen::VectorXd& low,
                                  const Eigen::VectorXd& high) {
  std::vector<double> v;
  for (Eigen::Index r = 0; r < d.x.rows(); ++r) {
    if (inside(d, r, low, high)) v.push_back(d.x(r, j));
  }
  std::sort(v.begin(), v.end());
  return v;
}

struct Candidate {
  Eigen::VectorXd low, high;
  std::size_t n = 0, k = 0;
  bool found = false;

  double density() const { return n ? static_cast<double>(k) / static_cast<double>(n) : 0.0; }
  bool better_than(const Candidate& o) const {
    if (!o.found) return true;
    if (density() != o.density()) return density() > o.density();
    return n > o.n;
  }
};

}  // namespace

PrimResult prim(const Eigen::MatrixXd& x, const std::vector<bool>& interest, const PrimOptions& options) {
  if (static_cast<std::size_t>(x.rows()) != interest.size() || x.rows() == 0 || x.cols() == 0)
    throw std::invalid_argument("prim: expected one flag per run and at least one run and one input");
  if (!(options.alpha > 0 && options.alpha < 0.5) || !(options.min_mass >= 0 && options.min_mass < 1))
    throw std::invalid_argument("prim: alpha must lie in (0, 0.5) and min_mass in [0, 1)");
  const Data d{x, interest};
  PrimResult r;
  r.total_runs = static_cast<std::size_t>(x.rows());
  r.total_cases = static_cast<std::size_t>(std::count(interest.begin(), interest.end(), true));
  r.full_low = x.colwise().minCoeff().transpose();
  r.full_high = x.colwise().maxCoeff().transpose();
  Eigen::VectorXd low = r.full_low, high = r.full_high;
  r.trajectory.push_back(make_box(d, low, high, r));
  const double min_runs = options.min_mass * static_cast<double>(r.total_runs);

  // Peeling.
  for (;;) {
    const PrimBox& current = r.trajectory.back();
    Candidate best;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      const std::vector<double> v = values_inside(d, j, low, high);
      if (v.size() < 2) continue;
      const auto cut = static_cast<std::size_t>(std::floor(options.alpha * static_cast<double>(v.size())));
      const std::size_t k = std::max<std::size_t>(cut, 1);
      // Low side: keep values >= v[k]; high side: keep values <= v[n-1-k].
      for (int side = 0; side < 2; ++side) {
        Candidate c{low, high};
        if (side == 0) {
          if (v[k] <= v.front()) continue;
          c.low[j] = v[k];
        } else {
          if (v[v.size() - 1 - k] >= v.back()) continue;
          c.high[j] = v[v.size() - 1 - k];
        }
        std::tie(c.n, c.k) = count(d, c.low, c.high);
        c.found = true;
        if (static_cast<double>(c.n) < min_runs || c.n == 0) continue;
        if (c.better_than(best)) best = c;
      }
    }
    if (!best.found || best.density() <= current.density) break;
    low = best.low;
    high = best.high;
    r.trajectory.push_back(make_box(d, low, high, r));
  }

  // Pasting from the last peeled box.
  bool pasted = false;
  for (;;) {
    const auto [n0, k0] = count(d, low, high);
    const double density = n0 ? static_cast<double>(k0) / static_cast<double>(n0) : 0.0;
    const auto step = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::floor(options.alpha * static_cast<double>(n0))));
    Candidate best;
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      // Runs inside every other limit but outside this input's, below and above.
      std::vector<double> below, above;
      Eigen::VectorXd lo = low, hi = high;
      lo[j] = r.full_low[j];
      hi[j] = r.full_high[j];
      for (Eigen::Index q = 0; q < x.rows(); ++q) {
        if (!inside(d, q, lo, hi)) continue;
        if (x(q, j) < low[j]) below.push_back(x(q, j));
        if (x(q, j) > high[j]) above.push_back(x(q, j));
      }
      std::sort(below.begin(), below.end(), std::greater<>());
      std::sort(above.begin(), above.end());
      for (int side = 0; side < 2; ++side) {
        const std::vector<double>& v = side == 0 ? below : above;
        if (v.empty()) continue;
        Candidate c{low, high};
        (side == 0 ? c.low[j] : c.high[j]) = v[std::min(step, v.size()) - 1];
        std::tie(c.n, c.k) = count(d, c.low, c.high);
        c.found = true;
        if (c.better_than(best)) best = c;
      }
    }
    if (!best.found || best.density() <= density) break;
    low = best.low;
    high = best.high;
    pasted = true;
  }
  if (pasted) {
    r.trajectory.push_back(make_box(d, low, high, r));
    r.trajectory.back().pasted = true;
  }

  // The densest box that still covers kChoiceCoverage of the cases.
  double best_density = -1;
  for (std::size_t i = 0; i < r.trajectory.size(); ++i) {
    const PrimBox& b = r.trajectory[i];
    if (b.coverage >= kChoiceCoverage && b.density > best_density) {
      best_density = b.density;
      r.chosen = i;
    }
  }
  return r;
}

}  // namespace sim::sweep
