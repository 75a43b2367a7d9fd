// `sovsim validate` and `sovsim run` warn about units a scenario can never power, on the minimal
// example with its connection cut to 0.2 MW: 16 servers x 14.3 kW x PUE 1.25 = 0.286 MW are
// needed, 11 fit in 0.2 MW (11 x 0.017875 = 0.197), so 5 servers (40 GPUs) are never powered.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "app/cli.h"
#include "tests/app/run_cli.h"

namespace sovsim::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kMinimal = std::string(SOVSIM_SOURCE_DIR) + "/scenarios/examples/minimal.yaml";
const std::string kCut = "sites.site.connections[0].capacity=0.2 MW";

TEST(StrandingWarnings, ValidateWarnsAndStillSucceeds) {
  const Result r = sovsim({"validate", kMinimal, "--set", kCut});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_THAT(r.out, HasSubstr("minimal.yaml: valid"));
  EXPECT_THAT(r.err, HasSubstr("minimal.yaml: warning: site 'site': 5 units (40 GPUs) can never be powered: "
                               "supply short by 0.09 MW"));
}

TEST(StrandingWarnings, ValidateIsQuietWhenEverythingFits) {
  const Result r = sovsim({"validate", kMinimal});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_THAT(r.err, Not(HasSubstr("warning")));
}

TEST(StrandingWarnings, RunWarnsAndItsHeadlineCountsGpusNeverInService) {
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "sovsim-stranding-warning.h5";
  const Result r = sovsim({"run", kMinimal, "--set", kCut, "-o", out.string()});
  std::filesystem::remove(out);
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_THAT(r.err, HasSubstr("warning: site 'site': 5 units (40 GPUs) can never be powered"));
  EXPECT_THAT(r.out, HasSubstr("GPUs never in service 40, of which 40 can never be housed or powered"));
  EXPECT_THAT(r.out, HasSubstr("supply -0.09 MW"));
}

}  // namespace
}  // namespace sovsim::cli
