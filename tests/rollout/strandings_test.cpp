// find_strandings on mini scenarios with hand-computed shortfalls: site supply, racks, hall IT
// capacity, land, cooling, hall size, zone supply, and a site's supply capped by its substation or
// its zone's local network; the retirement cut-off; the run's headline
// "GPUs never in service" with its reason.
#include "models/rollout/strandings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/rollout/scenario_builder.h"

namespace {

using models::rollout::find_strandings;
using models::rollout::Shortfall;
using models::rollout::ShortResource;
using ::testing::HasSubstr;
using namespace rollout_test;

// srv: 8 GPUs, 0.1 MW IT, 1 rack, liquid. Hall PUE 1.25; provisioning 0.8 -> 0.1 MW per unit.
models::Scenario one_site(double connection_mw, double hall_mw, int racks, std::int64_t units) {
  models::Scenario s = base_scenario();
  s.operations.power_provisioning = 0.8;
  s.zones.push_back(zone("z", 1000));
  models::Site st = site("a", "z", connection_mw);
  st.halls.push_back(existing_hall("h", hall_mw, racks));
  s.sites.push_back(st);
  s.orders.push_back(order("o", "a", {2026, 2, 1}, units));
  return s;
}

TEST(Strandings, SupplyShortfallCountsTheUnitsBeyondTheConnections) {
  // 40 units need 40 x 0.1 x 1.25 x 0.8 = 4.0 MW; the connection gives 3.05 MW: 30 fit, 10 (80 GPUs)
  // never powered, short by 0.95 MW.
  const auto found = find_strandings(one_site(3.05, 10, 100, 40));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].site, "a");
  EXPECT_EQ(found[0].resource, ShortResource::Supply);
  EXPECT_NEAR(found[0].needed, 4.0, 1e-9);
  EXPECT_NEAR(found[0].available, 3.05, 1e-9);
  EXPECT_NEAR(found[0].short_by(), 0.95, 1e-9);
  EXPECT_EQ(found[0].units, 10);
  EXPECT_EQ(found[0].gpus, 80);
  const std::string text = models::rollout::describe(found[0]);
  EXPECT_THAT(text, HasSubstr("site 'a': 10 units (80 GPUs) can never be powered: supply short by 0.95 MW"));
  EXPECT_THAT(text, HasSubstr("its 1 connection gives 3.05 MW"));
}

TEST(Strandings, ALocalNetworkBelowTheConnectionsStrandsTheUnitsBeyondIt) {
  // 40 units need 4.0 MW; the connection gives 5 MW but the zone's local network delivers at most
  // 3.2 - 0.3 (N-1 margin) + 0.15 (a local reinforcement within the horizon) = 3.05 MW: 30 units
  // fit, 10 (80 GPUs) are never powered, short by 0.95 MW.
  models::Scenario s = one_site(5.0, 10, 100, 40);
  s.zones[0].local_network_mw = 3.2;
  s.zones[0].local_security_margin_mw = 0.3;
  models::Reinforcement r;
  r.name = "local-upgrade";
  r.date = {2026, 6, 1};
  r.zone = "z";
  r.layer = models::ZoneLayer::LocalNetwork;
  r.added_mw = 0.15;
  s.reinforcements.push_back(r);
  const auto found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resource, ShortResource::Supply);
  EXPECT_NEAR(found[0].available, 3.05, 1e-9);
  EXPECT_EQ(found[0].units, 10);
  EXPECT_EQ(found[0].gpus, 80);
  EXPECT_THAT(
      models::rollout::describe(found[0]),
      HasSubstr("its 1 connection gives 5.00 MW, but zone 'z''s local network delivers at most 3.05 MW"));
  s.zones[0].local_network_mw = 4.15;  // 4.15 - 0.3 + 0.15 = 4.0: enough
  EXPECT_TRUE(find_strandings(s).empty());
}

