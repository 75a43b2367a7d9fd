#include "sim/sweep/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace sim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double sorted_quantile(const std::vector<double>& x, double p) {
  if (x.empty()) return kNaN;
  const double h = static_cast<double>(x.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

void sort_finite_into(std::span<const double> values, std::vector<double>& x) {
  x.clear();
  for (double v : values) {
    if (!std::isnan(v)) x.push_back(v);
  }
  // Many columns of a sweep's series are already in order (equal in every run: zeros before the
  // first deliveries, counts no input changes), and checking is cheaper than sorting them.
  if (!std::is_sorted(x.begin(), x.end())) std::sort(x.begin(), x.end());
}

std::vector<double> finite_sorted(std::span<const double> values) {
  std::vector<double> x;
  x.reserve(values.size());
  sort_finite_into(values, x);
  return x;
}

// The population variance of the A and B rows, and the index estimators for one set of base rows.
struct SaltelliRows {
  Eigen::VectorXd a, b;
  Eigen::MatrixXd ab;  // N × D
};

void estimate(const SaltelliRows& s, const std::vector<std::size_t>& rows, Eigen::Ref<Eigen::VectorXd> first,
              Eigen::Ref<Eigen::VectorXd> total, double* variance_out) {
  const auto n = static_cast<double>(rows.size());
  double sum = 0, sum2 = 0;
  for (std::size_t j : rows) {
    sum += s.a[static_cast<Eigen::Index>(j)] + s.b[static_cast<Eigen::Index>(j)];
  }
  const double m = sum / (2 * n);
  for (std::size_t j : rows) {
    const double da = s.a[static_cast<Eigen::Index>(j)] - m;
    const double db = s.b[static_cast<Eigen::Index>(j)] - m;
    sum2 += da * da + db * db;
  }
  const double v = sum2 / (2 * n);
  if (variance_out) *variance_out = v;
  for (Eigen::Index i = 0; i < s.ab.cols(); ++i) {
    double f = 0, t = 0;
    for (std::size_t j : rows) {
      const auto r = static_cast<Eigen::Index>(j);
      const double d = s.ab(r, i) - s.a[r];
      // Centred f(B): the estimator's expectation does not change (E[f(AB_i) - f(A)] = 0), but its
      // variance no longer grows with the output's mean squared (a date ~1,500 days from the start
      // with a spread of ~200 days gave first-order intervals of +-2.5 uncentred).
      f += (s.b[r] - m) * d;
      t += d * d;
    }
    first[i] = v > 0 ? f / n / v : kNaN;
    total[i] = v > 0 ? t / (2 * n) / v : kNaN;
  }
}

}  // namespace

double quantile(std::span<const double> values, double p) {
  return sorted_quantile(finite_sorted(values), p);
}

std::vector<double> quantiles(std::span<const double> values, std::span<const double> levels) {
  const std::vector<double> x = finite_sorted(values);
  std::vector<double> out;
  out.reserve(levels.size());
  for (double p : levels) out.push_back(sorted_quantile(x, p));
  return out;
}

void quantiles_into(std::span<const double> values, std::span<const double> levels,
                    std::vector<double>& scratch, double* out, std::size_t stride) {
  sort_finite_into(values, scratch);
  for (std::size_t i = 0; i < levels.size(); ++i) out[i * stride] = sorted_quantile(scratch, levels[i]);
}

double mean(std::span<const double> values) {
  double sum = 0;
  std::size_t n = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
  }
  return n == 0 ? kNaN : sum / static_cast<double>(n);
}

PointStatistics point_statistics(const Eigen::MatrixXd& runs, std::size_t points, std::size_t replications) {
  if (static_cast<std::size_t>(runs.rows()) != points * replications) {
    throw std::invalid_argument("point_statistics: " + std::to_string(runs.rows()) + " runs for " +
                                std::to_string(points) + " points x " + std::to_string(replications) +
                                " replications");
  }
  const Eigen::Index p_count = static_cast<Eigen::Index>(points);
  const Eigen::Index r_count = static_cast<Eigen::Index>(replications);
  PointStatistics s;
  s.mean.resize(p_count, runs.cols());
  s.quantile.assign(kQuantileCount, Eigen::MatrixXd(p_count, runs.cols()));
  std::vector<double> column(replications);
  for (Eigen::Index p = 0; p < p_count; ++p) {
    for (Eigen::Index q = 0; q < runs.cols(); ++q) {
      for (Eigen::Index r = 0; r < r_count; ++r)
        column[static_cast<std::size_t>(r)] = runs(p * r_count + r, q);
      s.mean(p, q) = mean(column);
      const std::vector<double> qs = quantiles(column, kQuantileLevels);
      for (std::size_t k = 0; k < kQuantileCount; ++k) s.quantile[k](p, q) = qs[k];
    }
  }
  return s;
}

