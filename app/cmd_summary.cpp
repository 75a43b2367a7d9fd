// sovsim summary FILE.h5 [--format table|csv|json]: the headline indicators of a run or sweep file.
//
// A run file's headline indicators are its static variables (no time axis). A sweep file's are
// its indicators' statistics (per design point when the file has them and there are few points,
// otherwise over all runs) and its other static variables (sensitivity indices). Dates (CF time
// units) are printed as ISO dates, categorical codes (flag_meanings) as their meaning, numbers
// with their units. Reads the file through output/reader.h only (docs/output-format.md).

#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli.h"
#include "app/options.h"
#include "app/summary_comparison.h"
#include "app/summary_conditions.h"
#include "app/summary_sensitivity.h"
#include "output/error.h"
#include "output/reader.h"
#include "sim/sweep/design.h"
#include "sim/sweep/statistics.h"
#include "sim/time.h"

namespace sovsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// ------------------------------------------------------------------------------------------------
// Names the summary relies on (the file contract, docs/output-format.md).

constexpr std::string_view kFormatVersion = "format_version";
constexpr std::string_view kSupportedMajor = "1";
constexpr std::string_view kTime = "time";
constexpr std::string_view kRun = "run";
constexpr std::string_view kPoint = "point";
constexpr std::string_view kQuantile = "quantile";
constexpr std::string_view kParameter = "parameter";
constexpr std::string_view kPointParameterValue = "point_parameter_value";
constexpr std::string_view kParameterUnits = "parameter_units";
constexpr std::string_view kMeanSuffix = "_mean";
constexpr std::string_view kQuantileSuffix = "_quantile";

// Root attributes shown in the table's header, in this order, when present.
constexpr std::string_view kRunHeader[] = {
    "title",         "scenario_name", "scenario_file",  "scenario_overrides",
    "seed",          "run_index",     "sovsim_version", "sovsim_git_revision",
    "creation_time", "command_line",  "format_version"};
constexpr std::string_view kSweepHeader[] = {"title",      "model",          "design",      "replications",
                                             "runs",       "random_seed",    "keep",        "failure_process",
                                             "sweep_hash", "sovsim_version", "sweep_shard", "format_version"};

// Per-point statistics are listed point by point for designs whose points were chosen (the
// sweep's `design` attribute), up to this many points; sampled designs (lhs, sobol, morris) and
// larger ones are summarised over all runs.
constexpr std::size_t kMaxPointBlocks = 20;
// Quantile levels computed over runs when the file has no per-point statistics to use.
constexpr double kRunQuantiles[] = {0.05, 0.25, 0.5, 0.75, 0.95};
// Text tables wider than this are split into column groups.
constexpr std::size_t kTableWidth = 120;
// Root attributes longer than this (scenario texts, CSV inputs) are left out of the JSON output.
constexpr std::size_t kMaxAttributeLength = 200;

enum class Format { Table, Csv, Json };

// ------------------------------------------------------------------------------------------------
// Values.

// CF time units "<unit> since <YYYY-MM-DD>[ hh:mm:ss]": a value v is the instant epoch + v * unit.
struct CfTime {
  double epoch_days = 0;  // days since 1970-01-01 of the epoch
  double unit_days = 1;
};

std::optional<CfTime> parse_cf_time(std::string_view units) {
  const std::size_t since = units.find(" since ");
  if (since == std::string_view::npos) return std::nullopt;
  const std::string_view unit = units.substr(0, since);
  std::string_view rest = units.substr(since + 7);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  CfTime t;
  if (unit == "days" || unit == "day" || unit == "d") {
    t.unit_days = 1;
  } else if (unit == "hours" || unit == "hour" || unit == "h") {
    t.unit_days = 1.0 / 24;
  } else if (unit == "minutes" || unit == "minute" || unit == "min") {
    t.unit_days = 1.0 / 1440;
  } else if (unit == "seconds" || unit == "second" || unit == "s") {
    t.unit_days = 1.0 / 86400;
  } else {
    return std::nullopt;
  }
  if (rest.size() < 10) return std::nullopt;
  const std::optional<sim::Date> date = sim::parse_iso_date(rest.substr(0, 10));
  if (!date) return std::nullopt;
  t.epoch_days = static_cast<double>(sim::days_from_civil(*date));
  rest.remove_prefix(10);
  if (!rest.empty() && (rest.front() == ' ' || rest.front() == 'T')) {
    int h = 0, m = 0, s = 0;
    if (std::sscanf(std::string(rest.substr(1)).c_str(), "%d:%d:%d", &h, &m, &s) >= 2) {
      t.epoch_days += (h * 3600.0 + m * 60.0 + s) / 86400.0;
    }
  }
  return t;
}

// The ISO date of a CF time value, or nullopt for NaN ("never reached").
std::optional<std::string> iso_date(const CfTime& t, double value) {
  if (!std::isfinite(value)) return std::nullopt;
  const double days = t.epoch_days + value * t.unit_days;
  if (std::fabs(days) > 1e8) return std::nullopt;
  return sim::to_iso(sim::civil_from_days(static_cast<std::int64_t>(std::floor(days))));
}

// Digits with thousands separators: 1234567.8 with 1 decimal -> "1,234,567.8".
std::string grouped(double x, int decimals) {
  std::string s = fmt::format("{:.{}f}", std::fabs(x), decimals);
  std::size_t point = s.find('.');
  if (point == std::string::npos) point = s.size();
  for (std::size_t i = point; i > 3; i -= 3) s.insert(i - 3, ",");
  if (decimals > 0) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  const bool negative = x < 0 && s.find_first_not_of("0.,") != std::string::npos;
  return negative ? "-" + s : s;
}

// About four significant digits, for reading: 8,966,563 / 594.9 / 15.54 / 0.3328 / 1.2e-05 / 2.864e+12.
std::string human(double x) {
  if (std::isnan(x)) return "no value";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  const double a = std::fabs(x);
  if (a >= 1e10 || (a > 0 && a < 1e-3)) return fmt::format("{:.4g}", x);
  if (x == std::round(x)) return grouped(x, 0);
  const int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
  return grouped(x, decimals);
}

