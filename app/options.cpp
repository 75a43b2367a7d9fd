#include "app/options.h"

#include <ostream>

namespace sovsim::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_command_line(const Args& args, const po::options_description& shown,
                                                    Streams io, const char* positional, int count,
                                                    const po::options_description& hidden) {
  po::options_description all;
  all.add(shown).add(hidden);
  po::positional_options_description bare;
  if (positional != nullptr) bare.add(positional, count);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(bare).run(), vm);
  if (vm.count("help")) {
    io.out << shown << "\n";
    return std::nullopt;
  }
  po::notify(vm);
  return vm;
}

}  // namespace sovsim::cli
