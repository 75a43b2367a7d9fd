#pragma once
// The scenario file's schema: ONE table of every key (models/scenario/schema.cpp) that drives
// parsing, validation, `sovsim describe` and docs/scenario-reference.md, plus the limits that
// keep hostile input from exhausting time or memory.

#include <cstddef>
#include <string>

#include "models/scenario.h"
#include "models/scenario/record.h"

namespace models::scn {

// Limits on one load (a scenario with its bases, CSV files and overrides).
struct Limits {
  static constexpr std::size_t kFileBytes = 1024 * 1024;  // each YAML or CSV file
  static constexpr std::size_t kNodes = 200'000;          // YAML nodes and CSV fields, aliases expanded
  static constexpr int kDepth = 32;                       // nesting of lists and maps
  static constexpr int kBaseChain = 8;                    // a variant of a variant of ...
  static constexpr std::size_t kOverrides = 1000;         // --set options
  static constexpr double kGpus = 1e8;                    // GPUs in all orders
  static constexpr double kUnits = 1e7;                   // units in all orders (one record each in a run)
  static constexpr int kHorizonYears = 100;               // end - start
  static constexpr double kSamples = 1e6;                 // samples over the horizon
  static constexpr double kFailureCandidates = 1e9;       // failures_per_gpu_day x GPUs x horizon days
  static constexpr double kOutputBytes = 64.0 * (1ull << 30);  // a run's file: samples x row values x 8
  static constexpr int kScheduleYearsBeforeStart = 2;          // earliest shipment date: start - 2 years
};

const RecordSchema<Scenario>& scenario_schema();

// Cross-field rules (models/scenario/rules.cpp), after every key was read.
void check_rules(const Scenario& scenario, Reader& reader);

// docs/scenario-reference.md, generated from the table.
std::string reference_markdown();

// The reference tables of a record and every record below it (one "## " section each), as in
// docs/scenario-reference.md: for another file format built on RecordSchema (sweep files).
std::string record_reference_markdown(const RecordInfo& top);

}  // namespace models::scn
