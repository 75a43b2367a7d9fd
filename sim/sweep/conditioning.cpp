#include "sim/sweep/conditioning.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/sweep/statistics.h"

namespace sim::sweep {

Proportion wilson_interval(std::size_t k, std::size_t n, double z) {
  Proportion out{k, n, 0, 0, 0};
  if (n == 0) {
    out.p = out.low = out.high = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double denominator = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  out.p = p;
  // k = 0 and k = n give exactly 0 and 1 at the closed end (the formula's rounding aside).
  out.low = k == 0 ? 0.0 : std::max(0.0, centre - half);
  out.high = k == n ? 1.0 : std::min(1.0, centre + half);
  return out;
}

std::vector<Proportion> point_proportions(const Eigen::MatrixXd& flags, std::size_t points,
                                          std::size_t replications) {
  const auto columns = static_cast<std::size_t>(flags.cols());
  std::vector<Proportion> out;
  out.reserve(points * columns);
  for (std::size_t p = 0; p < points; ++p) {
    for (std::size_t c = 0; c < columns; ++c) {
      std::size_t k = 0, n = 0;
      for (std::size_t r = 0; r < replications; ++r) {
        const double v = flags(static_cast<Eigen::Index>(p * replications + r), static_cast<Eigen::Index>(c));
        if (std::isnan(v)) continue;
        ++n;
        if (v == 1) ++k;
      }
      out.push_back(wilson_interval(k, n));
    }
  }
  return out;
}

std::vector<bool> consistent_runs(const Eigen::MatrixXd& flags) {
  std::vector<bool> kept(static_cast<std::size_t>(flags.rows()), true);
  for (Eigen::Index r = 0; r < flags.rows(); ++r) {
    for (Eigen::Index c = 0; c < flags.cols(); ++c) {
      if (!(flags(r, c) == 1)) kept[static_cast<std::size_t>(r)] = false;  // NaN rejects too
    }
  }
  return kept;
}

std::vector<double> kept_quantiles(std::span<const double> values, const std::vector<bool>& kept,
                                   std::size_t points, std::size_t replications,
                                   std::span<const double> levels) {
  std::vector<double> out(points * levels.size());
  std::vector<double> column, scratch;
  kept_quantiles_into(values, kept, points, replications, levels, out.data(), levels.size(), 1, column,
                      scratch);
  return out;
}

void kept_quantiles_into(std::span<const double> values, const std::vector<bool>& kept, std::size_t points,
                         std::size_t replications, std::span<const double> levels, double* out,
                         std::size_t point_stride, std::size_t level_stride, std::vector<double>& column,
                         std::vector<double>& scratch) {
  for (std::size_t p = 0; p < points; ++p) {
    column.clear();
    for (std::size_t r = 0; r < replications; ++r) {
      const std::size_t run = p * replications + r;
      if (kept.at(run)) column.push_back(values[run]);
    }
    double* at = out + p * point_stride;
    if (column.empty()) {
      for (std::size_t i = 0; i < levels.size(); ++i)
        at[i * level_stride] = std::numeric_limits<double>::quiet_NaN();
    } else {
      quantiles_into(column, levels, scratch, at, level_stride);
    }
  }
}

std::vector<bool> checkable_points(const Eigen::MatrixXd& flags, std::size_t replications) {
  const std::size_t points = replications == 0 ? 0 : static_cast<std::size_t>(flags.rows()) / replications;
  std::vector<bool> out(points, false);
  for (Eigen::Index r = 0; r < flags.rows(); ++r) {
    const std::size_t p = static_cast<std::size_t>(r) / replications;
    if (p >= points) break;
    for (Eigen::Index c = 0; c < flags.cols(); ++c) {
      if (!std::isnan(flags(r, c))) out[p] = true;
    }
  }
  return out;
}

std::string consistency_warning(const std::vector<std::size_t>& kept_per_point, std::size_t replications,
                                const std::vector<bool>& checkable) {
  std::string points;
  std::size_t few = 0;
  for (std::size_t p = 0; p < kept_per_point.size(); ++p) {
    if (kept_per_point[p] >= kMinConsistentRuns) continue;
    if (p < checkable.size() && !checkable[p]) continue;
    if (few < 5) {
      points += (few == 0 ? "" : ", ") + std::to_string(kept_per_point[p]) + " of " +
                std::to_string(replications) + " runs of point " + std::to_string(p);
    }
    ++few;
  }
  if (few == 0) return {};
  if (few > 5) points += " and " + std::to_string(few - 5) + " more points";
  return "only " + points + " are consistent with all observations (fewer than " +
         std::to_string(kMinConsistentRuns) +
         "): the bands over them are unreliable; check the observations' tolerances and the scenario's "
         "uncertain inputs";
}

ConditionFlags condition_flags(const ModelOutputs& outputs, const RunResults& runs, Role role) {
  ConditionFlags f;
  std::vector<std::size_t> columns;
  for (std::size_t i = 0; i < outputs.indicators.size(); ++i) {
    if (outputs.indicators[i].role != role) continue;
    columns.push_back(i);
    f.labels.push_back(outputs.indicators[i].label);
  }
  f.values.resize(static_cast<Eigen::Index>(runs.size()), static_cast<Eigen::Index>(columns.size()));
  for (const auto& [run, result] : runs) {
    for (std::size_t k = 0; k < columns.size(); ++k)
      f.values(static_cast<Eigen::Index>(run), static_cast<Eigen::Index>(k)) =
          result.indicators.at(columns[k]);
  }
  return f;
}

HistoryMatching history_matching(const Eigen::MatrixXd& observation_flags, std::size_t points,
                                 std::size_t replications) {
  HistoryMatching h;
  h.kept = consistent_runs(observation_flags);
  h.kept_per_point.assign(points, 0);
  for (std::size_t r = 0; r < h.kept.size(); ++r) {
    if (h.kept[r]) ++h.kept_per_point[r / replications];
  }
  h.warning =
      consistency_warning(h.kept_per_point, replications, checkable_points(observation_flags, replications));
  return h;
}

}  // namespace sim::sweep
