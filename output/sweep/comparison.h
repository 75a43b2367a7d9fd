#pragma once
// The sweep file's paired comparison of variants (docs/sweeps.md, "Comparing policies"): for a
// sweep with two or more `variants` (sovsim compare, or a sweep file's `variants:`), every
// indicator of every variant against the reference (variant 0) over the same replications, from
// sim/sweep/paired.h. Which direction is better comes from each indicator's attribute
// `preferred_direction` (the output schema's `better`).

#include <Eigen/Dense>

#include "output/sweep/content.h"
#include "output/sweep_writer.h"

namespace output::sweep {

// Adds the paired_* variables over (variant, indicator) when each variant has one design point,
// over (point, indicator) when variants are crossed with a design (point v*P+p against p);
// nothing without variants. `runs` holds one row per run and one column per indicator. Needs the
// file's `indicator` and `quantile` dimensions.
void add_comparison(const Context& context, const Eigen::MatrixXd& runs, output::SweepFileContent& file);

}  // namespace output::sweep
