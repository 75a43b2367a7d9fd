#include "output/sweep/comparison_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "output/attributes.h"
#include "output/reader.h"

namespace output::sweep {
namespace {

bool has(const std::vector<std::string>& variables, const std::string& name) {
  return std::find(variables.begin(), variables.end(), name) != variables.end();
}

}  // namespace

std::optional<ComparisonSummary> read_comparison(const std::filesystem::path& path,
                                                 const std::vector<std::string>& variables) {
  if (!has(variables, "paired_difference_mean")) return std::nullopt;
  const Variable mean = read_variable(path, "paired_difference_mean");
  const auto value = [&](const std::string& name) { return read_variable(path, name).values; };
  const std::vector<double> low = value("paired_difference_mean_low"),
                            high = value("paired_difference_mean_high");
  const Variable quantile = read_variable(path, "paired_difference_quantile");
  const std::vector<double> valued = value("paired_valued"), cref = value("paired_censored_reference"),
                            cvar = value("paired_censored_variant"), cboth = value("paired_censored_both"),
                            better = value("paired_share_better"), worse = value("paired_share_worse"),
                            equal = value("paired_share_equal"),
                            undetermined = value("paired_share_undetermined");
  const std::vector<std::string> directions = read_text_variable(path, "indicator_preferred_direction");
  const std::vector<std::string> difference_units = read_text_variable(path, "indicator_difference_units");
  // Why a target or observation is not paired (files before paired_not_compared pair them all).
  const std::vector<std::string> not_compared = has(variables, "paired_not_compared")
                                                    ? read_text_variable(path, "paired_not_compared")
                                                    : std::vector<std::string>{};
  const auto reason = [&](std::size_t k) {
    return k < not_compared.size() ? not_compared[k] : std::string();
  };
  const Attributes root = read_root_attributes(path);
  ComparisonSummary s;
  s.reference = text_attribute(root, "comparison_reference");
  if (const AttributeValue* r = find_attribute(root, "replications")) {
    if (const auto* n = std::get_if<std::int64_t>(r)) s.replications = std::to_string(*n);
  }
  // Variants that do not derive directly from the reference (models/sweep/rollout_run.cpp).
  s.derivation_notes = attribute_lines(text_attribute(root, "variant_derivation_notes"));
  const Dimension& rows = mean.dims.at(0);
  const std::vector<std::string>& names = mean.dims.at(1).labels;
  const std::size_t m = names.size(), levels = quantile.dims.at(2).size;
  // The variants' names (the variant dimension's labels) and files.
  std::vector<std::string> variant_names, variant_files;
  if (has(variables, "variant_file")) {
    variant_files = read_text_variable(path, "variant_file");
    variant_names = read_variable_header(path, "variant_file").dims.at(0).labels;
  }
  std::vector<PairedIndicator> columns(m);
  for (std::size_t i = 0; i < m; ++i) {
    const VariableHeader h = read_variable_header(path, names[i]);
    PairedIndicator& c = columns[i];
    c.name = names[i];
    c.long_name = text_attribute(h.attributes, "long_name");
    c.units = text_attribute(h.attributes, "units");
    c.difference_units = difference_units.at(i);
    c.direction = directions.at(i);
    c.role = text_attribute(h.attributes, "sweep_role");
    if (!text_attribute(h.attributes, "sweep_inner_axis").empty())
      c.two_axis_quantity = text_attribute(h.attributes, "sweep_quantity");
  }
  // Medians of each point (the 50 % level of <name>_quantile).
  const auto median = [&](const std::string& name, std::size_t point) {
    if (!has(variables, name + "_quantile")) return std::nan("");
    const Variable q = read_variable(path, name + "_quantile");
    const auto& lv = q.dims.at(1).values;
    const auto at = std::find(lv.begin(), lv.end(), 0.5);
    if (at == lv.end()) return std::nan("");
    return q.values.at(point * lv.size() + static_cast<std::size_t>(at - lv.begin()));
  };
  const std::size_t row_count = rows.size;
  std::size_t variants = 1;
  for (const auto& h : mean.dims) {
    if (h.name == "variant") variants = h.size;
  }
  if (rows.name == "point" && has(variables, "variant_file")) variants = variant_files.size();
  s.design_points = std::max<std::size_t>(1, row_count / std::max<std::size_t>(1, variants));
  const auto paired = [&](std::size_t row, std::size_t i) {
    PairedIndicator c = columns[i];
    const std::size_t k = row * m + i;
    c.mean = mean.values[k];
    c.low = low[k];
    c.high = high[k];
    c.quantiles.assign(quantile.values.begin() + static_cast<std::ptrdiff_t>(k * levels),
                       quantile.values.begin() + static_cast<std::ptrdiff_t>((k + 1) * levels));
    c.pairs = valued[k];
    c.censored_reference = cref[k];
    c.censored_variant = cvar[k];
    c.censored_both = cboth[k];
    c.better = better[k];
    c.worse = worse[k];
    c.equal = equal[k];
    c.undetermined = undetermined[k];
    c.not_compared = reason(k);
    return c;
  };
  for (std::size_t row = 0; row < row_count; ++row) {
    VariantComparison v;
    v.row = row;
    v.variant = row / s.design_points;
    if (v.variant == 0) continue;
    v.base_point = row % s.design_points;
    // Crossed with a design: point v*P+p is design point p of variant v.
    v.label = rows.name == "variant"             ? rows.labels.at(row)
              : v.variant < variant_names.size() ? fmt::format("point {}: {}", row, variant_names[v.variant])
                                                 : fmt::format("point {}: variant {}", row, v.variant);
    if (v.variant < variant_files.size()) v.file = variant_files[v.variant];
    if (v.variant < variant_names.size()) {
      for (const std::string& note : s.derivation_notes) {
        if (note.starts_with("variant " + variant_names[v.variant] + " ")) v.notes.push_back(note);
      }
    }
    for (std::size_t i = 0; i < m; ++i) {
      const PairedIndicator& c = columns[i];
      if (c.role == "target" || c.role == "observation" || c.name.starts_with("target_") ||
          c.name.starts_with("observation_"))
        continue;
      PairedIndicator p = paired(row, i);
      p.reference_median = median(c.name, v.base_point);
      p.variant_median = median(c.name, row);
      v.indicators.push_back(std::move(p));
    }
    // Targets: P(met) under both, and the paired difference of the met flags.
    if (has(variables, "target_probability")) {
      v.has_targets = true;
      const Variable p = read_variable(path, "target_probability");
      const std::vector<double> pl = value("target_probability_low"), ph = value("target_probability_high"),
                                met = value("target_runs_met"), runs = value("target_runs");
      const auto& targets = p.dims.at(1).labels;
      const std::size_t t = targets.size();
      for (std::size_t j = 0; j < t; ++j) {
        TargetComparison tc;
        tc.name = targets[j];
        // The target's definition in each variant (one line each; empty: not defined there), and why
        // it can never be met in a variant (one line per variant; empty: it can).
        std::vector<std::string> definitions, never;
        if (has(variables, "target_met_" + targets[j])) {
          const Attributes a = read_variable_header(path, "target_met_" + targets[j]).attributes;
          definitions = attribute_lines(text_attribute(a, "variant_definitions"));
          never = attribute_lines(text_attribute(a, "never_met_reason"));
        }
        const auto side = [&](std::size_t pt) {
          const std::size_t a = pt * t + j;
          const std::size_t var = pt / s.design_points;
          TargetSide ts;
          ts.defined = !(var < definitions.size() && definitions[var].empty() && var < variant_names.size());
          ts.probability = p.values[a];
          ts.low = pl[a];
          ts.high = ph[a];
          ts.runs_met = met[a];
          ts.runs = runs[a];
          if (var < never.size()) ts.never_met_reason = never[var];
          if (var < variant_names.size()) ts.variant_name = variant_names[var];
          return ts;
        };
        tc.reference = side(v.base_point);
        tc.variant = side(row);
        const auto it = std::find(names.begin(), names.end(), "target_met_" + targets[j]);
        if (it != names.end()) tc.paired = paired(row, static_cast<std::size_t>(it - names.begin()));
        v.targets.push_back(std::move(tc));
      }
    }
    // Observations (not in the indicators) that the variant and the reference do not share, by reason.
    for (std::size_t i = 0; i < m; ++i) {
      const std::string why = reason(row * m + i);
      if (!why.empty() && columns[i].name.starts_with("observation_matched_"))
        v.observations_not_compared[why].push_back(
            columns[i].name.substr(std::string("observation_matched_").size()));
    }
    s.variants.push_back(std::move(v));
  }
  return s;
}

}  // namespace output::sweep