TEST(Strandings, ASubstationBelowItsConnectionsStrandsTheUnitsBeyondIt) {
  // The 5 MW connection is fed from a 2.5 MW substation (energised within the horizon) with a
  // +0.55 MW reinforcement: 3.05 MW at best, so again 10 units never powered. A substation
  // energised after the end delivers nothing: all 40 units (320 GPUs) are stranded.
  models::Scenario s = one_site(5.0, 10, 100, 40);
  s.sites[0].connections[0].connected_at_start = false;
  s.sites[0].connections[0].applied = {2026, 1, 1};
  s.sites[0].connections[0].lead_days = models::Distribution::fixed(30);
  s.sites[0].connections[0].substation = "sub";
  models::Substation b;
  b.name = "sub";
  b.zone = "z";
  b.capacity_mw = 2.5;
  b.energised = sim::Date{2026, 3, 1};
  s.substations.push_back(b);
  models::Reinforcement r;
  r.name = "sub-upgrade";
  r.date = {2026, 9, 1};
  r.substation = "sub";
  r.added_mw = 0.55;
  s.reinforcements.push_back(r);
  auto found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].available, 3.05, 1e-9);
  EXPECT_EQ(found[0].units, 10);
  EXPECT_THAT(models::rollout::describe(found[0]),
              HasSubstr("but substation 'sub' delivers at most 3.05 MW"));
  s.substations[0].energised = sim::Date{2027, 3, 1};  // after the end (2026-12-31)
  found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].units, 40);
  EXPECT_EQ(found[0].gpus, 320);
  EXPECT_THAT(models::rollout::describe(found[0]), HasSubstr("(not energised within the horizon)"));
}

TEST(Strandings, EnoughSupplyIsNoWarning) {
  EXPECT_TRUE(find_strandings(one_site(4.0, 10, 100, 40)).empty());
}

TEST(Strandings, OnSiteGenerationAndLaterConnectionsCount) {
  models::Scenario s = one_site(3.05, 10, 100, 40);
  models::OnSiteGeneration gas;
  gas.technology = models::GenerationTechnology::Gas;  // capacity credit 1
  gas.capacity_mw = 0.5;
  gas.available_from = {2026, 6, 1};
  s.sites[0].generation.push_back(gas);
  models::GridConnection later;
  later.capacity_mw = 0.5;
  later.applied = {2026, 9, 1};
  later.lead_days = models::Distribution::fixed(30);
  s.sites[0].connections.push_back(later);
  EXPECT_TRUE(find_strandings(s).empty());  // 3.05 + 0.5 + 0.5 >= 4.0
}

TEST(Strandings, SolarWithoutCapacityCreditDoesNotPowerUnits) {
  models::Scenario s = one_site(3.05, 10, 100, 40);
  models::OnSiteGeneration solar;
  solar.technology = models::GenerationTechnology::Solar;  // capacity credit 0 by default
  solar.capacity_mw = 5;
  solar.available_from = {2026, 6, 1};
  s.sites[0].generation.push_back(solar);
  EXPECT_FALSE(find_strandings(s).empty());        // 3.05 MW of grid for 4.0 MW reserved
  s.sites[0].generation[0].capacity_credit = 0.2;  // 1 MW firm
  EXPECT_TRUE(find_strandings(s).empty());
}

TEST(Strandings, RacksShortfall) {
  // 8 units of 1 rack in a 5-rack hall: 3 units (24 GPUs) never housed, 3 racks short.
  const auto found = find_strandings(one_site(100, 10, 5, 8));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resource, ShortResource::Racks);
  EXPECT_EQ(found[0].units, 3);
  EXPECT_EQ(found[0].gpus, 24);
  EXPECT_NEAR(found[0].short_by(), 3.0, 1e-9);
  EXPECT_THAT(models::rollout::describe(found[0]),
              HasSubstr("can never be housed: racks short by 3.00 racks"));
}

TEST(Strandings, HallItCapacityShortfall) {
  // 6 units of 0.1 MW IT in a 0.45 MW hall: 4 fit, 2 (16 GPUs) never housed, 0.15 MW IT short.
  const auto found = find_strandings(one_site(100, 0.45, 100, 6));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resource, ShortResource::ItCapacity);
  EXPECT_EQ(found[0].units, 2);
  EXPECT_NEAR(found[0].short_by(), 0.15, 1e-9);
}

