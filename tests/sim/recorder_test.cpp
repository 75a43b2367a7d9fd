#include "sim/recorder.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/simulation.h"

namespace sim {
namespace {

// A counter that a model event increments at the same instants as samples are taken.
class Counter : public EventTarget {
 public:
  double value = 0;
  void on_event(Simulation&, std::uint64_t) override { value += 1; }
};

TEST(Recorder, SamplesAtFixedIntervalsAfterSameInstantModelEvents) {
  Simulation sim(SimulationConfig{1, 0, Date{2025, 11, 1}});
  Counter counter;
  const TargetId id = sim.add_target(counter);
  for (int d = 0; d <= 4; ++d) sim.schedule_at(days(d), id, 0);  // same instants as the samples
  sim.recorder().add_axis(Axis{"site", "site", {"a", "b"}});
  sim.recorder().add_series(VariableInfo{.name = "count", .units = "1", .long_name = "events so far"},
                            [&](std::span<double> out) { out[0] = counter.value; });
  sim.recorder().add_series(
      VariableInfo{.name = "per_site", .units = "MW", .long_name = "per site", .axes = {"site"}},
      [&](std::span<double> out) {
        out[0] = counter.value * 10;
        out[1] = counter.value * 20;
      });
  MemorySink sink;
  sim.recorder().start(sim, 0, days(2), days(5), sink);
  sim.run_until(days(5));
  sim.recorder().add_static(
      StaticVariable{VariableInfo{.name = "total", .units = "1", .long_name = "total"}, {counter.value}});
  sim.recorder().finish();

  ASSERT_EQ(sink.rows(), 3u);  // days 0, 2, 4
  EXPECT_EQ(sink.times(), (std::vector<Ticks>{0, days(2), days(4)}));
  EXPECT_EQ(sink.series("count", 0)[0], 1.0);  // the day-0 event fired before the day-0 sample
  EXPECT_EQ(sink.series("count", 2)[0], 5.0);
  EXPECT_EQ(sink.series("per_site", 1)[1], 60.0);
  EXPECT_EQ(sink.schema().row_size, 3u);
  EXPECT_EQ(sink.schema().calendar.epoch(), (Date{2025, 11, 1}));
  ASSERT_NE(sink.find_static("total"), nullptr);
  EXPECT_EQ(sink.find_static("total")->values[0], 5.0);
  EXPECT_TRUE(sink.series("missing", 0).empty());
}

// A sweep's run keeps a few components of a few series at every stride-th sample: the sink keeps
// exactly those values (as a MemorySink would have them), counts every row, and the recorder
// computes no series that no sink stores.
TEST(SelectedSeriesSink, KeepsTheChosenComponentsAtEveryStrideThSampleAndSkipsOtherSeries) {
  Simulation sim(SimulationConfig{1, 0, Date{2025, 11, 1}});
  Counter counter;
  const TargetId id = sim.add_target(counter);
  for (int d = 0; d <= 6; ++d) sim.schedule_at(days(d), id, 0);
  int unwanted_calls = 0;
  sim.recorder().add_axis(Axis{"site", "site", {"a", "b"}});
  sim.recorder().add_series(VariableInfo{.name = "unwanted", .units = "1"},
                            [&](std::span<double> out) { out[0] = ++unwanted_calls; });
  sim.recorder().add_series(
      VariableInfo{.name = "per_site", .units = "MW", .long_name = "per site", .axes = {"site"}},
      [&](std::span<double> out) {
        out[0] = counter.value * 10;
        out[1] = counter.value * 20;
      });
  SelectedSeriesSink sink({{"per_site", 1}, {"per_site", 0}}, 2);
  sim.recorder().start(sim, 0, days(1), days(6), sink);
  sim.run_until(days(6));
  sim.recorder().finish();

  EXPECT_EQ(sink.rows(), 7u);  // days 0..6
  EXPECT_EQ(sink.kept_times(), (std::vector<Ticks>{0, days(2), days(4), days(6)}));
  EXPECT_EQ(sink.values(0), (std::vector<double>{20, 60, 100, 140}));
  EXPECT_EQ(sink.values(1), (std::vector<double>{10, 30, 50, 70}));
  EXPECT_EQ(unwanted_calls, 0);
  EXPECT_FALSE(sink.wants_series(0));
  EXPECT_TRUE(sink.wants_series(1));

  SelectedSeriesSink missing({{"per_site", 2}}, 1);
  EXPECT_THROW(missing.begin(sim.recorder().schema()), std::invalid_argument);
  SelectedSeriesSink unknown({{"nothing", 0}}, 1);
  EXPECT_THROW(unknown.begin(sim.recorder().schema()), std::invalid_argument);
}

TEST(Recorder, RejectsInconsistentDeclarations) {
  Recorder r;
  r.add_axis(Axis{"site", "site", {"a"}});
  EXPECT_THROW(r.add_axis(Axis{"site", "again", {"b"}}), std::invalid_argument);
  EXPECT_THROW(r.add_axis(Axis{"time", "reserved", {}}), std::invalid_argument);
  EXPECT_THROW(
      r.add_series(VariableInfo{.name = "x", .units = "1", .axes = {"zone"}}, [](std::span<double>) {}),
      std::invalid_argument);
  r.add_series(VariableInfo{.name = "x", .units = "1", .axes = {"site"}}, [](std::span<double>) {});
  EXPECT_THROW(r.add_series(VariableInfo{.name = "x", .units = "1"}, [](std::span<double>) {}),
               std::invalid_argument);
  EXPECT_THROW(
      r.add_static(StaticVariable{VariableInfo{.name = "y", .units = "1", .axes = {"site"}}, {1.0, 2.0}}),
      std::invalid_argument);
  EXPECT_THROW(r.finish(), std::logic_error);
}

}  // namespace
}  // namespace sim
