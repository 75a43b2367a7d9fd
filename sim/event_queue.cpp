#include "sim/event_queue.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <utility>

namespace sim {

namespace {
constexpr std::uint64_t kSequenceLimit = std::uint64_t{1} << 56;

// Orders the front: `sorted_` is sorted by it (the earliest last), `arrivals_` is a heap by it.
struct Later {
  bool operator()(const ScheduledEvent& a, const ScheduledEvent& b) const {
    return a.time > b.time || (a.time == b.time && a.order > b.order);
  }
};
}  // namespace

EventQueue::EventQueue() : buckets_(static_cast<std::size_t>(kLevels * kDigits)) {}

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

void EventQueue::free_tombstone_slot(std::uint32_t slot) {
  slot_generation_[slot] &= ~kCancelledBit;  // the generation was already advanced by cancel()
  free_slots_.push_back(slot);
}

void EventQueue::file(const ScheduledEvent& e) {
  const std::uint64_t key = key_of(e.time);
  const std::uint64_t differs = key ^ base_;
  const int level = differs == 0 ? 0 : (63 - std::countl_zero(differs)) / kDigitBits;
  const int digit = static_cast<int>((key >> (level * kDigitBits)) & (kDigits - 1));
  Bucket& b = bucket(level, digit);
  if (b.capacity() == 0) {
    // The storage emptied last is the most likely to be in cache.
    if (level >= 2 && !large_spares_.empty()) {
      b = std::move(large_spares_.back());
      large_spares_.pop_back();
    } else if (!small_spares_.empty()) {
      b = std::move(small_spares_.back());
      small_spares_.pop_back();
    }
  }
  b.push_back(e);
  mark(level, digit);
}

void EventQueue::unmark(int level, int digit) {
  auto& words = occupied_[static_cast<std::size_t>(level)];
  words[static_cast<std::size_t>(digit >> 6)] &= ~(std::uint64_t{1} << (digit & 63));
  for (const std::uint64_t w : words) {
    if (w != 0) return;
  }
  occupied_levels_ &= ~(1u << level);
}

int EventQueue::first_digit(int level) const {
  const auto& words = occupied_[static_cast<std::size_t>(level)];
  for (int w = 0; w < kMaskWords; ++w) {
    if (words[static_cast<std::size_t>(w)] != 0)
      return w * 64 + std::countr_zero(words[static_cast<std::size_t>(w)]);
  }
  return -1;
}

EventHandle EventQueue::push(Ticks time, Priority priority, TargetId target, std::uint64_t payload) {
  if (next_sequence_ >= kSequenceLimit)
    throw std::length_error("sim::EventQueue: sequence numbers exhausted");
  const std::uint32_t slot = allocate_slot();
  const std::uint64_t order = (static_cast<std::uint64_t>(priority) << 56) | next_sequence_++;
  const std::uint64_t key = key_of(time);
  const ScheduledEvent event{time, order, target, slot, payload};
  // Bucketed events are all later than both window_last_ and base_, so an event that is not
  // belongs to the front. Below base_ only when a push follows a peek or a bounded pop that
  // looked further ahead (never from Simulation, which does not schedule in the past).
  if (key <= window_last_ || key < base_) {
    arrivals_.push_back(event);
    std::push_heap(arrivals_.begin(), arrivals_.end(), Later{});
  } else {
    file(event);
  }
  ++live_;
  return EventHandle{slot, slot_generation_[slot]};
}

void EventQueue::refile_bucket(int level, int digit) {
  Bucket items = std::move(bucket(level, digit));
  bucket(level, digit) = Bucket{};
  unmark(level, digit);
  for (const ScheduledEvent& e : items) {
    if (is_tombstone(e)) {
      free_tombstone_slot(e.slot);
    } else {
      file(e);  // always into a lower level: the bytes above `level` now match the base
    }
  }
  recycle(std::move(items));
}

void EventQueue::recycle(Bucket items) {
  items.clear();
  if (items.capacity() <= kKeepCapacity) {
    small_spares_.push_back(std::move(items));
  } else if (large_spares_.size() < kLargeSpares) {
    large_spares_.push_back(std::move(items));
  }
}

bool EventQueue::refill_front(std::uint64_t end_key) {
  while (occupied_levels_ != 0) {
    const int level = std::countr_zero(occupied_levels_);
    const int digit = first_digit(level);
    const int shift = level * kDigitBits;
    const std::uint64_t above = level + 1 == kLevels ? 0 : ~((std::uint64_t{1} << (shift + kDigitBits)) - 1);
    const std::uint64_t bucket_base = (base_ & above) | (static_cast<std::uint64_t>(digit) << shift);
    if (bucket_base > end_key) return false;
    base_ = bucket_base;
    if (level > 0 && bucket(level, digit).size() > kFrontBatch) {
      refile_bucket(level, digit);
      continue;
    }
    Bucket items = std::move(bucket(level, digit));
    bucket(level, digit) = Bucket{};
    unmark(level, digit);
    window_last_ = bucket_base + ((std::uint64_t{1} << shift) - 1);
    for (const ScheduledEvent& e : items) {
      if (is_tombstone(e)) {
        free_tombstone_slot(e.slot);
      } else {
        sorted_.push_back(e);
      }
    }
    recycle(std::move(items));
    if (!sorted_.empty()) {
      sort_front();
      return true;
    }
  }
  return false;
}

void EventQueue::sort_front() {
  const std::size_t n = sorted_.size();
  if (n < kRadixSortMin) {
    std::sort(sorted_.begin(), sorted_.end(), Later{});  // the earliest last
    return;
  }
  // Which bytes of the time key differ within the batch: all of one bucket share the bytes above
  // its level, and usually most below it.
  const std::uint64_t first = key_of(sorted_.front().time);
  std::uint64_t varying = 0;
  for (const ScheduledEvent& e : sorted_) varying |= key_of(e.time) ^ first;
  const int passes = varying == 0 ? 0 : (63 - std::countl_zero(varying)) / kDigitBits + 1;
  if (passes == 0 || passes > kRadixSortMaxPasses) {
    // One time only (a level-0 bucket, of any size, is never split): comparisons of (priority,
    // sequence) alone; or too many bytes for radix passes to win.
    std::sort(sorted_.begin(), sorted_.end(), Later{});
    return;
  }
  // Least-significant-digit radix sort on the time, descending and stable: a count and a
  // scatter per varying byte, no data-dependent branch (a comparison sort of a batch of random
  // times mispredicts about every other comparison).
  radix_scratch_.resize(n);
  std::vector<ScheduledEvent>* from = &sorted_;
  std::vector<ScheduledEvent>* to = &radix_scratch_;
  for (int pass = 0; pass < passes; ++pass) {
    const int shift = pass * kDigitBits;
    if (((varying >> shift) & (kDigits - 1)) == 0) continue;
    std::array<std::uint32_t, kDigits> start{};
    for (const ScheduledEvent& e : *from) ++start[(key_of(e.time) >> shift) & (kDigits - 1)];
    std::uint32_t position = 0;  // descending: the highest digit first
    for (int digit = kDigits - 1; digit >= 0; --digit) {
      const std::uint32_t count = start[static_cast<std::size_t>(digit)];
      start[static_cast<std::size_t>(digit)] = position;
      position += count;
    }
    for (const ScheduledEvent& e : *from) (*to)[start[(key_of(e.time) >> shift) & (kDigits - 1)]++] = e;
    std::swap(from, to);
  }
  if (from != &sorted_) sorted_.swap(radix_scratch_);
  // Events of the same time keep the bucket's order; put each such run in (priority, sequence)
  // order, the earliest last. Runs are rare and short in a queue of spread-out times.
  for (std::size_t i = 0; i + 1 < n;) {
    std::size_t end = i + 1;
    while (end < n && sorted_[end].time == sorted_[i].time) ++end;
    if (end - i > 1) {
      std::sort(sorted_.begin() + static_cast<std::ptrdiff_t>(i),
                sorted_.begin() + static_cast<std::ptrdiff_t>(end), Later{});
    }
    i = end;
  }
}

bool EventQueue::pop(ScheduledEvent& out) { return pop_not_after(std::numeric_limits<Ticks>::max(), out); }

bool EventQueue::front_is_sorted() const {
  return arrivals_.empty() || (!sorted_.empty() && Later{}(arrivals_.front(), sorted_.back()));
}

void EventQueue::drop_head(bool sorted) {
  if (!sorted) std::pop_heap(arrivals_.begin(), arrivals_.end(), Later{});
  (sorted ? sorted_ : arrivals_).pop_back();
}

bool EventQueue::pop_not_after(Ticks end, ScheduledEvent& out) {
  for (;;) {
    if (sorted_.empty() && arrivals_.empty() && !refill_front(key_of(end))) return false;
    const bool sorted = front_is_sorted();
    const ScheduledEvent& head = sorted ? sorted_.back() : arrivals_.front();
    if (is_tombstone(head)) {
      const std::uint32_t slot = head.slot;
      drop_head(sorted);
      free_tombstone_slot(slot);
      continue;
    }
    if (head.time > end) return false;
    out = head;
    drop_head(sorted);
    slot_generation_[out.slot] += 2;  // outstanding handles to this event stop being pending
    free_slots_.push_back(out.slot);
    --live_;
    return true;
  }
}

bool EventQueue::peek_time(Ticks& out) {
  for (;;) {
    if (sorted_.empty() && arrivals_.empty() && !refill_front(std::numeric_limits<std::uint64_t>::max()))
      return false;
    const bool sorted = front_is_sorted();
    const ScheduledEvent& head = sorted ? sorted_.back() : arrivals_.front();
    if (!is_tombstone(head)) {
      out = head.time;
      return true;
    }
    const std::uint32_t slot = head.slot;
    drop_head(sorted);
    free_tombstone_slot(slot);
  }
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
  slot_generation_.reserve(n);
  free_slots_.reserve(n);
}

void EventQueue::clear() {
  for (int level = 0; level < kLevels; ++level) {
    for (int digit = first_digit(level); digit >= 0; digit = first_digit(level)) {
      Bucket& b = bucket(level, digit);
      for (const ScheduledEvent& e : b) {
        slot_generation_[e.slot] = (slot_generation_[e.slot] + 2) & ~kCancelledBit;
        free_slots_.push_back(e.slot);
      }
      b.clear();
      unmark(level, digit);
    }
  }
  for (std::vector<ScheduledEvent>* front : {&sorted_, &arrivals_}) {
    for (const ScheduledEvent& e : *front) {
      slot_generation_[e.slot] = (slot_generation_[e.slot] + 2) & ~kCancelledBit;
      free_slots_.push_back(e.slot);
    }
    front->clear();
  }
  base_ = 0;
  window_last_ = 0;
  live_ = 0;
}

}  // namespace sim
