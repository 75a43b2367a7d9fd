#pragma once
// The headline indicators of one run, and their plain-text table.

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "models/rollout/gpu_state.h"
#include "models/rollout/strandings.h"
#include "sim/time.h"

namespace models::rollout {

// The constraint that kept most GPU-days idle at a site (waiting states only).
enum class Constraint : std::uint8_t { None, Construction, Land, Power, Crew };
inline constexpr std::array<std::string_view, 5> kConstraintNames = {"none", "construction", "land", "power",
                                                                     "crew"};

// Days since the scenario start (tick 0) at which GPUs that have entered service reached 50 %,
// 90 % and 100 % of the GPUs ordered; NaN when not reached within the horizon.
struct Milestones {
  std::array<double, 3> days{};
};

struct BuyerHeadline {
  std::string name;
  std::int64_t gpus_ordered = 0;
  Milestones milestones;
  std::int64_t gpus_entered_service = 0;          // by the end of the run
  std::array<double, kGpuStateCount> gpu_days{};  // GPU-days of the buyer's GPUs in each state, all sites
};

struct SiteHeadline {
  std::string name;
  std::int64_t gpus_ordered = 0;
  std::int64_t gpus_operational_at_end = 0;
  Constraint binding = Constraint::None;
  std::size_t zone = 0;                           // position along the zone axis
  double land_ha = 0;                             // usable land
  std::array<double, kGpuStateCount> gpu_days{};  // GPU-days spent in each state over the run
  std::int64_t gpus_entered_service = 0;
  // GPUs ordered that had not entered service by the end, and why: the shortfalls of
  // find_strandings() when the scenario can never house or power them, else the state most of
  // them were in at the end ("waiting_power at the end", "on_order at the end", ...).
  std::int64_t gpus_never_in_service = 0;
  std::int64_t gpus_never_housed_or_powered = 0;  // the certain part (find_strandings)
  std::string never_in_service_reason;
  // The reason as a code: 0 none; 1 + ShortResource of the first certain shortfall (1 cooling ..
  // 6 supply); else 8 + the GpuState most of them ended in (8 on_order .. 15 installing).
  int never_in_service_code = 0;
};
inline constexpr std::string_view kNeverInServiceMeanings =
    "none short_cooling short_hall_size short_land short_racks short_hall_it_capacity short_supply "
    "short_zone_supply on_order in_transit held waiting_construction waiting_land waiting_power waiting_crew "
    "installing";

// A target or an observation in one run (models/rollout/conditions.h). Values are in the canonical
// unit of the quantity (`units`); days count from the scenario start (tick 0).
struct ConditionOutcome {
  std::string name;
  std::string quantity;    // e.g. "gpus_operational"
  std::string scope;       // "national", "buyer government", "site nacc-haenam", "zone honam"
  std::string units;       // "1", "PFLOP/s", "MW", "MW h"
  std::string comparison;  // "at_least", "at_most", "within"
  std::string source;      // bibliography key, when given
  double value = 0;        // the target's threshold or the observed value
  double tolerance = 0;    // observations: the tolerance that applies (the larger of absolute and relative)
  sim::Date date;          // evaluated at the end of this day
  double date_days = 0;    // ... that is, this many days after the start
  double model_value = std::numeric_limits<double>::quiet_NaN();  // the model's quantity then
  bool met = false;                                               // target met / observation matched
  // First instant at which the condition held (exact, not sampled); NaN when it never did within the
  // horizon (never_met_reason says why in words).
  double first_met_days = std::numeric_limits<double>::quiet_NaN();
  // How far the model is from meeting it on its date, in `units` (0 when met): for at_least the
  // lacking amount, for at_most the excess, for within the distance to the tolerance band.
  double shortfall = 0;
  double difference = 0;  // model_value - value
  // For GPU counts (entered service, operational): the GPUs ordered in the scope, the most the
  // quantity can ever reach; NaN for other quantities. A threshold above it can never be met under
  // the scenario's own orders, and never_met_reason says so.
  double ordered_in_scope = std::numeric_limits<double>::quiet_NaN();
};

// Always-finite indicators at the end of a report date (models/rollout/report_dates.h).
struct ReportDateValues {
  std::string name;
  sim::Date date;
  double gpu_days_in_service = 0;    // integral of operational GPUs from the start to the end of `date`
  std::int64_t gpus_in_service = 0;  // operational GPUs at the end of `date`
  bool reported = false;             // false only when the run stopped before the date
};

struct Headline {
  std::string scenario;
  sim::Date start;
  sim::Date end;  // inclusive
  std::uint64_t seed = 0;
  std::uint64_t run_index = 0;
  std::int64_t gpus_ordered = 0;
  std::int64_t gpus_entered_service = 0;
  std::int64_t gpus_operational_at_end = 0;
  std::int64_t gpus_never_in_service = 0;         // ordered - entered service, national
  std::int64_t gpus_never_housed_or_powered = 0;  // of those, what the scenario can never house or power
  Milestones national;
  std::vector<BuyerHeadline> buyers;
  double peak_facility_power_mw = 0;           // peak of national reserved facility power (provisioned)
  double peak_physical_facility_power_mw = 0;  // peak of national IT peak x PUE of admitted units
  double power_provisioning = 1;  // reserved / physical (the scenario's operations.power_provisioning)
  bool per_gpu_failures = false;  // operations.failure_process: per_gpu (said in the text headline)
  double peak_power_draw_mw = 0;  // peak of national average facility draw
  std::array<double, kGpuStateCount> gpu_days{};  // national GPU-days by state; idle = waiting_*
  double energy_twh = 0;
  double emissions_mt = 0;          // Mt CO2e
  double electricity_cost_krw = 0;  // energy and capacity charges
  double capacity_cost_krw = 0;     // of which capacity charges
  std::vector<SiteHeadline> sites;
  // Each corridor's ends, as positions along the zone axis (for a grid model built from the file).
  std::vector<std::size_t> corridor_from_zone, corridor_to_zone;
  // Per substation: its zone (position along the zone axis), the day it was energised (days since
  // the start; NaN: not within the horizon), its limit after the N-1 margin and its connections'
  // contracted capacity at the end, and the most ever allocated through its connections.
  struct Substation {
    std::size_t zone = 0;
    double energised_days = 0;
    double capacity_end_mw = 0;
    double contracted_end_mw = 0;
    double peak_allocated_mw = 0;
  };
  std::vector<Substation> substations;
  std::vector<ConditionOutcome> targets;
  std::vector<ConditionOutcome> observations;
  std::vector<ReportDateValues> report_dates;
};

// The binding constraint from GPU-days by state: the waiting state with the most GPU-days
// (construction, land, power, crew; ties to the earlier), None if no GPU ever waited.
Constraint binding_constraint(const std::array<double, kGpuStateCount>& gpu_days);

// Fills the site's never-in-service count and reason from its GPUs by state at the end (ordered
// minus entered service must already be in `gpus_ordered` and `gpus_entered_service`) and the
// scenario's certain shortfalls.
void explain_never_in_service(SiteHeadline& site,
                              const std::array<std::int64_t, kGpuStateCount>& counts_at_end,
                              const std::vector<Shortfall>& strandings);

// Targets and observations against the model, for `sovsim run` after the headline; "" when the
// scenario has neither.
std::string format_conditions(const Headline& h);

// Why a condition was never met within the run, in words (for NaN first-met dates).
std::string never_met_reason(const ConditionOutcome& c);
// True when an at-least target asks for more GPUs than its scope's orders give (never_met_reason
// then says so).
bool unreachable_by_orders(const ConditionOutcome& c);

// A fixed-width plain-text table (dates as ISO dates, "-" when never reached).
std::string format_headline(const Headline& h);

}  // namespace models::rollout
