// A design table row as a run's seed and overrides (sovsim run --from-table), read by the one CSV
// reader of models/scenario/files.h: comments, byte order mark, CRLF, units in brackets, errors
// with file and line.

#include "app/design_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app/cli.h"

namespace {

namespace fs = std::filesystem;
using sovsim::cli::InputError;
using sovsim::cli::read_design_row;

fs::path write_table(const std::string& name, const std::string& text) {
  const fs::path path = fs::path(SOVSIM_BINARY_DIR) / "tests" / "app" / name;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string error_of(const fs::path& table, std::uint64_t run) {
  try {
    read_design_row(table, run);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(DesignTable, RowGivesSeedAndOverridesWithUnits) {
  const fs::path t = write_table("design-ok.csv",
                                 "\xEF\xBB\xBF# written by hand\r\n"
                                 "run,point,replication,seed,zones.capital.headroom [MW],sites.a.land\r\n"
                                 "\r\n"
                                 "0,0,0,11,100,5\r\n"
                                 "1, 0 ,1,12, 250 ,7\r\n");
  const sovsim::cli::DesignRow row = read_design_row(t, 1);
  ASSERT_TRUE(row.seed.has_value());
  EXPECT_EQ(*row.seed, 12u);
  ASSERT_EQ(row.overrides.size(), 2u);
  EXPECT_EQ(row.overrides[0], "zones.capital.headroom=250 MW");
  EXPECT_EQ(row.overrides[1], "sites.a.land=7");
}

TEST(DesignTable, RowsWithoutRunColumnAreNumberedFromZero) {
  const fs::path t = write_table("design-norun.csv", "x\n1\n2\n");
  EXPECT_EQ(read_design_row(t, 1).overrides.front(), "x=2");
  EXPECT_EQ(error_of(t, 5), t.string() + ": no row for run 5 (the table has 2 data rows)");
}

TEST(DesignTable, ErrorsNameFileLineAndWhat) {
  const fs::path fields = write_table("design-fields.csv", "run,x\n# comment\n0,1,2\n");
  EXPECT_EQ(error_of(fields, 0), fields.string() + ":3: expected 2 fields as in the header, found 3");
  const fs::path seed = write_table("design-seed.csv", "run,seed,x\n0,abc,1\n");
  EXPECT_EQ(error_of(seed, 0), seed.string() + ":2: seed: expected a whole number, found 'abc'");
  const fs::path empty_value = write_table("design-empty-value.csv", "run,x\n0,\n");
  EXPECT_EQ(error_of(empty_value, 0), empty_value.string() + ":2: x: expected a value, found an empty field");
  const fs::path unnamed = write_table("design-unnamed.csv", "# c\nrun,,x\n");
  EXPECT_EQ(error_of(unnamed, 0), unnamed.string() + ":2: column 2 has no name");
  const fs::path empty = write_table("design-empty.csv", "# only a comment\n\n");
  EXPECT_EQ(error_of(empty, 0), empty.string() + ": the table is empty (expected a header line)");
  EXPECT_EQ(error_of(fs::path(SOVSIM_BINARY_DIR) / "no-such-table.csv", 0),
            (fs::path(SOVSIM_BINARY_DIR) / "no-such-table.csv").string() + ": no such table file");
}

}  // namespace
