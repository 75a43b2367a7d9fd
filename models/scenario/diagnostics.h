#pragma once
// Where things come from and what is wrong with them.
//
// Every node of a loaded document carries an Origin (source, line, column). Sources are the
// files (and command-line overrides) read for one load; a base file or CSV file remembers where
// it was included from, so an error in a base also names the variant that pulled it in.
// Diagnostics collects problems in the form
//   FILE:LINE:COLUMN: KEY.PATH: what was expected, what was found
// up to a limit, then counts the rest ("... and 12 more errors").

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace models::scn {

struct Origin {
  int source = -1;  // index into Sources; -1 when unknown
  int line = 0;     // 1-based; 0 for "the whole file"
  int column = 0;   // 1-based
};

struct Source {
  enum class Role { Scenario, Base, Csv, Override, Builtin };
  Role role = Role::Scenario;
  std::string display;   // how messages name it, e.g. "scenarios/korea-2025.yaml"
  std::string relative;  // path relative to the scenario's folder (files only)
  std::string text;      // the content as read
  Origin included_at;    // the reference that pulled it in (bases and CSV files)
};

class Sources {
 public:
  int add(Source s);
  const Source& at(int index) const { return sources_.at(static_cast<std::size_t>(index)); }
  const std::vector<Source>& all() const { return sources_; }

  // "file:12:5" or "file" (line 0) or "" (unknown source).
  std::string location(const Origin& o) const;

 private:
  std::vector<Source> sources_;
};

struct Diagnostic {
  Origin where;
  std::string path;  // key path, e.g. "sites[2].halls[0].pue"; empty for file-level problems
  std::string message;
};

class Diagnostics {
 public:
  static constexpr std::size_t kDefaultLimit = 50;
  explicit Diagnostics(std::size_t limit = kDefaultLimit) : limit_(limit) {}

  void add(const Origin& where, std::string path, std::string message);
  bool empty() const { return total_ == 0; }
  std::size_t count() const { return total_; }
  const std::vector<Diagnostic>& kept() const { return kept_; }

  // One line per kept problem, in source order, then "... and N more errors" past the limit.
  std::vector<std::string> format(const Sources& sources) const;

 private:
  std::size_t limit_;
  std::size_t total_ = 0;
  std::vector<Diagnostic> kept_;
};

// A value as a message quotes it: in single quotes, control characters escaped, long text cut.
std::string quote(std::string_view text);

// "site" -> "sites", "failure class" -> "failure classes", "entry" -> "entries".
std::string plural(std::string_view singular);

// Plural-aware count: count_noun(1, "error") == "1 error", count_noun(3, "error") == "3 errors".
std::string count_noun(std::size_t n, std::string_view singular);

}  // namespace models::scn
