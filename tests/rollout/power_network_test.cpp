// A three-zone network with one bottleneck corridor; allocations computed by hand under each
// sharing policy.
//
//   zone A: headroom 100 MW    site s1 (A) requests 80 MW
//   zone B: headroom   0 MW    site s2 (B) requests 60 MW
//   zone C: headroom  50 MW    site s3 (C) requests 40 MW
//   corridors A-B 30 MW (the bottleneck), B-C 100 MW; site connections unlimited.
// Total request 180 MW > total headroom 150 MW.
#include "models/rollout/power_network.h"

#include <gtest/gtest.h>

namespace {

using models::PowerSharing;
using models::rollout::Milliwatts;
using models::rollout::PowerAllocation;
using models::rollout::PowerNetwork;
using models::rollout::to_milliwatts;
using models::rollout::to_mw;

using models::BackgroundPriority;
using models::rollout::NetworkElement;
using models::rollout::NetworkShape;

NetworkShape three_zone_shape() {
  NetworkShape shape;
  shape.zones = 3;
  shape.corridors = {{0, 1}, {1, 2}};
  shape.site_zone = {0, 1, 2};
  for (std::size_t s = 0; s < 3; ++s) {
    shape.feeders.push_back({s, -1});
    shape.loads.push_back({static_cast<int>(s), s});
  }
  return shape;
}

PowerNetwork three_zones(double headroom_a = 100) {
  PowerNetwork n(three_zone_shape());
  n.set_capacity(NetworkElement::ZoneSupply, 0, to_milliwatts(headroom_a));
  n.set_capacity(NetworkElement::ZoneSupply, 1, 0);
  n.set_capacity(NetworkElement::ZoneSupply, 2, to_milliwatts(50));
  n.set_capacity(NetworkElement::Corridor, 0, to_milliwatts(30));
  n.set_capacity(NetworkElement::Corridor, 1, to_milliwatts(100));
  for (std::size_t s = 0; s < 3; ++s) n.set_capacity(NetworkElement::Feeder, s, to_milliwatts(1000));
  return n;
}

PowerAllocation solve(PowerNetwork& n, const std::vector<Milliwatts>& request,
                      const std::vector<Milliwatts>& firm, PowerSharing policy,
                      const std::vector<std::size_t>& order,
                      BackgroundPriority background = BackgroundPriority::Ahead) {
  return n.solve(request, firm, policy, background, order);
}

std::vector<Milliwatts> mw(std::initializer_list<double> values) {
  std::vector<Milliwatts> out;
  for (double v : values) out.push_back(to_milliwatts(v));
  return out;
}

void expect_allocation(const PowerAllocation& a, std::initializer_list<double> expected) {
  ASSERT_EQ(a.load.size(), expected.size());
  std::size_t i = 0;
  for (double e : expected) {
    EXPECT_NEAR(to_mw(a.load[i]), e, 1e-6) << "site s" << (i + 1);
    ++i;
  }
}

const std::vector<Milliwatts> kRequest = mw({80, 60, 40});
const std::vector<Milliwatts> kNoFirm = mw({0, 0, 0});

TEST(PowerNetwork, ConnectionQueueServesInQueueOrder) {
  // s1 first: 80 from A (20 left in A). s2: 20 from A over A-B, 40 from C = 60. s3: C has 10 left.
  PowerNetwork n = three_zones();
  const PowerAllocation a = solve(n, kRequest, kNoFirm, PowerSharing::ConnectionQueue, {0, 1, 2});
  expect_allocation(a, {80, 60, 10});
  EXPECT_NEAR(to_mw(a.zone_supply[0]), 100, 1e-6);
  EXPECT_NEAR(to_mw(a.zone_supply[2]), 50, 1e-6);
  EXPECT_NEAR(to_mw(a.corridor_flow[0]), 20, 1e-6);   // A -> B
  EXPECT_NEAR(to_mw(a.corridor_flow[1]), -40, 1e-6);  // C -> B
}

TEST(PowerNetwork, PriorityListServesInListOrder) {
  // s3 first: 40 from C (10 left). s2: at most 30 over A-B plus C's 10 = 40. s1: A's 100 less the
  // 30 that s2 needs from it = 70.
  PowerNetwork n = three_zones();
  const PowerAllocation a = solve(n, kRequest, kNoFirm, PowerSharing::PriorityList, {2, 1, 0});
  expect_allocation(a, {70, 40, 40});
  EXPECT_NEAR(to_mw(a.corridor_flow[0]), 30, 1e-6);
}

TEST(PowerNetwork, ProRataIsMaxMinFair) {
  // Common fraction theta: the cut around {B, C} holds 50 (C) + 30 (A-B) = 80 for s2 + s3, so
  // theta <= 80 / (60 + 40) = 0.8 (the total, 150 / 180, allows 0.833). At theta = 0.8: s2 = 48,
  // s3 = 32, frozen. s1 then rises alone to A's 100 less the 30 sent to B: 70 (fraction 0.875).
  PowerNetwork n = three_zones();
  const PowerAllocation a = solve(n, kRequest, kNoFirm, PowerSharing::ProRata, {0, 1, 2});
  expect_allocation(a, {70, 48, 32});
}

TEST(PowerNetwork, ProRataKeepsFirmLoads) {
  // s1 already draws 75 (firm). Then A can send at most 25 to B: s2 + s3 <= 75, theta = 0.75:
  // s2 = 45, s3 = 30; s1 keeps 75.
  PowerNetwork n = three_zones();
  const PowerAllocation a = solve(n, kRequest, mw({75, 0, 0}), PowerSharing::ProRata, {0, 1, 2});
  expect_allocation(a, {75, 45, 30});
  EXPECT_FALSE(a.firm_cut);
}

TEST(PowerNetwork, QueueKeepsFirmLoadsOfLaterSites) {
  // s3 is last in the queue but already draws 40: s1 80, s2 gets 20 over A-B + C's 10 = 30.
  PowerNetwork n = three_zones();
  const PowerAllocation a = solve(n, kRequest, mw({0, 0, 40}), PowerSharing::ConnectionQueue, {0, 1, 2});
  expect_allocation(a, {80, 30, 40});
}

TEST(PowerNetwork, EverythingServedWhenNothingIsScarce) {
  PowerNetwork n = three_zones(1000);
  n.set_capacity(NetworkElement::ZoneSupply, 2, to_milliwatts(1000));
  const PowerAllocation a = solve(n, kRequest, kNoFirm, PowerSharing::ProRata, {0, 1, 2});
  expect_allocation(a, {80, 60, 40});
  EXPECT_EQ(a.max_flow_solves, 2);  // the deliverability test and the min-cost flow
}

TEST(PowerNetwork, ARepeatedSolveIsAnsweredFromThePreviousOneUntilACapacityChanges) {
  PowerNetwork n = three_zones();
  const PowerAllocation first = solve(n, kRequest, kNoFirm, PowerSharing::ConnectionQueue, {0, 1, 2});
  EXPECT_GT(first.max_flow_solves, 0);
  const PowerAllocation again = solve(n, kRequest, kNoFirm, PowerSharing::ConnectionQueue, {0, 1, 2});
  EXPECT_EQ(again.max_flow_solves, 0);
  EXPECT_EQ(n.repeated_solves(), 1);
  EXPECT_EQ(again.load, first.load);
  EXPECT_EQ(again.corridor_flow, first.corridor_flow);
  EXPECT_EQ(again.zone_supply, first.zone_supply);
  // Any input that differs is solved anew: the order, a request, the policy.
  expect_allocation(solve(n, kRequest, kNoFirm, PowerSharing::PriorityList, {2, 1, 0}), {70, 40, 40});
  // s3 30 from C (20 left); s2 30 over A-B and C's 20; s1 A's 100 less the 30 sent to B.
  expect_allocation(solve(n, mw({80, 60, 30}), kNoFirm, PowerSharing::PriorityList, {2, 1, 0}), {70, 50, 30});
  // Setting a capacity to its current value keeps the previous solve; a new value does not.
  n.set_capacity(NetworkElement::Corridor, 0, to_milliwatts(30));
  EXPECT_EQ(solve(n, mw({80, 60, 30}), kNoFirm, PowerSharing::PriorityList, {2, 1, 0}).max_flow_solves, 0);
  n.set_capacity(NetworkElement::ZoneSupply, 2, to_milliwatts(10));
  const PowerAllocation cut = solve(n, mw({80, 60, 30}), kNoFirm, PowerSharing::PriorityList, {2, 1, 0});
  EXPECT_GT(cut.max_flow_solves, 0);
  // C has 10: s3 takes them and 20 from A over A-B and B-C; s2 the 10 left on A-B; s1 70.
  expect_allocation(cut, {70, 10, 30});
  n.set_outage(NetworkElement::ZoneSupply, 0, to_milliwatts(40));
  EXPECT_GT(solve(n, mw({80, 60, 30}), kNoFirm, PowerSharing::PriorityList, {2, 1, 0}).max_flow_solves, 0);
  EXPECT_EQ(n.repeated_solves(), 2);
}

TEST(PowerNetwork, AHeadroomCutNeverDisconnectsFirmLoad) {
  // Headroom of A falls to 40 while s1 draws 80 firm. The network can bring s1 A's 40 plus 30
  // from C over B and A-B = 70; the other 10 are held over the limit (grandfathered), not cut.
  // New load gets only what is left: C's other 20 to s2, nothing to s3.
  PowerNetwork n = three_zones(40);
  const PowerAllocation a = solve(n, kRequest, mw({80, 0, 0}), PowerSharing::ConnectionQueue, {0, 1, 2});
  EXPECT_FALSE(a.firm_cut);
  expect_allocation(a, {80, 20, 0});
  EXPECT_NEAR(to_mw(a.held_over_limit[0]), 10, 1e-6);
  EXPECT_EQ(a.curtailed, mw({0, 0, 0}));
  EXPECT_NEAR(to_mw(a.zone_supply[0]), 40, 1e-6);  // supply never exceeds the headroom
}

TEST(PowerNetwork, OnlyAnOutageCurtailsFirmLoad) {
  // The same 60 MW lost in A, but as a physical outage: s1's firm 80 is shared down to the 70 the
  // network can carry and the cut is reported; s2 gets C's remaining 20.
  PowerNetwork n = three_zones(100);
  n.set_outage(NetworkElement::ZoneSupply, 0, to_milliwatts(60));
  const PowerAllocation a = solve(n, kRequest, mw({80, 0, 0}), PowerSharing::ConnectionQueue, {0, 1, 2});
  EXPECT_TRUE(a.firm_cut);
  expect_allocation(a, {70, 20, 0});
  EXPECT_NEAR(to_mw(a.curtailed[0]), 10, 1e-6);
  // The outage over: everything deliverable again.
  n.set_outage(NetworkElement::ZoneSupply, 0, 0);
  expect_allocation(solve(n, kRequest, mw({80, 0, 0}), PowerSharing::ConnectionQueue, {0, 1, 2}),
                    {80, 60, 10});
}

TEST(PowerNetwork, ConnectionCapacityLimitsASite) {
  PowerNetwork n = three_zones(1000);
  n.set_capacity(NetworkElement::ZoneSupply, 2, to_milliwatts(1000));
  n.set_capacity(NetworkElement::Feeder, 0, to_milliwatts(25));
  const PowerAllocation a = solve(n, kRequest, kNoFirm, PowerSharing::ConnectionQueue, {0, 1, 2});
  expect_allocation(a, {25, 60, 40});
}

}  // namespace
