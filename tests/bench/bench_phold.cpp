// sovsim's PHOLD against the bare-loop baseline, side by side in one process, for the reference
// configurations C1-C3 (about 10 million events each). Run:
//   build/tests/bench/bench_phold --benchmark_repetitions=3
// and compare items_per_second of Sovsim/Cn with Bare/Cn.
#include <benchmark/benchmark.h>

#include <chrono>

#include "bare_phold.h"
#include "models/phold.h"

namespace {

models::PholdConfig reference(int which) {
  models::PholdConfig c;
  c.mean = 1.0;
  c.lookahead = 0.1;
  switch (which) {
    case 1:
      c.lps = 1024, c.population = 1, c.remote = 0.1, c.end = 9766;
      break;
    case 2:
      c.lps = 1024, c.population = 16, c.remote = 0.5, c.end = 610;
      break;
    default:
      c.lps = 16384, c.population = 16, c.remote = 0.5, c.end = 38;
      break;
  }
  return c;
}

template <typename Run>
void run_config(benchmark::State& state, Run run) {
  const models::PholdConfig c = reference(static_cast<int>(state.range(0)));
  std::uint64_t events = 0;
  for (auto _ : state) {
    const models::PholdResult r = run(c);
    state.SetIterationTime(r.seconds);
    events += r.events;
    benchmark::DoNotOptimize(r.checksum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}

void Bare(benchmark::State& state) { run_config(state, bench::run_bare_phold); }
void Sovsim(benchmark::State& state) { run_config(state, models::run_phold); }

}  // namespace

BENCHMARK(Bare)->DenseRange(1, 3)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(Sovsim)->DenseRange(1, 3)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_MAIN();
