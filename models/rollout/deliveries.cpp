#include "models/rollout/deliveries.h"

#include <algorithm>

#include "models/rollout/draw.h"

namespace models::rollout {

std::vector<HoldWindow> draw_hold_windows(const Catalogue& c, const sim::Simulation& sim) {
  std::vector<HoldWindow> windows;
  for (const ExportHold& h : c.scenario().export_holds) {
    const std::uint64_t id = entity_id(h.name);
    sim::RandomStream happens = sim.stream("export_hold.active", id);
    sim::RandomStream duration = sim.stream("export_hold.duration", id);
    HoldWindow w;
    w.active = sim::draw_bernoulli(happens, h.probability);
    w.start = c.to_ticks(h.start);
    w.end = w.start + draw_ticks(h.duration_days, duration);
    for (const std::string& b : h.buyers) w.buyers.push_back(static_cast<std::size_t>(c.buyer_index(b)));
    windows.push_back(std::move(w));
  }
  return windows;
}

namespace {

bool covers(const HoldWindow& w, std::size_t buyer, sim::Ticks t) {
  if (!w.active || t < w.start || t >= w.end) return false;
  return w.buyers.empty() || std::find(w.buyers.begin(), w.buyers.end(), buyer) != w.buyers.end();
}

// The first instant >= t at which no active hold covers the buyer.
sim::Ticks hold_release(const std::vector<HoldWindow>& holds, std::size_t buyer, sim::Ticks t) {
  for (bool moved = true; moved;) {
    moved = false;
    for (const HoldWindow& w : holds) {
      if (covers(w, buyer, t)) t = w.end, moved = true;
    }
  }
  return t;
}

}  // namespace

std::vector<ShipmentPlan> plan_shipments(const Catalogue& c, const std::vector<HoldWindow>& holds,
                                         const sim::Simulation& sim) {
  const Scenario& s = c.scenario();
  const sim::Ticks lead = sim::ticks_from_days(std::max(0.0, s.on_demand_lead_days));
  std::vector<ShipmentPlan> plans;
  for (std::size_t o = 0; o < s.orders.size(); ++o) {
    const Order& order = s.orders[o];
    const std::uint64_t order_id = entity_id(order.name);
    for (std::size_t position = 0; position < order.schedule.size(); ++position) {
      const Shipment& sh = order.schedule[position];
      sim::RandomStream transit = sim.stream("transit", sub_entity(order_id, position));
      ShipmentPlan p;
      p.stream_entity = sub_entity(order_id, position);
      p.order = o;
      p.units = sh.units;
      p.release = c.to_ticks(sh.date);
      p.commit = p.release - lead;
      p.held_until = hold_release(holds, c.orders[o].buyer, p.release);
      p.arrival = p.held_until + draw_ticks(s.logistics.transit_days, transit);
      plans.push_back(p);
    }
  }
  for (std::size_t o = 0; o < s.orders.size(); ++o) {
    if (s.orders[o].installed_at_start <= 0) continue;
    ShipmentPlan p;
    p.order = o;
    p.units = s.orders[o].installed_at_start;
    p.preinstalled = true;
    p.stream_entity = sub_entity(entity_id(s.orders[o].name), s.orders[o].schedule.size());
    plans.push_back(p);
  }
  return plans;
}

}  // namespace models::rollout
