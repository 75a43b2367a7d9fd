#pragma once
// Progress with an ETA on stderr, for long runs and sweeps. Shown only when stderr is a terminal
// and --quiet was not given, so batch jobs (Slurm, CI, pipes) stay quiet.

#include <chrono>
#include <iosfwd>
#include <string>

namespace sovsim::cli {

bool stderr_is_terminal();

class Progress {
 public:
  Progress(std::ostream& err, bool enabled, std::string label);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // fraction in [0, 1]; redraws at most a few times a second.
  void update(double fraction, const std::string& detail = {});
  // Clears the line; called by the destructor too.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& err_;
  bool enabled_;
  std::string label_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  bool drawn_ = false;
};

// "1:02:03" or "2:03".
std::string format_duration(double seconds);

}  // namespace sovsim::cli
