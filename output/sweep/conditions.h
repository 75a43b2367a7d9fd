#pragma once
// The sweep file's part for targets and observations (indicators whose role is Target or
// Observation, sim/sweep/model.h): per design point the probability of meeting each target with
// its Wilson 95 % interval and counts, the share of runs matching each observation, and history
// matching by rejection: which runs are consistent with every observation and the bands of the
// indicators and series over them, beside the unconditioned ones (docs/sweeps.md, "Targets and
// observations"). Statistics come from sim/sweep/conditioning.h.

#include "output/sweep/content.h"
#include "output/sweep_writer.h"

namespace output::sweep {

// Adds the variables (nothing when the sweep's model has no targets or observations) and, when a
// point keeps fewer than 30 consistent runs, the root attribute history_matching_warning.
void add_conditions(const Context& context, const Results& results, output::SweepFileContent& file);

// Per-run indicator attributes that carry an indicator's role through part files (merge).
void add_role_attributes(const sim::sweep::Quantity& quantity, output::SweepVariable& variable);
void read_role_attributes(const output::SweepVariable& variable, sim::sweep::Quantity& quantity);

}  // namespace output::sweep
