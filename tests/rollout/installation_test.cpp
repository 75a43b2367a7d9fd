// Installation: crews, cooling types, on-demand halls, units installed at the start, and
// curtailment when capacity falls.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "scenario_builder.h"

namespace {

using namespace rollout_test;

models::Scenario crew_scenario(int crews, double rate) {
  models::Scenario s = base_scenario();
  s.zones.push_back(zone("z", 1000));
  models::Site st = site("alpha", "z", 1000);
  st.install_crews = crews;
  st.units_per_crew_day = rate;
  st.burn_in_days = models::Distribution::fixed(0);
  st.halls.push_back(existing_hall("h1", 100, 1000));
  s.sites.push_back(st);
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 100));
  return s;
}

TEST(Installation, CrewsInstallAtTheirRate) {
  // 1 crew at 4 units/day: 100 units from day 10 take 25 days; unit k done at 10 + (k + 1) / 4.
  sim::MemorySink sink;
  const auto out = run(crew_scenario(1, 4), sink);
  for (int day = 10; day <= 40; ++day) {
    const int done = std::min(100, (day - 10) * 4);
    EXPECT_EQ(gpus(sink, row(day), "alpha", "operational"), 8 * done) << "day " << day;
  }
  EXPECT_EQ(gpus(sink, row(20), "alpha", "installing"), 8);
  EXPECT_EQ(gpus(sink, row(20), "alpha", "waiting_crew"), 8 * (100 - 40 - 1));
  EXPECT_EQ(out.headline.sites[0].binding, models::rollout::Constraint::Crew);
}

TEST(Installation, MoreCrewsInstallFaster) {
  sim::MemorySink sink;
  run(crew_scenario(5, 4), sink);
  EXPECT_EQ(gpus(sink, row(14), "alpha", "operational"), 8 * 80);  // 5 crews x 4 units/day x 4 days
  EXPECT_EQ(gpus(sink, row(15), "alpha", "operational"), 800);
}

TEST(Installation, UnitsNeedAHallWithTheirCooling) {
  models::Scenario s = crew_scenario(2, 10);
  s.products.push_back({"air-srv", "air-cooled", 8, 0.1, 1.0, models::Cooling::Air, 1});
  models::Order air = order("o2", "alpha", {2026, 1, 1}, 10);
  air.product = "air-srv";
  s.orders.push_back(air);
  sim::MemorySink sink;
  run(s, sink);
  // The only hall is liquid-cooled and no air hall is planned: the air units wait for land (no
  // room can ever be built for them) while the liquid units install.
  EXPECT_EQ(gpus(sink, row(365), "alpha", "waiting_land"), 80);
  EXPECT_EQ(gpus(sink, row(365), "alpha", "operational"), 800);
}

TEST(Installation, OnDemandHallStartsAheadOfReleaseByTheLead) {
  models::Scenario s = crew_scenario(2, 10);
  s.sites[0].halls[0].start = models::HallStart::OnDemand;
  s.sites[0].halls[0].construction = "quick";   // 30 days
  s.orders[0].schedule[0].date = {2026, 3, 2};  // day 60, arrives day 70
  s.on_demand_lead_days = 45;                   // demand counts from day 15
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_EQ(site_value(sink, "land_used_ha", row(14), "alpha"), 0);
  EXPECT_EQ(site_value(sink, "land_used_ha", row(15), "alpha"), 1);
  EXPECT_EQ(site_value(sink, "halls_ready", row(44), "alpha"), 0);
  EXPECT_EQ(site_value(sink, "halls_ready", row(45), "alpha"), 1);
  // Hall ready before the units arrive: no waiting for construction.
  EXPECT_EQ(gpus(sink, row(70), "alpha", "waiting_construction"), 0);
  EXPECT_EQ(gpus(sink, row(75), "alpha", "operational"), 800);
}

TEST(Installation, UnitsInstalledAtTheStartAreOperationalAtOnce) {
  models::Scenario s = crew_scenario(1, 1);
  s.orders[0].installed_at_start = 20;
  sim::MemorySink sink;
  const auto out = run(s, sink);
  EXPECT_EQ(gpus(sink, row(0), "alpha", "operational"), 160);
  EXPECT_EQ(gpus(sink, row(0), "alpha", "in_transit"), 800);
  EXPECT_EQ(out.headline.gpus_ordered, 960);
}

