#include "app/options.h"

#include <fmt/format.h>

#include <cstdlib>
#include <ostream>
#include <stdexcept>

namespace sovsim::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_command_line(const Args& args, const po::options_description& shown,
                                                    Streams io, const char* positional, int count,
                                                    const po::options_description& hidden) {
  // The options every subcommand accepts (batch scripts pass --quiet to all of them).
  po::options_description common("Common options (every subcommand)");
  common.add_options()("help,h", "show this help")  //
      ("quiet,q",
       "no progress display or messages on stderr (results still go to stdout; subcommands that show "
       "none accept it too, for batch scripts)");
  po::options_description all;
  all.add(shown).add(common).add(hidden);
  po::positional_options_description bare;
  if (positional != nullptr) bare.add(positional, count);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(bare).run(), vm);
  if (vm.count("help")) {
    io.out << shown << "\n" << common << "\n";
    return std::nullopt;
  }
  po::notify(vm);
  return vm;
}

void add_set_option(po::options_description& options, std::vector<std::string>& overrides) {
  options.add_options()("set", po::value(&overrides)->composing(),
                        "KEY.PATH=VALUE: override a scenario key with the same checks and units as the file, "
                        "e.g. --set sites.sk-ulsan.land=5ha (repeatable)");
}

void add_jobs_option(po::options_description& options, unsigned& jobs) {
  options.add_options()("jobs,j", po::value(&jobs),
                        "worker threads (default: all cores; 1 per rank under MPI)");
}

void add_resume_option(po::options_description& options) {
  options.add_options()("resume", "complete an interrupted sweep (or comparison) from its journal");
}

void add_check_option(po::options_description& options) {
  options.add_options()("check", "verify the model's invariants at every sample of every run");
}

void add_output_option(po::options_description& options, std::string& path) {
  options.add_options()("output,o", po::value(&path),
                        "where the result is written: an HDF5 file (export: a folder); the default, when "
                        "there is one, is in the usage above");
}

void add_seed_option(po::options_description& options, std::uint64_t& seed) {
  options.add_options()("seed", po::value(&seed),
                        "master seed every random stream is keyed from (default: the scenario's `seed`, "
                        "compare: the base scenario's; phold: 1)");
}

void add_format_option(po::options_description& options, std::string& format) {
  options.add_options()("format,f", po::value(&format),
                        "how the result is written: table (default), csv or json on stdout; export: "
                        "pypsa (default) or csv files");
}

void check_format(const std::string& format, std::initializer_list<std::string_view> accepted) {
  for (const std::string_view a : accepted) {
    if (format == a) return;
  }
  std::string list;
  std::size_t i = 0;
  for (const std::string_view a : accepted) {
    list += (i == 0 ? "" : i + 1 == accepted.size() ? " or " : ", ") + std::string(a);
    ++i;
  }
  throw UsageError("--format: expected " + list + ", found '" + format + "'");
}

void add_shard_option(po::options_description& options, std::string& text) {
  options.add_options()("shard", po::value(&text),
                        "run shard I of N only (runs r with r % N == I) into a part file for sovsim merge; "
                        "I defaults to SLURM_ARRAY_TASK_ID with --shard /N");
}

void add_replications_option(po::options_description& options, std::string& text) {
  options.add_options()("replications,n", po::value(&text),
                        "replications of each scenario file, replication r of every file with the same "
                        "seed (compare: default 32; run: writes a sweep file of N runs instead of a run "
                        "file)");
}

std::uint64_t parse_replications(const std::string& text) {
  std::uint64_t n = 0;
  bool digits = !text.empty() && text.size() <= 9;
  for (const char c : text) digits = digits && c >= '0' && c <= '9';
  if (digits) n = std::stoull(text);
  if (!digits || n == 0 || n > kMaxReplications)
    throw UsageError(fmt::format("--replications: expected a whole number from 1 to {}, found '{}'",
                                 kMaxReplications, text));
  return n;
}

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

}  // namespace sovsim::cli
