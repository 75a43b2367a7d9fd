#pragma once
// Running a sweep's runs on local threads.
//
// Workers (std::jthread) take the next run from a shared WorkQueue (an atomic counter over the
// runs still to do), so a thread that drew short runs simply takes more of them: dynamic load
// balancing, since runs differ in length. A run's inputs depend only on its index (design.h), and
// results are handed over with their run index, so the outcome does not depend on which worker
// ran what or in which order they finished. The MPI route (app/) feeds remote ranks from the same
// kind of queue.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "sim/sweep/design.h"
#include "sim/sweep/model.h"
#include "sim/sweep/plan.h"

namespace sim::sweep {

// Hands out runs, each once, to any number of threads, in ascending order; claim() takes one out
// of order (a run an MPI rank computed before it could ask, app/sweep_mpi.h).
class WorkQueue {
 public:
  explicit WorkQueue(std::vector<std::uint64_t> runs);
  // The next run not yet handed out or claimed, or nothing when all were, or stop() was called.
  std::optional<std::uint64_t> next();
  // Takes `run` if it is in the queue and was not handed out or claimed yet; false otherwise.
  bool claim(std::uint64_t run);
  void stop() { stopped_.store(true, std::memory_order_relaxed); }
  bool stopped() const { return stopped_.load(std::memory_order_relaxed); }
  std::size_t size() const { return runs_.size(); }
  // Runs not yet handed out or claimed (0 once stopped).
  std::size_t remaining() const {
    return stopped() ? 0 : runs_.size() - handed_out_.load(std::memory_order_relaxed);
  }

 private:
  std::vector<std::uint64_t> runs_;             // ascending
  std::unique_ptr<std::atomic<bool>[]> taken_;  // per position in runs_
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> handed_out_{0};
  std::atomic<bool> stopped_{false};
};

// The inputs of run `run`: its point, replication, seed and parameter values (a view into design).
RunInput make_input(const Plan& plan, const Design& design, std::uint64_t run);

// Called once per completed run, from the worker that ran it, under a lock (one call at a time).
using ResultHandler = std::function<void(std::uint64_t run, RunResult&& result)>;

struct RunnerOptions {
  unsigned jobs = 1;                     // worker threads
  std::function<bool()> stop_requested;  // polled between runs (e.g. a received SIGINT)
};

// Runs every run `queue` hands out on `options.jobs` threads and returns when the queue is empty.
// Returns false when stop_requested() stopped it early (runs in progress still complete and are
// handed over). The first exception a run or the handler throws stops the queue and is rethrown
// here once every worker has ended.
bool run_local(const RunModel& model, const Plan& plan, const Design& design, WorkQueue& queue,
               const RunnerOptions& options, const ResultHandler& on_result);

}  // namespace sim::sweep