TEST(Installation, AnOutageCurtailsTheLatestUnits) {
  // 10 MW admits 80 units (0.125 MW each); on day 50 an outage takes 5 MW of the zone's supply
  // for 100 days: the 40 latest units are de-energised and wait for power again, and the
  // curtailment is recorded.
  models::Scenario s = crew_scenario(10, 10);
  s.zones[0].headroom_mw = 10;
  models::Outage cut;
  cut.name = "plant-trip";
  cut.start = {2026, 2, 20};  // day 50
  cut.duration_days = models::Distribution::fixed(100);
  cut.zone = "z";
  cut.lost_mw = 5;
  s.outages.push_back(cut);
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_EQ(gpus(sink, row(49), "alpha", "operational"), 640);
  EXPECT_EQ(gpus(sink, row(50), "alpha", "operational"), 320);
  EXPECT_EQ(gpus(sink, row(50), "alpha", "waiting_power"), 480);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_demand_mw", row(50), "alpha"), 5.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_allocated_mw", row(50), "alpha"), 5.0);
  // Over on day 150: the contract is whole again and the 40 units come back (installed again).
  EXPECT_DOUBLE_EQ(site_value(sink, "power_allocated_mw", row(150), "alpha"), 10.0);
  EXPECT_EQ(gpus(sink, row(170), "alpha", "operational"), 640);
}

TEST(Installation, AHeadroomCutLeavesEnergisedLoadRunning) {
  // The same 5 MW fall as a dated headroom cut (other customers' growth, a retired plant on
  // paper): energised, admitted load is not disconnected; it is held over the limit.
  models::Scenario s = crew_scenario(10, 10);
  s.zones[0].headroom_mw = 10;
  models::Reinforcement cut;
  cut.name = "plant-retired";
  cut.date = {2026, 2, 20};  // day 50
  cut.zone = "z";
  cut.added_mw = -5;
  s.reinforcements.push_back(cut);
  for (const auto reservation : {models::PowerReservation::Contracted, models::PowerReservation::Housed}) {
    s.power_reservation = reservation;
    sim::MemorySink sink;
    run(s, sink);
    EXPECT_EQ(gpus(sink, row(49), "alpha", "operational"), 640);
    EXPECT_EQ(gpus(sink, row(50), "alpha", "operational"), 640);
    EXPECT_EQ(gpus(sink, row(200), "alpha", "operational"), 640);
    EXPECT_DOUBLE_EQ(site_value(sink, "power_allocated_mw", row(50), "alpha"), 10.0);
    EXPECT_DOUBLE_EQ(sink.series("zone_supply_mw", row(50))[0], 5.0);
  }
}

TEST(Installation, CurtailmentCatchesUnitsInInstallationAndBurnIn) {
  // 8 units, 1 MW of headroom (8 x 0.125 MW), 1 crew taking 2 days per unit, 5 days of burn-in.
  // Unit k is installed over [10 + 2k, 12 + 2k] and operational at 17 + 2k. On day 15 an outage
  // leaves 0.25 MW (2 units): units 7..3 (waiting for the crew) and unit 2 (mid-installation,
  // its crew freed) are de-energised; units 0 and 1 (in burn-in) keep their power. On day 30 the
  // outage ends: units 2..7 are installed over [30 + 2j, 32 + 2j], operational at 37 + 2j.
  models::Scenario s = crew_scenario(1, 0.5);
  s.sites[0].burn_in_days = models::Distribution::fixed(5);
  s.orders[0].schedule[0].units = 8;
  s.zones[0].headroom_mw = 1;
  models::Outage cut;
  cut.name = "cut";
  cut.start = {2026, 1, 16};  // day 15
  cut.duration_days = models::Distribution::fixed(15);
  cut.zone = "z";
  cut.lost_mw = 0.75;
  s.outages = {cut};
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_EQ(gpus(sink, row(14), "alpha", "installing"), 24);  // units 0, 1 in burn-in, 2 with the crew
  EXPECT_EQ(gpus(sink, row(14), "alpha", "waiting_crew"), 40);
  EXPECT_EQ(gpus(sink, row(15), "alpha", "installing"), 16);
  EXPECT_EQ(gpus(sink, row(15), "alpha", "waiting_crew"), 0);
  EXPECT_EQ(gpus(sink, row(15), "alpha", "waiting_power"), 48);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_demand_mw", row(15), "alpha"), 0.25);
  EXPECT_EQ(gpus(sink, row(17), "alpha", "operational"), 8);
  EXPECT_EQ(gpus(sink, row(19), "alpha", "operational"), 16);
  EXPECT_EQ(gpus(sink, row(29), "alpha", "operational"), 16);
  EXPECT_EQ(gpus(sink, row(36), "alpha", "operational"), 16);
  EXPECT_EQ(gpus(sink, row(37), "alpha", "operational"), 24);
  EXPECT_EQ(gpus(sink, row(46), "alpha", "operational"), 56);
  EXPECT_EQ(gpus(sink, row(47), "alpha", "operational"), 64);
}

