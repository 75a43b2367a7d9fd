#pragma once
// The dynamic state of one rollout run, shared by the components (deliveries, sites,
// installation, grid, operations). Plain data; the components' functions change it and the
// RolloutModel dispatches events to them.
//
// Granularity: lots (a shipment's units) until they are placed in a hall, then units (one record
// per shipped server or rack, ~33k in the Korean scenario), and GPU counts per cohort (hall x
// order) for failures and repairs. No per-GPU objects.

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "models/rollout/accounting.h"
#include "models/rollout/catalogue.h"
#include "models/rollout/construction.h"
#include "models/rollout/deliveries.h"
#include "models/rollout/grid_connection.h"
#include "models/rollout/power_network.h"
#include "sim/simulation.h"

namespace models::rollout {

// Event kinds (the top byte of the payload); the low 56 bits index the entity.
enum class Event : std::uint8_t {
  Commit,            // shipment: its units count as demand for on-demand halls
  Release,           // shipment: released by the supplier (or held)
  HoldEnd,           // shipment: export-licence hold over
  Arrive,            // shipment: at the site's warehouse
  HallStart,         // hall: construction starts (planned date)
  HallReady,         // hall: construction finished
  Energise,          // energisation (index into World::energisations): a connection's tranche
  Reinforce,         // reinforcement: a zone layer, corridor or substation capacity changes
  SubstationOnline,  // substation: energised
  OutageStart,       // outage: capacity lost
  OutageEnd,         // outage: capacity back
  BackgroundStep,    // background load step (index into World::background_steps)
  GenerationOnline,  // on-site generation (index into World::generation) available
  InstallDone,       // unit: crew finished; burn-in starts
  BurnInDone,        // unit: operational
  Retire,            // unit: end of life
  FailureCandidate,  // site: next candidate failure of the thinned Poisson process
  FailureDay,        // site: FailureProcess::Daily, the failures of its day (SiteState::failure_day)
  RepairDone,        // cohort and count (pack_count): GPUs repaired
  Condition,         // target or observation: the end of its date (models/rollout/conditions.h)
  ReportDate,        // report date: its end (models/rollout/report_dates.h)
  Settle,            // end of an instant: placement, power, admission, crews
  Sample,            // sample instant: integrals brought up to date, snapshot, invariants
};

enum class HallPhase : std::uint8_t { NotStarted, Building, Ready, LandBlocked };

struct HallState {
  HallPhase phase = HallPhase::NotStarted;
  sim::Ticks ready_at = 0;
  MicroRacks racks_used = 0;
  Milliwatts it_used = 0;
};

enum class UnitPhase : std::uint8_t { WaitingPower, WaitingCrew, Installing, BurnIn, Operational, Retired };

struct Unit {
  std::uint32_t cohort = 0;
  std::uint32_t generation = 0;  // bumped on every phase change; queue entries carry it
  std::uint32_t admission = 0;   // bumped on every admission; SiteState::admitted entries carry it
  UnitPhase phase = UnitPhase::WaitingPower;
  bool preinstalled = false;
  bool served = false;         // has been operational at least once
  std::uint32_t burn_ins = 0;  // burn-ins begun (a curtailed unit is installed and burnt in again)
  // (order, shipment position, unit within the shipment): the entity of the unit's own draws.
  std::uint64_t stream_entity = 0;
  Milliwatts facility = 0;  // reserved: peak IT x PUE of its hall x power_provisioning
  sim::EventHandle event;   // its pending install, burn-in or retirement event
};

struct QueueEntry {
  std::uint32_t unit = 0;
  std::uint32_t generation = 0;
};

struct Cohort {
  std::size_t site = 0, hall = 0, order = 0, buyer = 0;
  int gpus_per_unit = 0;
  std::int64_t operational = 0;  // GPUs
  std::int64_t in_repair = 0;
  std::int64_t burn_in = 0;               // GPUs of units in burn-in (they draw power like operational ones)
  std::int64_t void_repairs = 0;          // repairs of GPUs already retired with their unit
  Milliwatts draw_per_gpu = 0;            // average facility draw of one operational GPU
  Milliwatts facility_peak_per_unit = 0;  // IT peak x PUE of one unit: its physical peak draw
  double pflops_per_gpu = 0;
};

struct Lot {
  std::size_t order = 0;
  std::int64_t units = 0;
  GpuState reason = GpuState::WaitingConstruction;  // why it waits (construction or land)
  bool preinstalled = false;
  std::uint64_t stream_entity = 0;  // the shipment's (ShipmentPlan::stream_entity)
  std::int64_t housed = 0;          // units of the lot housed so far: the next unit's index
};

struct SiteState {
  std::deque<Lot> warehouse;
  std::deque<QueueEntry> waiting_power;  // housed, FIFO
  std::deque<QueueEntry> waiting_crew;   // admitted, FIFO
  std::vector<QueueEntry> admitted;      // admission order, for curtailment (latest first);
                                         // entries carry Unit::admission
  int crews_free = 0;
  Milliwatts placed = 0;     // facility power of every housed unit
  Milliwatts committed = 0;  // ... of admitted units (waiting crew .. operational)
  Milliwatts committed_it = 0;
  Milliwatts grid_allocation = 0;
  Milliwatts connected = 0;
  MicroHectares land_used = 0;
  int halls_ready = 0;
  // Demand for on-demand halls, per cooling (Air, Liquid): committed units not yet retired.
  std::array<MicroRacks, 2> demand_racks{};
  std::array<Milliwatts, 2> demand_it{};
  std::int64_t units_in_service = 0;  // operational units (spare pool scales with it)
  std::int64_t spares_out = 0;        // spares out for vendor RMA (those back by now included until
                                      // the next failure asks: operations.cpp, spares_on_hand)
  // When each spare out comes back, earliest first. Read only when a failure needs a spare, so a
  // return needs no event of its own.
  std::priority_queue<sim::Ticks, std::vector<sim::Ticks>, std::greater<>> spare_returns;
  std::int64_t gpus_ever_operational = 0;
  std::vector<std::size_t> cohorts;
  sim::Ticks next_failure = -1;
  // FailureProcess::PerGpu (operations.cpp): `failure_candidates` candidates have been drawn;
  // the last is the pending one (its event `candidate_event`, none past the horizon). Before it,
  // the last `candidates_skipped` were drawn without an event: certain rejections under the bound
  // the site's GPUs in service put on its operational GPUs until a unit enters service. Before
  // those, the last candidate decided, at `candidates_decided_at`. The chain waits (no pending
  // candidate) while the site has no unit in service.
  struct SkippedCandidate {
    sim::Ticks at = 0;
    double operational_needed = 0;  // accepted only with more operational GPUs than this
  };
  static constexpr std::size_t kMaxSkippedCandidates = 64;
  std::uint64_t failure_candidates = 0;
  // The last drawn candidate's stream entity, and the operational GPUs its acceptance needs when
  // already drawn (NaN when not): its event uses them without hashing them again.
  std::uint64_t last_candidate_entity = 0;
  double pending_operational_needed = std::numeric_limits<double>::quiet_NaN();
  bool candidates_paused = false;
  sim::Ticks candidates_decided_at = 0;
  std::size_t candidates_skipped = 0;
  std::array<SkippedCandidate, kMaxSkippedCandidates> skipped_candidates{};
  sim::EventHandle candidate_event;
  // FailureProcess::Daily: the pending failure day (1 = the run's first day), 0 when none is
  // pending; the last day drawn; the site's operational GPU-seconds when the pending day's
  // interval began (the previous day's event, or the chain's start).
  std::int64_t failure_day = 0;
  std::int64_t failure_last_day = 0;
  std::int64_t failure_mark_gpu_seconds = 0;
  sim::Ticks failure_mark_at = 0;  // when the pending day's interval began
  bool dirty = false;
};

// A tranche of a connection, energised on its own date.
struct Energisation {
  std::size_t connection = 0;
  Milliwatts capacity = 0;
};

struct BackgroundStep {
  std::size_t zone = 0;
  Milliwatts load = 0;
};

struct PendingGeneration {
  std::size_t site = 0;
  Generation generation;
};

// The failure process's stream families, looked up once per run (a korea-2026 run draws about
// 340,000 failure candidates, each with its own streams: docs/model.md §12).
struct FailureStreams {
  explicit FailureStreams(const sim::Simulation& sim)
      : candidate(sim.stream_family("failure.candidate")),
        acceptance(sim.stream_family("failure.acceptance")),
        gpu(sim.stream_family("failure.gpu")),
        failure_class(sim.stream_family("failure.class")),
        replacement(sim.stream_family("failure.replacement")),
        repair(sim.stream_family("failure.repair")),
        spare_return(sim.stream_family("failure.spare_return")),
        day_count(sim.stream_family("failure.day_count")),
        day_instant(sim.stream_family("failure.day_instant")),
        day_offset(sim.stream_family("failure.day_offset")) {}
  sim::StreamFamily candidate, acceptance, gpu, failure_class, replacement, repair, spare_return;
  // FailureProcess::Daily: a site-day's count and instant, and where in the day's interval each
  // of its failures falls (for the spares).
  sim::StreamFamily day_count, day_instant, day_offset;
};

// A RepairDone event's index: the cohort in the low 32 bits, the count of GPUs in the 24 above
// (the payload keeps 56 bits for the index).
inline constexpr std::uint64_t kMaxPackedCount = (std::uint64_t{1} << 24) - 1;
constexpr std::uint64_t pack_count(std::size_t index, std::uint64_t count) {
  return static_cast<std::uint64_t>(index) | count << 32;
}
constexpr std::size_t packed_index(std::uint64_t packed) { return packed & 0xffffffffu; }
constexpr std::uint64_t packed_count(std::uint64_t packed) { return packed >> 32; }

struct World {
  World(const Scenario& scenario, sim::Simulation& simulation);

