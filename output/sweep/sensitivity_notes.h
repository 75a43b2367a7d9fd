#pragma once
// What a Sobol' or Morris sweep file says about its own sensitivity indices, beyond the tables:
// per indicator how its indices were computed (censoring rule, or why they are withheld), its noise
// share with a warning when large, and the indices not to be trusted with the sample size that
// would be needed (sim/sweep/sensitivity.h). A struct result for every printer: `sovsim summary`
// prints it as sentences (table), rows (CSV) or a "sensitivity" object (JSON).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "output/sweep_writer.h"

namespace output::sweep {

struct IndicatorSensitivityNote {
  std::string indicator;
  std::string status;  // computed, censored_at_horizon, withheld_no_values, withheld_no_variance
  std::string note;    // the file's sensitivity_note: what was done and why
  std::optional<double> noise_share;   // nullopt when withheld or not estimable (noise_text says which)
  std::string noise_text;              // "noise share 0.15 (WARNING: ...)"; empty when withheld
  bool noise_warning = false;          // the share is above sim::sweep::kLargeNoiseShare
  std::vector<std::string> untrusted;  // "S1 x1", "ST x2", "mu* x3"
  std::string untrusted_text;          // the flag rule and the sample size needed; empty when none
  std::optional<double> needed;        // Sobol': base samples N; Morris: trajectories r
  std::string needed_of;               // "base samples" or "trajectories"
};

struct SensitivityNotes {
  std::string design;  // "sobol" or "morris"
  std::vector<IndicatorSensitivityNote> indicators;
  std::size_t noisy = 0, untrusted = 0;  // indicators with a noise warning / untrusted indices
  std::string overall;                   // "2 indicator(s) with a large noise share, ..."; empty if none
};

// Nullopt for a file without sensitivity results (no sensitivity_note, indicator or parameter).
std::optional<SensitivityNotes> sensitivity_notes(const SweepFileContent& file);
std::optional<SensitivityNotes> read_sensitivity_notes(const std::filesystem::path& path);

// For a NaN cell of a sensitivity variable over `indicator`: why it has no value when the indicator's
// indices were withheld ("withheld: ..."), else empty.
std::string withheld_reason(const SensitivityNotes& notes, const std::string& indicator);

}  // namespace output::sweep