TEST(Strandings, LandShortfallNamesTheHallThatCannotBeBuilt) {
  // 1 ha of land: the existing 2-rack hall takes it; the 10-rack on-demand hall (1 ha) can never be
  // built. 5 units: 2 housed, 3 stranded for lack of land (needed 2 ha, have 1 ha).
  models::Scenario s = one_site(100, 10, 2, 5);
  s.sites[0].land_ha = 1;
  models::Hall more = existing_hall("more", 10, 10, 1);
  more.start = models::HallStart::OnDemand;
  more.construction = "quick";
  s.sites[0].halls.push_back(more);
  const auto found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resource, ShortResource::Land);
  EXPECT_EQ(found[0].units, 3);
  EXPECT_NEAR(found[0].needed, 2, 1e-9);
  EXPECT_NEAR(found[0].available, 1, 1e-9);
  EXPECT_THAT(found[0].detail, HasSubstr("'more' cannot be built"));
}

TEST(Strandings, NoHallOfTheProductsCooling) {
  models::Scenario s = one_site(100, 10, 100, 4);
  s.products[0].cooling = models::Cooling::Air;
  const auto found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resource, ShortResource::Cooling);
  EXPECT_EQ(found[0].units, 4);
  EXPECT_EQ(found[0].gpus, 32);
}

TEST(Strandings, NoHallLargeEnoughForOneUnit) {
  const auto found = find_strandings(one_site(100, 0.05, 100, 4));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resource, ShortResource::HallSize);
  EXPECT_EQ(found[0].units, 4);
  EXPECT_NEAR(found[0].needed, 0.1, 1e-9);
  EXPECT_NEAR(found[0].available, 0.05, 1e-9);
}

TEST(Strandings, ZoneSupplyCountsHeadroomCorridorsAndReinforcements) {
  // Two sites of 20 units (2 MW each) in zone z with 3 MW of headroom: short by 1 MW.
  models::Scenario s = one_site(2, 10, 100, 20);
  s.zones[0].headroom_mw = 3;
  models::Site b = site("b", "z", 2);
  b.halls.push_back(existing_hall("h", 10, 100));
  s.sites.push_back(b);
  s.orders.push_back(order("ob", "b", {2026, 2, 1}, 20));
  auto found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resource, ShortResource::ZoneSupply);
  EXPECT_EQ(found[0].site, "z");
  EXPECT_NEAR(found[0].short_by(), 1.0, 1e-9);
  EXPECT_THAT(models::rollout::describe(found[0]), HasSubstr("zone 'z'"));

  // A 0.5 MW corridor from zone y halves the shortfall; a +0.5 MW reinforcement on z ends it.
  s.zones.push_back(zone("y", 100));
  s.corridors.push_back({"y-z", "y", "z", 0.5});
  found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].short_by(), 0.5, 1e-9);
  s.reinforcements.push_back(
      {"more", {2026, 6, 1}, "z", "", "", models::ZoneLayer::Supply, 0.5, models::Distribution::fixed(0)});
  EXPECT_TRUE(find_strandings(s).empty());
}

TEST(Strandings, SitesSharingASubstationOrALocalNetworkAreCheckedTogether) {
  // Two sites of 20 units (2 MW each), each on its own 2 MW connection. Fed from one 3 MW
  // substation (less a 0.5 MW N-1 margin: 2.5 MW), each fits alone but together they are short by
  // 1.5 MW; a third site with a direct connection is not attributed to the substation.
  models::Scenario s = one_site(2, 10, 100, 20);
  models::Site b = site("b", "z", 2);
  b.halls.push_back(existing_hall("h", 10, 100));
  s.sites.push_back(b);
  s.orders.push_back(order("ob", "b", {2026, 2, 1}, 20));
  models::Substation sub;
  sub.name = "sub";
  sub.zone = "z";
  sub.capacity_mw = 3;
  sub.security_margin_mw = 0.5;
  s.substations.push_back(sub);
  for (models::Site& st : s.sites) st.connections[0].substation = "sub";
  auto found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resource, ShortResource::ZoneSupply);
  EXPECT_EQ(found[0].site, "z");
  EXPECT_NEAR(found[0].needed, 4.0, 1e-9);
  EXPECT_NEAR(found[0].available, 2.5, 1e-9);
  EXPECT_THAT(models::rollout::describe(found[0]),
              HasSubstr("zone 'z': its sites' provisioned load can never all be supplied: substation 'sub' "
                        "short by 1.50 MW; the grid load of sites 'a', 'b' is 4.00 MW together"));
  // A site with a direct connection as well is not attributed to the substation: no shared check.
  s.sites[1].connections.push_back(s.sites[1].connections[0]);
  s.sites[1].connections[1].substation.clear();
  EXPECT_TRUE(find_strandings(s).empty());

  // The same two sites without the substation under a 3.2 MW local network: each fits (2 MW), together
  // short by 0.8 MW.
  s.sites[1].connections.pop_back();
  s.substations.clear();
  for (models::Site& st : s.sites) st.connections[0].substation.clear();
  s.zones[0].local_network_mw = 3.2;
  found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].short_by(), 0.8, 1e-9);
  EXPECT_THAT(models::rollout::describe(found[0]), HasSubstr("the local network short by 0.80 MW"));
  s.zones[0].local_network_mw = 4.0;
  EXPECT_TRUE(find_strandings(s).empty());
}

