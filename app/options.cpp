#include "app/options.h"

#include <ostream>

namespace sovsim::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_command_line(const Args& args, const po::options_description& shown,
                                                    Streams io, const char* positional, int count,
                                                    const po::options_description& hidden) {
  // The options every subcommand accepts (batch scripts pass --quiet to all of them); a subcommand
  // that gives one of them its own description keeps it.
  po::options_description common("Common options (every subcommand)");
  if (!shown.find_nothrow("help", false)) common.add_options()("help,h", "show this help");
  if (!shown.find_nothrow("quiet", false))
    common.add_options()("quiet,q",
                         "no progress display (this subcommand shows none; accepted for batch scripts)");
  po::options_description all;
  all.add(shown).add(common).add(hidden);
  po::positional_options_description bare;
  if (positional != nullptr) bare.add(positional, count);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(bare).run(), vm);
  if (vm.count("help")) {
    io.out << shown << "\n";
    if (!common.options().empty()) io.out << common << "\n";
    return std::nullopt;
  }
  po::notify(vm);
  return vm;
}

}  // namespace sovsim::cli
