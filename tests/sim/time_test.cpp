#include "sim/time.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace sim {
namespace {

TEST(Calendar, DaysFromCivilKnownValues) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({2025, 11, 1}), 20393);
}

TEST(Calendar, RoundTripsEveryDayOverFourCenturies) {
  // Covers 1900 (not leap), 2000 (leap) and 2100 (not leap).
  for (std::int64_t d = days_from_civil({1800, 1, 1}); d <= days_from_civil({2200, 12, 31}); ++d) {
    const Date date = civil_from_days(d);
    ASSERT_TRUE(is_valid(date)) << d;
    ASSERT_EQ(days_from_civil(date), d) << to_iso(date);
  }
}

TEST(Calendar, LeapYears) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2026));
  EXPECT_EQ(days_in_month(2028, 2), 29);
  EXPECT_EQ(days_in_month(2027, 2), 28);
  EXPECT_EQ(days_from_civil({2028, 3, 1}) - days_from_civil({2028, 2, 28}), 2);
  EXPECT_EQ(days_from_civil({2027, 3, 1}) - days_from_civil({2027, 2, 28}), 1);
}

TEST(Calendar, TicksAcrossMonthEndsAndLeapDay) {
  const Calendar cal(Date{2025, 11, 1});
  EXPECT_EQ(cal.to_ticks({2025, 11, 1}), 0);
  EXPECT_EQ(cal.to_ticks({2025, 12, 1}), days(30));
  EXPECT_EQ(cal.to_ticks({2026, 1, 1}), days(61));
  EXPECT_EQ(cal.to_ticks({2028, 3, 1}) - cal.to_ticks({2028, 2, 1}), days(29));
  EXPECT_EQ(cal.to_date(days(30)), (Date{2025, 12, 1}));
  EXPECT_EQ(cal.to_date(days(30) - 1), (Date{2025, 11, 30}));  // last second of Nov 30
  EXPECT_EQ(cal.to_date(-1), (Date{2025, 10, 31}));            // floor, not truncation
  EXPECT_EQ(cal.cf_time_units(), "days since 2025-11-01 00:00:00");
}

TEST(Calendar, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(add_months({2028, 1, 31}, 1), (Date{2028, 2, 29}));
  EXPECT_EQ(add_months({2027, 1, 31}, 1), (Date{2027, 2, 28}));
  EXPECT_EQ(add_months({2025, 11, 15}, 3), (Date{2026, 2, 15}));
  EXPECT_EQ(add_months({2026, 2, 15}, -3), (Date{2025, 11, 15}));
  EXPECT_EQ(add_months({2026, 1, 10}, -13), (Date{2024, 12, 10}));
}

TEST(Calendar, ParseIsoDateIsStrict) {
  EXPECT_EQ(parse_iso_date("2027-11-01"), (Date{2027, 11, 1}));
  EXPECT_EQ(parse_iso_date("2028-02-29"), (Date{2028, 2, 29}));
  for (const char* bad : {"2027-02-29", "2027-13-01", "2027-00-10", "2027-1-01", "2027/11/01", "27-11-01",
                          "2027-11-01x", " 2027-11-01", "", "abcd-ef-gh", "2027-04-31"}) {
    EXPECT_FALSE(parse_iso_date(bad).has_value()) << bad;
  }
  EXPECT_EQ(to_iso({2027, 3, 9}), "2027-03-09");
}

TEST(Calendar, DurationRounding) {
  EXPECT_EQ(ticks_from_days(1.5), days(1) + hours(12));
  EXPECT_EQ(ticks_from_days(0.0), 0);
  EXPECT_DOUBLE_EQ(to_days(days(3) + hours(6)), 3.25);
}

// round_half_away replaces std::llround on the hot path: it must agree with it everywhere.
TEST(Calendar, RoundHalfAwayIsLlround) {
  std::vector<double> values = {0.0,
                                -0.0,
                                0.5,
                                -0.5,
                                1.5,
                                -1.5,
                                2.5,
                                -2.5,
                                0.49999999999999994,
                                -0.49999999999999994,
                                std::nextafter(0.5, 1.0),
                                std::nextafter(-0.5, -1.0),
                                0x1p52 - 0.5,
                                -(0x1p52 - 0.5),
                                0x1p52,
                                -0x1p52,
                                0x1p52 + 1,
                                0x1p62,
                                -0x1p62,
                                1e-300,
                                -1e-300,
                                4503599627370495.5,
                                86400.5,
                                -86400.5};
  std::mt19937_64 bits(12345);
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t word = bits();
    double x = 0;
    std::memcpy(&x, &word, sizeof x);
    if (std::isfinite(x) && std::fabs(x) < 0x1p62) values.push_back(x);
    // Durations as a run draws them: days times the ticks of a day, near halves too.
    const double days_drawn = std::ldexp(static_cast<double>(word >> 11), -53) * 4000.0;
    values.push_back(days_drawn * 86400.0);
    values.push_back(std::floor(days_drawn * 86400.0) + 0.5);
    values.push_back(-(std::floor(days_drawn * 86400.0) + 0.5));
  }
  for (const double x : values) ASSERT_EQ(round_half_away(x), std::llround(x)) << std::hexfloat << x;
}

}  // namespace
}  // namespace sim
