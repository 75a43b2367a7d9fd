// Micro-benchmarks of sim::EventQueue: the hold model (pop one, push one) at several queue
// sizes, beside the same loop on a bare std::priority_queue of 24-byte entries, and
// schedule-then-cancel. Run: build/tests/bench/bench_event_queue
#include <benchmark/benchmark.h>

#include <cstdint>
#include <queue>
#include <vector>

#include "sim/event_queue.h"
#include "sim/random.h"

namespace {

void Hold(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  sim::EventQueue queue;
  queue.reserve(size);
  sim::RandomStream random(42);
  for (std::size_t i = 0; i < size; ++i) {
    queue.push(static_cast<sim::Ticks>(random.below(1'000'000)), sim::Priority::Normal, 0, i);
  }
  sim::ScheduledEvent e;
  for (auto _ : state) {
    queue.pop(e);
    queue.push(e.time + 1 + static_cast<sim::Ticks>(random.below(1'000'000)), sim::Priority::Normal, 0,
               e.payload);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(Hold)->RangeMultiplier(16)->Range(16, 1 << 20);

struct BareEntry {
  std::int64_t time;
  std::uint64_t sequence;
  std::uint64_t payload;
};
struct BareLater {
  bool operator()(const BareEntry& a, const BareEntry& b) const {
    return a.time > b.time || (a.time == b.time && a.sequence > b.sequence);
  }
};

// The baseline of Hold: the same draws on a binary heap with no handles and no priorities.
void HoldBareHeap(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  std::vector<BareEntry> storage;
  storage.reserve(size);
  std::priority_queue<BareEntry, std::vector<BareEntry>, BareLater> queue(BareLater{}, std::move(storage));
  sim::RandomStream random(42);
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < size; ++i) {
    queue.push({static_cast<std::int64_t>(random.below(1'000'000)), sequence++, i});
  }
  for (auto _ : state) {
    const BareEntry e = queue.top();
    queue.pop();
    queue.push({e.time + 1 + static_cast<std::int64_t>(random.below(1'000'000)), sequence++, e.payload});
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(HoldBareHeap)->RangeMultiplier(16)->Range(16, 1 << 20);

void ScheduleThenCancel(benchmark::State& state) {
  sim::EventQueue queue;
  sim::RandomStream random(7);
  sim::ScheduledEvent e;
  for (std::size_t i = 0; i < 1024; ++i)
    queue.push(static_cast<sim::Ticks>(random.below(1000)), sim::Priority::Normal, 0, i);
  for (auto _ : state) {
    const sim::EventHandle h =
        queue.push(static_cast<sim::Ticks>(random.below(1000)), sim::Priority::Normal, 0, 0);
    queue.cancel(h);
    queue.pop(e);  // keeps the tombstones draining, as the event loop does
    queue.push(e.time + static_cast<sim::Ticks>(random.below(1000)), sim::Priority::Normal, 0, e.payload);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ScheduleThenCancel);

}  // namespace

BENCHMARK_MAIN();
