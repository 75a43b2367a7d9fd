// Micro-benchmarks of sim::EventQueue: the hold model (pop one, push one) at several queue
// sizes, and schedule-then-cancel. Run: build/tests/bench/bench_event_queue
#include <benchmark/benchmark.h>

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
