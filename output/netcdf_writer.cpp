#include "output/netcdf_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <system_error>
#include <thread>

#include "output/chunk_encoder.h"
#include "output/chunking.h"
#include "output/error.h"
#include "output/format.h"
#include "output/h5_attribute.h"
#include "output/h5_dataset.h"
#include "output/h5_file.h"
#include "output/h5_scale.h"
#include "output/partial_file.h"

namespace output {
namespace {

using Clock = std::chrono::steady_clock;

// One time series: its dataset and the rows not yet handed to HDF5.
struct Series {
  h5::Where where;
  h5::Dataset dataset;
  std::size_t offset = 0;  // within a row
  std::size_t extent = 0;  // values per row
  std::vector<double> pending;
  // A series whose chunks hold whole rows (every one the Korea run writes) is written a chunk at
  // a time, encoded by the writer (ChunkEncoder): `chunk` gathers the rows of the chunk starting
  // at row `chunk_first_row`, `chunk_rows` of them when full; rows then skip `pending`. 0 rows:
  // written by rows through HDF5's chunk cache (a row split across chunks, or an empty axis).
  std::size_t chunk_rows = 0;
  std::size_t chunk_first_row = 0;
  std::vector<double> chunk;
  double fill = 0;  // what HDF5 puts in a chunk's rows past the end: the fill value, or 0
  std::size_t rank = 1;
};

std::span<const std::byte> bytes_of(const std::vector<double>& values) {
  return std::as_bytes(std::span<const double>(values));
}

h5::Shape to_shape(const std::vector<std::uint64_t>& dims) { return h5::Shape(dims.begin(), dims.end()); }

void check_root_attributes(const Attributes& attributes, const std::filesystem::path& path) {
  std::set<std::string> seen{std::string(kConventionsAttribute), std::string(kFormatVersionAttribute),
                             std::string(kRowsCompleteAttribute)};
  for (const auto& [name, value] : attributes) {
    if (name.empty()) throw Error(fmt::format("{}: a root attribute has an empty name", path.string()));
    if (!seen.insert(name).second) {
      throw Error(fmt::format("{}: root attribute '{}' is given twice or is one the writer writes itself",
                              path.string(), name));
    }
  }
}

}  // namespace

class NetcdfWriter::Impl {
 public:
  Impl(std::filesystem::path final_path, const Attributes& root_attributes, WriterOptions options);

  void begin(const sim::RecordingSchema& schema);
  void append(sim::Ticks time, std::span<const double> row);
  void finish(const std::vector<sim::StaticVariable>& statics);
  void commit();

  // Runs one public operation; any failure leaves the writer unusable (see the header).
  template <class Operation>
  void guarded(Operation&& operation);

  PartialFile partial;  // declared first: destroyed last, after the file is closed
  WriterOptions options;
  h5::Where root;
  h5::File file;
  h5::Dataset time;
  std::vector<h5::Dataset> axes;  // one coordinate per schema axis, in schema order
  h5::ScaleAttachments scales;    // of time and the axes, which stay open until commit()
  std::vector<Series> series;
  std::unique_ptr<ChunkEncoder> encoder;  // for the series written a chunk at a time
  sim::RecordingSchema schema;
  std::set<std::string> names;
  std::vector<double> pending_time;
  std::size_t block_rows = 1;
  std::uint64_t flush_period = 1;  // rows between the places where every series' chunks end
  std::size_t rows_appended = 0;
  std::size_t rows_written = 0;  // handed to HDF5
  std::size_t rows_flushed = 0;  // on disk, as rows_complete says
  sim::Ticks last_time = 0;
  Clock::time_point last_flush = Clock::now();
  enum class State { kCreated, kBegun, kFinished, kCommitted, kFailed } state = State::kCreated;

