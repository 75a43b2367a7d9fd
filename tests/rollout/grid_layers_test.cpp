// The layered grid on hand-computed mini networks and runs: a local network that imports must
// pass, substations shared by connections, N-1 margins, min-cost flows, each connection at its
// own place in the queue, contracted capacity, staged supply and background load.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "models/rollout/power_network.h"
#include "scenario_builder.h"

namespace {

using namespace rollout_test;
using models::BackgroundPriority;
using models::PowerSharing;
using models::rollout::Milliwatts;
using models::rollout::NetworkElement;
using models::rollout::NetworkShape;
using models::rollout::PowerAllocation;
using models::rollout::PowerNetwork;
using models::rollout::to_milliwatts;
using models::rollout::to_mw;

// Zones X (0), Y (1), Z (2); corridors Y-X (cost 1), Z-X (cost 2), Y-Z (cost 1); one site in X.
PowerNetwork capital_with_two_exporters(double supply_x, double limit_yx, double limit_zx,
                                        double local_x = -1) {
  NetworkShape shape;
  shape.zones = 3;
  shape.corridors = {{1, 0}, {2, 0}, {1, 2}};
  shape.corridor_cost = {1, 2, 1};
  shape.site_zone = {0};
  shape.feeders = {{0, -1}};
  shape.loads = {{0, 0}};
  PowerNetwork n(shape);
  n.set_capacity(NetworkElement::ZoneSupply, 0, to_milliwatts(supply_x));
  n.set_capacity(NetworkElement::ZoneSupply, 1, to_milliwatts(100));
  n.set_capacity(NetworkElement::ZoneSupply, 2, to_milliwatts(100));
  if (local_x >= 0) n.set_capacity(NetworkElement::ZoneLocal, 0, to_milliwatts(local_x));
  n.set_capacity(NetworkElement::Corridor, 0, to_milliwatts(limit_yx));
  n.set_capacity(NetworkElement::Corridor, 1, to_milliwatts(limit_zx));
  n.set_capacity(NetworkElement::Corridor, 2, to_milliwatts(100));
  n.set_capacity(NetworkElement::Feeder, 0, to_milliwatts(1000));
  return n;
}

PowerAllocation solve_one(PowerNetwork& n, double request_mw) {
  return n.solve({to_milliwatts(request_mw)}, {0}, PowerSharing::ConnectionQueue, BackgroundPriority::Ahead,
                 {0});
}

TEST(GridLayers, MinCostFlowPrefersLocalSupplyThenTheCheapestImport) {
  // 50 MW in X: X's own 10 first; the other 40 over Y-X (cost 1), not Z-X (cost 2) nor Y-Z-X (3).
  PowerNetwork n = capital_with_two_exporters(10, 100, 100);
  const PowerAllocation a = solve_one(n, 50);
  EXPECT_EQ(a.load[0], to_milliwatts(50));
  EXPECT_EQ(a.zone_supply, (std::vector<Milliwatts>{to_milliwatts(10), to_milliwatts(40), 0}));
  EXPECT_EQ(a.corridor_flow, (std::vector<Milliwatts>{to_milliwatts(40), 0, 0}));
  // Y-X limited to 25: the other 15 come over Z-X directly (cost 2 < 1 + 2 via Y-Z-X).
  PowerNetwork m = capital_with_two_exporters(10, 25, 100);
  const PowerAllocation b = solve_one(m, 50);
  EXPECT_EQ(b.zone_supply,
            (std::vector<Milliwatts>{to_milliwatts(10), to_milliwatts(25), to_milliwatts(15)}));
  EXPECT_EQ(b.corridor_flow, (std::vector<Milliwatts>{to_milliwatts(25), to_milliwatts(15), 0}));
}

TEST(GridLayers, ImportsAreBlockedByTheLocalNetwork) {
  // X has no supply of its own and a local network of 30 MW: 200 MW could be imported, but the
  // site gets 30, all imported over Y-X.
  PowerNetwork n = capital_with_two_exporters(0, 100, 100, 30);
  const PowerAllocation a = solve_one(n, 60);
  EXPECT_EQ(a.load[0], to_milliwatts(30));
  EXPECT_EQ(a.zone_local[0], to_milliwatts(30));
  EXPECT_EQ(a.corridor_flow[0], to_milliwatts(30));
  EXPECT_EQ(a.zone_supply[0], 0);
}

TEST(GridLayers, SecurityMarginIsHeldBackFromACorridor) {
  // A run: X has no headroom; Y-X is 100 MW with a 40 MW N-1 margin, so 60 MW can come in.
  models::Scenario s = base_scenario();
  s.zones = {zone("x", 0), zone("y", 500)};
  s.corridors = {{"y-x", "y", "x", 100, 40}};
  models::Site st = site("alpha", "x", 100);
  st.halls.push_back(existing_hall("h", 200, 2000));
  s.sites.push_back(st);
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(1), "alpha"), 60.0);
  EXPECT_DOUBLE_EQ(sink.series("corridor_flow_mw", row(1))[0], 60.0);
}

