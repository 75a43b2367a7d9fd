#include "sim/simulation.h"

#include <stdexcept>
#include <string>

namespace sim {

Simulation::Simulation(const SimulationConfig& config) : config_(config), calendar_(config.epoch) {}

TargetId Simulation::add_target(EventTarget& target) {
  targets_.push_back(&target);
  return static_cast<TargetId>(targets_.size() - 1);
}

EventHandle Simulation::schedule_at(Ticks time, TargetId target, std::uint64_t payload, Priority priority) {
  if (time < now_) {
    throw std::logic_error("sim::Simulation: event scheduled in the past (t=" + std::to_string(time) +
                           " < now=" + std::to_string(now_) + ")");
  }
  if (target >= targets_.size()) throw std::logic_error("sim::Simulation: event for an unregistered target");
  return queue_.push(time, priority, target, payload);
}

StopReason Simulation::loop(Ticks end) {
  stop_requested_ = false;
  ScheduledEvent event;
  while (queue_.pop_not_after(end, event)) {
    now_ = event.time;
    ++events_fired_;
    if (observer_) observer_(event);
    targets_[event.target]->on_event(*this, event.payload);
    if (stop_requested_) return StopReason::Stopped;
  }
  return queue_.empty() ? StopReason::QueueEmpty : StopReason::ReachedTime;
}

StopReason Simulation::run_until(Ticks end) {
  const StopReason reason = loop(end);
  if (reason != StopReason::Stopped && end > now_) now_ = end;
  return reason;
}

std::uint64_t Simulation::key_state(std::string_view key) const {
  for (const auto& [known, state] : key_states_) {
    if (known == key) return state;
  }
  const std::uint64_t state = stream_key_state(config_.master_seed, config_.run_index, key);
  key_states_.emplace_back(key, state);
  return state;
}

StopReason Simulation::run() { return loop(std::numeric_limits<Ticks>::max()); }

}  // namespace sim