 private:
  void require(State expected, const char* operation) const;
  void claim_name(const std::string& name);
  void write_variable_attributes(const h5::Dataset& dataset, const h5::Where& where,
                                 const sim::VariableInfo& info);
  // Attaches the scales: time first when `with_time`, then the named axes (none: nothing).
  void attach_axes(const h5::Dataset& dataset, const h5::Where& where,
                   const std::vector<std::string>& axis_names, bool with_time);
  const h5::Dataset& axis_coordinate(const std::string& name) const;
  std::size_t axis_length(const std::string& name, const std::string& variable) const;
  void create_time();
  void create_axis(const sim::Axis& axis);
  void create_series(const sim::VariableInfo& info, std::size_t offset);
  void write_static(const sim::StaticVariable& variable);
  void write_block();
  void write_chunk(Series& s, std::span<const std::byte> encoded);
  void write_final_chunks(const std::vector<sim::StaticVariable>& statics);
  void maybe_flush();
  void flush();
  void flush_file();
};

NetcdfWriter::Impl::Impl(std::filesystem::path final_path, const Attributes& root_attributes,
                         WriterOptions opts)
    : partial(std::move(final_path)), options(opts), root{partial.partial_path().string(), ""} {
  check_root_attributes(root_attributes, partial.final_path());
  file = h5::create_file(root.file);
  h5::write_attribute(file.get(), root, std::string(kConventionsAttribute), kConventions);
  h5::write_attribute(file.get(), root, std::string(kFormatVersionAttribute), kFormatVersion);
  for (const auto& [name, value] : root_attributes) h5::write_attribute_value(file.get(), root, name, value);
  h5::write_attribute(file.get(), root, std::string(kRowsCompleteAttribute), std::int64_t{0});
}

void NetcdfWriter::Impl::require(State expected, const char* operation) const {
  if (state == State::kFailed) {
    throw Error(fmt::format("{}: {}() after an earlier error; the output file will be removed",
                            partial.final_path().string(), operation));
  }
  if (state != expected) {
    throw Error(fmt::format("{}: {}() called out of order (begin, append..., finish, commit)",
                            partial.final_path().string(), operation));
  }
}

template <class Operation>
void NetcdfWriter::Impl::guarded(Operation&& operation) {
  try {
    std::forward<Operation>(operation)();
  } catch (...) {
    state = State::kFailed;
    throw;
  }
}

void NetcdfWriter::Impl::claim_name(const std::string& name) {
  if (!names.insert(name).second) {
    throw Error(
        fmt::format("{}: the name '{}' is used by more than one variable or dimension", root.file, name));
  }
}

void NetcdfWriter::Impl::write_variable_attributes(const h5::Dataset& dataset, const h5::Where& where,
                                                   const sim::VariableInfo& info) {
  // No units attribute for values whose unit differs along an axis (the long_name says where to
  // find each one's unit); CF readers then treat them as plain numbers.
  if (!info.units.empty()) h5::write_attribute(dataset.get(), where, "units", info.units);
  h5::write_attribute(dataset.get(), where, "long_name", info.long_name);
  if (!info.standard_name.empty())
    h5::write_attribute(dataset.get(), where, "standard_name", info.standard_name);
  if (info.has_fill_value) h5::write_attribute(dataset.get(), where, "_FillValue", info.fill_value);
  if (!info.flag_meanings.empty())
    h5::write_attribute(dataset.get(), where, "flag_meanings", info.flag_meanings);
  for (const auto& [name, value] : info.attributes) h5::write_attribute(dataset.get(), where, name, value);
}

const h5::Dataset& NetcdfWriter::Impl::axis_coordinate(const std::string& name) const {
  for (std::size_t i = 0; i < schema.axes.size(); ++i) {
    if (schema.axes[i].name == name) return axes[i];
  }
  throw Error(fmt::format("{}: no axis named '{}' was declared", root.file, name));
}

std::size_t NetcdfWriter::Impl::axis_length(const std::string& name, const std::string& variable) const {
  const sim::Axis* axis = schema.find_axis(name);
  if (!axis)
    throw Error(fmt::format("{}: variable '{}' uses undeclared axis '{}'", root.file, variable, name));
  return axis->labels.size();
}

void NetcdfWriter::Impl::attach_axes(const h5::Dataset& dataset, const h5::Where& where,
                                     const std::vector<std::string>& axis_names, bool with_time) {
  std::vector<const h5::Dataset*> scale_of_axis;
  if (with_time) scale_of_axis.push_back(&time);
  for (const std::string& name : axis_names) scale_of_axis.push_back(&axis_coordinate(name));
  if (!scale_of_axis.empty()) scales.attach(dataset, where, scale_of_axis);
}

void NetcdfWriter::Impl::create_time() {
  const std::string name(kTimeName);
  claim_name(name);
  const h5::Where where = root.child(name);
  const auto chunk = streamed_chunk_shape({}, sizeof(double), options.chunk_bytes);
  const h5::Dataspace space = h5::simple_space(where, {0}, {H5S_UNLIMITED});
  h5::Layout layout{to_shape(chunk), options.deflate_level, std::nullopt,
                    streamed_chunk_cache_bytes({}, chunk, sizeof(double))};
  layout.shuffle = options.shuffle;
  time = h5::create_dataset(file.get(), where, H5T_IEEE_F64LE, space, layout);
  h5::write_attribute(time.get(), where, "standard_name", std::string_view("time"));
  h5::write_attribute(time.get(), where, "long_name", std::string_view("time"));
  h5::write_attribute(time.get(), where, "units", schema.calendar.cf_time_units());
  h5::write_attribute(time.get(), where, "calendar", kTimeCalendar);
  h5::write_attribute(time.get(), where, "axis", std::string_view("T"));
  h5::make_scale(time, where, name);
}

void NetcdfWriter::Impl::create_axis(const sim::Axis& axis) {
  claim_name(axis.name);
  const h5::Where where = root.child(axis.name);
  const h5::Datatype type = h5::utf8_string_type(where);
  const h5::Dataspace space = h5::simple_space(where, {axis.labels.size()});
  h5::Dataset coordinate = h5::create_dataset(file.get(), where, type.get(), space, {});
  h5::write_all(coordinate, where, axis.labels);
  if (!axis.long_name.empty()) h5::write_attribute(coordinate.get(), where, "long_name", axis.long_name);
  h5::make_scale(coordinate, where, axis.name);
  axes.push_back(std::move(coordinate));
}

void NetcdfWriter::Impl::create_series(const sim::VariableInfo& info, std::size_t offset) {
  claim_name(info.name);
  Series s;
  s.where = root.child(info.name);
  s.offset = offset;
  s.extent = schema.extent(info);
  std::vector<std::uint64_t> row_shape;
  for (const std::string& axis : info.axes) row_shape.push_back(axis_length(axis, info.name));
  const auto chunk = streamed_chunk_shape(row_shape, sizeof(double), options.chunk_bytes);
  h5::Shape dims{0};
  h5::Shape max_dims{H5S_UNLIMITED};
  dims.insert(dims.end(), row_shape.begin(), row_shape.end());
  max_dims.insert(max_dims.end(), row_shape.begin(), row_shape.end());
  const h5::Dataspace space = h5::simple_space(s.where, dims, max_dims);
  h5::Layout layout{to_shape(chunk), options.deflate_level,
                    info.has_fill_value ? std::optional<double>(info.fill_value) : std::nullopt,
                    streamed_chunk_cache_bytes(row_shape, chunk, sizeof(double))};
  layout.shuffle = options.shuffle;
  s.dataset = h5::create_dataset(file.get(), s.where, H5T_IEEE_F64LE, space, layout);
  s.rank = dims.size();
  if (s.extent > 0 && std::equal(row_shape.begin(), row_shape.end(), chunk.begin() + 1, chunk.end())) {
    s.chunk_rows = chunk[0];
    s.chunk.reserve(s.chunk_rows * s.extent);
    s.fill = info.has_fill_value ? info.fill_value : 0.0;
  }
  write_variable_attributes(s.dataset, s.where, info);
  attach_axes(s.dataset, s.where, info.axes, true);
  block_rows = std::min<std::size_t>(block_rows, chunk[0]);
  flush_period = output::flush_period({flush_period, chunk[0]});
  series.push_back(std::move(s));
}

void NetcdfWriter::Impl::begin(const sim::RecordingSchema& recording) {
  require(State::kCreated, "begin");
  if (recording.series_offset.size() != recording.series.size()) {
    throw Error(fmt::format("{}: schema has {} series but {} offsets", root.file, recording.series.size(),
                            recording.series_offset.size()));
  }
  schema = recording;
  create_time();
  for (const sim::Axis& axis : schema.axes) create_axis(axis);
  block_rows = streamed_chunk_shape({}, sizeof(double), options.chunk_bytes)[0];  // time's own chunk
  flush_period = block_rows;
  for (std::size_t i = 0; i < schema.series.size(); ++i)
    create_series(schema.series[i], schema.series_offset[i]);
  block_rows = output::block_rows(block_rows, schema.row_size * sizeof(double), options.max_block_bytes);
  scales.write_reference_lists();
  encoder = std::make_unique<ChunkEncoder>(options.deflate_level, options.shuffle, sizeof(double));
  state = State::kBegun;
  flush();  // a killed run's .partial opens from the start, with rows_complete = 0
}

void NetcdfWriter::Impl::append(sim::Ticks t, std::span<const double> row) {
  require(State::kBegun, "append");
  if (row.size() != schema.row_size) {
    throw Error(fmt::format("{}: a row of {} values was appended, the schema's rows have {}", root.file,
                            row.size(), schema.row_size));
  }
  if (rows_appended > 0 && t < last_time) {
    throw Error(fmt::format("{}: time went backwards, from tick {} to {}", root.file, last_time, t));
  }
  last_time = t;
  pending_time.push_back(sim::to_days(t));
  for (Series& s : series) {
    const auto slice = row.subspan(s.offset, s.extent);
    std::vector<double>& rows = s.chunk_rows > 0 ? s.chunk : s.pending;
    rows.insert(rows.end(), slice.begin(), slice.end());
  }
  ++rows_appended;
  if (pending_time.size() >= block_rows) write_block();
  maybe_flush();
}

void NetcdfWriter::Impl::write_block() {
  const std::size_t rows = pending_time.size();
  if (rows == 0) return;
  // The variables first and `time` last, so time never claims rows the variables lack.
  for (Series& s : series) {
    if (s.chunk_rows == 0) {
      h5::write_rows(s.dataset, s.where, rows_written, rows, s.pending.data());
      s.pending.clear();
      continue;
    }
    h5::extend_rows(s.dataset, s.where, rows_written + rows);
    const std::size_t chunk_values = s.chunk_rows * s.extent;
    while (s.chunk.size() >= chunk_values) {
      write_chunk(s, encoder->encode(std::as_bytes(std::span<const double>(s.chunk.data(), chunk_values))));
      // Blocks end where chunks end (output/chunking.h, block_rows): nothing to move, as a rule.
      s.chunk.erase(s.chunk.begin(), s.chunk.begin() + static_cast<std::ptrdiff_t>(chunk_values));
    }
  }
  h5::write_rows(time, root.child(kTimeName), rows_written, rows, pending_time.data());
  pending_time.clear();
  rows_written += rows;
}

void NetcdfWriter::Impl::maybe_flush() {
  const std::size_t unflushed = rows_appended - rows_flushed;
  // Only where every series' chunks end, so that no chunk is written before it is full
  // (streamed_chunk_shape says why); finish() writes the last, partly filled ones once.
  if (unflushed == 0 || rows_appended % flush_period != 0) return;
  const auto age = Clock::now() - last_flush;
  if (age >= options.flush_max_interval ||
      (unflushed >= options.flush_rows && age >= options.flush_min_interval)) {
    flush();
  }
}

void NetcdfWriter::Impl::write_chunk(Series& s, std::span<const std::byte> encoded) {
  h5::Shape offset(s.rank, 0);
  offset[0] = s.chunk_first_row;
  h5::write_chunk(s.dataset, s.where, offset, encoded);
  s.chunk_first_row += s.chunk_rows;
}

// The partly filled last chunks, padded as HDF5 pads a chunk (with the fill value), are encoded on
// this thread and a helper while this one writes the static variables: at the end of a run the
// writer's thread has stopped, and these chunks were the longest part of finish()
// (docs/performance.md, "Direct chunk writes"). HDF5 itself is called from this thread only.
void NetcdfWriter::Impl::write_final_chunks(const std::vector<sim::StaticVariable>& statics) {
  std::vector<Series*> partly_filled;
  for (Series& s : series) {
    if (s.chunk_rows == 0 || s.chunk.empty()) continue;
    s.chunk.resize(s.chunk_rows * s.extent, s.fill);
    partly_filled.push_back(&s);
  }
  std::vector<std::vector<std::byte>> encoded(partly_filled.size());
  std::atomic<std::size_t> next{0};
  const auto encode_some = [&](ChunkEncoder& e) {
    for (std::size_t i; (i = next.fetch_add(1)) < partly_filled.size();) {
      const auto bytes = e.encode(bytes_of(partly_filled[i]->chunk));
      encoded[i].assign(bytes.begin(), bytes.end());
    }
  };
  std::exception_ptr helper_error;
  std::thread helper;
  if (partly_filled.size() > 1) {
    try {
      helper = std::thread([&] {
        try {
          ChunkEncoder own(options.deflate_level, options.shuffle, sizeof(double));
          encode_some(own);
        } catch (...) {
          helper_error = std::current_exception();
        }
      });
    } catch (const std::system_error&) {
      // No thread to be had: this one encodes them all.
    }
  }
  try {
    for (const sim::StaticVariable& variable : statics) write_static(variable);
    encode_some(*encoder);
  } catch (...) {
    if (helper.joinable()) helper.join();
    throw;
  }
  if (helper.joinable()) helper.join();
  if (helper_error) std::rethrow_exception(helper_error);
  for (std::size_t i = 0; i < partly_filled.size(); ++i) {
    write_chunk(*partly_filled[i], encoded[i]);
    partly_filled[i]->chunk.clear();
  }
}

void NetcdfWriter::Impl::flush() {
  write_block();
  flush_file();
}

void NetcdfWriter::Impl::flush_file() {
  h5::update_attribute(file.get(), root, std::string(kRowsCompleteAttribute),
                       static_cast<std::int64_t>(rows_written));
  h5::run(root, "cannot flush", [&] { return H5Fflush(file.get(), H5F_SCOPE_GLOBAL); });
  rows_flushed = rows_written;
  last_flush = Clock::now();
}

void NetcdfWriter::Impl::write_static(const sim::StaticVariable& variable) {
  const sim::VariableInfo& info = variable.info;
  claim_name(info.name);
  const h5::Where where = root.child(info.name);
  if (variable.values.size() != schema.extent(info)) {
    throw Error(fmt::format("{}: static variable '{}' has {} values, its axes hold {}", root.file, info.name,
                            variable.values.size(), schema.extent(info)));
  }
  h5::Shape dims;
  for (const std::string& axis : info.axes) dims.push_back(axis_length(axis, info.name));
  // Static variables are small (headline indicators): contiguous, uncompressed.
  const h5::Dataspace space = dims.empty() ? h5::scalar_space(where) : h5::simple_space(where, dims);
  const h5::Layout layout{
      {}, 0, info.has_fill_value ? std::optional<double>(info.fill_value) : std::nullopt, 0};
  const h5::Dataset dataset = h5::create_dataset(file.get(), where, H5T_IEEE_F64LE, space, layout);
  h5::write_all(dataset, where, variable.values);
  write_variable_attributes(dataset, where, info);
  attach_axes(dataset, where, info.axes, false);
}

void NetcdfWriter::Impl::finish(const std::vector<sim::StaticVariable>& statics) {
  require(State::kBegun, "finish");
  write_block();
  write_final_chunks(statics);
  scales.write_reference_lists();  // the axes' lists, with the statics
  flush_file();
  state = State::kFinished;
}

void NetcdfWriter::Impl::commit() {
  require(State::kFinished, "commit");
  for (Series& s : series) s.dataset.close(s.where, "cannot close");
  for (std::size_t i = 0; i < axes.size(); ++i)
    axes[i].close(root.child(schema.axes[i].name), "cannot close");
  time.close(root.child(kTimeName), "cannot close");
  file.close(root, "cannot close HDF5 file");
  partial.commit();
  state = State::kCommitted;
}

NetcdfWriter::NetcdfWriter(std::filesystem::path final_path, const Attributes& root_attributes,
                           WriterOptions options)
    : impl_(std::make_unique<Impl>(std::move(final_path), root_attributes, options)) {}

NetcdfWriter::~NetcdfWriter() = default;

void NetcdfWriter::begin(const sim::RecordingSchema& schema) {
  impl_->guarded([&] { impl_->begin(schema); });
}
void NetcdfWriter::append(sim::Ticks time, std::span<const double> row) {
  impl_->guarded([&] { impl_->append(time, row); });
}
void NetcdfWriter::finish(const std::vector<sim::StaticVariable>& statics) {
  impl_->guarded([&] { impl_->finish(statics); });
}
void NetcdfWriter::commit() {
  impl_->guarded([&] { impl_->commit(); });
}

const std::filesystem::path& NetcdfWriter::final_path() const { return impl_->partial.final_path(); }
const std::filesystem::path& NetcdfWriter::partial_path() const { return impl_->partial.partial_path(); }
std::size_t NetcdfWriter::rows_appended() const { return impl_->rows_appended; }
std::size_t NetcdfWriter::rows_flushed() const { return impl_->rows_flushed; }

}  // namespace output
