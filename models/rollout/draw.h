#pragma once
// Drawing scenario distributions, and the stable entity ids that key random streams.

#include <cstdint>
#include <string_view>

#include "models/scenario.h"
#include "sim/random.h"
#include "sim/time.h"

namespace models::rollout {

// One value of `d`, never negative (durations and sizes). A Fixed distribution consumes no random
// number. Each random quantity of each entity draws from a stream of its own (docs/model.md §12),
// so how many numbers one draw consumes never shifts another quantity's draws.
double draw(const Distribution& d, sim::RandomStream& r);
// As draw(), in whole ticks (rounded to the nearest second).
sim::Ticks draw_ticks(const Distribution& d, sim::RandomStream& r);
// As draw_ticks() from `family`'s stream of `entity`, made only when `d` draws (a Fixed one does
// not): the shipped scenarios' repair times are fixed, and making their two streams per failure
// was 2 % of a korea-2026 sweep run.
sim::Ticks draw_ticks(const Distribution& d, const sim::StreamFamily& family, std::uint64_t entity);

// A stream entity id from a name (and an optional sub-index): 64-bit FNV-1a of the bytes, mixed
// with `sub`. Streams are keyed by names, not list positions, so inserting a site, order or hold
// anywhere in the scenario never changes the draws of the others.
std::uint64_t entity_id(std::string_view name, std::uint64_t sub = 0);
std::uint64_t entity_id(std::string_view a, std::string_view b);
// The id of a part or an occurrence of an entity: review `index` of a connection, unit `index` of
// a shipment, failure candidate `index` of a site. Distinct indices give unrelated ids.
std::uint64_t sub_entity(std::uint64_t entity, std::uint64_t index);

}  // namespace models::rollout
