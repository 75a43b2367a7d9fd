#include "app/options.h"

#include <ostream>

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

}  // namespace sovsim::cli
