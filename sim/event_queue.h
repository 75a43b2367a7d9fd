#pragma once
// The pending-event set of one simulation.
//
// Ordering. Events fire in increasing (time, priority, sequence): time in integer ticks, then a
// priority (lower first), then the order in which they were scheduled. The key is a total order
// over integers, so two runs with the same inputs fire the same events in the same order on any
// machine, whatever the heap's internal layout (SimGrid's double-only comparator is the
// counter-example: same-date order there depends on heap internals).
//
// Layout. A 4-ary implicit min-heap of 32-byte entries {time, priority|sequence, target, slot,
// payload} in one cache-line-aligned array, with the root stored at position 3 so that the four
// children of every node fill exactly two cache lines. A 4-ary heap has half the depth of a
// binary heap, which makes pop (the dominant cost) cheaper than in std::priority_queue. Events carry no
// heap-allocated closure: the handler is an EventTarget registered once with the simulation and addressed by
// a 32-bit id, and the event carries a 64-bit payload the target interprets. That keeps scheduling
// allocation-free.
//
// Cancellation is lazy. Each pending event owns a slot in a table of 32-bit generation words;
// an EventHandle is (slot, generation). cancel() bumps the slot's generation and marks it
// cancelled, leaving the entry in the heap as a tombstone that pop() discards when it surfaces;
// only then is the slot reused, so a stale handle can never alias a newer event. Lazy removal
// was chosen over an indexed heap because the model cancels often (repairs preempted, shipments
// held) but rarely in bulk, and it keeps sift operations free of back-pointer updates.
//
// Cost per operation, n = entries in the heap (pending + tombstones):
//   push     O(log4 n) sift-up, amortised O(1) slot allocation (a push right after a pop
//            replaces the root instead: one sift-down serves both)
//   pop      O(4 log4 n) sift-down; tombstones surface and are dropped on the way
//   cancel   O(1)
//   pending  O(1)
// Memory per pending event: 32 bytes of heap entry + 4 bytes of slot + up to 4 bytes in the
// free-slot list = 40 bytes, plus std::vector growth slack unless reserve() is called.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <vector>

#include "sim/time.h"

namespace sim {

// Lower fires first among events at the same tick. The named levels leave room between them.
enum class Priority : std::uint8_t {
  First = 0,
  Early = 64,
  Normal = 128,
  Late = 192,
  Sample = 255,  // the recorder samples after every model event of the same instant
};

using TargetId = std::uint32_t;

// A value handle to a scheduled event; copyable, and harmless to use after the event is gone.
struct EventHandle {
  std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t generation = 0;
  bool is_null() const { return slot == std::numeric_limits<std::uint32_t>::max(); }
};

struct ScheduledEvent {
  Ticks time = 0;
  std::uint64_t order = 0;  // priority in the top 8 bits, insertion sequence in the low 56
  TargetId target = 0;
  std::uint32_t slot = 0;
  std::uint64_t payload = 0;

  Priority priority() const { return static_cast<Priority>(order >> 56); }
  std::uint64_t sequence() const { return order & ((std::uint64_t{1} << 56) - 1); }
};
static_assert(sizeof(ScheduledEvent) == 32);

// Allocates on 64-byte (cache line) boundaries; see EventQueue's layout note.
template <typename T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};
  CacheLineAllocator() = default;
  template <typename U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, kAlignment); }
  template <typename U>
  friend bool operator==(const CacheLineAllocator&, const CacheLineAllocator<U>&) {
    return true;
  }
};

class EventQueue {
 public:
  EventHandle push(Ticks time, Priority priority, TargetId target, std::uint64_t payload);

  // Removes the earliest live event into `out`, skipping tombstones. False when none is left.
  bool pop(ScheduledEvent& out);
  // As pop(), but only if the earliest live event's time is <= end: the event loop's one call.
  bool pop_not_after(Ticks end, ScheduledEvent& out);
  // The time of the earliest live event; false when none is left. Drops tombstones on top.
  bool peek_time(Ticks& out);

  // True if the event was pending and is now cancelled; false (and no effect) otherwise.
  bool cancel(EventHandle h);
  bool is_pending(EventHandle h) const;

  std::size_t pending() const { return live_; }
  bool empty() const { return live_ == 0; }
  std::uint64_t scheduled_total() const { return next_sequence_; }
  void reserve(std::size_t n);
  void clear();

 private:
  static constexpr std::uint32_t kCancelledBit = 1;  // generation words count in steps of 2

  static bool earlier(const ScheduledEvent& a, const ScheduledEvent& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
  // Heap index i lives at storage_[i + kRootOffset]; the first kRootOffset entries are padding.
  static constexpr std::size_t kRootOffset = 3;
  ScheduledEvent& node(std::size_t i) { return storage_[i + kRootOffset]; }
  std::size_t heap_size() const { return storage_.size() - kRootOffset; }
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);
  void remove_top();
  void drop_tombstones_on_top();
  void settle_popped_top();
  std::uint32_t allocate_slot();

  std::vector<ScheduledEvent, CacheLineAllocator<ScheduledEvent>> storage_ =
      std::vector<ScheduledEvent, CacheLineAllocator<ScheduledEvent>>(kRootOffset);
  std::vector<std::uint32_t> slot_generation_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_sequence_ = 0;
  std::size_t live_ = 0;
  // pop() leaves the fired event's entry at the root and only marks it; the next push() then
  // overwrites the root and sifts down once, instead of a sift-down for the pop and a sift-up
  // for the push. In a discrete-event loop nearly every event schedules a successor, so this
  // halves the heap work. Any other access settles the root first.
  bool top_popped_ = false;
};

}  // namespace sim
