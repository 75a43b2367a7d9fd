#pragma once
// A sweep's file: many runs in one netCDF-4 / CF-1.10 compatible HDF5 file, at the root group,
// with the conventions of single-run files (docs/output-format.md, "Sweep files"): every
// dimension has a coordinate variable that is a dimension scale attached to the variables using
// it, link and attribute creation order are tracked, string attributes are fixed-length UTF-8,
// string coordinates variable-length UTF-8.
//
// The writer is domain-free and layout-free: it writes the dimensions and variables it is given,
// in the order given, with no timestamp or host name, so the same content gives the same bytes
// whoever assembles it (one thread, N threads, MPI ranks or merged shards). The file is written
// as "<path>.partial" and renamed into place once complete.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "output/attributes.h"

namespace output {

// A coordinate: a dimension's name and its values (exactly one of the three vectors is used).
struct SweepDimension {
  std::string name;  // "run", "point", "parameter", "quantile", "time", ...
  std::string long_name;
  std::string units;                // numeric coordinates; for time, CF "days since ..."
  std::vector<std::int64_t> ints;   // e.g. run indices
  std::vector<double> values;       // e.g. quantile levels, time in days
  std::vector<std::string> labels;  // e.g. parameter key paths

  std::size_t size() const { return ints.size() + values.size() + labels.size(); }
};

struct SweepVariable {
  enum class Type { Float64, Int64, Text };
  std::string name;
  std::string units;  // empty for Text
  std::string long_name;
  std::vector<std::string> dims;  // dimension names, outermost first
  Type type = Type::Float64;
  std::vector<double> values;      // Float64, row-major; NaN marks "no value" (_FillValue NaN)
  std::vector<std::int64_t> ints;  // Int64
  std::vector<std::string> texts;  // Text (variable-length UTF-8)
  Attributes attributes;           // more attributes (e.g. comment), written after long_name
};

struct SweepFileContent {
  Attributes attributes;  // root attributes after Conventions and format_version
  std::vector<SweepDimension> dimensions;
  std::vector<SweepVariable> variables;

  const SweepDimension* dimension(std::string_view name) const;
  const SweepVariable* variable(std::string_view name) const;
};

// Writes the file. Throws Error (naming the file and the object) on any failure, including a
// variable naming an unknown dimension or holding the wrong number of values.
void write_sweep_file(const std::filesystem::path& path, const SweepFileContent& content);

// Reads back a file write_sweep_file wrote: root attributes (Conventions and format_version
// included), every dimension and every variable, in file order. Throws Error.
SweepFileContent read_sweep_file(const std::filesystem::path& path);

}  // namespace output