// Two sites in zone x, connections applied on 2026-01-01 with a 10-day lead, both fed by the
// substation "sub" (planned 2026-03-01 = day 59, slip fixed at 60 days -> day 119).
models::Scenario substation_scenario(double substation_mw) {
  models::Scenario s = base_scenario();
  s.zones = {zone("x", 1000)};
  models::Substation sub;
  sub.name = "sub";
  sub.zone = "x";
  sub.capacity_mw = substation_mw;
  sub.energised = sim::Date{2026, 3, 1};
  sub.delay_days = models::Distribution::fixed(60);
  s.substations = {sub};
  for (const char* name : {"alpha", "beta"}) {
    models::Site st = site(name, "x", 10);
    st.connections[0].connected_at_start = false;
    st.connections[0].applied = {2026, 1, 1};
    st.connections[0].lead_days = models::Distribution::fixed(10);
    st.connections[0].substation = "sub";
    s.sites.push_back(st);
  }
  s.sites[1].connections[0].applied = {2026, 1, 2};  // beta applied a day later
  return s;
}

TEST(GridLayers, TwoSitesOnOneSubstationSlipTogether) {
  sim::MemorySink sink;
  run(substation_scenario(100), sink);
  for (const char* name : {"alpha", "beta"}) {
    EXPECT_EQ(site_value(sink, "grid_connected_mw", row(118), name), 0) << name;
    EXPECT_EQ(site_value(sink, "grid_connected_mw", row(119), name), 10) << name;
    EXPECT_EQ(site_value(sink, "grid_allocated_mw", row(119), name), 10) << name;
  }
}

TEST(GridLayers, ASubstationLimitsTheConnectionsItFeedsInQueueOrder) {
  // 15 MW less a 3 MW N-1 margin = 12 MW for two 10 MW contracts: alpha (applied first) 10,
  // beta the other 2.
  models::Scenario s = substation_scenario(15);
  s.substations[0].security_margin_mw = 3;
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(119), "alpha"), 10.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(119), "beta"), 2.0);
}

