#include "models/rollout/operations.h"

#include <algorithm>
#include <boost/container/small_vector.hpp>
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

double candidate_rate_per_day(const World& w, std::size_t site) {
  return w.catalogue.scenario().operations.failures_per_gpu_day *
         static_cast<double>(w.catalogue.sites[site].gpus_ordered);
}

// The instant of the site's candidate after one at `after`, counting it (each candidate's gap
// has its own keyed stream, so the chain of instants is the same whenever it is drawn).
sim::Ticks next_candidate_at(World& w, std::size_t site, sim::Ticks after) {
  SiteState& s = w.sites[site];
  const std::uint64_t candidate = s.failure_candidates++;
  s.last_candidate_entity = candidate_entity(w, site, candidate);
  // Each of a candidate's streams but the repair times' gives one draw: its first word.
  const double gap_days =
      sim::exponential_at(sim::RandomStream::uniform01_open_low_of(
                              w.failure_streams.candidate.first_output(s.last_candidate_entity)),
                          1.0 / candidate_rate_per_day(w, site));
  return after + std::max<sim::Ticks>(1, sim::ticks_from_days(gap_days));
}

// Thinning accepts candidate `id` when `operational_needed_for(id)` < the site's operational GPUs.
double operational_needed_for(const World& w, std::size_t site, std::uint64_t id) {
  return sim::RandomStream::uniform01_of(w.failure_streams.acceptance.first_output(id)) *
         static_cast<double>(w.catalogue.sites[site].gpus_ordered);
}

// The site's GPUs in service: a bound on its operational GPUs that holds until a unit enters
// service, since a failure, a repair or a unit leaving service never adds to it.
double operational_bound(const World& w, std::size_t site) {
  const auto& counts = w.accounting.site_counts(site);
  return static_cast<double>(counts[index(GpuState::Operational)] + counts[index(GpuState::InRepair)]);
}

// Draws the site's candidates after the one decided at `candidates_decided_at` and schedules the
// first that the bound does not reject. Those the bound rejects get no event (at most
// kMaxSkippedCandidates in a row; the next then gets one, and is rejected when it comes): one
// candidate in five of korea-2026, at sites whose deliveries are still arriving. Candidates before
// now (a chain that waited) are decided: rejected, with no unit in service. Each candidate's
// draws are keyed by its number, so the instants and decisions are those of one event each.
void walk_candidates(World& w, std::size_t site) {
  SiteState& s = w.sites[site];
  s.candidates_skipped = 0;
  s.candidate_event = {};
  const double bound = operational_bound(w, site);
  sim::Ticks at = s.candidates_decided_at;
  for (;;) {
    at = next_candidate_at(w, site, at);
    if (at > w.catalogue.horizon()) return;
    if (at < w.now()) {
      s.candidates_decided_at = at;
      continue;
    }
    s.pending_operational_needed = std::numeric_limits<double>::quiet_NaN();
    if (s.candidates_skipped < w.max_skipped_candidates) {
      const double needed = operational_needed_for(w, site, s.last_candidate_entity);
      if (needed >= bound) {
        s.skipped_candidates[s.candidates_skipped++] = {at, needed};
        continue;
      }
      s.pending_operational_needed = needed;
    }
    s.candidate_event = w.schedule(at, Event::FailureCandidate, site);
    return;
  }
}

void start_candidates(World& w, std::size_t site) {
  if (!(candidate_rate_per_day(w, site) > 0)) return;
  SiteState& s = w.sites[site];
  s.candidates_decided_at = w.now();
  if (s.units_in_service == 0) {
    s.candidates_paused = true;
    return;
  }
  walk_candidates(w, site);
}

