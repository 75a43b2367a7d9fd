#include "sim/recorder.h"

#include <algorithm>
#include <stdexcept>

#include "sim/simulation.h"

namespace sim {

const Axis* RecordingSchema::find_axis(const std::string& name) const {
  for (const Axis& a : axes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::size_t RecordingSchema::extent(const VariableInfo& v) const {
  std::size_t n = 1;
  for (const std::string& name : v.axes) {
    const Axis* a = find_axis(name);
    n *= a ? a->labels.size() : 0;
  }
  return n;
}

void Recorder::add_axis(Axis axis) {
  if (axis.name.empty() || axis.name == "time")
    throw std::invalid_argument("recorder: invalid axis name '" + axis.name + "'");
  if (schema_.find_axis(axis.name))
    throw std::invalid_argument("recorder: axis '" + axis.name + "' declared twice");
  schema_.axes.push_back(std::move(axis));
}

namespace {
void check_variable(const RecordingSchema& schema, const std::vector<StaticVariable>& statics,
                    const VariableInfo& info) {
  auto same_name = [&](const auto& v) { return v.name == info.name; };
  const bool series_clash = std::any_of(schema.series.begin(), schema.series.end(), same_name);
  const bool static_clash = std::any_of(statics.begin(), statics.end(),
                                        [&](const StaticVariable& s) { return s.info.name == info.name; });
  if (info.name.empty() || series_clash || static_clash || schema.find_axis(info.name)) {
    throw std::invalid_argument("recorder: variable name '" + info.name + "' is empty or already used");
  }
  for (const std::string& axis : info.axes) {
    if (!schema.find_axis(axis)) {
      throw std::invalid_argument("recorder: variable '" + info.name + "' uses undeclared axis '" + axis +
                                  "'");
    }
  }
}
}  // namespace

void Recorder::add_series(VariableInfo info, SeriesSampler sampler) {
  if (started_) throw std::logic_error("recorder: series added after recording started");
  check_variable(schema_, statics_, info);
  schema_.series_offset.push_back(schema_.row_size);
  schema_.row_size += schema_.extent(info);
  schema_.series.push_back(std::move(info));
  samplers_.push_back(std::move(sampler));
}

void Recorder::add_static(StaticVariable variable) {
  check_variable(schema_, statics_, variable.info);
  if (variable.values.size() != schema_.extent(variable.info)) {
    throw std::invalid_argument("recorder: static variable '" + variable.info.name + "' has " +
                                std::to_string(variable.values.size()) + " values, expected " +
                                std::to_string(schema_.extent(variable.info)));
  }
  statics_.push_back(std::move(variable));
}

void Recorder::start(Simulation& sim, Ticks start, Ticks interval, Ticks end, SampleSink& sink) {
  if (started_) throw std::logic_error("recorder: started twice");
  if (interval <= 0) throw std::invalid_argument("recorder: sampling interval must be positive");
  started_ = true;
  sink_ = &sink;
  interval_ = interval;
  end_ = end;
  schema_.calendar = sim.calendar();
  schema_.interval = interval;
  row_.assign(schema_.row_size, 0.0);
  sink_->begin(schema_);
  wanted_.assign(samplers_.size(), 0);
  for (std::size_t i = 0; i < samplers_.size(); ++i) wanted_[i] = sink_->wants_series(i) ? 1 : 0;
  target_id_ = sim.add_target(*this);
  if (start <= end) sim.schedule_at(start, target_id_, 0, Priority::Sample);
}

void Recorder::sample_now(Ticks time) {
  for (std::size_t i = 0; i < samplers_.size(); ++i) {
    if (!wanted_[i]) continue;
    const std::size_t n = schema_.extent(schema_.series[i]);
    samplers_[i](std::span<double>(row_.data() + schema_.series_offset[i], n));
  }
  sink_->append(time, row_);
}

void Recorder::on_event(Simulation& sim, std::uint64_t) {
  sample_now(sim.now());
  if (sim.now() + interval_ <= end_) sim.schedule_in(interval_, target_id_, 0, Priority::Sample);
}

void Recorder::finish() {
  if (!sink_) throw std::logic_error("recorder: finish() before start()");
  sink_->finish(statics_);
}

void MemorySink::begin(const RecordingSchema& schema) {
  schema_ = schema;
  times_.clear();
  data_.clear();
}

void MemorySink::append(Ticks time, std::span<const double> row) {
  times_.push_back(time);
  data_.insert(data_.end(), row.begin(), row.end());
}

void MemorySink::finish(const std::vector<StaticVariable>& statics) { statics_ = statics; }

std::span<const double> MemorySink::series(const std::string& name, std::size_t r) const {
  for (std::size_t i = 0; i < schema_.series.size(); ++i) {
    if (schema_.series[i].name == name && r < rows()) {
      return {data_.data() + r * schema_.row_size + schema_.series_offset[i],
              schema_.extent(schema_.series[i])};
    }
  }
  return {};
}

const StaticVariable* MemorySink::find_static(const std::string& name) const {
  for (const StaticVariable& s : statics_) {
    if (s.info.name == name) return &s;
  }
  return nullptr;
}

SelectedSeriesSink::SelectedSeriesSink(std::vector<Column> columns, std::size_t stride)
    : columns_(std::move(columns)), stride_(std::max<std::size_t>(1, stride)) {}

void SelectedSeriesSink::begin(const RecordingSchema& schema) {
  offset_.clear();
  wanted_.assign(schema.series.size(), 0);
  for (const Column& c : columns_) {
    std::size_t i = 0;
    while (i < schema.series.size() && schema.series[i].name != c.series) ++i;
    if (i == schema.series.size() || c.component >= schema.extent(schema.series[i]))
      throw std::invalid_argument("recorder: no series '" + c.series + "' with component " +
                                  std::to_string(c.component) + " to keep");
    offset_.push_back(schema.series_offset[i] + c.component);
    wanted_[i] = 1;
  }
  times_.clear();
  values_.assign(columns_.size(), {});
  rows_ = 0;
}

void SelectedSeriesSink::append(Ticks time, std::span<const double> row) {
  if (rows_++ % stride_ != 0) return;
  times_.push_back(time);
  for (std::size_t c = 0; c < offset_.size(); ++c) values_[c].push_back(row[offset_[c]]);
}

bool SelectedSeriesSink::wants_series(std::size_t index) const {
  return index < wanted_.size() && wanted_[index] != 0;
}

}  // namespace sim
