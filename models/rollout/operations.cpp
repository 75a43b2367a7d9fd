#include "models/rollout/operations.h"

#include <algorithm>
#include <cmath>

#include "models/rollout/draw.h"
#include "models/rollout/installation.h"
#include "models/rollout/sites.h"

namespace models::rollout {

namespace {

const FailureClass& default_failure_class() {
  static const FailureClass kDefault{"any", 1.0};
  return kDefault;
}

}  // namespace

void update_draw(World& w, std::size_t site) {
  Milliwatts draw = 0;
  for (const std::size_t c : w.sites[site].cohorts) {
    draw += (w.cohorts[c].operational + w.cohorts[c].burn_in) * w.cohorts[c].draw_per_gpu;
  }
  w.accounting.set_draw(site, draw, w.now());
}

namespace {

// Candidate n of a site: the entity of its gap, acceptance, GPU, class, replacement and repair
// streams, each its own, so that a candidate accepted in one variant and rejected in another, or a
// repair of another kind, never shifts a later candidate's draws.
std::uint64_t candidate_entity(const World& w, std::size_t site, std::uint64_t n) {
  return sub_entity(w.catalogue.sites[site].stream_entity, n);
}

void schedule_candidate(World& w, std::size_t site) {
  const double rate_per_day = w.catalogue.scenario().operations.failures_per_gpu_day *
                              static_cast<double>(w.catalogue.sites[site].gpus_ordered);
  if (!(rate_per_day > 0)) return;
  const std::uint64_t candidate = w.sites[site].failure_candidates++;
  // Each of a candidate's streams but the repair times' gives one draw: its first word.
  const double gap_days =
      sim::exponential_at(sim::RandomStream::uniform01_open_low_of(
                              w.failure_streams.candidate.first_output(candidate_entity(w, site, candidate))),
                          1.0 / rate_per_day);
  const sim::Ticks at = w.now() + std::max<sim::Ticks>(1, sim::ticks_from_days(gap_days));
  if (at <= w.catalogue.horizon()) w.schedule(at, Event::FailureCandidate, site);
}

// The class at uniform `u01` in [0, 1).
const FailureClass& failure_class_at(double u01, const std::vector<FailureClass>& classes) {
  if (classes.empty()) return default_failure_class();
  double total = 0;
  for (const FailureClass& c : classes) total += c.share;
  double u = u01 * total;
  for (const FailureClass& c : classes) {
    if (u < c.share) return c;
    u -= c.share;
  }
  return classes.back();
}

}  // namespace

void start_service(World& w, std::size_t unit, GpuState from) {
  Unit& u = w.units[unit];
  Cohort& c = w.cohorts[u.cohort];
  SiteState& s = w.sites[c.site];
  if (u.phase == UnitPhase::BurnIn) c.burn_in -= c.gpus_per_unit;
  u.phase = UnitPhase::Operational;
  ++u.generation;
  w.accounting.move(c.site, c.buyer, from, GpuState::Operational, c.gpus_per_unit, w.now());
  c.operational += c.gpus_per_unit;
  ++s.units_in_service;
  update_draw(w, c.site);
  if (!u.served) {
    u.served = true;
    w.accounting.entered_service(c.site, c.buyer, c.gpus_per_unit, w.now());
  }
  const double life_days = w.catalogue.scenario().operations.service_life_days;
  if (life_days > 0) {
    const sim::Ticks at = w.now() + sim::ticks_from_days(life_days);
    u.event = at <= w.catalogue.horizon() ? w.schedule(at, Event::Retire, unit) : sim::EventHandle{};
  }
}

void stop_service(World& w, std::size_t unit, GpuState to) {
  Unit& u = w.units[unit];
  Cohort& c = w.cohorts[u.cohort];
  const std::int64_t from_operational = std::min<std::int64_t>(c.gpus_per_unit, c.operational);
  const std::int64_t from_repair = c.gpus_per_unit - from_operational;
  c.operational -= from_operational;
  c.in_repair -= from_repair;
  c.void_repairs += from_repair;
  w.accounting.move(c.site, c.buyer, GpuState::Operational, to, from_operational, w.now());
  w.accounting.move(c.site, c.buyer, GpuState::InRepair, to, from_repair, w.now());
  --w.sites[c.site].units_in_service;
  update_draw(w, c.site);
}

void start_failure_processes(World& w) {
  for (std::size_t s = 0; s < w.sites.size(); ++s) schedule_candidate(w, s);
}

void on_failure_candidate(World& w, std::size_t site) {
  const std::uint64_t id = candidate_entity(w, site, w.sites[site].failure_candidates - 1);
  const std::int64_t n_max = w.catalogue.sites[site].gpus_ordered;
  const std::int64_t operational = w.accounting.site_counts(site)[index(GpuState::Operational)];
  // Thinning: a candidate is a failure with probability operational / ordered. With nothing in
  // service the answer is known, and the acceptance stream (its own, drawn by no one else) is
  // not needed: most of a site's candidates before its deliveries.
  bool accepted = false;
  if (operational > 0) {
    const double u = sim::RandomStream::uniform01_of(w.failure_streams.acceptance.first_output(id));
    accepted = u * static_cast<double>(n_max) < static_cast<double>(operational);
  }
  if (accepted) {
    SiteState& s = w.sites[site];
    sim::RandomStream which = w.failure_streams.gpu.stream(id);
    auto pick = static_cast<std::int64_t>(which.below(static_cast<std::uint64_t>(operational)));
    std::size_t cohort = s.cohorts.front();
    for (const std::size_t c : s.cohorts) {
      cohort = c;
      if (pick < w.cohorts[c].operational) break;
      pick -= w.cohorts[c].operational;
    }
    const Operations& ops = w.catalogue.scenario().operations;
    const double class_u = sim::RandomStream::uniform01_of(w.failure_streams.failure_class.first_output(id));
    // draw_bernoulli(replacement stream, p) is its first uniform < p.
    const double replacement_u =
        sim::RandomStream::uniform01_of(w.failure_streams.replacement.first_output(id));
    // One repair-time stream whatever the kind of repair: the same uniform gives the same
    // quantile of the swap, RMA or reset time, so a spare that runs out in one variant and not in
    // another changes this repair only through its distribution.
    const sim::StreamFamily& repair_time = w.failure_streams.repair;
    const FailureClass& fc = failure_class_at(class_u, ops.failure_classes);
    sim::Ticks repair = 0;
    if (replacement_u < fc.replacement_fraction) {
      const auto spares =
          static_cast<std::int64_t>(std::floor(ops.spare_fraction * static_cast<double>(s.units_in_service)));
      if (spares - s.spares_out > 0) {
        repair = draw_ticks(fc.spare_swap_days, repair_time, id);
        ++s.spares_out;
        w.schedule(w.now() + draw_ticks(fc.rma_days, w.failure_streams.spare_return, id), Event::SpareReturn,
                   site);
      } else {
        repair = draw_ticks(fc.rma_days, repair_time, id);
      }
    } else {
      repair = draw_ticks(fc.reset_days, repair_time, id);
    }
    Cohort& c = w.cohorts[cohort];
    --c.operational;
    ++c.in_repair;
    w.accounting.move(site, c.buyer, GpuState::Operational, GpuState::InRepair, 1, w.now());
    update_draw(w, site);
    w.schedule(w.now() + repair, Event::RepairDone, cohort);
  }
  schedule_candidate(w, site);
}

void on_repair_done(World& w, std::size_t cohort) {
  Cohort& c = w.cohorts[cohort];
  if (c.void_repairs > 0) {
    --c.void_repairs;  // the GPU retired with its unit while in repair
    return;
  }
  --c.in_repair;
  ++c.operational;
  w.accounting.move(c.site, c.buyer, GpuState::InRepair, GpuState::Operational, 1, w.now());
  update_draw(w, c.site);
}

void on_spare_return(World& w, std::size_t site) { --w.sites[site].spares_out; }

void on_retire(World& w, std::size_t unit) {
  Unit& u = w.units[unit];
  if (u.phase != UnitPhase::Operational) return;
  stop_service(w, unit, GpuState::Retired);
  u.phase = UnitPhase::Retired;
  ++u.generation;
  commit_power(w, unit, -1);
  free_room(w, unit);
}

}  // namespace models::rollout