TEST(GridLayers, QueueOrderIsEachConnectionsOwnDate) {
  // Zone headroom 0 until +50 MW on day 100. alpha's first connection (20 MW) applied 2020,
  // its second (20 MW) 2024; beta's (20 MW) 2023. All energised at the start, so when the 50 MW
  // arrive the contracts are served in application order: alpha-1 20, beta 20, alpha-2 10.
  models::Scenario s = base_scenario();
  s.zones = {zone("x", 0)};
  models::Reinforcement r;
  r.name = "plus-50";
  r.date = {2026, 4, 11};  // day 100
  r.zone = "x";
  r.added_mw = 50;
  s.reinforcements = {r};
  models::Site alpha = site("alpha", "x", 20);
  alpha.connections[0].applied = {2020, 1, 1};
  alpha.connections.push_back(alpha.connections[0]);
  alpha.connections[1].applied = {2024, 1, 1};
  alpha.connections[0].connected_at_start = alpha.connections[1].connected_at_start = false;
  for (auto& c : alpha.connections) c.lead_days = models::Distribution::fixed(0);
  models::Site beta = site("beta", "x", 20);
  beta.connections[0].applied = {2023, 1, 1};
  beta.connections[0].connected_at_start = false;
  beta.connections[0].lead_days = models::Distribution::fixed(0);
  s.sites = {alpha, beta};
  s.assessment_threshold_mw = 1000;
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_connected_mw", row(1), "alpha"), 40.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(99), "alpha"), 0.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(100), "alpha"), 30.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(100), "beta"), 20.0);
}

// alpha holds a 40 MW contract energised at the start and houses nothing; beta's 20 MW
// connection is energised on day 30 and it houses 160 units (20 MW of facility power). Zone
// headroom 50 MW.
models::Scenario contract_scenario(models::PowerReservation reservation) {
  models::Scenario s = base_scenario();
  s.power_reservation = reservation;
  s.zones = {zone("x", 50)};
  s.sites.push_back(site("alpha", "x", 40));
  models::Site beta = site("beta", "x", 20);
  beta.connections[0].connected_at_start = false;
  beta.connections[0].applied = {2026, 1, 1};
  beta.connections[0].lead_days = models::Distribution::fixed(30);
  beta.install_crews = 100;
  beta.halls.push_back(existing_hall("h", 100, 1000));
  s.sites.push_back(beta);
  s.orders.push_back(order("o", "beta", {2026, 1, 1}, 160));
  s.assessment_threshold_mw = 1000;
  return s;
}

TEST(GridLayers, ContractedCapacityConsumesHeadroom) {
  // Contracted: alpha's idle 40 MW are reserved, beta gets the other 10 MW: 80 units.
  sim::MemorySink sink;
  run(contract_scenario(models::PowerReservation::Contracted), sink);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(40), "alpha"), 40.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(40), "beta"), 10.0);
  EXPECT_EQ(gpus(sink, row(60), "beta", "operational"), 8 * 80);
  EXPECT_EQ(gpus(sink, row(60), "beta", "waiting_power"), 8 * 80);
  // Housed (the former behaviour): alpha houses nothing, so beta gets its 20 MW.
  sim::MemorySink housed;
  run(contract_scenario(models::PowerReservation::Housed), housed);
  EXPECT_DOUBLE_EQ(site_value(housed, "grid_allocated_mw", row(40), "alpha"), 0.0);
  EXPECT_DOUBLE_EQ(site_value(housed, "grid_allocated_mw", row(40), "beta"), 20.0);
  EXPECT_EQ(gpus(housed, row(60), "beta", "operational"), 8 * 160);
}

TEST(GridLayers, StagedSupplyEnergisesTranches) {
  // 30 MW in 3 tranches 100 days apart from day 0: 10, 20, 30 MW.
  models::Scenario s = base_scenario();
  s.zones = {zone("x", 1000)};
  models::Site st = site("alpha", "x", 30);
  st.connections[0].tranches = 3;
  st.connections[0].tranche_interval_days = 100;
  s.sites.push_back(st);
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_connected_mw", row(99), "alpha"), 10.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_connected_mw", row(100), "alpha"), 20.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_connected_mw", row(200), "alpha"), 30.0);
}

// Zone x: 100 MW of supply. alpha's 50 MW contract energised at the start; background load of
// 70 MW from day 50; beta's 20 MW connection energised on day 60.
models::Scenario background_scenario(BackgroundPriority priority) {
  models::Scenario s = base_scenario();
  s.background_priority = priority;
  models::GridZone x = zone("x", 100);
  x.background_load = {{{2026, 2, 20}, 70}};  // day 50
  s.zones = {x};
  s.sites.push_back(site("alpha", "x", 50));
  models::Site beta = site("beta", "x", 20);
  beta.connections[0].connected_at_start = false;
  beta.connections[0].applied = {2026, 1, 1};
  beta.connections[0].lead_days = models::Distribution::fixed(60);
  s.sites.push_back(beta);
  s.assessment_threshold_mw = 1000;
  return s;
}

