#pragma once
// What a run records, independent of where it goes.
//
// Components declare axes (named dimensions with labels, e.g. "site") and variables (a name,
// units, long name and the axes it spans). Time series are sampled at a fixed simulated
// interval by an event of Priority::Sample, so a sample sees the state after every model event
// of that instant. Each sample is one row: the concatenation of every series' values, each in
// row-major order over its axes. A SampleSink (the HDF5 writer in output/, or the in-memory
// sink used by tests and sweeps) receives the schema once, then the rows, then the static
// variables (values with no time axis, such as headline indicators) at the end.
//
// The recorder knows nothing of what is simulated or of file formats.

#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/event_target.h"
#include "sim/time.h"

namespace sim {

struct Axis {
  std::string name;  // the dimension's name, e.g. "site"
  std::string long_name;
  std::vector<std::string> labels;
};

struct VariableInfo {
  std::string name;               // e.g. "gpus"
  std::string units;              // UDUNITS-2 string; "1" for counts and fractions
  std::string long_name;          // a human-readable description
  std::string standard_name;      // CF standard name where one exists, else empty
  std::vector<std::string> axes;  // declared axis names, outermost first; time excluded
  double fill_value = std::numeric_limits<double>::quiet_NaN();  // marks "no value"
  bool has_fill_value = false;
  std::string flag_meanings;  // CF flag_meanings for categorical codes, space separated
  // More text attributes, written after the ones above (a model's own metadata for its readers).
  std::vector<std::pair<std::string, std::string>> attributes;
};

// A variable with no time axis, given its values at the end of a run.
struct StaticVariable {
  VariableInfo info;
  std::vector<double> values;  // row-major over info.axes; one value when axes is empty
};

struct RecordingSchema {
  Calendar calendar;
  Ticks interval = kTicksPerDay;
  std::vector<Axis> axes;
  std::vector<VariableInfo> series;
  std::vector<std::size_t> series_offset;  // where each series starts within a row
  std::size_t row_size = 0;

  const Axis* find_axis(const std::string& name) const;
  std::size_t extent(const VariableInfo& v) const;  // product of its axis lengths
};

class SampleSink {
 public:
  virtual ~SampleSink() = default;
  virtual void begin(const RecordingSchema& schema) = 0;
  virtual void append(Ticks time, std::span<const double> row) = 0;
  virtual void finish(const std::vector<StaticVariable>& statics) = 0;
  // Whether the sink stores series `index` (position in the schema's series). The recorder asks
  // after begin() and computes only the series some sink stores; the others are 0 in the rows it
  // appends. A sink that keeps a few series (a sweep's run) so skips the rest of the work.
  virtual bool wants_series(std::size_t index) const {
    (void)index;
    return true;
  }
  // True if wants_series() gives the same answers before begin() as after it (a sink that stores
  // every series). A sink that hands begin() to another thread (output::BackgroundSink) may then
  // let the run start before begin() has returned.
  virtual bool wants_series_before_begin() const { return false; }
};

// Fills `out` (extent values) with the variable's current state.
using SeriesSampler = std::function<void(std::span<double> out)>;

class Recorder : public EventTarget {
 public:
  // Declaring the same axis name twice is an error (std::invalid_argument), as is a variable
  // naming an undeclared axis or reusing a name.
  void add_axis(Axis axis);
  void add_series(VariableInfo info, SeriesSampler sampler);
  void add_static(StaticVariable variable);

  const RecordingSchema& schema() const { return schema_; }

  // Schedules samples at start, start + interval, ... while <= end, delivered to `sink`.
  // The sink must outlive the run; call finish() after the run to deliver the static variables.
  void start(Simulation& sim, Ticks start, Ticks interval, Ticks end, SampleSink& sink);
  void finish();
  // Takes one sample now, outside the periodic schedule (used for a final state).
  void sample_now(Ticks time);

  void on_event(Simulation& sim, std::uint64_t payload) override;

 private:
  RecordingSchema schema_;
  std::vector<SeriesSampler> samplers_;
  std::vector<std::uint8_t> wanted_;  // per series: the sink stores it (asked at start())
  std::vector<StaticVariable> statics_;
  std::vector<double> row_;
  SampleSink* sink_ = nullptr;
  Ticks interval_ = kTicksPerDay;
  Ticks end_ = 0;
  std::uint32_t target_id_ = 0;
  bool started_ = false;
};

// Keeps every sample in memory: for tests, sweeps and summaries.
class MemorySink : public SampleSink {
 public:
  void begin(const RecordingSchema& schema) override;
  void append(Ticks time, std::span<const double> row) override;
  void finish(const std::vector<StaticVariable>& statics) override;

  const RecordingSchema& schema() const { return schema_; }
  const std::vector<Ticks>& times() const { return times_; }
  std::size_t rows() const { return times_.size(); }
  // Values of series `name` at row r (extent values), empty span if no such series.
  std::span<const double> series(const std::string& name, std::size_t r) const;
  const std::vector<double>& data() const { return data_; }
  const std::vector<StaticVariable>& statics() const { return statics_; }
  const StaticVariable* find_static(const std::string& name) const;

 private:
  RecordingSchema schema_;
  std::vector<Ticks> times_;
  std::vector<double> data_;  // rows() * row_size
  std::vector<StaticVariable> statics_;
};

// Keeps chosen components of chosen series at every stride-th sample (rows 0, stride, 2 stride, ...),
// and nothing else: what a sweep's run keeps, in memory proportional to what is kept (a
// MemorySink would hold every value of every row). Counts every row appended.
class SelectedSeriesSink : public SampleSink {
 public:
  struct Column {
    std::string series;     // the series' name
    std::size_t component;  // position within its row-major values
  };
  // A series not in the schema, or a component past its extent, is std::invalid_argument at begin().
  SelectedSeriesSink(std::vector<Column> columns, std::size_t stride);

  void begin(const RecordingSchema& schema) override;
  void append(Ticks time, std::span<const double> row) override;
  void finish(const std::vector<StaticVariable>&) override {}
  bool wants_series(std::size_t index) const override;

  std::size_t rows() const { return rows_; }                       // rows appended
  const std::vector<Ticks>& kept_times() const { return times_; }  // of the kept rows
  // Column c's values at the kept rows.
  const std::vector<double>& values(std::size_t c) const { return values_.at(c); }

 private:
  std::vector<Column> columns_;
  std::size_t stride_;
  std::vector<std::size_t> offset_;   // per column: its position in a row
  std::vector<std::uint8_t> wanted_;  // per series of the schema
  std::vector<Ticks> times_;
  std::vector<std::vector<double>> values_;
  std::size_t rows_ = 0;
};

}  // namespace sim
