#include "models/rollout/sites.h"

#include <algorithm>

#include "models/rollout/draw.h"

namespace models::rollout {

namespace {

std::size_t cooling_slot(Cooling c) { return c == Cooling::Air ? 0 : 1; }

// Starts construction of `hall` now, as if begun at `begun` (earlier for halls planned before
// the scenario start). Takes its land; false (and no change) if the land is not free.
bool start_hall(World& w, std::size_t hall, sim::Ticks begun) {
  const HallSpec& spec = w.catalogue.halls[hall];
  SiteState& site = w.sites[spec.site];
  if (site.land_used + spec.land > w.catalogue.sites[spec.site].land) return false;
  site.land_used += spec.land;
  const TaskGraph& graph = w.task_graphs[static_cast<std::size_t>(spec.construction_template)];
  const sim::Ticks ready = begun + graph.critical_path(graph.draw_durations(w.sim, spec.stream_entity));
  HallState& state = w.halls[hall];
  state.phase = HallPhase::Building;
  state.ready_at = std::max(ready, w.now());
  w.schedule(state.ready_at, Event::HallReady, hall);
  w.touch(spec.site);
  return true;
}

bool hall_fits_unit(const HallSpec& h, const ProductSpec& p) {
  return h.hall->cooling == p.cooling && h.racks >= p.racks_per_unit && h.it_capacity >= p.it_peak_per_unit;
}

bool has_room(const World& w, std::size_t hall, const ProductSpec& p) {
  const HallSpec& h = w.catalogue.halls[hall];
  const HallState& s = w.halls[hall];
  return s.phase == HallPhase::Ready && h.hall->cooling == p.cooling &&
         s.racks_used + p.racks_per_unit <= h.racks && s.it_used + p.it_peak_per_unit <= h.it_capacity;
}

// Could room for a unit of `p` still appear at the site without more land than is free?
bool room_can_come(const World& w, std::size_t site, const ProductSpec& p) {
  const MicroHectares free_land = w.catalogue.sites[site].land - w.sites[site].land_used;
  for (const std::size_t hall : w.catalogue.sites[site].halls) {
    const HallSpec& h = w.catalogue.halls[hall];
    if (!hall_fits_unit(h, p)) continue;
    const HallPhase phase = w.halls[hall].phase;
    if (phase == HallPhase::Building || (phase == HallPhase::NotStarted && h.land <= free_land)) return true;
  }
  return false;
}

void house(World& w, std::size_t site, std::size_t hall, Lot& lot) {
  const OrderSpec& order = w.catalogue.orders[lot.order];
  const ProductSpec& p = w.catalogue.products[order.product];
  const HallSpec& h = w.catalogue.halls[hall];
  HallState& hs = w.halls[hall];
  hs.racks_used += p.racks_per_unit;
  hs.it_used += p.it_peak_per_unit;
  Unit u;
  u.cohort = static_cast<std::uint32_t>(w.cohort_for(hall, lot.order));
  u.preinstalled = lot.preinstalled;
  u.stream_entity = sub_entity(lot.stream_entity, static_cast<std::uint64_t>(lot.housed++));
  u.facility =
      to_milliwatts(p.it_mw_per_unit * h.hall->pue * w.catalogue.scenario().operations.power_provisioning);
  const auto id = static_cast<std::uint32_t>(w.units.size());
  w.units.push_back(u);
  SiteState& s = w.sites[site];
  s.placed += u.facility;
  s.waiting_power.push_back({id, u.generation});
  w.accounting.move(site, order.buyer, lot.reason, GpuState::WaitingPower, p.gpus_per_unit, w.now());
  --lot.units;
  w.mark_power_dirty();
}

// Starts the site's next on-demand halls while committed demand of a cooling type exceeds the
// capacity of its started halls, or units of that cooling wait with no hall of it being built.
void start_on_demand_halls(World& w, std::size_t site, const std::array<bool, 2>& unhoused) {
  const SiteSpec& spec = w.catalogue.sites[site];
  SiteState& s = w.sites[site];
  for (std::size_t c = 0; c < 2; ++c) {
    for (;;) {
      MicroRacks racks = 0;
      Milliwatts it = 0;
      bool building = false;
      for (const std::size_t hall : spec.halls) {
        const HallSpec& h = w.catalogue.halls[hall];
        const HallPhase phase = w.halls[hall].phase;
        if (cooling_slot(h.hall->cooling) != c || phase == HallPhase::NotStarted ||
            phase == HallPhase::LandBlocked) {
          continue;
        }
        racks += h.racks;
        it += h.it_capacity;
        building = building || phase == HallPhase::Building;
      }
      const bool short_of_room = s.demand_racks[c] > racks || s.demand_it[c] > it;
      if (!short_of_room && !(unhoused[c] && !building)) break;
      bool started = false;
      for (const std::size_t hall : spec.halls) {
        const HallSpec& h = w.catalogue.halls[hall];
        if (h.hall->start == HallStart::OnDemand && cooling_slot(h.hall->cooling) == c &&
            w.halls[hall].phase == HallPhase::NotStarted && start_hall(w, hall, w.now())) {
          started = true;
          break;
        }
      }
      if (!started) break;
    }
  }
}

}  // namespace

void initialise_halls(World& w) {
  for (std::size_t hall = 0; hall < w.catalogue.halls.size(); ++hall) {
    const HallSpec& h = w.catalogue.halls[hall];
    switch (h.hall->start) {
      case HallStart::Existing:
        w.halls[hall].phase = HallPhase::Ready;
        w.sites[h.site].land_used += h.land;
        ++w.sites[h.site].halls_ready;
        ++w.site_fields_changes;
        break;
      case HallStart::Planned:
        w.schedule(std::max<sim::Ticks>(0, w.catalogue.to_ticks(*h.hall->planned_start)), Event::HallStart,
                   hall);
        break;
      case HallStart::OnDemand:
        break;
    }
  }
}

void on_hall_start(World& w, std::size_t hall) {
  const HallSpec& h = w.catalogue.halls[hall];
  if (w.halls[hall].phase != HallPhase::NotStarted) return;
  if (!start_hall(w, hall, w.catalogue.to_ticks(*h.hall->planned_start))) {
    w.halls[hall].phase = HallPhase::LandBlocked;
    w.touch(h.site);
  }
}

void on_hall_ready(World& w, std::size_t hall) {
  w.halls[hall].phase = HallPhase::Ready;
  const std::size_t site = w.catalogue.halls[hall].site;
  ++w.sites[site].halls_ready;
  ++w.site_fields_changes;
  w.touch(site);
}

void add_demand(World& w, std::size_t order, std::int64_t units, int sign) {
  const OrderSpec& o = w.catalogue.orders[order];
  const ProductSpec& p = w.catalogue.products[o.product];
  SiteState& s = w.sites[o.site];
  const std::size_t c = cooling_slot(p.cooling);
  s.demand_racks[c] += sign * units * p.racks_per_unit;
  s.demand_it[c] += sign * units * p.it_peak_per_unit;
  if (sign > 0) w.touch(o.site);
}

void place_units(World& w, std::size_t site) {
  SiteState& s = w.sites[site];
  const SiteSpec& spec = w.catalogue.sites[site];
  std::array<bool, 2> unhoused{false, false};
  std::vector<char> blocked(w.catalogue.products.size(), 0);
  for (Lot& lot : s.warehouse) {
    const std::size_t product = w.catalogue.orders[lot.order].product;
    const ProductSpec& p = w.catalogue.products[product];
    while (lot.units > 0 && !blocked[product]) {
      const auto hall = std::find_if(spec.halls.begin(), spec.halls.end(),
                                     [&](std::size_t h) { return has_room(w, h, p); });
      if (hall == spec.halls.end()) {
        blocked[product] = 1;
      } else {
        house(w, site, *hall, lot);
      }
    }
    if (lot.units > 0) unhoused[cooling_slot(p.cooling)] = true;
  }
  start_on_demand_halls(w, site, unhoused);
  for (Lot& lot : s.warehouse) {
    if (lot.units == 0) continue;
    const OrderSpec& o = w.catalogue.orders[lot.order];
    const ProductSpec& p = w.catalogue.products[o.product];
    const GpuState reason = room_can_come(w, site, p) ? GpuState::WaitingConstruction : GpuState::WaitingLand;
    if (reason != lot.reason) {
      w.accounting.move(site, o.buyer, lot.reason, reason, lot.units * p.gpus_per_unit, w.now());
      lot.reason = reason;
    }
  }
  std::erase_if(s.warehouse, [](const Lot& lot) { return lot.units == 0; });
}

void free_room(World& w, std::size_t unit) {
  const Unit& u = w.units[unit];
  const Cohort& c = w.cohorts[u.cohort];
  const ProductSpec& p = w.catalogue.products[w.catalogue.orders[c.order].product];
  HallState& hs = w.halls[c.hall];
  hs.racks_used -= p.racks_per_unit;
  hs.it_used -= p.it_peak_per_unit;
  w.sites[c.site].placed -= u.facility;
  add_demand(w, c.order, 1, -1);
  w.touch(c.site);
  w.mark_power_dirty();
}

}  // namespace models::rollout
