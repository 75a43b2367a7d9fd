#pragma once
// Sweep designs: which parameter values each design point takes, and the seed of every run.
//
// A sweep is points × replications runs. Run r is replication r % R of point r / R, and its seed
// is derived from (master seed, point, replication) alone (run_seed), so a run's result never
// depends on which thread, rank or shard ran it, or on how many there were.
//
// Every design first builds points in the unit hypercube [0, 1)^D, then maps coordinate d through
// parameter d's marginal quantile function (inverse CDF). The unit points are kept: Morris
// elementary effects are computed in unit space, as SALib does.
//
//   Explicit  the points listed in the sweep file (values given directly)
//   Grid      full factorial over each parameter's values (a list, or a range with `steps`);
//             the last parameter varies fastest
//   LatinHypercube  N points, one in each of N equal strata of every parameter, strata paired
//             by independent random permutations, a uniform draw inside each stratum
//   Sobol     Saltelli's scheme on a Sobol' sequence of dimension 2D (Boost.Random, Joe & Kuo directions):
//             A = first D columns, B = last D; for each of N base rows j, the rows
//             A_j, AB_j^(1..D), [BA_j^(1..D) if second order], B_j, i.e. N(D+2) or N(2D+2) points,
//             SALib's row order, so its analyzers read our outputs unchanged. Point 0 of the
//             sequence (all zeros) is skipped. N should be a power of two (a warning otherwise).
//   Morris    r trajectories of D+1 points on a p-level grid, step Delta = p / (2(p-1)) in unit
//             space, one parameter changed per step in random order and direction (Morris 1991)

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sim::sweep {

// A parameter's marginal distribution (or list of values), in the parameter's own unit.
struct Marginal {
  enum class Kind { Values, Uniform, LogUniform, Normal, Triangular };
  Kind kind = Kind::Uniform;
  std::vector<double> values;  // Values
  // Uniform, LogUniform: [a, b]. Normal: mean a, standard deviation b. Triangular: low a, mode b, high c.
  double a = 0, b = 0, c = 0;
  std::size_t steps = 0;  // Grid over a Uniform/LogUniform range: this many evenly spaced values

  // Inverse CDF at u in [0, 1). Values: values[floor(u * n)].
  double quantile(double u) const;
  // The values a grid takes: the list, or `steps` values from a to b (evenly spaced, or evenly in
  // log for LogUniform). Throws std::invalid_argument when neither is defined.
  std::vector<double> grid_values() const;
  bool bounded() const { return kind != Kind::Normal; }
};

struct Parameter {
  std::string name;   // a key path such as "sites.nacc-haenam.land", or "x1" for Ishigami
  std::string units;  // as written in the sweep file ("MW", "days", "1")
  Marginal marginal;
};

enum class DesignKind { Explicit, Grid, LatinHypercube, Sobol, Morris };

// Every design, ONE table: the name that sweep files, plans and the sweep file's `design`
// attribute use, and what readers need to know of it. Adding a design adds a row here.
struct DesignType {
  DesignKind kind;
  std::string_view name;
  // The user chose the points (listed point by point in summaries); otherwise they are sampled
  // and summarised over all runs.
  bool chosen_points;
};
inline constexpr std::array<DesignType, 5> kDesignTypes = {{
    {DesignKind::Explicit, "explicit", true},
    {DesignKind::Grid, "grid", true},
    {DesignKind::LatinHypercube, "lhs", false},
    {DesignKind::Sobol, "sobol", false},
    {DesignKind::Morris, "morris", false},
}};
const DesignType& design_type(DesignKind kind);
// nullptr for a name that is no design's.
const DesignType* find_design_type(std::string_view name);
// Every design's name, in table order ("explicit", "grid", "lhs", "sobol", "morris").
std::vector<std::string> design_names();

struct DesignSpec {
  DesignKind kind = DesignKind::Explicit;
  std::size_t samples = 0;                  // LatinHypercube: points; Sobol: base samples N
  bool second_order = false;                // Sobol: add the BA rows (N(2D+2) points)
  std::size_t trajectories = 0;             // Morris: r
  std::size_t levels = 4;                   // Morris: p (even is usual)
  std::vector<std::vector<double>> points;  // Explicit: one row of D values per point
};

struct Design {
  std::size_t points = 0;    // all points: variants x points per variant
  std::size_t variants = 1;  // the points repeat once per variant (sweep_design in plan.h)
  std::size_t dims = 0;
  std::vector<double> unit;    // points × dims, row-major (empty for Explicit and Grid)
  std::vector<double> values;  // points × dims, row-major, in the parameters' units
  std::vector<std::string> warnings;

  double value(std::size_t point, std::size_t dim) const { return values[point * dims + dim]; }
  std::size_t points_per_variant() const { return variants == 0 ? points : points / variants; }
  std::size_t variant_of(std::size_t point) const { return point / points_per_variant(); }
  std::size_t design_point_of(std::size_t point) const { return point % points_per_variant(); }
};

// Builds the design. Random choices (LatinHypercube, Morris) draw from the stream
// (master_seed, run 0, "sweep.design", 0). Throws std::invalid_argument for a spec that cannot be
// built (no samples, too many dimensions, an unbounded parameter in a Morris design, ...).
Design make_design(const std::vector<Parameter>& parameters, const DesignSpec& spec,
                   std::uint64_t master_seed);

// Number of points a design will have, without building it.
std::size_t design_points(const std::vector<Parameter>& parameters, const DesignSpec& spec);

// Morris step in unit space for p levels: p / (2 (p - 1)).
double morris_delta(std::size_t levels);

// The seed of replication `replication` of point `point`: 63 bits of
// hash_stream_key(master seed, point, "sweep.run", replication), so it fits an int64 in files.
std::uint64_t run_seed(std::uint64_t master_seed, std::uint64_t point, std::uint64_t replication);

// Standard normal quantile for u in (0, 1), from Boost.Math; -inf at 0, +inf at 1.
double normal_quantile(double u);

}  // namespace sim::sweep
