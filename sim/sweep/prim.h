#pragma once
// Scenario discovery with the Patient Rule Induction Method (Friedman & Fisher 1999, "Bump hunting
// in high-dimensional data", Statistics and Computing 9; as used by Bryant & Lempert 2010 and the
// EMA Workbench, Kwakkel 2017): which box of the inputs holds most runs of interest (a target
// missed, an indicator past a threshold) and few others.
//
//   Peeling   From the box holding every run, repeatedly remove the slice of `alpha` of the runs
//             inside it, from the low or the high end of one input, that raises the box's density
//             (share of runs of interest inside) the most (ties: the slice keeping more runs);
//             stop when the next box would hold less than `min_mass` of all runs or no slice
//             raises the density. Each box is a point of the trajectory.
//   Pasting   Then, from the last peeled box, repeatedly widen one restricted limit by `alpha` of
//             the box's runs while that raises the density (the pasted box is the trajectory's
//             last point when it differs).
//   Measures  coverage = runs of interest inside / all runs of interest; density = runs of
//             interest inside / runs inside; mass = runs inside / all runs; restricted = inputs
//             whose limits are narrower than their full range over the runs.
//   Quasi-p   For each restriction of a box: the one-sided binomial probability of at least the
//             box's runs of interest among its runs, if the density were that of the box without
//             this restriction (EMA Workbench's quasi-p-value). Large values (say > 0.05) mark a
//             restriction that does not really raise the density.
//   Choice    The box with the highest density among those with coverage >= kChoiceCoverage (the
//             first box if none); the caller may choose another.
//
// Discrete inputs (ties) are handled: a slice removes every run at or beyond the cut value, and a
// slice that would remove nothing is not a candidate.

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace sim::sweep {

inline constexpr double kChoiceCoverage = 0.5;

struct PrimOptions {
  double alpha = 0.05;     // peel and paste fraction
  double min_mass = 0.05;  // smallest box, as a share of all runs
};

struct PrimBox {
  Eigen::VectorXd low, high;  // limits per input, in the inputs' units (inclusive)
  std::vector<bool> restricted;
  std::vector<double> quasi_p;  // per input; NaN when not restricted
  double coverage = 0, density = 0, mass = 0;
  std::size_t runs = 0, cases = 0;  // runs inside, runs of interest inside
  std::size_t restricted_count = 0;
  bool pasted = false;
};

struct PrimResult {
  std::vector<PrimBox> trajectory;  // box 0 holds every run
  std::size_t chosen = 0;
  std::size_t total_runs = 0, total_cases = 0;
  Eigen::VectorXd full_low, full_high;  // each input's range over the runs
};

// `x`: runs × inputs; `interest`: one flag per run. Throws std::invalid_argument when shapes do
// not match, there are no runs, or the options are outside (0, 0.5) and [0, 1).
PrimResult prim(const Eigen::MatrixXd& x, const std::vector<bool>& interest, const PrimOptions& options = {});

}  // namespace sim::sweep
