#include "tests/output/sample_run.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>

#include "output/error.h"

namespace output::test {

sim::RecordingSchema sample_schema() {
  sim::Recorder recorder;  // builds the offsets and row size exactly as a real run does
  recorder.add_axis(sim::Axis{"site", "datacenter site", {"Seoul", "Gwangju-광주", "Ulsan"}});
  recorder.add_axis(sim::Axis{"zone", "grid zone", {"north", "south"}});
  const auto unused = [](std::span<double>) {};
  recorder.add_series({.name = "total", .units = "1", .long_name = "GPUs in the country"}, unused);
  recorder.add_series({.name = "gpus", .units = "1", .long_name = "GPUs installed", .axes = {"site"}},
                      unused);
  recorder.add_series({.name = "power",
                       .units = "MW",
                       .long_name = "power drawn",
                       .standard_name = "",
                       .axes = {"site", "zone"},
                       .fill_value = std::numeric_limits<double>::quiet_NaN(),
                       .has_fill_value = true},
                      unused);
  recorder.add_series({.name = "state",
                       .units = "1",
                       .long_name = "site state",
                       .axes = {"site"},
                       .flag_meanings = "planned building operating"},
                      unused);
  sim::RecordingSchema schema = recorder.schema();
  schema.calendar = sim::Calendar(kEpoch);
  return schema;
}

std::vector<sim::StaticVariable> sample_statics() {
  return {
      {{.name = "headline", .units = "GW", .long_name = "peak power"}, {1.25}},
      {{.name = "capacity", .units = "MW", .long_name = "site capacity", .axes = {"site"}},
       {100.0, 250.5, 40.0}},
  };
}

Attributes sample_attributes() {
  return {{"title", std::string("sovsim output test")},
          {"random_seed", std::int64_t{42}},
          {"discount_rate", 0.035},
          {"scenario", std::string("name: test\nsites:\n  - Gwangju-광주\n")},
          {"empty", std::string()}};
}

double sample_value(std::size_t series, std::size_t row, std::size_t element) {
  if (series == 2 && row == 2 && element == 1) return std::numeric_limits<double>::quiet_NaN();
  return 1000.0 * static_cast<double>(series) + static_cast<double>(row) + static_cast<double>(element) / 8.0;
}

std::vector<double> sample_row(const sim::RecordingSchema& schema, std::size_t row) {
  std::vector<double> values(schema.row_size);
  for (std::size_t s = 0; s < schema.series.size(); ++s) {
    for (std::size_t k = 0; k < schema.extent(schema.series[s]); ++k) {
      values[schema.series_offset[s] + k] = sample_value(s, row, k);
    }
  }
  return values;
}

void write_sample(NetcdfWriter& writer, std::size_t rows) {
  const sim::RecordingSchema schema = sample_schema();
  writer.begin(schema);
  for (std::size_t r = 0; r < rows; ++r)
    writer.append(sim::days(static_cast<std::int64_t>(r)), sample_row(schema, r));
  writer.finish(sample_statics());
}

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sovsim-output-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace output::test
