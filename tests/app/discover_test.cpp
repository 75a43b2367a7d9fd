// sovsim discover --target on a real sweep of the minimal example: the runs that miss a target are
// planted in a box of one input (construction durations long enough that the hall is late), with
// two inputs that cannot change any date (the electricity price and the emission factor). PRIM
// must restrict the construction factor from below and leave the two noise inputs alone; unknown
// or absent targets are refused with exit code 2 and a message naming the known ones.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "tests/app/run_cli.h"

namespace sovsim::cli {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// The hall (fit-out 5-9 months with factor 1, after a 6-month grid connection) and 16 servers
// (8 crew-days, 14 days of burn-in): with factor 0.5 everything is in service by late July, with
// factor 1.6 the hall alone takes 8-14 months, so "all 128 GPUs by 5 September" is missed.
const std::string kScenario =
    "base: minimal.yaml\n"
    "name: minimal-target\n"
    "targets:\n"
    "  - {name: all-by-sep, quantity: gpus_entered_service, comparison: at_least, threshold: 128, date: "
    "2026-09-05}\n"
    "  - {name: sure, quantity: gpus_entered_service, comparison: at_least, threshold: 0, date: "
    "2026-02-01}\n";

const std::string kSweep =
    "base: target.yaml\n"
    "seed: 7\n"
    "design: {type: lhs, samples: 160}\n"
    "parameters:\n"
    "  - {key: adjustments.construction_duration_factor, range: [0.5, 1.6]}\n"
    "  - {key: economics.electricity_price, range: [100 KRW/kWh, 300 KRW/kWh]}\n"
    "  - {key: economics.emission_factor, range: [300 gCO2/kWh, 500 gCO2/kWh]}\n";

class DiscoverTarget : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest runs each test of the suite as its own process, in parallel: one folder per process,
    // or two processes write the same sweep file at once.
    dir_ = fs::path(SOVSIM_BINARY_DIR) / "tests" / "app" / ("discover_target_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    fs::copy_file(fs::path(SOVSIM_SOURCE_DIR) / "scenarios" / "examples" / "minimal.yaml",
                  dir_ / "minimal.yaml", fs::copy_options::overwrite_existing);
    std::ofstream(dir_ / "target.yaml") << kScenario;
    std::ofstream(dir_ / "s.sweep.yaml") << kSweep;
    fs::remove(file());
    fs::remove(file() + ".journal");
    const Result r =
        sovsim({"sweep", (dir_ / "s.sweep.yaml").string(), "-o", file(), "--jobs", "1", "--quiet"});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  static std::string file() { return (dir_ / "s.h5").string(); }
  static fs::path dir_;
};
fs::path DiscoverTarget::dir_;

// The chosen box's rows of `discover --format csv`: input -> (low, high).
std::map<std::string, std::pair<double, double>> chosen_box(const std::string& csv) {
  std::map<std::string, std::pair<double, double>> box;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream cells(line);
    for (std::string c; std::getline(cells, c, ',');) f.push_back(c);
    if (f.size() >= 10 && f[1] == "1" && !f[7].empty()) box[f[7]] = {std::stod(f[8]), std::stod(f[9])};
  }
  return box;
}

TEST_F(DiscoverTarget, RecoversThePlantedBoxOfAMissedTarget) {
  const Result r = sovsim({"discover", file(), "--target", "all-by-sep", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto box = chosen_box(r.out);
  ASSERT_EQ(box.count("adjustments.construction_duration_factor"), 1u) << r.out;
  EXPECT_EQ(box.count("economics.electricity_price"), 0u) << r.out;
  EXPECT_EQ(box.count("economics.emission_factor"), 0u) << r.out;
  // Long construction: restricted from below, open to the top of the range.
  const auto [low, high] = box.at("adjustments.construction_duration_factor");
  EXPECT_GT(low, 0.8);
  EXPECT_LT(low, 1.5);
  EXPECT_GT(high, 1.55);

  const Result table = sovsim({"discover", file(), "--target", "all-by-sep"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("cases of interest: target all-by-sep missed"));
  EXPECT_THAT(table.out, HasSubstr("adjustments.construction_duration_factor"));
}

TEST_F(DiscoverTarget, RefusesUnknownTargetsNamingTheKnownOnes) {
  Result r = sovsim({"discover", file(), "--target", "nacc-2028"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(
      r.err,
      HasSubstr("--target: expected one of the sweep's targets (all-by-sep, sure), found 'nacc-2028'"));
  r = sovsim({"discover", file(), "--target", "sure"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("no run is of interest (target sure missed)"));
  r = sovsim({"discover", file(), "--target", "all-by-sep", "--indicator", "gpus_ordered", "--above", "1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("either --target NAME or --indicator NAME"));
  r = sovsim({"discover", file()});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("expected --target NAME, or --indicator NAME"));
}

TEST(DiscoverTargetWithoutTargets, SaysTheSweepHasNone) {
  const fs::path dir = fs::path(SOVSIM_BINARY_DIR) / "tests" / "app" / "discover_no_target";
  fs::create_directories(dir);
  fs::copy_file(fs::path(SOVSIM_SOURCE_DIR) / "scenarios" / "examples" / "minimal.yaml", dir / "minimal.yaml",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "s.sweep.yaml") << "base: minimal.yaml\ndesign: {type: lhs, samples: 4}\n"
                                         "parameters:\n  - {key: adjustments.construction_duration_factor, "
                                         "range: [0.5, 1.6]}\n";
  const std::string out = (dir / "s.h5").string();
  fs::remove(out);
  fs::remove(out + ".journal");
  ASSERT_EQ(sovsim({"sweep", (dir / "s.sweep.yaml").string(), "-o", out, "--jobs", "1", "--quiet"}).code, 0);
  const Result r = sovsim({"discover", out, "--target", "x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("the sweep has no targets"));
}

}  // namespace
}  // namespace sovsim::cli
