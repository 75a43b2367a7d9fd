#include "models/scenario/units.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "models/scenario/diagnostics.h"

namespace models::units {

namespace {

// A unit converts by shifting the decimal exponent of the number as written (so "14.3 kW" is
// the double nearest to 0.0143 MW, as if "0.0143 MW" had been written), then by multiply / divide
// for the calendar units.
struct UnitDef {
  std::string_view symbol;
  Kind kind;
  int exponent;  // power of ten
  double multiply = 1;
  double divide = 1;
};

constexpr double kDaysPerYear = 365.25;
constexpr double kMonthsPerYear = 12;

constexpr std::array kUnitDefs = {
    UnitDef{"MW", Kind::Power, 0},
    UnitDef{"W", Kind::Power, -6},
    UnitDef{"kW", Kind::Power, -3},
    UnitDef{"GW", Kind::Power, 3},
    UnitDef{"MWh", Kind::Energy, 0},
    UnitDef{"kWh", Kind::Energy, -3},
    UnitDef{"GWh", Kind::Energy, 3},
    UnitDef{"TWh", Kind::Energy, 6},
    UnitDef{"ha", Kind::Area, 0},
    UnitDef{"m2", Kind::Area, -4},
    UnitDef{"km2", Kind::Area, 2},
    UnitDef{"days", Kind::Duration, 0},
    UnitDef{"day", Kind::Duration, 0},
    UnitDef{"hours", Kind::Duration, 0, 1, 24},
    UnitDef{"hour", Kind::Duration, 0, 1, 24},
    UnitDef{"weeks", Kind::Duration, 0, 7, 1},
    UnitDef{"week", Kind::Duration, 0, 7, 1},
    UnitDef{"months", Kind::Duration, 0, kDaysPerYear, kMonthsPerYear},
    UnitDef{"month", Kind::Duration, 0, kDaysPerYear, kMonthsPerYear},
    UnitDef{"years", Kind::Duration, 0, kDaysPerYear, 1},
    UnitDef{"year", Kind::Duration, 0, kDaysPerYear, 1},
    UnitDef{"KRW/MWh", Kind::Price, 0},
    UnitDef{"KRW/kWh", Kind::Price, 3},
    UnitDef{"KRW/MW/month", Kind::CapacityCharge, 0},
    UnitDef{"KRW/kW/month", Kind::CapacityCharge, 3},
    UnitDef{"tCO2/MWh", Kind::EmissionFactor, 0},
    UnitDef{"tCO2e/MWh", Kind::EmissionFactor, 0},
    UnitDef{"kgCO2/kWh", Kind::EmissionFactor, 0},
    UnitDef{"kgCO2e/kWh", Kind::EmissionFactor, 0},
    UnitDef{"gCO2/kWh", Kind::EmissionFactor, -3},
    UnitDef{"gCO2e/kWh", Kind::EmissionFactor, -3},
    UnitDef{"PFLOP/s", Kind::Compute, 0},
    UnitDef{"TFLOP/s", Kind::Compute, -3},
    UnitDef{"EFLOP/s", Kind::Compute, 3},
    UnitDef{"/day", Kind::Rate, 0},
    UnitDef{"/week", Kind::Rate, 0, 1, 7},
    UnitDef{"/month", Kind::Rate, 0, kMonthsPerYear, kDaysPerYear},
    UnitDef{"/year", Kind::Rate, 0, 1, kDaysPerYear},
};

const std::array<Unit, kUnitDefs.size()> kUnits = [] {
  std::array<Unit, kUnitDefs.size()> units{};
  for (std::size_t i = 0; i < kUnitDefs.size(); ++i) {
    const UnitDef& u = kUnitDefs[i];
    units[i] = Unit{u.symbol, u.kind, std::pow(10.0, u.exponent) * u.multiply / u.divide};
  }
  return units;
}();

const UnitDef* find_def(std::string_view symbol) {
  for (const UnitDef& u : kUnitDefs) {
    if (u.symbol == symbol) return &u;
  }
  return nullptr;
}

struct KindText {
  std::string_view name, noun, example;
};

KindText text_of(Kind kind) {
  switch (kind) {
    case Kind::Power:
      return {"power", "a power", "40 MW"};
    case Kind::Energy:
      return {"energy", "an energy", "120 GWh"};
    case Kind::Area:
      return {"area", "an area", "3.6 ha"};
    case Kind::Duration:
      return {"duration", "a duration", "45 days"};
    case Kind::Price:
      return {"price", "a price", "182.6 KRW/kWh"};
    case Kind::CapacityCharge:
      return {"capacity charge", "a capacity charge", "9160 KRW/kW/month"};
    case Kind::EmissionFactor:
      return {"emission factor", "an emission factor", "417.3 gCO2/kWh"};
    case Kind::Compute:
      return {"compute", "a compute rate", "4.5 PFLOP/s"};
    case Kind::Rate:
      return {"rate", "a rate", "0.2 /year"};
  }
  return {"?", "?", "?"};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The number `text` (a whole decimal literal) times 10^shift, rounded once.
NumberPrefix shifted(std::string_view text, int shift) {
  if (shift == 0) return parse_number_prefix(text);
  const std::size_t e = text.find_first_of("eE");
  long exponent = 0;
  if (e != std::string_view::npos) {
    const NumberPrefix written = parse_number_prefix(text.substr(e + 1));
    if (written.status != NumberStatus::Ok) return {NumberStatus::OutOfRange, 0, text.size()};
    exponent = static_cast<long>(std::clamp(written.value, -1e6, 1e6));
  }
  const std::string scaled = fmt::format("{}e{}", text.substr(0, e), exponent + shift);
  NumberPrefix n = parse_number_prefix(scaled);
  n.length = text.size();
  return n;
}

}  // namespace

std::span<const Unit> all_units() { return kUnits; }

const Unit* find_unit(std::string_view symbol) {
  for (const Unit& u : kUnits) {
    if (u.symbol == symbol) return &u;
  }
  return nullptr;
}

std::string_view canonical_symbol(Kind kind) {
  for (const UnitDef& u : kUnitDefs) {
    if (u.kind == kind) return u.symbol;
  }
  return "";
}

std::string_view kind_name(Kind kind) { return text_of(kind).name; }
std::string_view noun(Kind kind) { return text_of(kind).noun; }
std::string_view example(Kind kind) { return text_of(kind).example; }

std::string accepted_symbols(Kind kind) {
  std::string out;
  for (const UnitDef& u : kUnitDefs) {
    if (u.kind != kind) continue;
    if (!out.empty()) out += ", ";
    out += u.symbol;
  }
  return out;
}

NumberPrefix parse_number_prefix(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t mantissa_start = i;
  std::size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return {};
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    const std::size_t exponent_start = j;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j > exponent_start) i = j;  // "5e" is the number 5 followed by "e"
  }
  // from_chars takes no leading '+'; it reads "-" itself.
  const char* first = text.data() + (text[0] == '+' ? mantissa_start : 0);
  double value = 0;
  const auto [end, ec] = std::from_chars(first, text.data() + i, value);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && !std::isfinite(value))) {
    return {NumberStatus::OutOfRange, 0, i};
  }
  if (ec != std::errc() || end != text.data() + i) return {};
  return {NumberStatus::Ok, value == 0 ? 0.0 : value, i};  // no negative zero
}

