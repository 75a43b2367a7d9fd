#pragma once
// PHOLD, the standard synthetic model for comparing discrete-event engines, with the semantics of
// ROSS's phold: N logical processes (LPs) each start with P events at L + Exp(M - L); an event at
// LP i draws u ~ U(0,1) and sends its successor to an LP drawn uniformly from all N (i included)
// when u <= R, else to i itself, at now + L + Exp(M - L). It runs on the same engine, handles and
// random streams as the rollout model.
//
// PHOLD time is continuous; the engine's is integer ticks. One PHOLD time unit is mapped to
// kTicksPerUnit ticks (2^20, about a microsecond resolution at unit mean), and each delay is
// rounded to the nearest tick, never below one.

#include <cstdint>
#include <vector>

#include "sim/simulation.h"

namespace models {

struct PholdConfig {
  std::uint32_t lps = 1024;
  std::uint32_t population = 1;
  double remote = 0.1;     // R: probability that an event goes to a random LP
  double mean = 1.0;       // M: mean delay, in PHOLD time units
  double lookahead = 0.1;  // L: minimum delay
  double end = 1000.0;     // T: stop when the next event's time exceeds it
  std::uint64_t seed = 1;
};

struct PholdResult {
  std::uint64_t events = 0;
  double seconds = 0.0;        // wall time of the event loop alone
  std::uint64_t checksum = 0;  // order-sensitive digest of (time, LP) of every event fired
};

class Phold : public sim::EventTarget {
 public:
  static constexpr sim::Ticks kTicksPerUnit = sim::Ticks{1} << 20;

  Phold(sim::Simulation& sim, const PholdConfig& config);
  void on_event(sim::Simulation& sim, std::uint64_t lp) override;
  std::uint64_t checksum() const { return checksum_; }

 private:
  sim::Ticks draw_delay(sim::RandomStream& stream);

  PholdConfig config_;
  sim::TargetId id_;
  std::vector<sim::RandomStream> streams_;  // one per LP
  double exp_mean_ticks_;
  sim::Ticks lookahead_ticks_;
  std::uint64_t checksum_ = 0;
};

// Builds and runs one PHOLD simulation; timing covers the event loop only.
PholdResult run_phold(const PholdConfig& config);

}  // namespace models
