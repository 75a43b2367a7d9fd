#include <gtest/gtest.h>

#include <vector>

#include "sim/event_queue.h"

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

}  // namespace
}  // namespace sim
