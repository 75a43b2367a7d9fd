#pragma once
// THE table of sweep-file keys, on the scenario files' RecordSchema: one declaration of every key
// (kind, default or requirement, allowed range, meaning) that reads a sweep file, reports its
// problems through the same Reader (FILE:LINE:COLUMN: KEY.PATH: expected, found), documents it
// (`sovsim describe --sweep-reference`, docs/sweep-reference.md, checked by a test) and lists the
// cross-key rules in words; the rules themselves are checked in sweep_file.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/record.h"

namespace models::sweep {

// A parameter's distribution as written; which keys a type needs is a rule.
struct DistributionRecord {
  std::string type;  // uniform, loguniform, normal or triangular; "" when not written
  std::optional<scn::WrittenValue> low, high, mean, sd, mode;
};

struct ParameterRecord {
  std::string key;  // a key path, as for `sovsim run --set`
  std::vector<scn::WrittenValue> values;
  std::vector<scn::WrittenValue> range;  // [low, high]
  std::optional<std::int64_t> steps;
  DistributionRecord distribution;
};

// `design.points` is read by the loader: its keys are the parameters' key paths.
struct DesignRecord {
  std::string type;  // a name of sim::sweep::kDesignTypes; "" when not written
  std::optional<std::int64_t> samples;
  bool second_order = false;
  std::optional<std::int64_t> trajectories;
  std::int64_t levels = 4;
};

struct SweepRecord {
  std::string title;
  std::string model;
  std::string base;
  std::vector<std::string> variants;
  std::uint64_t seed = 0;
  std::int64_t replications = 1;
  std::string random_numbers;
  DesignRecord design;
  std::vector<ParameterRecord> parameters;
  std::string keep;
  std::vector<std::string> indicators;    // empty: every indicator
  std::optional<double> series_interval;  // days
  std::int64_t bootstrap = 1000;
  double confidence = 0.95;
};

// Limits a sweep file's keys are read within (also in docs/limits.md).
struct SweepLimits {
  static constexpr std::uint64_t kRuns = 1'000'000;    // design points x replications (all kept in memory)
  static constexpr double kSeed = 9007199254740992.0;  // 2^53: every seed exact in a double (netCDF)
  static constexpr double kReplications = 1'000'000;
  static constexpr double kSamples = 10'000'000;
  static constexpr double kTrajectories = 1'000'000;
  static constexpr double kLevels = 1000;
  static constexpr double kSteps = 100'000;
  static constexpr double kBootstrap = 100'000;
};

const scn::RecordSchema<SweepRecord>& sweep_schema();

// The distribution types a parameter may take, in table order.
const std::vector<std::string>& distribution_types();

// docs/sweep-reference.md, generated from the table.
std::string sweep_reference_markdown();

}  // namespace models::sweep
