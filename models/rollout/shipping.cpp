#include "models/rollout/shipping.h"

#include <algorithm>

#include "models/rollout/sites.h"

namespace models::rollout {

namespace {
std::int64_t gpus_of(const World& w, const ShipmentPlan& p) {
  return p.units * w.catalogue.products[w.catalogue.orders[p.order].product].gpus_per_unit;
}
}  // namespace

void initialise_shipping(World& w) {
  w.holds = draw_hold_windows(w.catalogue, w.sim);
  w.shipments = plan_shipments(w.catalogue, w.holds, w.sim);
  const sim::Ticks horizon = w.catalogue.horizon();
  auto at = [](sim::Ticks t) { return std::max<sim::Ticks>(0, t); };
  for (std::size_t k = 0; k < w.shipments.size(); ++k) {
    const ShipmentPlan& p = w.shipments[k];
    if (at(p.commit) <= horizon) w.schedule(at(p.commit), Event::Commit, k);
    if (at(p.release) <= horizon) w.schedule(at(p.release), Event::Release, k);
  }
}

void on_commit(World& w, std::size_t k) {
  const ShipmentPlan& p = w.shipments[k];
  add_demand(w, p.order, p.units, +1);
}

void on_release(World& w, std::size_t k) {
  const ShipmentPlan& p = w.shipments[k];
  const OrderSpec& o = w.catalogue.orders[p.order];
  const bool held = p.held_until > std::max<sim::Ticks>(p.release, w.now());
  w.accounting.move(o.site, o.buyer, GpuState::OnOrder, held ? GpuState::Held : GpuState::InTransit,
                    gpus_of(w, p), w.now());
  const sim::Ticks horizon = w.catalogue.horizon();
  if (held) {
    if (p.held_until <= horizon) w.schedule(p.held_until, Event::HoldEnd, k);
  } else if (std::max(p.arrival, w.now()) <= horizon) {
    w.schedule(std::max(p.arrival, w.now()), Event::Arrive, k);
  }
}

void on_hold_end(World& w, std::size_t k) {
  const ShipmentPlan& p = w.shipments[k];
  const OrderSpec& o = w.catalogue.orders[p.order];
  w.accounting.move(o.site, o.buyer, GpuState::Held, GpuState::InTransit, gpus_of(w, p), w.now());
  if (p.arrival <= w.catalogue.horizon()) w.schedule(p.arrival, Event::Arrive, k);
}

void on_arrive(World& w, std::size_t k) {
  const ShipmentPlan& p = w.shipments[k];
  const OrderSpec& o = w.catalogue.orders[p.order];
  w.accounting.move(o.site, o.buyer, GpuState::InTransit, GpuState::WaitingConstruction, gpus_of(w, p),
                    w.now());
  w.sites[o.site].warehouse.push_back(
      {p.order, p.units, GpuState::WaitingConstruction, p.preinstalled, p.stream_entity, 0});
  w.touch(o.site);
}

}  // namespace models::rollout
