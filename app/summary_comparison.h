#pragma once
// `sovsim summary` (and `sovsim compare`) on a sweep file with a paired comparison of variants
// (app/sweep_comparison.h wrote it): "what each variant changes" against the reference, indicator
// by indicator (medians of both, the mean paired difference with its bootstrap interval, the 5 /
// 50 / 95 % of the differences, the shares better / worse / equal and the censored pairs), and per
// target the probability of meeting it under each variant (Wilson interval) with the paired
// difference. Reads the file through output/reader.h only.

#include <filesystem>
#include <string>
#include <vector>

namespace sovsim::cli {

// The text block; "" when the file has no paired comparison.
std::string comparison_summary(const std::filesystem::path& path, const std::vector<std::string>& variables);

}  // namespace sovsim::cli
