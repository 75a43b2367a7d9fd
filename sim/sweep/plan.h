#pragma once
// A sweep plan: everything that fixes a sweep's runs and their statistics, as plain data with a
// canonical YAML text. The text is stored in every sweep and part file (attribute sweep_plan),
// so `sovsim merge` rebuilds the design and the statistics from the part files alone, and its
// hash (attribute sweep_hash) tells whether files, journals and shards belong to the same sweep.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/sweep/design.h"

namespace sim::sweep {

// What a sweep keeps of each run (docs/sweeps.md).
enum class Keep {
  Headline,  // scalar indicators only
  Bands,     // + mean and quantile bands of every time series per design point
  Series,    // + the full time series of every run
};

// How the seeds of a sweep's runs relate across its design points (docs/sweeps.md).
enum class RandomNumbers {
  Common,       // replication r of every point uses the same seed: differences between points are
                // paired (common random numbers), not blurred by run-to-run noise
  Independent,  // every run has a seed of its own
};

// A scenario file a sweep runs as one value of its `variant` factor (docs/sweeps.md).
struct Variant {
  std::string name;  // the scenario's `name`: the coordinate of the variant dimension
  std::string file;  // as written in the sweep file, relative to it
};

struct Plan {
  std::string title;
  std::string model;         // "ishigami", "rollout"
  std::string model_digest;  // identifies the model's inputs (e.g. a hash of the base scenario)
  std::uint64_t master_seed = 0;
  std::size_t replications = 1;
  RandomNumbers random_numbers = RandomNumbers::Common;
  std::vector<Parameter> parameters;
  // Empty: the sweep runs its base scenario. Else every design point is run on every variant
  // (variant 0 is the reference of paired comparisons); see sweep_design().
  std::vector<Variant> variants;
  DesignSpec design;
  Keep keep = Keep::Headline;
  double series_interval_days = 0;  // keep series at this interval (0: every sample the model takes)
  std::size_t bootstrap = 1000;     // Sobol' and Morris bootstrap resamples
  double confidence = 0.95;         // Sobol' and Morris confidence level
};

std::string_view design_name(DesignKind kind);          // "explicit", "grid", "lhs", "sobol", "morris"
std::string_view keep_name(Keep keep);                  // "headline", "bands", "series"
std::string_view random_numbers_name(RandomNumbers r);  // "common", "independent"

// Canonical YAML (yaml-cpp), `format: sovsim-sweep-plan 2` first; numbers in shortest round-trip
// form, texts double-quoted, so equal plans give equal text and every value reads back exactly.
std::string serialize(const Plan& plan);
// Throws std::invalid_argument on text that is not such a plan, naming the format of a plan
// written by an earlier version.
Plan parse_plan(std::string_view text);
// 16 hexadecimal digits of a 64-bit FNV-1a hash of serialize(plan).
std::string plan_hash(const Plan& plan);

// The seed of replication `replication` of point `point`: run_seed(master seed, point,
// replication), with point 0 for every point under common random numbers, so that a sweep of one
// point and `run --replications` draw the same seeds either way.
std::uint64_t seed_of_run(const Plan& plan, std::uint64_t point, std::uint64_t replication);

// The design of the sweep: make_design() of its parameters, crossed with its variants (variant
// slowest: point v * P + p is design point p on variant v). Throws as make_design().
Design sweep_design(const Plan& plan);

// Run layout: run r is replication r % R of point r / R.
inline std::uint64_t run_count(const Plan& plan, const Design& design) {
  return static_cast<std::uint64_t>(design.points) * plan.replications;
}

// The runs of shard `index` of `count`: r with r % count == index (round-robin, so long and
// short runs, which tend to sit next to each other in a design, spread over the shards).
std::vector<std::uint64_t> shard_runs(std::uint64_t total, std::uint64_t index, std::uint64_t count);

}  // namespace sim::sweep