// Every digit, for machines: the shortest text that reads back as the same double.
std::string exact(double x) { return fmt::format("{}", x); }

using output::attribute_text;
using output::text_attribute;

// Columns a string takes on a terminal: UTF-8 code points, East Asian wide ones (Hangul, CJK) as 2.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    std::uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
    width += wide ? 2 : 1;
    i += n;
  }
  return width;
}

std::string pad(std::string_view s, std::size_t width, bool right = false) {
  const std::size_t w = display_width(s);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}

// ------------------------------------------------------------------------------------------------
// What a file holds, as the summary reads it.

enum class Kind { Number, Date, Category };

// One headline indicator: a static variable with its coordinates.
struct Indicator {
  std::string name;
  std::string long_name;
  std::string units;
  Kind kind = Kind::Number;
  CfTime time;                        // Kind::Date
  std::vector<std::string> meanings;  // Kind::Category: meaning of code i
  std::vector<output::Dimension> dims;
  std::vector<double> values;  // row-major over dims
  // Why an element has no value (NaN): per element when known (a withheld sensitivity index), else
  // the variable's no_value_reason attribute, else "not reached" for a date.
  std::vector<std::string> element_reasons;
  std::string no_value_reason;

  std::string label(std::size_t dim, std::size_t i) const {
    const output::Dimension& d = dims[dim];
    if (i < d.labels.size()) return d.labels[i];
    if (i < d.values.size()) return exact(d.values[i]);
    return std::to_string(i);
  }
  // For reading (table) or for machines (csv, json); nullopt: no value (NaN).
  std::optional<std::string> text(double v, bool for_humans) const {
    switch (kind) {
      case Kind::Date:
        return iso_date(time, v);
      case Kind::Category:
        if (std::isfinite(v) && v >= 0 && v == std::round(v) &&
            static_cast<std::size_t>(v) < meanings.size()) {
          return meanings[static_cast<std::size_t>(v)];
        }
        break;
      case Kind::Number:
        break;
    }
    if (std::isnan(v)) return std::nullopt;
    return for_humans ? human(v) : exact(v);
  }
  // The units printed after a number; none for dates, categories and pure numbers ("1").
  std::string shown_units() const { return kind == Kind::Number && units != "1" ? units : std::string(); }
  std::string no_value(std::size_t element) const {
    if (element < element_reasons.size() && !element_reasons[element].empty())
      return element_reasons[element];
    if (!no_value_reason.empty()) return no_value_reason;
    return kind == Kind::Date ? "not reached" : "no value in the file";
  }
  // The label of element e along the dimension named `dim`, or "" when the variable has no such axis.
  std::string label_along(std::size_t e, std::string_view dim) const {
    for (std::size_t k = dims.size(); k-- > 0;) {
      if (dims[k].name == dim) return label(k, e % dims[k].size);
      e /= std::max<std::size_t>(dims[k].size, 1);
    }
    return "";
  }
};

Indicator make_indicator(output::Variable v) {
  Indicator ind;
  ind.name = v.name;
  ind.long_name = text_attribute(v.attributes, "long_name");
  ind.units = text_attribute(v.attributes, "units");
  ind.no_value_reason = text_attribute(v.attributes, "no_value_reason");
  const std::string flags = text_attribute(v.attributes, "flag_meanings");
  if (const std::optional<CfTime> t = parse_cf_time(ind.units)) {
    ind.kind = Kind::Date;
    ind.time = *t;
  } else if (!flags.empty()) {
    ind.kind = Kind::Category;
    ind.meanings = output::attribute_words(flags);
  }
  ind.dims = std::move(v.dims);
  ind.values = std::move(v.values);
  return ind;
}

// Statistics of one indicator over replications (or over all runs).
struct StatsRow {
  std::string name;
  std::string long_name;
  std::string units;
  std::vector<double> values;          // parallel to StatsBlock::statistics
  std::optional<std::size_t> missing;  // runs without a value (NaN), when known
  std::optional<CfTime> time;          // a date indicator (CF time units): values are dates
  // A component of an indicator flattened over two axes (gpu_days_idle_by_buyer over buyer,
  // reason): the quantity's name. The table leaves out such components that are 0 in every
  // statistic and says how many (csv and json keep them).
  std::string two_axis_quantity;

  // A statistic as text: a date as an ISO date, a number for reading or for machines; nullopt: NaN.
  std::optional<std::string> text(double v, bool for_humans) const {
    if (time) return iso_date(*time, v);
    if (std::isnan(v)) return std::nullopt;
    return for_humans ? human(v) : exact(v);
  }
  std::string shown_units() const { return time ? "(date)" : units == "1" ? "" : units; }
};

struct StatsBlock {
  std::string title;
  std::optional<std::size_t> point;                        // per-point block
  std::vector<std::pair<std::string, double>> parameters;  // the point's parameter values
  std::vector<std::string> statistics;                     // "mean", "q05", ...
  std::vector<StatsRow> rows;
};

struct Parameter {
  std::string name;
  std::string units;
  double min = 0;
  double max = 0;
};

struct Summary {
  fs::path path;
  bool sweep = false;
  output::Attributes attributes;
  std::vector<std::pair<std::string, std::size_t>> axes;  // dimension name and length
  std::optional<std::string> start, end;                  // of the time axis
  std::size_t samples = 0;
  std::vector<Parameter> parameters;
  std::vector<StatsBlock> statistics;
  std::vector<Indicator> indicators;
  std::vector<std::string> notes;
  std::optional<SensitivityNotes> sensitivity;  // Sobol' and Morris sweeps
};

bool has_dim(const output::VariableHeader& h, std::string_view dim) {
  return std::any_of(h.dims.begin(), h.dims.end(), [&](const output::Dimension& d) { return d.name == dim; });
}

