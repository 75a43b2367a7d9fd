// The three-zone network of power_network_test.cpp inside a full run: the sites' housed units
// request 80, 60 and 40 MW of facility power (640, 480 and 320 units of 0.125 MW), and the power
// allocated to each site (and hence the GPUs admitted) follows the hand-computed allocation of
// each sharing policy.
#include <gtest/gtest.h>

#include <array>

#include "scenario_builder.h"

namespace {

using namespace rollout_test;

models::Scenario three_zone_scenario(models::PowerSharing policy) {
  models::Scenario s = base_scenario();
  s.power_sharing = policy;
  s.power_reservation = models::PowerReservation::Housed;  // requests follow the housed units
  s.power_priority = {"s3", "s2", "s1"};
  s.zones = {zone("A", 100), zone("B", 0), zone("C", 50)};
  s.corridors = {{"A-B", "A", "B", 30}, {"B-C", "B", "C", 100}};
  const char* zones[] = {"A", "B", "C"};
  const int units[] = {640, 480, 320};
  for (int i = 0; i < 3; ++i) {
    const std::string name = std::array{"s1", "s2", "s3"}[static_cast<std::size_t>(i)];
    models::Site st = site(name, zones[i], 1000);
    st.connections[0].applied = {2020, 1 + i, 1};  // queue order s1, s2, s3
    st.install_crews = 100;
    st.halls.push_back(existing_hall("h", 200, 2000));
    s.sites.push_back(st);
    s.orders.push_back(
        order(std::array{"o1", "o2", "o3"}[static_cast<std::size_t>(i)], name, {2026, 1, 1}, units[i]));
  }
  return s;
}

void expect_allocated(const sim::MemorySink& sink, std::initializer_list<double> mw) {
  static const char* const kSites[] = {"s1", "s2", "s3"};
  std::size_t i = 0;
  for (const double expected : mw) {
    const std::string name = kSites[i++];
    EXPECT_NEAR(site_value(sink, "power_allocated_mw", row(30), name), expected, 1e-6) << name;
    // Admitted units fill the allocation exactly (it is a multiple of 0.125 MW here).
    EXPECT_NEAR(site_value(sink, "power_demand_mw", row(30), name), expected, 1e-6) << name;
    EXPECT_EQ(gpus(sink, row(30), name, "operational"), 8 * expected / 0.125) << name;
  }
}

TEST(Sharing, ConnectionQueue) {
  sim::MemorySink sink;
  run(three_zone_scenario(models::PowerSharing::ConnectionQueue), sink);
  expect_allocated(sink, {80, 60, 10});
  EXPECT_NEAR(sink.series("zone_supply_mw", row(30))[0], 100, 1e-6);
  EXPECT_NEAR(sink.series("corridor_flow_mw", row(30))[0], 20, 1e-6);
  EXPECT_NEAR(sink.series("zone_load_mw", row(30))[1], 60, 1e-6);
  EXPECT_EQ(gpus(sink, row(30), "s3", "waiting_power"), 8 * 240);
}

TEST(Sharing, PriorityList) {
  sim::MemorySink sink;
  run(three_zone_scenario(models::PowerSharing::PriorityList), sink);
  expect_allocated(sink, {70, 40, 40});
}

TEST(Sharing, ProRata) {
  sim::MemorySink sink;
  run(three_zone_scenario(models::PowerSharing::ProRata), sink);
  expect_allocated(sink, {70, 48, 32});
}

TEST(Sharing, ReinforcementsReleaseTheBottleneck) {
  // Under pro rata: +50 MW on A-B on day 100 changes nothing, because all 150 MW of headroom are
  // already allocated (firm loads are never taken away to re-share). +30 MW of headroom in C on
  // day 200 makes 180 MW deliverable: C's 80 serve s3 (40) and 40 of s2, A sends s2 the other 20
  // over A-B and still serves s1's 80 -> every request is met.
  models::Scenario s = three_zone_scenario(models::PowerSharing::ProRata);
  models::Reinforcement corridor;
  corridor.name = "a-b-upgrade";
  corridor.date = {2026, 4, 11};  // day 100
  corridor.corridor = "A-B";
  corridor.added_mw = 50;
  models::Reinforcement plant;
  plant.name = "c-plant";
  plant.date = {2026, 7, 20};  // day 200
  plant.zone = "C";
  plant.added_mw = 30;
  s.reinforcements = {corridor, plant};
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_NEAR(sink.series("corridor_limit_mw", row(120))[0], 80, 1e-6);
  for (const auto& [name, mw] : {std::pair{"s1", 70.0}, {"s2", 48.0}, {"s3", 32.0}}) {
    EXPECT_NEAR(site_value(sink, "power_allocated_mw", row(120), name), mw, 1e-6) << name;
  }
  for (const auto& [name, mw] : {std::pair{"s1", 80.0}, {"s2", 60.0}, {"s3", 40.0}}) {
    EXPECT_NEAR(site_value(sink, "power_allocated_mw", row(200), name), mw, 1e-6) << name;
    EXPECT_EQ(gpus(sink, row(206), name, "operational"), 8 * mw / 0.125) << name;  // after 5 d burn-in
  }
  EXPECT_NEAR(sink.series("zone_headroom_mw", row(200))[2], 80, 1e-6);
}

TEST(Sharing, ViolationStopsTheRun) {
  // Existing halls on more land than the site has: the checker stops the run at the first sample.
  models::Scenario s = three_zone_scenario(models::PowerSharing::ProRata);
  s.sites[1].land_ha = 0.5;
  sim::MemorySink sink;
  try {
    run(s, sink);
    FAIL() << "expected an invariant violation";
  } catch (const models::rollout::InvariantViolation& e) {
    EXPECT_EQ(e.invariant(), "land");
    EXPECT_NE(std::string(e.what()).find("site 's2'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("2026-01-01"), std::string::npos) << e.what();
  }
}

}  // namespace
