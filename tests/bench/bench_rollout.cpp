// One replication of a Korea-sized synthetic scenario (~260k GPUs in ~33k units, 11 sites,
// 2025-11-01 .. 2032-12-31, daily samples, per-GPU failures) into a MemorySink, and the same with
// ten times the GPUs, and with daily failure counts (operations.failure_process: daily). Run:
//   build/tests/bench/bench_rollout --benchmark_repetitions=3
// Peak memory of one replication: /usr/bin/time -v build/tests/bench/bench_rollout
//   --benchmark_filter='Rollout/1/0/0$'
#include <benchmark/benchmark.h>

#include "../rollout/korea_like.h"
#include "models/rollout/rollout.h"
#include "sim/recorder.h"

namespace {

void Rollout(benchmark::State& state) {
  models::Scenario scenario = rollout_test::korea_like(static_cast<int>(state.range(0)));
  scenario.operations.failure_process =
      state.range(2) != 0 ? models::FailureProcess::Daily : models::FailureProcess::PerGpu;
  models::rollout::RunOutput out;
  for (auto _ : state) {
    sim::MemorySink sink;
    models::rollout::RunOptions options;
    options.sink = &sink;
    options.check_invariants = state.range(1) != 0;
    out = models::rollout::run_rollout(scenario, options);
    benchmark::DoNotOptimize(sink.data().data());
  }
  state.counters["gpus"] = static_cast<double>(out.headline.gpus_ordered);
  state.counters["units"] = static_cast<double>(out.units);
  state.counters["events"] = static_cast<double>(out.events);
  state.counters["power_solves"] = static_cast<double>(out.power_solves);
  state.counters["max_flows"] = static_cast<double>(out.max_flow_solves);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * out.events));
}

}  // namespace

// Arguments: scale (1 = Korea, 10 = ten times the GPUs), invariant checking (0/1), failure
// process (0 = per GPU, 1 = daily counts).
BENCHMARK(Rollout)
    ->Args({1, 0, 0})
    ->Args({1, 1, 0})
    ->Args({10, 0, 0})
    ->Args({1, 0, 1})
    ->Args({10, 0, 1})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
