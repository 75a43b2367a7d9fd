#pragma once
// The rollout model's entry point: one replication of a scenario.
//
//   models::rollout::RunOptions options;
//   options.check_invariants = true;      // `sovsim run --check`
//   options.sink = &writer;               // any sim::SampleSink (HDF5 writer, MemorySink)
//   RunOutput out = models::rollout::run_rollout(scenario, options);
//   std::cout << models::rollout::format_headline(out.headline);
//
// Same Scenario, seed and run index give bit-identical output. See docs/model.md.

#include <cstdint>
#include <functional>
#include <optional>

#include "models/rollout/headline.h"
#include "models/scenario.h"
#include "sim/recorder.h"

namespace models::rollout {

struct RunOptions {
  std::optional<std::uint64_t> seed;  // overrides Scenario::seed
  std::uint64_t run_index = 0;        // replication number (selects independent streams)
  bool check_invariants = false;      // verify invariants at every sample; throws InvariantViolation
  sim::SampleSink* sink = nullptr;    // receives the recording; nullptr: discarded
  // Called after every sample with (now, horizon) in ticks: progress reporting, and a way to end a
  // run early (return false), e.g. on SIGINT. A run ended early is not finished: the sink gets no
  // static variables and RunOutput::completed is false.
  std::function<bool(sim::Ticks now, sim::Ticks horizon)> on_sample;
  // false: no GPU fails (the failure process is not started). Only for a caller that keeps none of
  // the outputs the failure process changes (OutputQuantity::changed_by_failures): every other output
  // is bit-identical, because each of the failure process's draws has its own keyed stream and
  // nothing else reads its state (test FailureProcess.*). A sweep keeping only such indicators
  // skips it (models/sweep/rollout_run.cpp): it is about four fifths of a korea-2026 run.
  bool failure_process = true;
  // The per-GPU failure process draws at most this many candidates in a row that a site's GPUs
  // in service certainly reject without an event each (models/rollout/operations.cpp,
  // walk_candidates; capped at SiteState::kMaxSkippedCandidates); 0 gives every candidate its
  // event. Results are the same for any value (test Operations.SkippingRejectedCandidatesChangesNoResult).
  std::size_t max_skipped_candidates = 64;
};

struct RunOutput {
  bool completed = true;  // false when on_sample ended the run early; then headline is empty
  Headline headline;
  std::uint64_t events = 0;          // events fired
  std::int64_t power_solves = 0;     // allocations computed
  std::int64_t max_flow_solves = 0;  // max-flow calls they took
  std::size_t units = 0;             // unit records created
};

// Builds a simulation for the scenario, runs it to the end of the horizon, finishes the recorder
// and returns the headline indicators. Throws std::invalid_argument for a scenario the model
// cannot resolve and InvariantViolation (a std::runtime_error) when checking is on and fails.
RunOutput run_rollout(const Scenario& scenario, const RunOptions& options = {});

}  // namespace models::rollout
