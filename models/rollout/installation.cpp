#include "models/rollout/installation.h"

#include <algorithm>

#include "models/rollout/draw.h"
#include "models/rollout/operations.h"

namespace models::rollout {

namespace {

// Drops stale entries (units that moved on since they were queued) from the front of `queue`;
// the live front entry, or nullptr when the queue is empty.
const QueueEntry* live_front(const World& w, std::deque<QueueEntry>& queue, UnitPhase phase) {
  while (!queue.empty()) {
    const Unit& u = w.units[queue.front().unit];
    if (u.generation == queue.front().generation && u.phase == phase) return &queue.front();
    queue.pop_front();
  }
  return nullptr;
}

void set_phase(Unit& u, UnitPhase phase) {
  u.phase = phase;
  ++u.generation;
}

}  // namespace

void commit_power(World& w, std::size_t unit, int sign) {
  const Unit& u = w.units[unit];
  const Cohort& c = w.cohorts[u.cohort];
  SiteState& s = w.sites[c.site];
  s.committed += sign * u.facility;
  ++w.site_fields_changes;
  s.committed_it += sign * w.catalogue.products[w.catalogue.orders[c.order].product].it_peak_per_unit;
  w.national_committed += sign * u.facility;
  w.national_committed_physical += sign * c.facility_peak_per_unit;
  w.accounting.note_facility_power(w.national_committed, w.national_committed_physical);
}

void admit_units(World& w, std::size_t site) {
  SiteState& s = w.sites[site];
  const Milliwatts supply = s.grid_allocation + w.accounting.firm_generation(site);
  while (const QueueEntry* front = live_front(w, s.waiting_power, UnitPhase::WaitingPower)) {
    const QueueEntry e = *front;
    Unit& u = w.units[e.unit];
    if (s.committed + u.facility > supply) break;
    s.waiting_power.pop_front();
    const Cohort& c = w.cohorts[u.cohort];
    commit_power(w, e.unit, +1);
    set_phase(u, UnitPhase::WaitingCrew);
    ++u.admission;
    s.waiting_crew.push_back({e.unit, u.generation});
    s.admitted.push_back({e.unit, u.admission});
    w.accounting.move(site, c.buyer, GpuState::WaitingPower, GpuState::WaitingCrew, c.gpus_per_unit, w.now());
  }
}

void dispatch_crews(World& w, std::size_t site) {
  SiteState& s = w.sites[site];
  while (const QueueEntry* front = live_front(w, s.waiting_crew, UnitPhase::WaitingCrew)) {
    const QueueEntry e = *front;
    Unit& u = w.units[e.unit];
    if (u.preinstalled) {
      s.waiting_crew.pop_front();
      start_service(w, e.unit, GpuState::WaitingCrew);
      continue;
    }
    if (s.crews_free <= 0) break;
    s.waiting_crew.pop_front();
    --s.crews_free;
    set_phase(u, UnitPhase::Installing);
    const Cohort& c = w.cohorts[u.cohort];
    w.accounting.move(site, c.buyer, GpuState::WaitingCrew, GpuState::Installing, c.gpus_per_unit, w.now());
    u.event =
        w.schedule(w.now() + w.catalogue.sites[site].install_ticks_per_unit, Event::InstallDone, e.unit);
  }
}

void on_install_done(World& w, std::size_t unit) {
  Unit& u = w.units[unit];
  const std::size_t site = w.cohorts[u.cohort].site;
  ++w.sites[site].crews_free;
  w.touch(site);
  set_phase(u, UnitPhase::BurnIn);
  w.cohorts[u.cohort].burn_in += w.cohorts[u.cohort].gpus_per_unit;
  update_draw(w, site);
  // Keyed by the unit and its burn-in count, not by completion order at the site: a unit keeps
  // its burn-in time when other units finish installing earlier or later.
  sim::RandomStream stream = w.sim.stream("burn_in", sub_entity(u.stream_entity, u.burn_ins++));
  const sim::Ticks burn_in = draw_ticks(w.catalogue.scenario().sites[site].burn_in_days, stream);
  // The draw is made whatever the order's service date, so that date never shifts other draws.
  const sim::Ticks in_service =
      std::max(w.now() + burn_in, w.catalogue.orders[w.cohorts[u.cohort].order].service_opens);
  if (in_service <= w.now()) {
    start_service(w, unit, GpuState::Installing);
  } else {
    u.event = w.schedule(in_service, Event::BurnInDone, unit);
  }
}

void on_burn_in_done(World& w, std::size_t unit) { start_service(w, unit, GpuState::Installing); }

void curtail(World& w, std::size_t site, Milliwatts supply) {
  SiteState& s = w.sites[site];
  while (s.committed > supply && !s.admitted.empty()) {
    const QueueEntry e = s.admitted.back();
    s.admitted.pop_back();
    Unit& u = w.units[e.unit];
    if (u.admission != e.generation || u.phase == UnitPhase::WaitingPower || u.phase == UnitPhase::Retired)
      continue;
    const Cohort& c = w.cohorts[u.cohort];
    switch (u.phase) {
      case UnitPhase::WaitingCrew:
        w.accounting.move(site, c.buyer, GpuState::WaitingCrew, GpuState::WaitingPower, c.gpus_per_unit,
                          w.now());
        break;
      case UnitPhase::Installing:
      case UnitPhase::BurnIn:
        w.sim.cancel(u.event);
        if (u.phase == UnitPhase::Installing) {
          ++s.crews_free;
        } else {
          w.cohorts[u.cohort].burn_in -= c.gpus_per_unit;
          update_draw(w, site);
        }
        w.accounting.move(site, c.buyer, GpuState::Installing, GpuState::WaitingPower, c.gpus_per_unit,
                          w.now());
        break;
      case UnitPhase::Operational:
        w.sim.cancel(u.event);
        stop_service(w, e.unit, GpuState::WaitingPower);
        break;
      default:
        break;
    }
    commit_power(w, e.unit, -1);
    set_phase(u, UnitPhase::WaitingPower);
    s.waiting_power.push_front({e.unit, u.generation});
    w.touch(site);
  }
}

}  // namespace models::rollout
