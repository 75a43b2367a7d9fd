// Common random numbers: every random quantity of every entity has its own stream, so a variant
// that can only help (a review skipped, capacity added) never comes out worse on any paired seed,
// and a change to one entity never moves another's draws (docs/model.md §12). Each property is
// checked over 64 paired seeds.
#include <gtest/gtest.h>

#include "models/rollout/catalogue.h"
#include "models/rollout/grid_connection.h"
#include "scenario_builder.h"

namespace {

using namespace rollout_test;
using models::Distribution;

constexpr std::uint64_t kPairedSeeds = 64;

models::GridConnection application(double mw, sim::Date applied) {
  models::GridConnection c;
  c.capacity_mw = mw;
  c.applied = applied;
  c.lead_days = {Distribution::Kind::LognormalMedianP90, 120, 300, 0};
  return c;
}

// A site with a small connection at the start and three applications: 8 MW (cumulative 10 MW,
// assessed at the default 10 MW threshold), 20 MW (cumulative 30) and 30 MW (cumulative 60).
models::Site growing_site(const std::string& name, const std::string& zone_name) {
  models::Site st = site(name, zone_name, 2);
  st.burn_in_days = {Distribution::Kind::Triangular, 2, 5, 15};
  st.install_crews = 1;
  st.units_per_crew_day = 4;
  st.connections.push_back(application(8, {2026, 1, 1}));
  st.connections.push_back(application(20, {2026, 2, 1}));
  st.connections.push_back(application(30, {2026, 6, 1}));
  st.halls.push_back(existing_hall("h1", 30, 300, 2));
  models::Hall h2 = existing_hall("h2", 40, 400, 2);
  h2.start = models::HallStart::Planned;
  h2.planned_start = sim::Date{2026, 1, 15};
  h2.construction = "uncertain";
  st.halls.push_back(h2);
  return st;
}

// Three sites, each alone in its zone (no corridors): nothing competes for a site's power.
models::Scenario isolated_sites_scenario() {
  models::Scenario s = base_scenario({2026, 1, 1}, {2028, 12, 31});
  s.construction_templates.push_back(
      {"uncertain",
       {{"permits", {Distribution::Kind::LognormalMedianP90, 60, 150, 0}, {}},
        {"shell", {Distribution::Kind::Triangular, 90, 120, 200}, {"permits"}}}});
  s.logistics.transit_days = {Distribution::Kind::Triangular, 20, 30, 60};
  s.operations.failures_per_gpu_day = 5e-4;
  s.operations.spare_fraction = 0.02;
  s.operations.failure_classes = {{"gpu",
                                   0.7,
                                   0.6,
                                   Distribution::fixed(0.5),
                                   {Distribution::Kind::Uniform, 1, 3, 0},
                                   {Distribution::Kind::Uniform, 7, 21, 0}},
                                  {"link",
                                   0.3,
                                   0.0,
                                   {Distribution::Kind::Exponential, 0.3, 0, 0},
                                   Distribution::fixed(1),
                                   Distribution::fixed(10)}};
  for (const char* name : {"n", "c", "s"}) {
    models::GridZone z = zone(std::string("zone-") + name, 500);
    z.assessment_pass_probability = 0.5;
    z.assessment_days = {Distribution::Kind::LognormalMedianP90, 90, 200, 0};
    z.reapply_days = 120;
    s.zones.push_back(z);
    s.sites.push_back(growing_site(std::string("site-") + name, z.name));
    models::Order o = order(std::string("o-") + name, s.sites.back().name, {2026, 2, 1}, 120);
    o.schedule.push_back({{2026, 6, 1}, 150});
    o.schedule.push_back({{2026, 10, 1}, 150});
    s.orders.push_back(o);
  }
  return s;
}

models::Scenario exempt(models::Scenario s, double threshold_mw) {
  s.assessment_threshold_mw = threshold_mw;
  return s;
}

TEST(CommonRandomNumbers, ExemptionNeverDelaysAnyConnection) {
  const models::Scenario base = isolated_sites_scenario();
  int earlier = 0;
  for (const double threshold : {35.0, 1e9}) {  // exempts the first two applications, or all
    const models::Scenario variant = exempt(base, threshold);
    const models::rollout::Catalogue cb(base), cv(variant);
    for (std::uint64_t seed = 1; seed <= kPairedSeeds; ++seed) {
      const sim::Simulation sim({seed, 0, base.start});
      const auto before = models::rollout::plan_connections(cb, sim);
      const auto after = models::rollout::plan_connections(cv, sim);
      ASSERT_EQ(before.size(), after.size());
      for (std::size_t k = 0; k < before.size(); ++k) {
        if (!before[k].energised) continue;
        ASSERT_TRUE(after[k].energised.has_value()) << "seed " << seed << " connection " << k;
        ASSERT_LE(*after[k].energised, *before[k].energised) << "seed " << seed << " connection " << k;
        earlier += *after[k].energised < *before[k].energised;
      }
    }
  }
  EXPECT_GT(earlier, 0) << "the exemption never helped: the test would not notice a reversal";
}

TEST(CommonRandomNumbers, ExemptionNeverDelaysAnyGpuWhenNothingCompetesForPower) {
  const models::Scenario base = isolated_sites_scenario();
  const models::Scenario variant = exempt(base, 1e9);
  int rows_ahead = 0;
  for (std::uint64_t seed = 1; seed <= kPairedSeeds; ++seed) {
    sim::MemorySink a, b;
    run(base, a, seed);
    run(variant, b, seed);
    ASSERT_EQ(a.rows(), b.rows());
    for (const models::Site& st : base.sites) {
      for (std::size_t r = 0; r < a.rows(); ++r) {
        const double before = site_value(a, "gpus_entered_service", r, st.name);
        const double after = site_value(b, "gpus_entered_service", r, st.name);
        // GPUs enter service in the same order in both runs (FIFO queues, units keyed by
        // shipment), so "every GPU no later" is "the cumulative count never lower".
        ASSERT_GE(after, before) << "seed " << seed << " site " << st.name << " day " << r;
        ASSERT_GE(site_value(b, "grid_connected_mw", r, st.name),
                  site_value(a, "grid_connected_mw", r, st.name))
            << "seed " << seed << " site " << st.name << " day " << r;
        rows_ahead += after > before;
      }
    }
  }
  EXPECT_GT(rows_ahead, 0) << "the exemption never helped: the test would not notice a reversal";
}

TEST(CommonRandomNumbers, MoreCapacityAtOneSiteLeavesOtherZonesUnchanged) {
  const models::Scenario base = isolated_sites_scenario();
  models::Scenario bigger = base;
  bigger.sites[0].connections[2].capacity_mw += 15;  // site-n: its zone's draws may change
  bigger.sites[0].connections.push_back(application(12, {2026, 9, 1}));
  int changed = 0;
  for (std::uint64_t seed = 1; seed <= kPairedSeeds; ++seed) {
    sim::MemorySink a, b;
    run(base, a, seed);
    run(bigger, b, seed);
    ASSERT_EQ(a.rows(), b.rows());
    for (std::size_t r = 0; r < a.rows(); ++r) {
      for (const char* other : {"site-c", "site-s"}) {
        for (const auto& state : models::rollout::kGpuStateNames) {
          ASSERT_EQ(gpus(a, r, other, std::string(state)), gpus(b, r, other, std::string(state)))
              << "seed " << seed << " site " << other << " day " << r << " state " << state;
        }
        ASSERT_EQ(site_value(a, "grid_connected_mw", r, other), site_value(b, "grid_connected_mw", r, other));
        ASSERT_EQ(site_value(a, "energy_mwh", r, other), site_value(b, "energy_mwh", r, other));
      }
      changed +=
          site_value(a, "grid_connected_mw", r, "site-n") != site_value(b, "grid_connected_mw", r, "site-n");
    }
  }
  EXPECT_GT(changed, 0) << "the change at site-n had no effect: the test proves nothing";
}

TEST(CommonRandomNumbers, ReviewsLeadTimesAndHoldsDrawFromTheirOwnStreams) {
  // A review made deterministic (or skipped) leaves every lead time as it was: the lead time of
  // a connection is the same random number whatever came before it.
  models::Scenario base = isolated_sites_scenario();
  for (auto& z : base.zones) z.assessment_pass_probability = 1.0;
  models::Scenario fixed_review = base;
  for (auto& z : fixed_review.zones) z.assessment_days = Distribution::fixed(100);
  const models::Scenario no_review = exempt(base, 1e9);  // the catalogue keeps pointers into it
  const models::rollout::Catalogue cb(base), cf(fixed_review), cn(no_review);
  for (std::uint64_t seed = 1; seed <= kPairedSeeds; ++seed) {
    const sim::Simulation sim({seed, 0, base.start});
    const auto stochastic = models::rollout::plan_connections(cb, sim);
    const auto fixed = models::rollout::plan_connections(cf, sim);
    const auto none = models::rollout::plan_connections(cn, sim);
    for (std::size_t k = 0; k < stochastic.size(); ++k) {
      if (!stochastic[k].assessed || !stochastic[k].energised || !fixed[k].energised || !none[k].energised)
        continue;
      const sim::Ticks applied = cb.to_ticks(base.sites[stochastic[k].site].connections[k % 4].applied);
      // With one review that always passes: energised = applied + review + lead, so
      // energised - review is the lead time, the same in all three runs.
      const sim::Ticks lead_none = *none[k].energised - std::max<sim::Ticks>(applied, 0);
      EXPECT_EQ(*fixed[k].energised - sim::days(100) - applied, lead_none) << "seed " << seed;
      EXPECT_GE(*stochastic[k].energised - applied, lead_none) << "seed " << seed;
    }
  }
}

}  // namespace
