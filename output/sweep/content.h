#pragma once
// The sweep file's content, a library beside the engine (sovsim::sweep_output): what every sweep
// route shares: turning a plan and its runs' results into the sweep file's content
// (docs/output-format.md, "Sweep files"), part files for shards, and the inverse for `sovsim merge`.
// A local sweep, an MPI sweep and merged shards all end in final_content() on the same results, so
// they write the same file. Domain-free: it sees sim::sweep's plans and quantities, never GPUs; the
// statistics come from sim/sweep and the file's structure from output/sweep_writer.h.

#include <cstdint>
#include <string>

#include "output/sweep_writer.h"
#include "sim/sweep/design.h"
#include "sim/sweep/model.h"
#include "sim/sweep/plan.h"

namespace output::sweep {

using Results = sim::sweep::RunResults;

struct Context {
  sim::sweep::Plan plan;
  sim::sweep::Design design;
  sim::sweep::ModelOutputs outputs;
  output::Attributes provenance;  // root attributes of part and final files (no shard), from the caller
  std::string hash;               // plan_hash(plan)
};

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

}  // namespace output::sweep
