#include "sim/event_queue.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <vector>

#include "sim/random.h"

namespace sim {
namespace {

std::vector<std::uint64_t> drain(EventQueue& q) {
  std::vector<std::uint64_t> payloads;
  ScheduledEvent e;
  while (q.pop(e)) payloads.push_back(e.payload);
  return payloads;
}

TEST(EventQueue, OrdersByTimeThenPriorityThenInsertion) {
  EventQueue q;
  q.push(10, Priority::Normal, 0, 1);
  q.push(5, Priority::Late, 0, 2);
  q.push(10, Priority::Early, 0, 3);
  q.push(10, Priority::Normal, 0, 4);  // same time and priority as 1: after it
  q.push(5, Priority::Sample, 0, 5);
  q.push(5, Priority::First, 0, 6);
  q.push(10, Priority::Normal, 0, 7);
  EXPECT_EQ(drain(q), (std::vector<std::uint64_t>{6, 2, 5, 3, 1, 4, 7}));
}

TEST(EventQueue, ManyTiesKeepInsertionOrder) {
  EventQueue q;
  for (std::uint64_t i = 0; i < 1000; ++i) q.push(42, Priority::Normal, 0, i);
  const auto out = drain(q);
  ASSERT_EQ(out.size(), 1000u);
  for (std::uint64_t i = 0; i < 1000; ++i) EXPECT_EQ(out[i], i);
}

TEST(EventQueue, CancelBeforeFiring) {
  EventQueue q;
  const EventHandle a = q.push(1, Priority::Normal, 0, 1);
  const EventHandle b = q.push(2, Priority::Normal, 0, 2);
  EXPECT_TRUE(q.is_pending(a));
  EXPECT_TRUE(q.cancel(a));
  EXPECT_FALSE(q.is_pending(a));
  EXPECT_EQ(q.pending(), 1u);
  EXPECT_EQ(drain(q), (std::vector<std::uint64_t>{2}));
  EXPECT_FALSE(q.is_pending(b));
}

TEST(EventQueue, CancelTwiceAndAfterFiringAreNoOps) {
  EventQueue q;
  const EventHandle a = q.push(1, Priority::Normal, 0, 1);
  EXPECT_TRUE(q.cancel(a));
  EXPECT_FALSE(q.cancel(a));
  const EventHandle b = q.push(3, Priority::Normal, 0, 2);
  ScheduledEvent e;
  ASSERT_TRUE(q.pop(e));
  EXPECT_EQ(e.payload, 2u);
  EXPECT_FALSE(q.is_pending(b));
  EXPECT_FALSE(q.cancel(b));
  EXPECT_FALSE(q.cancel(EventHandle{}));  // a null handle
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, StaleHandleNeverCancelsANewerEventInTheSameSlot) {
  EventQueue q;
  const EventHandle old_handle = q.push(1, Priority::Normal, 0, 1);
  ScheduledEvent e;
  ASSERT_TRUE(q.pop(e));
  const EventHandle fresh = q.push(2, Priority::Normal, 0, 2);  // reuses the freed slot
  EXPECT_EQ(fresh.slot, old_handle.slot);
  EXPECT_FALSE(q.cancel(old_handle));
  EXPECT_TRUE(q.is_pending(fresh));
  // A cancelled slot is not reused until its tombstone has left the heap.
  EXPECT_TRUE(q.cancel(fresh));
  const EventHandle third = q.push(5, Priority::Normal, 0, 3);
  EXPECT_NE(third.slot, fresh.slot);
  EXPECT_EQ(drain(q), (std::vector<std::uint64_t>{3}));
}

TEST(EventQueue, PopNotAfterRespectsTheBound) {
  EventQueue q;
  q.push(5, Priority::Normal, 0, 1);
  q.push(6, Priority::Normal, 0, 2);
  ScheduledEvent e;
  EXPECT_TRUE(q.pop_not_after(5, e));
  EXPECT_EQ(e.payload, 1u);
  EXPECT_FALSE(q.pop_not_after(5, e));
  EXPECT_EQ(q.pending(), 1u);
  Ticks t = 0;
  EXPECT_TRUE(q.peek_time(t));
  EXPECT_EQ(t, 6);
}

TEST(EventQueue, PushAfterPopReplacesTheRootCorrectly) {
  // Exercise the deferred-pop path against a reference order with interleaved cancels.
  EventQueue q;
  std::vector<EventHandle> handles;
  for (std::uint64_t i = 0; i < 200; ++i)
    handles.push_back(q.push(static_cast<Ticks>((i * 37) % 101), Priority::Normal, 0, i));
  for (std::size_t i = 0; i < handles.size(); i += 3) q.cancel(handles[i]);
  Ticks last_time = -1;
  std::uint64_t last_order = 0;
  ScheduledEvent e;
  std::size_t fired = 0;
  while (q.pop(e)) {
    ASSERT_TRUE(e.time > last_time || (e.time == last_time && e.order > last_order));
    ASSERT_TRUE(e.payload >= 1000 || e.payload % 3 != 0) << "a cancelled event fired: " << e.payload;
    last_time = e.time;
    last_order = e.order;
    if (++fired < 100 && e.payload < 200) q.push(e.time + 50, Priority::Normal, 0, e.payload + 1000);
  }
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, ClearInvalidatesHandles) {
  EventQueue q;
  const EventHandle a = q.push(1, Priority::Normal, 0, 1);
  q.clear();
  EXPECT_FALSE(q.is_pending(a));
  EXPECT_TRUE(q.empty());
  ScheduledEvent e;
  EXPECT_FALSE(q.pop(e));
}

// The reference model: an ordered map on (time, priority, sequence) holding the payloads of
// live events. The queue must pop exactly what the map pops, in the same order.
class ReferenceQueue {
 public:
  using Key = std::tuple<Ticks, int, std::uint64_t>;
  void push(Ticks t, Priority p, std::uint64_t sequence, std::uint64_t payload) {
    events_[{t, static_cast<int>(p), sequence}] = payload;
    by_sequence_[sequence] = {t, static_cast<int>(p), sequence};
  }
  bool cancel(std::uint64_t sequence) {
    const auto it = by_sequence_.find(sequence);
    if (it == by_sequence_.end()) return false;
    events_.erase(it->second);
    by_sequence_.erase(it);
    return true;
  }
  bool pop_not_after(Ticks end, Ticks& time, std::uint64_t& payload) {
    if (events_.empty() || std::get<0>(events_.begin()->first) > end) return false;
    time = std::get<0>(events_.begin()->first);
    payload = events_.begin()->second;
    by_sequence_.erase(std::get<2>(events_.begin()->first));
    events_.erase(events_.begin());
    return true;
  }
  bool peek_time(Ticks& time) const {
    if (events_.empty()) return false;
    time = std::get<0>(events_.begin()->first);
    return true;
  }
  std::size_t size() const { return events_.size(); }

