#pragma once
// Running a loaded sweep on local threads, MPI ranks or one shard, with its journal, progress and
// signals: what `sovsim sweep` and `sovsim run --replications` share.

#include <cstdint>
#include <functional>
#include <string>

#include "app/cli.h"
#include "app/options.h"
#include "models/sweep/sweep_file.h"

namespace sovsim::cli {

struct SweepRunOptions {
  std::string output;  // the final file, or the part file with sharded
  unsigned jobs = 0;   // 0: all cores (1 per rank under MPI)
  std::uint64_t shard_index = 0;
  std::uint64_t shard_count = 1;
  bool sharded = false;
  bool resume = false;
  bool list = false;  // print the design as CSV on io.out instead of running
  bool check = false;
  bool quiet = false;
  // Set to true when this process wrote the final file (not a part file; under MPI rank 0 only),
  // so that a caller prints what it holds once.
  bool* wrote_final_file = nullptr;
};

// A YAML double-quoted scalar (JSON's escaping is valid YAML), for sweep files written in memory.
std::string yaml_quoted(const std::string& text);

// `load` is called once MPI (when launched by mpirun) is up, on every rank; `display` names the
// sweep in messages. Returns the exit code; throws UsageError, Interrupted or std::exception as
// the other commands do.
int execute_sweep(const std::function<models::sweep::SweepLoad()>& load, const std::string& display,
                  const SweepRunOptions& o, Streams io);

}  // namespace sovsim::cli
