// One command-line convention: every subcommand accepts the common options (--quiet, --help), so a
// batch script can pass --quiet to all of them (sovsim merge rejected it before), and an option
// several subcommands share is declared once (app/options.h): the same words in each --help.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "app/cli.h"

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

TEST(CommonOptions, MergeWithQuietReachesItsOwnChecks) {
  std::ostringstream out, err;
  const int code = main_dispatch({"merge", "--quiet"}, {out, err});
  EXPECT_NE(code, 0);
  EXPECT_THAT(err.str(), testing::Not(HasSubstr("unrecognised")));
  EXPECT_THAT(err.str(), testing::Not(HasSubstr("quiet")));
}

}  // namespace
