// Construction task graphs: the hall is ready at the end of the critical path.
#include "models/rollout/construction.h"

#include <gtest/gtest.h>

#include "scenario_builder.h"

namespace {

using models::Distribution;
using models::rollout::TaskGraph;

// permits 100 -> site work 30 -> shell 200 -> {electrical 120, cooling 150} -> commissioning 30;
// landscaping 20 after permits (off the critical path).
// Critical path by hand: 100 + 30 + 200 + 150 + 30 = 510 days.
models::ConstructionTemplate hall_template() {
  return {"ai-hall",
          {{"commissioning", Distribution::fixed(30), {"electrical", "cooling"}},
           {"permits", Distribution::fixed(100), {}},
           {"site_work", Distribution::fixed(30), {"permits"}},
           {"shell", Distribution::fixed(200), {"site_work"}},
           {"electrical", Distribution::fixed(120), {"shell"}},
           {"cooling", Distribution::fixed(150), {"shell"}},
           {"landscaping", Distribution::fixed(20), {"permits"}}}};
}

TEST(TaskGraph, CriticalPathIsTheLongestChain) {
  const TaskGraph g(hall_template());
  const sim::Simulation sim({1, 0, {2026, 1, 1}});
  const auto d = g.draw_durations(sim, 5);
  EXPECT_EQ(g.critical_path(d), sim::days(510));
  std::vector<std::string> path;
  for (std::size_t t : g.critical_tasks(d)) path.push_back(g.task_name(t));
  EXPECT_EQ(path, (std::vector<std::string>{"permits", "site_work", "shell", "cooling", "commissioning"}));
}

TEST(TaskGraph, ParallelBranchTakesOverWhenLonger) {
  const TaskGraph g(hall_template());
  // electrical 180 > cooling 150: 100 + 30 + 200 + 180 + 30 = 540.
  std::vector<sim::Ticks> d = {sim::days(30),  sim::days(100), sim::days(30), sim::days(200),
                               sim::days(180), sim::days(150), sim::days(20)};
  EXPECT_EQ(g.critical_path(d), sim::days(540));
  // landscaping 500 after permits: 100 + 500 = 600 beats everything.
  d[6] = sim::days(500);
  EXPECT_EQ(g.critical_path(d), sim::days(600));
}

TEST(TaskGraph, RejectsCyclesAndUnknownTasks) {
  models::ConstructionTemplate cyc{
      "cyc", {{"a", Distribution::fixed(1), {"b"}}, {"b", Distribution::fixed(1), {"a"}}}};
  EXPECT_THROW(TaskGraph{cyc}, std::invalid_argument);
  models::ConstructionTemplate unknown{"u", {{"a", Distribution::fixed(1), {"nope"}}}};
  EXPECT_THROW(TaskGraph{unknown}, std::invalid_argument);
}

TEST(TaskGraph, HallIsReadyAtPlannedStartPlusCriticalPath) {
  using namespace rollout_test;
  models::Scenario s = base_scenario({2026, 1, 1}, {2027, 12, 31});
  s.construction_templates = {hall_template()};
  s.zones.push_back(zone("z", 100));
  models::Site st = site("alpha", "z", 100);
  models::Hall h = existing_hall("new", 40, 400, 2);
  h.start = models::HallStart::Planned;
  h.planned_start = sim::Date{2026, 2, 1};  // day 31
  h.construction = "ai-hall";
  st.halls.push_back(h);
  s.sites.push_back(st);
  sim::MemorySink sink;
  run(s, sink);
  // Ready on day 31 + 510 = 541.
  EXPECT_EQ(site_value(sink, "halls_ready", row(540), "alpha"), 0);
  EXPECT_EQ(site_value(sink, "halls_ready", row(541), "alpha"), 1);
  EXPECT_EQ(site_value(sink, "land_used_ha", row(30), "alpha"), 0);
  EXPECT_EQ(site_value(sink, "land_used_ha", row(31), "alpha"), 2);
}

TEST(TaskGraph, StochasticDurationsAreDrawnPerHall) {
  models::ConstructionTemplate t{"t", {{"a", {Distribution::Kind::Uniform, 10, 20, 0}, {}}}};
  const TaskGraph g(t);
  const sim::Simulation sim({11, 0, {2026, 1, 1}});
  const sim::Ticks a = g.critical_path(g.draw_durations(sim, 1));
  const sim::Ticks b = g.critical_path(g.draw_durations(sim, 2));
  EXPECT_NE(a, b);
  EXPECT_GE(a, sim::days(10));
  EXPECT_LE(a, sim::days(20));
}

TEST(TaskGraph, AddingATaskLeavesTheOtherTasksDurationsUnchanged) {
  models::ConstructionTemplate t{"t",
                                 {{"a", {Distribution::Kind::Uniform, 10, 20, 0}, {}},
                                  {"b", {Distribution::Kind::LognormalMedianP90, 30, 60, 0}, {"a"}}}};
  models::ConstructionTemplate longer = t;
  longer.tasks.insert(longer.tasks.begin(), {"survey", {Distribution::Kind::Exponential, 5, 0, 0}, {}});
  const TaskGraph g(t), h(longer);
  for (std::uint64_t seed = 1; seed <= 64; ++seed) {
    const sim::Simulation sim({seed, 0, {2026, 1, 1}});
    const auto d = g.draw_durations(sim, 9);
    const auto e = h.draw_durations(sim, 9);
    ASSERT_EQ(d[0], e[1]) << "seed " << seed;
    ASSERT_EQ(d[1], e[2]) << "seed " << seed;
  }
}

}  // namespace
