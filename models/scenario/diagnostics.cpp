#include "models/scenario/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace models::scn {

int Sources::add(Source s) {
  sources_.push_back(std::move(s));
  return static_cast<int>(sources_.size()) - 1;
}

std::string Sources::location(const Origin& o) const {
  if (o.source < 0 || static_cast<std::size_t>(o.source) >= sources_.size()) return "";
  const Source& s = at(o.source);
  if (o.line <= 0) return s.display;
  return fmt::format("{}:{}:{}", s.display, o.line, o.column);
}

void Diagnostics::add(const Origin& where, std::string path, std::string message) {
  ++total_;
  if (kept_.size() < limit_) kept_.push_back({where, std::move(path), std::move(message)});
}

std::vector<std::string> Diagnostics::format(const Sources& sources) const {
  std::vector<Diagnostic> sorted = kept_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.source, a.where.line, a.where.column) <
           std::tie(b.where.source, b.where.line, b.where.column);
  });
  std::vector<std::string> lines;
  for (const Diagnostic& d : sorted) {
    std::string line = sources.location(d.where);
    if (!line.empty()) line += ": ";
    if (!d.path.empty()) line += d.path + ": ";
    line += d.message;
    if (d.where.source >= 0) {
      const Source& s = sources.at(d.where.source);
      const std::string from = sources.location(s.included_at);
      if (!from.empty()) line += fmt::format(" (in {} included from {})", s.display, from);
    }
    lines.push_back(std::move(line));
  }
  if (total_ > kept_.size())
    lines.push_back(fmt::format("... and {} more {}", total_ - kept_.size(),
                                total_ - kept_.size() == 1 ? "error" : "errors"));
  return lines;
}

std::string quote(std::string_view text) {
  constexpr std::size_t kMaxShown = 60;
  std::string out = "'";
  std::size_t shown = 0;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool continuation = (u & 0xC0) == 0x80;  // never cut inside a UTF-8 sequence
    if (shown == kMaxShown && !continuation) {
      out += "...";
      break;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
    if (!continuation) ++shown;
  }
  out += "'";
  return out;
}

std::string plural(std::string_view singular) {
  if (singular.ends_with("s")) return std::string(singular) + "es";
  if (singular.ends_with("ry")) return std::string(singular.substr(0, singular.size() - 1)) + "ies";
  return std::string(singular) + "s";
}

std::string count_noun(std::size_t n, std::string_view singular) {
  return fmt::format("{} {}", n, n == 1 ? std::string(singular) : plural(singular));
}

}  // namespace models::scn
