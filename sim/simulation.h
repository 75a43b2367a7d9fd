#pragma once
// One simulation run: its clock, event queue, random streams and recorder, and nothing shared
// with any other run. Many Simulations may run at once in different threads.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
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
  // Same as RandomStream(StreamKey{seed, run index, key, entity}); the key's part of the hash is
  // computed once per key and run (the model derives a stream per entity and event, and hashing
  // the key each time was 15 % of a Korea run).
  RandomStream stream(std::string_view key, std::uint64_t entity = 0) const {
    return RandomStream(finish_stream_key(key_state(key), entity));
  }
  // The streams of `key` for many entities: stream_family(key).stream(e) == stream(key, e).
  StreamFamily stream_family(std::string_view key) const { return StreamFamily(key_state(key)); }

  Recorder& recorder() { return recorder_; }
  EventQueue& queue() { return queue_; }
  std::uint64_t events_fired() const { return events_fired_; }
  void set_observer(EventObserver observer) { observer_ = std::move(observer); }

 private:
  StopReason loop(Ticks end);
  std::uint64_t key_state(std::string_view key) const;

  SimulationConfig config_;
  Calendar calendar_;
  EventQueue queue_;
  std::vector<EventTarget*> targets_;
  Recorder recorder_;
  EventObserver observer_;
  Ticks now_ = 0;
  std::uint64_t events_fired_ = 0;
  bool stop_requested_ = false;
  // stream_key_state of each key seen, searched linearly: a model has a few dozen keys.
  mutable std::vector<std::pair<std::string, std::uint64_t>> key_states_;
};

}  // namespace sim
