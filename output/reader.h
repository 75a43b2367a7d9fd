#pragma once
// A small reader for the files NetcdfWriter writes, for `sovsim summary FILE.h5` and for tests.
// Anything richer belongs to xarray and friends (docs/output-format.md); this only needs to
// read back what the writer wrote. Every function throws Error naming the file and object.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "output/attributes.h"

namespace output {

struct Dimension {
  std::string name;
  std::size_t size = 0;
  std::vector<std::string> labels;  // a string coordinate's labels (e.g. site names)
  std::vector<double> values;       // a numeric coordinate's values (e.g. time in days)
};

struct Variable {
  std::string name;
  std::vector<Dimension> dims;  // outermost first; empty for a scalar
  Attributes attributes;        // units, long_name, ...
  std::vector<double> values;   // row-major over dims
};

// The root (global) attributes: provenance, format_version, rows_complete.
Attributes read_root_attributes(const std::filesystem::path& path);

// The data variables, in the order they were written; coordinates (time, site...) are left out.
std::vector<std::string> list_variables(const std::filesystem::path& path);

// A whole float64 variable (a data variable or the time coordinate) with its dimensions'
// names and coordinates.
Variable read_variable(const std::filesystem::path& path, std::string_view name);

// What a variable holds, without reading its values: enough to decide whether to read it (a
// sweep file's (run, time) series can be large).
enum class ValueType { Float, Text, Other };  // Other: integers (e.g. a sweep's run_point) and the rest

struct VariableHeader {
  std::string name;
  ValueType type = ValueType::Other;
  std::vector<Dimension> dims;  // outermost first, with their coordinates, as read_variable gives them
  Attributes attributes;
};

VariableHeader read_variable_header(const std::filesystem::path& path, std::string_view name);

// A whole string-valued variable (e.g. a sweep file's parameter_units), row-major.
std::vector<std::string> read_text_variable(const std::filesystem::path& path, std::string_view name);

}  // namespace output
