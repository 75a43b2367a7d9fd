// sovsim's PHOLD against the bare-loop baseline, side by side in one process, for the reference
// configurations C1-C3 (about 10 million events each). Runs are interleaved (bare, sovsim, bare,
// sovsim, ...) so that a busy neighbour slows both alike, and the best of each is compared.
//   build/tests/bench/bench_phold [repetitions] [configuration 1-3, default all]
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "bare_phold.h"
#include "models/phold.h"

namespace {

models::PholdConfig reference(int which) {
  models::PholdConfig c;
  c.mean = 1.0;
  c.lookahead = 0.1;
  switch (which) {
    case 1:
      c.lps = 1024, c.population = 1, c.remote = 0.1, c.end = 9766;
      break;
    case 2:
      c.lps = 1024, c.population = 16, c.remote = 0.5, c.end = 610;
      break;
    default:
      c.lps = 16384, c.population = 16, c.remote = 0.5, c.end = 38;
      break;
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  std::printf("%-4s %12s %14s %14s %7s\n", "cfg", "events", "bare ev/s", "sovsim ev/s", "ratio");
  const int only = argc > 2 ? std::atoi(argv[2]) : 0;
  for (int which = 1; which <= 3; ++which) {
    if (only != 0 && which != only) continue;
    const models::PholdConfig c = reference(which);
    double best_bare = 1e300, best_sovsim = 1e300;
    std::uint64_t events = 0;
    for (int r = 0; r < repetitions; ++r) {
      const models::PholdResult bare = bench::run_bare_phold(c);
      const models::PholdResult ours = models::run_phold(c);
      if (bare.events != ours.events || bare.checksum != ours.checksum) {
        std::fprintf(stderr, "C%d: the engine and the baseline disagree (%llu vs %llu events)\n", which,
                     static_cast<unsigned long long>(ours.events),
                     static_cast<unsigned long long>(bare.events));
        return 1;
      }
      events = ours.events;
      best_bare = std::min(best_bare, bare.seconds);
      best_sovsim = std::min(best_sovsim, ours.seconds);
    }
    const double bare_rate = static_cast<double>(events) / best_bare;
    const double ours_rate = static_cast<double>(events) / best_sovsim;
    std::printf("C%-3d %12llu %14.0f %14.0f %7.3f\n", which, static_cast<unsigned long long>(events),
                bare_rate, ours_rate, ours_rate / bare_rate);
  }
  return 0;
}