SobolIndices sobol_indices(const Eigen::VectorXd& y, std::size_t base_samples, std::size_t dims,
                           bool second_order, std::size_t resamples, double level, RandomStream& stream) {
  const std::size_t block = second_order ? 2 * dims + 2 : dims + 2;
  if (static_cast<std::size_t>(y.size()) != base_samples * block) {
    throw std::invalid_argument("sobol_indices: " + std::to_string(y.size()) +
                                " outputs, the Saltelli design has " + std::to_string(base_samples * block));
  }
  const auto n = static_cast<Eigen::Index>(base_samples);
  const auto d = static_cast<Eigen::Index>(dims);
  SaltelliRows s;
  s.a.resize(n);
  s.b.resize(n);
  s.ab.resize(n, d);
  for (Eigen::Index j = 0; j < n; ++j) {
    const Eigen::Index base = j * static_cast<Eigen::Index>(block);
    s.a[j] = y[base];
    for (Eigen::Index i = 0; i < d; ++i) s.ab(j, i) = y[base + 1 + i];
    s.b[j] = y[base + static_cast<Eigen::Index>(block) - 1];
  }
  SobolIndices out;
  out.first.resize(d);
  out.total.resize(d);
  std::vector<std::size_t> rows(base_samples);
  for (std::size_t j = 0; j < base_samples; ++j) rows[j] = j;
  estimate(s, rows, out.first, out.total, &out.variance);

  Eigen::MatrixXd boot_first(static_cast<Eigen::Index>(resamples), d),
      boot_total(static_cast<Eigen::Index>(resamples), d);
  for (std::size_t b = 0; b < resamples; ++b) {
    for (std::size_t j = 0; j < base_samples; ++j) rows[j] = stream.below(base_samples);
    Eigen::VectorXd f(d), t(d);
    estimate(s, rows, f, t, nullptr);
    boot_first.row(static_cast<Eigen::Index>(b)) = f.transpose();
    boot_total.row(static_cast<Eigen::Index>(b)) = t.transpose();
  }
  const double levels[] = {(1 - level) / 2, (1 + level) / 2};
  out.first_low.resize(d);
  out.first_high.resize(d);
  out.total_low.resize(d);
  out.total_high.resize(d);
  for (Eigen::Index i = 0; i < d; ++i) {
    const Eigen::VectorXd fc = boot_first.col(i), tc = boot_total.col(i);
    const std::vector<double> fq =
        quantiles(std::span<const double>(fc.data(), static_cast<std::size_t>(fc.size())), levels);
    const std::vector<double> tq =
        quantiles(std::span<const double>(tc.data(), static_cast<std::size_t>(tc.size())), levels);
    out.first_low[i] = fq[0];
    out.first_high[i] = fq[1];
    out.total_low[i] = tq[0];
    out.total_high[i] = tq[1];
  }
  return out;
}

MorrisIndices morris_indices(const Eigen::VectorXd& y, const Design& design, std::size_t trajectories,
                             std::size_t resamples, double level, RandomStream* stream) {
  const std::size_t dims = design.dims;
  if (design.points != trajectories * (dims + 1) || static_cast<std::size_t>(y.size()) != design.points ||
      design.unit.size() != design.points * dims) {
    throw std::invalid_argument("morris_indices: outputs, design and trajectories do not match");
  }
  const auto d = static_cast<Eigen::Index>(dims);
  const auto r = static_cast<Eigen::Index>(trajectories);
  Eigen::MatrixXd ee = Eigen::MatrixXd::Constant(r, d, kNaN);
  for (std::size_t t = 0; t < trajectories; ++t) {
    for (std::size_t s = 0; s < dims; ++s) {
      const std::size_t before = t * (dims + 1) + s;
      const std::size_t after = before + 1;
      for (std::size_t k = 0; k < dims; ++k) {
        const double step = design.unit[after * dims + k] - design.unit[before * dims + k];
        if (step == 0) continue;
        ee(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(k)) =
            (y[static_cast<Eigen::Index>(after)] - y[static_cast<Eigen::Index>(before)]) / step;
        break;
      }
    }
  }
  MorrisIndices m;
  m.mu = ee.colwise().mean().transpose();
  m.mu_star = ee.cwiseAbs().colwise().mean().transpose();
  m.sigma.resize(d);
  for (Eigen::Index k = 0; k < d; ++k) {
    if (r < 2) {
      m.sigma[k] = kNaN;
      continue;
    }
    const double mu = m.mu[k];
    m.sigma[k] = std::sqrt((ee.col(k).array() - mu).square().sum() / static_cast<double>(r - 1));
  }
  m.mu_star_conf = Eigen::VectorXd::Constant(d, kNaN);
  if (resamples == 0 || stream == nullptr || trajectories < 2) return m;
  if (!(level > 0 && level < 1))
    throw std::invalid_argument("morris_indices: confidence level must be in (0, 1)");
  // One resample draws r trajectories with replacement; all parameters share the draw (SALib draws
  // per parameter: the distribution of each parameter's interval is the same either way).
  const Eigen::MatrixXd abs_ee = ee.cwiseAbs();
  Eigen::MatrixXd boot(static_cast<Eigen::Index>(resamples), d);
  for (std::size_t b = 0; b < resamples; ++b) {
    Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(d);
    for (std::size_t j = 0; j < trajectories; ++j)
      sum += abs_ee.row(static_cast<Eigen::Index>(stream->below(trajectories)));
    boot.row(static_cast<Eigen::Index>(b)) = sum / static_cast<double>(r);
  }
  const double z = normal_quantile(0.5 + level / 2);
  for (Eigen::Index k = 0; k < d; ++k) {
    const Eigen::VectorXd c = boot.col(k);
    m.mu_star_conf[k] = z * std::sqrt((c.array() - c.mean()).square().mean());
  }
  return m;
}

}  // namespace sim::sweep
