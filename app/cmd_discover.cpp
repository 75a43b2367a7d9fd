// `sovsim discover`: scenario discovery (PRIM, sim/sweep/prim.h) over a sweep file's runs.

#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "app/cli.h"
#include "app/options.h"
#include "output/sweep_writer.h"
#include "sim/sweep/prim.h"

namespace sovsim::cli {
namespace {

namespace po = boost::program_options;
namespace sw = sim::sweep;
using output::SweepVariable;

using Json = nlohmann::ordered_json;

Json json_number(double v) { return std::isfinite(v) ? Json(v) : Json(); }

struct Inputs {
  std::vector<std::string> names, units;
  Eigen::MatrixXd x;  // runs × inputs
  std::vector<bool> interest;
  std::string outcome;  // in words
  std::size_t censored = 0;
};

// The sweep's varied inputs, one row per run.
void read_parameters(const output::SweepFileContent& f, const std::string& path, std::size_t runs,
                     Inputs& in) {
  const output::SweepDimension* parameter = f.dimension("parameter");
  const SweepVariable* values = f.variable("parameter_value");
  if (!parameter || !values || parameter->labels.empty())
    throw InputError(path + ": the sweep varies no parameter; discovery needs varied inputs");
  in.names = parameter->labels;
  if (const SweepVariable* u = f.variable("parameter_units")) in.units = u->texts;
  in.units.resize(in.names.size());
  const std::size_t d = in.names.size();
  if (values->values.size() != runs * d)
    throw InputError(fmt::format("{}: parameter_value holds {} values, expected {} runs x {} parameters",
                                 path, values->values.size(), runs, d));
  in.x.resize(static_cast<Eigen::Index>(runs), static_cast<Eigen::Index>(d));
  for (std::size_t r = 0; r < runs; ++r) {
    for (std::size_t k = 0; k < d; ++k)
      in.x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(k)) = values->values[r * d + k];
  }
}

// Runs of interest: the runs that missed the scenario's target `target` (its per-run flag
// target_met_<name> is 0).
Inputs read_target_inputs(const output::SweepFileContent& f, const std::string& path,
                          const std::string& target) {
  const output::SweepDimension* targets = f.dimension("target");
  if (!targets || targets->labels.empty())
    throw InputError(fmt::format(
        "{}: --target: expected the name of a target of the sweep, found '{}', but the sweep has no targets "
        "(its base scenario has no `targets`); use --indicator NAME --above X or --below X",
        path, target));
  const auto& names = targets->labels;
  const SweepVariable* met = f.variable("target_met_" + target);
  if (std::find(names.begin(), names.end(), target) == names.end() || !met ||
      met->dims != std::vector<std::string>{"run"}) {
    std::string known;
    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
    throw InputError(fmt::format("{}: --target: expected one of the sweep's targets ({}), found '{}'", path,
                                 known, target));
  }
  Inputs in;
  read_parameters(f, path, met->values.size(), in);
  in.outcome = "target " + target + " missed";
  for (const double v : met->values) {
    if (!(v == 0 || v == 1))
      throw InputError(
          fmt::format("{}: target_met_{}: expected per-run flags 0 or 1, found {}", path, target, v));
    in.interest.push_back(v == 0);
  }
  return in;
}

Inputs read_inputs(const output::SweepFileContent& f, const std::string& path, const std::string& indicator,
                   std::optional<double> above, std::optional<double> below) {
  const SweepVariable* y = f.variable(indicator);
  if (!y || y->dims != std::vector<std::string>{"run"} || y->type != SweepVariable::Type::Float64) {
    std::string names;
    for (const auto& v : f.variables) {
      if (v.dims == std::vector<std::string>{"run"} && v.type == SweepVariable::Type::Float64 &&
          v.name != "parameter_value")
        names += (names.empty() ? "" : ", ") + v.name;
    }
    throw InputError(
        fmt::format("{}: --indicator: expected a per-run indicator of the sweep ({}), found '{}'", path,
                    names, indicator));
  }
  Inputs in;
  read_parameters(f, path, y->values.size(), in);
  std::optional<double> censored_value;
  for (const auto& [name, value] : y->attributes) {
    if (name == "censored_value" && std::holds_alternative<double>(value))
      censored_value = std::get<double>(value);
  }
  const double threshold = above ? *above : *below;
  in.outcome = fmt::format("{} {} {:g}{}", indicator, above ? ">" : "<", threshold,
                           y->units.empty() || y->units == "1" ? "" : " " + y->units);
  for (double v : y->values) {
    if (std::isnan(v)) {
      if (!censored_value)
        throw InputError(
            fmt::format("{}: {} has runs without a value and no censoring rule; choose another indicator",
                        path, indicator));
      ++in.censored;
      v = *censored_value;
    }
    in.interest.push_back(above ? v > threshold : v < threshold);
  }
  if (in.censored > 0)
    in.outcome += fmt::format(" ({} runs that never reached it count as the horizon end, {:g})", in.censored,
                              *censored_value);
  return in;
}

std::string limit_text(double v, const std::string& units) {
  return fmt::format("{:.4g}{}", v, units.empty() || units == "1" ? "" : " " + units);
}

void print_table(std::ostream& out, const Inputs& in, const sw::PrimResult& r, const std::string& path) {
  out << fmt::format("Scenario discovery (PRIM) in {}\n  cases of interest: {} ({} of {} runs, {:.1f} %)\n\n",
                     path, in.outcome, r.total_cases, r.total_runs,
                     100.0 * static_cast<double>(r.total_cases) / static_cast<double>(r.total_runs));
  out << "Peeling trajectory (box, coverage, density, mass, restricted inputs)\n";
  out << fmt::format("  {:>4}  {:>8}  {:>8}  {:>6}  {:>10}\n", "box", "coverage", "density", "mass",
                     "restricted");
  for (std::size_t i = 0; i < r.trajectory.size(); ++i) {
    const sw::PrimBox& b = r.trajectory[i];
    out << fmt::format("  {:>4}  {:>8.3f}  {:>8.3f}  {:>6.3f}  {:>10}{}{}\n", i, b.coverage, b.density,
                       b.mass, b.restricted_count, b.pasted ? "  (pasted)" : "",
                       i == r.chosen ? "  <- chosen" : "");
  }
  const sw::PrimBox& b = r.trajectory[r.chosen];
  out << fmt::format(
      "\nChosen box {} (the densest with coverage >= {:g}): coverage {:.3f}, density {:.3f}, {} runs inside "
      "({} of interest)\n",
      r.chosen, sw::kChoiceCoverage, b.coverage, b.density, b.runs, b.cases);
  if (b.restricted_count == 0) out << "  no input is restricted: the outcome is not concentrated in a box\n";
  for (std::size_t j = 0; j < in.names.size(); ++j) {
    if (!b.restricted[j]) continue;
    const auto jj = static_cast<Eigen::Index>(j);
    out << fmt::format("  {:<45} [{}, {}]  of [{}, {}]  quasi-p {:.2g}{}\n", in.names[j],
                       limit_text(b.low[jj], in.units[j]), limit_text(b.high[jj], in.units[j]),
                       limit_text(r.full_low[jj], in.units[j]), limit_text(r.full_high[jj], in.units[j]),
                       b.quasi_p[j], b.quasi_p[j] > 0.05 ? "  (not significant: may be dropped)" : "");
  }
}

void print_csv(std::ostream& out, const Inputs& in, const sw::PrimResult& r) {
  out << "box,chosen,pasted,coverage,density,mass,restricted,input,low,high,quasi_p\n";
  for (std::size_t i = 0; i < r.trajectory.size(); ++i) {
    const sw::PrimBox& b = r.trajectory[i];
    const std::string head = fmt::format("{},{},{},{},{},{},{}", i, i == r.chosen ? 1 : 0, b.pasted ? 1 : 0,
                                         b.coverage, b.density, b.mass, b.restricted_count);
    if (b.restricted_count == 0) out << head << ",,,,\n";
    for (std::size_t j = 0; j < in.names.size(); ++j) {
      if (!b.restricted[j]) continue;
      const auto jj = static_cast<Eigen::Index>(j);
      out << fmt::format("{},{},{},{},{}\n", head, in.names[j], b.low[jj], b.high[jj], b.quasi_p[j]);
    }
  }
}

Json box_json(const Inputs& in, const sw::PrimBox& b) {
  Json limits = Json::object(), quasi = Json::object();
  for (std::size_t j = 0; j < in.names.size(); ++j) {
    if (!b.restricted[j]) continue;
    const auto jj = static_cast<Eigen::Index>(j);
    limits[in.names[j]] = Json::array({json_number(b.low[jj]), json_number(b.high[jj])});
    quasi[in.names[j]] = json_number(b.quasi_p[j]);
  }
  return {{"coverage", json_number(b.coverage)},
          {"density", json_number(b.density)},
          {"mass", json_number(b.mass)},
          {"restricted", b.restricted_count},
          {"pasted", b.pasted},
          {"limits", std::move(limits)},
          {"quasi_p", std::move(quasi)}};
}

// One JSON document (nlohmann-json writes and escapes it).
void print_json(std::ostream& out, const Inputs& in, const sw::PrimResult& r) {
  Json units = Json::object();
  for (std::size_t j = 0; j < in.names.size(); ++j) units[in.names[j]] = in.units[j];
  Json trajectory = Json::array();
  for (const sw::PrimBox& b : r.trajectory) trajectory.push_back(box_json(in, b));
  const Json doc = {{"outcome", in.outcome},
                    {"runs", r.total_runs},
                    {"cases", r.total_cases},
                    {"units", std::move(units)},
                    {"boxes", Json::array({box_json(in, r.trajectory[r.chosen])})},
                    {"trajectory", std::move(trajectory)},
                    {"chosen", r.chosen}};
  out << doc.dump(1, ' ', false, Json::error_handler_t::replace) << "\n";
}

// Replaces any earlier discovery in the file by this one (dimension prim_box).
void write_into(const std::filesystem::path& path, output::SweepFileContent f, const Inputs& in,
                const sw::PrimResult& r) {
  std::erase_if(f.variables, [](const SweepVariable& v) { return v.name.starts_with("prim_"); });
  std::erase_if(f.dimensions, [](const output::SweepDimension& d) { return d.name == "prim_box"; });
  output::SweepDimension box{.name = "prim_box",
                             .long_name = "box of the PRIM peeling trajectory (0: every run)"};
  for (std::size_t i = 0; i < r.trajectory.size(); ++i) box.ints.push_back(static_cast<std::int64_t>(i));
  f.dimensions.push_back(std::move(box));
  const auto per_box = [&](std::string name, std::string long_name, auto get) {
    SweepVariable v{
        .name = std::move(name), .units = "1", .long_name = std::move(long_name), .dims = {"prim_box"}};
    for (const auto& b : r.trajectory) v.values.push_back(get(b));
    return v;
  };
  SweepVariable coverage = per_box("prim_coverage", "cases of interest inside / all cases of interest",
                                   [](const sw::PrimBox& b) { return b.coverage; });
  coverage.attributes.emplace_back("outcome", in.outcome);
  coverage.attributes.emplace_back("chosen_box", static_cast<std::int64_t>(r.chosen));
  f.variables.push_back(std::move(coverage));
  f.variables.push_back(per_box("prim_density", "cases of interest inside / runs inside",
                                [](const sw::PrimBox& b) { return b.density; }));
  f.variables.push_back(
      per_box("prim_mass", "runs inside / all runs", [](const sw::PrimBox& b) { return b.mass; }));
  f.variables.push_back(per_box("prim_restricted", "inputs restricted by the box", [](const sw::PrimBox& b) {
    return static_cast<double>(b.restricted_count);
  }));
  const auto per_input = [&](std::string name, std::string long_name, auto get) {
    SweepVariable v{.name = std::move(name),
                    .units = "",
                    .long_name = std::move(long_name),
                    .dims = {"prim_box", "parameter"}};
    for (const auto& b : r.trajectory) {
      for (std::size_t j = 0; j < in.names.size(); ++j) v.values.push_back(get(b, j));
    }
    return v;
  };
  f.variables.push_back(
      per_input("prim_low", "lower limit of the box (parameter_units)",
                [](const sw::PrimBox& b, std::size_t j) { return b.low[static_cast<Eigen::Index>(j)]; }));
  f.variables.push_back(
      per_input("prim_high", "upper limit of the box (parameter_units)",
                [](const sw::PrimBox& b, std::size_t j) { return b.high[static_cast<Eigen::Index>(j)]; }));
  f.variables.push_back(per_input("prim_quasi_p", "quasi-p-value of the restriction (NaN: not restricted)",
                                  [](const sw::PrimBox& b, std::size_t j) { return b.quasi_p[j]; }));
  const std::filesystem::path tmp = path.string() + ".discover.tmp";
  output::write_sweep_file(tmp, f);
  std::filesystem::rename(tmp, path);
}

}  // namespace

