#include "output/netcdf_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <fstream>

#include "output/error.h"
#include "output/format.h"
#include "output/reader.h"
#include "tests/output/sample_run.h"

namespace output {
namespace {

using test::error_of;
using test::read_text;
using test::sample_attributes;
using test::sample_row;
using test::sample_schema;
using test::sample_statics;
using test::sample_value;
using test::TempDir;
using test::write_sample;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::vector<std::string> names_of(const Attributes& attributes) {
  std::vector<std::string> names;
  for (const auto& [name, value] : attributes) names.push_back(name);
  return names;
}

std::int64_t rows_complete(const fs::path& path) {
  const Attributes attributes = read_root_attributes(path);
  return std::get<std::int64_t>(*find_attribute(attributes, kRowsCompleteAttribute));
}

// Checks rows [0, rows) of series `index` of the sample run as read back from `path`.
void expect_sample_series(const fs::path& path, std::size_t index, std::size_t rows) {
  const sim::RecordingSchema schema = sample_schema();
  const Variable v = read_variable(path, schema.series[index].name);
  const std::size_t extent = schema.extent(schema.series[index]);
  ASSERT_GE(v.values.size(), rows * extent);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t k = 0; k < extent; ++k) {
      const double expected = sample_value(index, r, k);
      const double got = v.values[r * extent + k];
      if (std::isnan(expected)) {
        ASSERT_TRUE(std::isnan(got)) << v.name << " row " << r << " element " << k;
      } else {
        ASSERT_EQ(got, expected) << v.name << " row " << r << " element " << k;
      }
    }
  }
}

TEST(NetcdfWriter, RoundTripsTwoAxesSeriesAndStatics) {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  NetcdfWriter writer(path, sample_attributes());
  write_sample(writer, 50);
  EXPECT_FALSE(fs::exists(path)) << "nothing appears under the final name before commit";
  writer.commit();
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(writer.partial_path()));

  const Attributes root = read_root_attributes(path);
  EXPECT_THAT(names_of(root), ElementsAre("Conventions", "format_version", "title", "random_seed",
                                          "discount_rate", "scenario", "empty", "rows_complete"));
  EXPECT_EQ(std::get<std::string>(*find_attribute(root, "Conventions")), "CF-1.10");
  EXPECT_EQ(std::get<std::string>(*find_attribute(root, "format_version")), kFormatVersion);
  EXPECT_EQ(std::get<std::int64_t>(*find_attribute(root, "random_seed")), 42);
  EXPECT_EQ(std::get<double>(*find_attribute(root, "discount_rate")), 0.035);
  EXPECT_EQ(std::get<std::string>(*find_attribute(root, "scenario")),
            "name: test\nsites:\n  - Gwangju-광주\n");
  EXPECT_EQ(std::get<std::string>(*find_attribute(root, "empty")), "");
  EXPECT_EQ(rows_complete(path), 50);

  EXPECT_THAT(list_variables(path), ElementsAre("total", "gpus", "power", "state", "headline", "capacity"));

  const Variable power = read_variable(path, "power");
  ASSERT_EQ(power.dims.size(), 3u);
  EXPECT_EQ(power.dims[0].name, "time");
  EXPECT_EQ(power.dims[0].size, 50u);
  EXPECT_EQ(power.dims[0].values.at(49), 49.0);
  EXPECT_EQ(power.dims[1].name, "site");
  EXPECT_THAT(power.dims[1].labels, ElementsAre("Seoul", "Gwangju-광주", "Ulsan"));
  EXPECT_EQ(power.dims[2].name, "zone");
  EXPECT_THAT(power.dims[2].labels, ElementsAre("north", "south"));
  EXPECT_EQ(std::get<std::string>(*find_attribute(power.attributes, "units")), "MW");
  EXPECT_EQ(std::get<std::string>(*find_attribute(power.attributes, "long_name")), "power drawn");
  EXPECT_TRUE(std::isnan(std::get<double>(*find_attribute(power.attributes, "_FillValue"))));
  EXPECT_EQ(find_attribute(power.attributes, "standard_name"), nullptr) << "written only when set";
  for (std::size_t s = 0; s < 4; ++s) expect_sample_series(path, s, 50);

  const Variable state = read_variable(path, "state");
  EXPECT_EQ(std::get<std::string>(*find_attribute(state.attributes, "flag_meanings")),
            "planned building operating");
  EXPECT_EQ(find_attribute(state.attributes, "_FillValue"), nullptr) << "written only when has_fill_value";

  const Variable headline = read_variable(path, "headline");
  EXPECT_TRUE(headline.dims.empty()) << "a static variable without axes is a scalar";
  EXPECT_THAT(headline.values, ElementsAre(1.25));
  const Variable capacity = read_variable(path, "capacity");
  ASSERT_EQ(capacity.dims.size(), 1u);
  EXPECT_EQ(capacity.dims[0].name, "site");
  EXPECT_THAT(capacity.values, ElementsAre(100.0, 250.5, 40.0));

  const Variable time = read_variable(path, "time");
  EXPECT_EQ(std::get<std::string>(*find_attribute(time.attributes, "units")),
            "days since 2025-11-01 00:00:00");
  EXPECT_EQ(std::get<std::string>(*find_attribute(time.attributes, "calendar")), "proleptic_gregorian");
  EXPECT_EQ(std::get<std::string>(*find_attribute(time.attributes, "axis")), "T");
  ASSERT_EQ(time.dims.size(), 1u);
  EXPECT_EQ(time.dims[0].name, "time");
}

