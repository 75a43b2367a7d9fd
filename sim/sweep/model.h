#pragma once
// What a sweep runs: a model seen only through its parameters, a seed and named outputs.
//
// A run takes one design point's parameter values (in the order of the sweep's parameters) and a
// seed, and returns named scalar indicators and, optionally, time series on a time axis that is
// the same for every run. run() is const and must be safe to call from several threads at once:
// each call builds its own simulation (the project rule: no global mutable state).

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sim::sweep {

using TextAttributes = std::vector<std::pair<std::string, std::string>>;

// What an indicator is to the sweep's statistics (sim/sweep/conditioning.h): a value, or a 0/1 flag
// of a dated condition: a target (the sweep gives the probability of meeting it per point, with a
// Wilson interval) or an observation (runs with every observation flag 1 are the consistent runs of
// history matching). Part files carry it as the attributes sweep_role and sweep_label.
enum class Role { Value, Target, Observation };

struct Quantity {
  std::string name;   // a netCDF variable name
  std::string units;  // UDUNITS-2; "1" for counts and fractions; CF "days since ..." for dates
  std::string long_name;
  TextAttributes attributes;  // more variable attributes (the model's metadata for its readers)
  Role role = Role::Value;
  std::string label;  // Target, Observation: the condition's name (a label of the target/observation axis)
};

struct ModelOutputs {
  TextAttributes attributes;  // root attributes the model adds to the sweep file
  std::vector<Quantity> indicators;
  std::vector<Quantity> series;
  std::vector<double> times;  // the series' time axis (days since time_units' epoch)
  std::string time_units;     // CF, e.g. "days since 2025-11-01"; empty when there are no series
  // Right-censoring: per indicator, the value a run without one (NaN: a milestone not reached by
  // the horizon) counts as in sensitivity indices, e.g. the horizon end for a date; NaN, or a
  // shorter vector, when the indicator has no such rule (its indices are then withheld).
  std::vector<double> censored_values;
};

struct RunInput {
  std::uint64_t run = 0;
  std::uint64_t point = 0;
  std::uint64_t variant = 0;  // which of the sweep's variants (0 without variants)
  std::uint64_t replication = 0;
  std::uint64_t seed = 0;
  std::span<const double> values;  // one per parameter
};

struct RunResult {
  std::vector<double> indicators;  // one per ModelOutputs::indicators
  std::vector<double> series;      // series-major: series.size() × times.size(); empty if none
};

// The results of a sweep's runs by run index (all of them for the statistics of a whole sweep).
using RunResults = std::map<std::uint64_t, RunResult>;

class RunModel {
 public:
  virtual ~RunModel() = default;
  virtual const ModelOutputs& outputs() const = 0;
  // Throws on failure (an invalid override, a model error); the sweep then stops.
  virtual RunResult run(const RunInput& input) const = 0;
};

}  // namespace sim::sweep
