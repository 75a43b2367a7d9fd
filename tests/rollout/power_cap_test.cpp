// A single site whose power cap binds: GPUs wait for power until a dated reinforcement, then
// install at the crew rate. Every expected value below is computed by hand from the scenario.
//
// Scenario: 2026-01-01 .. 2026-12-31. One zone with 10 MW of headroom, +100 MW on 2026-04-01
// (day 90). One site connected at 1000 MW with one existing liquid-cooled hall (100 MW IT,
// 1000 racks, PUE 1.25). Product: 8 GPUs, 0.1 MW IT peak, one rack. One order of 200 units
// released on day 0; transit 10 days; 2 crews x 10 units/crew-day (0.1 day = 8640 s per unit);
// burn-in 5 days; no failures.
//   facility power per unit = 0.1 x 1.25 = 0.125 MW -> 10 MW admits 80 units.
//   batch 1 (units 0..79, pairs j = 0..39): operational at 10 + 0.1 (j + 1) + 5 days.
//   batch 2 (units 80..199, pairs j = 0..59): admitted on day 90, operational at 95 + 0.1 (j + 1).
#include <gtest/gtest.h>

#include <cmath>

#include "scenario_builder.h"

namespace {

using namespace rollout_test;

models::Scenario power_cap_scenario() {
  models::Scenario s = base_scenario();
  // The former behaviour: power follows the housed hardware, not the 1000 MW contract.
  s.power_reservation = models::PowerReservation::Housed;
  s.zones.push_back(zone("z", 10));
  models::Reinforcement r;
  r.name = "substation";
  r.date = {2026, 4, 1};
  r.zone = "z";
  r.added_mw = 100;
  s.reinforcements.push_back(r);
  models::Site st = site("alpha", "z", 1000);
  st.halls.push_back(existing_hall("h1", 100, 1000));
  s.sites.push_back(st);
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 200));
  return s;
}

// Units operational at midnight of `day`, by hand.
int expected_operational_units(int day) {
  int units = 0;
  for (int j = 0; j < 40; ++j) units += (10 * 86400 + (j + 1) * 8640 + 5 * 86400 <= day * 86400) ? 2 : 0;
  for (int j = 0; j < 60; ++j) units += (95 * 86400 + (j + 1) * 8640 <= day * 86400) ? 2 : 0;
  return units;
}

TEST(PowerCap, OperationalCurveFollowsReinforcementAndCrewRate) {
  sim::MemorySink sink;
  run(power_cap_scenario(), sink);
  ASSERT_EQ(sink.rows(), 366u);  // 2026-01-01 .. 2027-01-01 (end of the horizon), daily
  // Spot values, by hand: nothing before day 16; 20 units a day from day 16 to 19; flat at 80
  // until the reinforcement; 20 a day again from day 96 to 101.
  EXPECT_EQ(gpus(sink, row(15), "alpha", "operational"), 0);
  EXPECT_EQ(gpus(sink, row(16), "alpha", "operational"), 160);
  EXPECT_EQ(gpus(sink, row(19), "alpha", "operational"), 640);
  EXPECT_EQ(gpus(sink, row(95), "alpha", "operational"), 640);
  EXPECT_EQ(gpus(sink, row(96), "alpha", "operational"), 800);
  EXPECT_EQ(gpus(sink, row(101), "alpha", "operational"), 1600);
  for (int day = 0; day <= 365; ++day) {
    ASSERT_EQ(gpus(sink, row(day), "alpha", "operational"), 8 * expected_operational_units(day))
        << "day " << day;
  }
}

TEST(PowerCap, GpusWaitForPowerUntilTheReinforcement) {
  sim::MemorySink sink;
  run(power_cap_scenario(), sink);
  EXPECT_EQ(gpus(sink, row(9), "alpha", "in_transit"), 1600);
  EXPECT_EQ(gpus(sink, row(10), "alpha", "waiting_power"), 960);  // 120 units beyond the 80 that fit
  EXPECT_EQ(gpus(sink, row(89), "alpha", "waiting_power"), 960);
  EXPECT_EQ(gpus(sink, row(90), "alpha", "waiting_power"), 0);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_demand_mw", row(50), "alpha"), 10.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_requested_mw", row(50), "alpha"), 25.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_allocated_mw", row(50), "alpha"), 10.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_allocated_mw", row(90), "alpha"), 25.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "it_power_mw", row(120), "alpha"), 20.0);
}

