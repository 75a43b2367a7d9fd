#pragma once
// Loading a sweep file (docs/sweeps.md): YAML -> a validated sim::sweep::Plan.
//
// Sweep files share the scenario files' generic layer (models/scenario/): the same YAML reader
// with origins and limits, one RecordSchema table of their keys (sweep_schema.cpp) read by the
// same Reader, so the same strict numbers and units, the same `base` path rules (relative to the
// sweep file's folder, '..' allowed, or absolute; models/scenario/files.h) and the same messages,
//   FILE:LINE:COLUMN: KEY.PATH: what was expected, what was found
// all of them, not just the first. The cross-key rules (the table lists them in words) are
// checked here, on the records the table read. Parameter values are applied to the base scenario through
// the scenario loader's overrides (load_scenario(base, {"KEY.PATH=VALUE UNIT"})), so every run
// passes exactly the validation of `sovsim run --set`.

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/sweep/model.h"
#include "sim/sweep/plan.h"

namespace models::sweep {

struct SweepFile {
  sim::sweep::Plan plan;
  std::string path;                           // as given
  std::string text;                           // as read
  std::optional<std::filesystem::path> base;  // rollout: the base scenario file (with variants: the first)
  std::vector<std::filesystem::path> variant_files;  // rollout: plan.variants' files, resolved
  std::string base_resolved_yaml;                    // rollout: the base, resolved (filled in by make_model)
  std::string keep_location;                         // "FILE:LINE:COLUMN" of `keep`, for later messages
  // rollout: the `indicators` kept (empty: all), each with its "FILE:LINE:COLUMN", checked against
  // the scenario's indicators when the model is made.
  std::vector<std::string> indicators;
  std::vector<std::string> indicator_locations;
  std::vector<std::string> warnings;
};

struct SweepLoad {
  std::optional<SweepFile> sweep;
  std::vector<std::string> errors;
  bool ok() const { return sweep.has_value(); }
};

SweepLoad load_sweep(const std::filesystem::path& file);
SweepLoad load_sweep_text(const std::string& text, const std::string& display,
                          const std::filesystem::path& folder);

// The scenario overrides for one design point: "KEY.PATH=VALUE UNIT" per parameter.
std::vector<std::string> point_overrides(const sim::sweep::Plan& plan, std::span<const double> values);

// The model a sweep runs: the built-in Ishigami function, or the rollout model on the base
// scenario (loaded here once; its resolved YAML is stored in sweep.base_resolved_yaml and each run
// reloads it with the point's overrides). Throws std::runtime_error with every message when the
// base scenario is invalid or the first design point's overrides are rejected.
struct ModelOptions {
  bool check_invariants = false;  // rollout: check the model's invariants at every sample of every run
};
std::unique_ptr<sim::sweep::RunModel> make_model(SweepFile& sweep, const sim::sweep::Design& design,
                                                 const ModelOptions& options = {});

}  // namespace models::sweep
