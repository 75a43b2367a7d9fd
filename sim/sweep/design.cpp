#include "sim/sweep/design.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "sim/random.h"
#include "sim/sweep/sobol_sequence.h"

namespace sim::sweep {

const DesignType& design_type(DesignKind kind) {
  for (const DesignType& t : kDesignTypes) {
    if (t.kind == kind) return t;
  }
  throw std::logic_error("a design kind without a row in kDesignTypes");
}

const DesignType* find_design_type(std::string_view name) {
  for (const DesignType& t : kDesignTypes) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::vector<std::string> design_names() {
  std::vector<std::string> out;
  for (const DesignType& t : kDesignTypes) out.emplace_back(t.name);
  return out;
}
namespace {

std::invalid_argument bad(const std::string& what) { return std::invalid_argument(what); }

bool is_power_of_two(std::size_t n) { return n > 0 && (n & (n - 1)) == 0; }

// A random permutation of 0..n-1 (Fisher-Yates).
std::vector<std::size_t> permutation(std::size_t n, RandomStream& r) {
  std::vector<std::size_t> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = i;
  for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[r.below(i)]);
  return p;
}

void map_unit(const std::vector<Parameter>& parameters, Design& d) {
  d.values.resize(d.unit.size());
  for (std::size_t p = 0; p < d.points; ++p) {
    for (std::size_t k = 0; k < d.dims; ++k)
      d.values[p * d.dims + k] = parameters[k].marginal.quantile(d.unit[p * d.dims + k]);
  }
}

Design explicit_design(const std::vector<Parameter>& parameters, const DesignSpec& spec) {
  Design d;
  d.dims = parameters.size();
  d.points = spec.points.size();
  if (d.dims == 0) d.points = std::max<std::size_t>(d.points, 1);  // no parameters: the base alone
  for (std::size_t p = 0; p < spec.points.size(); ++p) {
    if (spec.points[p].size() != d.dims) {
      throw bad("explicit design: point " + std::to_string(p) + " has " +
                std::to_string(spec.points[p].size()) + " values, expected one per parameter (" +
                std::to_string(d.dims) + ")");
    }
    d.values.insert(d.values.end(), spec.points[p].begin(), spec.points[p].end());
  }
  return d;
}

Design grid_design(const std::vector<Parameter>& parameters) {
  Design d;
  d.dims = parameters.size();
  std::vector<std::vector<double>> axes;
  d.points = 1;
  for (const Parameter& p : parameters) {
    axes.push_back(p.marginal.grid_values());
    if (axes.back().empty()) throw bad("grid design: parameter '" + p.name + "' has no values");
    d.points *= axes.back().size();
  }
  d.values.resize(d.points * d.dims);
  for (std::size_t i = 0; i < d.points; ++i) {
    std::size_t rest = i;
    for (std::size_t k = d.dims; k-- > 0;) {
      d.values[i * d.dims + k] = axes[k][rest % axes[k].size()];
      rest /= axes[k].size();
    }
  }
  return d;
}

Design lhs_design(const std::vector<Parameter>& parameters, const DesignSpec& spec, RandomStream& r) {
  if (spec.samples == 0) throw bad("latin hypercube design: samples must be at least 1");
  Design d;
  d.dims = parameters.size();
  d.points = spec.samples;
  d.unit.resize(d.points * d.dims);
  const double n = static_cast<double>(d.points);
  for (std::size_t k = 0; k < d.dims; ++k) {
    const std::vector<std::size_t> strata = permutation(d.points, r);
    for (std::size_t p = 0; p < d.points; ++p) {
      d.unit[p * d.dims + k] = (static_cast<double>(strata[p]) + r.uniform01()) / n;
    }
  }
  map_unit(parameters, d);
  return d;
}

Design sobol_design(const std::vector<Parameter>& parameters, const DesignSpec& spec) {
  const std::size_t dims = parameters.size();
  const std::size_t n = spec.samples;
  if (dims == 0) throw bad("sobol design: needs at least one parameter");
  if (n == 0) throw bad("sobol design: samples (N) must be at least 1");
  if (2 * dims > SobolSequence::kMaxDimensions) {
    throw bad("sobol design: at most " + std::to_string(SobolSequence::kMaxDimensions / 2) +
              " parameters are supported (Saltelli's scheme uses 2 x parameters of the Sobol' sequence's " +
              std::to_string(SobolSequence::kMaxDimensions) + " dimensions), found " + std::to_string(dims));
  }
  Design d;
  d.dims = dims;
  const std::size_t block = spec.second_order ? 2 * dims + 2 : dims + 2;
  d.points = n * block;
  if (!is_power_of_two(n)) {
    d.warnings.push_back("sobol design: samples N = " + std::to_string(n) +
                         " is not a power of two; the Sobol' sequence's balance properties (and the "
                         "convergence of the indices) hold for N = 2^k");
  }
  SobolSequence seq(2 * dims);
  seq.next();  // skip point 0 (all zeros): inverse CDFs are infinite there
  d.unit.reserve(d.points * dims);
  for (std::size_t j = 0; j < n; ++j) {
    const std::vector<double> ab = seq.next();
    const auto a = [&](std::size_t k) { return ab[k]; };
    const auto b = [&](std::size_t k) { return ab[dims + k]; };
    for (std::size_t k = 0; k < dims; ++k) d.unit.push_back(a(k));  // A
    for (std::size_t i = 0; i < dims; ++i) {                        // AB_i: A with column i from B
      for (std::size_t k = 0; k < dims; ++k) d.unit.push_back(k == i ? b(k) : a(k));
    }
    if (spec.second_order) {
      for (std::size_t i = 0; i < dims; ++i) {  // BA_i: B with column i from A
        for (std::size_t k = 0; k < dims; ++k) d.unit.push_back(k == i ? a(k) : b(k));
      }
    }
    for (std::size_t k = 0; k < dims; ++k) d.unit.push_back(b(k));  // B
  }
  map_unit(parameters, d);
  return d;
}

Design morris_design(const std::vector<Parameter>& parameters, const DesignSpec& spec, RandomStream& r) {
  const std::size_t dims = parameters.size();
  if (dims == 0) throw bad("morris design: needs at least one parameter");
  if (spec.trajectories == 0) throw bad("morris design: trajectories must be at least 1");
  if (spec.levels < 2) throw bad("morris design: levels must be at least 2");
  for (const Parameter& p : parameters) {
    if (!p.marginal.bounded()) {
      throw bad("morris design: parameter '" + p.name +
                "' has an unbounded distribution; Morris needs a range, a list of values or a bounded "
                "distribution");
    }
  }
  Design d;
  d.dims = dims;
  d.points = spec.trajectories * (dims + 1);
  const std::size_t p = spec.levels;
  const double delta = morris_delta(p);
  const double step = 1.0 / static_cast<double>(p - 1);
  d.unit.reserve(d.points * dims);
  std::vector<double> x(dims);
  for (std::size_t t = 0; t < spec.trajectories; ++t) {
    // Base point on the grid such that x + Delta or x - Delta stays within [0, 1].
    for (std::size_t k = 0; k < dims; ++k) x[k] = static_cast<double>(r.below(p)) * step;
    d.unit.insert(d.unit.end(), x.begin(), x.end());
    for (std::size_t k : permutation(dims, r)) {
      const bool up_ok = x[k] + delta <= 1.0 + 1e-12;
      const bool down_ok = x[k] - delta >= -1e-12;
      const bool up = up_ok && (!down_ok || r.below(2) == 0);
      x[k] = up ? x[k] + delta : x[k] - delta;
      x[k] = std::clamp(x[k], 0.0, 1.0);
      d.unit.insert(d.unit.end(), x.begin(), x.end());
    }
  }
  // Unit coordinates reach 1 exactly: map bounded marginals on the closed range.
  d.values.resize(d.unit.size());
  for (std::size_t i = 0; i < d.points; ++i) {
    for (std::size_t k = 0; k < dims; ++k) {
      const Marginal& m = parameters[k].marginal;
      const double u = d.unit[i * dims + k];
      double v = 0;
      switch (m.kind) {
        case Marginal::Kind::Values: {
          const std::size_t n = m.values.size();
          v = m.values[std::min(n - 1,
                                static_cast<std::size_t>(std::llround(u * static_cast<double>(n - 1))))];
          break;
        }
        case Marginal::Kind::Uniform:
          v = m.a + u * (m.b - m.a);
          break;
        case Marginal::Kind::LogUniform:
          v = std::exp(std::log(m.a) + u * (std::log(m.b) - std::log(m.a)));
          break;
        default:
          v = m.quantile(std::min(u, std::nextafter(1.0, 0.0)));
      }
      d.values[i * dims + k] = v;
    }
  }
  return d;
}

}  // namespace

double normal_quantile(double u) {
  if (!(u > 0.0 && u < 1.0)) {
    if (u == 0.0) return -std::numeric_limits<double>::infinity();
    if (u == 1.0) return std::numeric_limits<double>::infinity();
    return std::numeric_limits<double>::quiet_NaN();
  }
  return boost::math::quantile(boost::math::normal_distribution<double>(), u);
}

double Marginal::quantile(double u) const {
  switch (kind) {
    case Kind::Values: {
      const std::size_t n = values.size();
      return values[std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)))];
    }
    case Kind::Uniform:
      return a + u * (b - a);
    case Kind::LogUniform:
      return std::exp(std::log(a) + u * (std::log(b) - std::log(a)));
    case Kind::Normal:
      return a + b * normal_quantile(u);
    case Kind::Triangular:
      return boost::math::quantile(boost::math::triangular_distribution<double>(a, b, c), u);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> Marginal::grid_values() const {
  if (kind == Kind::Values) return values;
  if ((kind == Kind::Uniform || kind == Kind::LogUniform) && steps > 0) {
    std::vector<double> out(steps);
    for (std::size_t i = 0; i < steps; ++i) {
      const double t = steps == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(steps - 1);
      out[i] =
          kind == Kind::Uniform ? a + t * (b - a) : std::exp(std::log(a) + t * (std::log(b) - std::log(a)));
    }
    if (steps > 1) out.back() = b;
    return out;
  }
  throw std::invalid_argument("a grid needs a list of values, or a range with steps");
}

