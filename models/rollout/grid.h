#pragma once
// Power at the sites: connection energisation (in tranches), substations, reinforcements,
// outages, background load, on-site generation, and the allocation of grid power
// (power_network.h), re-solved at the end of every instant in which a load or a capacity
// changed, never on a timer.
//
// The network's loads are the sites' connections (each at its own place in the queue) and each
// zone's background load. Under PowerReservation::Contracted a connection requests its whole
// energised capacity and keeps, as firm, what it was granted before (a contract is never taken
// back); under Housed the site's request (the facility power reserved, IT peak x PUE x
// power_provisioning, of every unit it houses, less on-site generation) is split over its
// energised connections in queue order, and its firm part is that of admitted units. Firm load
// is curtailed only by an outage. Energy uses the average draw (accounting.h).

#include <cstddef>

#include "models/rollout/world.h"

namespace models::rollout {

// Schedules energisations, substations, reinforcements, outages, background load steps and
// on-site generation, and sets the initial capacities.
void initialise_grid(World& w);
void on_energise(World& w, std::size_t energisation);
void on_substation_online(World& w, std::size_t substation);
void on_reinforce(World& w, std::size_t reinforcement);
void on_outage(World& w, std::size_t outage, bool starts);
void on_background_step(World& w, std::size_t step);
void on_generation_online(World& w, std::size_t generation);
// Re-solves the allocation; curtails sites whose supply fell below their committed load.
void solve_power(World& w);

// Per substation, summed over the connections it feeds: their energised capacity and the grid
// power allocated to them in the current solve.
std::vector<Milliwatts> substation_contracted(const World& w);
std::vector<Milliwatts> substation_allocated(const World& w);
// A substation's limit after its N-1 margin once energised, 0 before (planning value, outages
// not deducted).
Milliwatts substation_limit(const World& w, std::size_t substation);

}  // namespace models::rollout
