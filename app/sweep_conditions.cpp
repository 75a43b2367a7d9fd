#include "app/sweep_conditions.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/sweep/conditioning.h"
#include "sim/sweep/statistics.h"

namespace sovsim::cli::sweep {
namespace {

using output::SweepDimension;
using output::SweepVariable;
using Type = output::SweepVariable::Type;
namespace sw = sim::sweep;

constexpr std::string_view kRoleAttribute = "sweep_role";
constexpr std::string_view kLabelAttribute = "sweep_label";

std::string_view role_name(sw::Role role) {
  switch (role) {
    case sw::Role::Target:
      return "target";
    case sw::Role::Observation:
      return "observation";
    case sw::Role::Value:
      break;
  }
  return "value";
}

SweepVariable doubles(std::string name, std::string units, std::string long_name,
                      std::vector<std::string> dims, std::vector<double> values) {
  return {.name = std::move(name),
          .units = std::move(units),
          .long_name = std::move(long_name),
          .dims = std::move(dims),
          .values = std::move(values)};
}

// Counts are whole numbers stored as float64, so that every reader (and output/reader.h) takes them.
SweepVariable ints(std::string name, std::string long_name, std::vector<std::string> dims,
                   const std::vector<std::int64_t>& values) {
  return {.name = std::move(name),
          .units = "1",
          .long_name = std::move(long_name),
          .dims = std::move(dims),
          .values = std::vector<double>(values.begin(), values.end())};
}

// The flags of the indicators with `role`, one column each, and their labels.
struct Flags {
  std::vector<std::string> labels;
  Eigen::MatrixXd values;  // runs × flags
};
Flags flags_of(const Context& c, const Results& results, sw::Role role) {
  Flags f;
  std::vector<std::size_t> columns;
  for (std::size_t i = 0; i < c.outputs.indicators.size(); ++i) {
    if (c.outputs.indicators[i].role != role) continue;
    columns.push_back(i);
    f.labels.push_back(c.outputs.indicators[i].label);
  }
  f.values.resize(static_cast<Eigen::Index>(results.size()), static_cast<Eigen::Index>(columns.size()));
  for (const auto& [run, result] : results) {
    for (std::size_t k = 0; k < columns.size(); ++k)
      f.values(static_cast<Eigen::Index>(run), static_cast<Eigen::Index>(k)) =
          result.indicators.at(columns[k]);
  }
  return f;
}

// P(flag = 1) per point with its Wilson interval and counts, over (point, `axis`).
void add_proportions(const Flags& flags, const std::string& axis, const std::string& what, std::size_t points,
                     std::size_t reps, output::SweepFileContent& f) {
  const std::vector<sw::Proportion> p = sw::point_proportions(flags.values, points, reps);
  std::vector<double> prob, low, high;
  std::vector<std::int64_t> k, n;
  for (const sw::Proportion& x : p) {
    prob.push_back(x.p);
    low.push_back(x.low);
    high.push_back(x.high);
    k.push_back(static_cast<std::int64_t>(x.k));
    n.push_back(static_cast<std::int64_t>(x.n));
  }
  const std::vector<std::string> dims = {"point", axis};
  f.variables.push_back(doubles(axis + "_probability", "1",
                                "share of the point's runs that " + what + " (k/n)", dims, std::move(prob)));
  f.variables.push_back(doubles(axis + "_probability_low", "1",
                                "lower end of the Wilson 95 % score interval of " + axis + "_probability",
                                dims, std::move(low)));
  f.variables.push_back(doubles(axis + "_probability_high", "1",
                                "upper end of the Wilson 95 % score interval of " + axis + "_probability",
                                dims, std::move(high)));
  f.variables.push_back(ints(axis + "_runs_met", "runs of the point that " + what + " (k)", dims, k));
  f.variables.push_back(ints(axis + "_runs", "runs of the point with a value (n)", dims, n));
}

}  // namespace

void add_role_attributes(const sw::Quantity& q, SweepVariable& v) {
  if (q.role == sw::Role::Value) return;
  v.attributes.emplace_back(std::string(kRoleAttribute), std::string(role_name(q.role)));
  v.attributes.emplace_back(std::string(kLabelAttribute), q.label);
}

void read_role_attributes(const SweepVariable& v, sw::Quantity& q) {
  for (const auto& [name, value] : v.attributes) {
    const auto* text = std::get_if<std::string>(&value);
    if (text == nullptr) continue;
    if (name == kRoleAttribute) {
      q.role = *text == "target"        ? sw::Role::Target
               : *text == "observation" ? sw::Role::Observation
                                        : sw::Role::Value;
    } else if (name == kLabelAttribute) {
      q.label = *text;
    }
  }
}

void add_conditions(const Context& c, const Results& results, output::SweepFileContent& f) {
  const std::size_t points = c.design.points, reps = c.plan.replications;
  const Flags targets = flags_of(c, results, sw::Role::Target);
  const Flags observations = flags_of(c, results, sw::Role::Observation);
  if (!targets.labels.empty()) {
    f.dimensions.push_back(
        {.name = "target", .long_name = "target (scenario key targets)", .labels = targets.labels});
    add_proportions(targets, "target", "met the target at the end of its date", points, reps, f);
  }
  if (observations.labels.empty()) return;
  f.dimensions.push_back({.name = "observation",
                          .long_name = "observation (scenario key observations)",
                          .labels = observations.labels});
  add_proportions(observations, "observation", "matched the observation within its tolerance", points, reps,
                  f);

  // History matching by rejection.
  const std::vector<bool> kept = sw::consistent_runs(observations.values);
  std::vector<std::int64_t> run_flag;
  std::vector<std::size_t> per_point(points, 0);
  for (std::size_t r = 0; r < kept.size(); ++r) {
    run_flag.push_back(kept[r] ? 1 : 0);
    if (kept[r]) ++per_point[r / reps];
  }
  f.variables.push_back(ints("run_consistent",
                             "1 when the run matched every observation (history matching by rejection)",
                             {"run"}, run_flag));
  std::vector<std::int64_t> counts(per_point.begin(), per_point.end());
  f.variables.push_back(ints("consistent_runs", "runs of the point consistent with every observation (kept)",
                             {"point"}, counts));
  const std::string warning =
      sw::consistency_warning(per_point, reps, sw::checkable_points(observations.values, reps));
  if (!warning.empty()) f.attributes.emplace_back("history_matching_warning", warning);

  const std::vector<double> levels(std::begin(sw::kQuantileLevels), std::end(sw::kQuantileLevels));
  const auto& ind = c.outputs.indicators;
  std::vector<double> column(results.size());
  for (std::size_t i = 0; i < ind.size(); ++i) {
    if (ind[i].role != sw::Role::Value) continue;
    for (const auto& [run, result] : results) column[run] = result.indicators[i];
    f.variables.push_back(
        doubles(ind[i].name + "_consistent_quantile", ind[i].units,
                "quantiles over the point's runs consistent with every observation of " + ind[i].long_name +
                    " (beside " + ind[i].name + "_quantile over all runs)",
                {"point", "quantile"}, sw::kept_quantiles(column, kept, points, reps, levels)));
  }
  const std::size_t t = c.outputs.times.size();
  if (c.plan.keep == sw::Keep::Headline || c.outputs.series.empty() || t == 0) return;
  for (std::size_t s = 0; s < c.outputs.series.size(); ++s) {
    const auto& q = c.outputs.series[s];
    std::vector<double> band(points * sw::kQuantileCount * t);
    for (std::size_t k = 0; k < t; ++k) {
      for (const auto& [run, result] : results) column[run] = result.series[s * t + k];
      const std::vector<double> qs = sw::kept_quantiles(column, kept, points, reps, levels);
      for (std::size_t p = 0; p < points; ++p) {
        for (std::size_t l = 0; l < sw::kQuantileCount; ++l)
          band[(p * sw::kQuantileCount + l) * t + k] = qs[p * sw::kQuantileCount + l];
      }
    }
    f.variables.push_back(doubles(q.name + "_consistent_quantile", q.units,
                                  "quantiles over the point's runs consistent with every observation of " +
                                      q.long_name + " (beside " + q.name + "_quantile over all runs)",
                                  {"point", "quantile", "time"}, std::move(band)));
  }
}

}  // namespace sovsim::cli::sweep