// A unit entered service at the site: the bound grows. A chain that waited resumes, drawing the
// candidates of the pause without an event each (before a site's first deliveries, about a third
// of korea-2026's candidates). Skipped candidates still ahead are tested against the new bound,
// and the first it no longer rejects becomes the pending candidate. Only a candidate on the very
// second a unit enters service may fall on the other side of it than with one event each.
void on_units_entered_service(World& w, std::size_t site) {
  SiteState& s = w.sites[site];
  if (s.candidates_paused) {
    s.candidates_paused = false;
    walk_candidates(w, site);
    return;
  }
  if (s.candidates_skipped == 0) return;
  const double bound = operational_bound(w, site);
  const auto& skipped = s.skipped_candidates;
  std::size_t first = 0;  // the first skipped candidate not yet past
  while (first < s.candidates_skipped && skipped[first].at < w.now()) ++first;
  std::size_t open = first;  // the first the bound no longer rejects
  while (open < s.candidates_skipped && skipped[open].operational_needed >= bound) ++open;
  if (open == s.candidates_skipped) return;  // the pending candidate stays
  w.sim.cancel(s.candidate_event);
  // Candidate numbers: the pending one is failure_candidates - 1, skipped i is
  // failure_candidates - 1 - candidates_skipped + i. Skipped `open` becomes the pending one;
  // those from `first` to it stay skipped.
  const sim::Ticks open_at = skipped[open].at;
  s.failure_candidates -= s.candidates_skipped - open;
  if (first > 0) {
    s.candidates_decided_at = skipped[first - 1].at;
    std::copy(skipped.begin() + static_cast<std::ptrdiff_t>(first),
              skipped.begin() + static_cast<std::ptrdiff_t>(open), s.skipped_candidates.begin());
  }
  s.candidates_skipped = open - first;
  s.last_candidate_entity = candidate_entity(w, site, s.failure_candidates - 1);
  s.pending_operational_needed = skipped[open].operational_needed;
  s.candidate_event = w.schedule(open_at, Event::FailureCandidate, site);
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

// The repairs of one instant, grouped by when they end: failures of the same cohort repaired by
// the same instant share one RepairDone event (its count packed with pack_count). The per-GPU
// process makes one group of one.
class RepairGroups {
 public:
  void add(std::size_t cohort, sim::Ticks at) {
    // A day's failures of a site come in a handful of cohorts and repair kinds: a linear search
    // beats any map at that size.
    for (Group& g : groups_) {
      if (g.cohort == cohort && g.at == at && g.count < kMaxPackedCount) {
        ++g.count;
        return;
      }
    }
    groups_.push_back({cohort, at, 1});
  }

  // Moves the failed GPUs to repair in the accounts, one move per group, and schedules the
  // groups' events.
  void schedule(World& w, std::size_t site) const {
    for (const Group& g : groups_) {
      w.accounting.move(site, w.cohorts[g.cohort].buyer, GpuState::Operational, GpuState::InRepair, g.count,
                        w.now());
      w.schedule(g.at, Event::RepairDone, pack_count(g.cohort, g.count));
    }
  }

 private:
  struct Group {
    std::size_t cohort;
    sim::Ticks at;
    std::uint64_t count;
  };
  // Inline room for a busy site's day: no allocation per failure or per day.
  boost::container::small_vector<Group, 32> groups_;
};

// Spares on hand at the site at `at`: floor(spare_fraction x units in service) less those out
// for RMA, after taking back every spare due by then.
std::int64_t spares_on_hand(const World& w, SiteState& s, sim::Ticks at) {
  while (!s.spare_returns.empty() && s.spare_returns.top() <= at) {
    s.spare_returns.pop();
    --s.spares_out;
  }
  const auto held = static_cast<std::int64_t>(
      std::floor(w.catalogue.scenario().operations.spare_fraction * static_cast<double>(s.units_in_service)));
  return held - s.spares_out;
}

// FailureProcess::Daily: day `day` (1 = the run's first day) of the site: its entity, and the
// instant of its failure event, uniform in the day and keyed by (site, day) so that every variant
// puts it at the same instant. A random instant rather than midnight keeps samples unbiased: a
// repair of D days is seen by D daily samples on average, as in the per-GPU process, where a
// midnight event would show every reset of a day in the next midnight's sample.
std::uint64_t failure_day_entity(const World& w, std::size_t site, std::int64_t day) {
  return sub_entity(w.catalogue.sites[site].stream_entity, static_cast<std::uint64_t>(day));
}
sim::Ticks failure_day_instant(const World& w, std::size_t site, std::int64_t day) {
  const double u = sim::RandomStream::uniform01_of(
      w.failure_streams.day_instant.first_output(failure_day_entity(w, site, day)));
  return sim::days(day - 1) + static_cast<sim::Ticks>(u * static_cast<double>(sim::kTicksPerDay));
}

bool daily_failures(const World& w) {
  return w.catalogue.scenario().operations.failure_process == FailureProcess::Daily;
}

// What decides one failure's repair: the uniforms of its class and of its kind of repair, and
// the entity whose streams give its repair and spare-return times (drawn only when those
// distributions draw).
struct FailureDraws {
  double class_u = 0;
  double replacement_u = 0;
  std::uint64_t time_entity = 0;
};

// A failure of class `fc` needs a part swapped (with a spare, or waiting the RMA time), else an
// automated reset.
bool needs_part(const FailureDraws& d, const FailureClass& fc) {
  return d.replacement_u < fc.replacement_fraction;
}

// Operational GPU `gpu` (0 .. operational - 1, in the order of the site's cohorts) fails now:
// its cohort's counts move to repair at once (the accounting move is the caller's, through
// RepairGroups). Returns the cohort.
std::size_t take_failed_gpu(World& w, std::size_t site, std::int64_t gpu) {
  const SiteState& s = w.sites[site];
  std::int64_t pick = gpu;
  std::size_t cohort = s.cohorts.front();
  for (const std::size_t c : s.cohorts) {
    cohort = c;
    if (pick < w.cohorts[c].operational) break;
    pick -= w.cohorts[c].operational;
  }
  Cohort& c = w.cohorts[cohort];
  --c.operational;
  ++c.in_repair;
  return cohort;
}

// The repair of a GPU of `cohort` that failed now, of class `fc` (failure_class_at its class
// uniform); spares are taken and sent to the vendor as at `spare_at` (now, except under daily
// counts: docs/model.md §9). Its RepairDone goes through `groups`.
void start_repair(World& w, std::size_t site, std::size_t cohort, const FailureClass& fc,
                  const FailureDraws& d, sim::Ticks spare_at, RepairGroups& groups) {
  SiteState& s = w.sites[site];
  // One repair-time stream whatever the kind of repair: the same uniform gives the same
  // quantile of the swap, RMA or reset time, so a spare that runs out in one variant and not in
  // another changes this repair only through its distribution.
  const sim::StreamFamily& repair_time = w.failure_streams.repair;
  sim::Ticks repair = 0;
  if (needs_part(d, fc)) {
    if (spares_on_hand(w, s, spare_at) > 0) {
      repair = draw_ticks(fc.spare_swap_days, repair_time, d.time_entity);
      ++s.spares_out;
      s.spare_returns.push(spare_at + draw_ticks(fc.rma_days, w.failure_streams.spare_return, d.time_entity));
    } else {
      repair = draw_ticks(fc.rma_days, repair_time, d.time_entity);
    }
  } else {
    repair = draw_ticks(fc.reset_days, repair_time, d.time_entity);
  }
  groups.add(cohort, w.now() + repair);
}

// Schedules the site's next failure day not yet drawn and not before now, unless one is pending
// or it falls after the horizon (the failures of the run's last partial day are not drawn).
void schedule_failure_day(World& w, std::size_t site) {
  SiteState& s = w.sites[site];
  if (s.failure_day != 0 || !(w.catalogue.scenario().operations.failures_per_gpu_day > 0)) return;
  std::int64_t day = std::max(w.now() / sim::kTicksPerDay + 1, s.failure_last_day + 1);
  sim::Ticks at = failure_day_instant(w, site, day);
  if (at < w.now()) at = failure_day_instant(w, site, ++day);
  if (at > w.catalogue.horizon()) return;
  s.failure_mark_gpu_seconds = w.accounting.site_gpu_seconds_at(site, index(GpuState::Operational), w.now());
  s.failure_mark_at = w.now();
  s.failure_day = day;
  w.schedule(at, Event::FailureDay, site);
}

// Does any failure class draw a repair or spare-return time (not all Fixed)?
bool repair_times_draw(const Operations& ops) {
  const auto draws = [](const FailureClass& c) {
    const auto random = [](const Distribution& d) { return d.kind != Distribution::Kind::Fixed; };
    return random(c.reset_days) || random(c.spare_swap_days) || random(c.rma_days);
  };
  if (ops.failure_classes.empty()) return draws(default_failure_class());
  return std::any_of(ops.failure_classes.begin(), ops.failure_classes.end(), draws);
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
  if (w.failures) {
    if (daily_failures(w)) {
      schedule_failure_day(w, c.site);
    } else {
      on_units_entered_service(w, c.site);
    }
  }
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
  w.failures = true;
  for (std::size_t s = 0; s < w.sites.size(); ++s) {
    if (!daily_failures(w)) {
      start_candidates(w, s);
    } else if (w.sites[s].units_in_service > 0) {
      schedule_failure_day(w, s);
    }
  }
}

void on_failure_day(World& w, std::size_t site) {
  SiteState& s = w.sites[site];
  const std::int64_t day = s.failure_day;
  const std::int64_t integral = w.accounting.site_gpu_seconds_at(site, index(GpuState::Operational), w.now());
  const double operational_gpu_days =
      static_cast<double>(integral - s.failure_mark_gpu_seconds) / static_cast<double>(sim::kTicksPerDay);
  const std::uint64_t day_id = failure_day_entity(w, site, day);
  sim::RandomStream count_stream = w.failure_streams.day_count.stream(day_id);
  const std::uint64_t drawn = sim::draw_poisson_by_inversion(
      count_stream, w.catalogue.scenario().operations.failures_per_gpu_day * operational_gpu_days);
  std::int64_t operational = w.accounting.site_counts(site)[index(GpuState::Operational)];
  // A day's count can exceed the GPUs still operational only on a site of a few GPUs at a
  // failure rate near 1 per day; the excess has no GPU to fail.
  const auto failures = std::min<std::uint64_t>(drawn, static_cast<std::uint64_t>(operational));
  if (failures > 0) {
    // Failure j takes the j-th word of the day's stream of each quantity (one word each, so a
    // variant with more failures adds draws at the end and changes none before); its repair and
    // spare-return times, which may take several words, have streams of their own keyed
    // (site, day, j), made only when a time distribution draws.
    const FailureStreams& f = w.failure_streams;
    sim::RandomStream gpu = f.gpu.stream(day_id);
    sim::RandomStream failure_class = f.failure_class.stream(day_id);
    sim::RandomStream replacement = f.replacement.stream(day_id);
    sim::RandomStream offset = f.day_offset.stream(day_id);
    const bool times_draw = repair_times_draw(w.catalogue.scenario().operations);
    // The day's failures happen now, but each takes and sends spares as at its own instant in the
    // interval they were counted over (uniform in it, keyed (site, day), word j), in the order of
    // those instants, as the per-GPU process does. Taking them all now made a returned spare wait
    // for the next draw, out about 7/12 of a day longer than its RMA time: 1.4 % more in-repair
    // GPU-days than the per-GPU process on korea-2026 (400 paired seeds; docs/model.md §9).
    struct DayFailure {
      sim::Ticks spare_at;
      std::uint64_t j;
      std::size_t cohort;
      const FailureClass* failure_class;
      FailureDraws draws;
    };
    // Only failures that need a part touch the spares, so only they wait for the ordering.
    boost::container::small_vector<DayFailure, 32> needing_parts;
    const std::vector<FailureClass>& classes = w.catalogue.scenario().operations.failure_classes;
    const sim::Ticks interval = w.now() - s.failure_mark_at;
    RepairGroups groups;
    for (std::uint64_t j = 0; j < failures; ++j) {
      DayFailure one;
      one.j = j;
      one.cohort = take_failed_gpu(w, site,
                                   static_cast<std::int64_t>(sim::RandomStream::below_of(
                                       gpu.next(), static_cast<std::uint64_t>(operational--))));
      one.draws.class_u = failure_class.uniform01();
      one.draws.replacement_u = replacement.uniform01();
      one.draws.time_entity = times_draw ? sub_entity(day_id, j) : 0;
      one.spare_at =
          s.failure_mark_at + static_cast<sim::Ticks>(offset.uniform01() * static_cast<double>(interval));
      one.failure_class = &failure_class_at(one.draws.class_u, classes);
      if (needs_part(one.draws, *one.failure_class)) {
        needing_parts.push_back(one);
      } else {
        start_repair(w, site, one.cohort, *one.failure_class, one.draws, one.spare_at, groups);
      }
    }
    std::sort(needing_parts.begin(), needing_parts.end(), [](const DayFailure& a, const DayFailure& b) {
      return a.spare_at != b.spare_at ? a.spare_at < b.spare_at : a.j < b.j;
    });
    for (const DayFailure& one : needing_parts) {
      start_repair(w, site, one.cohort, *one.failure_class, one.draws, one.spare_at, groups);
    }
    groups.schedule(w, site);
    update_draw(w, site);
  }
  s.failure_day = 0;
  s.failure_last_day = day;
  // The chain stops with the site's last unit out of service; start_service starts it again.
  if (s.units_in_service > 0) schedule_failure_day(w, site);
}

void on_failure_candidate(World& w, std::size_t site) {
  const SiteState& pending = w.sites[site];
  const std::uint64_t id = pending.last_candidate_entity;
  const std::int64_t operational = w.accounting.site_counts(site)[index(GpuState::Operational)];
  // Thinning: a candidate is a failure with probability operational / ordered. With nothing in
  // service the answer is known, and the acceptance stream (its own, drawn by no one else) is
  // not needed: most of a site's candidates before its deliveries.
  bool accepted = false;
  if (operational > 0) {
    const double needed = std::isnan(pending.pending_operational_needed) ? operational_needed_for(w, site, id)
                                                                         : pending.pending_operational_needed;
    accepted = needed < static_cast<double>(operational);
  }
  if (accepted) {
    const auto gpu =
        static_cast<std::int64_t>(w.failure_streams.gpu.below(id, static_cast<std::uint64_t>(operational)));
    FailureDraws d;
    d.class_u = sim::RandomStream::uniform01_of(w.failure_streams.failure_class.first_output(id));
    // draw_bernoulli(replacement stream, p) is its first uniform < p.
    d.replacement_u = sim::RandomStream::uniform01_of(w.failure_streams.replacement.first_output(id));
    d.time_entity = id;
    RepairGroups groups;
    const FailureClass& fc = failure_class_at(d.class_u, w.catalogue.scenario().operations.failure_classes);
    start_repair(w, site, take_failed_gpu(w, site, gpu), fc, d, w.now(), groups);
    groups.schedule(w, site);
    update_draw(w, site);
  }
  SiteState& s = w.sites[site];
  s.candidates_decided_at = w.now();
  if (s.units_in_service == 0) {
    s.candidates_paused = true;  // until a unit enters service (on_units_entered_service)
    s.candidates_skipped = 0;
    s.candidate_event = {};
    return;
  }
  walk_candidates(w, site);
}

void on_repair_done(World& w, std::size_t cohort, std::int64_t gpus) {
  Cohort& c = w.cohorts[cohort];
  // GPUs retired with their unit while in repair come back to nothing.
  const std::int64_t retired = std::min(gpus, c.void_repairs);
  c.void_repairs -= retired;
  const std::int64_t repaired = gpus - retired;
  if (repaired == 0) return;
  c.in_repair -= repaired;
  c.operational += repaired;
  w.accounting.move(c.site, c.buyer, GpuState::InRepair, GpuState::Operational, repaired, w.now());
  update_draw(w, c.site);
}

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
