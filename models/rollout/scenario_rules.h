#pragma once
// The rollout model's own rules on a scenario, beside the file format's (models/scenario/rules.cpp):
// what only the model can count, such as the size of the file its recording will write. Callers
// that will run the rollout (or validate for it) load through these functions, so a scenario too
// big to record is refused with the format's message form (file, line, key path, expected, found)
// before anything runs.

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/loader.h"

namespace models::rollout {

// A run's output file holds samples x (values per row + time) float64 values whatever the
// compression: at most scn::Limits::kOutputBytes, counted as the recorder lays it out (layout.h).
void check_output_size(const Scenario& scenario, scn::Reader& reader);

inline constexpr std::array<ModelRule, 1> kScenarioRules = {&check_output_size};

// models::load_scenario with the rollout's rules.
LoadResult load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides = {});
LoadResult load_scenario_text(const std::string& text, const std::string& display,
                              const std::filesystem::path& folder,
                              const std::vector<std::string>& overrides = {});
// models::prepare_scenario_text with the rollout's rules (a sweep's runs).
PreparedScenario prepare_scenario_text(const std::string& text, const std::string& display,
                                       const std::filesystem::path& folder);

}  // namespace models::rollout
