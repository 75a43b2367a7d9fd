#include "models/rollout/rollout_model.h"

#include <cmath>
#include <limits>

#include "models/rollout/grid.h"
#include "models/rollout/installation.h"
#include "models/rollout/layout.h"
#include "models/rollout/operations.h"
#include "models/rollout/recording.h"
#include "models/rollout/rollout.h"
#include "models/rollout/shipping.h"
#include "models/rollout/sites.h"
#include "models/scenario/adjustments.h"

namespace models::rollout {

RolloutModel::RolloutModel(const Scenario& scenario, sim::Simulation& sim, bool check)
    : scenario_(adjusted(scenario)),
      world_(scenario_, sim),
      conditions_(world_.catalogue, check),
      report_dates_(world_.catalogue) {
  if (check) checker_.emplace(world_.catalogue.calendar());
  interval_ = sample_interval_ticks(scenario);
}

void RolloutModel::start(sim::SampleSink& sink, bool failure_process, std::size_t max_skipped_candidates) {
  World& w = world_;
  w.max_skipped_candidates = std::min(max_skipped_candidates, SiteState::kMaxSkippedCandidates);
  w.target = w.sim.add_target(*this);
  declare_recording(w, w.sim.recorder(), snapshot_);
  initialise_halls(w);
  initialise_shipping(w);
  initialise_grid(w);
  if (failure_process) start_failure_processes(w);
  conditions_.schedule(w);
  report_dates_.schedule(w);
  w.schedule(0, Event::Sample, 0, kSnapshotPriority);
  w.sim.recorder().start(w.sim, 0, interval_, w.catalogue.horizon(), sink);
}

bool RolloutModel::run(const std::function<bool(sim::Ticks, sim::Ticks)>& on_sample) {
  on_sample_ = on_sample ? &on_sample : nullptr;
  stopped_early_ = false;
  world_.sim.run_until(world_.catalogue.horizon());
  on_sample_ = nullptr;
  return !stopped_early_;
}

void RolloutModel::on_event(sim::Simulation&, std::uint64_t payload) {
  World& w = world_;
  const std::size_t i = sim::payload_index(payload);
  if (w.now() != last_instant_) {
    // The previous instant is over: its state held until now.
    if (!conditions_.empty()) conditions_.instant_ended(w, last_instant_, w.now());
    last_instant_ = w.now();
  }
  switch (static_cast<Event>(sim::payload_kind(payload))) {
    case Event::Commit:
      on_commit(w, i);
      break;
    case Event::Release:
      on_release(w, i);
      break;
    case Event::HoldEnd:
      on_hold_end(w, i);
      break;
    case Event::Arrive:
      on_arrive(w, i);
      break;
    case Event::HallStart:
      on_hall_start(w, i);
      break;
    case Event::HallReady:
      on_hall_ready(w, i);
      break;
    case Event::Energise:
      on_energise(w, i);
      break;
    case Event::Reinforce:
      on_reinforce(w, i);
      break;
    case Event::SubstationOnline:
      on_substation_online(w, i);
      break;
    case Event::OutageStart:
      on_outage(w, i, true);
      break;
    case Event::OutageEnd:
      on_outage(w, i, false);
      break;
    case Event::BackgroundStep:
      on_background_step(w, i);
      break;
    case Event::GenerationOnline:
      on_generation_online(w, i);
      break;
    case Event::InstallDone:
      on_install_done(w, i);
      break;
    case Event::BurnInDone:
      on_burn_in_done(w, i);
      break;
    case Event::Retire:
      on_retire(w, i);
      break;
    case Event::FailureCandidate:
      on_failure_candidate(w, i);
      break;
    case Event::FailureDay:
      on_failure_day(w, i);
      break;
    case Event::RepairDone:
      on_repair_done(w, packed_index(i), static_cast<std::int64_t>(packed_count(i)));
      break;
    case Event::Condition:
      conditions_.on_date(w, i);
      break;
    case Event::ReportDate:
      report_dates_.on_date(w, i);
      break;
    case Event::Settle:
      settle();
      break;
    case Event::Sample:
      sample();
      break;
  }
}

void RolloutModel::settle() {
  World& w = world_;
  // Housing may start halls and change requests; the power solve may change allocations and
  // curtail; admission and crews then act on the settled allocation. Sites touched on the way
  // are picked up by the next pass.
  while (!w.dirty_sites.empty() || w.power_dirty) {
    std::vector<std::size_t> sites;
    sites.swap(w.dirty_sites);
    std::sort(sites.begin(), sites.end());
    for (const std::size_t s : sites) place_units(w, s);
    if (w.power_dirty) solve_power(w);
    for (const std::size_t s : sites) {
      w.sites[s].dirty = false;
      admit_units(w, s);
      dispatch_crews(w, s);
    }
  }
  w.settle_pending = false;
}

void RolloutModel::sample() {
  World& w = world_;
  take_snapshot(w, snapshot_);
  if (checker_) checker_->check(snapshot_);
  if (on_sample_ && !(*on_sample_)(w.now(), w.catalogue.horizon())) {
    stopped_early_ = true;
    w.sim.stop();
    return;
  }
  if (w.now() + interval_ <= w.catalogue.horizon()) {
    w.schedule(w.now() + interval_, Event::Sample, 0, kSnapshotPriority);
  }
}

Headline RolloutModel::headline() {
  World& w = world_;
  const Catalogue& c = w.catalogue;
  const Scenario& sc = c.scenario();
  w.accounting.advance_all(w.now());
  Headline h;
  h.scenario = sc.name;
  h.start = sc.start;
  h.end = sc.end;
  h.seed = w.sim.config().master_seed;
  h.run_index = w.sim.config().run_index;
  h.gpus_ordered = c.gpus_ordered;
  for (std::size_t m = 0; m < 3; ++m) h.national.days[m] = w.accounting.national_milestone_days(m);
  for (std::size_t b = 0; b < sc.buyers.size(); ++b) {
    BuyerHeadline bh;
    bh.name = sc.buyers[b].name;
    bh.gpus_ordered = c.buyer_gpus[b];
    bh.gpus_entered_service = w.accounting.buyer_entered_service(b);
    for (std::size_t m = 0; m < 3; ++m) bh.milestones.days[m] = w.accounting.buyer_milestone_days(b, m);
    const auto& seconds = w.accounting.buyer_gpu_seconds(b);
    for (std::size_t k = 0; k < kGpuStateCount; ++k)
      bh.gpu_days[k] = static_cast<double>(seconds[k]) / static_cast<double>(sim::kTicksPerDay);
    h.buyers.push_back(bh);
  }
  h.peak_facility_power_mw = w.accounting.peak_facility_mw();
  h.peak_physical_facility_power_mw = w.accounting.peak_physical_facility_mw();
  h.power_provisioning = sc.operations.power_provisioning;
  h.per_gpu_failures = sc.operations.failure_process == FailureProcess::PerGpu;
  h.peak_power_draw_mw = w.accounting.peak_draw_mw();
  double energy = 0, emissions = 0, cost = 0, capacity_cost = 0;
  const std::vector<Shortfall> strandings = find_strandings(sc);
  for (std::size_t s = 0; s < sc.sites.size(); ++s) {
    SiteHeadline sh;
    sh.name = sc.sites[s].name;
    sh.gpus_ordered = c.sites[s].gpus_ordered;
    sh.zone = c.sites[s].zone;
    sh.land_ha = from_micro(c.sites[s].land);
    sh.gpus_operational_at_end = w.accounting.site_counts(s)[index(GpuState::Operational)];
    const auto& seconds = w.accounting.site_gpu_seconds(s);
    for (std::size_t k = 0; k < kGpuStateCount; ++k) {
      sh.gpu_days[k] = static_cast<double>(seconds[k]) / static_cast<double>(sim::kTicksPerDay);
      h.gpu_days[k] += sh.gpu_days[k];
    }
    sh.binding = binding_constraint(sh.gpu_days);
    sh.gpus_entered_service = w.accounting.site_entered_service(s);
    explain_never_in_service(sh, w.accounting.site_counts(s), strandings);
    h.gpus_never_in_service += sh.gpus_never_in_service;
    h.gpus_never_housed_or_powered += sh.gpus_never_housed_or_powered;
    h.gpus_entered_service += w.accounting.site_entered_service(s);
    h.gpus_operational_at_end += sh.gpus_operational_at_end;
    energy += w.accounting.energy_mwh(s);
    emissions += w.accounting.emissions_t(s);
    cost += w.accounting.cost_krw(s);
    capacity_cost += w.accounting.capacity_cost_krw(s);
    h.sites.push_back(sh);
  }
  h.energy_twh = energy / 1e6;
  h.emissions_mt = emissions / 1e6;
  h.electricity_cost_krw = cost;
  if (!conditions_.empty()) {
    conditions_.instant_ended(w, last_instant_, w.now());
    conditions_.fill(h);
  }
  report_dates_.fill(h);
  h.capacity_cost_krw = capacity_cost;
  for (const CorridorSpec& k : c.corridors) {
    h.corridor_from_zone.push_back(k.from);
    h.corridor_to_zone.push_back(k.to);
  }
  const std::vector<Milliwatts> contracted = substation_contracted(w);
  for (std::size_t b = 0; b < w.substation_capacity.size(); ++b) {
    Headline::Substation& sh = h.substations.emplace_back();
    sh.zone = c.network.substation_zone[b];
    sh.energised_days = w.substation_energised_at[b] >= 0 ? sim::to_days(w.substation_energised_at[b])
                                                          : std::numeric_limits<double>::quiet_NaN();
    sh.capacity_end_mw = to_mw(substation_limit(w, b));
    sh.contracted_end_mw = to_mw(contracted[b]);
    sh.peak_allocated_mw = to_mw(w.substation_peak_allocated[b]);
  }
  return h;
}

Headline RolloutModel::finish() {
  Headline h = headline();
  declare_statics(world_, h, world_.sim.recorder());
  world_.sim.recorder().finish();
  return h;
}

namespace {
class DiscardSink : public sim::SampleSink {
 public:
  void begin(const sim::RecordingSchema&) override {}
  void append(sim::Ticks, std::span<const double>) override {}
  void finish(const std::vector<sim::StaticVariable>&) override {}
  bool wants_series(std::size_t) const override { return false; }  // no sampler runs
};
}  // namespace

RunOutput run_rollout(const Scenario& scenario, const RunOptions& options) {
  sim::SimulationConfig config;
  config.master_seed = options.seed.value_or(scenario.seed);
  config.run_index = options.run_index;
  config.epoch = scenario.start;
  sim::Simulation sim(config);
  RolloutModel model(scenario, sim, options.check_invariants);
  DiscardSink discard;
  model.start(options.sink ? *options.sink : discard, options.failure_process,
              options.max_skipped_candidates);
  RunOutput out;
  if (!model.run(options.on_sample)) {
    out.completed = false;
    out.events = sim.events_fired();
    return out;
  }
  out.headline = model.finish();
  out.events = sim.events_fired();
  out.power_solves = model.world().power_solves;
  out.max_flow_solves = model.world().max_flow_solves;
  out.units = model.world().units.size();
  return out;
}

}  // namespace models::rollout