TEST(GridLayers, BackgroundLoadBlocksNewLoadButNotEnergisedLoad) {
  // Ahead: alpha keeps its 50; the background takes the other 50 of its 70; beta gets nothing.
  sim::MemorySink sink;
  run(background_scenario(BackgroundPriority::Ahead), sink);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(60), "alpha"), 50.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(60), "beta"), 0.0);
  EXPECT_DOUBLE_EQ(sink.series("zone_background_load_mw", row(49))[0], 0.0);
  EXPECT_DOUBLE_EQ(sink.series("zone_background_load_mw", row(60))[0], 70.0);
  EXPECT_DOUBLE_EQ(sink.series("zone_background_served_mw", row(60))[0], 50.0);
  // Behind: beta's 20 come first, the background gets the last 30.
  sim::MemorySink behind;
  run(background_scenario(BackgroundPriority::Behind), behind);
  EXPECT_DOUBLE_EQ(site_value(behind, "grid_allocated_mw", row(60), "beta"), 20.0);
  EXPECT_DOUBLE_EQ(behind.series("zone_background_served_mw", row(60))[0], 30.0);
}

TEST(GridLayers, BackgroundGrowthBeyondTheHeadroomLeavesEnergisedLoadRunning) {
  // 150 MW of background on 100 MW of supply: alpha's 50 MW stay energised (the supply is not
  // exceeded: the background gets 50), nothing is curtailed or held over the limit.
  models::Scenario s = background_scenario(BackgroundPriority::Ahead);
  s.zones[0].background_load[0].load_mw = 150;
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(100), "alpha"), 50.0);
  EXPECT_DOUBLE_EQ(sink.series("zone_background_served_mw", row(100))[0], 50.0);
  EXPECT_DOUBLE_EQ(sink.series("zone_curtailed_mw", row(100))[0], 0.0);
}

TEST(GridLayers, OutageCurtailmentIsRecorded) {
  // Supply 60 MW, no background; a 30 MW outage of the zone supply on days 50-60.
  models::Scenario s = background_scenario(BackgroundPriority::Ahead);
  s.zones[0].background_load.clear();
  s.zones[0].headroom_mw = 60;
  models::Outage o;
  o.name = "trip";
  o.start = {2026, 2, 20};  // day 50
  o.duration_days = models::Distribution::fixed(10);
  o.zone = "x";
  o.lost_mw = 30;
  s.outages = {o};
  sim::MemorySink sink;
  run(s, sink);
  // Before: alpha 50, beta not yet energised. During: 30 MW of supply for alpha's 50 firm: 20 cut.
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(49), "alpha"), 50.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(55), "alpha"), 30.0);
  EXPECT_DOUBLE_EQ(sink.series("zone_curtailed_mw", row(55))[0], 20.0);
  // After (day 60, beta energised too): alpha's contract back first, beta the remaining 10.
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(61), "alpha"), 50.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(61), "beta"), 10.0);
  EXPECT_DOUBLE_EQ(sink.series("zone_curtailed_mw", row(61))[0], 0.0);
}

// Zones x and y with a 100 MW corridor y-x; each has a site with an energised firm load and a
// background load. `x_first` lists x as zone 0 (as the capital is listed first), otherwise y.
//   x: supply 100 MW, alpha firm 30 MW, background 150 MW
//   y: supply  80 MW, beta  firm 20 MW, background  50 MW
// By hand: the firm loads take their own zones' supply (alpha 30 of x, beta 20 of y); y's
// background takes 50 of y's remaining 60, x's takes x's remaining 70; y's last 10 MW are
// exported: x's background 80 of 150, y's 50 of 50, corridor y->x 10 MW.
// (Served in list order as before, x first would import 60 MW and leave y's background 0.)
struct TwoZoneResult {
  Milliwatts alpha, beta, background_x, background_y, supply_x, supply_y, import_x;
};

