#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <optional>
#include <ostream>

#include "app/cli.h"
#include "app/design_table.h"
#include "app/interrupts.h"
#include "app/options.h"
#include "app/progress.h"
#include "app/provenance.h"
#include "app/stranding_warnings.h"
#include "app/sweep_execute.h"
#include "models/rollout/rollout.h"
#include "models/rollout/scenario_rules.h"
#include "models/scenario/loader.h"
#include "models/sweep/sweep_file.h"
#include "output/background_sink.h"
#include "output/error.h"
#include "output/netcdf_writer.h"

namespace sovsim::cli {

namespace po = boost::program_options;

namespace {

struct RunArgs;
int run_replications(const RunArgs& a, bool seed_given, Streams io);

struct RunArgs {
  std::string scenario;
  std::string output;
  std::vector<std::string> sets;
  std::string table;
  std::uint64_t row = 0;
  std::uint64_t seed = 0;
  std::uint64_t run_index = 0;
  std::uint64_t replications = 0;
  std::string replications_text;
  unsigned jobs = 0;
  bool check = false;
  bool quiet = false;
};

// --replications N is a sweep with no parameters over the scenario file, written in memory, so it
// shares the sweep's seeds, threads, journal (--resume is not offered: rerun the command) and file.
int run_replications(const RunArgs& a, bool seed_given, Streams io) {
  const models::LoadResult loaded = models::rollout::load_scenario(a.scenario);
  if (!loaded.ok()) {
    for (const std::string& e : loaded.errors) io.err << e << "\n";
    io.err << "sovsim run: " << a.scenario << " is not a valid scenario; no output was written\n";
    return kExitBadInput;
  }
  const models::Scenario& scenario = *loaded.scenario;
  const std::filesystem::path path(a.scenario);
  const std::string sweep_text = fmt::format(
      "title: {}\nbase: {}\nseed: {}\nreplications: {}\nkeep: bands\n",
      yaml_quoted(fmt::format("{} ({} replications)", scenario.title.empty() ? scenario.name : scenario.title,
                              a.replications)),
      yaml_quoted(path.filename().string()), seed_given ? a.seed : scenario.seed, a.replications);
  const std::string output = a.output.empty() ? scenario.name + "-replications.h5" : a.output;
  const std::string display = a.scenario + " --replications " + std::to_string(a.replications);
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const int code =
      execute_sweep([&] { return models::sweep::load_sweep_text(sweep_text, display, folder); }, display,
                    {.output = output, .jobs = a.jobs, .check = a.check, .quiet = a.quiet}, io);
  if (code != kExitOk) return code;
  if (!a.quiet) io.err << "sovsim run: wrote " << output << "\n";
  return cmd_summary({output}, io);
}

}  // namespace

int cmd_run(const Args& args, Streams io) {
  RunArgs a;
  po::options_description options(
      "Usage: sovsim run SCENARIO [options]\n\n"
      "Runs one replication of a scenario, writes its time series and headline indicators to a\n"
      "netCDF-4 compatible HDF5 file and prints the headline indicators. With --replications N,\n"
      "runs N replications (a Monte Carlo sweep of the scenario as is, docs/sweeps.md) and writes\n"
      "a sweep file: every run's indicators and seed, and bands of the national series.\n"
      "The output file defaults to <scenario name>.h5 in this folder (<scenario name>-replications.h5\n"
      "with --replications).\n\n"
      "Examples:\n"
      "  sovsim run scenarios/korea-2025.yaml -o results/korea-2025.h5\n"
      "  sovsim run scenarios/korea-2025.yaml --seed 7 --set zones.capital.headroom=400MW --check\n"
      "  sovsim run scenarios/korea-2025.yaml --from-table design.csv --row 12   (one row of a design)\n"
      "  sovsim run scenarios/korea-2025.yaml --replications 32 -o results/korea-2025-mc.h5\n\n"
      "Options");
  add_output_option(options, a.output);
  add_seed_option(options, a.seed);
  add_replications_option(options, a.replications_text);
  options.add_options()  //
      ("run-index", po::value(&a.run_index)->default_value(0),
       "replication number: selects independent random streams for the same seed")  //
      ("from-table", po::value(&a.table),
       "run one row of a design table (CSV from `sovsim sweep --list` or made elsewhere): its seed "
       "and its parameter columns as --set overrides")  //
      ("row", po::value(&a.row), "the row's `run` number in --from-table");
  add_set_option(options, a.sets);
  add_jobs_option(options, a.jobs);
  add_check_option(options);
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&a.scenario));
  const auto parsed = parse_command_line(args, options, io, "scenario", 1, hidden);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  a.check = vm.count("check") > 0;
  a.quiet = vm.count("quiet") > 0;
  if (a.scenario.empty()) throw UsageError("missing SCENARIO (a .yaml scenario file)");
  if (vm.count("row") != vm.count("from-table")) throw UsageError("--from-table and --row go together");
  if (vm.count("replications")) {
    a.replications = parse_replications(a.replications_text);
    if (!a.sets.empty() || !a.table.empty() || !vm["run-index"].defaulted()) {
      throw UsageError(
          "--replications runs the scenario file as it is; for --set, --from-table or --run-index "
          "write a sweep file (docs/sweeps.md)");
    }
    return run_replications(a, vm.count("seed") > 0, io);
  }

  std::vector<std::string> overrides;
  std::optional<std::uint64_t> table_seed;
  if (!a.table.empty()) {
    DesignRow row = read_design_row(a.table, a.row);
    overrides = std::move(row.overrides);
    table_seed = row.seed;
  }
  overrides.insert(overrides.end(), a.sets.begin(), a.sets.end());

  const models::LoadResult loaded = models::rollout::load_scenario(a.scenario, overrides);
  if (!loaded.ok()) {
    for (const std::string& e : loaded.errors) io.err << e << "\n";
    io.err << "sovsim run: " << a.scenario << " is not a valid scenario; no output was written\n";
    return kExitBadInput;
  }
  const models::Scenario& scenario = *loaded.scenario;
  if (!a.quiet) warn_strandings(a.scenario, scenario, io.err);
  const std::uint64_t seed = vm.count("seed") ? a.seed : table_seed.value_or(scenario.seed);
  const std::filesystem::path out_path = a.output.empty() ? scenario.name + ".h5" : a.output;

  Args command{"sovsim", "run"};
  command.insert(command.end(), args.begin(), args.end());
  const output::Attributes attributes =
      run_provenance(scenario, loaded.provenance, RunIdentity{seed, a.run_index, shell_join(command)});

  InterruptGuard interrupts;
  output::NetcdfWriter writer(out_path, attributes);  // fails here, before any work, on a bad path
  // The writer compresses and writes on a second thread while the run goes on; declared after
  // the writer, so that it stops before the writer goes (output/background_sink.h).
  output::BackgroundSink background_writer(writer);
  Progress progress(io.err, !a.quiet && stderr_is_terminal(), "sovsim run " + scenario.name);
  models::rollout::RunOptions run_options;
  run_options.seed = seed;
  run_options.run_index = a.run_index;
  run_options.check_invariants = a.check;
  run_options.sink = &background_writer;
  run_options.on_sample = [&](sim::Ticks now, sim::Ticks end) {
    progress.update(end > 0 ? static_cast<double>(now) / static_cast<double>(end) : 1.0);
    return !InterruptGuard::interrupted();
  };
  const models::rollout::RunOutput result = models::rollout::run_rollout(scenario, run_options);
  progress.finish();
  if (!result.completed) throw Interrupted{InterruptGuard::received()};
  writer.commit();

  io.out << models::rollout::format_headline(result.headline);
  io.out << models::rollout::format_conditions(result.headline);
  if (!a.quiet) io.err << "sovsim run: wrote " << out_path.string() << "\n";
  return kExitOk;
}

}  // namespace sovsim::cli
