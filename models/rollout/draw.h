#pragma once
// Drawing scenario distributions, and the stable entity ids that key random streams.

#include <cstdint>
#include <string_view>

#include "models/scenario.h"
#include "sim/random.h"
#include "sim/time.h"

namespace models::rollout {

// One value of `d`, never negative (durations and sizes). A Fixed distribution consumes no
// random number, so making one quantity stochastic never shifts the draws of a fixed one that
// shares its stream only if it is drawn later; streams are per component and entity for this.
double draw(const Distribution& d, sim::RandomStream& r);
// As draw(), in whole ticks (rounded to the nearest second).
sim::Ticks draw_ticks(const Distribution& d, sim::RandomStream& r);

// A stream entity id from a name (and an optional sub-index): 64-bit FNV-1a of the bytes, mixed
// with `sub`. Streams are keyed by names, not list positions, so inserting a site, order or hold
// anywhere in the scenario never changes the draws of the others.
std::uint64_t entity_id(std::string_view name, std::uint64_t sub = 0);
std::uint64_t entity_id(std::string_view a, std::string_view b);

}  // namespace models::rollout
