#pragma once
// SIGINT and SIGTERM end a run cleanly: the handler only records the signal; the run polls it,
// stops, discards its partial output (no half-written file at the final path) and exits with
// 128 + signal (130, 143), as shells expect. SIGXFSZ is ignored so that exceeding a file-size
// limit surfaces as an EFBIG write error with a message instead of killing the process.
//
// Signal dispositions are per process, so this is the one place with process-wide state. Guards
// nest: main_dispatch holds one for the whole command (so a signal while a scenario loads is
// recorded, not fatal), and the commands' own guards inside it change nothing.

namespace sovsim::cli {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // The signal received since the outermost guard was constructed, or 0.
  static int received();
  static bool interrupted() { return received() != 0; }
};

// Thrown where a run notices an interrupt; the CLI maps it to 128 + signal.
struct Interrupted {
  int signal = 0;
};

}  // namespace sovsim::cli
