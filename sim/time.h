#pragma once
// Simulation time and the civil calendar.
//
// The tick is one second. Time is an integer count of ticks since the run's epoch (midnight UTC
// of the scenario's start date), so event ordering never depends on floating-point rounding and
// a run of a century (3.2e9 s) is far inside int64's range. Calendar arithmetic is proleptic
// Gregorian in UTC and never consults the machine's time zone.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

using Ticks = std::int64_t;

inline constexpr Ticks kTicksPerSecond = 1;
inline constexpr Ticks kTicksPerMinute = 60;
inline constexpr Ticks kTicksPerHour = 3600;
inline constexpr Ticks kTicksPerDay = 86400;

constexpr Ticks days(std::int64_t n) { return n * kTicksPerDay; }
constexpr Ticks hours(std::int64_t n) { return n * kTicksPerHour; }
constexpr double to_days(Ticks t) { return static_cast<double>(t) / static_cast<double>(kTicksPerDay); }
// std::llround (halves away from zero), inline for |x| < 2^52, where truncation and the
// fraction left are exact; llround is a library call, and a run rounds every drawn duration
// (about 2 % of a korea-2026 run's time went to it).
inline long long round_half_away(double x) {
  if (!(std::fabs(x) < 0x1p52)) return std::llround(x);    // large, infinite or NaN
  auto whole = static_cast<long long>(x);                  // toward zero
  const double fraction = x - static_cast<double>(whole);  // exact: same sign as x, |.| < 1
  if (fraction >= 0.5) ++whole;
  if (fraction <= -0.5) --whole;
  return whole;
}
// Rounds to the nearest tick; durations drawn from continuous distributions come through here.
inline Ticks ticks_from_days(double d) {
  return static_cast<Ticks>(round_half_away(d * static_cast<double>(kTicksPerDay)));
}
inline Ticks ticks_from_seconds(double s) {
  return static_cast<Ticks>(round_half_away(s * static_cast<double>(kTicksPerSecond)));
}

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  friend constexpr bool operator==(const Date&, const Date&) = default;
  friend constexpr auto operator<=>(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid(const Date& d);

// Days since 1970-01-01 (negative before), exact for every proleptic Gregorian date.
std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days_since_1970);

// Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29).
Date add_months(const Date& d, int months);

// Strict ISO 8601 calendar date "YYYY-MM-DD"; nothing before or after it.
std::optional<Date> parse_iso_date(std::string_view text);
std::string to_iso(const Date& d);

// Maps ticks to dates for one run: tick 0 is midnight UTC at the start of `epoch`.
class Calendar {
 public:
  Calendar() = default;
  explicit Calendar(Date epoch) : epoch_(epoch), epoch_days_(days_from_civil(epoch)) {}

  const Date& epoch() const { return epoch_; }
  Ticks to_ticks(const Date& d) const { return days(days_from_civil(d) - epoch_days_); }
  // The date that contains tick t (floor), so the last second of a day still belongs to it.
  Date to_date(Ticks t) const;
  // CF-convention units string for a float64 time coordinate in days.
  std::string cf_time_units() const;

 private:
  Date epoch_{};
  std::int64_t epoch_days_ = 0;
};

}  // namespace sim
