#include "app/design_table.h"

#include <fmt/format.h>

#include <charconv>

#include "app/cli.h"
#include "models/scenario/files.h"

namespace sovsim::cli {

namespace {

constexpr std::uintmax_t kMaxTableBytes = 64 * 1024 * 1024;

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r");
  const auto last = s.find_last_not_of(" \t\r");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

std::optional<std::uint64_t> parse_count(const std::string& text) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

struct Column {
  std::string key;
  std::string unit;
};

Column parse_header_field(const std::string& field) {
  const auto open = field.find(" [");
  if (open == std::string::npos || field.back() != ']') return {field, ""};
  return {trim(field.substr(0, open)), field.substr(open + 2, field.size() - open - 3)};
}

}  // namespace

DesignRow read_design_row(const std::filesystem::path& table, std::uint64_t run) {
  const std::string name = table.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(table, ec)) throw InputError(name + ": no such table file");
  if (std::filesystem::file_size(table, ec) > kMaxTableBytes) {
    throw InputError(
        fmt::format("{}: the table is larger than the limit of {} MiB", name, kMaxTableBytes >> 20));
  }
  const models::scn::FileText read = models::scn::read_text_file(table, kMaxTableBytes);
  if (!read.text) throw InputError(name + ": cannot be read (" + read.problem + ")");
  const std::vector<models::scn::CsvRow> rows = models::scn::csv_rows(*read.text);
  if (rows.empty()) throw InputError(name + ": the table is empty (expected a header line)");

  std::vector<Column> columns;
  for (const std::string_view field : rows.front().fields)
    columns.push_back(parse_header_field(std::string(field)));
  std::optional<std::size_t> run_column, seed_column;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key.empty())
      throw InputError(fmt::format("{}:{}: column {} has no name", name, rows.front().line, i + 1));
    if (columns[i].key == "run") run_column = i;
    if (columns[i].key == "seed") seed_column = i;
  }

  std::uint64_t data_row = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const int line_number = rows[r].line;
    const std::vector<std::string> fields(rows[r].fields.begin(), rows[r].fields.end());
    if (fields.size() != columns.size()) {
      throw InputError(fmt::format("{}:{}: expected {} fields as in the header, found {}", name, line_number,
                                   columns.size(), fields.size()));
    }
    std::uint64_t this_run = data_row++;
    if (run_column) {
      const auto v = parse_count(fields[*run_column]);
      if (!v) {
        throw InputError(fmt::format("{}:{}: run: expected a run number, found '{}'", name, line_number,
                                     fields[*run_column]));
      }
      this_run = *v;
    }
    if (this_run != run) continue;

    DesignRow row;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Column& c = columns[i];
      // A sweep with variants lists each run's variant by name: the row runs on the scenario given.
      if (c.key == "run" || c.key == "point" || c.key == "replication" || c.key == "variant") continue;
      if (c.key == "seed") {
        row.seed = parse_count(fields[i]);
        if (!row.seed) {
          throw InputError(
              fmt::format("{}:{}: seed: expected a whole number, found '{}'", name, line_number, fields[i]));
        }
        continue;
      }
      if (fields[i].empty()) {
        throw InputError(
            fmt::format("{}:{}: {}: expected a value, found an empty field", name, line_number, c.key));
      }
      row.overrides.push_back(c.key + "=" + fields[i] + (c.unit.empty() ? "" : " " + c.unit));
    }
    return row;
  }
  throw InputError(fmt::format("{}: no row for run {} (the table has {} data rows)", name, run, data_row));
}

}  // namespace sovsim::cli
