#pragma once
// The append-only journal that keeps every completed run of a sweep while it is running.
//
// "<output>.journal" beside the output file, a YAML stream (format version 2; version 1 was
// binary and is refused with a message saying how to proceed). The first document is the header:
//   format: sovsim-sweep-journal
//   version: 2
//   sweep_hash: "<plan hash>"
//   indicators: <values per run that are indicators>
//   series_values: <values per run that are series samples>
// then one document per completed run, in completion order, each on one line:
//   --- {run: 12, values: [0.1, 5e-324, -0, .inf, .nan, "nan:0xfff8000000000000"], fnv1a: "<16 hex>"}
// Each value is written in the shortest form that reads back to the same double bit for bit
// (fmt's "{}"), .inf/-.inf/.nan for the infinities and the quiet NaN, and a NaN of any other bit
// pattern as "nan:0x<its 64 bits>". fnv1a is the FNV-1a checksum of the line's text before
// ", fnv1a". Each line goes to the OS in one write(), so a process killed by any signal (SIGKILL
// included) loses at most the runs in progress; a line torn by a crash of the machine itself (no
// newline, or a checksum that does not match) is dropped, with everything after it, when the
// journal is reopened. The file is fdatasync'ed at most every second and on close.
//
// `--resume` reopens the journal, checks that it belongs to the same sweep (hash and record
// sizes) and runs only the runs it lacks; the final file is written from the journal's records
// sorted by run index, so it does not depend on the order runs completed in. The journal is
// removed once the final file is in place.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/sweep/model.h"

namespace sim::sweep {

class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Journal {
 public:
  // Opens or creates `path`. With `resume`, an existing journal is read (its completed runs are
  // then in loaded()) and appended to; a journal of another sweep is a JournalError. Without
  // `resume`, an existing journal is a JournalError telling the user to pass --resume or delete
  // it, so a restarted command never throws away completed work silently.
  Journal(std::filesystem::path path, std::string sweep_hash, std::size_t indicators,
          std::size_t series_values, bool resume);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Runs read back when the journal was opened (run index -> result).
  std::map<std::uint64_t, RunResult>& loaded() { return loaded_; }
  std::size_t dropped_bytes() const { return dropped_bytes_; }

  // Appends one run; safe to call from several threads. Throws JournalError on a write failure.
  void append(std::uint64_t run, const RunResult& result);
  void sync();
  // Closes and deletes the file (after the final output was committed).
  void remove();

  // Reads a journal without opening it for writing (for tests and tools).
  static std::map<std::uint64_t, RunResult> read(const std::filesystem::path& path, std::size_t indicators);

  // One double as the journal writes it (YAML text), and back from that text or from the scalar
  // a YAML reader makes of it (nullopt: not a value the journal writes).
  static std::string format_value(double value);
  static void append_value(std::string& out, double value);  // format_value, appended to `out`
  static std::optional<double> parse_value(std::string_view text);

 private:
  std::filesystem::path path_;
  std::string header_;
  std::size_t indicators_;
  std::size_t values_;
  int fd_ = -1;
  std::map<std::uint64_t, RunResult> loaded_;
  std::size_t dropped_bytes_ = 0;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_sync_ = std::chrono::steady_clock::now();
};

}  // namespace sim::sweep
