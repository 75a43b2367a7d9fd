// The invariant checker names the invariant, the entity, the date and the values.
#include "models/rollout/invariants.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using models::rollout::GpuState;
using models::rollout::index;
using models::rollout::InvariantChecker;
using models::rollout::InvariantViolation;
using models::rollout::Snapshot;

Snapshot good() {
  Snapshot s;
  s.time = sim::days(31) + sim::hours(6);  // 2026-02-01 06:00
  models::rollout::SiteSample site;
  site.name = "alpha";
  site.gpus_ordered = 100;
  site.gpus[index(GpuState::Operational)] = 60;
  site.gpus[index(GpuState::WaitingPower)] = 40;
  site.power_demand_mw = 1;
  site.power_allocated_mw = 1;
  site.grid_allocated_mw = 1;
  site.grid_connected_mw = 5;
  site.land_ha = 2;
  site.land_used_ha = 1;
  site.energy_mwh = 10;
  s.sites.push_back(site);
  s.zones.push_back({"capital", 5, 1, 1});
  s.corridors.push_back({"east-west", 2, -1.5});
  return s;
}

std::string violation(const Snapshot& s, const std::string& invariant) {
  InvariantChecker checker(sim::Calendar({2026, 1, 1}));
  try {
    checker.check(s);
  } catch (const InvariantViolation& e) {
    EXPECT_EQ(e.invariant(), invariant);
    return e.what();
  }
  ADD_FAILURE() << "expected a violation of " << invariant;
  return "";
}

TEST(Invariants, AGoodSnapshotPasses) {
  InvariantChecker checker(sim::Calendar({2026, 1, 1}));
  EXPECT_NO_THROW(checker.check(good()));
}

TEST(Invariants, ConservationNamesSiteDateAndValues) {
  Snapshot s = good();
  s.sites[0].gpus[index(GpuState::Operational)] = 59;
  const std::string m = violation(s, "conservation");
  EXPECT_NE(m.find("site 'alpha'"), std::string::npos) << m;
  EXPECT_NE(m.find("2026-02-01 06:00:00"), std::string::npos) << m;
  EXPECT_NE(m.find("99"), std::string::npos) << m;
  EXPECT_NE(m.find("100 ordered"), std::string::npos) << m;
}

TEST(Invariants, NegativeCountIsAConservationViolation) {
  Snapshot s = good();
  s.sites[0].gpus[index(GpuState::Operational)] = 101;
  s.sites[0].gpus[index(GpuState::WaitingPower)] = -1;
  EXPECT_NE(violation(s, "conservation").find("waiting_power"), std::string::npos);
}

TEST(Invariants, PowerAndLandLimits) {
  Snapshot s = good();
  s.sites[0].power_demand_mw = 1.5;
  EXPECT_NE(violation(s, "facility_power").find("1.500000 MW > allocated 1.000000 MW"), std::string::npos);
  s = good();
  s.zones[0].supply_mw = 6;
  EXPECT_NE(violation(s, "zone_headroom").find("zone 'capital'"), std::string::npos);
  s = good();
  s.corridors[0].flow_mw = -2.5;
  EXPECT_NE(violation(s, "corridor_limit").find("corridor 'east-west'"), std::string::npos);
  s = good();
  s.sites[0].grid_allocated_mw = 6;
  s.sites[0].power_allocated_mw = 6;
  violation(s, "connection");
  s = good();
  s.sites[0].land_used_ha = 2.5;
  violation(s, "land");
}

TEST(Invariants, NonFiniteValues) {
  Snapshot s = good();
  s.sites[0].compute_pflops = std::nan("");
  violation(s, "finite");
}

TEST(Invariants, CumulativeCountersNeverDecrease) {
  InvariantChecker checker(sim::Calendar({2026, 1, 1}));
  Snapshot s = good();
  checker.check(s);
  s.time += sim::days(1);
  s.sites[0].energy_mwh = 9;
  try {
    checker.check(s);
    ADD_FAILURE() << "expected a violation";
  } catch (const InvariantViolation& e) {
    EXPECT_EQ(e.invariant(), "monotone");
    EXPECT_NE(std::string(e.what()).find("energy_mwh fell from 10 to 9"), std::string::npos) << e.what();
  }
}

}  // namespace
