#include "output/background_sink.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace output {

BackgroundSink::BackgroundSink(sim::SampleSink& target, std::size_t batch_bytes, std::size_t max_batches)
    : target_(target), batch_bytes_(batch_bytes), max_batches_(std::max<std::size_t>(1, max_batches)) {}

BackgroundSink::~BackgroundSink() {
  if (!worker_.joinable()) return;
  {
    const std::lock_guard lock(mutex_);
    closing_ = true;
    drop_rows_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void BackgroundSink::begin(const sim::RecordingSchema& schema) {
  if (worker_.joinable()) throw std::logic_error("BackgroundSink: begin() called twice");
  const bool begin_on_worker = target_.wants_series_before_begin();
  if (!begin_on_worker) target_.begin(schema);
  row_size_ = schema.row_size;
  wanted_.assign(schema.series.size(), true);
  for (std::size_t i = 0; i < wanted_.size(); ++i) wanted_[i] = target_.wants_series(i);
  batch_rows_ = std::max<std::size_t>(1, batch_bytes_ / std::max<std::size_t>(1, row_size_ * sizeof(double)));
  reserve(filling_);
  if (begin_on_worker) schema_ = schema;
  worker_ = std::thread([this, begin_on_worker] { work(begin_on_worker ? &schema_ : nullptr); });
}

bool BackgroundSink::wants_series(std::size_t index) const {
  if (index < wanted_.size()) return wanted_[index];
  return target_.wants_series(index);  // before begin(): no worker yet
}

void BackgroundSink::append(sim::Ticks time, std::span<const double> row) {
  if (!worker_.joinable())
    throw std::logic_error("BackgroundSink: append() before begin() or after finish()");
  if (row.size() != row_size_) {
    throw std::logic_error("BackgroundSink: a row of " + std::to_string(row.size()) +
                           " values, the schema has " + std::to_string(row_size_));
  }
  filling_.times.push_back(time);
  filling_.values.insert(filling_.values.end(), row.begin(), row.end());
  if (filling_.times.size() >= batch_rows_) hand_over();
}

void BackgroundSink::finish(const std::vector<sim::StaticVariable>& statics) {
  if (worker_.joinable()) {
    hand_over();
    {
      const std::lock_guard lock(mutex_);
      closing_ = true;
    }
    changed_.notify_all();
    worker_.join();
  }
  rethrow_if_failed();  // every time: a target that lost rows is never finished
  target_.finish(statics);
}

void BackgroundSink::hand_over() {
  if (filling_.times.empty()) return;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return waiting_.size() < max_batches_ || error_; });
    if (error_) std::rethrow_exception(error_);
    waiting_.push_back(std::move(filling_));
    if (spare_.empty()) {
      filling_ = Batch{};
    } else {
      filling_ = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  changed_.notify_all();
  reserve(filling_);  // outside the lock; a reused batch has its capacity already
}

void BackgroundSink::reserve(Batch& batch) const {
  batch.times.reserve(batch_rows_);
  batch.values.reserve(batch_rows_ * row_size_);
}

void BackgroundSink::rethrow_if_failed() {
  const std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

void BackgroundSink::fail(std::exception_ptr error) {
  {
    const std::lock_guard lock(mutex_);
    error_ = std::move(error);
    waiting_.clear();
  }
  changed_.notify_all();
}

void BackgroundSink::work(const sim::RecordingSchema* begin_schema) {
  if (begin_schema != nullptr) {
    try {
      target_.begin(*begin_schema);
    } catch (...) {
      fail(std::current_exception());
      return;
    }
  }
  for (;;) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !waiting_.empty() || closing_; });
      if (waiting_.empty() || drop_rows_) return;  // finished, or destroyed without finish()
      batch = std::move(waiting_.front());
      waiting_.pop_front();
    }
    changed_.notify_all();  // room for another batch
    try {
      for (std::size_t r = 0; r < batch.times.size(); ++r) {
        if (drop_rows_) return;
        target_.append(batch.times[r],
                       std::span<const double>(batch.values.data() + r * row_size_, row_size_));
      }
    } catch (...) {
      fail(std::current_exception());
      return;
    }
    batch.times.clear();
    batch.values.clear();
    const std::lock_guard lock(mutex_);
    spare_.push_back(std::move(batch));
  }
}

}  // namespace output