TEST(PowerCap, IdleGpuDaysAndBindingConstraint) {
  sim::MemorySink sink;
  const auto out = run(power_cap_scenario(), sink);
  const auto& site = out.headline.sites.at(0);
  using models::rollout::GpuState;
  using models::rollout::index;
  // 120 units x 8 GPUs wait 80 days for power.
  EXPECT_DOUBLE_EQ(site.gpu_days[index(GpuState::WaitingPower)], 120.0 * 8 * 80);
  // Crew queue: unit k waits floor(k/2) x 0.1 days in each batch: 0.2 x (780 + 1770) unit-days.
  EXPECT_NEAR(site.gpu_days[index(GpuState::WaitingCrew)], 8 * 0.2 * (780 + 1770), 1e-9);
  EXPECT_EQ(site.binding, models::rollout::Constraint::Power);
}

// The same site shared by two buyers, by hand: buyer "gov" orders 80 units released on day 0
// (arriving day 10: exactly the 10 MW, all admitted); buyer "lab" orders 120 units released on day
// 20 (arriving day 30), which wait for power until the reinforcement on day 90.
//   gov: waiting_power 0; waiting_crew: pair j of 40 waits 0.1 j days: 8 x 0.2 x 780 = 1,248.
//   lab: waiting_power 120 x 8 x (90 - 30) = 57,600; waiting_crew 8 x 0.2 x 1770 = 2,832.
// Nothing is held, waits for construction or land, or is in repair (no failures).
TEST(PowerCap, IdleGpuDaysByBuyerAndReason) {
  models::Scenario s = power_cap_scenario();
  s.buyers.push_back({"lab", ""});
  s.orders.clear();
  s.orders.push_back(order("o-gov", "alpha", {2026, 1, 1}, 80, "gov"));
  s.orders.push_back(order("o-lab", "alpha", {2026, 1, 21}, 120, "lab"));
  sim::MemorySink sink;
  const auto out = run(s, sink);
  using models::rollout::GpuState;
  using models::rollout::index;
  ASSERT_EQ(out.headline.buyers.size(), 2u);
  const auto& gov = out.headline.buyers[0].gpu_days;
  const auto& lab = out.headline.buyers[1].gpu_days;
  EXPECT_EQ(gov[index(GpuState::WaitingPower)], 0.0);
  EXPECT_NEAR(gov[index(GpuState::WaitingCrew)], 1248.0, 1e-9);
  EXPECT_DOUBLE_EQ(lab[index(GpuState::WaitingPower)], 57600.0);
  EXPECT_NEAR(lab[index(GpuState::WaitingCrew)], 2832.0, 1e-9);
  // Not idle, but integrated the same way: 10 days in transit each; lab 20 days on order.
  EXPECT_DOUBLE_EQ(gov[index(GpuState::InTransit)], 80.0 * 8 * 10);
  EXPECT_DOUBLE_EQ(lab[index(GpuState::OnOrder)], 120.0 * 8 * 20);
  // The buyers' GPU-days add up to the site's, state by state.
  const auto& site = out.headline.sites.at(0).gpu_days;
  for (std::size_t k = 0; k < models::rollout::kGpuStateCount; ++k)
    EXPECT_NEAR(gov[k] + lab[k], site[k], 1e-6) << models::rollout::kGpuStateNames[k];

  // The run file: gpu_days_idle_by_buyer over (buyer, reason), gpu_days_idle over (site, reason),
  // reasons in the order of the idle states.
  const auto* by_buyer = sink.find_static("gpu_days_idle_by_buyer");
  ASSERT_NE(by_buyer, nullptr);
  EXPECT_EQ(by_buyer->info.axes, (std::vector<std::string>{"buyer", "reason"}));
  EXPECT_EQ(sink.schema().find_axis("reason")->labels,
            (std::vector<std::string>{"held", "waiting_construction", "waiting_land", "waiting_power",
                                      "waiting_crew", "in_repair"}));
  const std::vector<double> expected_buyers = {0, 0, 0, 0,     gov[index(GpuState::WaitingCrew)], 0,
                                               0, 0, 0, 57600, lab[index(GpuState::WaitingCrew)], 0};
  EXPECT_EQ(by_buyer->values, expected_buyers);
  const auto* by_site = sink.find_static("gpu_days_idle");
  ASSERT_NE(by_site, nullptr);
  EXPECT_EQ(by_site->info.axes, (std::vector<std::string>{"site", "reason"}));
  EXPECT_EQ(by_site->values, (std::vector<double>{0, 0, 0, site[index(GpuState::WaitingPower)],
                                                  site[index(GpuState::WaitingCrew)], 0}));
  EXPECT_DOUBLE_EQ(by_site->values[3], 57600.0);
}