bool dims_are(const output::VariableHeader& h, std::initializer_list<std::string_view> dims) {
  if (h.dims.size() != dims.size()) return false;
  std::size_t i = 0;
  for (const std::string_view d : dims) {
    if (h.dims[i++].name != d) return false;
  }
  return true;
}

std::string quantile_name(double level) { return fmt::format("q{:02.0f}", level * 100); }

std::string two_axis_quantity(const output::VariableHeader& h) {
  return text_attribute(h.attributes, "sweep_inner_axis").empty()
             ? std::string()
             : text_attribute(h.attributes, "sweep_quantity");
}

void summarize_sweep(const fs::path& path, const std::vector<output::VariableHeader>& headers, Summary& s) {
  std::map<std::string, const output::VariableHeader*> by_name;
  for (const auto& h : headers) by_name[h.name] = &h;
  std::size_t points = 0;
  for (const auto& [name, size] : s.axes) {
    if (name == kPoint) points = size;
  }

  // The design: parameter names, units and ranges.
  std::vector<std::string> parameter_units;
  if (auto it = by_name.find(std::string(kParameterUnits));
      it != by_name.end() && it->second->type == output::ValueType::Text) {
    parameter_units = output::read_text_variable(path, kParameterUnits);
  }
  std::optional<output::Variable> design;
  if (auto it = by_name.find(std::string(kPointParameterValue));
      it != by_name.end() && it->second->type == output::ValueType::Float &&
      dims_are(*it->second, {kPoint, kParameter})) {
    design = output::read_variable(path, kPointParameterValue);
    const std::size_t d = design->dims[1].size;
    for (std::size_t k = 0; k < d; ++k) {
      Parameter p;
      p.name = k < design->dims[1].labels.size() ? design->dims[1].labels[k] : fmt::format("parameter {}", k);
      p.units = k < parameter_units.size() && parameter_units[k] != "1" ? parameter_units[k] : "";
      p.min = std::numeric_limits<double>::infinity();
      p.max = -p.min;
      for (std::size_t q = 0; q < design->dims[0].size; ++q) {
        p.min = std::min(p.min, design->values[q * d + k]);
        p.max = std::max(p.max, design->values[q * d + k]);
      }
      s.parameters.push_back(std::move(p));
    }
  }

  // Indicators: float variables over `run` alone.
  std::vector<const output::VariableHeader*> indicators;
  for (const auto& h : headers) {
    if (h.type == output::ValueType::Float && dims_are(h, {kRun})) indicators.push_back(&h);
  }
  auto stat_variable = [&](const std::string& name, std::initializer_list<std::string_view> dims) {
    const auto it = by_name.find(name);
    return it != by_name.end() && it->second->type == output::ValueType::Float && dims_are(*it->second, dims);
  };
  const std::string design_kind = text_attribute(s.attributes, "design");
  const sim::sweep::DesignType* design_type = sim::sweep::find_design_type(design_kind);
  const bool chosen = design_kind.empty() || (design_type != nullptr && design_type->chosen_points);
  // Per-run flags without statistics of their own (run_consistent) are left out of the point blocks.
  const auto has_statistics = [&](const output::VariableHeader* h) {
    return stat_variable(h->name + std::string(kMeanSuffix), {kPoint}) &&
           stat_variable(h->name + std::string(kQuantileSuffix), {kPoint, kQuantile});
  };
  const bool per_point = chosen && points > 0 && points <= kMaxPointBlocks &&
                         std::any_of(indicators.begin(), indicators.end(), has_statistics);
  if (per_point)
    std::erase_if(indicators, [&](const output::VariableHeader* h) { return !has_statistics(h); });
  const std::string replications = text_attribute(s.attributes, "replications");
  // With variants (points variant-slowest: point v*P+p is design point p of variant v), each point
  // block names its variant.
  std::vector<std::string> variants;
  for (const auto& h : headers) {
    for (const auto& d : h.dims) {
      if (d.name == "variant" && variants.empty()) variants = d.labels;
    }
  }
  const auto variant_of = [&](std::size_t p) -> std::string {
    if (variants.empty() || points % variants.size() != 0) return "";
    return ", variant " + variants[p / (points / variants.size())];
  };
  if (per_point) {
    std::vector<output::Variable> means, quantiles;
    for (const auto* h : indicators) {
      means.push_back(output::read_variable(path, h->name + std::string(kMeanSuffix)));
      quantiles.push_back(output::read_variable(path, h->name + std::string(kQuantileSuffix)));
    }
    const std::vector<double>& levels = quantiles.front().dims[1].values;
    for (std::size_t p = 0; p < points; ++p) {
      StatsBlock b;
      b.point = p;
      b.statistics.push_back("mean");
      for (const double level : levels) b.statistics.push_back(quantile_name(level));
      std::string where;
      if (design) {
        const std::size_t d = design->dims[1].size;
        for (std::size_t k = 0; k < d; ++k) {
          b.parameters.emplace_back(s.parameters[k].name, design->values[p * d + k]);
          where += fmt::format("{}{} = {}{}", where.empty() ? "" : ", ", s.parameters[k].name,
                               human(design->values[p * d + k]),
                               s.parameters[k].units.empty() ? "" : " " + s.parameters[k].units);
        }
      }
      const std::string reps = replications.empty() ? "" : fmt::format(" ({} replications)", replications);
      b.title = points == 1 ? "Indicators over the replications" + reps
                            : fmt::format("Design point {}{}{}{}", p, variant_of(p),
                                          where.empty() ? "" : ": " + where, reps);
      for (std::size_t i = 0; i < indicators.size(); ++i) {
        StatsRow r;
        r.name = indicators[i]->name;
        r.long_name = text_attribute(indicators[i]->attributes, "long_name");
        r.units = text_attribute(indicators[i]->attributes, "units");
        r.time = parse_cf_time(r.units);
        r.two_axis_quantity = two_axis_quantity(*indicators[i]);
        r.values.push_back(means[i].values.at(p));
        for (std::size_t l = 0; l < levels.size(); ++l)
          r.values.push_back(quantiles[i].values.at(p * levels.size() + l));
        b.rows.push_back(std::move(r));
      }
      s.statistics.push_back(std::move(b));
    }
  } else if (!indicators.empty()) {
    StatsBlock b;
    std::size_t runs = 0;
    b.statistics.push_back("mean");
    for (const double level : kRunQuantiles) b.statistics.push_back(quantile_name(level));
    for (const auto* h : indicators) {
      const output::Variable v = output::read_variable(path, h->name);
      runs = v.values.size();
      std::vector<double> finite;
      for (const double x : v.values) {
        if (std::isfinite(x)) finite.push_back(x);
      }
      StatsRow r;
      r.name = h->name;
      r.long_name = text_attribute(h->attributes, "long_name");
      r.units = text_attribute(h->attributes, "units");
      r.time = parse_cf_time(r.units);
      r.two_axis_quantity = two_axis_quantity(*h);
      double sum = 0;
      for (const double x : finite) sum += x;
      r.values.push_back(finite.empty() ? std::numeric_limits<double>::quiet_NaN()
                                        : sum / static_cast<double>(finite.size()));
      for (const double level : kRunQuantiles)
        r.values.push_back(sim::sweep::quantile(finite, level));  // type 7, NaN if none
      r.missing = v.values.size() - finite.size();
      b.rows.push_back(std::move(r));
    }
    b.title = fmt::format("Indicators over all {} runs", runs);
    if (points > 1) {
      b.title += fmt::format(" ({}{} design points; per-point statistics are in the file's *{} variables)",
                             design_kind.empty() ? "" : design_kind + " design, ", points, kQuantileSuffix);
    }
    s.statistics.push_back(std::move(b));
  }

  // Other static variables: sensitivity indices, the paired comparison of variants and the like (no
  // run, point or time axis), and the probabilities of targets and observations per point (their
  // table has a section of its own, conditions_summary; csv and json list them as they are).
  for (const auto& h : headers) {
    if (h.type != output::ValueType::Float || has_dim(h, kRun) || has_dim(h, kTime)) continue;
    const bool condition = has_dim(h, kPoint) && h.dims.size() == 2 &&
                           (h.dims[1].name == "target" || h.dims[1].name == "observation");
    const bool comparison = h.name.starts_with("paired_");  // over (point, indicator) with a design
    if (has_dim(h, kPoint) && comparison) {
      s.indicators.push_back(make_indicator(output::read_variable(path, h.name)));
      continue;
    }
    if (has_dim(h, kPoint) && !condition) continue;
    s.indicators.push_back(make_indicator(output::read_variable(path, h.name)));
  }
}

