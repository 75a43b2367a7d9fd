#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/options.h"
#include "app/stranding_warnings.h"
#include "models/rollout/scenario_rules.h"
#include "models/scenario/loader.h"
#include "models/sweep/sweep_file.h"
#include "sim/sweep/design.h"

namespace sovsim::cli {

namespace po = boost::program_options;

namespace {

// The line of a top-level `key:` in a YAML text (1 when absent), to point at it in a message.
int line_of_key(const std::string& text, const std::string& key) {
  int line = 1;
  for (std::size_t at = 0; at < text.size(); ++line) {
    if (text.compare(at, key.size() + 1, key + ":") == 0) return line;
    const std::size_t next = text.find('\n', at);
    if (next == std::string::npos) break;
    at = next + 1;
  }
  return 1;
}

// A sweep file: the file itself, its design, and its base scenario with every design point's
// values applied (each point passes exactly the validation its run would).
bool validate_sweep(const std::string& file, Streams io) {
  const models::sweep::SweepLoad loaded = models::sweep::load_sweep(file);
  if (!loaded.ok()) {
    for (const std::string& line : loaded.errors) io.err << line << "\n";
    return false;
  }
  const models::sweep::SweepFile& sweep = *loaded.sweep;
  sim::sweep::Design design;
  try {
    design = sim::sweep::sweep_design(sweep.plan);
  } catch (const std::invalid_argument& e) {
    io.err << file << ": design: " << e.what() << "\n";
    return false;
  }
  if (sweep.base) {
    for (std::size_t point = 0; point < design.points; ++point) {
      const std::span<const double> values(design.values.data() + point * design.dims, design.dims);
      const models::LoadResult r =
          models::rollout::load_scenario(*sweep.base, models::sweep::point_overrides(sweep.plan, values));
      if (r.ok()) continue;
      std::string point_values;
      for (const std::string& o : models::sweep::point_overrides(sweep.plan, values))
        point_values += (point_values.empty() ? "" : ", ") + o;
      io.err << file << ":" << line_of_key(sweep.text, "parameters") << ":1: parameters: design point "
             << point << " of " << design.points << " (" << point_values << ") is not a valid scenario:\n";
      for (const std::string& line : r.errors) io.err << "  " << line << "\n";
      return false;
    }
  }
  if (!sweep.indicators.empty()) {
    // The indicators' names are those of the scenario's outputs, targets and observations: known
    // once the model is made from them (no run is made with keep: headline).
    models::sweep::SweepFile copy = sweep;
    try {
      (void)models::sweep::make_model(copy, design);
    } catch (const std::exception& e) {
      io.err << e.what() << "\n";
      return false;
    }
  }
  io.out << file << ": valid sweep (" << design.points
         << (design.points == 1 ? " design point, " : " design points, ")
         << sim::sweep::run_count(sweep.plan, design) << " runs)\n";
  return true;
}

}  // namespace

int cmd_validate(const Args& args, Streams io) {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  po::options_description options(
      "Usage: sovsim validate [--set KEY.PATH=VALUE]... SCENARIO...\n\n"
      "Checks scenario files, with their bases and CSV schedules, without running them. Every\n"
      "problem is printed as FILE:LINE:COLUMN: KEY.PATH: what was expected, what was found.\n"
      "A file named *.sweep.yaml is checked as a sweep file, with its base scenario under every\n"
      "design point's values.\n"
      "Writes no file. Exit code 0 when every file is valid, 2 otherwise.\n\n"
      "Examples:\n"
      "  sovsim validate scenarios/korea-2025.yaml scenarios/hvdc-late.yaml\n"
      "  sovsim validate scenarios/korea-2025.yaml --set sites.nacc-haenam.land=300ha\n"
      "  sovsim validate scenarios/korea-2025.yaml --set 'sites[0].halls[0].pue=1.3'\n\n"
      "The format: docs/scenario-format.md; every key: docs/scenario-reference.md; sweeps: "
      "docs/sweeps.md.\n\nOptions");
  options.add_options()  //
      ("scenario", po::value(&files), "scenario files");
  add_set_option(options, overrides);
  if (!parse_command_line(args, options, io, "scenario", -1)) return kExitOk;
  if (files.empty()) throw UsageError("expected at least one scenario file");

  bool all_valid = true;
  for (const std::string& file : files) {
    if (file.ends_with(".sweep.yaml")) {
      if (!overrides.empty()) throw UsageError("--set does not apply to a sweep file: " + file);
      all_valid = validate_sweep(file, io) && all_valid;
      continue;
    }
    const models::LoadResult r = models::rollout::load_scenario(file, overrides);
    if (r.ok()) {
      io.out << file << ": valid\n";
      warn_strandings(file, *r.scenario, io.err);
      continue;
    }
    all_valid = false;
    for (const std::string& line : r.errors) io.err << line << "\n";
  }
  return all_valid ? kExitOk : kExitBadInput;
}

}  // namespace sovsim::cli
