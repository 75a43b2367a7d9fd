// Numbers over a long horizon: energy and GPU-days after 10 simulated years equal their closed
// forms, sampled daily and hourly (87,649 samples, each one an energy increment), so nothing
// drifts as increments accumulate.
//
// Scenario: 2026-01-01 .. 2035-12-31, H = 3,652 days (2028 and 2032 are leap years). One site
// with ample power, one existing hall; product 8 GPUs, 0.1 MW IT peak; PUE 1.25, average draw
// 0.76 of peak, so a unit draws 0.1 x 0.76 x 1.25 = 0.095 MW (11,875,000 mW per GPU, exact in
// the model's integer milliwatts). No failures, service life beyond the horizon.
//   - 100 units installed at the start: operational from tick 0.
//   - 40 shipments of 10 units released on days 90 j (j = 0..39): transit 10 days, housed and
//     admitted on arrival, 10 crews x 10 units/crew-day install all 10 in 0.1 day, then 5 days of
//     burn-in. A shipment's units draw power from day 90 j + 10.1 and are operational from day
//     90 j + 15.1.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "models/rollout/accounting.h"
#include "scenario_builder.h"

namespace {

using namespace rollout_test;
using models::rollout::GpuState;
using models::rollout::index;

constexpr int kHorizonDays = 3652;
constexpr int kShipments = 40;
constexpr int kShipmentUnits = 10;
constexpr int kInstalledUnits = 100;
constexpr double kUnitDrawMw = 0.095;

models::Scenario long_horizon_scenario(double sample_interval_days) {
  models::Scenario s = base_scenario({2026, 1, 1}, {2035, 12, 31});
  s.sample_interval_days = sample_interval_days;
  s.operations.service_life_days = 20 * 365.25;
  s.zones.push_back(zone("z", 1000));
  models::Site st = site("alpha", "z", 1000);
  st.install_crews = 10;
  st.units_per_crew_day = 10;
  st.halls.push_back(existing_hall("h1", 100, 1000));
  s.sites.push_back(st);
  models::Order installed = order("installed", "alpha", {2026, 1, 1}, 0);
  installed.schedule.clear();
  installed.installed_at_start = kInstalledUnits;
  s.orders.push_back(installed);
  models::Order shipped = order("shipped", "alpha", {2026, 1, 1}, 0);
  shipped.schedule.clear();
  const std::int64_t start = sim::days_from_civil(s.start);
  for (int j = 0; j < kShipments; ++j)
    shipped.schedule.push_back({sim::civil_from_days(start + 90 * j), kShipmentUnits});
  s.orders.push_back(shipped);
  return s;
}

// Energy (MWh) drawn up to day `t` (a real number of days), by hand.
double closed_form_energy_mwh(double t) {
  double unit_days = kInstalledUnits * t;
  for (int j = 0; j < kShipments; ++j) {
    const double from = 90.0 * j + 10.1;
    if (t > from) unit_days += kShipmentUnits * (t - from);
  }
  return kUnitDrawMw * 24 * unit_days;
}

double relative_error(double value, double exact) { return std::fabs(value - exact) / std::fabs(exact); }

TEST(LongHorizon, GpuDaysByStateAreExactIntegersAfterTenYears) {
  sim::MemorySink sink;
  const auto out = run(long_horizon_scenario(1), sink);
  ASSERT_EQ(sink.rows(), static_cast<std::size_t>(kHorizonDays + 1));
  const auto& days = out.headline.sites.at(0).gpu_days;
  // By hand, in integer GPU-tenths of a day (0.1 day is the crew time): exact.
  constexpr std::int64_t g = 8 * kShipmentUnits;  // GPUs per shipment
  std::int64_t operational_tenths = 8LL * kInstalledUnits * kHorizonDays * 10;
  for (int j = 0; j < kShipments; ++j) operational_tenths += g * (kHorizonDays * 10 - (900 * j + 151));
  EXPECT_EQ(operational_tenths, 89'436'800);
  EXPECT_EQ(days[index(GpuState::Operational)], 8'943'680.0);
  EXPECT_EQ(days[index(GpuState::Installing)], 16'320.0);  // 40 x 80 x (crew 0.1 + burn-in 5 days)
  EXPECT_EQ(kShipments * g * 51, 163'200);                 // the same in tenths of a GPU-day: 40 x 80 x 51
  EXPECT_EQ(days[index(GpuState::InTransit)], 32'000.0);   // 40 x 80 x 10 days
  EXPECT_EQ(days[index(GpuState::OnOrder)], 5'616'000.0);  // 80 x 90 x (0 + 1 + ... + 39)
  EXPECT_EQ(g * 90 * (kShipments - 1) * kShipments / 2, 5'616'000);
  for (const GpuState idle :
       {GpuState::Held, GpuState::WaitingConstruction, GpuState::WaitingLand, GpuState::WaitingPower,
        GpuState::WaitingCrew, GpuState::InRepair, GpuState::Retired}) {
    EXPECT_EQ(days[index(idle)], 0.0) << models::rollout::name(idle);
  }
  double total = 0;
  for (const double d : days) total += d;
  EXPECT_EQ(total, 14'608'000.0);  // 8 x (100 + 400) units x 3,652 days
}

TEST(LongHorizon, EnergySampledDailyMatchesTheClosedFormFor10Years) {
  sim::MemorySink sink;
  const auto out = run(long_horizon_scenario(1), sink);
  ASSERT_EQ(sink.rows(), static_cast<std::size_t>(kHorizonDays + 1));
  double worst = 0;
  for (int day = 1; day <= kHorizonDays; ++day) {
    const double exact = closed_form_energy_mwh(day);
    const double e = relative_error(site_value(sink, "energy_mwh", row(day), "alpha"), exact);
    ASSERT_LT(e, 1e-12) << "day " << day;
    worst = std::max(worst, e);
  }
  const double exact = closed_form_energy_mwh(kHorizonDays);
  // 100 x 3,652 + 10 x sum_j (3,652 - 90 j - 10.1) = 1,119,960 unit-days; x 0.095 MW x 24 h.
  EXPECT_NEAR(exact, 2'553'508.8, 1e-6);
  const double final_error = relative_error(out.headline.energy_twh * 1e6, exact);
  EXPECT_LT(final_error, 1e-12);
  std::printf("daily: worst relative error of energy_mwh over %d samples %.3g; headline energy %.3g\n",
              kHorizonDays, worst, final_error);
}

TEST(LongHorizon, EnergySampledHourlyMatchesTheClosedFormFor10Years) {
  // 87,649 samples: every sample brings the energy integral up to date, so the energy is the
  // sum of ~88,000 small increments (plus those at events).
  sim::MemorySink sink;
  const auto out = run(long_horizon_scenario(1.0 / 24), sink);
  ASSERT_EQ(sink.rows(), static_cast<std::size_t>(24 * kHorizonDays + 1));
  double worst = 0;
  for (std::size_t hour = 1; hour < sink.rows(); ++hour) {
    const double t = static_cast<double>(hour) / 24;
    const double value = site_value(sink, "energy_mwh", hour, "alpha");
    const double e = relative_error(value, closed_form_energy_mwh(t));
    ASSERT_LT(e, 1e-12) << "hour " << hour;
    worst = std::max(worst, e);
  }
  const double exact = closed_form_energy_mwh(kHorizonDays);
  EXPECT_LT(relative_error(out.headline.energy_twh * 1e6, exact), 1e-12);
  // Hourly and daily sampling give the same final energy.
  sim::MemorySink daily;
  run(long_horizon_scenario(1), daily);
  EXPECT_LT(relative_error(site_value(sink, "energy_mwh", sink.rows() - 1, "alpha"),
                           site_value(daily, "energy_mwh", daily.rows() - 1, "alpha")),
            1e-13);
  std::printf("hourly: worst relative error of energy_mwh over %zu samples %.3g\n", sink.rows() - 1, worst);
}

TEST(LongHorizon, AccountingEnergyDoesNotDriftOverFiveMillionIncrements) {
  // The Accounting alone, brought up to date every minute for 10 years (5,258,880 increments of
  // 0.095 MW x 1/60 h, a value with no exact binary form): the compensated sum stays within a
  // few ulps of the closed form, where a naive running sum of the same increments drifts.
  models::Scenario s = long_horizon_scenario(1);
  const models::rollout::Catalogue c(s);
  models::rollout::Accounting a(c);
  a.set_draw(0, models::rollout::to_milliwatts(kUnitDrawMw), 0);
  const sim::Ticks end = sim::days(kHorizonDays);
  double naive = 0;
  const double increment = kUnitDrawMw * (60.0 / 3600.0);
  for (sim::Ticks t = 60; t <= end; t += 60) {
    a.advance(0, t);
    naive += increment;
  }
  const double exact = kUnitDrawMw * 24 * kHorizonDays;  // 8,326.56 MWh
  const double compensated_error = relative_error(a.energy_mwh(0), exact);
  const double naive_error = relative_error(naive, exact);
  EXPECT_LT(compensated_error, 1e-14);
  EXPECT_GT(naive_error, 1e-12);  // the case is one where naive summation does drift
  EXPECT_EQ(a.site_gpu_seconds(0)[index(GpuState::OnOrder)],
            8LL * (kInstalledUnits + kShipments * kShipmentUnits) * end);  // exact integers
  std::printf("per-minute increments: relative error compensated %.3g, naive %.3g\n", compensated_error,
              naive_error);
}

}  // namespace
