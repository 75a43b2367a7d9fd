#include "app/summary_comparison.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "app/summary_text.h"
#include "output/reader.h"
#include "sim/time.h"

namespace sovsim::cli {
namespace {

namespace fs = std::filesystem;

// About four significant digits, thousands grouped: 8,966,563 / 594.9 / 15.54 / 0.3328.
std::string number(double x, bool sign = false) {
  if (std::isnan(x)) return "no run has a value";  // medians and means over replications
  const double a = std::fabs(x);
  std::string body;
  if (a >= 1e9) {
    body = fmt::format("{:.4g}", a);  // 3.179e+12: the leading digits are what a reader compares
  } else if (a >= 9999.5) {
    std::string digits = fmt::format("{:.0f}", a);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
      digits.insert(static_cast<std::size_t>(i), ",");
    body = digits;
  } else {
    body = fmt::format("{:.4g}", a);
  }
  if (x < 0) return "-" + body;
  return (sign && x > 0 ? "+" : "") + body;
}

// A CF date "days since YYYY-MM-DD..." value as an ISO date.
struct Epoch {
  bool date = false;
  std::int64_t day = 0;  // days from civil
};
Epoch epoch_of(const std::string& units) {
  Epoch e;
  const auto since = units.find(" since ");
  if (since == std::string::npos || units.substr(0, since) != "days" || units.size() < since + 17) return e;
  const std::optional<sim::Date> date = sim::parse_iso_date(units.substr(since + 7, 10));
  if (!date) return e;
  e.date = true;
  e.day = sim::days_from_civil(*date);
  return e;
}
std::string date_text(const Epoch& e, double v) {
  if (std::isnan(v)) return "not reached";
  return sim::to_iso(sim::civil_from_days(e.day + static_cast<std::int64_t>(std::floor(v))));
}

struct Column {
  std::string name;
  std::string long_name;
  std::string units;  // of the indicator (CF for a date)
  std::string difference_units;
  std::string direction;
  std::string role;
  // An indicator flattened over two axes (gpu_days_idle_by_buyer over buyer, reason): the quantity's
  // name, so that its unchanged components are listed as one entry.
  std::string two_axis_quantity;
};

std::string shown_units(const Column& c) {
  if (c.difference_units == "d")
    return c.long_name.starts_with("GPU-days") || c.long_name.find("GPU-days") != std::string::npos
               ? " GPU-days"
               : " days";
  if (c.difference_units.empty() || c.difference_units == "1") return "";
  return " " + c.difference_units;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

}  // namespace

std::string comparison_summary(const fs::path& path, const std::vector<std::string>& variables) {
  if (!has(variables, "paired_difference_mean")) return {};
  const output::Variable mean = output::read_variable(path, "paired_difference_mean");
  const auto value = [&](const std::string& name) { return output::read_variable(path, name).values; };
  const std::vector<double> low = value("paired_difference_mean_low"),
                            high = value("paired_difference_mean_high");
  const output::Variable quantile = output::read_variable(path, "paired_difference_quantile");
  const std::vector<double> valued = value("paired_valued"), cref = value("paired_censored_reference"),
                            cvar = value("paired_censored_variant"), cboth = value("paired_censored_both"),
                            better = value("paired_share_better"), worse = value("paired_share_worse"),
                            equal = value("paired_share_equal"),
                            undetermined = value("paired_share_undetermined");
  const std::vector<std::string> directions =
      output::read_text_variable(path, "indicator_preferred_direction");
  const std::vector<std::string> difference_units =
      output::read_text_variable(path, "indicator_difference_units");
  // Why a target or observation is not paired (files before paired_not_compared pair them all).
  const std::vector<std::string> not_compared = has(variables, "paired_not_compared")
                                                    ? output::read_text_variable(path, "paired_not_compared")
                                                    : std::vector<std::string>{};
  const auto reason = [&](std::size_t k) {
    return k < not_compared.size() ? not_compared[k] : std::string();
  };
  const output::Attributes root = output::read_root_attributes(path);
  const std::string reference = text_of(root, "comparison_reference");
  std::string replications;
  if (const output::AttributeValue* r = output::find_attribute(root, "replications")) {
    if (const auto* n = std::get_if<std::int64_t>(r)) replications = std::to_string(*n);
  }
  const output::Dimension& rows = mean.dims.at(0);
  const std::vector<std::string>& names = mean.dims.at(1).labels;
  const std::size_t m = names.size(), levels = quantile.dims.at(2).size;
  // The variants' names (the variant dimension's labels) and files.
  std::vector<std::string> variant_names;
  std::vector<std::string> variant_files;
  if (has(variables, "variant_file")) {
    variant_files = output::read_text_variable(path, "variant_file");
    variant_names = output::read_variable_header(path, "variant_file").dims.at(0).labels;
  }
  std::vector<Column> columns(m);
  for (std::size_t i = 0; i < m; ++i) {
    const output::VariableHeader h = output::read_variable_header(path, names[i]);
    columns[i] = {names[i],
                  text_of(h.attributes, "long_name"),
                  text_of(h.attributes, "units"),
                  difference_units.at(i),
                  directions.at(i),
                  text_of(h.attributes, "sweep_role"),
                  text_of(h.attributes, "sweep_inner_axis").empty()
                      ? std::string()
                      : text_of(h.attributes, "sweep_quantity")};
  }
  // Medians of each point (the 50 % level of <name>_quantile).
  const auto median = [&](const std::string& name, std::size_t point) {
    if (!has(variables, name + "_quantile")) return std::nan("");
    const output::Variable q = output::read_variable(path, name + "_quantile");
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
  const std::size_t design_points = std::max<std::size_t>(1, row_count / std::max<std::size_t>(1, variants));

  std::string out = fmt::format(
      "\nWhat each variant changes against {} (paired: replication r of every variant ran with the seed of "
      "replication r of {}{}).\n"
      "Differences are variant - reference over the replications where both runs have a value ('pairs'); a "
      "milestone never reached is censored and counted, not averaged. 95 % interval: percentile bootstrap of "
      "the mean difference. better / worse / equal: shares of all replications, by the indicator's preferred "
      "direction; a milestone reached counts as better than one never reached.\n",
      reference, reference, replications.empty() ? "" : ", " + replications + " replications");
  // Variants that do not derive directly from the reference (models/sweep/rollout_run.cpp).
  const std::vector<std::string> derivation_notes =
      output::attribute_lines(text_of(root, "variant_derivation_notes"));
  for (const std::string& note : derivation_notes) out += "Note: " + note + ".\n";
  for (std::size_t row = 0; row < row_count; ++row) {
    const std::size_t variant = row / design_points;
    if (variant == 0) continue;
    const std::size_t base_point = row % design_points;
    // Crossed with a design: point v*P+p is design point p of variant v.
    const std::string label = rows.name == "variant" ? rows.labels.at(row)
                              : variant < variant_names.size()
                                  ? fmt::format("point {}: {}", row, variant_names[variant])
                                  : fmt::format("point {}: variant {}", row, variant);
    const std::string file = variant < variant_files.size() ? " (" + variant_files[variant] + ")" : "";
    out += fmt::format("\n{}{} against {}{}\n", label, file, reference,
                       design_points > 1 ? fmt::format(", design point {}", base_point) : "");
    if (variant < variant_names.size()) {
      for (const std::string& note : derivation_notes) {
        if (note.starts_with("variant " + variant_names[variant] + " ")) out += "  Note: " + note + ".\n";
      }
    }
    const std::vector<std::string> heading = {"indicator",
                                              "reference",
                                              "variant",
                                              "mean difference [95 % CI]",
                                              "5 / 50 / 95 % of differences",
                                              "better / worse / equal",
                                              "pairs"};
    std::vector<std::vector<std::string>> table = {heading};
    std::vector<std::string> unchanged;
    // Components of two-axis quantities unchanged in every replication, per quantity: (count, of).
    std::map<std::string, std::pair<std::size_t, std::size_t>> unchanged_components;
    for (std::size_t i = 0; i < m; ++i) {
      const Column& c = columns[i];
      if (c.role == "target" || c.role == "observation" || c.name.starts_with("target_") ||
          c.name.starts_with("observation_"))
        continue;
      const std::size_t k = row * m + i;
      if (!c.two_axis_quantity.empty()) {
        auto& [same, of] = unchanged_components[c.two_axis_quantity];
        ++of;
        if (equal[k] == 1.0) ++same;
      }
      if (equal[k] == 1.0) {
        if (c.two_axis_quantity.empty()) unchanged.push_back(c.name);
        continue;
      }
      const Epoch e = epoch_of(c.units);
      const std::string u = shown_units(c);
      const auto level = [&](double x) { return e.date ? date_text(e, x) : number(x) + u; };
      const double ref_median = median(c.name, base_point), var_median = median(c.name, row);
      std::string diff;
      if (valued[k] == 0) {
        diff = "n/a: no replication has both values";
      } else {
        diff = number(mean.values[k], true) + u +
               (std::isnan(low[k]) ? " [n/a: fewer than 2 pairs]"
                                   : fmt::format(" [{}, {}]", number(low[k], true), number(high[k], true)));
      }
      const double* q = &quantile.values[k * levels];
      const std::string spread =
          valued[k] == 0 ? "no pairs"
                         : fmt::format("{} / {} / {}{}", number(q[0], true), number(q[levels / 2], true),
                                       number(q[levels - 1], true), u);
      std::string shares;
      if (c.direction != "lower" && c.direction != "higher") {
        shares = fmt::format("n/a: no preferred direction ({:.0f} % equal)", equal[k] * 100);
      } else {
        shares =
            fmt::format("{:.0f} % / {:.0f} % / {:.0f} %", better[k] * 100, worse[k] * 100, equal[k] * 100);
        if (undetermined[k] > 0) shares += fmt::format(" ({:.0f} % undetermined)", undetermined[k] * 100);
      }
      const double total = valued[k] + cref[k] + cvar[k] + cboth[k];
      std::string pairs = fmt::format("{:.0f} of {:.0f}", valued[k], total);
      if (cref[k] + cvar[k] + cboth[k] > 0)
        pairs += fmt::format(" (censored: reference only {:.0f}, variant only {:.0f}, both {:.0f})", cref[k],
                             cvar[k], cboth[k]);
      table.push_back({c.name, level(ref_median), level(var_median), diff, spread, shares, pairs});
    }
    if (table.size() > 1) {
      std::vector<std::size_t> width(heading.size(), 0);
      for (const auto& r : table) {
        for (std::size_t j = 0; j < r.size(); ++j) width[j] = std::max(width[j], r[j].size());
      }
      for (const auto& r : table) {
        std::string line = " ";
        for (std::size_t j = 0; j < r.size(); ++j)
          line += " " + (j + 1 < r.size() ? pad(r[j], width[j]) : r[j]);
        out += line + "\n";
      }
      out += "  (reference and variant: medians over the replications)\n";
    }
    for (const auto& [quantity, counts] : unchanged_components) {
      if (counts.first > 0)
        unchanged.push_back(fmt::format("{} of the {} components of {} (not listed above)", counts.first,
                                        counts.second, quantity));
    }
    if (!unchanged.empty()) {
      std::string list;
      for (const auto& n : unchanged) list += (list.empty() ? "" : ", ") + n;
      out += "  unchanged in every replication: " + list + "\n";
    }
    // Targets: P(met) under both, and the paired difference of the met flags.
    if (has(variables, "target_probability")) {
      const output::Variable p = output::read_variable(path, "target_probability");
      const std::vector<double> pl = value("target_probability_low"), ph = value("target_probability_high"),
                                met = value("target_runs_met"), runs = value("target_runs");
      const auto& targets = p.dims.at(1).labels;
      const std::size_t t = targets.size();
      out +=
          "  targets: P(met) reference -> variant (Wilson 95 % interval, runs met/runs); paired difference "
          "in "
          "P(met) [95 % bootstrap interval]; replications met by the variant only / by the reference only\n";
      for (std::size_t j = 0; j < t; ++j) {
        // The target's definition in each variant (one line each; empty: not defined there).
        std::vector<std::string> definitions;
        if (has(variables, "target_met_" + targets[j]))
          definitions = output::attribute_lines(
              text_of(output::read_variable_header(path, "target_met_" + targets[j]).attributes,
                      "variant_definitions"));
        // Why the target can never be met in a variant (one line per variant; empty: it can).
        std::vector<std::string> never;
        if (has(variables, "target_met_" + targets[j]))
          never = output::attribute_lines(text_of(
              output::read_variable_header(path, "target_met_" + targets[j]).attributes, "never_met_reason"));
        const auto prob = [&](std::size_t pt) {
          const std::size_t a = pt * t + j;
          const std::size_t v = pt / design_points;
          if (runs[a] == 0 && v < definitions.size() && definitions[v].empty() && v < variant_names.size())
            return "n/a: not defined by " + variant_names[v];
          if (runs[a] == 0) return std::string("n/a: no run has a value");
          return fmt::format("{:.2f} [{:.2f}, {:.2f}] {:.0f}/{:.0f}", p.values[a], pl[a], ph[a], met[a],
                             runs[a]) +
                 (v < never.size() && !never[v].empty() ? " (" + never[v] + ")" : "");
        };
        const auto it = std::find(names.begin(), names.end(), "target_met_" + targets[j]);
        std::string diff = "n/a: no paired flag";
        if (it != names.end() && !reason(row * m + static_cast<std::size_t>(it - names.begin())).empty()) {
          diff = "not compared: " + reason(row * m + static_cast<std::size_t>(it - names.begin()));
        } else if (it != names.end()) {
          const std::size_t k = row * m + static_cast<std::size_t>(it - names.begin());
          diff = fmt::format("{:+.2f}", mean.values[k]) +
                 (std::isnan(low[k]) ? "" : fmt::format(" [{:+.2f}, {:+.2f}]", low[k], high[k])) +
                 fmt::format("; {:.0f} % / {:.0f} %", better[k] * 100, worse[k] * 100);
        }
        out += fmt::format("    {} {} -> {}; {}\n", pad(targets[j], 28), prob(base_point), prob(row), diff);
      }
    }
    // Observations (not in the table above) that the variant and the reference do not share, by reason.
    std::map<std::string, std::vector<std::string>> unshared;
    for (std::size_t i = 0; i < m; ++i) {
      const std::string why = reason(row * m + i);
      if (!why.empty() && columns[i].name.starts_with("observation_matched_"))
        unshared[why].push_back(columns[i].name.substr(std::string("observation_matched_").size()));
    }
    for (const auto& [why, list] : unshared) {
      std::string joined;
      for (const auto& n : list) joined += (joined.empty() ? "" : ", ") + n;
      out += fmt::format("  observations not compared ({}): {}\n", why, joined);
    }
  }
  return out;
}

}  // namespace sovsim::cli
