#include "sim/sweep/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace sim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Shortest round-trip-ish text of a number, as %g.
std::string number(double x) {
  std::ostringstream o;
  o << x;
  return o.str();
}

std::size_t next_power_of_two(double n) {
  std::size_t p = 1;
  while (static_cast<double>(p) < n && p < (std::size_t{1} << 62)) p <<= 1;
  return p;
}

double population_variance(const Eigen::VectorXd& x) {
  if (x.size() == 0) return kNaN;
  return (x.array() - x.mean()).square().mean();
}

// Noise shares from one indicator's runs (values filled in): within-point variance over replications.
void noise_shares(const Eigen::VectorXd& y, const Eigen::VectorXd& means, std::size_t replications,
                  IndicatorSensitivity& out) {
  if (replications < 2) {
    out.noise_share = out.noise_share_per_run = kNaN;
    return;
  }
  const auto r = static_cast<Eigen::Index>(replications);
  double within = 0;
  for (Eigen::Index p = 0; p < means.size(); ++p) {
    const Eigen::VectorXd v = y.segment(p * r, r);
    within += (v.array() - v.mean()).square().sum() / static_cast<double>(r - 1);
  }
  within /= static_cast<double>(means.size());
  const double between = population_variance(means), total = population_variance(y);
  out.noise_share = between > 0 ? within / static_cast<double>(r) / between : (within > 0 ? 1.0 : 0.0);
  out.noise_share_per_run = total > 0 ? within / total : 0.0;
}

void flag_sobol(const SensitivityInput& in, IndicatorSensitivity& s) {
  const auto d = s.sobol.first.size();
  s.first_flag.assign(static_cast<std::size_t>(d), 0);
  s.total_flag.assign(static_cast<std::size_t>(d), 0);
  double widest = 0;
  bool any = false;
  const auto check = [&](double v, double lo, double hi, int& flag) {
    if (std::isnan(v)) return;
    const double half = (hi - lo) / 2;
    widest = std::max(widest, half);
    if (v < kIndexLow || v > kIndexHigh || half > kMaxHalfWidth) {
      flag = 1;
      any = true;
    }
  };
  for (Eigen::Index i = 0; i < d; ++i) {
    check(s.sobol.first[i], s.sobol.first_low[i], s.sobol.first_high[i],
          s.first_flag[static_cast<std::size_t>(i)]);
    check(s.sobol.total[i], s.sobol.total_low[i], s.sobol.total_high[i],
          s.total_flag[static_cast<std::size_t>(i)]);
  }
  if (!any) return;
  const double n = static_cast<double>(in.spec.samples);
  const double needed = n * std::pow(widest / kTargetHalfWidth, 2);
  s.samples_needed = static_cast<double>(next_power_of_two(std::max(needed, 2 * n)));
}

void flag_morris(const SensitivityInput& in, IndicatorSensitivity& s) {
  const auto d = s.morris.mu_star.size();
  s.mu_star_flag.assign(static_cast<std::size_t>(d), 0);
  const std::size_t r = in.spec.trajectories;
  if (r < 2) {
    s.mu_star_flag.assign(static_cast<std::size_t>(d), 1);
    s.trajectories_needed = static_cast<double>(kMorrisMinTrajectories);
    return;
  }
  const double largest = d > 0 ? s.morris.mu_star.maxCoeff() : 0.0;
  double worst = 0;  // the largest (half-width / target half-width) over the flagged inputs
  for (Eigen::Index k = 0; k < d; ++k) {
    const double half = s.morris.mu_star_conf[k];
    const double scale = std::max(s.morris.mu_star[k], kMorrisNegligibleShare * largest);
    if (std::isnan(half) || !(scale > 0)) continue;
    if (half > kMorrisMaxRelativeHalfWidth * scale) {
      s.mu_star_flag[static_cast<std::size_t>(k)] = 1;
      worst = std::max(worst, half / (kMorrisTargetRelativeHalfWidth * scale));
    }
  }
  if (worst > 0) {
    const double rd = static_cast<double>(r);
    s.trajectories_needed = std::max(std::ceil(rd * worst * worst), 2 * rd);
  }
}

}  // namespace

const char* status_name(SensitivityStatus s) {
  switch (s) {
    case SensitivityStatus::Computed:
      return "computed";
    case SensitivityStatus::CensoredAtHorizon:
      return "censored_at_horizon";
    case SensitivityStatus::WithheldNoValues:
      return "withheld_no_values";
    case SensitivityStatus::WithheldNoVariance:
      return "withheld_no_variance";
  }
  return "?";
}

