#include "sim/sweep/runner.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

namespace sim::sweep {

WorkQueue::WorkQueue(std::vector<std::uint64_t> runs)
    : runs_(std::move(runs)), taken_(std::make_unique<std::atomic<bool>[]>(runs_.size())) {
  std::sort(runs_.begin(), runs_.end());
  runs_.erase(std::unique(runs_.begin(), runs_.end()), runs_.end());
}

std::optional<std::uint64_t> WorkQueue::next() {
  while (!stopped()) {
    const std::size_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= runs_.size()) return std::nullopt;
    if (!taken_[i].exchange(true, std::memory_order_relaxed)) {
      handed_out_.fetch_add(1, std::memory_order_relaxed);
      return runs_[i];
    }
  }
  return std::nullopt;
}

bool WorkQueue::claim(std::uint64_t run) {
  if (stopped()) return false;
  const auto it = std::lower_bound(runs_.begin(), runs_.end(), run);
  if (it == runs_.end() || *it != run) return false;
  if (taken_[static_cast<std::size_t>(it - runs_.begin())].exchange(true, std::memory_order_relaxed))
    return false;
  handed_out_.fetch_add(1, std::memory_order_relaxed);
  return true;
}

RunInput make_input(const Plan& plan, const Design& design, std::uint64_t run) {
  RunInput in;
  in.run = run;
  in.point = run / plan.replications;
  in.replication = run % plan.replications;
  in.variant = design.variant_of(in.point);
  in.seed = seed_of_run(plan, in.point, in.replication);
  if (design.dims > 0)
    in.values = std::span<const double>(&design.values[in.point * design.dims], design.dims);
  return in;
}

bool run_local(const RunModel& model, const Plan& plan, const Design& design, WorkQueue& queue,
               const RunnerOptions& options, const ResultHandler& on_result) {
  std::mutex mutex;
  std::exception_ptr failure;
  std::atomic<bool> interrupted{false};
  const auto work = [&] {
    try {
      while (true) {
        if (options.stop_requested && options.stop_requested()) {
          interrupted = true;
          queue.stop();
        }
        const std::optional<std::uint64_t> run = queue.next();
        if (!run) return;
        RunResult result = model.run(make_input(plan, design, *run));
        const std::lock_guard lock(mutex);
        if (failure) return;
        on_result(*run, std::move(result));
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      queue.stop();
    }
  };
  {
    std::vector<std::jthread> workers;
    const unsigned jobs = options.jobs == 0 ? 1 : options.jobs;
    for (unsigned i = 1; i < jobs; ++i) workers.emplace_back(work);
    work();  // the calling thread is worker 0
  }
  if (failure) std::rethrow_exception(failure);
  return !interrupted;
}

}  // namespace sim::sweep
