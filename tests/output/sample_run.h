#pragma once
// The small run that the C++ tests and the Python reader tests (tests/python) both write and
// check. tests/python/sample.py restates the same schema and value rule; change both together.
//
//   axes:    site = {"Seoul", "Gwangju-광주", "Ulsan"} (long_name "datacenter site"),
//            zone = {"north", "south"} (long_name "grid zone")
//   series:  total (no axes, units "1"), gpus (site, units "1"),
//            power (site, zone, units "MW", _FillValue NaN), state (site, flag_meanings)
//   statics: headline (scalar, units "GW"), capacity (site, units "MW")
//   time:    one row a day from 2025-11-01

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "output/attributes.h"
#include "output/netcdf_writer.h"
#include "sim/recorder.h"

namespace output::test {

inline constexpr sim::Date kEpoch{2025, 11, 1};

sim::RecordingSchema sample_schema();
std::vector<sim::StaticVariable> sample_statics();
Attributes sample_attributes();

// Element k (row-major over the series' axes) of series s at row r: 1000 s + r + k / 8, exact in
// float64 so every reader can compare with ==. Series 2 (power), row 2, element 1 is NaN.
double sample_value(std::size_t series, std::size_t row, std::size_t element);
std::vector<double> sample_row(const sim::RecordingSchema& schema, std::size_t row);

// begin, `rows` daily rows, finish (no commit).
void write_sample(NetcdfWriter& writer, std::size_t rows);

// The message of the output::Error that `call` throws, or "no error".
std::string error_of(const std::function<void()>& call);
std::string read_text(const std::filesystem::path& path);

// A fresh directory, removed with its contents when the test ends.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const char* name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace output::test
