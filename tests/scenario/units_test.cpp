#include "models/scenario/units.h"

#include <gtest/gtest.h>

#include <cmath>

namespace models::units {
namespace {

double quantity(const char* text, Kind kind) {
  const Parsed<double> p = parse_quantity(text, kind);
  EXPECT_TRUE(p) << text << ": " << p.problem;
  return p.value.value_or(-1);
}

std::string problem(const char* text, Kind kind) { return parse_quantity(text, kind).problem; }

TEST(Units, ConvertsEveryKindToItsCanonicalUnit) {
  EXPECT_EQ(quantity("120 MW", Kind::Power), 120);
  EXPECT_EQ(quantity("14.3 kW", Kind::Power), 0.0143);  // exactly the double nearest 0.0143
  EXPECT_EQ(quantity("2.1 kW", Kind::Power), 0.0021);
  EXPECT_EQ(quantity("4 GW", Kind::Power), 4000);
  EXPECT_EQ(quantity("500 W", Kind::Power), 0.0005);
  EXPECT_EQ(quantity("3 GWh", Kind::Energy), 3000);
  EXPECT_EQ(quantity("1 TWh", Kind::Energy), 1e6);
  EXPECT_EQ(quantity("250 kWh", Kind::Energy), 0.25);
  EXPECT_EQ(quantity("3.6 ha", Kind::Area), 3.6);
  EXPECT_EQ(quantity("36000 m2", Kind::Area), 3.6);
  EXPECT_EQ(quantity("1.5 km2", Kind::Area), 150);
  EXPECT_EQ(quantity("45 days", Kind::Duration), 45);
  EXPECT_EQ(quantity("1 day", Kind::Duration), 1);
  EXPECT_EQ(quantity("2 hours", Kind::Duration), 2.0 / 24);
  EXPECT_EQ(quantity("3 weeks", Kind::Duration), 21);
  EXPECT_EQ(quantity("18 months", Kind::Duration), 18 * 365.25 / 12);
  EXPECT_EQ(quantity("1 month", Kind::Duration), 30.4375);
  EXPECT_EQ(quantity("6 years", Kind::Duration), 2191.5);
  EXPECT_EQ(quantity("182.6 KRW/kWh", Kind::Price), 182600);
  EXPECT_EQ(quantity("150000 KRW/MWh", Kind::Price), 150000);
  EXPECT_EQ(quantity("417.3 gCO2/kWh", Kind::EmissionFactor), 0.4173);
  EXPECT_EQ(quantity("0.45 kgCO2e/kWh", Kind::EmissionFactor), 0.45);
  EXPECT_EQ(quantity("0.4 tCO2/MWh", Kind::EmissionFactor), 0.4);
  EXPECT_EQ(quantity("4.5 PFLOP/s", Kind::Compute), 4.5);
  EXPECT_EQ(quantity("1979 TFLOP/s", Kind::Compute), 1.979);
  EXPECT_EQ(quantity("0.5 /day", Kind::Rate), 0.5);
  EXPECT_EQ(quantity("36.525 /year", Kind::Rate), 36.525 / 365.25);
}

TEST(Units, AcceptsSpacingAndExponents) {
  EXPECT_EQ(quantity("150MW", Kind::Power), 150);
  EXPECT_EQ(quantity("  150   MW ", Kind::Power), 150);
  EXPECT_EQ(quantity("1.5e2 MW", Kind::Power), 150);
  EXPECT_EQ(quantity("1.5E+2 kW", Kind::Power), 0.15);
  EXPECT_EQ(quantity("-500 MW", Kind::Power), -500);
  EXPECT_EQ(quantity("+2 MW", Kind::Power), 2);
  EXPECT_EQ(quantity(".5 MW", Kind::Power), 0.5);
  EXPECT_EQ(quantity("5. MW", Kind::Power), 5);
}

TEST(Units, RejectsWithTheExpectedKindInTheMessage) {
  EXPECT_EQ(problem("40", Kind::Power), "expected a power such as '40 MW', found '40'");
  EXPECT_EQ(problem("40 MWh", Kind::Power), "expected a power such as '40 MW', found '40 MWh' (an energy)");
  EXPECT_EQ(problem("3.6 ha", Kind::Duration),
            "expected a duration such as '45 days', found '3.6 ha' (an area)");
  EXPECT_EQ(
      problem("40 mw", Kind::Power),
      "expected a power such as '40 MW', found '40 mw' (unknown unit 'mw'; power units are MW, W, kW, GW)");
  EXPECT_EQ(
      problem("12abc", Kind::Area),
      "expected an area such as '3.6 ha', found '12abc' (unknown unit 'abc'; area units are ha, m2, km2)");
  EXPECT_EQ(problem("MW", Kind::Power), "expected a power such as '40 MW', found 'MW'");
  EXPECT_EQ(problem("nan MW", Kind::Power), "expected a power such as '40 MW', found 'nan MW'");
  EXPECT_EQ(problem("inf MW", Kind::Power), "expected a power such as '40 MW', found 'inf MW'");
  EXPECT_EQ(problem("1e400 MW", Kind::Power),
            "expected a power such as '40 MW', found '1e400 MW' (out of range)");
  EXPECT_EQ(problem("1e-400 MW", Kind::Power),
            "expected a power such as '40 MW', found '1e-400 MW' (out of range)");
  EXPECT_EQ(problem("1e308 GW", Kind::Power),
            "expected a power such as '40 MW', found '1e308 GW' (out of range)");
  EXPECT_EQ(
      problem("0x10 MW", Kind::Power),
      "expected a power such as '40 MW', found '0x10 MW' (unknown unit 'x10 MW'; power units are MW, W, kW, "
      "GW)");
  EXPECT_EQ(problem("1,000 MW", Kind::Power),
            "expected a power such as '40 MW', found '1,000 MW' (unknown unit ',000 MW'; power units are MW, "
            "W, kW, "
            "GW)");
  EXPECT_EQ(
      problem("1 monthly", Kind::Duration),
      "expected a duration such as '45 days', found '1 monthly' (unknown unit 'monthly'; duration units are "
      "days, day, hours, hour, weeks, week, months, month, years, year)");
}

TEST(Units, ParsesPlainNumbersStrictly) {
  EXPECT_EQ(parse_number("1.25").value, 1.25);
  EXPECT_EQ(parse_number(" 5e-4 ").value, 5e-4);
  EXPECT_EQ(parse_number("-0").value, 0.0);
  EXPECT_FALSE(std::signbit(*parse_number("-0").value));
  EXPECT_EQ(parse_number("12abc").problem, "expected a number, found '12abc'");
  EXPECT_EQ(parse_number("nan").problem, "expected a number, found 'nan'");
  EXPECT_EQ(parse_number("inf").problem, "expected a number, found 'inf'");
  EXPECT_EQ(parse_number(".nan").problem, "expected a number, found '.nan'");
  EXPECT_EQ(parse_number("1e400").problem, "expected a number, found '1e400' (out of range)");
  EXPECT_EQ(parse_number("").problem, "expected a number, found ''");
  EXPECT_EQ(parse_number("1.2.3").problem, "expected a number, found '1.2.3'");
  EXPECT_EQ(parse_number("5e").problem, "expected a number, found '5e'");
}

TEST(Units, ParsesIntegersIncludingExactExponents) {
  EXPECT_EQ(parse_integral("1000").value, 1000);
  EXPECT_EQ(parse_integral("1e6").value, 1e6);
  EXPECT_EQ(parse_integral("2.5").problem, "expected an integer, found '2.5'");
  EXPECT_EQ(parse_integral("1e20").problem, "expected an integer, found '1e20'");
  EXPECT_EQ(parse_integral("ten").problem, "expected an integer, found 'ten'");
}

TEST(Units, FormatsCanonicalQuantitiesThatReadBackExactly) {
  EXPECT_EQ(format_quantity(40, Kind::Power), "40 MW");
  EXPECT_EQ(format_quantity(730.5, Kind::Duration), "730.5 days");
  EXPECT_EQ(format_quantity(1, Kind::Duration), "1 day");
  EXPECT_EQ(format_quantity(182600, Kind::Price), "182600 KRW/MWh");
  EXPECT_EQ(format_quantity(0.4173, Kind::EmissionFactor), "0.4173 tCO2/MWh");
  EXPECT_EQ(format_quantity(-0.0, Kind::Power), "0 MW");
  for (const double v : {0.0143, 2.0 / 24, 18 * 365.25 / 12, 1e-5, 1e16, 0.1 + 0.2}) {
    for (const Kind k : {Kind::Power, Kind::Duration, Kind::Area}) {
      EXPECT_EQ(parse_quantity(format_quantity(v, k), k).value, v) << format_quantity(v, k);
    }
  }
}

TEST(Units, EveryUnitIsFoundByItsSymbolAndCanonicalUnitsComeFirst) {
  for (const Unit& u : all_units()) {
    const Unit* found = find_unit(u.symbol);
    ASSERT_NE(found, nullptr) << u.symbol;
    EXPECT_EQ(found->kind, u.kind);
    EXPECT_EQ(parse_quantity(std::string("2 ") + std::string(u.symbol), u.kind).value, 2 * u.factor)
        << u.symbol;
  }
  EXPECT_EQ(find_unit("MW")->factor, 1);
  EXPECT_EQ(canonical_symbol(Kind::Duration), "days");
  EXPECT_EQ(find_unit("mW"), nullptr);
}

}  // namespace
}  // namespace models::units
