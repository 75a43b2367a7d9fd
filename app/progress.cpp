#include "app/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace sovsim::cli {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string format_duration(double seconds) {
  const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  const long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
  return h > 0 ? fmt::format("{}:{:02}:{:02}", h, m, s) : fmt::format("{}:{:02}", m, s);
}

Progress::Progress(std::ostream& err, bool enabled, std::string label)
    : err_(err), enabled_(enabled), label_(std::move(label)) {}

Progress::~Progress() { finish(); }

void Progress::update(double fraction, const std::string& detail) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  drawn_ = true;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const std::string eta = fraction > 0.001 ? format_duration(elapsed * (1 - fraction) / fraction) : "?";
  err_ << fmt::format("\r\033[K{} {:5.1f}%  elapsed {}  ETA {}{}{}", label_, 100 * fraction,
                      format_duration(elapsed), eta, detail.empty() ? "" : "  ", detail)
       << std::flush;
}

void Progress::finish() {
  if (enabled_ && drawn_) err_ << "\r\033[K" << std::flush;
  drawn_ = false;
}

}  // namespace sovsim::cli
