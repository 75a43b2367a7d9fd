#pragma once
// Power at the sites: connection energisation, reinforcements, on-site generation, and the
// allocation of grid power (power_network.h), re-solved at the end of every instant in which a
// load or a capacity changed, never on a timer.
//
// A site's request to the grid is the facility power reserved (IT peak x the hall's PUE x
// power_provisioning) for every unit it houses, admitted or waiting for power, less its available
// on-site generation; its firm load is the same for admitted units only. Allocation is against
// the reservation (the planning convention); energy uses the average draw (accounting.h).

#include <cstddef>

#include "models/rollout/world.h"

namespace models::rollout {

// Schedules energisations, reinforcements and on-site generation.
void initialise_grid(World& w);
void on_energise(World& w, std::size_t connection);
void on_reinforce(World& w, std::size_t reinforcement);
void on_generation_online(World& w, std::size_t generation);
// Re-solves the allocation; curtails sites whose supply fell below their committed load.
void solve_power(World& w);

}  // namespace models::rollout
