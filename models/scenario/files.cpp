#include "models/scenario/files.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace models::scn {

namespace fs = std::filesystem;

namespace {

std::string mebibytes(std::uintmax_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string regular_file_problem(const fs::path& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return ec && ec != std::errc::no_such_file_or_directory ? ec.message() : std::string(kNoSuchFile);
  }
  if (fs::is_directory(st)) return "it is a directory, not a file";
  if (!fs::is_regular_file(st)) return "it is not a regular file";
  return "";
}

FileText read_text_file(const fs::path& path, std::size_t max_bytes) {
  if (std::string problem = regular_file_problem(path); !problem.empty()) return {std::nullopt, problem};
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return {std::nullopt, ec.message()};
  if (size > max_bytes) {
    return {std::nullopt, fmt::format("the file is {} ({} bytes); the limit is {} ({} bytes)",
                                      mebibytes(size), size, mebibytes(max_bytes), max_bytes)};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return {std::nullopt, std::strerror(errno)};
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return {std::nullopt, "read error"};
  return {std::move(text), ""};
}

NamedScenarioFile named_scenario_file(std::string_view written, const fs::path& from_folder) {
  const bool control = std::any_of(written.begin(), written.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7f;
  });
  if (written.empty() || control)
    return {std::nullopt, fmt::format("expected a file path, found {}", quote(written))};
  const fs::path path(written);
  return {(path.is_absolute() ? path : from_folder / path).lexically_normal(), ""};
}

ConfinedPath confine_path(std::string_view written, const fs::path& root, const fs::path& from_dir) {
  if (written.empty()) return {std::nullopt, "", "expected a file path, found ''"};
  for (const char c : written) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      return {std::nullopt, "", fmt::format("expected a file path, found {}", quote(written))};
  }
  const fs::path rel(written);
  if (rel.is_absolute() || written.front() == '/') {
    return {std::nullopt, "",
            fmt::format("expected a path relative to the scenario's folder, found the absolute path {}",
                        quote(written))};
  }
  for (const fs::path& part : rel) {
    if (part == "..") {
      return {
          std::nullopt, "",
          fmt::format("expected a path inside the scenario's folder, found {} (paths may not contain '..')",
                      quote(written))};
    }
  }
  const fs::path relative = (from_dir / rel).lexically_normal();
  const fs::path full = root / relative;
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(full, ec);
  const fs::path real_root = fs::weakly_canonical(root, ec);
  if (!ec) {
    const auto [mismatch, unused] =
        std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
    if (mismatch != real_root.end()) {
      return {std::nullopt, "",
              fmt::format("expected a path inside the scenario's folder, found {}, which leads outside it",
                          quote(written))};
    }
  }
  return {full, relative.generic_string(), ""};
}

std::vector<CsvRow> csv_rows(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  std::vector<CsvRow> rows;
  int line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view row = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (row.ends_with('\r')) row.remove_suffix(1);
    if (trim(row).empty() || trim(row).starts_with('#')) continue;
    CsvRow out{.line = line, .text = row};
    std::size_t from = 0;
    while (true) {
      const std::size_t comma = std::min(row.find(',', from), row.size());
      const std::string_view raw = row.substr(from, comma - from);
      const std::string_view field = trim(raw);
      out.fields.push_back(field);
      out.columns.push_back(static_cast<int>(from + static_cast<std::size_t>(field.data() - raw.data())) + 1);
      if (comma == row.size()) break;
      from = comma + 1;
    }
    rows.push_back(std::move(out));
  }
  return rows;
}

std::optional<Node> parse_csv(std::string_view text, int source, const std::vector<std::string>& columns,
                              const std::string& key_path, Budget& budget, Diagnostics& diags) {
  const std::string header = join(columns, ",");
  Node table = Node::list({source, 1, 1});
  bool have_header = false;
  for (const CsvRow& row : csv_rows(text)) {
    const int line = row.line;
    if (!have_header) {
      std::vector<std::string> found(row.fields.begin(), row.fields.end());
      if (found != columns) {
        diags.add({source, line, 1}, key_path,
                  fmt::format("expected the CSV header '{}', found {}", header, quote(row.text)));
        return std::nullopt;
      }
      have_header = true;
      table.origin = {source, line, 1};
      continue;
    }
    if (row.fields.size() != columns.size()) {
      diags.add({source, line, 1}, key_path,
                fmt::format("expected {} fields ({}), found {}", columns.size(), header, row.fields.size()));
      continue;
    }
    if (budget.nodes_used + 1 + columns.size() > budget.node_limit) {
      diags.add({source, line, 1}, key_path,
                fmt::format("the scenario has more than {} YAML nodes and CSV fields; that is the limit",
                            budget.node_limit));
      return std::nullopt;
    }
    budget.nodes_used += 1 + columns.size();
    Node entry = Node::map({source, line, 1});
    entry.flow = true;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Origin at{source, line, row.columns[i]};
      entry.entries.push_back({columns[i], at, Node::scalar(std::string(row.fields[i]), at)});
    }
    table.items.push_back(std::move(entry));
  }
  if (!have_header) {
    diags.add({source, 1, 1}, key_path,
              fmt::format("the file is empty; expected the CSV header '{}'", header));
    return std::nullopt;
  }
  return table;
}

}  // namespace models::scn
