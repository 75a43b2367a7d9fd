#pragma once
// The output schema: one table of every quantity the rollout model writes, as RecordSchema
// (models/scenario/schema.h) is the one table of every key it reads. The table drives
//   - the run file: declare_recording() and declare_statics() (models/rollout/recording.cpp) walk
//     it; nothing else names an output variable;
//   - the sweep file: the indicators and series a sweep keeps are the entries marked `sweep`, under
//     the SAME names (models/sweep/rollout_run.cpp);
//   - metadata in both files that readers use instead of restating names: each variable's
//     `sovsim_kind`, and the root attributes of output_file_attributes() (state groups, the
//     featured indicators, the vocabulary version);
//   - docs/output-format.md's variable tables (output_reference_markdown(), checked by a test).
//
// Adding an output variable = one entry in kOutputs (output_schema.cpp) + the code that computes
// it: a `sample` function reading the Snapshot (a series), or a `compute` function reading the
// Headline (a value at the end of the run). If the value is not in the Snapshot or Headline
// yet, add the field there and fill it in take_snapshot() (recording.cpp) or
// RolloutModel::headline() (rollout_model.cpp). Then regenerate the docs:
//     build/sovsim describe --outputs > docs/output-reference.md
// and mark it `sweep` if sweeps should keep it. The test output_schema_test checks names, units
// and that the docs are current.
//
// Rules the table keeps (checked by output_schema_test):
//   - names are unique netCDF names; units are UDUNITS-2 and never one that xarray decodes as a
//     time span (days, hours, ...): GPU-days are "d" with long_name "GPU-days ...", dates are CF
//     time ("days since <start>") and decode as dates;
//   - a quantity over an axis the scenario does not have (corridor without corridors) is not
//     written;
//   - a sweep indicator over one axis (state, or the scenario's buyers) is written as one scalar per
//     label, named <name>_<label>
//     (gpu_days_national over state -> gpu_days_national_waiting_power); over two axes, one per
//     pair of labels, <name>_<outer>_<inner> (gpu_days_idle_by_buyer over buyer, reason ->
//     gpu_days_idle_by_buyer_government_waiting_power).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/rollout/headline.h"
#include "models/rollout/snapshot.h"

