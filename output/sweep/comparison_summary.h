#pragma once
// The paired comparison of variants read back from a sweep file (output/sweep/comparison.h wrote
// it), as a struct a printer lays out: per variant (and design point) against the reference, each
// indicator's medians on both sides, the mean paired difference with its bootstrap interval, the
// quantiles of the differences, the shares better / worse / equal and the censored pairs; per
// target the probability of meeting it on both sides (Wilson interval) and the paired difference;
// the observations not compared, by reason. Reads the file through output/reader.h only.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace output::sweep {

struct PairedIndicator {
  std::string name;
  std::string long_name;
  std::string units;             // of the indicator (CF for a date)
  std::string difference_units;  // of a difference ("d" for a date's)
  std::string direction;         // preferred_direction: lower, higher or none
  std::string role;              // sweep_role: value, target, observation ("" in older files)
  // An indicator flattened over two axes (gpu_days_idle_by_buyer over buyer, reason): the
  // quantity's name, so that a printer can list its unchanged components as one entry.
  std::string two_axis_quantity;
  double reference_median = 0, variant_median = 0;  // NaN: no run has a value
  double mean = 0, low = 0, high = 0;               // low/high NaN: fewer than 2 pairs
  std::vector<double> quantiles;                    // of the differences, at the file's levels
  double pairs = 0;                                 // replications where both have a value
  double censored_reference = 0, censored_variant = 0, censored_both = 0;
  double better = 0, worse = 0, equal = 0, undetermined = 0;  // shares of all replications
  std::string not_compared;  // why a target or observation is not paired ("": paired)
};

struct TargetSide {
  bool defined = true;       // false: the variant does not define the target
  std::string variant_name;  // the side's variant ("" when the file names none)
  double probability = 0, low = 0, high = 0, runs_met = 0, runs = 0;
  std::string never_met_reason;  // why it can never be met there ("": it can)
};

struct TargetComparison {
  std::string name;
  TargetSide reference, variant;
  // The paired difference of the met flags, when the file has one (PairedIndicator of
  // target_met_<name>; its not_compared says why it is not paired).
  std::optional<PairedIndicator> paired;
};

struct VariantComparison {
  std::size_t row = 0;                      // index of the comparison's first axis (variant, or point)
  std::size_t variant = 0;                  // index into the variant dimension
  std::size_t base_point = 0;               // the design point of the reference compared with
  std::string label;                        // the variant's name, or "point 3: name" crossed with a design
  std::string file;                         // the variant's scenario file ("" when the file does not say)
  std::vector<std::string> notes;           // derivation notes of this variant
  std::vector<PairedIndicator> indicators;  // every indicator but targets and observations
  bool has_targets = false;
  std::vector<TargetComparison> targets;
  std::map<std::string, std::vector<std::string>> observations_not_compared;  // reason -> names
};

struct ComparisonSummary {
  std::string reference;     // the comparison_reference attribute
  std::string replications;  // "" when the file does not say
  std::vector<std::string> derivation_notes;
  std::size_t design_points = 1;
  std::vector<VariantComparison> variants;  // every row but the reference's
};

// Nullopt when the file has no paired comparison. `variables`: the file's variable names.
std::optional<ComparisonSummary> read_comparison(const std::filesystem::path& path,
                                                 const std::vector<std::string>& variables);

}  // namespace output::sweep
