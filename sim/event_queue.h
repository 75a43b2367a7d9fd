#pragma once
// The pending-event set of one simulation.
//
// Ordering. Events fire in increasing (time, priority, sequence): time in integer ticks, then a
// priority (lower first), then the order in which they were scheduled. The key is a total order
// over integers, so two runs with the same inputs fire the same events in the same order on any
// machine, whatever the queue's internal layout (SimGrid's double-only comparator is the
// counter-example: same-date order there depends on heap internals).
//
// Structure: a radix queue on the time (a "radix heap" with 256-way digits, in the family of
// hierarchical timing wheels and ladder queues). A discrete-event queue is monotone: nothing is
// scheduled before the event being fired. The queue keeps a base time B <= every pending time
// and files each event by the highest byte in which its time differs from B: level L (0..7),
// bucket = that byte of the time. Every event of a level-0 bucket has the same time exactly;
// the bucket is a small binary heap on (priority, sequence). When level 0 is empty, the lowest
// non-empty bucket of the lowest level becomes the new base and its events are re-filed one
// level (or more) down, sequentially, which is where the queue beats a heap: an event is moved
// about twice between its push and its pop (once per byte of its delay above the first), each
// move a sequential copy, where a heap's pop follows log n scattered parents and children.
// 256-bit occupancy masks per level find the next non-empty bucket in a few word scans.
//
// Events carry no heap-allocated closure: the handler is an EventTarget registered once with
// the simulation and addressed by a 32-bit id, and the event carries a 64-bit payload the target
// interprets.
//
// Cancellation is lazy. Each pending event owns a slot in a table of 32-bit generation words;
// an EventHandle is (slot, generation). cancel() bumps the slot's generation and marks it
// cancelled, leaving the entry in place as a tombstone that is dropped when its bucket is
// re-filed or when it reaches the front; only then is the slot reused, so a stale handle can
// never alias a newer event. Lazy removal was chosen over an indexed structure because the
// model cancels often (repairs preempted, shipments held) but rarely in bulk.
//
// Monotonicity is a speed assumption, not a correctness one: an event earlier than the base
// (possible after peek_time() or a pop_not_after() that found nothing due, and in standalone use)
// goes to the front's heap, O(log k) in the front's size k.
//
// Cost per operation (n pending, D = bytes in which a delay exceeds the spacing of events,
// 2 or 3 in PHOLD and the rollout model):
//   push     O(1): a bucket append (a heap push among same-time events at level 0)
//   pop      O(D) amortised moves of 32 bytes + O(1) mask scans; O(log k) among k same-time events;
//            the front's batch is sorted once: by radix on its varying time bytes (at most 2,
//            at least kRadixSortMin events), otherwise by comparisons
//   cancel   O(1)
//   pending  O(1)
// Memory per pending event: 32 bytes of entry + 4 bytes of slot + up to 4 bytes in the free-slot
// list, plus the buckets' vector slack; emptied large buckets go to a pool of at most
// kSpareBuckets vectors, so the slack stays bounded by the live events, not the history.
//
// Measured: see docs/engine.md ("Event queue: choice and measurements") for the table against
// a bare std::priority_queue loop and the former 4-ary heap, and the commands.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
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

class EventQueue {
 public:
  EventQueue();

  EventHandle push(Ticks time, Priority priority, TargetId target, std::uint64_t payload);

