#include "sim/sweep/journal.h"

#include <fcntl.h>
#include <fmt/compile.h>
#include <fmt/format.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <vector>

namespace sim::sweep {
namespace {

constexpr std::string_view kFormat = "sovsim-sweep-journal";
constexpr int kVersion = 2;
// The first line of a version-1 (binary) journal.
constexpr std::string_view kFormerMagic = "sovsim-sweep-journal 1 ";
constexpr std::string_view kRunKey = "--- {run: ";
constexpr std::string_view kValuesKey = ", values: [";
constexpr std::string_view kChecksumKey = ", fnv1a: \"";
constexpr std::uint64_t kQuietNaN = 0x7ff8000000000000ULL;

std::uint64_t fnv1a(std::string_view data) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string os_error(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

// A YAML double-quoted scalar (the sweep hash is plain text; quoted so that no hash reads as a number).
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out + "\"";
}

std::string header_text(const std::string& sweep_hash, std::size_t indicators, std::size_t series_values) {
  return fmt::format(
      "# sovsim sweep journal: the runs of a sweep completed so far, one YAML document per run\n"
      "# (docs/sweeps.md, \"Resume\"). `--resume` reads it; it is deleted once the output file is complete.\n"
      "format: {}\nversion: {}\nsweep_hash: {}\nindicators: {}\nseries_values: {}\n",
      kFormat, kVersion, yaml_quoted(sweep_hash), indicators, series_values);
}

std::string first_line(std::string_view text) {
  std::string line(text.substr(0, std::min(text.find('\n'), std::size_t{80})));
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return line;
}

struct Header {
  std::string format;
  int version = 0;
  std::string hash;
  std::size_t indicators = 0, series_values = 0;

  std::string describe() const {
    return fmt::format("sweep_hash {}, {} indicators and {} series values per run", hash, indicators,
                       series_values);
  }
};

struct Parsed {
  bool former_binary = false;  // a version-1 journal
  std::optional<Header> header;
  std::string found;  // the header's first line when it is not a journal header
  std::map<std::uint64_t, RunResult> runs;
  std::size_t valid_bytes = 0;
  std::size_t total_bytes = 0;
};

// One run's line, or nullopt when it is torn or corrupt (checksum, syntax, values). The line is
// YAML (any YAML reader loads it), but it is read here by its fixed layout, after its checksum
// proved it is the text append() wrote: yaml-cpp took 3 us a value, 18 s for the 6 million values
// of 333 runs of the minimal example with bands, which would make resuming a large sweep take
// longer than running it.
std::optional<std::pair<std::uint64_t, RunResult>> parse_record(std::string_view line,
                                                                std::size_t indicators) {
  const std::size_t key = line.rfind(kChecksumKey);
  if (key == std::string_view::npos) return std::nullopt;
  const std::string_view sum = line.substr(key + kChecksumKey.size());
  if (sum.size() != 18 || sum.substr(16) != "\"}") return std::nullopt;
  std::uint64_t expected = 0;
  if (std::from_chars(sum.data(), sum.data() + 16, expected, 16).ptr != sum.data() + 16) return std::nullopt;
  std::string_view text = line.substr(0, key);
  if (fnv1a(text) != expected) return std::nullopt;
  if (!text.starts_with(kRunKey) || !text.ends_with(']')) return std::nullopt;
  text.remove_prefix(kRunKey.size());
  std::uint64_t run = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), run);
  if (error != std::errc()) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  if (!text.starts_with(kValuesKey)) return std::nullopt;
  text.remove_prefix(kValuesKey.size());
  text.remove_suffix(1);  // ']'
  RunResult r;
  std::size_t n = 0;
  while (!text.empty()) {
    const std::size_t comma = text.find(", ");
    const std::optional<double> v = Journal::parse_value(text.substr(0, comma));
    if (!v) return std::nullopt;
    (n++ < indicators ? r.indicators : r.series).push_back(*v);
    text.remove_prefix(comma == std::string_view::npos ? text.size() : comma + 2);
  }
  if (n < indicators) return std::nullopt;
  return std::pair{run, std::move(r)};
}

