#pragma once
// The rollout model: wires the components to one sim::Simulation and dispatches its events.
//
// Same-instant order: capacity changes (Priority::Early), then model events (Normal), then one
// settlement (Late: housing, power re-solve if anything changed, admission, crews), then the
// sample bookkeeping (integrals, snapshot, invariants; priority 254), then the recorder's sample
// (Priority::Sample).

#include <functional>
#include <optional>

#include "models/rollout/conditions.h"
#include "models/rollout/headline.h"
#include "models/rollout/invariants.h"
#include "models/rollout/report_dates.h"
#include "models/rollout/snapshot.h"
#include "models/rollout/world.h"
#include "sim/simulation.h"

namespace models::rollout {

inline constexpr sim::Priority kSnapshotPriority = static_cast<sim::Priority>(254);

class RolloutModel : public sim::EventTarget {
 public:
  // `check`: run the invariant checker at every sample (throws InvariantViolation). The scenario
  // and the simulation must outlive the model.
  RolloutModel(const Scenario& scenario, sim::Simulation& sim, bool check);

  // Declares the recording, schedules the initial events and starts the recorder into `sink`;
  // without `failure_process`, no GPU fails (RunOptions::failure_process).
  void start(sim::SampleSink& sink, bool failure_process, std::size_t max_skipped_candidates);
  // Runs to the end of the horizon, or until `on_sample` returns false; true when it reached the end.
  bool run(const std::function<bool(sim::Ticks, sim::Ticks)>& on_sample = {});
  // Computes the headline, adds the static variables and finishes the recorder.
  Headline finish();

  void on_event(sim::Simulation& sim, std::uint64_t payload) override;

  const World& world() const { return world_; }
  const Snapshot& snapshot() const { return snapshot_; }

 private:
  void settle();
  void sample();
  Headline headline();

  // The scenario with its adjustments applied (models/scenario/adjustments.h); world_ keeps
  // pointers into it, so it is declared first.
  Scenario scenario_;
  World world_;
  ConditionMonitor conditions_;
  ReportDateMonitor report_dates_;
  sim::Ticks last_instant_ = 0;  // the instant of the last model event, for the conditions
  Snapshot snapshot_;
  std::optional<InvariantChecker> checker_;
  sim::Ticks interval_ = sim::kTicksPerDay;
  const std::function<bool(sim::Ticks, sim::Ticks)>* on_sample_ = nullptr;
  bool stopped_early_ = false;
};

}  // namespace models::rollout