Eigen::MatrixXi censored_counts(const Eigen::MatrixXd& runs, std::size_t points, std::size_t replications) {
  if (static_cast<std::size_t>(runs.rows()) != points * replications)
    throw std::invalid_argument("censored_counts: runs do not match points x replications");
  Eigen::MatrixXi c = Eigen::MatrixXi::Zero(static_cast<Eigen::Index>(points), runs.cols());
  for (Eigen::Index r = 0; r < runs.rows(); ++r) {
    for (Eigen::Index q = 0; q < runs.cols(); ++q) {
      if (std::isnan(runs(r, q))) ++c(r / static_cast<Eigen::Index>(replications), q);
    }
  }
  return c;
}

std::vector<IndicatorSensitivity> analyse_sensitivity(const SensitivityInput& in) {
  const bool sobol = in.spec.kind == DesignKind::Sobol, morris = in.spec.kind == DesignKind::Morris;
  if (!sobol && !morris)
    throw std::invalid_argument("analyse_sensitivity: the design is neither sobol nor morris");
  if (!in.runs || !in.design || static_cast<std::size_t>(in.runs->rows()) != in.points * in.replications ||
      in.design->points != in.points || in.censored_value.size() != static_cast<std::size_t>(in.runs->cols()))
    throw std::invalid_argument("analyse_sensitivity: runs, design and indicators do not match");
  const std::size_t dims = in.design->dims;
  const auto d = static_cast<Eigen::Index>(dims);
  const auto total_runs = static_cast<std::size_t>(in.runs->rows());
  std::vector<IndicatorSensitivity> out(static_cast<std::size_t>(in.runs->cols()));
  for (Eigen::Index q = 0; q < in.runs->cols(); ++q) {
    IndicatorSensitivity& s = out[static_cast<std::size_t>(q)];
    Eigen::VectorXd y = in.runs->col(q);
    s.censored_runs = static_cast<std::size_t>(y.array().isNaN().count());
    const double fill = in.censored_value[static_cast<std::size_t>(q)];
    if (s.censored_runs > 0) {
      if (std::isnan(fill)) {
        s.status = SensitivityStatus::WithheldNoValues;
        s.reason = "withheld: " + std::to_string(s.censored_runs) + " of " + std::to_string(total_runs) +
                   " runs have no value and the indicator has no censoring rule";
      } else {
        s.status = SensitivityStatus::CensoredAtHorizon;
        s.reason = std::to_string(s.censored_runs) + " of " + std::to_string(total_runs) +
                   " runs did not reach it by the horizon end; they count as the horizon end (" +
                   number(fill) + "), so the indices describe the value capped at the horizon";
        y = y.array().isNaN().select(fill, y);
      }
    }
    Eigen::VectorXd means(static_cast<Eigen::Index>(in.points));
    const auto r = static_cast<Eigen::Index>(in.replications);
    for (Eigen::Index p = 0; p < means.size(); ++p) means[p] = y.segment(p * r, r).mean();
    if (s.status != SensitivityStatus::WithheldNoValues && !(population_variance(means) > 0)) {
      s.status = SensitivityStatus::WithheldNoVariance;
      s.reason = "withheld: the mean is " + number(means.size() ? means[0] : kNaN) +
                 " at every design point, so there is no variance to decompose";
    }
    if (s.status == SensitivityStatus::Computed)
      s.reason = "computed on the means of " + std::to_string(in.replications) + " replication" +
                 (in.replications == 1 ? "" : "s") + " per point";
    const bool withheld =
        s.status == SensitivityStatus::WithheldNoValues || s.status == SensitivityStatus::WithheldNoVariance;
    if (withheld) {
      s.noise_share = s.noise_share_per_run = kNaN;
      const Eigen::VectorXd none = Eigen::VectorXd::Constant(d, kNaN);
      s.sobol = {none, none, none, none, none, none, kNaN};
      s.morris = {none, none, none, none};
      s.first_flag.assign(dims, 0);
      s.total_flag.assign(dims, 0);
      s.mu_star_flag.assign(dims, 0);
      continue;
    }
    noise_shares(y, means, in.replications, s);
    RandomStream boot(StreamKey{in.master_seed, 0, "sweep.bootstrap", static_cast<std::uint64_t>(q)});
    if (sobol) {
      s.sobol = sobol_indices(means, in.spec.samples, dims, in.spec.second_order, in.bootstrap, in.confidence,
                              boot);
      flag_sobol(in, s);
    } else {
      s.morris = morris_indices(means, *in.design, in.spec.trajectories, in.bootstrap, in.confidence, &boot);
      flag_morris(in, s);
    }
  }
  return out;
}

}  // namespace sim::sweep
