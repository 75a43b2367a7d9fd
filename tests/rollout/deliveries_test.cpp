// Deliveries: release, export-licence holds and transit, by hand.
#include "models/rollout/deliveries.h"

#include <gtest/gtest.h>

#include "models/rollout/catalogue.h"
#include "scenario_builder.h"

namespace {

using namespace rollout_test;

models::Scenario hold_scenario(double probability) {
  models::Scenario s = base_scenario();
  s.buyers.push_back({"corp", ""});
  s.zones.push_back(zone("z", 100));
  models::Site st = site("alpha", "z", 100);
  st.halls.push_back(existing_hall("h1", 50, 500));
  s.sites.push_back(st);
  models::Order gov = order("gov-order", "alpha", {2026, 1, 15}, 10);
  gov.schedule.push_back({{2026, 2, 10}, 10});  // inside the hold window
  s.orders.push_back(gov);
  s.orders.push_back(order("corp-order", "alpha", {2026, 2, 10}, 10, "corp"));
  models::ExportHold hold;
  hold.name = "licence-review";
  hold.start = {2026, 2, 1};
  hold.duration_days = models::Distribution::fixed(30);  // until 2026-03-03
  hold.probability = probability;
  hold.buyers = {"gov"};
  s.export_holds.push_back(hold);
  s.logistics.transit_days = models::Distribution::fixed(20);
  return s;
}

TEST(Deliveries, HoldDelaysOnlyTheNamedBuyersShipmentsInsideTheWindow) {
  const models::Scenario s = hold_scenario(1.0);
  const models::rollout::Catalogue c(s);
  sim::Simulation sim({s.seed, 0, s.start});
  const auto holds = models::rollout::draw_hold_windows(c, sim);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_TRUE(holds[0].active);
  const auto plans = models::rollout::plan_shipments(c, holds, sim);
  ASSERT_EQ(plans.size(), 3u);
  // gov 2026-01-15 (day 14): before the hold; arrives day 34.
  EXPECT_EQ(plans[0].release, sim::days(14));
  EXPECT_EQ(plans[0].held_until, sim::days(14));
  EXPECT_EQ(plans[0].arrival, sim::days(34));
  // gov 2026-02-10 (day 40): held until day 31 + 30 = 61; arrives day 81.
  EXPECT_EQ(plans[1].release, sim::days(40));
  EXPECT_EQ(plans[1].held_until, sim::days(61));
  EXPECT_EQ(plans[1].arrival, sim::days(81));
  // corp 2026-02-10: not covered; arrives day 60.
  EXPECT_EQ(plans[2].held_until, sim::days(40));
  EXPECT_EQ(plans[2].arrival, sim::days(60));
}

TEST(Deliveries, HoldWithProbabilityZeroNeverHolds) {
  const models::Scenario s = hold_scenario(0.0);
  const models::rollout::Catalogue c(s);
  sim::Simulation sim({s.seed, 0, s.start});
  const auto plans = models::rollout::plan_shipments(c, models::rollout::draw_hold_windows(c, sim), sim);
  EXPECT_EQ(plans[1].held_until, plans[1].release);
}

TEST(Deliveries, HeldGpusAreCountedAsHeldInTheRun) {
  sim::MemorySink sink;
  run(hold_scenario(1.0), sink);
  EXPECT_EQ(gpus(sink, row(39), "alpha", "on_order"), 160);  // gov line 2 + corp
  EXPECT_EQ(gpus(sink, row(40), "alpha", "held"), 80);
  EXPECT_EQ(gpus(sink, row(40), "alpha", "in_transit"), 80);  // corp
  EXPECT_EQ(gpus(sink, row(60), "alpha", "held"), 80);
  EXPECT_EQ(gpus(sink, row(61), "alpha", "held"), 0);
  EXPECT_EQ(gpus(sink, row(61), "alpha", "in_transit"), 80);
  EXPECT_EQ(gpus(sink, row(80), "alpha", "in_transit"), 80);
  EXPECT_EQ(gpus(sink, row(81), "alpha", "in_transit"), 0);
}

TEST(Deliveries, TransitDrawsArePerOrderStream) {
  // Making the transit stochastic draws one value per shipment from the order's own stream:
  // adding another order leaves the first order's arrivals unchanged.
  models::Scenario s = hold_scenario(0.0);
  s.logistics.transit_days = {models::Distribution::Kind::Uniform, 10, 40, 0};
  const models::rollout::Catalogue c1(s);
  sim::Simulation sim({s.seed, 0, s.start});
  const auto a = models::rollout::plan_shipments(c1, {}, sim);
  s.orders.insert(s.orders.begin(), order("another", "alpha", {2026, 1, 1}, 5));
  const models::rollout::Catalogue c2(s);
  const auto b = models::rollout::plan_shipments(c2, {}, sim);
  ASSERT_EQ(b.size(), a.size() + 1);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].arrival, b[i + 1].arrival);
  EXPECT_NE(a[0].arrival - a[0].release, a[1].arrival - a[1].release);
}

}  // namespace
