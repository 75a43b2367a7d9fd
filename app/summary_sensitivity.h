#pragma once
// `sovsim summary` of a Sobol' or Morris sweep: what the sensitivity tables cannot say by
// themselves: per indicator how its indices were computed (censoring rule, or why they are
// withheld), its noise share with a warning when large, and the indices not to be trusted with the
// base sample size that would be needed (sim/sweep/sensitivity.h).

#include <filesystem>
#include <ostream>

namespace sovsim::cli {

// Prints nothing for a file without sensitivity results.
void print_sensitivity_notes(std::ostream& out, const std::filesystem::path& path);

}  // namespace sovsim::cli
