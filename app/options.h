#pragma once
// What every subcommand does with its arguments before its own checks: parse them (the named
// positional argument included), print --help and stop when asked, then apply the options.

#include <boost/program_options.hpp>
#include <optional>

#include "app/cli.h"

namespace sovsim::cli {

// Every subcommand accepts the common options --help (-h) and --quiet (-q), whether or not
// `shown` lists them. `shown` is what --help prints; `hidden` is parsed too (e.g. the positional argument's
// own option). `positional` names the option that bare arguments fill (nullptr: none), taking at most `count`
// of them (-1: all). Returns nothing after printing --help.
std::optional<boost::program_options::variables_map> parse_command_line(
    const Args& args, const boost::program_options::options_description& shown, Streams io,
    const char* positional = nullptr, int count = 1,
    const boost::program_options::options_description& hidden = {});

}  // namespace sovsim::cli
