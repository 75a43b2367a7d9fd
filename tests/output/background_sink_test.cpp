#include "output/background_sink.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "output/error.h"
#include "output/reader.h"
#include "tests/output/sample_run.h"

namespace output {
namespace {

using namespace std::chrono_literals;

sim::RecordingSchema two_value_schema() {
  sim::RecordingSchema schema;
  for (const char* name : {"a", "b"}) {
    sim::VariableInfo info;
    info.name = name;
    info.units = "1";
    schema.series.push_back(info);
  }
  schema.series_offset = {0, 1};
  schema.row_size = 2;
  return schema;
}

// Records every call with the thread that made it; wants only series 1, and says so only after
// begin() unless `wants_known_early`. Throws output::Error in begin() if `fail_begin`, at row
// `fail_at`, and blocks in append() while `hold` is set.
class RecordingTarget final : public sim::SampleSink {
 public:
  void begin(const sim::RecordingSchema& schema) override {
    begin_thread = std::this_thread::get_id();
    if (fail_begin) throw Error("t.h5: cannot create 'a': No space left on device");
    row_size = schema.row_size;
  }
  void append(sim::Ticks time, std::span<const double> row) override {
    {
      std::unique_lock lock(mutex);
      ++appends_entered;
      entered.notify_all();
      released.wait(lock, [this] { return !hold; });
    }
    if (times.size() == fail_at) throw Error("t.h5: cannot write rows: No space left on device");
    append_threads.push_back(std::this_thread::get_id());
    times.push_back(time);
    values.insert(values.end(), row.begin(), row.end());
  }
  void finish(const std::vector<sim::StaticVariable>&) override {
    finish_thread = std::this_thread::get_id();
    finished = true;
  }
  bool wants_series(std::size_t index) const override {
    return (wants_known_early || row_size > 0) && index == 1;
  }
  bool wants_series_before_begin() const override { return wants_known_early; }

  void release() {
    {
      const std::lock_guard lock(mutex);
      hold = false;
    }
    released.notify_all();
  }
  void wait_for_appends(int n) {
    std::unique_lock lock(mutex);
    entered.wait(lock, [&] { return appends_entered >= n; });
  }

  std::size_t row_size = 0;
  bool wants_known_early = false;
  bool fail_begin = false;
  std::size_t fail_at = static_cast<std::size_t>(-1);
  std::thread::id begin_thread, finish_thread;
  std::vector<std::thread::id> append_threads;
  std::vector<sim::Ticks> times;
  std::vector<double> values;
  bool finished = false;

