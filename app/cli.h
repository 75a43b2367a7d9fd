#pragma once
// The sovsim command line: one entry point per subcommand, each taking its own arguments
// (without the program and subcommand names) and returning the process exit code.

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace sovsim::cli {

// Exit codes shared by every subcommand (documented in `sovsim --help`).
inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailure = 1;  // the input was valid but the run failed
inline constexpr int kExitBadInput = 2;    // bad usage, options or input files

// Bad command-line usage; mapped to kExitBadInput with the subcommand's usage hint.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input found by the command itself (a table, a path): kExitBadInput, message as given.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Streams {
  std::ostream& out;  // results
  std::ostream& err;  // messages, progress
};

using Args = std::vector<std::string>;

int main_dispatch(const Args& args, Streams io);

int cmd_phold(const Args& args, Streams io);
int cmd_validate(const Args& args, Streams io);
int cmd_describe(const Args& args, Streams io);
int cmd_run(const Args& args, Streams io);
int cmd_sweep(const Args& args, Streams io);
int cmd_compare(const Args& args, Streams io);
int cmd_merge(const Args& args, Streams io);
int cmd_summary(const Args& args, Streams io);
int cmd_discover(const Args& args, Streams io);
int cmd_export(const Args& args, Streams io);

}  // namespace sovsim::cli
