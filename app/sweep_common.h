#pragma once
// What every sweep route shares: turning a plan and its runs' results into the sweep file's
// content (docs/output-format.md, "Sweep files"), part files for shards, and the inverse for
// `sovsim merge`. A local sweep, an MPI sweep and merged shards all end in final_content() on the
// same results, so they write the same file.

#include <cstdint>
#include <string>

#include "output/sweep_writer.h"
#include "sim/sweep/design.h"
#include "sim/sweep/model.h"
#include "sim/sweep/plan.h"

namespace sovsim::cli::sweep {

using Results = sim::sweep::RunResults;

struct Context {
  sim::sweep::Plan plan;
  sim::sweep::Design design;
  sim::sweep::ModelOutputs outputs;
  output::Attributes provenance;  // root attributes of part and final files (no shard)
  std::string hash;               // plan_hash(plan)
};

// Root attributes: title, sovsim_version, sweep_hash, sweep_plan, sweep_file, base_scenario,
// model, design, replications, random_seed, runs, indicators, series.
output::Attributes provenance(const sim::sweep::Plan& plan, const sim::sweep::Design& design,
                              const sim::sweep::ModelOutputs& outputs, const std::string& sweep_text,
                              const std::string& base_resolved_yaml);

// Values per run (indicators + series) as the journal stores them.
std::size_t series_values(const sim::sweep::ModelOutputs& outputs);

// The final file: every run, statistics per point, sensitivity indices. Throws std::logic_error
// when a run is missing.
output::SweepFileContent final_content(const Context& context, const Results& results);

// A shard's part file: its runs' parameters, seeds, indicators and (unless keep: headline) series.
output::SweepFileContent part_content(const Context& context, const Results& results, std::uint64_t shard,
                                      std::uint64_t shards);

// The inverse of part_content, for merge: the context (plan and design rebuilt from sweep_plan)
// and the runs a part file holds. Throws std::runtime_error for a file that is not a part file.
Context context_from_part(const output::SweepFileContent& part);
Results results_from_part(const Context& context, const output::SweepFileContent& part);

// `sovsim sweep --list`: one CSV row per run: run, point, replication, seed, parameter values.
std::string design_table_csv(const sim::sweep::Plan& plan, const sim::sweep::Design& design);

}  // namespace sovsim::cli::sweep