TwoZoneResult two_zones_with_background(bool x_first, BackgroundPriority priority) {
  const std::size_t x = x_first ? 0 : 1, y = x_first ? 1 : 0;
  NetworkShape shape;
  shape.zones = 2;
  shape.corridors = {{y, x}};
  shape.site_zone = {x, y};  // alpha, beta
  shape.feeders = {{0, -1}, {1, -1}};
  // alpha, beta, then the background loads in zone order
  shape.loads = {{0, x}, {1, y}, {-1, 0}, {-1, 1}};
  PowerNetwork n(shape);
  n.set_capacity(NetworkElement::ZoneSupply, x, to_milliwatts(100));
  n.set_capacity(NetworkElement::ZoneSupply, y, to_milliwatts(80));
  n.set_capacity(NetworkElement::Corridor, 0, to_milliwatts(100));
  n.set_capacity(NetworkElement::Feeder, 0, to_milliwatts(1000));
  n.set_capacity(NetworkElement::Feeder, 1, to_milliwatts(1000));
  std::vector<Milliwatts> request(4), firm(4, 0);
  request[0] = firm[0] = to_milliwatts(30);
  request[1] = firm[1] = to_milliwatts(20);
  request[2 + x] = to_milliwatts(150);
  request[2 + y] = to_milliwatts(50);
  const PowerAllocation a = n.solve(request, firm, PowerSharing::ConnectionQueue, priority, {0, 1});
  return {a.load[0],        a.load[1],        a.load[2 + x],     a.load[2 + y],
          a.zone_supply[x], a.zone_supply[y], a.corridor_flow[0]};
}

TEST(GridLayers, EachZonesBackgroundIsServedFromItsOwnSupplyBeforeExports) {
  for (const BackgroundPriority priority : {BackgroundPriority::Ahead, BackgroundPriority::Behind}) {
    const TwoZoneResult r = two_zones_with_background(true, priority);
    EXPECT_EQ(r.alpha, to_milliwatts(30));
    EXPECT_EQ(r.beta, to_milliwatts(20));
    EXPECT_EQ(r.background_x, to_milliwatts(80));
    EXPECT_EQ(r.background_y, to_milliwatts(50));
    EXPECT_EQ(r.supply_x, to_milliwatts(100));
    EXPECT_EQ(r.supply_y, to_milliwatts(80));
    EXPECT_EQ(r.import_x, to_milliwatts(10));  // the corridor is listed y -> x
  }
}

TEST(GridLayers, BackgroundAllocationDoesNotDependOnTheOrderOfZones) {
  for (const BackgroundPriority priority : {BackgroundPriority::Ahead, BackgroundPriority::Behind}) {
    const TwoZoneResult a = two_zones_with_background(true, priority);
    const TwoZoneResult b = two_zones_with_background(false, priority);
    EXPECT_EQ(a.alpha, b.alpha);
    EXPECT_EQ(a.beta, b.beta);
    EXPECT_EQ(a.background_x, b.background_x);
    EXPECT_EQ(a.background_y, b.background_y);
    EXPECT_EQ(a.supply_x, b.supply_x);
    EXPECT_EQ(a.supply_y, b.supply_y);
    EXPECT_EQ(a.import_x, b.import_x);
  }
}