TEST(Installation, OnSiteGenerationAddsToSupply) {
  models::Scenario s = crew_scenario(10, 10);
  s.zones[0].headroom_mw = 5;
  models::OnSiteGeneration g;
  g.capacity_mw = 5;
  g.available_from = {2026, 3, 1};  // day 59
  g.emission_factor_t_per_mwh = 0.5;
  s.sites[0].generation.push_back(g);
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_EQ(gpus(sink, row(58), "alpha", "operational"), 320);
  EXPECT_EQ(gpus(sink, row(60), "alpha", "operational"), 640);
  EXPECT_DOUBLE_EQ(site_value(sink, "power_allocated_mw", row(60), "alpha"), 10.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "onsite_generation_mw", row(60), "alpha"), 5.0);
  // From day 60 the draw (80 units x 0.095 = 7.6 MW) is met by 5 MW on site and 2.6 MW from the
  // grid: emissions per day = 24 x (5 x 0.5 + 2.6 x 0.4173).
  const double per_day = 24 * (5 * 0.5 + 2.6 * 0.4173);
  const double d100 = site_value(sink, "emissions_t", row(100), "alpha");
  const double d200 = site_value(sink, "emissions_t", row(200), "alpha");
  EXPECT_NEAR(d200 - d100, 100 * per_day, 1e-6);
  EXPECT_NEAR(site_value(sink, "grid_energy_mwh", row(200), "alpha") -
                  site_value(sink, "grid_energy_mwh", row(100), "alpha"),
              100 * 24 * 2.6, 1e-6);
}

// service_opens: 20 units arrive on day 10; 1 crew at 4 units/day finishes unit k (0-based) at
// 10 + (k + 1) / 4 and burn-in takes 5 days, so without a service date unit k enters service on
// day 15 + (k + 1) / 4 (days 15.25 .. 20). With service on 2026-01-19 (day 18) no unit is in
// service before day 18; the 12 units whose burn-in ended by then (k + 1 <= 12) enter on day 18
// and the rest on their own dates.
models::Scenario service_date_scenario(std::optional<sim::Date> opens) {
  models::Scenario s = crew_scenario(1, 4);
  s.sites[0].burn_in_days = models::Distribution::fixed(5);
  s.orders[0].schedule[0].units = 20;
  s.orders[0].service_opens = opens;
  return s;
}

TEST(Installation, NoUnitEntersServiceBeforeItsOrdersServiceDate) {
  sim::MemorySink without, with;
  run(service_date_scenario(std::nullopt), without);
  run(service_date_scenario(sim::Date{2026, 1, 19}), with);
  EXPECT_EQ(gpus(without, row(17), "alpha", "operational"), 8 * 8);  // 15 + (k + 1) / 4 <= 17
  EXPECT_EQ(gpus(with, row(17), "alpha", "operational"), 0);
  EXPECT_EQ(gpus(with, row(17), "alpha", "installing"), 8 * 20);  // still in burn-in
  EXPECT_EQ(gpus(with, row(18), "alpha", "operational"), 8 * 12);
  EXPECT_EQ(gpus(with, row(19), "alpha", "operational"), 8 * 16);  // as without: 15 + 16 / 4 = 19
  EXPECT_EQ(gpus(without, row(19), "alpha", "operational"), 8 * 16);
  EXPECT_EQ(gpus(with, row(20), "alpha", "operational"), 8 * 20);
  // Waiting in burn-in still draws power: the site's draw is the same on day 17 with or without.
  EXPECT_DOUBLE_EQ(site_value(with, "power_draw_mw", row(17), "alpha"),
                   site_value(without, "power_draw_mw", row(17), "alpha"));
}

TEST(Installation, AServiceDateBeforeEveryBurnInsEndChangesNothing) {
  // Random burn-ins: a service date that binds no unit leaves the run bit for bit as it was (the
  // burn-in draws do not depend on the service date).
  auto scenario = [](std::optional<sim::Date> opens) {
    models::Scenario s = service_date_scenario(opens);
    s.sites[0].burn_in_days = models::Distribution{models::Distribution::Kind::LognormalMedianP90, 5, 10, 0};
    return s;
  };
  sim::MemorySink without, early;
  run(scenario(std::nullopt), without);
  run(scenario(sim::Date{2026, 1, 5}), early);
  for (int day = 0; day < 365; ++day) {
    const auto a = without.series("gpus", row(day));
    const auto b = early.series("gpus", row(day));
    ASSERT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << "day " << day;
  }
}

}  // namespace
