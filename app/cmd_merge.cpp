// `sovsim merge`: part files of a sharded sweep -> the sweep's final file (docs/sweeps.md).

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <ostream>

#include "app/cli.h"
#include "app/options.h"
#include "app/sweep_common.h"

namespace sovsim::cli {

namespace po = boost::program_options;

int cmd_merge(const Args& args, Streams io) {
  std::vector<std::string> parts;
  std::string out_path;
  po::options_description options(
      "Usage: sovsim merge PART.h5... -o OUT.h5\n\n"
      "Merges the part files of `sovsim sweep --shard I/N` into the file the unsharded sweep writes.\n"
      "The parts must come from the same sweep (same sweep_hash) and hold every run exactly "
      "once.\n\nOptions");
  options.add_options()("parts", po::value(&parts)->multitoken(), "part files");
  add_output_option(options, out_path);
  if (!parse_command_line(args, options, io, "parts", -1)) return kExitOk;
  if (parts.empty()) throw UsageError("no part files given");
  if (out_path.empty()) throw UsageError("no output file given (-o OUT.h5)");

  sweep::Context ctx;
  sweep::Results results;
  std::map<std::uint64_t, std::string> owner;
  std::string first;
  for (const std::string& path : parts) {
    const output::SweepFileContent part = output::read_sweep_file(path);
    sweep::Context c;
    try {
      c = sweep::context_from_part(part);
    } catch (const std::exception& e) {
      io.err << "sovsim merge: " << path << ": " << e.what() << "\n";
      return kExitBadInput;
    }
    if (first.empty()) {
      first = path;
      ctx = std::move(c);
    } else if (c.hash != ctx.hash) {
      io.err << fmt::format("sovsim merge: {} belongs to another sweep (sweep_hash {}) than {} ({})\n", path,
                            c.hash, first, ctx.hash);
      return kExitBadInput;
    }
    for (auto& [run, r] : sweep::results_from_part(ctx, part)) {
      if (const auto it = owner.find(run); it != owner.end()) {
        io.err << fmt::format(
            "sovsim merge: run {} is in both {} and {}; each run must be in exactly one part\n", run,
            it->second, path);
        return kExitBadInput;
      }
      owner.emplace(run, path);
      results.emplace(run, std::move(r));
    }
  }
  const std::uint64_t total = sim::sweep::run_count(ctx.plan, ctx.design);
  if (results.size() != total) {
    std::vector<std::uint64_t> missing;
    for (std::uint64_t r = 0; r < total && missing.size() < 10; ++r) {
      if (!results.count(r)) missing.push_back(r);
    }
    io.err << fmt::format(
        "sovsim merge: {} of {} runs are missing (first: {}); is a part file missing or "
        "incomplete? Rerun its shard (with --resume) and merge again\n",
        total - results.size(), total, fmt::join(missing, ", "));
    return kExitBadInput;
  }
  output::write_sweep_file(out_path, sweep::final_content(ctx, results));
  return kExitOk;
}

}  // namespace sovsim::cli
