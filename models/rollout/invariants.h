#pragma once
// The invariant checker (`sovsim run --check`, always on in the tests). At every sample it
// verifies:
//   conservation     per site, the GPUs in the eleven states sum to the GPUs ordered; no count < 0
//   zone_headroom    power drawn from each zone's headroom <= the headroom (and >= 0)
//   corridor_limit   |net flow| on each corridor <= its limit
//   connection       grid power allocated to a site <= its energised connection capacity
//   facility_power   a site's reserved facility power <= power allocated (grid + on-site)
//   land             land used <= land, per site
//   monotone         cumulative counters (energy, grid energy, emissions, cost, GPUs that entered
//                    service, retired GPUs, halls ready) never decrease
//   finite           every recorded value is finite (no NaN or inf)
// A violation throws InvariantViolation, whose message names the invariant, the site, zone or
// corridor, the simulated date and the values involved.

#include <stdexcept>
#include <string>
#include <vector>

#include "models/rollout/snapshot.h"
#include "sim/time.h"

namespace models::rollout {

class InvariantViolation : public std::runtime_error {
 public:
  InvariantViolation(std::string invariant, const std::string& message)
      : std::runtime_error(message), invariant_(std::move(invariant)) {}
  const std::string& invariant() const { return invariant_; }

 private:
  std::string invariant_;
};

class InvariantChecker {
 public:
  explicit InvariantChecker(sim::Calendar calendar) : calendar_(calendar) {}
  // Throws InvariantViolation at the first violated invariant.
  void check(const Snapshot& s);

 private:
  [[noreturn]] void fail(const std::string& invariant, const std::string& what, const Snapshot& s,
                         const std::string& values) const;

  sim::Calendar calendar_;
  std::vector<SiteSample> previous_;
};

}  // namespace models::rollout
