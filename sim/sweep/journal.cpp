#include "sim/sweep/journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace sim::sweep {
namespace {

constexpr std::string_view kMagic = "sovsim-sweep-journal 1";

std::uint64_t fnv1a(const unsigned char* data, std::size_t n) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i < n; ++i) {
    h ^= data[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string os_error(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

struct Parsed {
  std::string header;
  std::map<std::uint64_t, RunResult> runs;
  std::size_t valid_bytes = 0;
  std::size_t total_bytes = 0;
};

Parsed parse(const std::filesystem::path& path, std::size_t indicators) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JournalError("cannot read sweep journal " + path.string());
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
  Parsed p;
  p.total_bytes = bytes.size();
  const auto newline = std::find(bytes.begin(), bytes.end(), '\n');
  if (newline == bytes.end()) return p;  // header incomplete: nothing usable
  p.header.assign(bytes.begin(), newline);
  std::size_t at = static_cast<std::size_t>(newline - bytes.begin()) + 1;
  p.valid_bytes = at;
  while (at + 16 <= bytes.size()) {
    std::uint64_t run = 0, count = 0;
    std::memcpy(&run, &bytes[at], 8);
    std::memcpy(&count, &bytes[at + 8], 8);
    if (count > (bytes.size() - at) / 8) break;
    const std::size_t size = 16 + count * 8 + 8;
    if (at + size > bytes.size() || count < indicators) break;
    std::uint64_t sum = 0;
    std::memcpy(&sum, &bytes[at + size - 8], 8);
    if (sum != fnv1a(&bytes[at], size - 8)) break;
    RunResult r;
    r.indicators.resize(indicators);
    r.series.resize(count - indicators);
    std::memcpy(r.indicators.data(), &bytes[at + 16], indicators * 8);
    if (count > indicators)
      std::memcpy(r.series.data(), &bytes[at + 16 + indicators * 8], (count - indicators) * 8);
    p.runs[run] = std::move(r);
    at += size;
    p.valid_bytes = at;
  }
  return p;
}

}  // namespace

Journal::Journal(std::filesystem::path path, std::string sweep_hash, std::size_t indicators,
                 std::size_t series_values, bool resume)
    : path_(std::move(path)), indicators_(indicators), values_(indicators + series_values) {
  header_ = std::string(kMagic) + " " + sweep_hash + " " + std::to_string(indicators) + " " +
            std::to_string(series_values);
  const bool exists = std::filesystem::exists(path_);
  if (exists && !resume) {
    throw JournalError(
        "a previous run of this sweep left " + path_.string() +
        " (its completed runs); pass --resume to complete it, or delete that file to start over");
  }
  if (exists) {
    Parsed p = parse(path_, indicators);
    if (p.valid_bytes > 0 && p.header != header_) {
      throw JournalError(path_.string() + " belongs to another sweep or sovsim version (its header is '" +
                         p.header + "', this sweep's is '" + header_ + "'); delete it to start over");
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
  const std::string line = header_ + "\n";
  if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
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
  std::vector<unsigned char> record(16 + count * 8 + 8);
  std::memcpy(&record[0], &run, 8);
  std::memcpy(&record[8], &count, 8);
  std::memcpy(&record[16], result.indicators.data(), result.indicators.size() * 8);
  if (!result.series.empty())
    std::memcpy(&record[16 + result.indicators.size() * 8], result.series.data(), result.series.size() * 8);
  const std::uint64_t sum = fnv1a(record.data(), record.size() - 8);
  std::memcpy(&record[record.size() - 8], &sum, 8);

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
  return parse(path, indicators).runs;
}

}  // namespace sim::sweep