// Throws output::Error (naming the file) when it cannot be read.
Summary summarize(const fs::path& path) {
  Summary s;
  s.path = path;
  s.attributes = output::read_root_attributes(path);
  std::vector<output::VariableHeader> headers;
  for (const std::string& name : output::list_variables(path)) {
    headers.push_back(output::read_variable_header(path, name));
  }
  std::set<std::string> seen;
  for (const auto& h : headers) {
    for (const auto& d : h.dims) {
      if (seen.insert(d.name).second) s.axes.emplace_back(d.name, d.size);
      if (d.name == kRun || d.name == kPoint) s.sweep = true;
    }
  }
  if (seen.count(std::string(kTime))) {
    const output::Variable time = output::read_variable(path, kTime);
    s.samples = time.values.size();
    if (const std::optional<CfTime> t = parse_cf_time(text_attribute(time.attributes, "units"));
        t && !time.values.empty()) {
      s.start = iso_date(*t, time.values.front());
      s.end = iso_date(*t, time.values.back());
    }
  }
  if (s.sweep) {
    summarize_sweep(path, headers, s);
    s.sensitivity = read_sensitivity_notes(path);
    // A withheld indicator's indices, noise share and the like are NaN: say why in each cell.
    for (Indicator& ind : s.indicators) {
      if (!s.sensitivity) break;
      const bool over_indicator = std::any_of(
          ind.dims.begin(), ind.dims.end(), [](const output::Dimension& d) { return d.name == "indicator"; });
      if (!over_indicator) continue;
      ind.element_reasons.resize(ind.values.size());
      for (std::size_t e = 0; e < ind.values.size(); ++e) {
        if (std::isnan(ind.values[e]))
          ind.element_reasons[e] = withheld_reason(*s.sensitivity, ind.label_along(e, "indicator"));
      }
    }
  } else {
    for (const auto& h : headers) {
      if (h.type == output::ValueType::Float && !has_dim(h, kTime)) {
        s.indicators.push_back(make_indicator(output::read_variable(path, h.name)));
      }
    }
  }
  if (s.indicators.empty() && s.statistics.empty()) {
    s.notes.push_back(s.sweep ? "the file has no indicators"
                              : "the file has no static variables (headline indicators)");
  }
  return s;
}

// ------------------------------------------------------------------------------------------------
// Table output.

std::string statistic_heading(const std::string& stat) {
  if (stat == "q50") return "median";
  if (stat.size() == 3 && stat[0] == 'q') return fmt::format("{} %", std::stoi(stat.substr(1)));
  return stat;
}

// Prints rows of cells in columns; `right[c]` right-aligns column c. Columns that do not fit in
// kTableWidth are printed in further groups, each repeating the first `keep` columns.
void print_grid(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                const std::vector<bool>& right, std::size_t keep = 1, const std::string& indent = "  ") {
  if (rows.empty()) return;
  const std::size_t columns = rows.front().size();
  std::vector<std::size_t> width(columns, 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < columns && c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  }
  std::size_t fixed = indent.size();
  for (std::size_t c = 0; c < keep; ++c) fixed += width[c] + 2;
  std::size_t first = keep;
  do {
    std::size_t last = first, used = fixed;
    while (last < columns && (last == first || used + width[last] + 2 <= kTableWidth))
      used += width[last++] + 2;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string line = indent;
      for (std::size_t c = 0; c < columns; ++c) {
        if (c >= keep && (c < first || c >= last)) continue;
        const std::string& cell = c < rows[r].size() ? rows[r][c] : std::string();
        line += pad(cell, width[c], right[c]) + "  ";
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << "\n";
    }
    first = last;
    if (first < columns) out << "\n";
  } while (first < columns);
}