TEST(NetcdfWriter, ManyRowsAcrossChunkAndBlockBoundariesRoundTrip) {
  TempDir dir;
  WriterOptions options;
  options.chunk_bytes = 1000;     // 20 rows of `power` a chunk, 125 of `total`
  options.max_block_bytes = 700;  // blocks of 7 rows: they straddle chunk boundaries
  options.flush_rows = 333;
  options.flush_min_interval = std::chrono::milliseconds(0);
  NetcdfWriter writer(dir / "run.h5", {}, options);
  write_sample(writer, 2000);
  writer.commit();
  for (std::size_t s = 0; s < 4; ++s) expect_sample_series(dir / "run.h5", s, 2000);
  EXPECT_EQ(read_variable(dir / "run.h5", "time").values.size(), 2000u);
}

TEST(NetcdfWriter, ChunksItEncodesItselfReadBackThroughHdf5sFilters) {
  // The writer deflates (and shuffles) whole chunks itself and hands them to HDF5 as finished
  // chunks: HDF5 must read them back through the filters it records, with and without shuffle,
  // at several levels and uncompressed, including the padded last chunks (250 rows: 12 full
  // chunks of 20 rows of `power` and a tenth of 10) encoded on two threads at finish().
  struct Case {
    int deflate_level;
    bool shuffle;
  };
  for (const Case c : {Case{1, false}, Case{1, true}, Case{6, true}, Case{0, false}}) {
    TempDir dir;
    WriterOptions options;
    options.chunk_bytes = 1000;
    options.deflate_level = c.deflate_level;
    options.shuffle = c.shuffle;
    NetcdfWriter writer(dir / "run.h5", {}, options);
    write_sample(writer, 250);
    writer.commit();
    for (std::size_t s = 0; s < 4; ++s) {
      SCOPED_TRACE(::testing::Message() << "level " << c.deflate_level << " shuffle " << c.shuffle);
      expect_sample_series(dir / "run.h5", s, 250);
    }
  }
}

