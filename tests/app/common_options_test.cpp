// One command-line convention: every subcommand accepts the common options (--quiet, --help), so a
// batch script can pass --quiet to all of them (sovsim merge rejected it before), and an option
// several subcommands share is declared once (app/options.h): the same words in each --help.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/options.h"

namespace {

using sovsim::cli::main_dispatch;
using testing::HasSubstr;

TEST(CommonOptions, EverySubcommandAcceptsQuietAndHelp) {
  for (const char* sub :
       {"run", "sweep", "compare", "merge", "summary", "validate", "describe", "phold", "discover"}) {
    SCOPED_TRACE(sub);
    std::ostringstream out, err;
    EXPECT_EQ(main_dispatch({sub, "--quiet", "--help"}, {out, err}), 0) << err.str();
    EXPECT_THAT(out.str(), HasSubstr("--quiet")) << "help does not list --quiet";
    std::ostringstream out2, err2;
    EXPECT_EQ(main_dispatch({sub, "-q", "-h"}, {out2, err2}), 0) << err2.str();
  }
}

std::string help_of(const char* sub) {
  std::ostringstream out, err;
  EXPECT_EQ(main_dispatch({sub, "--help"}, {out, err}), 0) << err.str();
  return out.str();
}

std::size_t count(const std::string& text, const std::string& word) {
  std::size_t n = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
  return n;
}

// The description of an option in a --help text, its words joined by single spaces (Boost wraps
// them to the width of each subcommand's option column).
std::string line_of(const std::string& help, const std::string& option) {
  const std::size_t at = help.find("\n  " + option);  // the option column, not the usage text
  if (at == std::string::npos) return "";
  const std::size_t end = std::min(help.find("\n  -", at + 1), help.find("\n\n", at + 1));
  std::istringstream words(help.substr(at, end == std::string::npos ? std::string::npos : end - at));
  std::string out;
  for (std::string w; words >> w;) out += (out.empty() ? "" : " ") + w;
  return out;
}

TEST(CommonOptions, HelpAndQuietAreDeclaredOnceWithOneDescription) {
  const std::string quiet = line_of(help_of("merge"), "-q [ --quiet ]");
  ASSERT_FALSE(quiet.empty());
  for (const char* sub : {"run", "sweep", "compare", "merge", "summary", "validate", "describe", "phold",
                          "discover", "export"}) {
    SCOPED_TRACE(sub);
    const std::string help = help_of(sub);
    EXPECT_EQ(count(help, "[ --help ]"), 1u) << help;
    EXPECT_EQ(count(help, "[ --quiet ]"), 1u) << help;
    EXPECT_EQ(line_of(help, "-q [ --quiet ]"), quiet);
  }
}

TEST(CommonOptions, SharedOptionsHaveTheSameWordsInEverySubcommand) {
  const auto same = [](const std::string& option, std::initializer_list<const char*> subs) {
    std::string first;
    for (const char* sub : subs) {
      SCOPED_TRACE(std::string(sub) + " " + option);
      const std::string line = line_of(help_of(sub), option);
      EXPECT_FALSE(line.empty());
      if (first.empty()) first = line;
      EXPECT_EQ(line, first);
    }
  };
  same("--set arg", {"run", "describe", "validate"});
  same("-j [ --jobs ]", {"run", "sweep", "compare"});
  same("--resume", {"sweep", "compare"});
  same("--check", {"run", "sweep", "compare"});
}

namespace po = boost::program_options;

const std::vector<const char*> kSubcommands = {"run",      "sweep",    "compare",  "merge",  "summary",
                                               "validate", "describe", "discover", "export", "phold"};

// Each option several subcommands share: its --help label, the one declaration in app/options.h
// and the subcommands that accept it.
struct Shared {
  std::string label;
  std::function<void(po::options_description&)> declare;
  std::vector<std::string> accepted_by;
};

std::vector<Shared> shared_options() {
  static std::string text;
  static std::uint64_t number = 0;
  static std::vector<std::string> texts;
  static unsigned jobs = 0;
  using namespace sovsim::cli;
  return {
      {"-o [ --output ]",
       [](po::options_description& d) { add_output_option(d, text); },
       {"run", "sweep", "compare", "merge", "export"}},
      {"--seed arg",
       [](po::options_description& d) { add_seed_option(d, number); },
       {"run", "compare", "phold"}},
      {"-f [ --format ]",
       [](po::options_description& d) { add_format_option(d, text); },
       {"summary", "compare", "discover", "export"}},
      {"--shard arg", [](po::options_description& d) { add_shard_option(d, text); }, {"sweep", "compare"}},
      {"-n [ --replications ]",
       [](po::options_description& d) { add_replications_option(d, text); },
       {"run", "compare"}},
      {"--set arg",
       [](po::options_description& d) { add_set_option(d, texts); },
       {"run", "describe", "validate"}},
      {"-j [ --jobs ]",
       [](po::options_description& d) { add_jobs_option(d, jobs); },
       {"run", "sweep", "compare"}},
      {"--resume", [](po::options_description& d) { add_resume_option(d); }, {"sweep", "compare"}},
      {"--check", [](po::options_description& d) { add_check_option(d); }, {"run", "sweep", "compare"}},
  };
}

// Every subcommand that lists a shared option describes it in the words of its one declaration,
// and exactly the subcommands expected to accept it list it: a subcommand declaring the option
// itself, with other words, fails here.
TEST(CommonOptions, SharedOptionsAreDescribedByTheirOneDeclaration) {
  for (const Shared& option : shared_options()) {
    po::options_description declared("Options");
    option.declare(declared);
    std::ostringstream printed;
    printed << declared;
    const std::string canonical = line_of("\n" + printed.str(), option.label);
    ASSERT_FALSE(canonical.empty()) << printed.str();
    for (const char* sub : kSubcommands) {
      SCOPED_TRACE(std::string(sub) + " " + option.label);
      const std::string help = help_of(sub);
      const bool expected =
          std::find(option.accepted_by.begin(), option.accepted_by.end(), sub) != option.accepted_by.end();
      const std::string line = line_of(help, option.label);
      EXPECT_EQ(!line.empty(), expected) << help;
      if (expected) {
        EXPECT_EQ(line, canonical);
      }
    }
  }
}

// No subcommand source declares a shared option itself (add_options()("output,o", po::value...) or
// ("check", "description")): the only declarations are in app/options.cpp.
TEST(CommonOptions, NoSubcommandDeclaresASharedOptionItself) {
  const std::regex declaration(
      R"re(\(\s*"(output|seed|format|shard|replications|set|jobs|resume|check|help|quiet)(,[A-Za-z])?"\s*,\s*(po::|"))re");
  std::size_t scanned = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(SOVSIM_SOURCE_DIR) / "app")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".cpp" || name == "options.cpp") continue;
    ++scanned;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    std::smatch m;
    EXPECT_FALSE(std::regex_search(source, m, declaration))
        << "app/" << name << " declares --" << m[1] << " itself; use its declaration in app/options.h";
  }
  EXPECT_GT(scanned, 10u);
}

