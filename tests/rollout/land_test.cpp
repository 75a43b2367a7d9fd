// A site whose land runs out before its GPUs are housed.
//
// Site: 10 ha. Hall h1 existing (6 ha, 50 racks); h2 planned from day 0 (4 ha, 50 racks, 60
// days to build); h3 on demand (3 ha) - it can never be built: 6 + 4 + 3 > 10. 150 units (one
// rack each) arrive on day 10: 50 go to h1, 100 wait for h2 (waiting_construction); on day 60
// h2 takes 50 and the last 50 have no room and no land (waiting_land) for good.
#include <gtest/gtest.h>

#include "scenario_builder.h"

namespace {

using namespace rollout_test;

models::Scenario land_scenario() {
  models::Scenario s = base_scenario();
  s.construction_templates = {{"sixty", {{"build", models::Distribution::fixed(60), {}}}}};
  s.zones.push_back(zone("z", 1000));
  models::Site st = site("alpha", "z", 1000);
  st.land_ha = 10;
  st.halls.push_back(existing_hall("h1", 100, 50, 6));
  models::Hall h2 = existing_hall("h2", 100, 50, 4);
  h2.start = models::HallStart::Planned;
  h2.planned_start = sim::Date{2026, 1, 1};
  h2.construction = "sixty";
  st.halls.push_back(h2);
  models::Hall h3 = existing_hall("h3", 100, 50, 3);
  h3.start = models::HallStart::OnDemand;
  h3.construction = "sixty";
  st.halls.push_back(h3);
  s.sites.push_back(st);
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 150));
  return s;
}

TEST(Land, UnitsWaitForConstructionThenForLand) {
  sim::MemorySink sink;
  const auto out = run(land_scenario(), sink);
  EXPECT_EQ(gpus(sink, row(10), "alpha", "waiting_construction"), 800);
  EXPECT_EQ(gpus(sink, row(10), "alpha", "waiting_land"), 0);
  EXPECT_EQ(gpus(sink, row(59), "alpha", "waiting_construction"), 800);
  EXPECT_EQ(gpus(sink, row(60), "alpha", "waiting_construction"), 0);
  EXPECT_EQ(gpus(sink, row(60), "alpha", "waiting_land"), 400);
  EXPECT_EQ(gpus(sink, row(365), "alpha", "waiting_land"), 400);
  EXPECT_EQ(gpus(sink, row(365), "alpha", "operational"), 800);
  EXPECT_EQ(site_value(sink, "land_used_ha", row(365), "alpha"), 10);
  EXPECT_EQ(site_value(sink, "halls_ready", row(365), "alpha"), 2);
  const sim::StaticVariable* land = sink.find_static("site_land_ha");
  ASSERT_NE(land, nullptr);
  EXPECT_EQ(land->values.at(0), 10);
  const auto& site = out.headline.sites.at(0);
  using models::rollout::GpuState;
  using models::rollout::index;
  EXPECT_DOUBLE_EQ(site.gpu_days[index(GpuState::WaitingConstruction)], 100.0 * 8 * 50);
  EXPECT_DOUBLE_EQ(site.gpu_days[index(GpuState::WaitingLand)], 50.0 * 8 * (365 - 60));
  EXPECT_EQ(site.binding, models::rollout::Constraint::Land);
}

TEST(Land, MoreLandLetsTheOnDemandHallBeBuilt) {
  models::Scenario s = land_scenario();
  s.sites[0].land_ha = 13;
  sim::MemorySink sink;
  run(s, sink);
  // Committed demand (150 racks, counted at release on day 0) exceeds the racks of the started
  // halls (h1 + h2 = 100), so h3 starts on day 0 with h2 and both are ready on day 60.
  EXPECT_EQ(site_value(sink, "land_used_ha", row(0), "alpha"), 13);
  EXPECT_EQ(gpus(sink, row(10), "alpha", "waiting_construction"), 800);
  EXPECT_EQ(site_value(sink, "halls_ready", row(59), "alpha"), 1);
  EXPECT_EQ(site_value(sink, "halls_ready", row(60), "alpha"), 3);
  EXPECT_EQ(gpus(sink, row(60), "alpha", "waiting_construction"), 0);
  EXPECT_EQ(gpus(sink, row(60), "alpha", "waiting_land"), 0);
  EXPECT_EQ(gpus(sink, row(365), "alpha", "operational"), 1200);
}

TEST(Land, PlannedHallWithoutLandIsNeverBuilt) {
  models::Scenario s = land_scenario();
  s.sites[0].halls[2].start = models::HallStart::Planned;
  s.sites[0].halls[2].planned_start = sim::Date{2026, 1, 1};
  sim::MemorySink sink;
  run(s, sink);
  // h2 (4 ha) starts first and takes the land; h3 (3 ha) is blocked.
  EXPECT_EQ(site_value(sink, "land_used_ha", row(1), "alpha"), 10);
  EXPECT_EQ(site_value(sink, "halls_ready", row(365), "alpha"), 2);
  EXPECT_EQ(gpus(sink, row(365), "alpha", "waiting_land"), 400);
}

}  // namespace
