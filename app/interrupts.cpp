#include "app/interrupts.h"

#include <csignal>

namespace sovsim::cli {

namespace {

volatile std::sig_atomic_t g_received = 0;  // written only by the signal handler

extern "C" void record_signal(int signal) { g_received = signal; }

struct sigaction previous_int, previous_term, previous_xfsz;
int g_depth = 0;  // guards alive; only the outermost installs and restores (main thread only)

}  // namespace

InterruptGuard::InterruptGuard() {
  if (g_depth++ > 0) return;
  g_received = 0;
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGXFSZ, &ignore, &previous_xfsz);
}

InterruptGuard::~InterruptGuard() {
  if (--g_depth > 0) return;
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
  sigaction(SIGXFSZ, &previous_xfsz, nullptr);
}

int InterruptGuard::received() { return g_received; }

}  // namespace sovsim::cli