  std::mutex mutex;
  std::condition_variable entered, released;
  bool hold = false;
  int appends_entered = 0;
};

std::vector<double> row_of(std::size_t r) { return {static_cast<double>(r), 0.5 + static_cast<double>(r)}; }

TEST(BackgroundSink, RowsReachTheTargetInOrderOnAnotherThreadBeginAndFinishOnTheCallers) {
  for (const std::size_t batch_bytes : {std::size_t{1}, std::size_t{16 * 7}, std::size_t{1 << 20}}) {
    RecordingTarget target;
    {
      BackgroundSink sink(target, batch_bytes, 2);
      sink.begin(two_value_schema());
      for (std::size_t r = 0; r < 1000; ++r) sink.append(static_cast<sim::Ticks>(r * 86400), row_of(r));
      sink.finish({});
    }
    EXPECT_EQ(target.begin_thread, std::this_thread::get_id());
    EXPECT_EQ(target.finish_thread, std::this_thread::get_id());
    ASSERT_EQ(target.times.size(), 1000u) << "batch of " << batch_bytes << " bytes";
    for (std::size_t r = 0; r < 1000; ++r) {
      ASSERT_EQ(target.times[r], static_cast<sim::Ticks>(r * 86400));
      ASSERT_EQ(target.values[2 * r], row_of(r)[0]);
      ASSERT_EQ(target.values[2 * r + 1], row_of(r)[1]);
      ASSERT_NE(target.append_threads[r], std::this_thread::get_id());
    }
  }
}

TEST(BackgroundSink, WantsSeriesIsWhatTheTargetSaidAfterBegin) {
  RecordingTarget target;
  BackgroundSink sink(target);
  sink.begin(two_value_schema());
  EXPECT_FALSE(sink.wants_series(0));
  EXPECT_TRUE(sink.wants_series(1));
  sink.finish({});
}

TEST(BackgroundSink, BeginIsHandedToTheWorkerWhenTheTargetKnowsItsSeriesBeforeIt) {
  RecordingTarget target;
  target.wants_known_early = true;
  {
    BackgroundSink sink(target, 16 * 7, 2);
    sink.begin(two_value_schema());
    EXPECT_FALSE(sink.wants_series(0));
    EXPECT_TRUE(sink.wants_series(1));
    for (std::size_t r = 0; r < 100; ++r) sink.append(static_cast<sim::Ticks>(r), row_of(r));
    sink.finish({});
  }
  EXPECT_NE(target.begin_thread, std::this_thread::get_id());
  EXPECT_EQ(target.row_size, 2u);  // its begin() ran, on the worker
  EXPECT_EQ(target.finish_thread, std::this_thread::get_id());
  ASSERT_EQ(target.times.size(), 100u);
  for (std::size_t r = 0; r < 100; ++r) ASSERT_EQ(target.times[r], static_cast<sim::Ticks>(r));
  EXPECT_TRUE(target.finished);
}

TEST(BackgroundSink, AFailedBeginOnTheWorkerIsRethrownToTheCallerAndNoRowIsWritten) {
  for (const std::size_t rows : {std::size_t{0}, std::size_t{1000}}) {
    RecordingTarget target;
    target.wants_known_early = true;
    target.fail_begin = true;
    BackgroundSink sink(target, 1, 1);  // one row per batch
    sink.begin(two_value_schema());     // does not wait for the worker's begin()
    std::string message;
    try {
      for (std::size_t r = 0; r < rows; ++r) sink.append(static_cast<sim::Ticks>(r), row_of(r));
      sink.finish({});
    } catch (const Error& e) {
      message = e.what();
    }
    EXPECT_EQ(message, "t.h5: cannot create 'a': No space left on device") << rows << " rows";
    EXPECT_NE(target.begin_thread, std::this_thread::get_id());
    EXPECT_TRUE(target.times.empty());
    EXPECT_FALSE(target.finished);
  }
}

TEST(BackgroundSink, AFailedAppendIsRethrownToTheCallerAndLaterRowsAreDropped) {
  RecordingTarget target;
  target.fail_at = 5;
  BackgroundSink sink(target, 1, 1);  // one row per batch
  sink.begin(two_value_schema());
  std::string message;
  try {
    for (std::size_t r = 0; r < 1000; ++r) sink.append(static_cast<sim::Ticks>(r), row_of(r));
    sink.finish({});
  } catch (const Error& e) {
    message = e.what();
  }
  EXPECT_EQ(message, "t.h5: cannot write rows: No space left on device");
  EXPECT_EQ(target.times.size(), 5u);
  EXPECT_FALSE(target.finished);
  // finish() after the failure reports it again rather than finishing a file with a gap.
  EXPECT_THROW(sink.finish({}), Error);
  EXPECT_THROW(sink.finish({}), Error);
  EXPECT_FALSE(target.finished);
}

TEST(BackgroundSink, TheCallerWaitsWhileMaxBatchesAreWaiting) {
  RecordingTarget target;
  target.hold = true;
  std::atomic<int> returned{0};
  {
    BackgroundSink sink(target, 1, 2);  // one row per batch, two batches waiting at most
    sink.begin(two_value_schema());
    std::thread producer([&] {
      for (std::size_t r = 0; r < 10; ++r) {
        sink.append(static_cast<sim::Ticks>(r), row_of(r));
        ++returned;
      }
    });
    // Row 0 is in the worker's hands (held), rows 1 and 2 wait, and row 3's append waits for room.
    target.wait_for_appends(1);
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (returned < 3 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(returned.load(), 3);
    target.release();
    producer.join();
    sink.finish({});
  }
  EXPECT_EQ(returned.load(), 10);
  EXPECT_EQ(target.times.size(), 10u);
}

TEST(BackgroundSink, DestroyedWithoutFinishStopsTheWorkerAndNeverFinishesTheTarget) {
  RecordingTarget target;
  {
    BackgroundSink sink(target, 1, 4);
    sink.begin(two_value_schema());
    for (std::size_t r = 0; r < 100; ++r) sink.append(static_cast<sim::Ticks>(r), row_of(r));
  }
  EXPECT_FALSE(target.finished);
  ASSERT_LE(target.times.size(), 100u);
  for (std::size_t r = 0; r < target.times.size(); ++r)
    EXPECT_EQ(target.times[r], static_cast<sim::Ticks>(r));
}

TEST(BackgroundSink, TheRunFileIsTheOneTheWriterWritesAlone) {
  test::TempDir dir;
  for (const char* name : {"direct.h5", "background.h5"}) {
    NetcdfWriter writer(dir / name, test::sample_attributes());
    if (std::string(name) == "direct.h5") {
      test::write_sample(writer, 300);
    } else {
      BackgroundSink sink(writer, 1024, 2);
      sim::RecordingSchema schema = test::sample_schema();
      sink.begin(schema);
      for (std::size_t r = 0; r < 300; ++r) {
        sink.append(static_cast<sim::Ticks>(r) * sim::kTicksPerDay, test::sample_row(schema, r));
      }
      sink.finish(test::sample_statics());
    }
    writer.commit();
  }
  const sim::RecordingSchema schema = test::sample_schema();
  for (const sim::VariableInfo& info : schema.series) {
    const Variable direct = read_variable(dir / "direct.h5", info.name);
    const Variable background = read_variable(dir / "background.h5", info.name);
    ASSERT_EQ(direct.values.size(), background.values.size()) << info.name;
    for (std::size_t i = 0; i < direct.values.size(); ++i) {
      if (std::isnan(direct.values[i])) {
        EXPECT_TRUE(std::isnan(background.values[i])) << info.name << " " << i;
      } else {
        EXPECT_EQ(direct.values[i], background.values[i]) << info.name << " " << i;
      }
    }
  }
}

}  // namespace
}  // namespace output