TEST(NetcdfWriter, WithoutCommitLeavesNoFileAtAll) {
  TempDir dir;
  {
    NetcdfWriter writer(dir / "run.h5", sample_attributes());
    write_sample(writer, 10);
    EXPECT_TRUE(fs::exists(dir / "run.h5.partial"));
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(NetcdfWriter, AFailedRunLeavesAnExistingFinalFileUntouched) {
  TempDir dir;
  std::ofstream(dir / "run.h5") << "previous run";
  {
    NetcdfWriter writer(dir / "run.h5", {});
    const sim::RecordingSchema schema = sample_schema();
    writer.begin(schema);
    writer.append(0, sample_row(schema, 0));
    EXPECT_THROW(writer.append(sim::days(1), std::vector<double>(3, 0.0)), Error);  // wrong row size
    EXPECT_THROW(writer.finish({}), Error) << "a writer that failed once refuses to go on";
    EXPECT_THROW(writer.commit(), Error);
  }
  EXPECT_EQ(read_text(dir / "run.h5"), "previous run");
  EXPECT_FALSE(fs::exists(dir / "run.h5.partial"));
}

TEST(NetcdfWriter, CommitReplacesAnExistingFinalFile) {
  TempDir dir;
  std::ofstream(dir / "run.h5") << "previous run";
  NetcdfWriter writer(dir / "run.h5", {});
  write_sample(writer, 3);
  writer.commit();
  EXPECT_EQ(rows_complete(dir / "run.h5"), 3);
}

TEST(NetcdfWriter, OpeningInAMissingDirectoryFailsCleanly) {
  TempDir dir;
  const std::string message = error_of([&] { NetcdfWriter writer(dir / "missing" / "run.h5", {}); });
  EXPECT_THAT(message, HasSubstr((dir / "missing" / "run.h5.partial").string()));
  EXPECT_THAT(message, HasSubstr("directory does not exist"));
}

TEST(NetcdfWriter, RejectsRootAttributesItOwnsRepeatsAndEmptyNames) {
  TempDir dir;
  for (const Attributes& bad :
       {Attributes{{"format_version", std::string("9")}}, Attributes{{"Conventions", std::string("CF-1.10")}},
        Attributes{{"rows_complete", std::int64_t{1}}},
        Attributes{{"seed", std::int64_t{1}}, {"seed", std::int64_t{2}}}, Attributes{{"", 1.0}}}) {
    EXPECT_THROW(NetcdfWriter(dir / "run.h5", bad), Error) << bad.front().first;
  }
  EXPECT_TRUE(fs::is_empty(dir.path())) << "a refused writer leaves no partial file";
}

TEST(NetcdfWriter, EnforcesTheOrderOfCalls) {
  TempDir dir;
  const sim::RecordingSchema schema = sample_schema();
  {
    NetcdfWriter writer(dir / "a.h5", {});
    EXPECT_THROW(writer.append(0, sample_row(schema, 0)), Error);
  }
  {
    NetcdfWriter writer(dir / "b.h5", {});
    writer.begin(schema);
    EXPECT_THROW(writer.commit(), Error) << "commit before finish";
  }
  {
    NetcdfWriter writer(dir / "c.h5", {});
    writer.begin(schema);
    EXPECT_THROW(writer.begin(schema), Error);
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(NetcdfWriter, RejectsTimeGoingBackwards) {
  TempDir dir;
  NetcdfWriter writer(dir / "run.h5", {});
  const sim::RecordingSchema schema = sample_schema();
  writer.begin(schema);
  writer.append(sim::days(2), sample_row(schema, 0));
  writer.append(sim::days(2), sample_row(schema, 1));  // a final-state sample may repeat the time
  EXPECT_THAT(error_of([&] { writer.append(sim::days(1), sample_row(schema, 2)); }),
              HasSubstr("time went backwards"));
}

TEST(NetcdfWriter, RejectsNameClashesAndBadStatics) {
  TempDir dir;
  {
    sim::RecordingSchema schema = sample_schema();
    schema.series[1].name = "site";  // same as an axis
    NetcdfWriter writer(dir / "a.h5", {});
    EXPECT_THROW(writer.begin(schema), Error);
  }
  {
    NetcdfWriter writer(dir / "b.h5", {});
    writer.begin(sample_schema());
    std::vector<sim::StaticVariable> statics = sample_statics();
    statics[1].values.pop_back();
    EXPECT_THROW(writer.finish(statics), Error);
  }
  {
    NetcdfWriter writer(dir / "c.h5", {});
    writer.begin(sample_schema());
    std::vector<sim::StaticVariable> statics = sample_statics();
    statics[0].info.name = "gpus";  // same as a series
    EXPECT_THROW(writer.finish(statics), Error);
  }
}

TEST(NetcdfWriter, ARunWithNoRowsStillMakesAValidFile) {
  TempDir dir;
  NetcdfWriter writer(dir / "run.h5", {});
  write_sample(writer, 0);
  writer.commit();
  const Variable gpus = read_variable(dir / "run.h5", "gpus");
  EXPECT_EQ(gpus.dims.at(0).size, 0u);
  EXPECT_TRUE(gpus.values.empty());
  EXPECT_THAT(read_variable(dir / "run.h5", "headline").values, ElementsAre(1.25));
}

TEST(NetcdfWriter, StoresLargeProvenanceAttributes) {
  // Scenario text and CSV inputs can exceed the 64 KiB an attribute may take in an object header.
  TempDir dir;
  std::string csv;
  for (int i = 0; csv.size() < 300 * 1024; ++i) csv += "site_" + std::to_string(i) + ",12.5,Gwangju-광주\n";
  NetcdfWriter writer(dir / "run.h5", {{"inputs_csv", csv}});
  write_sample(writer, 2);
  writer.commit();
  EXPECT_EQ(std::get<std::string>(*find_attribute(read_root_attributes(dir / "run.h5"), "inputs_csv")), csv);
}

WriterOptions flush_every(std::size_t rows) {
  WriterOptions options;
  options.flush_rows = rows;
  options.flush_min_interval = std::chrono::milliseconds(0);
  return options;
}

// Chunks of 64 bytes: `time` and `total` hold 8 rows a chunk, the wider series 1 or 2, so every
// series' chunks end together every 8 rows.
WriterOptions flush_every_with_small_chunks(std::size_t rows) {
  WriterOptions options = flush_every(rows);
  options.chunk_bytes = 64;
  return options;
}

TEST(Flushing, RecordsRowsCompleteAtTheFirstChunkEndAfterNRowsAndTheCopyOnDiskIsReadable) {
  TempDir dir;
  NetcdfWriter writer(dir / "run.h5", {}, flush_every_with_small_chunks(10));
  const sim::RecordingSchema schema = sample_schema();
  writer.begin(schema);
  for (std::size_t r = 0; r < 25; ++r)
    writer.append(sim::days(static_cast<std::int64_t>(r)), sample_row(schema, r));
  EXPECT_EQ(writer.rows_appended(), 25u);
  EXPECT_EQ(writer.rows_flushed(), 16u)
      << "10 rows due at row 10; the chunks end at row 16; 24 is only 8 later";
  // What is on disk now is what a kill -9 would leave: copy it while the writer still holds it.
  fs::copy_file(writer.partial_path(), dir / "snapshot.h5");
  EXPECT_EQ(rows_complete(dir / "snapshot.h5"), 16);
  for (std::size_t s = 0; s < 4; ++s) expect_sample_series(dir / "snapshot.h5", s, 16);
  writer.finish({});
  EXPECT_EQ(writer.rows_flushed(), 25u) << "finish flushes the rest";
}

TEST(Flushing, MinimumIntervalHoldsBackRowCountFlushes) {
  TempDir dir;
  WriterOptions options = flush_every(1);
  options.flush_min_interval = std::chrono::hours(1);
  NetcdfWriter writer(dir / "run.h5", {}, options);
  const sim::RecordingSchema schema = sample_schema();
  writer.begin(schema);
  for (std::size_t r = 0; r < 30; ++r)
    writer.append(sim::days(static_cast<std::int64_t>(r)), sample_row(schema, r));
  EXPECT_EQ(writer.rows_flushed(), 0u);
}

TEST(Flushing, MaximumIntervalFlushesEvenBelowTheRowCountAtEachChunkEnd) {
  TempDir dir;
  WriterOptions options = flush_every_with_small_chunks(1'000'000);
  options.flush_max_interval = std::chrono::milliseconds(0);
  NetcdfWriter writer(dir / "run.h5", {}, options);
  const sim::RecordingSchema schema = sample_schema();
  writer.begin(schema);
  for (std::size_t r = 0; r < 20; ++r) {
    writer.append(sim::days(static_cast<std::int64_t>(r)), sample_row(schema, r));
    EXPECT_EQ(writer.rows_flushed(), (r + 1) / 8 * 8) << "row " << r;
  }
}

TEST(Flushing, AKilledRunLeavesOnlyASalvageablePartialFile) {
  TempDir dir;
  const fs::path path = dir / "run.h5";
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      WriterOptions options = flush_every(100);
      options.chunk_bytes = 512;  // `time` 64 rows a chunk, every series' chunks end every 64 rows
      NetcdfWriter writer(path, sample_attributes(), options);
      const sim::RecordingSchema schema = sample_schema();
      writer.begin(schema);
      for (std::size_t r = 0; r < 250; ++r)
        writer.append(sim::days(static_cast<std::int64_t>(r)), sample_row(schema, r));
      ::raise(SIGKILL);  // as the batch system would: no destructor, no cleanup
    } catch (...) {
    }
    ::_exit(3);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the writer child failed before its kill";
  EXPECT_FALSE(fs::exists(path));
  ASSERT_TRUE(fs::exists(dir / "run.h5.partial"));
  EXPECT_EQ(rows_complete(dir / "run.h5.partial"), 128)
      << "flushed at 128, the first chunk end after 100 rows";
  for (std::size_t s = 0; s < 4; ++s) expect_sample_series(dir / "run.h5.partial", s, 128);
}

// A flush writes every partly filled chunk, and freed file space is never reused (h5_file.cpp), so
// a compressed chunk written half full and again when full leaves its first image as dead space:
// flushing every 10 rows used to make this file 480 times larger than flushing once (every 1,000
// rows: 5.5 times). Flushes now wait for the chunks to end, and the file stays the same size.
TEST(Flushing, FrequentFlushesLeaveNoDeadChunkSpace) {
  const auto file_size_after = [](std::size_t flush_rows) {
    TempDir dir;
    NetcdfWriter writer(dir / "run.h5", {}, flush_every(flush_rows));
    write_sample(writer, 20000);
    writer.commit();
    return static_cast<double>(fs::file_size(dir / "run.h5"));
  };
  const double flushed_once = file_size_after(1000000);
  const double flushed_often = file_size_after(10);
  EXPECT_LT(flushed_often, 1.05 * flushed_once) << flushed_often << " bytes against " << flushed_once;
}

}  // namespace
}  // namespace output
