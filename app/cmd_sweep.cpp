// `sovsim sweep`: parameter sweeps, Monte Carlo and sensitivity analysis, on local threads, MPI
// ranks or Slurm array shards, with the same file whatever the layout (docs/sweeps.md).

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <ostream>

#include "app/cli.h"
#include "app/options.h"
#include "app/sweep_execute.h"
#include "models/sweep/sweep_file.h"

namespace sovsim::cli {

namespace po = boost::program_options;

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
  add_output_option(options, out_path);
  add_shard_option(options, shard_text);
  options.add_options()                                    //
      ("sweep", po::value(&sweep_path), "the sweep file")  //
      ("list", "print the design as CSV (run, point, replication, seed, parameters) and exit");
  add_jobs_option(options, jobs);
  add_resume_option(options);
  add_check_option(options);
  const auto parsed = parse_command_line(args, options, io, "sweep", 1);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (sweep_path.empty()) throw UsageError("no sweep file given");
  const bool list = vm.count("list") > 0;
  const bool resume = vm.count("resume") > 0;
  if (!list && out_path.empty()) throw UsageError("no output file given (-o OUT.h5)");
  Shard shard;
  if (!shard_text.empty()) shard = parse_shard(shard_text);

  SweepRunOptions run_options{.output = out_path,
                              .jobs = jobs,
                              .shard_index = shard.index,
                              .shard_count = shard.count,
                              .sharded = shard.given,
                              .resume = resume,
                              .list = list,
                              .check = vm.count("check") > 0,
                              .quiet = vm.count("quiet") > 0};
  return execute_sweep([&] { return models::sweep::load_sweep(sweep_path); }, sweep_path, run_options, io);
}

}  // namespace sovsim::cli
