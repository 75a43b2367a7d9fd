// Energy, emissions and cost with on-site generation by its availability, dated emission factors
// and tariffs, and the capacity charge; physical vs provisioned peak; per-zone draw and contract.
// Every expected value is computed by hand in the comment next to it.
#include <gtest/gtest.h>

#include "models/rollout/accounting.h"
#include "scenario_builder.h"

namespace {

using namespace rollout_test;
using models::rollout::Accounting;
using models::rollout::Catalogue;
using models::rollout::Generation;
using models::rollout::to_milliwatts;

models::Scenario one_site() {
  models::Scenario s = base_scenario();  // 2026-01-01 .. 2026-12-31
  s.zones.push_back(zone("z", 1000));
  s.sites.push_back(site("alpha", "z", 1000));
  return s;
}

models::OnSiteGeneration solar(double capacity_mw) {
  models::OnSiteGeneration g;
  g.technology = models::GenerationTechnology::Solar;
  g.capacity_mw = capacity_mw;
  g.available_from = {2026, 1, 1};
  return g;
}

TEST(Energy, SolarAtTwentyPercentCapacityFactorGivesTwentyPercentOfNameplateEnergy) {
  const models::Scenario s = one_site();
  const Catalogue c(s);
  Accounting a(c);
  models::OnSiteGeneration g = solar(50);
  g.capacity_factor = 0.2;
  a.add_generation(0, Generation::from(g), 0);
  a.set_draw(0, to_milliwatts(100), 0);  // always above what the plant supplies
  a.advance(0, sim::days(365));
  // Nameplate energy 50 MW x 8760 h = 438,000 MWh; 20 % of it = 87,600 MWh on site.
  EXPECT_NEAR(a.energy_mwh(0) - a.grid_energy_mwh(0), 87'600.0, 1e-6);
  EXPECT_NEAR(a.energy_mwh(0), 876'000.0, 1e-6);
  // Grid emissions only (solar emits nothing): 788,400 MWh x 0.4173.
  EXPECT_NEAR(a.emissions_t(0), 788'400.0 * 0.4173, 1e-6);
  // Capacity credit of solar is 0 unless given: it adds nothing to the firm supply.
  EXPECT_EQ(a.generation(0), to_milliwatts(50));
  EXPECT_EQ(a.firm_generation(0), 0);
}

TEST(Energy, DailyShapeIsIntegratedHourByHourAndSpillsAboveTheDraw) {
  const models::Scenario s = one_site();
  const Catalogue c(s);
  Accounting a(c);
  models::OnSiteGeneration g = solar(50);
  for (int h = 0; h < 24; ++h) g.daily_shape.push_back({h, h >= 10 && h < 14 ? 1.0 : (h == 14 ? 0.5 : 0.0)});
  g.emission_factor_t_per_mwh = 0.01;
  a.add_generation(0, Generation::from(g), 0);
  // Draw 30 MW from 11:30 on day 0 to 12:00 on day 3. Solar supplies min(30, available):
  //   day 0: 11:30-14:00 at 30 MW = 75 MWh, 14:00-15:00 at 25 MW = 25 MWh -> 100 MWh
  //   days 1, 2: 10:00-14:00 at 30 = 120, plus 25 -> 145 MWh each
  //   day 3: 10:00-12:00 at 30 = 60 MWh
  // On site 450 MWh of 30 MW x 72.5 h = 2,175 MWh.
  a.set_draw(0, to_milliwatts(30), sim::hours(11) + 30 * sim::kTicksPerMinute);
  a.advance(0, sim::days(3) + sim::hours(12));
  EXPECT_NEAR(a.energy_mwh(0), 2'175.0, 1e-9);
  EXPECT_NEAR(a.energy_mwh(0) - a.grid_energy_mwh(0), 450.0, 1e-9);
  EXPECT_NEAR(a.emissions_t(0), 450.0 * 0.01 + 1'725.0 * 0.4173, 1e-9);
}

TEST(Energy, WholeDaysOfADailyShapeEqualTheirMean) {
  const models::Scenario s = one_site();
  const Catalogue c(s);
  Accounting a(c);
  models::OnSiteGeneration g = solar(40);
  double sum = 0;
  for (int h = 0; h < 24; ++h) {
    const double f = h >= 6 && h < 18 ? 0.05 * (6 - std::abs(h - 12)) : 0.0;
    g.daily_shape.push_back({h, f});
    sum += f;
  }
  a.add_generation(0, Generation::from(g), 0);
  a.set_draw(0, to_milliwatts(100), 0);
  a.advance(0, sim::days(200));
  // 200 days x 40 MW x (sum of hourly factors) hours.
  EXPECT_NEAR(a.energy_mwh(0) - a.grid_energy_mwh(0), 200 * 40 * sum, 1e-6);
}

TEST(Energy, DatedEmissionFactorsApplyFromTheirDate) {
  models::Scenario s = one_site();
  s.economics.emission_factor_t_per_mwh = 0.5;
  s.economics.emission_factor_changes = {{{2026, 7, 1}, 0.3}, {{2026, 10, 1}, 0.2}};
  const Catalogue c(s);
  Accounting a(c);
  a.set_draw(0, to_milliwatts(10), 0);
  a.advance(0, sim::days(365));
  // 2026-07-01 is day 181, 2026-10-01 day 273: 240 MWh a day at 0.5 for 181 days, 0.3 for 92,
  // 0.2 for 92.
  EXPECT_NEAR(a.emissions_t(0), 240.0 * (181 * 0.5 + 92 * 0.3 + 92 * 0.2), 1e-9);
  EXPECT_NEAR(a.grid_energy_mwh(0), 240.0 * 365, 1e-9);
}

TEST(Energy, DatedPricesAndTheCapacityChargeOnContractedCapacity) {
  models::Scenario s = one_site();
  s.economics.electricity_price_krw_per_mwh = 180'000;
  s.economics.capacity_charge_krw_per_mw_month = 9'000'000;  // 9,000 KRW/kW/month
  s.economics.price_changes = {{{2026, 4, 1}, 200'000, 10'000'000}};
  const Catalogue c(s);
  Accounting a(c);
  // 20 MW contracted from day 0, nothing drawn until day 59; then 10 MW.
  a.set_contracted(0, to_milliwatts(20), 0);
  a.set_draw(0, to_milliwatts(10), sim::days(59));
  a.advance(0, sim::days(120));
  // Energy: days 59..90 (2026-04-01 is day 90) at 180,000: 31 x 240 MWh; days 90..120 at
  // 200,000: 30 x 240 MWh.
  const double energy_cost = 31 * 240.0 * 180'000 + 30 * 240.0 * 200'000;
  EXPECT_NEAR(a.energy_cost_krw(0), energy_cost, 1e-3);
  // Capacity: 20 MW x 9e6 per month for 90 days, x 1e7 for 30 days; a month = 30.4375 days.
  const double capacity_cost = 20 * (9e6 * 90 + 1e7 * 30) / 30.4375;
  EXPECT_NEAR(a.capacity_cost_krw(0), capacity_cost, 1e-3);
  EXPECT_NEAR(a.cost_krw(0), energy_cost + capacity_cost, 1e-3);
}

TEST(Energy, IntegratingDayByDayAcrossDatedChangesEqualsOneStep) {
  // The accounting remembers the tariff and emission piece it last integrated in and walks on
  // from there: integrating a day at a time, across every dated change, gives the one-step sums.
  models::Scenario s = one_site();
  s.economics.emission_factor_t_per_mwh = 0.5;
  s.economics.emission_factor_changes = {{{2026, 7, 1}, 0.3}, {{2026, 10, 1}, 0.2}};
  s.economics.price_changes = {{{2026, 4, 1}, 200'000, 10'000'000}, {{2026, 8, 15}, 150'000, 8'000'000}};
  const Catalogue c(s);
  Accounting one_step(c), day_by_day(c);
  for (Accounting* a : {&one_step, &day_by_day}) {
    a->set_contracted(0, to_milliwatts(20), 0);
    a->set_draw(0, to_milliwatts(10), 0);
  }
  one_step.advance(0, sim::days(365));
  for (int day = 1; day <= 365; ++day) day_by_day.advance(0, sim::days(day));
  EXPECT_NEAR(day_by_day.emissions_t(0), one_step.emissions_t(0), 1e-9 * one_step.emissions_t(0));
  EXPECT_NEAR(day_by_day.energy_cost_krw(0), one_step.energy_cost_krw(0), 1e-9 * one_step.energy_cost_krw(0));
  EXPECT_NEAR(day_by_day.capacity_cost_krw(0), one_step.capacity_cost_krw(0),
              1e-9 * one_step.capacity_cost_krw(0));
  // 240 MWh a day: 181 days at 0.5 t/MWh, 92 at 0.3, 92 at 0.2.
  EXPECT_NEAR(day_by_day.emissions_t(0), 240.0 * (181 * 0.5 + 92 * 0.3 + 92 * 0.2), 1e-6);
}

// A site whose connection (5 MW) cannot carry its 100 units (12.5 MW reserved) without firm
// on-site supply: 10 MW of generation at capacity credit 1 admits them all, at credit 0 (solar
// by default) only 40 units (5 / 0.125).
models::Scenario credit_scenario(models::GenerationTechnology tech) {
  models::Scenario s = base_scenario();
  s.zones.push_back(zone("z", 1000));
  models::Site st = site("alpha", "z", 5);
  st.install_crews = 10;
  st.units_per_crew_day = 10;
  st.halls.push_back(existing_hall("h1", 100, 1000));
  models::OnSiteGeneration g;
  g.technology = tech;
  g.capacity_mw = 10;
  g.available_from = {2026, 1, 1};
  st.generation.push_back(g);
  s.sites.push_back(st);
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 100));
  return s;
}

TEST(Energy, CapacityCreditDecidesWhatOnSiteGenerationAdmits) {
  sim::MemorySink firm_sink, solar_sink;
  run(credit_scenario(models::GenerationTechnology::Gas), firm_sink);
  run(credit_scenario(models::GenerationTechnology::Solar), solar_sink);
  EXPECT_EQ(gpus(firm_sink, row(60), "alpha", "operational"), 800);
  EXPECT_DOUBLE_EQ(site_value(firm_sink, "onsite_firm_mw", row(60), "alpha"), 10.0);
  EXPECT_EQ(gpus(solar_sink, row(60), "alpha", "operational"), 320);
  EXPECT_EQ(gpus(solar_sink, row(60), "alpha", "waiting_power"), 480);
  EXPECT_DOUBLE_EQ(site_value(solar_sink, "onsite_generation_mw", row(60), "alpha"), 10.0);
  EXPECT_DOUBLE_EQ(site_value(solar_sink, "onsite_firm_mw", row(60), "alpha"), 0.0);
  EXPECT_DOUBLE_EQ(site_value(solar_sink, "power_allocated_mw", row(60), "alpha"), 5.0);
}

TEST(Energy, ExplicitCapacityCreditOverridesTheTechnologyDefault) {
  models::OnSiteGeneration g = solar(10);
  EXPECT_EQ(models::capacity_credit_of(g), 0.0);
  g.capacity_credit = 0.25;
  EXPECT_EQ(models::capacity_credit_of(g), 0.25);
  EXPECT_EQ(Generation::from(g).firm, to_milliwatts(2.5));
  g.technology = models::GenerationTechnology::Gas;
  g.capacity_credit.reset();
  EXPECT_EQ(models::capacity_credit_of(g), 1.0);
}

double zone_value(const sim::MemorySink& sink, const std::string& series, std::size_t r,
                  const std::string& z) {
  return sink.series(series, r)[axis_index(sink, "zone", z)];
}

// Two sites in one zone; provisioning 0.8.
models::Scenario two_sites() {
  models::Scenario s = base_scenario();
  s.operations.power_provisioning = 0.8;
  s.zones.push_back(zone("z", 1000));
  for (const char* name : {"alpha", "beta"}) {
    models::Site st = site(name, "z", name[0] == 'a' ? 30 : 12);
    st.install_crews = 10;
    st.units_per_crew_day = 10;
    st.halls.push_back(existing_hall("h1", 100, 1000));
    s.sites.push_back(st);
  }
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 100));
  s.orders.push_back(order("o2", "beta", {2026, 1, 1}, 60));
  return s;
}

TEST(Energy, PhysicalPeakBesideTheProvisionedReservation) {
  sim::MemorySink sink;
  const auto out = run(two_sites(), sink);
  // 160 units x 0.1 MW IT x PUE 1.25 = 20 MW physical; x 0.8 provisioning = 16 MW reserved.
  EXPECT_NEAR(out.headline.peak_physical_facility_power_mw, 20.0, 1e-9);
  EXPECT_NEAR(out.headline.peak_facility_power_mw, 16.0, 1e-9);
  EXPECT_DOUBLE_EQ(out.headline.power_provisioning, 0.8);
  ASSERT_NE(sink.find_static("peak_power_physical_mw"), nullptr);
  EXPECT_NEAR(sink.find_static("peak_power_physical_mw")->values.at(0), 20.0, 1e-9);
  const std::string text = models::rollout::format_headline(out.headline);
  EXPECT_NE(text.find("physical 20.0 MW (IT peak x PUE), provisioned 16.0 MW (x 0.8"), std::string::npos)
      << text;
}

TEST(Energy, ZoneDrawAndContractBesideTheAllocation) {
  // Under `power_reservation: housed` the allocation is the reservation of housed units, so the
  // three zone figures differ (under the default `contracted` the allocation is the contract).
  models::Scenario s = two_sites();
  s.power_reservation = models::PowerReservation::Housed;
  sim::MemorySink sink;
  run(s, sink);
  // All 160 units operational by day 60: draw 160 x 0.1 x 0.76 x 1.25 = 15.2 MW; allocation =
  // reservation 16 MW; contracted 30 + 12 = 42 MW.
  EXPECT_NEAR(zone_value(sink, "zone_power_draw_mw", row(60), "z"), 15.2, 1e-9);
  EXPECT_NEAR(zone_value(sink, "zone_load_mw", row(60), "z"), 16.0, 1e-9);
  EXPECT_NEAR(zone_value(sink, "zone_contracted_mw", row(60), "z"), 42.0, 1e-9);
  for (const std::size_t r : {row(30), row(200), row(365)}) {
    EXPECT_NEAR(
        zone_value(sink, "zone_grid_energy_mwh", r, "z"),
        site_value(sink, "grid_energy_mwh", r, "alpha") + site_value(sink, "grid_energy_mwh", r, "beta"),
        1e-6);
  }
}

}  // namespace
