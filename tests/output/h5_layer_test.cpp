#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "output/h5_attribute.h"
#include "output/h5_dataset.h"
#include "output/h5_file.h"
#include "tests/output/sample_run.h"

namespace output::h5 {
namespace {

using output::test::TempDir;
using ::testing::HasSubstr;

// A new, empty HDF5 file in a temporary directory.
class NewFile : public ::testing::Test {
 protected:
  TempDir dir;
  std::string path = (dir / "x.h5").string();
  File file = create_file(path);
};

bool is_open(hid_t id) {
  const QuietErrors quiet;
  return H5Iis_valid(id) > 0;
}

TEST(Handle, IsMoveOnlyAndClosesOnce) {
  static_assert(!std::is_copy_constructible_v<Dataspace>);
  static_assert(!std::is_copy_assignable_v<Dataspace>);
  static_assert(std::is_nothrow_move_constructible_v<Dataspace>);
  hid_t id = H5I_INVALID_HID;
  {
    Dataspace a = scalar_space({"mem", ""});
    id = a.get();
    ASSERT_TRUE(is_open(id));
    Dataspace b = std::move(a);
    EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): the moved-from state is the point
    EXPECT_EQ(b.get(), id);
    Dataspace c;
    c = std::move(b);
    EXPECT_EQ(c.get(), id);
    EXPECT_TRUE(is_open(id));
  }
  EXPECT_FALSE(is_open(id)) << "the last owner closes the identifier";
}

TEST(Handle, MoveAssignmentClosesWhatItReplaces) {
  Dataspace a = scalar_space({"mem", ""});
  Dataspace b = scalar_space({"mem", ""});
  const hid_t replaced = a.get();
  a = std::move(b);
  EXPECT_FALSE(is_open(replaced));
}

TEST_F(NewFile, ErrorsNameTheFileTheObjectAndTheCauseWithoutPrintingToStderr) {
  const Where where{path, "/v"};
  const Dataspace space = scalar_space(where);
  const Dataset first = create_dataset(file.get(), where, H5T_IEEE_F64LE, space, {});
  ::testing::internal::CaptureStderr();
  const std::string message =
      test::error_of([&] { create_dataset(file.get(), where, H5T_IEEE_F64LE, space, {}); });
  EXPECT_THAT(message, HasSubstr("cannot create dataset '/v'"));
  EXPECT_THAT(message, HasSubstr(path));
  EXPECT_THAT(message, HasSubstr("already exists"));
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "") << "HDF5's own error printing must be off";
}

TEST(Errors, OpeningAMissingFileNamesItAndTheOsReason) {
  TempDir dir;
  const std::string path = (dir / "absent.h5").string();
  const std::string message = test::error_of([&] { open_file_read_only(path); });
  EXPECT_THAT(message, HasSubstr("cannot open HDF5 file '" + path + "'"));
  EXPECT_THAT(message, HasSubstr("No such file or directory"));
}

TEST(Errors, OpeningANonHdf5FileFails) {
  TempDir dir;
  const auto path = dir / "text.h5";
  std::ofstream(path) << "not HDF5\n";
  EXPECT_THROW(open_file_read_only(path.string()), Error);
}

herr_t count_calls(hid_t, void* data) {
  ++*static_cast<int*>(data);
  return 0;
}

TEST(QuietErrors, RestoresTheCallersErrorHandler) {
  int calls = 0;
  H5E_auto2_t saved_function = nullptr;
  void* saved_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &saved_function, &saved_data);
  H5Eset_auto2(H5E_DEFAULT, count_calls, &calls);
  EXPECT_THROW(open_file_read_only("/nonexistent/dir/file.h5"), Error);
  EXPECT_EQ(calls, 0) << "silenced inside the funnel";
  H5Fopen("/nonexistent/dir/file.h5", H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_EQ(calls, 1) << "the caller's handler is back afterwards";
  H5Eset_auto2(H5E_DEFAULT, saved_function, saved_data);
}

// A writer thread that ends right after a failure (the BackgroundSink's, when begin fails on a
// full disk) must not take entries of HDF5's error stack with it: HDF5 1.10 frees a thread's
// stack without their strings (LeakSanitizer reports them in the ASan build).
TEST(QuietErrors, LeavesTheThreadsErrorStackEmptyAfterAFailure) {
  ssize_t entries_left = -1;
  std::string message;
  std::thread writer([&] {
    message = test::error_of([] { open_file_read_only("/nonexistent/dir/file.h5"); });
    entries_left = H5Eget_num(H5E_DEFAULT);
  });
  writer.join();
  EXPECT_THAT(message, HasSubstr("cannot open HDF5 file")) << "the failure was described first";
  EXPECT_EQ(entries_left, 0);
}

// Strings go through a 64 KiB conversion buffer (4,096 handles a pass): more are converted in
// several passes, each string still in its place.
TEST_F(NewFile, StringsBeyondOneConversionPassReadBackInOrder) {
  const Where where{path, "/labels"};
  std::vector<std::string> labels;
  for (int i = 0; i < 10000; ++i)
    labels.push_back("site-" + std::to_string(i) + std::string(i % 37, 'x') + "광주");
  const Dataspace space = simple_space(where, {labels.size()});
  const Datatype type = utf8_string_type(where);
  const Dataset dataset = create_dataset(file.get(), where, type.get(), space, {});
  write_all(dataset, where, labels);
  EXPECT_EQ(read_strings(dataset, where), labels);
}