  // Removes the earliest live event into `out`, skipping tombstones. False when none is left.
  bool pop(ScheduledEvent& out);
  // As pop(), but only if the earliest live event's time is <= end: the event loop's one call.
  bool pop_not_after(Ticks end, ScheduledEvent& out);
  // The time of the earliest live event; false when none is left.
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
  static constexpr int kDigitBits = 8;
  static constexpr int kDigits = 1 << kDigitBits;
  static constexpr int kLevels = 64 / kDigitBits;
  static constexpr int kMaskWords = kDigits / 64;
  // An emptied bucket's storage is pooled for the next bucket that needs some: small ones all
  // (at most one per bucket), large ones up to kLargeSpares, handed only to levels >= 2.
  static constexpr std::size_t kKeepCapacity = 256;
  static constexpr std::size_t kLargeSpares = 8;
  // A bucket of at most this many events goes to the front whole (sorted once); a larger one is
  // split one level down. Splitting a bucket of n events makes 256 buckets of n/256 on average,
  // each with its own refill (mask scan, vector hand-over, a sort): worth it for large n, a loss
  // near 64, where PHOLD C1 (about 64 events per level-2 bucket) split half its buckets into
  // buckets of 0-1 events. Chosen by measurement (docs/engine.md): 128 and 256 beat 64 in C1
  // (1.38 and 1.36 against 1.21 times the bare heap) and match it elsewhere; 512 cost a rollout
  // sweep 18 % more CPU (measured, not analysed), 1,024 loses C1 (0.80: the whole queue falls in
  // one window, so new events go to the front's arrivals heap).
  static constexpr std::size_t kFrontBatch = 128;
  // A batch of at least kRadixSortMin events whose times differ in at most kRadixSortMaxPasses
  // bytes is sorted by radix, any other by comparisons (sort_front).
  static constexpr std::size_t kRadixSortMin = 32;
  static constexpr int kRadixSortMaxPasses = 2;

  using Bucket = std::vector<ScheduledEvent>;

  // Times as unsigned keys with the same order (negative times sort first).
  static std::uint64_t key_of(Ticks t) { return static_cast<std::uint64_t>(t) ^ (std::uint64_t{1} << 63); }
  Bucket& bucket(int level, int digit) { return buckets_[static_cast<std::size_t>(level * kDigits + digit)]; }
  void file(const ScheduledEvent& e);
  void mark(int level, int digit) {
    occupied_[static_cast<std::size_t>(level)][static_cast<std::size_t>(digit >> 6)] |= std::uint64_t{1}
                                                                                        << (digit & 63);
    occupied_levels_ |= 1u << level;
  }
  void unmark(int level, int digit);
  int first_digit(int level) const;
  // Moves the earliest bucket into the (empty) front, splitting buckets of more than
  // kFrontBatch events one level down first; false if the queue holds nothing <= end_key.
  bool refill_front(std::uint64_t end_key);
  void refile_bucket(int level, int digit);
  void sort_front();  // sorts sorted_ by (time, priority, sequence), the earliest last
  void recycle(Bucket items);
  bool front_is_sorted() const;  // whether the front's earliest event is sorted_'s, not arrivals_'
  void drop_head(bool sorted);
  bool is_tombstone(const ScheduledEvent& e) const { return slot_generation_[e.slot] & kCancelledBit; }
  void free_tombstone_slot(std::uint32_t slot);
  std::uint32_t allocate_slot();

  // The front: every event with key <= window_last_, every bucketed event being later. A batch
  // taken from a bucket is sorted once (the earliest last, so that a pop is a pop_back); events
  // pushed into the window afterwards (same-time follow-ups) go to a binary min-heap beside it.
  std::vector<ScheduledEvent> sorted_;
  std::vector<ScheduledEvent> arrivals_;
  std::vector<ScheduledEvent> radix_scratch_;  // sort_front's second buffer, kept between batches
  std::uint64_t window_last_ = 0;
  std::vector<Bucket> buckets_;  // kLevels * kDigits
  std::array<std::array<std::uint64_t, kMaskWords>, kLevels> occupied_{};
  std::uint32_t occupied_levels_ = 0;  // bit L: some bucket of level L holds entries
  std::uint64_t base_ = 0;             // key <= every pending key; bytes above a level match it
  std::vector<Bucket> small_spares_;
  std::vector<Bucket> large_spares_;
  std::vector<std::uint32_t> slot_generation_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_sequence_ = 0;
  std::size_t live_ = 0;
};

}  // namespace sim
