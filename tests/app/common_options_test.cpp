// One command-line convention: every subcommand accepts the common options (--quiet, --help), so a
// batch script can pass --quiet to all of them (sovsim merge rejected it before).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

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

TEST(CommonOptions, MergeWithQuietReachesItsOwnChecks) {
  std::ostringstream out, err;
  const int code = main_dispatch({"merge", "--quiet"}, {out, err});
  EXPECT_NE(code, 0);
  EXPECT_THAT(err.str(), testing::Not(HasSubstr("unrecognised")));
  EXPECT_THAT(err.str(), testing::Not(HasSubstr("quiet")));
}

}  // namespace