namespace models::rollout {

// What kind of quantity an entry is; written as the variable attribute `sovsim_kind`.
enum class OutputKind : std::uint8_t {
  Series,    // sampled at every recording instant: dims (time, axes...)
  Total,     // one value at the end of the run (or over the whole run)
  Date,      // a date (CF time units "days since <start>"), NaN fill when never reached
  Code,      // a categorical code: flag_values 0..n-1 with flag_meanings
  Property,  // an input of the run restated for readers (e.g. a site's land)
};
std::string_view kind_name(OutputKind kind);

// Which direction of a sweep indicator is better, for paired comparisons of variants (`sovsim
// compare`, sim/sweep/paired.h): the sweep variable attribute `preferred_direction`.
enum class Better : std::uint8_t {
  Unstated,  // not a sweep indicator (every sweep indicator states one: output_schema_test)
  None,      // no sense of better: an input restated, or a quantity that grows with the GPUs working
             // and is a cost of them (energy, emissions, peak power)
  Lower,     // e.g. a milestone date (earlier), GPUs never in service
  Higher,    // e.g. GPUs in service at the end
  ByState,   // over the `state` axis: operational higher, idle states (idle_states()) lower, the
             // others (on order, in transit, installing, retired) none
};

// Whether sweeps keep an entry, and as what.
enum class SweepRole : std::uint8_t {
  None,
  Indicator,  // one value per run: a Total/Date, scalar or over one or two axes (flattened per label)
  Series,     // a national series (no axes, or over one axis flattened per label) per run and time
};

// A series sampler: fills `out` (the product of the axis lengths, row-major) from the snapshot.
using SampleFn = void (*)(const Snapshot& snapshot, std::span<double> out);
// A static value's computation: fills `out` (row-major over the axes) from the headline.
using ComputeFn = void (*)(const Headline& headline, std::vector<double>& out);

// Marks a Date entry's units: replaced by the run's CF time units ("days since <start> 00:00:00").
inline constexpr std::string_view kTimeUnits = "<time>";

struct OutputQuantity {
  std::string_view name;       // the netCDF variable name in run and sweep files
  std::string_view axes;       // space-separated axis names, outermost first; "" for none
  std::string_view units;      // UDUNITS-2 ("1" for counts and fractions) or kTimeUnits
  std::string_view long_name;  // the file's long_name
  std::string_view meaning;    // how it is computed from the model's state (docs)
  OutputKind kind = OutputKind::Series;
  SweepRole sweep = SweepRole::None;
  Better better = Better::Unstated;  // sweep indicators: which direction is better
  SampleFn sample = nullptr;         // Series
  ComputeFn compute = nullptr;       // every other kind
  // Code: the meanings of codes 0, 1, ... (space-separated), or "@<axis>" for positions along an
  // axis (the axis labels are the meanings).
  std::string_view flag_meanings = {};
  // Featured in summaries and figures (sweep_indicators.png): order, 1 first; 0 not featured.
  int featured = 0;
  std::string_view short_label = {};  // a figure's panel title; empty: the long_name
  // What of the entry GPU failures change (failures, repairs, spares): "none", "all", or the labels
  // of the entry's last axis they change (e.g. "operational in_repair"). Every sweep entry states
  // it (output_schema_test): a sweep that keeps nothing they change runs without them
  // (RunOptions::failure_process), and test FailureProcess.* checks each statement on a run.
  std::string_view changed_by_failures = {};
};

// Whether failures change component `label` (of the entry's last axis; "" for a scalar) of `q`.
// Throws std::logic_error for an entry that does not state it.
bool changed_by_failures(const OutputQuantity& q, std::string_view label);

// "lower", "higher" or "none" for component `label` of an entry ("" for a scalar); "" when unstated.
std::string_view preferred_direction(const OutputQuantity& q, std::string_view label);

// The axes the model declares, in the order of the run file.
struct OutputAxis {
  std::string_view name;
  std::string_view long_name;
};
std::span<const OutputAxis> output_axes();

// Every output quantity, in the order of the run file (series first, then statics).
std::span<const OutputQuantity> output_schema();
const OutputQuantity* find_output(std::string_view name);

// The names of the state groups figures and summaries use (labels of the `state` axis).
std::span<const std::string_view> idle_states();       // delivered or ordered, not working, by reason
std::span<const std::string_view> delivered_states();  // arrived in the country

// Version of this vocabulary: root attribute output_schema_version. 2: names unified between run
// and sweep files (docs/output-format.md lists the old names).
inline constexpr std::string_view kOutputSchemaVersion = "2";

// Root attributes every run and sweep file carries (text): output_schema_version, idle_states,
// delivered_states, featured_indicators (space-separated names).
std::vector<std::pair<std::string, std::string>> output_file_attributes();

// Variable attributes of an entry beyond units/long_name/_FillValue/flag_meanings: sovsim_kind
// and, when featured, short_label.
std::vector<std::pair<std::string, std::string>> output_variable_attributes(const OutputQuantity& q);

// The entry's axes, outermost first.
std::vector<std::string> axis_names(const OutputQuantity& q);

// A sweep's name for component `label` of a quantity flattened over one axis: <name>_<label>.
std::string flattened_name(std::string_view name, std::string_view label);
// Over two axes: <name>_<outer>_<inner>.
std::string flattened_name(std::string_view name, std::string_view outer, std::string_view inner);

// Markdown tables of every output variable (run file and sweep file), for docs/output-reference.md.
std::string output_reference_markdown();

}  // namespace models::rollout
