#include "app/cli.h"

#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <functional>
#include <ostream>

#include "app/interrupts.h"
#include "app/version.h"

namespace sovsim::cli {

namespace {

struct Subcommand {
  const char* name;
  const char* summary;
  std::function<int(const Args&, Streams)> run;
};

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> kSubcommands = {
      {"run", "run a scenario: HDF5 output and headline indicators", cmd_run},
      {"validate", "check scenario files without running them", cmd_validate},
      {"describe", "print a scenario fully resolved, or the scenario file reference", cmd_describe},
      {"sweep", "run a parameter sweep, Monte Carlo or sensitivity analysis", cmd_sweep},
      {"compare", "compare scenario variants with the base, paired over the same seeds", cmd_compare},
      {"merge", "merge the part files of a sharded sweep", cmd_merge},
      {"summary", "print the headline indicators of an output file (table, csv or json)", cmd_summary},
      {"discover", "scenario discovery (PRIM): which inputs lead to an outcome", cmd_discover},
      {"export", "write a run's zone loads and corridor limits for a grid model (PyPSA or CSV)", cmd_export},
      {"phold", "run the PHOLD engine benchmark", cmd_phold},
  };
  return kSubcommands;
}

void print_help(std::ostream& out) {
  out << "sovsim " << version() << " - discrete-event simulator of national AI compute rollouts\n\n"
      << "Usage: sovsim <command> [options]      sovsim <command> --help\n\nCommands:\n";
  for (const Subcommand& c : subcommands()) out << fmt::format("  {:<10} {}\n", c.name, c.summary);
  out << "\nExit codes: 0 success, 1 the run failed, 2 bad usage or bad input,\n"
      << "            130/143 interrupted by SIGINT/SIGTERM (no output file is left behind).\n";
}

}  // namespace

int main_dispatch(const Args& args, Streams io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help(args.empty() ? io.err : io.out);
    return args.empty() ? kExitBadInput : kExitOk;
  }
  if (args[0] == "--version") {
    io.out << "sovsim " << version() << " (git " << git_revision() << ")\n";
    return kExitOk;
  }
  for (const Subcommand& c : subcommands()) {
    if (args[0] != c.name) continue;
    const Args rest(args.begin() + 1, args.end());
    const InterruptGuard interrupts;
    try {
      // A signal while the command loads is recorded and seen at its first poll; one that comes
      // after the command finished its work changes nothing (its output is complete).
      return c.run(rest, io);
    } catch (const Interrupted& i) {
      io.err << "sovsim " << c.name << ": interrupted by signal " << i.signal
             << "; no output file was written\n";
      return 128 + i.signal;
    } catch (const InputError& e) {
      io.err << "sovsim " << c.name << ": " << e.what() << "\n";
      return kExitBadInput;
    } catch (const UsageError& e) {
      io.err << "sovsim " << c.name << ": " << e.what() << "\nTry 'sovsim " << c.name << " --help'.\n";
      return kExitBadInput;
    } catch (const boost::program_options::error& e) {
      io.err << "sovsim " << c.name << ": " << e.what() << "\nTry 'sovsim " << c.name << " --help'.\n";
      return kExitBadInput;
    } catch (const std::exception& e) {
      io.err << "sovsim " << c.name << ": error: " << e.what() << "\n";
      return kExitRunFailure;
    }
  }
  io.err << "sovsim: unknown command '" << args[0] << "'\n";
  print_help(io.err);
  return kExitBadInput;
}

}  // namespace sovsim::cli