  const Catalogue catalogue;
  sim::Simulation& sim;
  const FailureStreams failure_streams;
  sim::TargetId target = 0;

  std::vector<TaskGraph> task_graphs;  // per construction template
  std::vector<ShipmentPlan> shipments;
  std::vector<HoldWindow> holds;
  std::vector<ConnectionPlan> connections;
  std::vector<Energisation> energisations;
  std::vector<sim::Ticks> reinforcement_dates;
  std::vector<std::pair<sim::Ticks, sim::Ticks>> outage_windows;
  std::vector<BackgroundStep> background_steps;
  std::vector<PendingGeneration> generation;

  std::vector<HallState> halls;
  std::vector<SiteState> sites;
  std::vector<Unit> units;
  std::vector<Cohort> cohorts;
  std::unordered_map<std::uint64_t, std::size_t> cohort_index;  // hall * orders + order

  PowerNetwork network;
  PowerAllocation allocation;
  // Planning capacities (after reinforcements, before N-1 margins and outages).
  std::vector<Milliwatts> zone_headroom;  // supply
  std::vector<Milliwatts> zone_local;     // local network (kUnlimitedPower when not limited)
  std::vector<Milliwatts> corridor_limit;
  std::vector<Milliwatts> substation_capacity;
  std::vector<char> substation_online;
  std::vector<sim::Ticks> substation_energised_at;    // per substation; -1: not (yet) energised
  std::vector<Milliwatts> substation_peak_allocated;  // most ever allocated through its connections
  std::vector<Milliwatts> connection_energised;       // per connection: energised so far
  std::vector<Milliwatts> feeder_capacity;
  std::vector<Milliwatts> background_load;  // per zone, current step
  // Per connection: the most it has been granted; under contracted reservation, what it keeps.
  std::vector<Milliwatts> contract;
  // Lost to outages, per element kind (ZoneSupply, ZoneLocal, Corridor, Substation) and index.
  std::array<std::vector<Milliwatts>, 4> outage_lost;
  bool power_dirty = true;
  bool settle_pending = false;
  Milliwatts national_committed = 0;           // reserved (x power_provisioning)
  Milliwatts national_committed_physical = 0;  // IT peak x PUE of the same units
  // Bumped by every change of a site's committed power, connected capacity or halls ready: the
  // condition monitor re-evaluates conditions on those only after a change (ConditionMonitor).
  std::uint64_t site_fields_changes = 0;
  std::int64_t power_solves = 0;
  std::int64_t max_flow_solves = 0;

  Accounting accounting;
  std::vector<std::size_t> dirty_sites;
  bool failures = false;  // the failure process runs (RunOptions::failure_process)
  std::size_t max_skipped_candidates = SiteState::kMaxSkippedCandidates;  // RunOptions

  sim::EventHandle schedule(sim::Ticks at, Event kind, std::uint64_t index,
                            sim::Priority priority = sim::Priority::Normal);
  // Marks the site for the end-of-instant settlement (placement, power, admission, crews).
  void touch(std::size_t site);
  void request_settle();
  void mark_power_dirty();
  std::size_t cohort_for(std::size_t hall, std::size_t order);
  sim::Ticks now() const { return sim.now(); }
};

}  // namespace models::rollout
