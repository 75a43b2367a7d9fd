#pragma once
// The rollout model as a sweep model: each run reloads the base scenario (resolved once, held in
// memory) with the design point's values as overrides, so every run passes the scenario
// loader's validation, then runs models::rollout::run_rollout with the run's seed.
//
// Indicators: the headline's national numbers (GPUs entered service and operational at the end,
// days to 50/90/100 % in service (NaN when not reached), peak power, energy, emissions,
// electricity cost, GPU-days by state). Series (when kept): national sums over sites of power,
// energy, emissions and compute, and GPUs by state, at the scenario's sample interval or the
// sweep's series_interval (every k-th sample). Parameters that change the time axis (start,
// end, sample_interval) are allowed only with keep: headline.

#include <memory>

#include "models/sweep/sweep_file.h"
#include "sim/sweep/design.h"
#include "sim/sweep/model.h"

namespace models::sweep {

std::unique_ptr<sim::sweep::RunModel> make_rollout_model(SweepFile& sweep, const sim::sweep::Design& design,
                                                         const ModelOptions& options);

}  // namespace models::sweep