// `expected`: this sweep's header text (empty when only reading): a torn header that is a prefix of
// it is a journal whose header write was cut short, to be started over.
Parsed parse(const std::filesystem::path& path, std::size_t indicators, const std::string& expected) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JournalError("cannot read sweep journal " + path.string());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Parsed p;
  p.total_bytes = text.size();
  if (text.starts_with(kFormerMagic)) {
    p.former_binary = true;
    p.found = first_line(text);
    return p;
  }
  std::size_t header_end = text.find("\n---");
  header_end = header_end == std::string::npos ? text.size() : header_end + 1;
  const std::string_view head = std::string_view(text).substr(0, header_end);
  const bool complete = head.ends_with('\n') && (head.find("\nseries_values:") != std::string_view::npos);
  if (!complete) {
    if (expected.starts_with(head)) return p;  // cut short while written: nothing usable
    p.found = first_line(text);
    p.valid_bytes = text.size();
    return p;
  }
  try {
    const YAML::Node node = YAML::Load(std::string(head));
    Header h;
    h.format = node["format"].as<std::string>();
    h.version = node["version"].as<int>();
    h.hash = node["sweep_hash"].as<std::string>();
    h.indicators = node["indicators"].as<std::size_t>();
    h.series_values = node["series_values"].as<std::size_t>();
    p.header = h;
  } catch (const YAML::Exception&) {
    p.found = first_line(text);
  }
  p.valid_bytes = header_end;
  std::size_t at = header_end;
  while (at < text.size()) {
    const std::size_t newline = text.find('\n', at);
    if (newline == std::string::npos) break;  // torn: no end of line
    auto record = parse_record(std::string_view(text).substr(at, newline - at), indicators);
    if (!record) break;
    p.runs[record->first] = std::move(record->second);
    at = newline + 1;
    p.valid_bytes = at;
  }
  return p;
}

}  // namespace

void Journal::append_value(std::string& out, double value) {
  if (std::isnan(value)) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    if (bits == kQuietNaN) {
      out += ".nan";
    } else {
      fmt::format_to(std::back_inserter(out), "\"nan:0x{:016x}\"", bits);
    }
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? ".inf" : "-.inf";
    return;
  }
  // A run's series are mostly whole numbers (GPU counts). Below 2^53 in magnitude the shortest
  // text of a whole double is its integer's digits (fmt switches to an exponent only from 1e16),
  // so they are written as integers, at a fraction of the general algorithm's cost; -0 keeps its
  // sign through the general path. Test YamlJournal.WholeNumbersAreWrittenAsTheShortestForm.
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (value == std::trunc(value) && std::abs(value) < kExactIntegers &&
      !(value == 0 && std::signbit(value))) {
    const fmt::format_int digits(static_cast<std::int64_t>(value));
    out.append(digits.data(), digits.size());
    return;
  }
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), value);  // shortest text that reads back
}

std::string Journal::format_value(double value) {
  std::string text;
  append_value(text, value);
  return text;
}