TEST(PowerCap, MilestoneDates) {
  sim::MemorySink sink;
  const auto out = run(power_cap_scenario(), sink);
  // 50 % = 100 units: unit 99 = batch 2, pair 9 -> day 95 + 1.0; 90 % = 180 units: pair 49 -> day
  // 100; 100 %: pair 59 -> day 101.
  EXPECT_DOUBLE_EQ(out.headline.national.days[0], 96.0);
  EXPECT_DOUBLE_EQ(out.headline.national.days[1], 100.0);
  EXPECT_DOUBLE_EQ(out.headline.national.days[2], 101.0);
  EXPECT_DOUBLE_EQ(out.headline.buyers.at(0).milestones.days[2], 101.0);
  const auto* d50 = sink.find_static("date_operational_50pct");
  ASSERT_NE(d50, nullptr);
  EXPECT_EQ(d50->info.units, "days since 2026-01-01 00:00:00");
  EXPECT_DOUBLE_EQ(d50->values.at(0), 96.0);
  // Peak provisioned facility power: 200 units x 0.125 MW.
  EXPECT_DOUBLE_EQ(out.headline.peak_facility_power_mw, 25.0);
}

TEST(PowerCap, EnergyAndEmissionsMatchTheClosedForm) {
  sim::MemorySink sink;
  const auto out = run(power_cap_scenario(), sink);
  // Average facility draw per unit: 0.1 MW x 0.76 x 1.25 = 0.095 MW, from the end of its crew
  // installation (burn-in draws like operation). Energy to the horizon (day 365) = 0.095 MW x
  // 24 h x sum over units of (365 - day the crew finished it).
  double unit_days = 0;
  for (int j = 0; j < 40; ++j) unit_days += 2 * (365 - (10.0 + 0.1 * (j + 1)));
  for (int j = 0; j < 60; ++j) unit_days += 2 * (365 - (90.0 + 0.1 * (j + 1)));
  EXPECT_NEAR(unit_days, 60870, 1e-9);
  const double energy_mwh = 0.095 * 24 * unit_days;  // 138,783.6 MWh
  EXPECT_NEAR(site_value(sink, "energy_mwh", sink.rows() - 1, "alpha"), energy_mwh, 1e-6);
  EXPECT_NEAR(out.headline.energy_twh, energy_mwh / 1e6, 1e-12);
  EXPECT_NEAR(out.headline.emissions_mt, energy_mwh * 0.4173 / 1e6, 1e-12);
  // Day 30: the first 80 units have drawn power since 10.1 .. 14.0; energy so far by hand.
  double early = 0;
  for (int j = 0; j < 40; ++j) early += 2 * (30 - (10.0 + 0.1 * (j + 1)));
  EXPECT_NEAR(early, 1436, 1e-9);
  EXPECT_NEAR(site_value(sink, "energy_mwh", row(30), "alpha"), 0.095 * 24 * early, 1e-6);
}

TEST(PowerCap, ProvisioningBelowPeakAdmitsMoreUnitsOnTheSamePower) {
  // Reserving 0.8 of the peak: 0.125 x 0.8 = 0.1 MW per unit, so 10 MW admit 100 units (not 80)
  // before the reinforcement; the average draw, and so the energy per unit, is unchanged.
  models::Scenario s = power_cap_scenario();
  s.operations.power_provisioning = 0.8;
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_EQ(gpus(sink, row(30), "alpha", "operational"), 800);
  EXPECT_EQ(gpus(sink, row(30), "alpha", "waiting_power"), 800);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_demand_mw", row(30), "alpha"), 10.0);
  EXPECT_NEAR(site_value(sink, "power_draw_mw", row(30), "alpha"), 100 * 0.095, 1e-9);
}

}  // namespace
