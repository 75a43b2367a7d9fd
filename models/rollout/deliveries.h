#pragma once
// Deliveries: from the supplier's allocation schedule, through transit and customs, to the
// site's warehouse; export-licence holds as dated shocks.
//
// A shipment (order line) is released by the supplier on its schedule date. If an active
// export-licence hold covering the order's buyer is in force on that date, the shipment is held
// until the hold ends (and again if another active hold covers that instant). It then spends a
// transit time (Logistics::transit_days, drawn per shipment) in transit and customs and arrives
// at the site's warehouse as one lot.
//
// Each hold is active in a run with its probability; its duration is drawn once. Draws:
//   "export_hold.active"(hold name):            Bernoulli(probability)
//   "export_hold.duration"(hold name):          the duration (drawn whether or not active)
//   "transit"(order name, shipment position):   the shipment's transit time
// Planning is a pure function of the scenario and the streams, done once at the start.

#include <cstdint>
#include <vector>

#include "models/rollout/catalogue.h"
#include "sim/simulation.h"

namespace models::rollout {

struct HoldWindow {
  bool active = false;
  sim::Ticks start = 0;
  sim::Ticks end = 0;               // exclusive
  std::vector<std::size_t> buyers;  // empty: every buyer
};

struct ShipmentPlan {
  std::size_t order = 0;
  std::int64_t units = 0;
  bool preinstalled = false;  // the order's units installed at the scenario start
  sim::Ticks commit = 0;      // when the units count as demand for on-demand halls
  sim::Ticks release = 0;     // supplier release (may precede tick 0)
  sim::Ticks held_until = 0;  // == release when not held
  sim::Ticks arrival = 0;     // at the site's warehouse
  // (order name, position in its schedule; the schedule's length for the preinstalled lot): the
  // entity of its units' random streams, whatever happens to other orders and shipments.
  std::uint64_t stream_entity = 0;
};

std::vector<HoldWindow> draw_hold_windows(const Catalogue& catalogue, const sim::Simulation& sim);
// One plan per shipment, orders in scenario order, each order's schedule in order, followed by
// one preinstalled lot per order with installed_at_start > 0 (released and arrived at tick 0).
std::vector<ShipmentPlan> plan_shipments(const Catalogue& catalogue, const std::vector<HoldWindow>& holds,
                                         const sim::Simulation& sim);

}  // namespace models::rollout
