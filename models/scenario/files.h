#pragma once
// Reading the files a scenario names: size limits, path confinement and CSV tables.
//
// A scenario may name its CSV schedules only by a path relative to the file that names it,
// without "..", and never leading (through a symbolic link) outside the folder of the scenario
// file given on the command line: a scenario shared with others can then not pull arbitrary
// files of their machine into a run's output. Scenario files themselves (a scenario's `base:`,
// a sweep's `base:` and `variants`) may lie anywhere, so that a user's variants and sweeps can
// build on the shipped scenarios from their own folder; they are read as scenarios, and a file
// that is not one is refused.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/diagnostics.h"
#include "models/scenario/tree.h"

namespace models::scn {

struct FileText {
  std::optional<std::string> text;
  std::string problem;  // why it could not be read, e.g. "no such file"
};

// Reads a regular file of at most `max_bytes`, refusing directories, devices and FIFOs.
FileText read_text_file(const std::filesystem::path& path, std::size_t max_bytes);

// Why `path` is not an existing regular file (kNoSuchFile, "it is a directory, not a file", the
// system's reason such as "File name too long"), or "" when it is one. Never throws: a name the
// file system refuses is a user's error, not a crash.
inline constexpr std::string_view kNoSuchFile = "no such file";
std::string regular_file_problem(const std::filesystem::path& path);

struct ConfinedPath {
  std::optional<std::filesystem::path> path;  // where to read it
  std::string relative;                       // relative to the scenario's folder, normalised
  std::string problem;                        // "expected ..., found ..." when refused
};

// Resolves `written` (as written in a file lying in `from_dir`, itself relative to `root`).
ConfinedPath confine_path(std::string_view written, const std::filesystem::path& root,
                          const std::filesystem::path& from_dir);

struct NamedScenarioFile {
  std::optional<std::filesystem::path> path;  // lexically normal; not checked to exist
  std::string problem;                        // "expected a file path, found ..." when refused
};

// Where a scenario file named as `written` by a file in `from_folder` lies: relative to that
// folder ('..' allowed) or absolute.
NamedScenarioFile named_scenario_file(std::string_view written, const std::filesystem::path& from_folder);

// One line of a CSV file that holds data: its fields, trimmed of spaces and tabs, with their
// 1-based line and columns.
struct CsvRow {
  int line = 0;
  std::string_view text;  // the line as written, without its end
  std::vector<std::string_view> fields;
  std::vector<int> columns;  // where each field starts
};

// The rows of a CSV text, THE reader of every CSV file sovsim reads (scenario schedules, design
// tables): a UTF-8 byte order mark is dropped, blank lines and lines starting with '#' are
// skipped, fields are separated by commas without quoting, "\r\n" ends a line like "\n". The
// views point into `text`.
std::vector<CsvRow> csv_rows(std::string_view text);

// A CSV table with the header `columns` as a list of maps, one per row, each field a scalar
// with its line and column. Blank lines and lines starting with '#' are skipped; fields are
// separated by commas, without quoting; spaces around fields are ignored.
std::optional<Node> parse_csv(std::string_view text, int source, const std::vector<std::string>& columns,
                              const std::string& key_path, Budget& budget, Diagnostics& diags);

}  // namespace models::scn