// Two zones short of supply import from a third, over corridors of different cost, in each of
// the six orders of the zones. By hand: a (supply 50, background 100) and b (supply 0,
// background 100) import from c (supply 70, no load): b's background rises alone to a's own
// fraction 1/2 (50 MW), then both to 60 MW (theta = 0.6: 100 theta - 50 + 100 theta = 70).
TEST(GridLayers, ImportsForBackgroundAreSharedMaxMinFairInEveryOrderOfZones) {
  std::vector<std::size_t> perm = {0, 1, 2};  // perm[k]: position of zone k (a, b, c) in the list
  do {
    const std::size_t a = perm[0], b = perm[1], c = perm[2];
    NetworkShape shape;
    shape.zones = 3;
    shape.corridors = {{c, a}, {c, b}};
    shape.corridor_cost = {1, 2};
    shape.loads = {{-1, a}, {-1, b}};
    PowerNetwork n(shape);
    n.set_capacity(NetworkElement::ZoneSupply, a, to_milliwatts(50));
    n.set_capacity(NetworkElement::ZoneSupply, b, 0);
    n.set_capacity(NetworkElement::ZoneSupply, c, to_milliwatts(70));
    n.set_capacity(NetworkElement::Corridor, 0, to_milliwatts(1000));
    n.set_capacity(NetworkElement::Corridor, 1, to_milliwatts(1000));
    const PowerAllocation r = n.solve({to_milliwatts(100), to_milliwatts(100)}, {0, 0},
                                      PowerSharing::ConnectionQueue, BackgroundPriority::Ahead, {});
    const std::string order = std::to_string(a) + std::to_string(b) + std::to_string(c);
    EXPECT_EQ(r.load[0], to_milliwatts(60)) << order;
    EXPECT_EQ(r.load[1], to_milliwatts(60)) << order;
    EXPECT_EQ(r.corridor_flow, (std::vector<Milliwatts>{to_milliwatts(10), to_milliwatts(60)})) << order;
  } while (std::next_permutation(perm.begin(), perm.end()));
}

// A run with two zones in both orders of `zones:` (x: supply 100 MW, alpha's 30 MW contract,
// background 150 MW from day 10; y: supply 80 MW, beta's 20 MW, background 50 MW from day 10;
// corridor y-x 100 MW): the hand-computed figures of the network test above, in both orders.
TEST(GridLayers, ARunsBackgroundServedDoesNotDependOnTheOrderOfZones) {
  for (const bool x_first : {true, false}) {
    models::Scenario s = base_scenario();
    models::GridZone x = zone("x", 100), y = zone("y", 80);
    x.background_load = {{{2026, 1, 11}, 150}};
    y.background_load = {{{2026, 1, 11}, 50}};
    s.zones = x_first ? std::vector<models::GridZone>{x, y} : std::vector<models::GridZone>{y, x};
    s.corridors = {{"y-x", "y", "x", 100}};
    s.sites = {site("alpha", "x", 30), site("beta", "y", 20)};
    sim::MemorySink sink;
    run(s, sink);
    const std::size_t ix = x_first ? 0 : 1, iy = x_first ? 1 : 0;
    const std::string order = x_first ? "x first" : "y first";
    EXPECT_DOUBLE_EQ(sink.series("zone_background_served_mw", row(20))[ix], 80.0) << order;
    EXPECT_DOUBLE_EQ(sink.series("zone_background_served_mw", row(20))[iy], 50.0) << order;
    EXPECT_DOUBLE_EQ(sink.series("corridor_flow_mw", row(20))[0], 10.0) << order;
    EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(20), "alpha"), 30.0) << order;
    EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(20), "beta"), 20.0) << order;
  }
}

