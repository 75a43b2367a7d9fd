#include "sim/simulation.h"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "models/phold.h"

namespace sim {
namespace {

// A target that runs a test-supplied function; the tests' stand-in for a model component.
class Probe : public EventTarget {
 public:
  std::function<void(Simulation&, std::uint64_t)> handler;
  std::vector<std::pair<Ticks, std::uint64_t>> fired;
  void on_event(Simulation& sim, std::uint64_t payload) override {
    fired.emplace_back(sim.now(), payload);
    if (handler) handler(sim, payload);
  }
};

SimulationConfig config(std::uint64_t seed = 1) { return SimulationConfig{seed, 0, Date{2025, 11, 1}}; }

TEST(Simulation, RunUntilFiresEventsAtTheEndTimeAndAdvancesTheClock) {
  Simulation sim(config());
  Probe p;
  const TargetId id = sim.add_target(p);
  sim.schedule_at(10, id, 1);
  sim.schedule_at(20, id, 2);
  sim.schedule_at(21, id, 3);
  EXPECT_EQ(sim.run_until(20), StopReason::ReachedTime);
  EXPECT_EQ(sim.now(), 20);
  ASSERT_EQ(p.fired.size(), 2u);
  EXPECT_EQ(p.fired[1], (std::pair<Ticks, std::uint64_t>{20, 2}));
  EXPECT_EQ(sim.run_until(100), StopReason::QueueEmpty);
  EXPECT_EQ(sim.now(), 100);  // the clock advances to the end even with nothing left
  EXPECT_EQ(p.fired.size(), 3u);
}

TEST(Simulation, RunDrainsTheQueue) {
  Simulation sim(config());
  Probe p;
  const TargetId id = sim.add_target(p);
  p.handler = [&](Simulation& s, std::uint64_t n) {
    if (n < 5) s.schedule_in(days(1), id, n + 1);
  };
  sim.schedule_at(0, id, 0);
  EXPECT_EQ(sim.run(), StopReason::QueueEmpty);
  EXPECT_EQ(p.fired.size(), 6u);
  EXPECT_EQ(sim.now(), days(5));
}

TEST(Simulation, StopFromAHandlerEndsTheRunAfterThatHandler) {
  Simulation sim(config());
  Probe p;
  const TargetId id = sim.add_target(p);
  p.handler = [](Simulation& s, std::uint64_t n) {
    if (n == 2) s.stop();
  };
  for (std::uint64_t i = 0; i < 5; ++i) sim.schedule_at(static_cast<Ticks>(i), id, i);
  EXPECT_EQ(sim.run_until(100), StopReason::Stopped);
  EXPECT_EQ(sim.now(), 2);
  EXPECT_EQ(p.fired.size(), 3u);
  EXPECT_EQ(sim.run_until(100), StopReason::QueueEmpty);  // resumable
  EXPECT_EQ(p.fired.size(), 5u);
}

TEST(Simulation, CancelledEventsDoNotFire) {
  Simulation sim(config());
  Probe p;
  const TargetId id = sim.add_target(p);
  const EventHandle h = sim.schedule_at(5, id, 1);
  p.handler = [&](Simulation& s, std::uint64_t n) {
    if (n == 0) {
      EXPECT_TRUE(s.cancel(h));
    }
  };
  sim.schedule_at(1, id, 0);
  EXPECT_TRUE(sim.is_pending(h));
  sim.run();
  EXPECT_FALSE(sim.is_pending(h));
  EXPECT_EQ(p.fired.size(), 1u);
  EXPECT_FALSE(sim.cancel(h));
}

TEST(Simulation, SchedulingInThePastIsAnError) {
  Simulation sim(config());
  Probe p;
  const TargetId id = sim.add_target(p);
  sim.schedule_at(10, id, 0);
  sim.run();
  EXPECT_THROW(sim.schedule_at(9, id, 0), std::logic_error);
  EXPECT_THROW(sim.schedule_at(11, id + 1, 0), std::logic_error);
}

TEST(Simulation, SameSeedGivesTheSameEventTrace) {
  auto trace = [](std::uint64_t seed) {
    models::PholdConfig c;
    c.lps = 64;
    c.population = 4;
    c.remote = 0.5;
    c.end = 50;
    c.seed = seed;
    Simulation sim(SimulationConfig{seed, 0, Date{2000, 1, 1}});
    models::Phold phold(sim, c);
    std::vector<ScheduledEvent> events;
    sim.set_observer([&](const ScheduledEvent& e) { events.push_back(e); });
    sim.run_until(static_cast<Ticks>(c.end * static_cast<double>(models::Phold::kTicksPerUnit)));
    return events;
  };
  const auto a = trace(7);
  const auto b = trace(7);
  const auto c = trace(8);
  ASSERT_GT(a.size(), 1000u);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].time, b[i].time);
    ASSERT_EQ(a[i].order, b[i].order);
    ASSERT_EQ(a[i].payload, b[i].payload);
  }
  EXPECT_TRUE(a.size() != c.size() || a[100].time != c[100].time);
}

TEST(Simulation, TwoSimulationsInTwoThreadsMatchSequentialRuns) {
  models::PholdConfig c1;
  c1.lps = 256, c1.population = 8, c1.remote = 0.5, c1.end = 100, c1.seed = 11;
  models::PholdConfig c2 = c1;
  c2.seed = 12;
  const auto s1 = models::run_phold(c1);
  const auto s2 = models::run_phold(c2);
  models::PholdResult t1, t2;
  std::thread a([&] { t1 = models::run_phold(c1); });
  std::thread b([&] { t2 = models::run_phold(c2); });
  a.join();
  b.join();
  EXPECT_EQ(t1.events, s1.events);
  EXPECT_EQ(t1.checksum, s1.checksum);
  EXPECT_EQ(t2.events, s2.events);
  EXPECT_EQ(t2.checksum, s2.checksum);
  EXPECT_NE(s1.checksum, s2.checksum);
}

TEST(Simulation, StreamsEqualTheKeyedStreamsWhateverTheOrderOfKeys) {
  // Simulation::stream caches the key's part of the hash; the streams must stay those of
  // RandomStream(StreamKey{...}) for every key, entity and order of first use.
  Simulation sim(SimulationConfig{77, 3, Date{2025, 1, 1}});
  const char* keys[] = {"failure.gpu", "failure.class", "a", "", "failure.gpu.x", "transit"};
  for (int round = 0; round < 2; ++round) {
    for (const char* key : keys) {
      for (std::uint64_t entity : {0ull, 1ull, 12345678901ull}) {
        RandomStream ours = sim.stream(key, entity);
        RandomStream family = sim.stream_family(key).stream(entity);
        RandomStream reference(StreamKey{77, 3, key, entity});
        const std::uint64_t expected = reference.next();
        ASSERT_EQ(ours.next(), expected) << key << " " << entity;
        ASSERT_EQ(family.next(), expected) << key << " " << entity;
      }
    }
  }
  std::string changing = "failure.gpu";
  RandomStream before = sim.stream(changing, 5);
  changing[0] = 'g';  // same length, other content: another key
  RandomStream after = sim.stream(changing, 5);
  RandomStream reference(StreamKey{77, 3, "gailure.gpu", 5});
  EXPECT_NE(before.next(), after.next());
  EXPECT_EQ(sim.stream(changing, 5).next(), reference.next());
}

}  // namespace
}  // namespace sim
