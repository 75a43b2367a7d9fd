#pragma once
// A SampleSink that hands another sink's rows to a worker thread, so that a run goes on
// simulating while that sink compresses and writes them. In a korea-2026 run the HDF5 writer
// spends about 30 ms of 190 in append() (deflate, HDF5, the kernel's writes): on a machine with a
// free core that time leaves the run's critical path (docs/performance.md).
//
// The wrapped sink is never called from two threads at once, so it need not be thread-safe
// (Debian's serial HDF5 library is not): finish() calls it on the caller's thread after the
// worker has been joined; the worker alone calls append() before that. begin() is handed to the
// worker too when the wrapped sink knows which series it wants before its begin() (the HDF5
// writer: creating its datasets took 11-17 ms of a korea-2026 run's critical path,
// docs/performance.md); otherwise it is called on the caller's thread before the worker starts.
// wants_series() answers what the wrapped sink said (after its begin() in the second case).
//
// Errors: an exception thrown by the wrapped sink's begin() on the worker or append() is kept, the rows after
// it are dropped, and the next append() that hands a batch over, or finish(), rethrows it on the caller's
// thread, so a failing write still stops the run with the wrapped sink's own message (and a sink that lost
// rows is never finished). Destroying this sink without finish() (a run stopped early, or unwinding) stops
// the worker after the row in hand and joins it, dropping the rows not yet written; destroy it before the
// sink it wraps.
//
// Memory is bounded: rows travel in batches of about `batch_bytes`, and append() waits while
// `max_batches` batches are waiting for the worker.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "sim/recorder.h"

namespace output {

class BackgroundSink final : public sim::SampleSink {
 public:
  explicit BackgroundSink(sim::SampleSink& target, std::size_t batch_bytes = 1024 * 1024,
                          std::size_t max_batches = 4);
  ~BackgroundSink() override;
  BackgroundSink(const BackgroundSink&) = delete;
  BackgroundSink& operator=(const BackgroundSink&) = delete;

  void begin(const sim::RecordingSchema& schema) override;
  void append(sim::Ticks time, std::span<const double> row) override;
  void finish(const std::vector<sim::StaticVariable>& statics) override;
  bool wants_series(std::size_t index) const override;

 private:
  struct Batch {
    std::vector<sim::Ticks> times;
    std::vector<double> values;  // times.size() rows of row_size values
  };

  void work(const sim::RecordingSchema* begin_schema);  // begins the target first if non-null
  void fail(std::exception_ptr error);                  // on the worker: keeps `error`
  void hand_over();                                     // gives the batch being filled to the worker
  void rethrow_if_failed();                             // on the caller's thread
  // A batch's full size at once: growing it row by row copied each batch about twice and touched
  // twice its pages, on the simulating thread (docs/performance.md).
  void reserve(Batch& batch) const;

  sim::SampleSink& target_;
  std::size_t batch_bytes_;
  std::size_t max_batches_;
  std::size_t row_size_ = 0;
  std::size_t batch_rows_ = 1;
  std::vector<bool> wanted_;
  Batch filling_;
  sim::RecordingSchema schema_;  // kept for a begin() on the worker

  std::mutex mutex_;
  std::condition_variable changed_;  // a batch handed over or taken, the worker failed, or closing
  std::deque<Batch> waiting_;
  std::vector<Batch> spare_;  // emptied batches, reused
  bool closing_ = false;
  std::atomic<bool> drop_rows_{false};  // destroyed without finish(): rows not yet written are dropped
  std::exception_ptr error_;
  std::thread worker_;
};

}  // namespace output