 private:
  std::map<Key, std::uint64_t> events_;
  std::map<std::uint64_t, Key> by_sequence_;
};

// Random pushes (spread from one tick to 2^40 ticks ahead, many ties on time and priority),
// cancellations of live, fired and cancelled events, bounded pops and peeks, against the model.
void stress_against_reference(std::uint64_t seed, Ticks start) {
  EventQueue q;
  ReferenceQueue reference;
  RandomStream random(seed);
  std::vector<EventHandle> handles;  // by sequence
  Ticks now = start;
  std::uint64_t fired = 0;
  const Priority priorities[] = {Priority::First, Priority::Early, Priority::Normal, Priority::Late,
                                 Priority::Sample};
  for (int step = 0; step < 60000; ++step) {
    const std::uint64_t action = random.below(100);
    if (action < 45) {
      // Delays of every scale: same tick, a few ticks, and up to 2^40 ticks (every byte level).
      const int scale = static_cast<int>(random.below(6));
      const Ticks delay = scale == 0 ? 0 : static_cast<Ticks>(random.below(std::uint64_t{1} << (8 * scale)));
      const Priority p = priorities[random.below(5)];
      const std::uint64_t sequence = handles.size();
      handles.push_back(q.push(now + delay, p, 0, sequence));
      reference.push(now + delay, p, sequence, sequence);
    } else if (action < 60 && !handles.empty()) {
      const std::uint64_t sequence = random.below(handles.size());
      ASSERT_EQ(q.cancel(handles[sequence]), reference.cancel(sequence)) << "step " << step;
    } else if (action < 65) {
      Ticks t = 0;
      const bool any = reference.peek_time(t);
      Ticks got = 0;
      ASSERT_EQ(q.peek_time(got), any);
      if (any) {
        ASSERT_EQ(got, t);
      }
    } else {
      const Ticks end = now + static_cast<Ticks>(random.below(1000));
      ScheduledEvent e;
      Ticks expected_time = 0;
      std::uint64_t expected_payload = 0;
      const bool expected = reference.pop_not_after(end, expected_time, expected_payload);
      ASSERT_EQ(q.pop_not_after(end, e), expected) << "step " << step;
      if (expected) {
        ASSERT_EQ(e.time, expected_time);
        ASSERT_EQ(e.payload, expected_payload) << "step " << step;
        ASSERT_FALSE(q.is_pending(handles[e.payload]));
        now = e.time;
        ++fired;
      } else {
        now = end;  // as Simulation::run_until leaves the clock
      }
    }
    ASSERT_EQ(q.pending(), reference.size());
  }
  ScheduledEvent e;
  Ticks t = 0;
  std::uint64_t payload = 0;
  while (reference.pop_not_after(std::numeric_limits<Ticks>::max(), t, payload)) {
    ASSERT_TRUE(q.pop(e));
    ASSERT_EQ(e.payload, payload);
  }
  EXPECT_FALSE(q.pop(e));
  EXPECT_GT(fired, 1000u);
}

TEST(EventQueue, StressMatchesAnOrderedMapReference) { stress_against_reference(1, 0); }
TEST(EventQueue, StressMatchesTheReferenceAtNegativeAndHugeTimes) {
  stress_against_reference(2, -(Ticks{1} << 50));
  stress_against_reference(3, (Ticks{1} << 62));
}

TEST(EventQueue, SameTimeFollowUpsOrderByPriorityThenSequence) {
  // Events pushed at the time being fired (the recorder's samples, cascades) go beside the
  // sorted batch and must still interleave with it by priority and sequence.
  EventQueue q;
  for (std::uint64_t i = 0; i < 100; ++i) q.push(1000, i % 2 ? Priority::Late : Priority::Early, 0, i);
  ScheduledEvent e;
  ASSERT_TRUE(q.pop(e));
  EXPECT_EQ(e.payload, 0u);
  q.push(1000, Priority::First, 0, 500);   // before every remaining Early event
  q.push(1000, Priority::Sample, 0, 501);  // after every Late event
  q.push(1000, Priority::Early, 0, 502);   // after the Early events already pushed
  std::vector<std::uint64_t> expected{500};
  for (std::uint64_t i = 2; i < 100; i += 2) expected.push_back(i);
  expected.push_back(502);
  for (std::uint64_t i = 1; i < 100; i += 2) expected.push_back(i);
  expected.push_back(501);
  EXPECT_EQ(drain(q), expected);
}

// A batch that the front sorts by radix (at least 32 events whose times differ only in the low
// one or two bytes) with many ties on time, pushed out of order with mixed priorities, must come out in
// (time, priority, sequence) order like the reference.
TEST(EventQueue, RadixSortedBatchKeepsPriorityAndSequenceOrderAmongTies) {
  for (const Ticks window : {Ticks{200}, Ticks{60000}}) {
    EventQueue q;
    ReferenceQueue reference;
    RandomStream random(17);
    const Priority priorities[] = {Priority::First, Priority::Normal, Priority::Late, Priority::Sample};
    for (std::uint64_t sequence = 0; sequence < 100; ++sequence) {
      // Twelve distinct times, so every time carries about eight events of mixed priority.
      const Ticks t = 65536 + window * static_cast<Ticks>(random.below(12)) / 12;
      const Priority p = priorities[random.below(4)];
      q.push(t, p, 0, sequence);
      reference.push(t, p, sequence, sequence);
    }
    std::vector<std::uint64_t> expected;
    Ticks t = 0;
    std::uint64_t payload = 0;
    while (reference.pop_not_after(std::numeric_limits<Ticks>::max(), t, payload))
      expected.push_back(payload);
    EXPECT_EQ(drain(q), expected) << "times spread over " << window << " ticks";
  }
}

TEST(EventQueue, PushBeforeAPeekedTimeIsStillOrdered) {
  // peek_time and a bound-limited pop may advance the queue's internal base; an earlier push
  // afterwards must still come out first.
  EventQueue q;
  q.push(1 << 20, Priority::Normal, 0, 1);
  q.push(3 << 20, Priority::Normal, 0, 2);
  Ticks t = 0;
  ASSERT_TRUE(q.peek_time(t));
  EXPECT_EQ(t, 1 << 20);
  q.push(5, Priority::Normal, 0, 3);
  ScheduledEvent e;
  EXPECT_FALSE(q.pop_not_after(4, e));
  q.push(4, Priority::Normal, 0, 4);
  EXPECT_EQ(drain(q), (std::vector<std::uint64_t>{4, 3, 1, 2}));
}

TEST(EventQueue, HoldModelAtScaleFiresInOrder) {
  // PHOLD-like: one pop, one push a random delay later, with 100,000 events pending.
  EventQueue q;
  RandomStream random(9);
  for (std::uint64_t i = 0; i < 100000; ++i)
    q.push(static_cast<Ticks>(random.below(1 << 24)), Priority::Normal, 0, i);
  ScheduledEvent e;
  Ticks last_time = 0;
  std::uint64_t last_order = 0;
  for (int i = 0; i < 500000; ++i) {
    ASSERT_TRUE(q.pop(e));
    ASSERT_TRUE(e.time > last_time || (e.time == last_time && e.order > last_order));
    last_time = e.time;
    last_order = e.order;
    q.push(e.time + 1 + static_cast<Ticks>(random.below(1 << 24)), Priority::Normal, 0, e.payload);
  }
  EXPECT_EQ(q.pending(), 100000u);
}

}  // namespace
}  // namespace sim
