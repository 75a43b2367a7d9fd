#pragma once
// Loading a scenario file: YAML (with bases and CSV schedules) -> validated models::Scenario.
//
//   models::LoadResult r = models::load_scenario("scenarios/korea-2025.yaml", {"sites.nacc.land=5 ha"});
//   if (!r.ok()) { for (auto& e : r.errors) std::cerr << e << '\n'; return 2; }
//   run(*r.scenario, r.provenance);
//
// Every problem is reported as "FILE:LINE:COLUMN: KEY.PATH: what was expected, what was found",
// all of them (up to 50, then "... and N more errors"). The format, its units and rules are
// documented in docs/scenario-format.md and docs/scenario-reference.md.

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario.h"

namespace models {

// A file read for a scenario, with its path relative to the scenario file's folder.
struct ScenarioFile {
  std::string path;
  std::string text;
};

// Everything a run needs to be reproduced from its output file alone.
struct ScenarioProvenance {
  std::string path;                     // the scenario file as given
  std::string text;                     // its text as read
  std::vector<ScenarioFile> bases;      // base files, nearest first
  std::vector<ScenarioFile> csv_files;  // CSV schedules, in the order read
  std::vector<std::string> overrides;   // --set KEY.PATH=VALUE, as given
  std::string resolved_yaml;            // describe's output: bases merged, defaults filled, units canonical
};

namespace scn {
class Reader;
}

// A rule that belongs to the model that will run the scenario, not to the file format: the
// rollout's bound on the size of its output file, which only the model's recording layout can
// count (models/rollout/scenario_rules.h). The loader checks the model's rules only on a scenario
// the format accepts, and reports them like its own (file, line, key path, expected, found).
using ModelRule = void (*)(const Scenario& scenario, scn::Reader& reader);

struct LoadResult {
  std::optional<Scenario> scenario;  // set when the scenario is valid
  ScenarioProvenance provenance;
  std::vector<std::string> errors;  // one line per problem, empty when valid

  bool ok() const { return scenario.has_value(); }
};

// Reads, merges, overrides (`overrides` are "KEY.PATH=VALUE", see apply order in
// docs/scenario-format.md), converts units and checks every rule of the format, then the
// `model_rules`. Never throws for bad input.
LoadResult load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides = {},
                         std::span<const ModelRule> model_rules = {});

// The same for a scenario held in memory; `display` names it in messages and `folder` is where
// its base and CSV paths are resolved (and confined).
LoadResult load_scenario_text(const std::string& text, const std::string& display,
                              const std::filesystem::path& folder,
                              const std::vector<std::string>& overrides = {},
                              std::span<const ModelRule> model_rules = {});

// A scenario text parsed once (its bases merged) and loaded many times with different overrides,
// as a sweep's runs are: load(overrides) gives what load_scenario_text(text, display, folder,
// overrides) gives, through the same overrides, schema, references and rules, without reading or
// parsing the YAML again. With describe = false the provenance's resolved_yaml is left empty (it
// costs as much as the parse; a sweep's runs do not keep it). Safe to load from several threads.
class PreparedScenario {
 public:
  struct State;
  explicit PreparedScenario(std::shared_ptr<const State> state);
  ~PreparedScenario();
  PreparedScenario(const PreparedScenario&) = default;
  PreparedScenario& operator=(const PreparedScenario&) = default;
  PreparedScenario(PreparedScenario&&) noexcept = default;
  PreparedScenario& operator=(PreparedScenario&&) noexcept = default;

  LoadResult load(const std::vector<std::string>& overrides = {}, bool describe = true) const;

 private:
  std::shared_ptr<const State> state_;
};

PreparedScenario prepare_scenario_text(const std::string& text, const std::string& display,
                                       const std::filesystem::path& folder,
                                       std::span<const ModelRule> model_rules = {});

// For callers who prefer exceptions: what() is all messages, one per line.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<std::string> errors);
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::vector<std::string> errors_;
};

// load_scenario, throwing ScenarioError when the scenario is not valid.
LoadResult load_scenario_or_throw(const std::filesystem::path& file,
                                  const std::vector<std::string>& overrides = {},
                                  std::span<const ModelRule> model_rules = {});

// The scenario as YAML in canonical units with every default filled and schedules inline; a
// file with this text loads to an identical Scenario.
std::string describe_scenario(const Scenario& scenario);

// docs/scenario-reference.md: every key, generated from the schema table.
std::string scenario_reference_markdown();

}  // namespace models