Parsed<double> parse_number(std::string_view text) {
  const std::string_view t = trim(text);
  const NumberPrefix n = parse_number_prefix(t);
  if (n.status == NumberStatus::OutOfRange && n.length == t.size()) {
    return {std::nullopt, fmt::format("expected a number, found {} (out of range)", scn::quote(text))};
  }
  if (n.status != NumberStatus::Ok || n.length != t.size()) {
    return {std::nullopt, fmt::format("expected a number, found {}", scn::quote(text))};
  }
  return {n.value, ""};
}

Parsed<double> parse_integral(std::string_view text) {
  Parsed<double> n = parse_number(text);
  if (!n) {
    if (n.problem.ends_with("(out of range)")) return n;
    return {std::nullopt, fmt::format("expected an integer, found {}", scn::quote(text))};
  }
  // Integers beyond 2^53 are not all representable; every limit in a scenario is far below.
  constexpr double kExact = 9007199254740992.0;
  if (std::trunc(*n.value) != *n.value || std::fabs(*n.value) > kExact) {
    return {std::nullopt, fmt::format("expected an integer, found {}", scn::quote(text))};
  }
  return n;
}

Parsed<double> parse_quantity(std::string_view text, Kind kind) {
  const std::string expected = fmt::format("expected {} such as '{}'", noun(kind), example(kind));
  const std::string_view t = trim(text);
  const NumberPrefix n = parse_number_prefix(t);
  if (n.status == NumberStatus::NotANumber) {
    return {std::nullopt, fmt::format("{}, found {}", expected, scn::quote(text))};
  }
  const std::string_view symbol = trim(t.substr(n.length));
  if (symbol.empty()) return {std::nullopt, fmt::format("{}, found {}", expected, scn::quote(text))};
  const UnitDef* unit = find_def(symbol);
  if (unit == nullptr) {
    return {std::nullopt,
            fmt::format("{}, found {} (unknown unit {}; {} units are {})", expected, scn::quote(text),
                        scn::quote(symbol), kind_name(kind), accepted_symbols(kind))};
  }
  if (unit->kind != kind) {
    return {std::nullopt, fmt::format("{}, found {} ({})", expected, scn::quote(text), noun(unit->kind))};
  }
  const NumberPrefix scaled = shifted(t.substr(0, n.length), unit->exponent);
  const double value = scaled.value * unit->multiply / unit->divide;
  if (n.status == NumberStatus::OutOfRange || scaled.status != NumberStatus::Ok || !std::isfinite(value)) {
    return {std::nullopt, fmt::format("{}, found {} (out of range)", expected, scn::quote(text))};
  }
  return {value == 0 ? 0.0 : value, ""};
}

std::string format_number(double value) { return fmt::format("{}", value == 0 ? 0.0 : value); }

std::string format_quantity(double canonical_value, Kind kind) {
  const std::string_view symbol =
      kind == Kind::Duration && canonical_value == 1 ? "day" : canonical_symbol(kind);
  return fmt::format("{} {}", format_number(canonical_value), symbol);
}

}  // namespace models::units
