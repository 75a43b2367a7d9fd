#include "app/summary_comparison.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "app/summary_text.h"
#include "output/sweep/comparison_summary.h"
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

using output::sweep::PairedIndicator;

std::string shown_units(const PairedIndicator& c) {
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
  const std::optional<output::sweep::ComparisonSummary> read =
      output::sweep::read_comparison(path, variables);
  if (!read) return {};
  const output::sweep::ComparisonSummary& s = *read;
  std::string out = fmt::format(
      "\nWhat each variant changes against {} (paired: replication r of every variant ran with the seed of "
      "replication r of {}{}).\n"
      "Differences are variant - reference over the replications where both runs have a value ('pairs'); a "
      "milestone never reached is censored and counted, not averaged. 95 % interval: percentile bootstrap of "
      "the mean difference. better / worse / equal: shares of all replications, by the indicator's preferred "
      "direction; a milestone reached counts as better than one never reached.\n",
      s.reference, s.reference, s.replications.empty() ? "" : ", " + s.replications + " replications");
  for (const std::string& note : s.derivation_notes) out += "Note: " + note + ".\n";
  for (const output::sweep::VariantComparison& v : s.variants) {
    const std::string file = v.file.empty() ? "" : " (" + v.file + ")";
    out += fmt::format("\n{}{} against {}{}\n", v.label, file, s.reference,
                       s.design_points > 1 ? fmt::format(", design point {}", v.base_point) : "");
    for (const std::string& note : v.notes) out += "  Note: " + note + ".\n";
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
    for (const PairedIndicator& c : v.indicators) {
      if (!c.two_axis_quantity.empty()) {
        auto& [same, of] = unchanged_components[c.two_axis_quantity];
        ++of;
        if (c.equal == 1.0) ++same;
      }
      if (c.equal == 1.0) {
        if (c.two_axis_quantity.empty()) unchanged.push_back(c.name);
        continue;
      }
      const Epoch e = epoch_of(c.units);
      const std::string u = shown_units(c);
      const auto level = [&](double x) { return e.date ? date_text(e, x) : number(x) + u; };
      std::string diff;
      if (c.pairs == 0) {
        diff = "n/a: no replication has both values";
      } else {
        diff = number(c.mean, true) + u +
               (std::isnan(c.low) ? " [n/a: fewer than 2 pairs]"
                                  : fmt::format(" [{}, {}]", number(c.low, true), number(c.high, true)));
      }
      const std::vector<double>& q = c.quantiles;
      const std::size_t levels = q.size();
      const std::string spread =
          c.pairs == 0 ? "no pairs"
                       : fmt::format("{} / {} / {}{}", number(q[0], true), number(q[levels / 2], true),
                                     number(q[levels - 1], true), u);
      std::string shares;
      if (c.direction != "lower" && c.direction != "higher") {
        shares = fmt::format("n/a: no preferred direction ({:.0f} % equal)", c.equal * 100);
      } else {
        shares = fmt::format("{:.0f} % / {:.0f} % / {:.0f} %", c.better * 100, c.worse * 100, c.equal * 100);
        if (c.undetermined > 0) shares += fmt::format(" ({:.0f} % undetermined)", c.undetermined * 100);
      }
      const double total = c.pairs + c.censored_reference + c.censored_variant + c.censored_both;
      std::string pairs = fmt::format("{:.0f} of {:.0f}", c.pairs, total);
      if (c.censored_reference + c.censored_variant + c.censored_both > 0)
        pairs += fmt::format(" (censored: reference only {:.0f}, variant only {:.0f}, both {:.0f})",
                             c.censored_reference, c.censored_variant, c.censored_both);
      table.push_back(
          {c.name, level(c.reference_median), level(c.variant_median), diff, spread, shares, pairs});
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
    if (v.has_targets) {
      out +=
          "  targets: P(met) reference -> variant (Wilson 95 % interval, runs met/runs); paired difference "
          "in "
          "P(met) [95 % bootstrap interval]; replications met by the variant only / by the reference only\n";
      for (const output::sweep::TargetComparison& t : v.targets) {
        const auto prob = [](const output::sweep::TargetSide& side) {
          if (side.runs == 0 && !side.defined) return "n/a: not defined by " + side.variant_name;
          if (side.runs == 0) return std::string("n/a: no run has a value");
          return fmt::format("{} [{}, {}] {:.0f}/{:.0f}", probability_text(side.probability),
                             probability_text(side.low), probability_text(side.high), side.runs_met,
                             side.runs) +
                 (side.never_met_reason.empty() ? "" : " (" + side.never_met_reason + ")");
        };
        std::string diff = "n/a: no paired flag";
        if (t.paired && !t.paired->not_compared.empty()) {
          diff = "not compared: " + t.paired->not_compared;
        } else if (t.paired) {
          const PairedIndicator& k = *t.paired;
          diff = fmt::format("{:+.2f}", k.mean) +
                 (std::isnan(k.low) ? "" : fmt::format(" [{:+.2f}, {:+.2f}]", k.low, k.high)) +
                 fmt::format("; {:.0f} % / {:.0f} %", k.better * 100, k.worse * 100);
        }
        out +=
            fmt::format("    {} {} -> {}; {}\n", pad(t.name, 28), prob(t.reference), prob(t.variant), diff);
      }
    }
    for (const auto& [why, list] : v.observations_not_compared) {
      std::string joined;
      for (const auto& n : list) joined += (joined.empty() ? "" : ", ") + n;
      out += fmt::format("  observations not compared ({}): {}\n", why, joined);
    }
  }
  return out;
}

}  // namespace sovsim::cli