void print_header(std::ostream& out, const Summary& s) {
  out << fmt::format("sovsim summary of {} ({})\n\n", s.path.string(), s.sweep ? "a sweep" : "a single run");
  std::vector<std::vector<std::string>> rows;
  const std::span<const std::string_view> shown = s.sweep ? std::span<const std::string_view>(kSweepHeader)
                                                          : std::span<const std::string_view>(kRunHeader);
  for (const std::string_view name : shown) {
    const output::AttributeValue* v = output::find_attribute(s.attributes, name);
    if (!v) continue;
    std::string text = attribute_text(*v);
    if (text.empty()) continue;
    if (const std::size_t nl = text.find('\n'); nl != std::string::npos) text = text.substr(0, nl) + " ...";
    rows.push_back({std::string(name), text});
  }
  if (s.samples > 0) {
    rows.push_back({"period", s.start && s.end
                                  ? fmt::format("{} to {} ({} samples)", *s.start, *s.end, s.samples)
                                  : fmt::format("{} samples", s.samples)});
  }
  std::string axes;
  for (const auto& [name, size] : s.axes)
    axes += fmt::format("{}{} {}", axes.empty() ? "" : ", ", name, size);
  if (!axes.empty()) rows.push_back({"dimensions", axes});
  print_grid(out, rows, {false, false});
  if (!s.parameters.empty()) {
    out << "\nParameters\n";
    std::vector<std::vector<std::string>> p{{"parameter", "from", "to", "units"}};
    for (const Parameter& q : s.parameters) p.push_back({q.name, human(q.min), human(q.max), q.units});
    print_grid(out, p, {false, true, true, false});
  }
}

void print_statistics(std::ostream& out, const StatsBlock& b) {
  out << "\n" << b.title << "\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"indicator"};
  for (const std::string& stat : b.statistics) head.push_back(statistic_heading(stat));
  const bool missing =
      std::any_of(b.rows.begin(), b.rows.end(), [](const StatsRow& r) { return r.missing.value_or(0) > 0; });
  if (missing) head.push_back("no value");
  head.push_back("units");
  rows.push_back(head);
  // Two-axis components that are 0 in every statistic: counted, not listed (a run by site and reason
  // is mostly zeros).
  std::map<std::string, std::pair<std::size_t, std::size_t>> zero_components;  // quantity -> (zero, of)
  for (const StatsRow& r : b.rows) {
    if (r.two_axis_quantity.empty()) continue;
    auto& [zero, of] = zero_components[r.two_axis_quantity];
    ++of;
    if (std::all_of(r.values.begin(), r.values.end(), [](double v) { return v == 0; })) ++zero;
  }
  for (const StatsRow& r : b.rows) {
    if (!r.two_axis_quantity.empty() &&
        std::all_of(r.values.begin(), r.values.end(), [](double v) { return v == 0; }))
      continue;
    std::vector<std::string> row{r.name};
    // NaN statistics: a date never reached, or no run (per point: no replication) with a value.
    const std::string none = r.time    ? "not reached"
                             : b.point ? "no replication has a value"
                                       : "no run has a value";
    for (const double v : r.values) row.push_back(r.text(v, true).value_or(none));
    if (missing) row.push_back(r.missing.value_or(0) > 0 ? fmt::format("{} runs", *r.missing) : "");
    row.push_back(r.shown_units());
    rows.push_back(std::move(row));
  }
  std::vector<bool> right(head.size(), true);
  right.front() = false;
  right.back() = false;
  print_grid(out, rows, right);
  for (const auto& [quantity, counts] : zero_components) {
    if (counts.first > 0)
      out << fmt::format("  not listed: {} of the {} components of {} (mean and every quantile 0)\n",
                         counts.first, counts.second, quantity);
  }
}

std::string with_units(const Indicator& ind, double v) {
  const std::optional<std::string> t = ind.text(v, true);
  if (!t) return ind.no_value(0);
  const std::string u = ind.shown_units();
  return u.empty() ? *t : *t + " " + u;
}

std::string units_heading(const Indicator& ind) {
  if (ind.kind == Kind::Date) return "(date)";
  const std::string u = ind.shown_units();
  return u.empty() ? "" : "(" + u + ")";
}

