#pragma once
// Strict parsing of numbers and physical quantities ("120 MW", "18 months", "182.6 KRW/kWh").
//
// A quantity is a number, optional spaces, then a unit symbol (case-sensitive: "mW" is not "MW").
// The loader converts every quantity to its kind's canonical unit (the one models/scenario.h
// documents) and rejects a unit of another kind. Numbers must be finite decimal literals:
// "12abc", "1e400", "nan", "inf", "0x10" and "1,000" are rejected.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace models::units {

enum class Kind { Power, Energy, Area, Duration, Price, CapacityCharge, EmissionFactor, Compute, Rate };

struct Unit {
  std::string_view symbol;  // as written in a file, e.g. "kW"
  Kind kind;
  double factor;  // value in the canonical unit = number * factor
};

// Every accepted unit, grouped by kind, the canonical one of each kind first.
std::span<const Unit> all_units();
const Unit* find_unit(std::string_view symbol);
std::string_view canonical_symbol(Kind kind);  // "MW"
std::string_view kind_name(Kind kind);         // "power"
std::string_view noun(Kind kind);              // "a power"
std::string_view example(Kind kind);           // "40 MW"
std::string accepted_symbols(Kind kind);       // "W, kW, MW, GW"

// The outcome of a parse: a value, or the problem in words ("expected ..., found ...").
template <class T>
struct Parsed {
  std::optional<T> value;
  std::string problem;
  explicit operator bool() const { return value.has_value(); }
};

enum class NumberStatus { Ok, NotANumber, OutOfRange };
struct NumberPrefix {
  NumberStatus status = NumberStatus::NotANumber;
  double value = 0;
  std::size_t length = 0;  // characters of `text` the number occupies
};

// The longest prefix of `text` that is a decimal literal: [+-]digits[.digits][(e|E)[+-]digits].
NumberPrefix parse_number_prefix(std::string_view text);

// A whole text that is one finite number (surrounding spaces allowed).
Parsed<double> parse_number(std::string_view text);

// A whole text that is an integer; "1e6" is accepted when it is exactly an integer.
Parsed<double> parse_integral(std::string_view text);

// "<number> <unit>" in the canonical unit of `kind`.
Parsed<double> parse_quantity(std::string_view text, Kind kind);

// "<value> <canonical unit>", with the shortest text that reads back as the same double.
std::string format_quantity(double canonical_value, Kind kind);
std::string format_number(double value);

}  // namespace models::units
