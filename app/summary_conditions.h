#pragma once
// `sovsim summary` on a sweep file with targets or observations (app/sweep_conditions.h wrote
// them): the probability of meeting each target per point with its Wilson 95 % interval and
// counts, the share of runs matching each observation with the model's median and 5-95 % range
// against what was observed, and the runs consistent with every observation (with the warning
// below 30). Reads the file through output/reader.h only.

#include <filesystem>
#include <string>
#include <vector>

namespace sovsim::cli {

// The text block; "" when the file has neither targets nor observations.
std::string conditions_summary(const std::filesystem::path& path, const std::vector<std::string>& variables);

}  // namespace sovsim::cli
