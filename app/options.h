#pragma once
// What every subcommand does with its arguments before its own checks: parse them (the named
// positional argument included), print --help and stop when asked, then apply the options.

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/cli.h"

namespace sovsim::cli {

// Every subcommand accepts the common options --help (-h) and --quiet (-q), declared here once and
// listed by --help under "Common options"; `shown` must not declare them again. `shown` is what --help
// prints; `hidden` is parsed too (e.g. the positional argument's own option). `positional` names the option
// that bare arguments fill (nullptr: none), taking at most `count` of them (-1: all). Returns nothing after
// printing --help.
std::optional<boost::program_options::variables_map> parse_command_line(
    const Args& args, const boost::program_options::options_description& shown, Streams io,
    const char* positional = nullptr, int count = 1,
    const boost::program_options::options_description& hidden = {});

// One declaration of each option several subcommands share: the same name, kind and words in
// each subcommand's --help.
// --set KEY.PATH=VALUE (run, describe, validate): scenario overrides, repeatable.
void add_set_option(boost::program_options::options_description& options,
                    std::vector<std::string>& overrides);
// --jobs/-j N (run, sweep, compare): worker threads.
void add_jobs_option(boost::program_options::options_description& options, unsigned& jobs);
// --resume (sweep, compare): complete an interrupted sweep from its journal.
void add_resume_option(boost::program_options::options_description& options);
// --check (run, sweep, compare): verify the model's invariants at every sample.
void add_check_option(boost::program_options::options_description& options);

}  // namespace sovsim::cli