void print_indicators(std::ostream& out, const std::vector<Indicator>& indicators) {
  // Scalars: one line each.
  std::vector<std::vector<std::string>> scalars;
  for (const Indicator& ind : indicators) {
    if (ind.dims.empty()) scalars.push_back({ind.name, with_units(ind, ind.values.at(0)), ind.long_name});
  }
  if (!scalars.empty()) {
    out << "\nHeadline indicators\n";
    print_grid(out, scalars, {false, true, false});
  }
  // One-axis variables: one table per axis, a column per variable.
  std::vector<std::string> axes;
  for (const Indicator& ind : indicators) {
    if (ind.dims.size() == 1 && std::find(axes.begin(), axes.end(), ind.dims[0].name) == axes.end()) {
      axes.push_back(ind.dims[0].name);
    }
  }
  for (const std::string& axis : axes) {
    std::vector<const Indicator*> group;
    for (const Indicator& ind : indicators) {
      if (ind.dims.size() == 1 && ind.dims[0].name == axis) group.push_back(&ind);
    }
    out << "\nBy " << axis << "\n";
    std::vector<std::vector<std::string>> rows{{axis}, {""}};
    for (const Indicator* ind : group) {
      rows[0].push_back(ind->name);
      rows[1].push_back(units_heading(*ind));
    }
    const std::size_t n = group.front()->dims[0].size;
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::string> row{group.front()->label(0, i)};
      for (const Indicator* ind : group) {
        const double v = i < ind->values.size() ? ind->values[i] : std::numeric_limits<double>::quiet_NaN();
        row.push_back(ind->text(v, true).value_or(ind->no_value(i)));
      }
      rows.push_back(std::move(row));
    }
    const bool any_units =
        std::any_of(rows[1].begin(), rows[1].end(), [](const std::string& u) { return !u.empty(); });
    if (!any_units) rows.erase(rows.begin() + 1);
    std::vector<bool> right(rows[0].size(), true);
    right[0] = false;
    print_grid(out, rows, right);
    for (const Indicator* ind : group) {
      if (!ind->long_name.empty()) out << "  " << ind->name << ": " << ind->long_name << "\n";
    }
  }
  // Two or more axes: rows over the outer axes, a column per label of the innermost one. A variable
  // X with companions X_low and X_high of the same shape (confidence intervals) is printed as
  // "X (low to high)", and the companions are not printed on their own.
  const auto find = [&](const std::string& name, std::size_t size) -> const Indicator* {
    for (const Indicator& i : indicators) {
      if (i.name == name && i.values.size() == size) return &i;
    }
    return nullptr;
  };
  const auto is_bound_of_another = [&](const Indicator& ind) {
    for (const std::string_view suffix : {std::string_view("_low"), std::string_view("_high")}) {
      if (ind.name.size() > suffix.size() && ind.name.ends_with(suffix) &&
          find(ind.name.substr(0, ind.name.size() - suffix.size()), ind.values.size())) {
        return true;
      }
    }
    return false;
  };
  for (const Indicator& ind : indicators) {
    if (ind.dims.size() < 2 || is_bound_of_another(ind)) continue;
    const Indicator* low = find(ind.name + "_low", ind.values.size());
    const Indicator* high = find(ind.name + "_high", ind.values.size());
    const bool interval = low && high;
    std::string dims;
    for (const auto& d : ind.dims) dims += (dims.empty() ? "" : ", ") + d.name;
    out << fmt::format("\n{} ({}){}{}\n", ind.name, dims,
                       ind.shown_units().empty() ? "" : " in " + ind.shown_units(),
                       ind.long_name.empty() ? "" : ": " + ind.long_name);
    if (interval) out << fmt::format("  (in brackets: {} to {})\n", low->name, high->name);
    const output::Dimension& inner = ind.dims.back();
    const std::size_t outer = inner.size == 0 ? 0 : ind.values.size() / inner.size;
    std::string outer_name;
    for (std::size_t k = 0; k + 1 < ind.dims.size(); ++k) outer_name += (k ? " / " : "") + ind.dims[k].name;
    std::vector<std::vector<std::string>> rows{{outer_name}};
    for (std::size_t j = 0; j < inner.size; ++j) rows[0].push_back(ind.label(ind.dims.size() - 1, j));
    std::vector<double> sums(inner.size, 0.0);
    for (std::size_t r = 0; r < outer; ++r) {
      std::string label;
      std::size_t rest = r;
      std::vector<std::string> parts(ind.dims.size() - 1);
      for (std::size_t k = ind.dims.size() - 1; k-- > 0;) {
        parts[k] = ind.label(k, rest % ind.dims[k].size);
        rest /= ind.dims[k].size;
      }
      for (std::size_t k = 0; k < parts.size(); ++k) label += (k ? " / " : "") + parts[k];
      std::vector<std::string> row{label};
      for (std::size_t j = 0; j < inner.size; ++j) {
        const std::size_t e = r * inner.size + j;
        const double v = ind.values[e];
        std::string cell = ind.text(v, true).value_or(ind.no_value(e));
        if (interval && std::isfinite(v)) {
          cell += fmt::format(" ({} to {})", low->text(low->values[e], true).value_or(low->no_value(e)),
                              high->text(high->values[e], true).value_or(high->no_value(e)));
        }
        row.push_back(std::move(cell));
        if (std::isfinite(v)) sums[j] += v;
      }
      rows.push_back(std::move(row));
    }
    // A sum row for quantities with physical units (GPU-days, MW...); none for dimensionless ones,
    // which may be shares or indices.
    if (ind.kind == Kind::Number && outer > 1 && !ind.units.empty() && ind.units != "1") {
      std::vector<std::string> total{"sum"};
      for (const double v : sums) total.push_back(human(v));
      rows.push_back(std::move(total));
    }
    std::vector<bool> right(rows[0].size(), true);
    right[0] = false;
    print_grid(out, rows, right);
  }
}

void print_table(std::ostream& out, const Summary& s) {
  print_header(out, s);
  for (const StatsBlock& b : s.statistics) print_statistics(out, b);
  // The paired comparison of variants and the targets and observations have tables of their own
  // (comparison_summary, conditions_summary).
  std::vector<Indicator> shown;
  for (const Indicator& ind : s.indicators) {
    const bool per_point = !ind.dims.empty() && ind.dims.front().name == kPoint;
    if (!ind.name.starts_with("paired_") && !per_point) shown.push_back(ind);
  }
  print_indicators(out, shown);
  if (s.sensitivity) print_sensitivity_notes(out, *s.sensitivity);
  if (s.sweep) out << comparison_summary(s.path, output::list_variables(s.path));
  if (s.sweep) out << conditions_summary(s.path, output::list_variables(s.path));
  for (const std::string& note : s.notes) out << "\n" << note << "\n";
}

