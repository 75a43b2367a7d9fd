#pragma once
// Writes one run's samples as one netCDF-4 / CF-1.10 compatible HDF5 file, at the root group, so
// that `xarray.open_dataset(path)` gives named dims and datetime time with no other argument.
// The layout is the contract in docs/output-format.md.
//
// Use: construct (creates "<path>.partial" and writes the root attributes), hand it to
// sim::Recorder as its SampleSink (begin, append..., finish), then commit(), which closes the
// file and renames it to <path>. Destroying the writer without commit() removes the partial file,
// so <path> is either absent or complete. Every failure throws output::Error; after one, the
// writer only accepts destruction.
//
// A sweep's `run` dimension is not written yet; it would enter as an outer axis in front of time,
// given to the constructor, with begin/append/finish then called once per run.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "output/attributes.h"
#include "sim/recorder.h"

namespace output {

struct WriterOptions {
  std::size_t chunk_bytes = 256 * 1024;  // target uncompressed size of one chunk
  // Deflate level 1 without shuffle: on the Korea run's series (8.5 MB raw, mostly whole
  // numbers and zeros) it gives 1.33 MB where shuffle + level 4 gave 1.31 MB, for about two
  // thirds of the compression time (docs/output-format.md). 0 turns compression off.
  int deflate_level = 1;
  bool shuffle = false;
  std::size_t max_block_bytes = 8 * 1024 * 1024;  // rows buffered in memory before an HDF5 write

  // Flushing makes a killed run's .partial file readable up to the last flush (its root attribute
  // rows_complete says how far). Flushes happen only where every series' chunks end (every
  // 2^k <= 1,024 rows, output/chunking.h says why): at the first such row after flush_rows new
  // rows, but not more often than flush_min_interval (fast runs), and at the first such row
  // after flush_max_interval since the last flush (slow runs). finish() always flushes.
  std::size_t flush_rows = 1000;
  std::chrono::milliseconds flush_min_interval{1000};
  std::chrono::milliseconds flush_max_interval{60000};
};

class NetcdfWriter final : public sim::SampleSink {
 public:
  // Writes Conventions and format_version itself, then `root_attributes` in order (provenance:
  // title, versions, scenario text, seed, command line...). Throws Error if the directory is
  // missing or not writable, or if an attribute name is empty, repeated or one the writer owns.
  NetcdfWriter(std::filesystem::path final_path, const Attributes& root_attributes,
               WriterOptions options = {});
  ~NetcdfWriter() override;
  NetcdfWriter(const NetcdfWriter&) = delete;
  NetcdfWriter& operator=(const NetcdfWriter&) = delete;

  // Creates `time`, one string coordinate per axis and one float64 (time, axes...) variable per
  // series.
  void begin(const sim::RecordingSchema& schema) override;
  // `row` holds schema.row_size values; times must not decrease.
  void append(sim::Ticks time, std::span<const double> row) override;
  // Writes the static variables, the rows still buffered, and flushes.
  void finish(const std::vector<sim::StaticVariable>& statics) override;
  // It stores every series, whatever the schema.
  bool wants_series_before_begin() const override { return true; }
  // Closes the file and renames it to its final path. Only after finish().
  void commit();

  const std::filesystem::path& final_path() const;
  const std::filesystem::path& partial_path() const;
  std::size_t rows_appended() const;
  std::size_t rows_flushed() const;  // the value of rows_complete in the file

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace output