int cmd_discover(const Args& args, Streams io) {
  std::string file, indicator, target, format = "table";
  std::optional<double> above, below;
  double alpha = 0.05, min_mass = 0.05;
  bool write = false;
  po::options_description options(
      "Usage: sovsim discover SWEEP.h5 (--target NAME | --indicator NAME (--above X | --below X))\n"
      "                       [--format table|csv|json] [--alpha A] [--min-mass M] [--write]\n\n"
      "Scenario discovery with PRIM (Friedman & Fisher 1999): the box of the sweep's inputs where the runs\n"
      "of interest (a target missed, or an indicator past a threshold) concentrate: the peeling trajectory\n"
      "(coverage, density, restricted inputs), the chosen box with limits in the inputs' units and a\n"
      "quasi-p-value per restriction. A milestone not reached counts as the horizon end. See "
      "docs/sweeps.md.\n\n"
      "Options");
  options.add_options()                                                                      //
      ("file", po::value(&file), "sweep file")                                               //
      ("indicator", po::value(&indicator), "per-run indicator defining the outcome")         //
      ("above", po::value<double>(), "runs of interest: indicator > X (its units)")          //
      ("below", po::value<double>(), "runs of interest: indicator < X (its units)")          //
      ("target", po::value(&target), "runs of interest: the scenario's target NAME missed")  //
      ("alpha", po::value(&alpha), "peeling and pasting fraction (default 0.05)")            //
      ("min-mass", po::value(&min_mass), "smallest box as a share of runs (default 0.05)")   //
      ("write", po::bool_switch(&write), "also store the trajectory in the sweep file (prim_* variables)");
  add_format_option(options, format);
  const std::optional<po::variables_map> parsed = parse_command_line(args, options, io, "file", 1);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (vm.count("above")) above = vm["above"].as<double>();
  if (vm.count("below")) below = vm["below"].as<double>();
  if (file.empty()) throw UsageError("no sweep file given");
  if (!target.empty()) {
    if (!indicator.empty() || above || below)
      throw UsageError(
          "expected either --target NAME or --indicator NAME with --above X or --below X, not both");
  } else {
    if (indicator.empty())
      throw UsageError("expected --target NAME, or --indicator NAME with --above X or --below X");
    if (above.has_value() == below.has_value())
      throw UsageError("expected exactly one of --above X and --below X");
  }
  check_format(format, {"table", "csv", "json"});
  if (!(alpha > 0 && alpha < 0.5))
    throw UsageError(fmt::format("--alpha: expected a number in (0, 0.5), found {}", alpha));
  if (!(min_mass >= 0 && min_mass < 1))
    throw UsageError(fmt::format("--min-mass: expected a number in [0, 1), found {}", min_mass));
  output::SweepFileContent content = output::read_sweep_file(file);
  const Inputs in = target.empty() ? read_inputs(content, file, indicator, above, below)
                                   : read_target_inputs(content, file, target);
  if (std::find(in.interest.begin(), in.interest.end(), true) == in.interest.end())
    throw InputError(
        fmt::format("{}: no run is of interest ({}): there is nothing to discover", file, in.outcome));
  const sw::PrimResult r = sw::prim(in.x, in.interest, {.alpha = alpha, .min_mass = min_mass});
  if (format == "json") {
    print_json(io.out, in, r);
  } else if (format == "csv") {
    print_csv(io.out, in, r);
  } else {
    print_table(io.out, in, r, file);
  }
  if (write) write_into(file, std::move(content), in, r);
  return kExitOk;
}

}  // namespace sovsim::cli