TEST_F(NewFile, LayoutAppliesChunkingFiltersFillValueAndChunkCache) {
  const Where where{path, "/series"};
  const Dataspace space = simple_space(where, {0, 4}, {H5S_UNLIMITED, 4});
  const Layout layout{{16, 4}, 4, -1.0, 3u << 20};
  const Dataset dataset = create_dataset(file.get(), where, H5T_IEEE_F64LE, space, layout);
  EXPECT_EQ(chunk_cache_bytes(dataset, where), 3u << 20);

  const PropertyList dcpl = creation_properties(dataset.get(), where);
  hsize_t chunk[2] = {0, 0};
  ASSERT_EQ(H5Pget_chunk(dcpl.get(), 2, chunk), 2);
  EXPECT_EQ(chunk[0], 16u);
  EXPECT_EQ(H5Pget_nfilters(dcpl.get()), 2) << "shuffle and deflate";
  Layout without_shuffle = layout;
  without_shuffle.shuffle = false;
  const Where other{path, "/series_without_shuffle"};
  const Dataset plain = create_dataset(file.get(), other, H5T_IEEE_F64LE, space, without_shuffle);
  EXPECT_EQ(H5Pget_nfilters(creation_properties(plain.get(), other).get()), 1) << "deflate only";
  double fill = 0;
  H5Pget_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill);
  EXPECT_EQ(fill, -1.0);

  const std::vector<double> rows{1, 2, 3, 4, 5, 6, 7, 8};
  write_rows(dataset, where, 0, 2, rows.data());
  write_rows(dataset, where, 2, 1, rows.data());
  EXPECT_EQ(shape_of(dataset, where), (Shape{3, 4}));
  EXPECT_EQ(read_doubles(dataset, where), (std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4}));
}

TEST_F(NewFile, AttributesRoundTripEveryKindInCreationOrder) {
  const Where root{path, ""};
  write_attribute(file.get(), root, "z_text", std::string_view("Zürich"));
  write_attribute(file.get(), root, "a_count", std::int64_t{-7});
  write_attribute(file.get(), root, "m_rate", 0.5);
  write_attribute(file.get(), root, "empty", std::string_view(""));
  update_attribute(file.get(), root, "a_count", std::int64_t{9});
  EXPECT_THROW(update_attribute(file.get(), root, "missing", std::int64_t{1}), Error);
  file.close(root, "cannot close");

  const File reopened = open_file_read_only(path);
  const Attributes read = read_attributes(reopened.get(), {path, "/"});
  const Attributes expected{{"z_text", std::string("Zürich")},
                            {"a_count", std::int64_t{9}},
                            {"m_rate", 0.5},
                            {"empty", std::string()}};
  EXPECT_EQ(read, expected);
}

// A sweep file's variables carry up to 11 attributes: they stay in the object header (HDF5's
// default moves them to dense storage past 8), and still list in creation order.
TEST_F(NewFile, ADatasetKeepsADozenAttributesCompactInCreationOrder) {
  const Where where{path, "/v"};
  const Dataset v = create_dataset(file.get(), where, H5T_IEEE_F64LE, scalar_space(where), {});
  Attributes expected;
  for (int i = 0; i < 12; ++i) {
    const std::string name = "attribute_" + std::to_string(11 - i);  // not alphabetical
    write_attribute(v.get(), where, name, std::int64_t{i});
    expected.emplace_back(name, std::int64_t{i});
  }
  H5O_info_t info{};
  ASSERT_GE(H5Oget_info2(v.get(), &info, H5O_INFO_META_SIZE | H5O_INFO_NUM_ATTRS), 0);
  EXPECT_EQ(info.num_attrs, 12u);
  EXPECT_EQ(info.meta_size.attr.heap_size, 0u) << "attributes in a fractal heap: dense storage";
  EXPECT_EQ(info.meta_size.attr.index_size, 0u) << "attribute name or order index: dense storage";
  EXPECT_EQ(read_attributes(v.get(), where), expected);
}

TEST_F(NewFile, StringAttributesAreFixedLengthUtf8Scalars) {
  write_attribute(file.get(), {path, ""}, "units", std::string_view("days since 2025-11-01 00:00:00"));
  const Attribute attribute(H5Aopen(file.get(), "units", H5P_DEFAULT));
  const Datatype type(H5Aget_type(attribute.get()));
  const Dataspace space(H5Aget_space(attribute.get()));
  EXPECT_EQ(H5Tis_variable_str(type.get()), 0) << "netCDF-C must see NC_CHAR, not NC_STRING";
  EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8);
  EXPECT_EQ(H5Tget_strpad(type.get()), H5T_STR_NULLTERM);
  EXPECT_EQ(H5Sget_simple_extent_type(space.get()), H5S_SCALAR);
}

TEST_F(NewFile, TracksCreationOrderForNetcdfAppendMode) {
  const PropertyList fcpl = creation_properties(file.get(), {path, ""});
  unsigned links = 0;
  unsigned attributes = 0;
  H5Pget_link_creation_order(fcpl.get(), &links);
  H5Pget_attr_creation_order(fcpl.get(), &attributes);
  EXPECT_EQ(links, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  EXPECT_EQ(attributes, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
}

TEST_F(NewFile, CloseReportsObjectsLeftOpen) {
  const Where where{path, "/v"};
  const Dataset open = create_dataset(file.get(), where, H5T_IEEE_F64LE, scalar_space(where), {});
  EXPECT_THROW(file.close({path, ""}, "cannot close"), Error)
      << "a close that leaves the file open must not pass";
}

}  // namespace
}  // namespace output::h5
