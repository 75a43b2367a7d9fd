#pragma once
#include <cstdint>

namespace sim {

class Simulation;

// Something that handles events. A component registers itself once (Simulation::add_target) and
// then schedules events addressed to its id; the 64-bit payload says what the event is about
// (see pack_payload). The target must outlive every event addressed to it.
class EventTarget {
 public:
  virtual ~EventTarget() = default;
  virtual void on_event(Simulation& sim, std::uint64_t payload) = 0;
};

// A convenient payload layout: an 8-bit kind and a 56-bit index (entity, order line, ...).
constexpr std::uint64_t pack_payload(std::uint8_t kind, std::uint64_t index) {
  return (std::uint64_t{kind} << 56) | (index & ((std::uint64_t{1} << 56) - 1));
}
constexpr std::uint8_t payload_kind(std::uint64_t payload) {
  return static_cast<std::uint8_t>(payload >> 56);
}
constexpr std::uint64_t payload_index(std::uint64_t payload) {
  return payload & ((std::uint64_t{1} << 56) - 1);
}

}  // namespace sim
