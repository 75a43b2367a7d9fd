#include "output/sweep/conditions.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/sweep/bands.h"
#include "sim/sweep/conditioning.h"
#include "sim/sweep/statistics.h"

namespace output::sweep {
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

// P(flag = 1) per point with its Wilson interval and counts, over (point, `axis`).
void add_proportions(const sw::ConditionFlags& flags, const std::string& axis, const std::string& what,
                     std::size_t points, std::size_t reps, output::SweepFileContent& f) {
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
  const sw::ConditionFlags targets = sw::condition_flags(c.outputs, results, sw::Role::Target);
  const sw::ConditionFlags observations = sw::condition_flags(c.outputs, results, sw::Role::Observation);
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
  const sw::HistoryMatching matching = sw::history_matching(observations.values, points, reps);
  const std::vector<bool>& kept = matching.kept;
  std::vector<std::int64_t> run_flag;
  for (const bool k : kept) run_flag.push_back(k ? 1 : 0);
  f.variables.push_back(ints("run_consistent",
                             "1 when the run matched every observation (history matching by rejection)",
                             {"run"}, run_flag));
  const std::vector<std::int64_t> counts(matching.kept_per_point.begin(), matching.kept_per_point.end());
  f.variables.push_back(ints("consistent_runs", "runs of the point consistent with every observation (kept)",
                             {"point"}, counts));
  if (!matching.warning.empty()) f.attributes.emplace_back("history_matching_warning", matching.warning);

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
    sw::SeriesBands bands = sw::kept_series_bands(
        results, kept, {.series = s, .times = t, .points = points, .replications = reps});
    f.variables.push_back(doubles(q.name + "_consistent_quantile", q.units,
                                  "quantiles over the point's runs consistent with every observation of " +
                                      q.long_name + " (beside " + q.name + "_quantile over all runs)",
                                  {"point", "quantile", "time"}, std::move(bands.quantile)));
  }
}

}  // namespace output::sweep
