#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "models/scenario/loader.h"

namespace sovsim::cli {

namespace po = boost::program_options;

int cmd_validate(const Args& args, Streams io) {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  po::options_description options(
      "Usage: sovsim validate [--set KEY.PATH=VALUE]... SCENARIO...\n\n"
      "Checks scenario files, with their bases and CSV schedules, without running them. Every\n"
      "problem is printed as FILE:LINE:COLUMN: KEY.PATH: what was expected, what was found.\n"
      "Writes no file. Exit code 0 when every file is valid, 2 otherwise.\n\n"
      "Examples:\n"
      "  sovsim validate scenarios/korea-2025.yaml scenarios/hvdc-late.yaml\n"
      "  sovsim validate scenarios/korea-2025.yaml --set sites.nacc-haenam.land=300ha\n"
      "  sovsim validate scenarios/korea-2025.yaml --set 'sites[0].halls[0].pue=1.3'\n\n"
      "The format: docs/scenario-format.md; every key: docs/scenario-reference.md.\n\nOptions");
  options.add_options()             //
      ("help,h", "show this help")  //
      ("set", po::value(&overrides)->composing(),
       "KEY.PATH=VALUE: override a key with the same checks and units as the file (repeatable)")  //
      ("scenario", po::value(&files), "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  if (vm.count("help")) {
    io.out << options << "\n";
    return kExitOk;
  }
  po::notify(vm);
  if (files.empty()) throw UsageError("expected at least one scenario file");

  bool all_valid = true;
  for (const std::string& file : files) {
    const models::LoadResult r = models::load_scenario(file, overrides);
    if (r.ok()) {
      io.out << file << ": valid\n";
      continue;
    }
    all_valid = false;
    for (const std::string& line : r.errors) io.err << line << "\n";
  }
  return all_valid ? kExitOk : kExitBadInput;
}

}  // namespace sovsim::cli
