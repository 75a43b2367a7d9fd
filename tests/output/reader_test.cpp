#include "output/reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "output/error.h"
#include "tests/output/sample_run.h"

namespace output {
namespace {

using test::error_of;
using test::TempDir;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

// One committed sample file for the whole suite.
class Reader : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    NetcdfWriter writer(dir_->path() / "run.h5", test::sample_attributes());
    test::write_sample(writer, 5);
    writer.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path path() { return dir_->path() / "run.h5"; }
  static TempDir* dir_;
};
TempDir* Reader::dir_ = nullptr;

TEST_F(Reader, MissingFileIsNamedAndNothingIsPrinted) {
  const fs::path missing = dir_->path() / "absent.h5";
  ::testing::internal::CaptureStderr();
  EXPECT_THAT(error_of([&] { read_root_attributes(missing); }), HasSubstr(missing.string()));
  EXPECT_THAT(error_of([&] { list_variables(missing); }), HasSubstr(missing.string()));
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST_F(Reader, UnknownVariableIsNamed) {
  const std::string message = error_of([] { read_variable(path(), "nope"); });
  EXPECT_THAT(message, HasSubstr("'/nope'"));
  EXPECT_THAT(message, HasSubstr(path().string()));
}

TEST_F(Reader, StringCoordinatesAreNotReadAsNumbers) {
  EXPECT_THAT(error_of([] { read_variable(path(), "site"); }), HasSubstr("not a floating-point variable"));
}

TEST_F(Reader, TimeIsItsOwnDimension) {
  const Variable time = read_variable(path(), "time");
  ASSERT_EQ(time.dims.size(), 1u);
  EXPECT_EQ(time.dims[0].name, "time");
  EXPECT_EQ(time.dims[0].values, time.values);
  EXPECT_EQ(time.values, (std::vector<double>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace output
