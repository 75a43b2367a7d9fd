#pragma once
// The delivery events of a run (plans from deliveries.h): commit, release, hold end, arrival.

#include <cstddef>

#include "models/rollout/world.h"

namespace models::rollout {

// Plans every shipment and schedules its events.
void initialise_shipping(World& w);
void on_commit(World& w, std::size_t shipment);
void on_release(World& w, std::size_t shipment);
void on_hold_end(World& w, std::size_t shipment);
void on_arrive(World& w, std::size_t shipment);

}  // namespace models::rollout