// ------------------------------------------------------------------------------------------------
// CSV: one row per value: variable, index ("dim=label;dim=label"), value, units, long_name.

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (const char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

void csv_row(std::ostream& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (const std::string_view f : fields) {
    out << (first ? "" : ",") << csv_field(f);
    first = false;
  }
  out << "\n";
}

// The sensitivity notes as rows of text values (the table's sentences), one set per indicator.
void print_sensitivity_csv(std::ostream& out, const SensitivityNotes& notes) {
  for (const IndicatorSensitivityNote& n : notes.indicators) {
    const std::string index = "indicator=" + n.indicator;
    csv_row(out, {"sensitivity_status", index, n.status, "",
                  "how the indices were computed: computed, censored_at_horizon, withheld_no_values, "
                  "withheld_no_variance"});
    csv_row(out,
            {"sensitivity_note", index, n.note, "", "what was done for the indicator's indices and why"});
    if (!n.noise_text.empty())
      csv_row(out, {"sensitivity_noise_note", index, n.noise_text, "", "the noise share and its warning"});
    if (!n.untrusted_text.empty())
      csv_row(out, {"sensitivity_untrusted", index, n.untrusted_text, "",
                    "indices not to be trusted, the rule and the sample size needed"});
  }
  if (!notes.overall.empty()) csv_row(out, {"sensitivity_overall", "", notes.overall, "", "overall warning"});
}

void print_csv(std::ostream& out, const Summary& s) {
  csv_row(out, {"variable", "index", "value", "units", "long_name"});
  for (const StatsBlock& b : s.statistics) {
    const std::string where = b.point ? fmt::format("point={};", *b.point) : std::string();
    for (const StatsRow& r : b.rows) {
      for (std::size_t k = 0; k < b.statistics.size(); ++k) {
        csv_row(out, {r.name, where + "statistic=" + b.statistics[k], r.text(r.values[k], false).value_or(""),
                      r.time ? "" : r.units, r.long_name});
      }
      if (r.missing) {
        csv_row(out, {r.name, where + "statistic=runs_without_value", std::to_string(*r.missing), "1",
                      r.long_name});
      }
    }
  }
  for (const Indicator& ind : s.indicators) {
    const std::string units = ind.kind == Kind::Number ? ind.units : "";
    for (std::size_t e = 0; e < ind.values.size(); ++e) {
      std::string index;
      std::size_t rest = e;
      std::vector<std::string> parts(ind.dims.size());
      for (std::size_t k = ind.dims.size(); k-- > 0;) {
        parts[k] = ind.dims[k].name + "=" + ind.label(k, rest % ind.dims[k].size);
        rest /= ind.dims[k].size;
      }
      for (std::size_t k = 0; k < parts.size(); ++k) index += (k ? ";" : "") + parts[k];
      csv_row(out, {ind.name, index, ind.text(ind.values[e], false).value_or(""), units, ind.long_name});
    }
  }
  if (s.sensitivity) print_sensitivity_csv(out, *s.sensitivity);
}

// ------------------------------------------------------------------------------------------------
// JSON.

using Json = nlohmann::ordered_json;

Json json_number(double v) { return std::isfinite(v) ? Json(v) : Json(); }

Json json_value(const Indicator& ind, double v) {
  if (ind.kind == Kind::Number) return json_number(v);
  const std::optional<std::string> t = ind.text(v, false);
  if (!t) return Json();
  if (ind.kind == Kind::Category &&
      !(std::isfinite(v) && v >= 0 && static_cast<std::size_t>(v) < ind.meanings.size())) {
    return json_number(v);  // a code without a meaning stays a number
  }
  return *t;
}

// Nested arrays over dims[k...] starting at element `offset`.
Json json_nested(const Indicator& ind, std::size_t k, std::size_t offset) {
  if (k == ind.dims.size()) return json_value(ind, ind.values.at(offset));
  std::size_t stride = 1;
  for (std::size_t j = k + 1; j < ind.dims.size(); ++j) stride *= ind.dims[j].size;
  Json out = Json::array();
  for (std::size_t i = 0; i < ind.dims[k].size; ++i)
    out.push_back(json_nested(ind, k + 1, offset + i * stride));
  return out;
}

Json json_statistics(const StatsBlock& b) {
  Json block = {{"title", b.title}};
  if (b.point) {
    block["point"] = *b.point;
    Json parameters = Json::object();
    for (const auto& [name, value] : b.parameters) parameters[name] = json_number(value);
    block["parameters"] = std::move(parameters);
  }
  Json rows = Json::array();
  for (const StatsRow& row : b.rows) {
    Json r = {{"name", row.name},
              {"units", row.time ? "" : row.units},
              {"type", row.time ? "date" : "number"},
              {"long_name", row.long_name}};
    for (std::size_t k = 0; k < b.statistics.size(); ++k) {
      const std::optional<std::string> t = row.text(row.values[k], false);
      r[b.statistics[k]] = row.time ? (t ? Json(*t) : Json()) : json_number(row.values[k]);
    }
    if (row.missing) r["runs_without_value"] = *row.missing;
    rows.push_back(std::move(r));
  }
  block["indicators"] = std::move(rows);
  return block;
}

Json json_indicator(const Indicator& ind) {
  static constexpr const char* kKinds[] = {"number", "date", "category"};
  Json j = {{"name", ind.name},
            {"long_name", ind.long_name},
            {"units", ind.kind == Kind::Number ? ind.units : ""},
            {"type", kKinds[static_cast<int>(ind.kind)]}};
  Json dims = Json::array();
  for (const auto& d : ind.dims) dims.push_back(d.name);
  j["dims"] = std::move(dims);
  if (ind.dims.empty()) {
    j["value"] = json_value(ind, ind.values.at(0));
    return j;
  }
  Json coords = Json::object();
  for (std::size_t k = 0; k < ind.dims.size(); ++k) {
    Json labels = Json::array();
    for (std::size_t i = 0; i < ind.dims[k].size; ++i) {
      const bool numeric = ind.dims[k].labels.empty() && i < ind.dims[k].values.size();
      labels.push_back(numeric ? json_number(ind.dims[k].values[i]) : Json(ind.label(k, i)));
    }
    coords[ind.dims[k].name] = std::move(labels);
  }
  j["coords"] = std::move(coords);
  j["values"] = json_nested(ind, 0, 0);
  return j;
}

// The sensitivity notes: per indicator its status, note, noise share (null with noise_note saying
// why), and the untrusted indices with the sample size needed.
Json json_sensitivity(const SensitivityNotes& notes) {
  Json list = Json::array();
  for (const IndicatorSensitivityNote& n : notes.indicators) {
    Json j = {{"indicator", n.indicator},
              {"status", n.status},
              {"note", n.note},
              {"noise_share", n.noise_share ? Json(*n.noise_share) : Json()},
              {"noise_note",
               n.noise_text.empty() ? Json("not given: the indices are withheld") : Json(n.noise_text)},
              {"noise_warning", n.noise_warning},
              {"untrusted", n.untrusted}};
    if (!n.untrusted.empty()) {
      j["untrusted_note"] = n.untrusted_text;
      j[n.needed_of == "trajectories" ? "trajectories_needed" : "samples_needed"] =
          n.needed ? Json(*n.needed) : Json();
    }
    list.push_back(std::move(j));
  }
  Json out = {{"design", notes.design}, {"indicators", std::move(list)}};
  if (!notes.overall.empty()) out["warning"] = notes.overall;
  return out;
}

// One JSON document (nlohmann-json writes and escapes it; invalid UTF-8 is replaced, not thrown).
void print_json(std::ostream& out, const Summary& s) {
  Json doc = {{"file", s.path.string()}, {"kind", s.sweep ? "sweep" : "run"}};
  Json attributes = Json::object();
  for (const auto& [name, value] : s.attributes) {
    const std::string* text = std::get_if<std::string>(&value);
    if (text && (text->size() > kMaxAttributeLength || text->find('\n') != std::string::npos)) continue;
    if (text) {
      attributes[name] = *text;
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
      attributes[name] = *i;
    } else {
      attributes[name] = json_number(std::get<double>(value));
    }
  }
  doc["attributes"] = std::move(attributes);
  Json dimensions = Json::object();
  for (const auto& [name, size] : s.axes) dimensions[name] = size;
  doc["dimensions"] = std::move(dimensions);
  if (s.samples > 0) {
    doc["time"] = {{"start", s.start ? Json(*s.start) : Json()},
                   {"end", s.end ? Json(*s.end) : Json()},
                   {"samples", s.samples}};
  }
  if (s.sweep) {
    Json parameters = Json::array();
    for (const Parameter& p : s.parameters) {
      parameters.push_back(
          {{"name", p.name}, {"units", p.units}, {"min", json_number(p.min)}, {"max", json_number(p.max)}});
    }
    doc["parameters"] = std::move(parameters);
    Json statistics = Json::array();
    for (const StatsBlock& b : s.statistics) statistics.push_back(json_statistics(b));
    doc["statistics"] = std::move(statistics);
  }
  Json indicators = Json::array();
  for (const Indicator& ind : s.indicators) indicators.push_back(json_indicator(ind));
  doc["indicators"] = std::move(indicators);
  if (s.sensitivity) doc["sensitivity"] = json_sensitivity(*s.sensitivity);
  if (!s.notes.empty()) doc["notes"] = s.notes;
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace

int cmd_summary(const Args& args, Streams io) {
  std::string file;
  std::string format_name = "table";
  po::options_description options(
      "Usage: sovsim summary FILE.h5 [--format table|csv|json]\n\n"
      "Prints the headline indicators of a sovsim output file. For a run: every variable without a\n"
      "time axis (dates of 50/90/100 % in service, peak power, energy, emissions, GPU-days by state,\n"
      "binding constraint per site...). For a sweep: each indicator's mean and quantiles per design\n"
      "point (or over all runs when there are many points), and the sensitivity indices.\n"
      "Dates are printed as ISO dates, categorical codes as their meaning, numbers with their units.\n\n"
      "Examples:\n"
      "  sovsim summary results/korea-2025.h5\n"
      "  sovsim summary results/korea-2025.h5 --format csv > headline.csv\n"
      "  sovsim summary sweep.h5 --format json | jq '.statistics[0].indicators[0]'\n\n"
      "Exit codes: 0 printed, 2 the file is missing, unreadable or not a sovsim output file.\n\n"
      "Options");
  add_format_option(options, format_name);
  po::options_description hidden;
  hidden.add_options()("file", po::value(&file));
  if (!parse_command_line(args, options, io, "file", 1, hidden)) return kExitOk;
  if (file.empty()) throw UsageError("missing FILE (a sovsim output file, .h5)");
  check_format(format_name, {"table", "csv", "json"});
  const Format format = format_name == "csv"    ? Format::Csv
                        : format_name == "json" ? Format::Json
                                                : Format::Table;

  std::error_code ec;
  if (!fs::exists(file, ec)) {
    io.err << "sovsim summary: " << file << ": no such file\n";
    return kExitBadInput;
  }
  if (fs::is_directory(file, ec)) {
    io.err << "sovsim summary: " << file << ": is a directory, not a sovsim output file\n";
    return kExitBadInput;
  }
  Summary summary;
  try {
    const output::Attributes root = output::read_root_attributes(file);
    const std::string version = text_attribute(root, kFormatVersion);
    if (version.empty()) {
      io.err << "sovsim summary: " << file << ": not a sovsim output file (it has no " << kFormatVersion
             << " attribute)\n";
      return kExitBadInput;
    }
    if (version.substr(0, version.find('.')) != kSupportedMajor) {
      io.err << "sovsim summary: " << file << ": format_version " << version
             << " is not supported (this sovsim reads " << kSupportedMajor << ".x)\n";
      return kExitBadInput;
    }
    summary = summarize(file);
  } catch (const output::Error& e) {
    io.err << "sovsim summary: " << file << ": not a readable sovsim output file: " << e.what() << "\n";
    return kExitBadInput;
  }
  switch (format) {
    case Format::Table:
      print_table(io.out, summary);
      break;
    case Format::Csv:
      print_csv(io.out, summary);
      break;
    case Format::Json:
      print_json(io.out, summary);
      break;
  }
  return kExitOk;
}

}  // namespace sovsim::cli
