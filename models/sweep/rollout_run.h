#pragma once
// The rollout model as a sweep model: each run reloads the base scenario (resolved and parsed once,
// held in memory) with the design point's values as overrides, so every run passes the scenario
// loader's validation, then runs models::rollout::run_rollout with the run's seed.
//
// Indicators and series: the output schema's entries marked for sweeps
// (models/rollout/output_schema.h), under the run file's names; an entry over `state` is kept as
// one quantity per state (<name>_<state>). Dates are CF time since point 0's start. Series are
// kept at the scenario's sample interval or the sweep's series_interval (every k-th sample). Parameters that
// change the time axis (start, end, sample_interval) are allowed only with keep: headline. The series kept by
// all runs are bounded (kept_series_problem) when the sweep file is loaded, on the base scenario's time axis,
// and again on design point 0's before the first run.

#include <cstdint>
#include <memory>
#include <string>

#include "models/scenario.h"
#include "models/sweep/sweep_file.h"
#include "sim/sweep/design.h"
#include "sim/sweep/model.h"
#include "sim/sweep/plan.h"

namespace models::sweep {

std::unique_ptr<sim::sweep::RunModel> make_rollout_model(SweepFile& sweep, const sim::sweep::Design& design,
                                                         const ModelOptions& options);

// What a run keeps with keep: bands or series: every national series at every stride-th sample of
// the scenario (all of them without series_interval), known from the scenario alone.
struct KeptSeries {
  std::size_t series = 0;     // series kept (the schema's sweep series, per component)
  std::uint64_t samples = 0;  // samples a run records (models/rollout/layout.h)
  std::uint64_t stride = 1;   // series_interval / sample_interval, rounded, at least 1
  std::uint64_t steps = 0;    // time steps kept: samples / stride, rounded up
};
KeptSeries kept_series(const sim::sweep::Plan& plan, const Scenario& scenario);

// Rank 0 (or the one process) keeps every run's series in memory until it writes the file:
// runs x series x time steps x 8 bytes, at most this many.
inline constexpr double kMaxKeptSeriesBytes = 16.0 * (1ull << 30);

// Empty when the runs' kept series fit kMaxKeptSeriesBytes (or keep: headline), else the problem,
// "expected ..., found ...; that is the limit (...)", to follow "FILE:LINE:COLUMN: keep: ".
std::string kept_series_problem(const sim::sweep::Plan& plan, const Scenario& scenario, std::uint64_t runs);

}  // namespace models::sweep
