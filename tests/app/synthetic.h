#pragma once
// Synthetic sovsim output files for the summary and plotting tests, written with the real writers
// (output::NetcdfWriter for a run, output::write_sweep_file for a sweep) in the layout of
// docs/output-format.md and the variables of the rollout model, with plausible numbers (S-curves,
// power caps, idle GPUs), so that tests exercise the format users get and the figures can be
// looked at.

#include <filesystem>
#include <set>
#include <string>

namespace sovsim::test {

struct RunOptions {
  std::set<std::string> without;  // variables (series or static) to leave out
};

// 11 sites (one with a Korean name), 3 zones, 11 GPU states, 3 buyers; a sample every 7 days from
// 2025-11-01 for 7 years. Statics: date_operational_{50,90,100}pct (100 % never reached: NaN) and
// their _by_buyer versions, peak_power_demand_mw, energy_total_twh, emissions_total_mt,
// gpu_days(site, state), binding_constraint(site) with flag_meanings, site_land_ha(site).
void write_run(const std::filesystem::path& path, const RunOptions& options = {});

enum class SweepDesign { Grid, Sobol, Morris };

// A rollout-like sweep: `grid` has 3 design points x 5 replications and bands of the national
// series; `sobol` and `morris` have 2 parameters, one replication, no series and sensitivity
// indices.
void write_sweep(const std::filesystem::path& path, SweepDesign design);

}  // namespace sovsim::test
