#pragma once
// What every subcommand does with its arguments before its own checks: parse them (the named
// positional argument included), print --help and stop when asked, then apply the options.

#include <boost/program_options.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
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

// One declaration of each option several subcommands share: the same name, kind, words in each
// subcommand's --help and validation. A subcommand never declares one of these itself
// (tests/app/common_options_test.cpp checks both the help texts and the sources).
// --set KEY.PATH=VALUE (run, describe, validate): scenario overrides, repeatable.
void add_set_option(boost::program_options::options_description& options,
                    std::vector<std::string>& overrides);
// --jobs/-j N (run, sweep, compare): worker threads.
void add_jobs_option(boost::program_options::options_description& options, unsigned& jobs);
// --resume (sweep, compare): complete an interrupted sweep from its journal.
void add_resume_option(boost::program_options::options_description& options);
// --check (run, sweep, compare): verify the model's invariants at every sample.
void add_check_option(boost::program_options::options_description& options);
// --output/-o PATH (run, sweep, compare, merge, export): where the result goes. Each subcommand's
// usage text says its default, if it has one.
void add_output_option(boost::program_options::options_description& options, std::string& path);
// --seed S (run, compare, phold): the master seed. `seed` keeps its value when the option is absent.
void add_seed_option(boost::program_options::options_description& options, std::uint64_t& seed);
// --format/-f NAME (summary, compare, discover, export): how the result is written; check it with
// check_format against the formats the subcommand writes.
void add_format_option(boost::program_options::options_description& options, std::string& format);
void check_format(const std::string& format, std::initializer_list<std::string_view> accepted);
// --shard I/N (sweep, compare): run one shard of the runs into a part file; parse it with parse_shard.
void add_shard_option(boost::program_options::options_description& options, std::string& text);
// --replications/-n N (run, compare): replications of each scenario file; parse it with
// parse_replications (a whole number from 1 to kMaxReplications).
void add_replications_option(boost::program_options::options_description& options, std::string& text);
inline constexpr std::uint64_t kMaxReplications = 1'000'000;
std::uint64_t parse_replications(const std::string& text);

// --shard I/N, or /N with SLURM_ARRAY_TASK_ID (the array task) as I. Throws UsageError.
struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
  bool given = false;
};
Shard parse_shard(const std::string& text);

}  // namespace sovsim::cli
