// Same scenario and seed give bit-identical output; streams keyed by names mean that adding a
// site (in a zone of its own) leaves every other site's results unchanged.
#include <gtest/gtest.h>

#include "scenario_builder.h"

namespace {

using namespace rollout_test;

models::Site stochastic_site(const std::string& name, const std::string& zone_name) {
  models::Site st = site(name, zone_name, 1000);
  st.burn_in_days = {models::Distribution::Kind::Triangular, 3, 7, 14};
  models::Hall h = existing_hall("h1", 50, 200, 2);
  st.halls.push_back(h);
  models::Hall h2 = existing_hall("h2", 50, 400, 2);
  h2.start = models::HallStart::Planned;
  h2.planned_start = sim::Date{2026, 2, 1};
  h2.construction = "uncertain";
  st.halls.push_back(h2);
  return st;
}

models::Scenario stochastic_scenario() {
  models::Scenario s = base_scenario({2026, 1, 1}, {2027, 12, 31});
  s.construction_templates.push_back(
      {"uncertain",
       {{"permits", {models::Distribution::Kind::LognormalMedianP90, 60, 120, 0}, {}},
        {"shell", {models::Distribution::Kind::Uniform, 90, 150, 0}, {"permits"}},
        {"fit-out", {models::Distribution::Kind::Exponential, 30, 0, 0}, {"shell"}}}});
  s.logistics.transit_days = {models::Distribution::Kind::Triangular, 20, 30, 60};
  s.operations.failures_per_gpu_day = 5e-4;
  s.operations.failure_classes = {{"gpu",
                                   0.6,
                                   0.5,
                                   models::Distribution::fixed(0.1),
                                   models::Distribution::fixed(1),
                                   {models::Distribution::Kind::Uniform, 3, 14, 0}},
                                  {"net",
                                   0.4,
                                   0.0,
                                   {models::Distribution::Kind::Exponential, 0.2, 0, 0},
                                   models::Distribution::fixed(1),
                                   models::Distribution::fixed(10)}};
  s.zones.push_back(zone("north", 100));
  s.zones.push_back(zone("south", 100));
  s.sites.push_back(stochastic_site("a", "north"));
  s.sites.push_back(stochastic_site("b", "south"));
  for (const char* name : {"a", "b"}) {
    models::Order o = order(std::string("o-") + name, name, {2026, 1, 1}, 100);
    o.schedule.push_back({{2026, 4, 1}, 150});
    o.schedule.push_back({{2026, 7, 1}, 100});
    s.orders.push_back(o);
  }
  models::ExportHold hold;
  hold.name = "h";
  hold.start = {2026, 3, 15};
  hold.duration_days = {models::Distribution::Kind::Uniform, 10, 60, 0};
  hold.probability = 0.5;
  s.export_holds.push_back(hold);
  return s;
}

TEST(Determinism, SameSeedSameBits) {
  const models::Scenario s = stochastic_scenario();
  sim::MemorySink a, b;
  const auto ra = run(s, a);
  const auto rb = run(s, b);
  EXPECT_EQ(a.data(), b.data());
  EXPECT_EQ(ra.events, rb.events);
  EXPECT_GT(gpus(a, a.rows() - 1, "a", "retired") + gpus(a, a.rows() - 1, "a", "operational"), 0);
}

TEST(Determinism, RunIndexGivesAnotherReplication) {
  const models::Scenario s = stochastic_scenario();
  sim::MemorySink a, b;
  run(s, a, 0);
  run(s, b, 1);
  EXPECT_NE(a.data(), b.data());
}

TEST(Determinism, AddingASiteLeavesOtherSitesUnchanged) {
  const models::Scenario s = stochastic_scenario();
  models::Scenario bigger = s;
  bigger.zones.insert(bigger.zones.begin(), zone("east", 100));
  bigger.sites.insert(bigger.sites.begin(), stochastic_site("c", "east"));
  bigger.orders.insert(bigger.orders.begin(), order("o-c", "c", {2026, 2, 1}, 120));
  for (std::uint64_t replication = 0; replication < 64; ++replication) {  // 64 paired seeds
    sim::MemorySink a, b;
    const auto ra = run(s, a, replication);
    const auto rb = run(bigger, b, replication);
    ASSERT_EQ(a.rows(), b.rows());
    for (const char* name : {"a", "b"}) {
      for (std::size_t r = 0; r < a.rows(); ++r) {
        for (const auto& state : models::rollout::kGpuStateNames) {
          ASSERT_EQ(gpus(a, r, name, std::string(state)), gpus(b, r, name, std::string(state)))
              << "replication " << replication << " site " << name << " row " << r << " state " << state;
        }
        ASSERT_EQ(site_value(a, "energy_mwh", r, name), site_value(b, "energy_mwh", r, name));
      }
    }
    ASSERT_EQ(ra.headline.sites[0].gpu_days, rb.headline.sites[1].gpu_days);
  }
}

}  // namespace
