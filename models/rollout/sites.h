#pragma once
// Sites, halls and land: construction starts, the land cap, and housing arrived units.
//
// A hall is built once: Existing halls are ready at the start; Planned halls start on their
// planned date; OnDemand halls start when demand calls for them (see start_on_demand_halls).
// Starting a hall takes its land for good; a hall whose land is not available when it should
// start is LandBlocked (Planned) or not started (OnDemand). The ready date is the start plus the
// critical path of the hall's construction task graph (construction.h), with durations drawn
// from stream "construction"(site name, hall name, task name).
//
// Housing: units in the warehouse, first come first served, take room (racks and IT capacity)
// in the first ready hall with the right cooling that has room for them; a unit that finds none
// waits as waiting_construction if a hall that could take it is being built or could still be
// started on free land, otherwise as waiting_land.

#include <cstddef>

#include "models/rollout/world.h"

namespace models::rollout {

// Existing halls ready and their land taken; planned halls' start events scheduled.
void initialise_halls(World& w);
void on_hall_start(World& w, std::size_t hall);
void on_hall_ready(World& w, std::size_t hall);

// Adds (or, with sign -1, removes) committed units to the site's demand for on-demand halls.
void add_demand(World& w, std::size_t order, std::int64_t units, int sign);

// Houses what it can of the site's warehouse, starts on-demand halls that demand calls for, and
// classifies what still waits (construction or land).
void place_units(World& w, std::size_t site);

// A retired unit's room in its hall becomes free.
void free_room(World& w, std::size_t unit);

}  // namespace models::rollout