// Per-substation output on substation_scenario: "sub" 15 MW less a 3 MW N-1 margin = 12 MW,
// energised on day 119 (2026-04-30), feeding alpha's 10 MW connection and beta's second one
// (10 MW); beta's first connection (10 MW, connected at the start) is fed from the zone's local
// network. By hand, from day 119: contracted 20 MW through the substation; beta's local contract
// is served first (it is older), then alpha 10 and beta 2 of the 12 MW through "sub"; the draw
// through it is alpha's whole draw plus 2/12 of beta's.
TEST(GridLayers, PerSubstationSeriesAndTotals) {
  models::Scenario s = substation_scenario(15);
  s.substations[0].security_margin_mw = 3;
  models::Site& beta = s.sites[1];
  models::GridConnection local = site("x", "x", 10).connections[0];  // connected at the start
  beta.connections.insert(beta.connections.begin(), local);
  for (models::Site& st : s.sites) {
    st.halls.push_back(existing_hall("h", 100, 1000));
    s.orders.push_back(order("o-" + st.name, st.name, {2026, 1, 1}, 40));
  }
  sim::MemorySink sink;
  const models::rollout::RunOutput out = run(s, sink);
  const auto sub = [&](const char* name, int day) { return sink.series(name, row(day))[0]; };
  EXPECT_DOUBLE_EQ(sub("substation_capacity_mw", 118), 0.0);
  EXPECT_DOUBLE_EQ(sub("substation_contracted_mw", 118), 0.0);
  EXPECT_DOUBLE_EQ(sub("substation_allocated_mw", 118), 0.0);
  EXPECT_DOUBLE_EQ(sub("substation_capacity_mw", 119), 12.0);
  EXPECT_DOUBLE_EQ(sub("substation_contracted_mw", 119), 20.0);
  EXPECT_DOUBLE_EQ(sub("substation_allocated_mw", 119), 12.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(119), "alpha"), 10.0);
  EXPECT_DOUBLE_EQ(site_value(sink, "grid_allocated_mw", row(119), "beta"), 12.0);
  for (const int day : {118, 200, 300}) {
    const double alpha_draw = site_value(sink, "power_draw_mw", row(day), "alpha");
    const double beta_draw = site_value(sink, "power_draw_mw", row(day), "beta");
    const double beta_share = day >= 119 ? 2.0 / 12.0 : 0.0;  // before: beta's draw is all local
    if (day >= 200) {
      EXPECT_GT(alpha_draw, 0.0) << day;  // both sites run hardware by then
      EXPECT_GT(beta_draw, 0.0) << day;
    }
    EXPECT_NEAR(sub("substation_draw_mw", day), alpha_draw + beta_share * beta_draw, 1e-9) << day;
  }
  // The totals in the headline and the run file's statics.
  ASSERT_EQ(out.headline.substations.size(), 1u);
  const models::rollout::Headline::Substation& h = out.headline.substations[0];
  EXPECT_DOUBLE_EQ(h.energised_days, 119.0);
  EXPECT_DOUBLE_EQ(h.capacity_end_mw, 12.0);
  EXPECT_DOUBLE_EQ(h.contracted_end_mw, 20.0);
  EXPECT_DOUBLE_EQ(h.peak_allocated_mw, 12.0);
  const sim::StaticVariable* peak = sink.find_static("substation_peak_allocated_mw");
  ASSERT_NE(peak, nullptr);
  EXPECT_EQ(peak->values, std::vector<double>{12.0});
  const sim::StaticVariable* energised = sink.find_static("substation_energised");
  ASSERT_NE(energised, nullptr);
  EXPECT_EQ(energised->values, std::vector<double>{119.0});
}

// A substation never energised within the horizon has no energisation date (NaN, "never").
TEST(GridLayers, ASubstationEnergisedAfterTheHorizonHasNoDate) {
  models::Scenario s = substation_scenario(15);
  s.substations[0].energised = sim::Date{2030, 1, 1};
  sim::MemorySink sink;
  const models::rollout::RunOutput out = run(s, sink);
  ASSERT_EQ(out.headline.substations.size(), 1u);
  EXPECT_TRUE(std::isnan(out.headline.substations[0].energised_days));
  EXPECT_DOUBLE_EQ(out.headline.substations[0].peak_allocated_mw, 0.0);
  EXPECT_DOUBLE_EQ(out.headline.substations[0].capacity_end_mw, 0.0);
}

}  // namespace
