#include "app/summary_conditions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/summary_text.h"
#include "output/reader.h"

namespace sovsim::cli {
namespace {

std::string number(double x) {
  if (std::isnan(x)) return "-";
  return std::fabs(x - std::round(x)) < 1e-9 && std::fabs(x) < 1e15 ? fmt::format("{:.0f}", x)
                                                                    : fmt::format("{:.4g}", x);
}

// In a sweep over variants, the variant of each point that does not define a target or observation
// (the flag's attribute variant_definitions: one line per variant, empty where it is not defined);
// "" where it is defined, or without variants.
struct Undefined {
  std::vector<std::string> variants;  // the variant dimension's labels
  std::size_t points = 0;
  std::string in(const std::filesystem::path& path, const std::vector<std::string>& variables,
                 const std::string& flag, std::size_t point) const {
    if (variants.empty() || points % variants.size() != 0 || !has(variables, flag)) return {};
    const std::vector<std::string> lines = output::attribute_lines(
        text_of(output::read_variable_header(path, flag).attributes, "variant_definitions"));
    const std::size_t v = point / (points / variants.size());
    return v < lines.size() && v < variants.size() && lines[v].empty() ? variants[v] : std::string();
  }
  // Why the target can never be met in the point's variant (attribute never_met_reason of
  // target_met_<name>: one line per variant, or one line without variants); "" when it can.
  std::string never_met(const std::filesystem::path& path, const std::vector<std::string>& variables,
                        const std::string& flag, std::size_t point) const {
    if (!has(variables, flag)) return {};
    const std::vector<std::string> lines = output::attribute_lines(
        text_of(output::read_variable_header(path, flag).attributes, "never_met_reason"));
    if (lines.empty()) return {};
    if (variants.empty() || points % variants.size() != 0) return lines.front();
    const std::size_t v = point / (points / variants.size());
    return v < lines.size() ? lines[v] : std::string();
  }
};

// "0.41 [0.30, 0.53]  26/64" for point p and entry k of a (point, axis) family; `undefined`: the
// variant of the point that does not define the entry ("" when it does).
std::string proportion(const std::filesystem::path& path, const std::string& axis, std::size_t p,
                       std::size_t k, std::size_t entries, const std::string& undefined = {}) {
  const auto value = [&](const std::string& name) {
    return output::read_variable(path, name).values.at(p * entries + k);
  };
  const double n = value(axis + "_runs");
  if (n == 0 && !undefined.empty()) return "not defined by " + undefined;
  if (n == 0) return "no run has a value";
  return fmt::format("{} [{}, {}]  {}/{}", probability_text(value(axis + "_probability")),
                     probability_text(value(axis + "_probability_low")),
                     probability_text(value(axis + "_probability_high")), number(value(axis + "_runs_met")),
                     number(n));
}

}  // namespace

std::string conditions_summary(const std::filesystem::path& path, const std::vector<std::string>& variables) {
  std::string out;
  const bool targets = has(variables, "target_probability");
  const bool observations = has(variables, "observation_probability");
  if (!targets && !observations) return out;
  const output::Variable first =
      output::read_variable(path, targets ? "target_probability" : "observation_probability");
  const std::size_t points = first.dims.at(0).size;
  Undefined undefined{{}, points};
  if (has(variables, "variant_file"))
    undefined.variants = output::read_variable_header(path, "variant_file").dims.at(0).labels;
  if (targets) {
    const output::Variable p = output::read_variable(path, "target_probability");
    const auto& labels = p.dims.at(1).labels;
    out +=
        "\nTargets: probability of meeting each at the end of its date (Wilson 95 % interval, runs "
        "met/runs)\n";
    out += fmt::format("  {:<28} {:>5}  {}\n", "target", "point", "P(met) [95 % interval]  met/runs");
    for (std::size_t pt = 0; pt < points; ++pt) {
      for (std::size_t k = 0; k < labels.size(); ++k) {
        const std::string flag = "target_met_" + labels[k];
        const std::string never = undefined.never_met(path, variables, flag, pt);
        out += fmt::format(
            "  {:<28} {:>5}  {}{}\n", labels[k], pt,
            proportion(path, "target", pt, k, labels.size(), undefined.in(path, variables, flag, pt)),
            never.empty() ? "" : "  (" + never + ")");
      }
    }
  }
  if (observations) {
    const output::Variable p = output::read_variable(path, "observation_probability");
    const auto& labels = p.dims.at(1).labels;
    out +=
        "\nObservations: share of runs within the tolerance (Wilson 95 % interval), model median [5 %, 95 %] "
        "against the observation\n";
    for (std::size_t pt = 0; pt < points; ++pt) {
      for (std::size_t k = 0; k < labels.size(); ++k) {
        std::string model = "-";
        const std::string quantile = "observation_value_" + labels[k] + "_quantile";
        if (has(variables, quantile)) {
          const output::Variable q = output::read_variable(path, quantile);
          const std::size_t levels = q.dims.at(1).size;  // 5, 25, 50, 75, 95 %
          const std::string units = text_of(q.attributes, "units");
          model = fmt::format("{} [{}, {}]{}", number(q.values.at(pt * levels + levels / 2)),
                              number(q.values.at(pt * levels)), number(q.values.at(pt * levels + levels - 1)),
                              units.empty() || units == "1" ? "" : " " + units);
        }
        std::string observed = "-";
        const std::string flag = "observation_matched_" + labels[k];
        if (has(variables, flag))
          observed = text_of(output::read_variable_header(path, flag).attributes, "observed");
        out += fmt::format(
            "  {:<28} point {}: {}; model {}; observed {}\n", labels[k], pt,
            proportion(path, "observation", pt, k, labels.size(), undefined.in(path, variables, flag, pt)),
            model, observed);
      }
    }
    if (has(variables, "consistent_runs")) {
      const output::Variable kept = output::read_variable(path, "consistent_runs");
      const output::Variable runs = output::read_variable(path, "observation_runs");
      const std::size_t entries = runs.dims.at(1).size;
      out +=
          "\nHistory matching by rejection: runs consistent with every observation (their bands are the "
          "*_consistent_quantile variables)\n";
      const auto& observed_labels = runs.dims.at(1).labels;
      for (std::size_t pt = 0; pt < points; ++pt) {
        // A point whose variant defines none of the observations: none of its runs can be consistent.
        std::string none;
        for (std::size_t k = 0; k < observed_labels.size(); ++k) {
          const std::string who =
              undefined.in(path, variables, "observation_matched_" + observed_labels[k], pt);
          if (who.empty()) {
            none.clear();
            break;
          }
          none = who;
        }
        if (!none.empty()) {
          out += fmt::format(
              "  point {}: no run kept: {} defines none of the observations, so its runs cannot "
              "be checked against them\n",
              pt, none);
          continue;
        }
        out += fmt::format("  point {}: {} of {} runs kept\n", pt, number(kept.values.at(pt)),
                           number(runs.values.at(pt * entries)));
      }
    }
    const std::string warning = text_of(output::read_root_attributes(path), "history_matching_warning");
    if (!warning.empty()) out += "  warning: " + warning + "\n";
  }
  return out;
}

}  // namespace sovsim::cli