std::optional<double> Journal::parse_value(std::string_view text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  if (text == ".nan") return std::bit_cast<double>(kQuietNaN);
  if (text == ".inf" || text == "+.inf") return std::numeric_limits<double>::infinity();
  if (text == "-.inf") return -std::numeric_limits<double>::infinity();
  if (text.starts_with("nan:0x")) {
    const std::string_view hex = text.substr(6);
    std::uint64_t bits = 0;
    if (hex.size() != 16 || std::from_chars(hex.data(), hex.data() + 16, bits, 16).ptr != hex.data() + 16)
      return std::nullopt;
    const double v = std::bit_cast<double>(bits);
    return std::isnan(v) ? std::optional<double>(v) : std::nullopt;
  }
  // Finite numbers only, as fmt wrote them (from_chars reads back the exact double; it would also
  // take "nan" or "inf", which the journal never writes so).
  if (text.empty() || text.find_first_not_of("0123456789-.e+") != std::string_view::npos) return std::nullopt;
  double v = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

Journal::Journal(std::filesystem::path path, std::string sweep_hash, std::size_t indicators,
                 std::size_t series_values, bool resume)
    : path_(std::move(path)), indicators_(indicators), values_(indicators + series_values) {
  header_ = header_text(sweep_hash, indicators, series_values);
  const bool exists = std::filesystem::exists(path_);
  if (exists && !resume) {
    throw JournalError(
        "a previous run of this sweep left " + path_.string() +
        " (its completed runs); pass --resume to complete it, or delete that file to start over");
  }
  if (exists) {
    Parsed p = parse(path_, indicators, header_);
    if (p.former_binary) {
      throw JournalError(fmt::format(
          "{}: a sweep journal in the binary format of an earlier sovsim (version 1, first line '{}'); this "
          "sovsim reads journals of version {} (YAML, first line '# sovsim sweep journal...'). To proceed: "
          "complete the sweep with the sovsim that started it (the same command with --resume), or delete {} "
          "and run the sweep again (its completed runs are then run again)",
          path_.string(), p.found, kVersion, path_.string()));
    }
    const Header mine{std::string(kFormat), kVersion, sweep_hash, indicators, series_values};
    if (p.valid_bytes > 0 && (!p.header || p.header->format != kFormat || p.header->version != kVersion)) {
      throw JournalError(fmt::format(
          "{}: not a sovsim sweep journal of version {} (expected a YAML header with format: {} and version: "
          "{}, found '{}'); delete it to start over",
          path_.string(), kVersion, kFormat, kVersion,
          p.header ? fmt::format("format: {}, version: {}", p.header->format, p.header->version) : p.found));
    }
    if (p.valid_bytes > 0 && p.header->describe() != mine.describe()) {
      throw JournalError(
          fmt::format("{} belongs to another sweep or sovsim version (its header says {}; this sweep's: {}); "
                      "delete it to "
                      "start over",
                      path_.string(), p.header->describe(), mine.describe()));
    }
    for (auto& [run, result] : p.runs) {
      if (result.series.size() != series_values) {
        throw JournalError(path_.string() + ": run " + std::to_string(run) +
                           " has the wrong number of values");
      }
    }
    loaded_ = std::move(p.runs);
    dropped_bytes_ = p.total_bytes - p.valid_bytes;
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw JournalError(os_error("cannot open sweep journal", path_));
    if (p.valid_bytes == 0) {
      if (::ftruncate(fd_, 0) != 0) throw JournalError(os_error("cannot truncate", path_));
    } else if (::ftruncate(fd_, static_cast<off_t>(p.valid_bytes)) != 0) {
      throw JournalError(os_error("cannot truncate the torn end of", path_));
    }
    if (::lseek(fd_, 0, SEEK_END) < 0) throw JournalError(os_error("cannot seek in", path_));
    if (p.valid_bytes > 0) return;
  } else {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0) throw JournalError(os_error("cannot create sweep journal", path_));
  }
  if (::write(fd_, header_.data(), header_.size()) != static_cast<ssize_t>(header_.size()))
    throw JournalError(os_error("cannot write", path_));
  if (::fdatasync(fd_) != 0) throw JournalError(os_error("cannot sync", path_));
}

Journal::~Journal() {
  if (fd_ >= 0) {
    ::fdatasync(fd_);
    ::close(fd_);
  }
}

void Journal::append(std::uint64_t run, const RunResult& result) {
  const std::uint64_t count = result.indicators.size() + result.series.size();
  if (result.indicators.size() != indicators_ || count != values_) {
    throw JournalError("run " + std::to_string(run) + " returned " + std::to_string(count) +
                       " values, the sweep expects " + std::to_string(values_));
  }
  std::string record = fmt::format("{}{}{}", kRunKey, run, kValuesKey);
  record.reserve(record.size() + count * 12 + 40);
  bool first = true;
  for (const std::vector<double>* part : {&result.indicators, &result.series}) {
    for (const double v : *part) {
      if (!first) record += ", ";
      append_value(record, v);
      first = false;
    }
  }
  record += ']';
  record += fmt::format("{}{:016x}\"}}\n", kChecksumKey, fnv1a(record));

  const std::lock_guard lock(mutex_);
  std::size_t written = 0;
  while (written < record.size()) {
    const ssize_t n = ::write(fd_, record.data() + written, record.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw JournalError(os_error("cannot append to", path_));
    written += static_cast<std::size_t>(n);
  }
  const auto now = std::chrono::steady_clock::now();
  if (now - last_sync_ >= std::chrono::seconds(1)) {
    ::fdatasync(fd_);
    last_sync_ = now;
  }
}

void Journal::sync() {
  const std::lock_guard lock(mutex_);
  if (fd_ >= 0 && ::fdatasync(fd_) != 0) throw JournalError(os_error("cannot sync", path_));
}

void Journal::remove() {
  const std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

std::map<std::uint64_t, RunResult> Journal::read(const std::filesystem::path& path, std::size_t indicators) {
  return parse(path, indicators, {}).runs;
}

}  // namespace sim::sweep
