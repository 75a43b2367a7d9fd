#pragma once
// Installation: housed units wait for power, then for a crew; crews install at a finite rate;
// burn-in follows.
//
//   admission   first come first served: the unit at the head of the site's waiting_power
//               queue is admitted when the site's committed facility power plus its own stays
//               within the site's supply (grid allocation + on-site generation).
//   crews       install_crews crews per site, each taking 1 / units_per_crew_day days per unit;
//               units are taken in admission order.
//   burn-in     Site::burn_in_days (stream "burn_in"(unit, burn-in number)); no crew. A unit
//               whose order has `service_opens` stays in burn-in until that date if it is later.
// Units installed at the scenario start skip the crew and burn-in once admitted.
// If a site's supply falls below its committed load (a negative reinforcement, or a new firm
// load elsewhere after capacity fell), the most recently admitted units are de-energised back
// to waiting_power until the rest fits: see curtail().

#include <cstddef>

#include "models/rollout/world.h"

namespace models::rollout {

void admit_units(World& w, std::size_t site);
// Adds (sign +1) or removes (-1) the unit's power from its site's committed load.
void commit_power(World& w, std::size_t unit, int sign);
void dispatch_crews(World& w, std::size_t site);
void on_install_done(World& w, std::size_t unit);
void on_burn_in_done(World& w, std::size_t unit);
// De-energises the latest admitted units until committed <= supply.
void curtail(World& w, std::size_t site, Milliwatts supply);

}  // namespace models::rollout
