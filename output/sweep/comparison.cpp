#include "output/sweep/comparison.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <string>

#include "output/attributes.h"
#include "sim/sweep/paired.h"

namespace output::sweep {
namespace {

namespace sw = sim::sweep;
using output::SweepVariable;
using Type = output::SweepVariable::Type;

std::string attribute(const sw::Quantity& q, std::string_view name) {
  for (const auto& [n, value] : q.attributes) {
    if (n == name) return value;
  }
  return {};
}

// The units of a difference: a date's CF units ("days since ...") give days ("d": xarray would
// decode "days" as a time span); the others keep the indicator's.
std::string difference_units(const sw::Quantity& q) {
  return q.units.find(" since ") != std::string::npos ? "d" : q.units;
}

// Why an indicator of `variant` is not paired with the reference's: a target or observation
// (attribute variant_definitions) that either does not define, or defines differently; "" when
// it is paired.
std::string not_compared(const sw::Quantity& q, std::size_t variant, const std::vector<std::string>& names) {
  const std::string text = attribute(q, "variant_definitions");
  if (text.empty() || variant == 0) return {};
  const std::vector<std::string> definitions = output::attribute_lines(text);
  if (variant >= definitions.size() || definitions.size() != names.size()) return {};
  const std::string &reference = definitions[0], &mine = definitions[variant];
  if (reference == mine && !reference.empty()) return {};
  if (reference.empty() && mine.empty()) return "defined by neither " + names[0] + " nor " + names[variant];
  if (reference.empty()) return "not defined by the reference " + names[0];
  if (mine.empty()) return "not defined by " + names[variant];
  return "defined differently: " + names[0] + ": " + reference + "; " + names[variant] + ": " + mine;
}

}  // namespace

void add_comparison(const Context& c, const Eigen::MatrixXd& runs, output::SweepFileContent& f) {
  const std::size_t variants = c.plan.variants.size();
  const auto& indicators = c.outputs.indicators;
  if (variants < 2 || indicators.empty()) return;
  const std::size_t points = c.design.points, reps = c.plan.replications, m = indicators.size();
  std::vector<sw::IndicatorRule> rules;
  std::vector<std::string> directions, units;
  for (std::size_t i = 0; i < m; ++i) {
    const sw::Preference p = sw::parse_preference(attribute(indicators[i], "preferred_direction"));
    const bool censoring = i < c.outputs.censored_values.size() && !std::isnan(c.outputs.censored_values[i]);
    rules.push_back({.preference = p, .censored_is_beyond = censoring});
    directions.emplace_back(sw::preference_name(p));
    units.push_back(difference_units(indicators[i]));
  }
  std::vector<sw::PairedDifference> d = sw::paired_differences(runs, points, reps, variants, rules);
  // A target or observation is paired only where the variant defines it as the reference does:
  // elsewhere the statistics are NaN, the counts 0, and paired_not_compared says why.
  std::vector<std::string> variant_names;
  for (const auto& v : c.plan.variants) variant_names.push_back(v.name);
  std::vector<std::string> why(d.size());
  const std::size_t per_variant = points / variants;
  for (std::size_t p = 0; p < points; ++p) {
    for (std::size_t i = 0; i < m; ++i) {
      std::string reason = not_compared(indicators[i], p / per_variant, variant_names);
      if (reason.empty()) continue;
      constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
      sw::PairedDifference none;
      none.replications = reps;
      none.mean = none.mean_low = none.mean_high = kNaN;
      none.quantile.fill(kNaN);
      none.share_better = none.share_worse = none.share_equal = none.share_undetermined = kNaN;
      d[p * m + i] = none;
      why[p * m + i] = std::move(reason);
    }
  }
  const std::string row = points == variants ? "variant" : "point";
  const std::vector<std::string> dims = {row, "indicator"};
  const std::string reference = c.plan.variants.front().name;
  const std::string against = fmt::format(" of each {} against {}", row, reference) +
                              (row == "point" ? "'s same design point" : "") +
                              ", paired over replications (the same seeds)";
  const std::string per_units = "units per indicator in indicator_difference_units";

  f.variables.push_back({.name = "indicator_preferred_direction",
                         .long_name = "which direction of the indicator a paired comparison counts as better "
                                      "(lower, higher; none: no direction is better)",
                         .dims = {"indicator"},
                         .type = Type::Text,
                         .texts = std::move(directions)});
  f.variables.push_back({.name = "indicator_difference_units",
                         .long_name = "units of the indicator's paired differences (d for dates: days)",
                         .dims = {"indicator"},
                         .type = Type::Text,
                         .texts = std::move(units)});

  const auto floats = [&](std::string name, std::string long_name, auto value) {
    SweepVariable v{.name = std::move(name), .long_name = std::move(long_name), .dims = dims};
    v.attributes.emplace_back("comment", per_units);
    v.values.reserve(d.size());
    for (const sw::PairedDifference& x : d) v.values.push_back(value(x));
    f.variables.push_back(std::move(v));
  };
  const auto shares = [&](std::string name, std::string long_name, auto value) {
    SweepVariable v{.name = std::move(name), .units = "1", .long_name = std::move(long_name), .dims = dims};
    for (const sw::PairedDifference& x : d) v.values.push_back(value(x));
    f.variables.push_back(std::move(v));
  };
  // Counts as float64, as the other per-point counts, so that every reader takes them.
  const auto counts = [&](std::string name, std::string long_name, auto value) {
    SweepVariable v{.name = std::move(name), .units = "1", .long_name = std::move(long_name), .dims = dims};
    for (const sw::PairedDifference& x : d) v.values.push_back(static_cast<double>(value(x)));
    f.variables.push_back(std::move(v));
  };
  const std::string over_valued =
      " (over the replications where both runs have a value; their number is paired_valued)";
  floats("paired_difference_mean", "mean of the difference variant - reference" + against + over_valued,
         [](const sw::PairedDifference& x) { return x.mean; });
  const std::string bootstrap = fmt::format(
      " of the mean difference: percentile bootstrap, {} resamples of the valued pairs, seed {} "
      "(key sweep.paired_bootstrap); NaN with fewer than 2 valued pairs",
      sw::kPairedBootstrapResamples, sw::kPairedBootstrapSeed);
  floats("paired_difference_mean_low",
         fmt::format("lower bound of the {:g} % interval", sw::kPairedConfidence * 100) + bootstrap,
         [](const sw::PairedDifference& x) { return x.mean_low; });
  floats("paired_difference_mean_high",
         fmt::format("upper bound of the {:g} % interval", sw::kPairedConfidence * 100) + bootstrap,
         [](const sw::PairedDifference& x) { return x.mean_high; });
  {
    SweepVariable v{.name = "paired_difference_quantile",
                    .long_name = "quantiles of the difference variant - reference" + against + over_valued,
                    .dims = {row, "indicator", "quantile"}};
    v.attributes.emplace_back("comment", per_units);
    for (const sw::PairedDifference& x : d)
      v.values.insert(v.values.end(), x.quantile.begin(), x.quantile.end());
    f.variables.push_back(std::move(v));
  }
  counts("paired_valued", "replications in which both runs have a value (the differences' sample)",
         [](const sw::PairedDifference& x) { return x.valued; });
  counts("paired_censored_reference",
         "replications in which the reference has no value (a milestone never reached: right-censored) and "
         "the variant has one",
         [](const sw::PairedDifference& x) { return x.censored_reference; });
  counts("paired_censored_variant",
         "replications in which the variant has no value and the reference has one",
         [](const sw::PairedDifference& x) { return x.censored_variant; });
  counts("paired_censored_both", "replications in which neither run has a value",
         [](const sw::PairedDifference& x) { return x.censored_both; });
  const std::string of_all =
      " (share of all replications; a run without a value of a censored indicator, e.g. a date never "
      "reached, "
      "counts as beyond every value; NaN when the indicator has no preferred direction)";
  shares("paired_share_better",
         "share of replications in which the variant is better than the reference" + of_all,
         [](const sw::PairedDifference& x) { return x.share_better; });
  shares("paired_share_worse",
         "share of replications in which the variant is worse than the reference" + of_all,
         [](const sw::PairedDifference& x) { return x.share_worse; });
  shares("paired_share_equal", "share of replications in which the variant equals the reference",
         [](const sw::PairedDifference& x) { return x.share_equal; });
  shares("paired_share_undetermined",
         "share of replications whose order is unknown: neither run has a value, or one has none and the "
         "indicator has no censoring rule",
         [](const sw::PairedDifference& x) { return x.share_undetermined; });
  f.variables.push_back({.name = "paired_not_compared",
                         .long_name = "why the indicator is not paired with the reference's (a target or "
                                      "observation the variant or the reference does not define, or defines "
                                      "differently); empty when it is",
                         .dims = dims,
                         .type = Type::Text,
                         .texts = std::move(why)});
  f.attributes.emplace_back("comparison_reference", reference);
}

}  // namespace output::sweep