double morris_delta(std::size_t levels) {
  return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

std::size_t design_points(const std::vector<Parameter>& parameters, const DesignSpec& spec) {
  const std::size_t dims = parameters.size();
  switch (spec.kind) {
    case DesignKind::Explicit:
      return dims == 0 ? std::max<std::size_t>(spec.points.size(), 1) : spec.points.size();
    case DesignKind::Grid: {
      std::size_t n = 1;
      for (const Parameter& p : parameters) n *= p.marginal.grid_values().size();
      return n;
    }
    case DesignKind::LatinHypercube:
      return spec.samples;
    case DesignKind::Sobol:
      return spec.samples * (spec.second_order ? 2 * dims + 2 : dims + 2);
    case DesignKind::Morris:
      return spec.trajectories * (dims + 1);
  }
  return 0;
}

Design make_design(const std::vector<Parameter>& parameters, const DesignSpec& spec,
                   std::uint64_t master_seed) {
  RandomStream r(StreamKey{master_seed, 0, "sweep.design", 0});
  switch (spec.kind) {
    case DesignKind::Explicit:
      return explicit_design(parameters, spec);
    case DesignKind::Grid:
      return grid_design(parameters);
    case DesignKind::LatinHypercube:
      return lhs_design(parameters, spec, r);
    case DesignKind::Sobol:
      return sobol_design(parameters, spec);
    case DesignKind::Morris:
      return morris_design(parameters, spec, r);
  }
  throw bad("unknown design kind");
}

std::uint64_t run_seed(std::uint64_t master_seed, std::uint64_t point, std::uint64_t replication) {
  return hash_stream_key(StreamKey{master_seed, point, "sweep.run", replication}) >> 1;
}

}  // namespace sim::sweep
