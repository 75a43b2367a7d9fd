#pragma once
// One simulation run: its clock, event queue, random streams and recorder, and nothing shared
// with any other run. Many Simulations may run at once in different threads.

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "sim/event_queue.h"
#include "sim/event_target.h"
#include "sim/random.h"
#include "sim/recorder.h"
#include "sim/time.h"

namespace sim {

struct SimulationConfig {
  std::uint64_t master_seed = 0;
  std::uint64_t run_index = 0;
  Date epoch{2025, 1, 1};
};

enum class StopReason {
  QueueEmpty,   // no event left
  ReachedTime,  // the next event lies after the requested end time
  Stopped,      // a handler called stop()
};

// Called for every fired event before its handler; for traces and determinism tests.
using EventObserver = std::function<void(const ScheduledEvent&)>;

class Simulation {
 public:
  explicit Simulation(const SimulationConfig& config);
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  Ticks now() const { return now_; }
  const Calendar& calendar() const { return calendar_; }
  const SimulationConfig& config() const { return config_; }

  TargetId add_target(EventTarget& target);

  // Scheduling in the past is a programming error and throws std::logic_error.
  EventHandle schedule_at(Ticks time, TargetId target, std::uint64_t payload,
                          Priority priority = Priority::Normal);
  EventHandle schedule_in(Ticks delay, TargetId target, std::uint64_t payload,
                          Priority priority = Priority::Normal) {
    return schedule_at(now_ + delay, target, payload, priority);
  }
  bool cancel(EventHandle h) { return queue_.cancel(h); }
  bool is_pending(EventHandle h) const { return queue_.is_pending(h); }

  // Fires every event with time <= end, then sets the clock to `end` (unless stopped earlier).
  StopReason run_until(Ticks end);
  // Fires events until none is left or a handler calls stop().
  StopReason run();
  // Ends the current run_until/run after the handler that calls it returns.
  void stop() { stop_requested_ = true; }

  // A random stream unique to (master seed, run index, key, entity); see random.h.
  RandomStream stream(std::string_view key, std::uint64_t entity = 0) const {
    return RandomStream(StreamKey{config_.master_seed, config_.run_index, key, entity});
  }

  Recorder& recorder() { return recorder_; }
  EventQueue& queue() { return queue_; }
  std::uint64_t events_fired() const { return events_fired_; }
  void set_observer(EventObserver observer) { observer_ = std::move(observer); }

 private:
  StopReason loop(Ticks end);

  SimulationConfig config_;
  Calendar calendar_;
  EventQueue queue_;
  std::vector<EventTarget*> targets_;
  Recorder recorder_;
  EventObserver observer_;
  Ticks now_ = 0;
  std::uint64_t events_fired_ = 0;
  bool stop_requested_ = false;
};

}  // namespace sim
