// `sovsim compare BASE.yaml VARIANT.yaml...`: a sweep over `variants:` written in memory (as `run
// --replications` writes one over a scenario), run through the same machinery as `sovsim sweep`
// (threads, MPI under mpirun, shards and merge, journal and --resume), then the paired comparison
// of every variant against the base printed from the file (docs/sweeps.md, "Comparing policies").

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <ostream>
#include <set>

#include "app/cli.h"
#include "app/options.h"
#include "app/summary_comparison.h"
#include "app/sweep_execute.h"
#include "models/scenario/files.h"
#include "models/scenario/loader.h"
#include "models/sweep/sweep_file.h"
#include "output/reader.h"

namespace sovsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kDefaultReplications = 32;

// The deepest folder holding every file, so that the in-memory sweep file can name each variant
// by a relative path inside its own folder (as a sweep file on disk must).
fs::path common_folder(const std::vector<fs::path>& files) {
  fs::path common = files.front().parent_path();
  for (const fs::path& f : files) {
    fs::path a = common, b = f.parent_path(), shared;
    auto i = a.begin(), j = b.begin();
    for (; i != a.end() && j != b.end() && *i == *j; ++i, ++j) shared /= *i;
    common = shared;
  }
  return common;
}

}  // namespace

int cmd_compare(const Args& args, Streams io) {
  std::vector<std::string> files;
  std::string out_path, shard_text, replications_text, indicators_text, format = "table";
  unsigned jobs = 0;
  std::uint64_t seed = 0;
  po::options_description options(
      "Usage: sovsim compare BASE.yaml VARIANT.yaml... [--replications N] [--jobs N] [-o OUT.h5]\n"
      "                      [--seed S] [--indicators NAME,...] [--format table|csv|json] [--quiet]\n"
      "       sovsim compare BASE.yaml VARIANT.yaml... --shard I/N -o part-I.h5   (then sovsim merge)\n"
      "       mpirun -n K sovsim compare BASE.yaml VARIANT.yaml... -o OUT.h5\n\n"
      "Runs the base scenario and every variant N times with the same seeds (replication r of each\n"
      "file runs with the same seed: common random numbers) and prints, per variant and indicator,\n"
      "the paired difference variant - base: its mean with a 95 % bootstrap interval, its 5/50/95 %\n"
      "quantiles, the shares of replications in which the variant is better, worse or equal, and the\n"
      "milestones never reached (censored) on either side; per target, the probability of meeting it\n"
      "under each file (Wilson interval) and the paired difference. It is a sweep over `variants:`\n"
      "(docs/sweeps.md, 'Comparing policies'): the file OUT.h5 holds every run and the comparison\n"
      "(paired_* variables over variant x indicator), `sovsim summary OUT.h5` prints it again and\n"
      "`scripts/plot.py OUT.h5` draws it. Threads, MPI, shards, --resume and the file are the sweep's.\n\n"
      "OUT.h5 defaults to <base scenario name>-compare.h5 in this folder.\n\n"
      "Example:\n"
      "  sovsim compare scenarios/korea-2026.yaml scenarios/assessment-exempt.yaml "
      "scenarios/hvdc-late.yaml --replications 64\n\n"
      "Options");
  add_replications_option(options, replications_text);
  add_output_option(options, out_path);
  add_seed_option(options, seed);
  add_shard_option(options, shard_text);
  add_format_option(options, format);
  add_jobs_option(options, jobs);
  add_resume_option(options);
  add_check_option(options);
  options.add_options()("indicators", po::value(&indicators_text)->value_name("NAME,..."),
                        "compare only these indicators (an indicator, an output entry for all its "
                        "components, or a target or observation for all of its indicators), without the "
                        "series' bands; when none depends on GPU failures the runs skip them, with the same "
                        "values (docs/sweeps.md, 'Keeping fewer indicators')");
  po::options_description hidden;
  hidden.add_options()("scenarios", po::value(&files)->composing());
  const auto parsed = parse_command_line(args, options, io, "scenarios", -1, hidden);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (files.empty()) throw UsageError("missing BASE.yaml and VARIANT.yaml (scenario files)");
  if (files.size() < 2)
    throw UsageError("no variant given: compare needs the base scenario and at least one variant (" +
                     files.front() + " alone; for replications of one scenario: sovsim run " + files.front() +
                     " --replications N)");
  check_format(format, {"table", "csv", "json"});
  const std::uint64_t replications =
      vm.count("replications") ? parse_replications(replications_text) : kDefaultReplications;
  Shard shard;
  if (!shard_text.empty()) shard = parse_shard(shard_text);

  // Every file must be a valid scenario with a name of its own, checked here so that messages name
  // the files as given.
  std::vector<fs::path> absolute;
  std::set<std::string> names;
  std::string base_name;
  std::uint64_t base_seed = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    if (!fs::is_regular_file(f, ec)) throw InputError(f + ": no such scenario file");
    const models::LoadResult loaded = models::load_scenario(f);
    if (!loaded.ok()) {
      for (const std::string& e : loaded.errors) io.err << e << "\n";
      io.err << "sovsim compare: " << f << " is not a valid scenario; nothing was run\n";
      return kExitBadInput;
    }
    const std::string& name = loaded.scenario->name;
    if (!names.insert(name).second)
      throw InputError(f + ": its scenario name '" + name +
                       "' is another file's too; every file compared needs a name of its own (the `variant` "
                       "coordinate)");
    if (absolute.empty()) {
      base_name = name;
      base_seed = loaded.scenario->seed;
    }
    absolute.push_back(fs::absolute(f).lexically_normal());
  }
  const fs::path folder = common_folder(absolute);
  std::string list;
  for (const fs::path& f : absolute)
    list += (list.empty() ? "" : ", ") + yaml_quoted(f.lexically_relative(folder).generic_string());
  // --indicators: keep: headline and the sweep file's `indicators` (the bands need every run's series).
  std::string keep = "keep: bands\n";
  if (vm.count("indicators")) {
    // One line of comma-separated names, split and trimmed as sovsim reads every CSV field.
    const std::vector<models::scn::CsvRow> rows = models::scn::csv_rows(indicators_text);
    if (rows.size() != 1 || rows.front().text.size() != indicators_text.size())
      throw UsageError("--indicators: expected names separated by commas, found '" + indicators_text + "'");
    std::string quoted;
    for (const std::string_view name : rows.front().fields) {
      if (name.empty())
        throw UsageError("--indicators: expected names separated by commas, found an empty one in '" +
                         indicators_text + "'");
      quoted += (quoted.empty() ? "" : ", ") + yaml_quoted(std::string(name));
    }
    keep = "keep: headline\nindicators: [" + quoted + "]\n";
  }
  const std::string sweep_text =
      fmt::format("title: {}\nvariants: [{}]\nseed: {}\nreplications: {}\n{}",
                  yaml_quoted(fmt::format("{} variant(s) against {} ({} replications)", files.size() - 1,
                                          base_name, replications)),
                  list, vm.count("seed") ? seed : base_seed, replications, keep);
  const std::string output = out_path.empty() ? base_name + "-compare.h5" : out_path;
  const std::string display =
      "sovsim compare " + files.front() + " (+" + std::to_string(files.size() - 1) + ")";
  bool wrote = false;
  const int code = execute_sweep(
      [&] {
        models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(sweep_text, display, folder);
        // A name the scenarios lack is the option's, not a line of the generated sweep file's.
        if (loaded.ok())
          for (std::string& location : loaded.sweep->indicator_locations) location = "--indicators";
        return loaded;
      },
      display,
      {.output = output,
       .jobs = jobs,
       .shard_index = shard.index,
       .shard_count = shard.count,
       .sharded = shard.given,
       .resume = vm.count("resume") > 0,
       .check = vm.count("check") > 0,
       .quiet = vm.count("quiet") > 0,
       .wrote_final_file = &wrote},
      io);
  if (code != kExitOk || !wrote) return code;
  if (!vm.count("quiet")) io.err << "sovsim compare: wrote " << output << "\n";
  if (format != "table") return cmd_summary({output, "--format", format}, io);
  io.out << comparison_summary(output, output::list_variables(output));
  return kExitOk;
}

}  // namespace sovsim::cli
