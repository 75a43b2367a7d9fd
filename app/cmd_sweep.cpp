// `sovsim sweep`: parameter sweeps, Monte Carlo and sensitivity analysis, on local threads, MPI
// ranks or Slurm array shards, with the same file whatever the layout (docs/sweeps.md).

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdlib>
#include <ostream>
#include <thread>

#include "app/cli.h"
#include "app/interrupts.h"
#include "app/progress.h"
#include "app/sweep_common.h"
#include "app/sweep_mpi.h"
#include "models/sweep/sweep_file.h"
#include "sim/sweep/journal.h"
#include "sim/sweep/runner.h"

namespace sovsim::cli {

namespace po = boost::program_options;
namespace sw = sim::sweep;

namespace {

struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
  bool given = false;
};

Shard parse_shard(const std::string& text) {
  Shard s;
  s.given = true;
  const auto slash = text.find('/');
  if (slash == std::string::npos)
    throw UsageError("--shard expects I/N (e.g. 3/10) or /N with SLURM_ARRAY_TASK_ID set");
  std::string index = text.substr(0, slash);
  const std::string count = text.substr(slash + 1);
  if (index.empty()) {
    const char* task = std::getenv("SLURM_ARRAY_TASK_ID");
    if (!task)
      throw UsageError("--shard /N needs SLURM_ARRAY_TASK_ID (set by sbatch --array) or an explicit I/N");
    index = task;
  }
  try {
    std::size_t used = 0;
    s.index = std::stoull(index, &used);
    if (used != index.size()) throw std::invalid_argument(index);
    s.count = std::stoull(count, &used);
    if (used != count.size()) throw std::invalid_argument(count);
  } catch (const std::exception&) {
    throw UsageError("--shard expects I/N with whole numbers, found '" + text + "'");
  }
  if (s.count == 0 || s.index >= s.count) throw UsageError(fmt::format("--shard {}: need 0 <= I < N", text));
  return s;
}

}  // namespace

