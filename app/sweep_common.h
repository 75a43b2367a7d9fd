#pragma once
// The command's side of a sweep file: its provenance attributes (the command's version and the
// files it was given) and the design table of `sovsim sweep --list`. The file's content itself
// (final_content, part files and their inverse for merge) is the library's, output/sweep/content.h;
// its names are brought here so that the command's sweep code reads sweep::final_content(...).

#include <string>

#include "output/sweep/content.h"
#include "output/sweep_writer.h"
#include "sim/sweep/design.h"
#include "sim/sweep/model.h"
#include "sim/sweep/plan.h"

namespace sovsim::cli::sweep {

using output::sweep::Context;
using output::sweep::context_from_part;
using output::sweep::final_content;
using output::sweep::part_content;
using output::sweep::Results;
using output::sweep::results_from_part;
using output::sweep::series_values;

// Root attributes: title, sovsim_version, sweep_hash, sweep_plan, sweep_file, base_scenario,
// model, design, replications, random_seed, runs, indicators, series.
output::Attributes provenance(const sim::sweep::Plan& plan, const sim::sweep::Design& design,
                              const sim::sweep::ModelOutputs& outputs, const std::string& sweep_text,
                              const std::string& base_resolved_yaml);

// `sovsim sweep --list`: one CSV row per run: run, point, replication, seed, parameter values.
std::string design_table_csv(const sim::sweep::Plan& plan, const sim::sweep::Design& design);

}  // namespace sovsim::cli::sweep
