#include "sim/event_queue.h"

#include <stdexcept>

namespace sim {

namespace {
constexpr std::size_t kArity = 4;
constexpr std::uint64_t kSequenceLimit = std::uint64_t{1} << 56;
}  // namespace

std::uint32_t EventQueue::allocate_slot() {
  if (!free_slots_.empty()) {
    const std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  if (slot_generation_.size() >= std::numeric_limits<std::uint32_t>::max() - 1) {
    throw std::length_error("sim::EventQueue: more than 4 billion pending events");
  }
  slot_generation_.push_back(0);
  return static_cast<std::uint32_t>(slot_generation_.size() - 1);
}

EventHandle EventQueue::push(Ticks time, Priority priority, TargetId target, std::uint64_t payload) {
  if (next_sequence_ >= kSequenceLimit)
    throw std::length_error("sim::EventQueue: sequence numbers exhausted");
  const std::uint32_t slot = allocate_slot();
  const std::uint64_t order = (static_cast<std::uint64_t>(priority) << 56) | next_sequence_++;
  const ScheduledEvent event{time, order, target, slot, payload};
  if (top_popped_) {
    top_popped_ = false;
    node(0) = event;
    sift_down(0);
  } else {
    storage_.push_back(event);
    sift_up(heap_size() - 1);
  }
  ++live_;
  return EventHandle{slot, slot_generation_[slot]};
}

void EventQueue::sift_up(std::size_t i) {
  const ScheduledEvent moving = node(i);
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!earlier(moving, node(parent))) break;
    node(i) = node(parent);
    i = parent;
  }
  node(i) = moving;
}

void EventQueue::sift_down(std::size_t i) {
  const std::size_t n = heap_size();
  const ScheduledEvent moving = node(i);
  for (;;) {
    const std::size_t first = i * kArity + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t last = first + kArity < n ? first + kArity : n;
    for (std::size_t c = first + 1; c < last; ++c) {
      if (earlier(node(c), node(best))) best = c;
    }
    if (!earlier(node(best), moving)) break;
    node(i) = node(best);
    i = best;
  }
  node(i) = moving;
}

void EventQueue::remove_top() {
  node(0) = storage_.back();
  storage_.pop_back();
  if (heap_size() > 0) sift_down(0);
}

void EventQueue::settle_popped_top() {
  if (top_popped_) {
    top_popped_ = false;
    remove_top();
  }
}

void EventQueue::drop_tombstones_on_top() {
  settle_popped_top();
  while (heap_size() > 0 && (slot_generation_[node(0).slot] & kCancelledBit)) {
    const std::uint32_t slot = node(0).slot;
    slot_generation_[slot] &= ~kCancelledBit;  // the generation was already advanced by cancel()
    free_slots_.push_back(slot);
    remove_top();
  }
}

bool EventQueue::pop(ScheduledEvent& out) { return pop_not_after(std::numeric_limits<Ticks>::max(), out); }

bool EventQueue::pop_not_after(Ticks end, ScheduledEvent& out) {
  drop_tombstones_on_top();
  if (heap_size() == 0 || node(0).time > end) return false;
  out = node(0);
  top_popped_ = true;
  slot_generation_[out.slot] += 2;  // outstanding handles to this event stop being pending
  free_slots_.push_back(out.slot);
  --live_;
  return true;
}

bool EventQueue::peek_time(Ticks& out) {
  drop_tombstones_on_top();
  if (heap_size() == 0) return false;
  out = node(0).time;
  return true;
}

bool EventQueue::is_pending(EventHandle h) const {
  return !h.is_null() && h.slot < slot_generation_.size() && slot_generation_[h.slot] == h.generation;
}

bool EventQueue::cancel(EventHandle h) {
  if (!is_pending(h)) return false;
  slot_generation_[h.slot] = (slot_generation_[h.slot] + 2) | kCancelledBit;
  --live_;
  return true;
}

void EventQueue::reserve(std::size_t n) {
  storage_.reserve(n + kRootOffset);
  slot_generation_.reserve(n);
  free_slots_.reserve(n);
}

void EventQueue::clear() {
  settle_popped_top();
  for (std::size_t i = 0; i < heap_size(); ++i) {
    const std::uint32_t slot = node(i).slot;
    slot_generation_[slot] = (slot_generation_[slot] + 2) & ~kCancelledBit;
    free_slots_.push_back(slot);
  }
  storage_.resize(kRootOffset);
  live_ = 0;
}

}  // namespace sim