int cmd_sweep(const Args& args, Streams io) {
  std::string sweep_path, out_path, shard_text;
  unsigned jobs = 0;
  po::options_description options(
      "Usage: sovsim sweep SWEEP.yaml -o OUT.h5 [--jobs N] [--resume]\n"
      "       sovsim sweep SWEEP.yaml --shard I/N -o part-I.h5     (then: sovsim merge part-*.h5 -o OUT.h5)\n"
      "       mpirun -n K sovsim sweep SWEEP.yaml -o OUT.h5\n"
      "       sovsim sweep SWEEP.yaml --list > design.csv\n\n"
      "Runs every run of a sweep file (docs/sweeps.md) and writes one netCDF-4/HDF5 file with a `run`\n"
      "dimension, statistics per design point and, for Sobol and Morris designs, sensitivity indices.\n"
      "Completed runs are kept in OUT.h5.journal as they finish; after a signal, a crash or a time\n"
      "limit, run the same command with --resume to do only the missing runs. The file is the same\n"
      "for any --jobs, any number of MPI ranks, and shards merged.\n\nOptions");
  options.add_options()                                                                          //
      ("help,h", "show this help")                                                               //
      ("sweep", po::value(&sweep_path), "the sweep file")                                        //
      ("output,o", po::value(&out_path), "output file (a part file with --shard)")               //
      ("jobs,j", po::value(&jobs), "worker threads (default: all cores; 1 per rank under MPI)")  //
      ("shard", po::value(&shard_text),
       "run shard I of N only (runs r with r % N == I); I defaults "
       "to SLURM_ARRAY_TASK_ID with --shard /N")                                                //
      ("resume", "complete an interrupted sweep from its journal")                              //
      ("list", "print the design as CSV (run, point, replication, seed, parameters) and exit")  //
      ("quiet,q", "no progress display");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  if (vm.count("help")) {
    io.out << options << "\n";
    return kExitOk;
  }
  po::notify(vm);
  if (sweep_path.empty()) throw UsageError("no sweep file given");
  const bool list = vm.count("list") > 0;
  const bool resume = vm.count("resume") > 0;
  if (!list && out_path.empty()) throw UsageError("no output file given (-o OUT.h5)");
  Shard shard;
  if (!shard_text.empty()) shard = parse_shard(shard_text);

  std::optional<sweep::MpiSession> mpi;
  if (!list && sweep::launched_by_mpi()) {
    if (shard.given) throw UsageError("--shard and MPI are two routes; use one");
    mpi.emplace();
  }
  const bool root = !mpi || mpi->rank() == 0;

  models::sweep::SweepLoad loaded = models::sweep::load_sweep(sweep_path);
  if (!loaded.ok()) {
    if (mpi && mpi->rank() != 0) return kExitBadInput;
    for (const std::string& e : loaded.errors) io.err << e << "\n";
    if (mpi) sweep::dismiss_workers(*mpi);
    return kExitBadInput;
  }
  models::sweep::SweepFile& file = *loaded.sweep;
  sweep::Context ctx;
  ctx.plan = file.plan;
  try {
    ctx.design = sw::make_design(ctx.plan.parameters, ctx.plan.design, ctx.plan.master_seed);
  } catch (const std::invalid_argument& e) {
    if (root) io.err << sweep_path << ": design: " << e.what() << "\n";
    if (mpi && root) sweep::dismiss_workers(*mpi);
    return kExitBadInput;
  }
  if (root) {
    for (const std::string& w : ctx.design.warnings) io.err << "sovsim sweep: warning: " << w << "\n";
  }
  if (list) {
    io.out << sweep::design_table_csv(ctx.plan, ctx.design);
    return kExitOk;
  }

  std::unique_ptr<sw::RunModel> model;
  std::string setup_failure;
  try {
    model = models::sweep::make_model(file, ctx.design);
  } catch (const std::exception& e) {
    setup_failure = e.what();
  }
  if (mpi && mpi->rank() != 0) {
    sweep::work(model.get(), setup_failure, ctx.plan, ctx.design);
    return kExitOk;
  }
  if (!model) {
    io.err << "sovsim sweep: " << sweep_path << ": " << setup_failure << "\n";
    if (mpi) sweep::dismiss_workers(*mpi);
    return kExitBadInput;
  }
  ctx.outputs = model->outputs();
  ctx.hash = sw::plan_hash(ctx.plan);
  ctx.provenance = sweep::provenance(ctx.plan, ctx.design, ctx.outputs, file.text, file.base_resolved_yaml);

  const std::uint64_t total = sw::run_count(ctx.plan, ctx.design);
  const std::vector<std::uint64_t> mine =
      shard.given ? sw::shard_runs(total, shard.index, shard.count) : sw::shard_runs(total, 0, 1);
  const std::string journal_id =
      ctx.hash + (shard.given ? fmt::format("/shard-{}-of-{}", shard.index, shard.count) : "");
  std::unique_ptr<sw::Journal> journal;
  try {
    journal = std::make_unique<sw::Journal>(out_path + ".journal", journal_id, ctx.outputs.indicators.size(),
                                            sweep::series_values(ctx.outputs), resume);
  } catch (const sw::JournalError& e) {
    if (mpi) sweep::dismiss_workers(*mpi);
    throw UsageError(e.what());
  }
  sweep::Results results = std::move(journal->loaded());
  std::vector<std::uint64_t> todo;
  for (std::uint64_t r : mine) {
    if (!results.count(r)) todo.push_back(r);
  }
  if (resume && !results.empty())
    io.err << fmt::format("sovsim sweep: resuming: {} of {} runs already done\n", mine.size() - todo.size(),
                          mine.size());

  const InterruptGuard guard;
  Progress progress(io.err, !vm.count("quiet") && stderr_is_terminal(), "sweep");
  const std::size_t already = mine.size() - todo.size();
  std::size_t done = 0;
  const auto on_result = [&](std::uint64_t run, sw::RunResult&& r) {
    journal->append(run, r);
    results.emplace(run, std::move(r));
    ++done;
    progress.update(static_cast<double>(already + done) / static_cast<double>(mine.size()),
                    fmt::format("{}/{} runs", already + done, mine.size()));
  };
  sw::WorkQueue queue(todo);
  const auto stop = [] { return InterruptGuard::interrupted(); };
  if (mpi) {
    sweep::serve(*model, ctx.plan, ctx.design, queue, {.jobs = jobs == 0 ? 1u : jobs, .stop_requested = stop},
                 *mpi, on_result);
  } else {
    const unsigned n = jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
    sw::run_local(*model, ctx.plan, ctx.design, queue, {.jobs = n, .stop_requested = stop}, on_result);
  }
  progress.finish();
  journal->sync();
  if (InterruptGuard::interrupted()) {
    io.err << fmt::format(
        "sovsim sweep: {} of {} runs done and kept in {}; run the same command with --resume\n",
        results.size(), mine.size(), journal->path().string());
    throw Interrupted{InterruptGuard::received()};
  }
  if (shard.given) {
    output::write_sweep_file(out_path, sweep::part_content(ctx, results, shard.index, shard.count));
  } else {
    output::write_sweep_file(out_path, sweep::final_content(ctx, results));
  }
  journal->remove();
  return kExitOk;
}

}  // namespace sovsim::cli
