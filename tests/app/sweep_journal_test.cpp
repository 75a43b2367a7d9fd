// `sovsim sweep --resume` on a journal of the former binary format (version 1): bad input, exit 2,
// a message naming the file, what was expected, what was found and how to proceed; nothing
// written and the old journal left as it was.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/app/run_cli.h"

namespace sovsim::cli {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

TEST(SweepJournal, AFormerBinaryJournalIsBadInputSayingHowToProceed) {
  const fs::path dir = fs::path(SOVSIM_BINARY_DIR) / "tests" / "app" / "sweep_journal";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(fs::path(SOVSIM_SOURCE_DIR) / "scenarios" / "examples" / "minimal.yaml",
                dir / "minimal.yaml");
  std::ofstream(dir / "two.sweep.yaml") << "base: minimal.yaml\nreplications: 2\n";
  const fs::path out = dir / "out.h5", journal = dir / "out.h5.journal";
  const std::string binary = std::string("sovsim-sweep-journal 1 0123abcd 40 0\n") + std::string(16, '\0');
  std::ofstream(journal, std::ios::binary) << binary;

  const Result r = sovsim({"sweep", (dir / "two.sweep.yaml").string(), "-o", out.string(), "--resume", "-q"});
  EXPECT_EQ(r.code, kExitBadInput) << r.err;
  EXPECT_THAT(r.err,
              HasSubstr(journal.string() + ": a sweep journal in the binary format of an earlier sovsim"));
  EXPECT_THAT(r.err, HasSubstr("first line 'sovsim-sweep-journal 1 0123abcd 40 0'"));
  EXPECT_THAT(r.err, HasSubstr("reads journals of version 2 (YAML"));
  EXPECT_THAT(r.err, HasSubstr("To proceed:"));
  EXPECT_FALSE(fs::exists(out));
  std::ifstream in(journal, std::ios::binary);
  std::stringstream kept;
  kept << in.rdbuf();
  EXPECT_EQ(kept.str(), binary);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sovsim::cli