TEST(Strandings, UnitsThatMayRetireOrArriveAfterTheEndAreNotCounted) {
  // With a 100-day service life, units released before end - 100 days may have retired by the end
  // and freed their power: only the 12 released on 2026-12-01 count (1.2 MW on 1.0 MW: 2 dark).
  models::Scenario s = one_site(1.0, 10, 100, 40);
  s.operations.service_life_days = 100;
  s.orders.push_back(order("late", "a", {2026, 12, 1}, 12));
  s.orders.push_back(order("beyond", "a", {2027, 3, 1}, 50));
  const auto found = find_strandings(s);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].units, 2);
  EXPECT_NEAR(found[0].needed, 1.2, 1e-9);
}

TEST(Strandings, RunHeadlineReportsGpusNeverInServiceWithTheReason) {
  const models::Scenario s = one_site(3.05, 10, 100, 40);
  sim::MemorySink sink;
  const auto out = run(s, sink);
  ASSERT_EQ(out.headline.sites.size(), 1u);
  const auto& site_headline = out.headline.sites[0];
  EXPECT_EQ(site_headline.gpus_never_in_service, 80);
  EXPECT_EQ(site_headline.gpus_never_housed_or_powered, 80);
  EXPECT_EQ(site_headline.never_in_service_reason, "supply -0.95 MW");
  EXPECT_EQ(out.headline.gpus_never_in_service, 80);
  EXPECT_EQ(out.headline.gpus_entered_service, 240);
  // The file: per-site statics through the output schema.
  const sim::StaticVariable* never = sink.find_static("gpus_never_in_service");
  const sim::StaticVariable* certain = sink.find_static("gpus_never_housed_or_powered");
  const sim::StaticVariable* reason = sink.find_static("never_in_service_reason");
  ASSERT_TRUE(never && certain && reason);
  EXPECT_EQ(never->values, std::vector<double>{80});
  EXPECT_EQ(certain->values, std::vector<double>{80});
  EXPECT_EQ(reason->values, std::vector<double>{1 + static_cast<double>(ShortResource::Supply)});
  const std::string table = models::rollout::format_headline(out.headline);
  EXPECT_THAT(table, HasSubstr("GPUs never in service 80, of which 80 can never be housed or powered"));
  EXPECT_THAT(table, HasSubstr("supply -0.95 MW"));
}

TEST(Strandings, RunHeadlineNamesTheFinalStateWhenNothingIsCertain) {
  // The connection is energised only after the horizon: nothing is short at best, but no unit
  // enters service within the run; the reason is the state they ended in.
  models::Scenario s = one_site(4.0, 10, 100, 10);
  s.sites[0].connections[0].connected_at_start = false;
  s.sites[0].connections[0].applied = {2026, 6, 1};
  s.sites[0].connections[0].lead_days = models::Distribution::fixed(400);
  EXPECT_TRUE(find_strandings(s).empty());
  sim::MemorySink sink;
  const auto out = run(s, sink);
  EXPECT_EQ(out.headline.sites[0].gpus_never_in_service, 80);
  EXPECT_EQ(out.headline.sites[0].gpus_never_housed_or_powered, 0);
  EXPECT_EQ(out.headline.sites[0].never_in_service_reason, "waiting_power at the end");
  EXPECT_EQ(sink.find_static("never_in_service_reason")->values,
            std::vector<double>{
                8 + static_cast<double>(models::rollout::index(models::rollout::GpuState::WaitingPower))});
}

}  // namespace