TEST(CommonOptions, FormatAndReplicationsAreCheckedOnceWithOneMessage) {
  const std::vector<sovsim::cli::Args> bad_format = {
      {"summary", "--format", "yaml", "a.h5"},
      {"compare", "--format", "yaml", "a.yaml", "b.yaml"},
      {"discover", "--format", "yaml", "a.h5", "--target", "t"},
      {"export", "--format", "yaml", "a.h5", "-o", "out"}};
  for (const sovsim::cli::Args& args : bad_format) {
    SCOPED_TRACE(args.front());
    std::ostringstream out, err;
    EXPECT_EQ(main_dispatch(args, {out, err}), 2);
    EXPECT_THAT(err.str(), HasSubstr("--format: expected ")) << err.str();
    EXPECT_THAT(err.str(), HasSubstr(", found 'yaml'"));
  }
  const std::vector<sovsim::cli::Args> bad_replications = {
      {"run", "a.yaml", "-n", "0"}, {"compare", "a.yaml", "b.yaml", "--replications", "0"}};
  for (const sovsim::cli::Args& args : bad_replications) {
    SCOPED_TRACE(args.front());
    std::ostringstream out, err;
    EXPECT_EQ(main_dispatch(args, {out, err}), 2);
    EXPECT_THAT(err.str(), HasSubstr("--replications: expected a whole number from 1 to 1000000, found '0'"));
  }
}

TEST(CommonOptions, MergeWithQuietReachesItsOwnChecks) {
  std::ostringstream out, err;
  const int code = main_dispatch({"merge", "--quiet"}, {out, err});
  EXPECT_NE(code, 0);
  EXPECT_THAT(err.str(), testing::Not(HasSubstr("unrecognised")));
  EXPECT_THAT(err.str(), testing::Not(HasSubstr("quiet")));
}

}  // namespace
