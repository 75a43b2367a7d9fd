#pragma once
// The validated scenario: plain data, in canonical units, that the model runs on. It is the seam
// between parsing and simulation: the loader (models/scenario/loader.h) builds it from YAML and
// CSV and checks every rule listed here; the model never sees YAML and may assume these rules.
//
// Canonical units (the loader converts whatever unit the file gives):
//   power MW, energy MWh, land ha, durations days, dates sim::Date (UTC), money KRW,
//   emission factor tCO2e/MWh, compute PFLOP/s (dense FP8) per GPU, rates per day.
//
// Names (products, buyers, sites, zones, ...) are identifiers: unique within their list,
// [a-z0-9_-]+, and every reference between lists names an existing entry.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/time.h"

namespace models {

// An uncertain quantity, in the canonical unit of the key that holds it.
struct Distribution {
  enum class Kind { Fixed, Uniform, Triangular, LognormalMedianP90, Exponential };
  Kind kind = Kind::Fixed;
  // Fixed: value=a. Uniform: [a, b]. Triangular: low a, mode b, high c.
  // LognormalMedianP90: median a, p90 b (b > a > 0). Exponential: mean a.
  double a = 0, b = 0, c = 0;

  static Distribution fixed(double v) { return {Kind::Fixed, v, 0, 0}; }
  friend bool operator==(const Distribution&, const Distribution&) = default;
};

enum class Cooling { Air, Liquid };

struct Product {
  std::string name;  // e.g. "hgx-b200"
  std::string description;
  int gpus_per_unit = 8;              // GPUs in one shipped unit (server or rack)
  double it_power_mw_per_unit = 0;    // peak IT power of one unit incl. its share of fabric, MW
  double racks_per_unit = 1;          // floor space, in racks (0.25 = four servers per rack)
  Cooling cooling = Cooling::Air;     // the cooling a hall must offer to house it
  double compute_pflops_per_gpu = 0;  // dense FP8 PFLOP/s per GPU, for "compute delivered"

  friend bool operator==(const Product&, const Product&) = default;
};

struct Buyer {
  std::string name;  // e.g. "government"
  std::string description;
  // Moves every shipment date of the buyer's orders by this many days (negative: earlier); see
  // Adjustments.
  double schedule_shift_days = 0;

  friend bool operator==(const Buyer&, const Buyer&) = default;
};

// Units the supplier releases for shipment on a date (typically the first day of a quarter).
struct Shipment {
  sim::Date date;
  std::int64_t units = 0;

  friend bool operator==(const Shipment&, const Shipment&) = default;
};

// Who bought how many of what, for which site, on what allocation schedule.
struct Order {
  std::string name;
  std::string buyer;               // -> Buyer::name
  std::string product;             // -> Product::name
  std::string site;                // -> Site::name
  std::vector<Shipment> schedule;  // ascending dates; may come from a CSV file
  // Units already installed and operational at the scenario start (e.g. the 2025 government
  // batch); they count towards the order and are not in `schedule`.
  std::int64_t installed_at_start = 0;
  // Moves every shipment date of this order by this many days (added to its buyer's shift).
  double schedule_shift_days = 0;
  // No unit of the order enters service before this date (a programme's first allocation, an
  // acceptance date): a unit whose burn-in ends earlier stays in burn-in until then.
  std::optional<sim::Date> service_opens;

  friend bool operator==(const Order&, const Order&) = default;
};

// One task of a construction task graph; the hall is ready when the last task ends.
struct ConstructionTask {
  std::string name;  // e.g. "permits"
  Distribution duration_days;
  std::vector<std::string> after;  // names of tasks that must finish first (acyclic)

  friend bool operator==(const ConstructionTask&, const ConstructionTask&) = default;
};

struct ConstructionTemplate {
  std::string name;  // e.g. "ai-hall-40mw"
  std::vector<ConstructionTask> tasks;

  friend bool operator==(const ConstructionTemplate&, const ConstructionTemplate&) = default;
};

enum class HallStart {
  Planned,   // construction starts on `planned_start`
  OnDemand,  // construction starts when delivered or ordered units would not fit elsewhere
  Existing,  // already built and ready at the scenario start
};

// A hall or phase of a site: the unit of construction and of capacity.
struct Hall {
  std::string name;
  double it_capacity_mw = 0;  // IT load it can cool and feed
  int racks = 0;              // floor space
  Cooling cooling = Cooling::Liquid;
  double pue = 1.25;   // facility power / IT power
  double land_ha = 0;  // land it occupies; the site's land caps the halls that can be built
  HallStart start = HallStart::Planned;
  std::optional<sim::Date> planned_start;  // required when start == Planned
  std::string construction;                // -> ConstructionTemplate::name (not for Existing)

  friend bool operator==(const Hall&, const Hall&) = default;
};

// A request to the grid operator for (more) supply at a site.
// Each connection keeps its own place in the grid operator's queue (its application date).
struct GridConnection {
  double capacity_mw = 0;  // supply the site may draw once connected (cumulative with earlier ones)
  sim::Date applied;       // application date (may precede the scenario start)
  Distribution lead_days;  // from a passed review to energisation
  // Already energised at the scenario start: no review, no lead time.
  bool connected_at_start = false;
  // The substation it is fed from (-> Substation::name); empty: the zone's local network. It is
  // not energised before its substation.
  std::string substation;
  // Staged supply: the capacity is energised in `tranches` equal parts, the first on the
  // energisation date, the next every `tranche_interval_days`.
  int tranches = 1;
  double tranche_interval_days = 365;

  friend bool operator==(const GridConnection&, const GridConnection&) = default;
};

// What an on-site plant is; sets the default capacity credit (0 for solar and wind, 1 otherwise).
enum class GenerationTechnology { Solar, Wind, Gas, FuelCell, Diesel, Other };

// The availability of an on-site plant in one hour of the day (hour 0 = 00:00-01:00 of the
// scenario's calendar day), as a fraction of its nameplate capacity.
struct HourlyAvailability {
  int hour = 0;
  double factor = 0;

  friend bool operator==(const HourlyAvailability&, const HourlyAvailability&) = default;
};

// On-site generation. Two different numbers describe it, as a planner keeps them apart:
//  - the capacity credit: the share of nameplate counted as firm supply when the site's power is
//    allocated (what the site need not ask of the grid; solar at night supplies nothing);
//  - the availability: the power it supplies over time, for energy and emissions: either a flat
//    capacity factor or an hourly shape over the day (repeated every day).
struct OnSiteGeneration {
  GenerationTechnology technology = GenerationTechnology::Other;
  double capacity_mw = 0;  // nameplate
  sim::Date available_from;
  std::optional<double> capacity_credit;        // unset: capacity_credit_of() picks by technology
  std::optional<double> capacity_factor;        // mean availability / nameplate (unset: 1); not with a shape
  std::vector<HourlyAvailability> daily_shape;  // empty, or 24 rows, hours 0..23 in order
  // Emissions of the energy it supplies (0 for solar or wind; ~0.4 for gas engines).
  double emission_factor_t_per_mwh = 0;

  friend bool operator==(const OnSiteGeneration&, const OnSiteGeneration&) = default;
};

// The capacity credit of `g`: as given, else 0 for solar and wind and 1 for dispatchable plant.
inline double capacity_credit_of(const OnSiteGeneration& g) {
  if (g.capacity_credit) return *g.capacity_credit;
  return g.technology == GenerationTechnology::Solar || g.technology == GenerationTechnology::Wind ? 0.0
                                                                                                   : 1.0;
}

struct Site {
  std::string name;  // e.g. "nacc-haenam"
  std::string description;
  std::string zone;  // -> GridZone::name
  double land_ha = 0;
  std::vector<Hall> halls;
  std::vector<GridConnection> connections;
  std::vector<OnSiteGeneration> generation;
  int install_crews = 1;
  double units_per_crew_day = 10;  // installation rate of one crew
  Distribution burn_in_days = Distribution::fixed(14);
  // Moves the planned start of every planned hall of the site by this many days.
  double planned_start_shift_days = 0;
  // What kind of load it is, for dated assessment rules (e.g. "ai-dc").
  std::string site_class = "ai-dc";

  friend bool operator==(const Site&, const Site&) = default;
};

// Load on a date, held until the next step (a step schedule; before the first step: 0).
struct LoadStep {
  sim::Date date;
  double load_mw = 0;

  friend bool operator==(const LoadStep&, const LoadStep&) = default;
};

// A grid region. Two layers: `headroom_mw` is its supply (generation and transmission room for
// new load at the scenario start, shared with imports' sources); `local_network_mw` is what its
// substations and lines can deliver to the modelled sites, whether the power is local or
// imported (empty: unlimited).
struct GridZone {
  std::string name;  // e.g. "capital"
  std::string description;
  double headroom_mw = 0;
  std::optional<double> local_network_mw;
  // N-1 security margin held back from the local network (the rating of its largest element).
  double local_security_margin_mw = 0;
  // The rest of the country's new load in this zone (other data centres, large loads), drawing
  // on the same supply headroom; a step schedule.
  std::vector<LoadStep> background_load;
  // Grid impact assessment (Distributed Energy Activation Act) for connections of
  // `assessment_threshold_mw` or more: pass probability and review time; a failed
  // application is filed again after `reapply_days`.
  double assessment_pass_probability = 1.0;
  Distribution assessment_days = Distribution::fixed(90);
  double reapply_days = 180;

  friend bool operator==(const GridZone&, const GridZone&) = default;
};

// A transmission corridor between two zones, usable in both directions up to its limit.
struct Corridor {
  std::string name;
  std::string from;  // -> GridZone::name
  std::string to;    // -> GridZone::name
  double limit_mw = 0;
  // N-1 security margin held back from the limit (the rating of its largest single circuit).
  double security_margin_mw = 0;
  // Relative cost of moving power over it (e.g. its length in hundreds of km): the min-cost
  // flow prefers local supply, then cheap paths.
  double transfer_cost = 1;

  friend bool operator==(const Corridor&, const Corridor&) = default;
};

// A named substation in a zone, shared by the connections that name it. It delivers nothing
// before it is energised (`energised` + a drawn slip; at the start when `energised` is unset),
// and never more than its capacity less its N-1 margin.
struct Substation {
  std::string name;
  std::string description;
  std::string zone;  // -> GridZone::name
  double capacity_mw = 0;
  double security_margin_mw = 0;
  std::optional<sim::Date> energised;
  Distribution delay_days = Distribution::fixed(0);

  friend bool operator==(const Substation&, const Substation&) = default;
};

// Which capacity of a zone a reinforcement or an outage changes.
enum class ZoneLayer { Supply, LocalNetwork };

// A dated change to a zone's supply headroom or local network, a corridor's limit or a
// substation's capacity (positive or negative).
struct Reinforcement {
  std::string name;
  sim::Date date;
  std::string zone;  // exactly one of zone, corridor and substation is set
  std::string corridor;
  std::string substation;
  ZoneLayer layer = ZoneLayer::Supply;  // for a zone
  double added_mw = 0;
  Distribution delay_days = Distribution::fixed(0);  // slip relative to `date`

  friend bool operator==(const Reinforcement&, const Reinforcement&) = default;
};

// A physical outage: `lost_mw` of a zone layer, a corridor or a substation is out of service
// from `start` for `duration_days`. The only event that may curtail energised load.
struct Outage {
  std::string name;
  sim::Date start;
  Distribution duration_days = Distribution::fixed(1);
  std::string zone;  // exactly one of zone, corridor and substation is set
  std::string corridor;
  std::string substation;
  ZoneLayer layer = ZoneLayer::Supply;
  double lost_mw = 0;

  friend bool operator==(const Outage&, const Outage&) = default;
};

// A dated change of the grid impact assessment for applications filed on or after `from`, in
// `zones` (empty: all) by sites of `site_class` (empty: all). Each value it sets replaces the
// one in force (the scenario's threshold, the zone's probability and review time); of several
// rules that apply, the one with the latest `from` wins, then the later in the list.
struct AssessmentRule {
  std::string name;
  sim::Date from;
  std::vector<std::string> zones;  // -> GridZone::name
  std::string site_class;          // Site::site_class; empty: all
  std::optional<double> threshold_mw;
  std::optional<double> pass_probability;
  std::optional<Distribution> assessment_days;

  friend bool operator==(const AssessmentRule&, const AssessmentRule&) = default;
};

// Whose power comes first when the rest of the country's load and the modelled sites compete.
enum class BackgroundPriority {
  Ahead,   // background load is served before any new allocation to the modelled sites
  Behind,  // the modelled sites' requests come first; background load takes what is left
};

// What an energised connection reserves on the network.
enum class PowerReservation {
  Contracted,  // its whole energised capacity, in queue order, housed hardware or not
  Housed,      // the facility power of the hardware housed at the site (the former behaviour)
};

// How scarce grid power is shared among sites that want more than the network can deliver.
enum class PowerSharing {
  ConnectionQueue,  // first applied, first served
  ProRata,          // every site gets the same fraction of its demand (max-min fair)
  PriorityList,     // in the order of `power_priority`
};

// An export-licence hold: with `probability`, shipments of the named buyers (all when empty)
// released in [start, start + duration) are held until the hold ends.
struct ExportHold {
  std::string name;
  sim::Date start;
  Distribution duration_days;
  double probability = 1.0;
  std::vector<std::string> buyers;  // -> Buyer::name

  friend bool operator==(const ExportHold&, const ExportHold&) = default;
};

struct Logistics {
  Distribution transit_days = Distribution::fixed(30);  // supplier release to arrival, incl. customs

  friend bool operator==(const Logistics&, const Logistics&) = default;
};

// A failure class: its share of all failures and how it is repaired.
struct FailureClass {
  std::string name;                                         // e.g. "gpu", "hbm", "network", "host"
  double share = 0;                                         // shares of all classes sum to 1
  double replacement_fraction = 0.5;                        // needs a part swap rather than a reset
  Distribution reset_days = Distribution::fixed(2.0 / 24);  // automated remediation
  Distribution spare_swap_days = Distribution::fixed(1);    // swap from on-site spares
  Distribution rma_days = Distribution::fixed(10);          // vendor replacement, no spare

  friend bool operator==(const FailureClass&, const FailureClass&) = default;
};

// How GPU failures are simulated (docs/model.md §12): the same rate, two resolutions in time.
enum class FailureProcess {
  PerGpu,  // every failure its own event at its own instant: the exact Poisson process
  Daily,   // a site's failures of a day as one Poisson count at one instant of the day; repairs of
           // a cohort ending at the same instant share one event (about a sixth of the events)
};

struct Operations {
  double failures_per_gpu_day = 5.0e-4;
  FailureProcess failure_process = FailureProcess::Daily;
  std::vector<FailureClass> failure_classes;
  double spare_fraction = 0.03;           // spare parts held per installed unit
  double service_life_days = 6 * 365.25;  // end of life: retired after this long in service
  double average_to_peak_power = 0.76;    // mean draw of an operational GPU / its peak
  // Share of a unit's peak facility power (IT peak x PUE) reserved against the site's supply.
  // Below 1, operators count on power capping and on the units not all peaking at once
  // (oversubscription); never below average_to_peak_power.
  double power_provisioning = 1.0;

  friend bool operator==(const Operations&, const Operations&) = default;
};

// A change of the grid tariff from `date` on (until the next change).
struct PriceChange {
  sim::Date date;
  double electricity_price_krw_per_mwh = 0;
  double capacity_charge_krw_per_mw_month = 0;

  friend bool operator==(const PriceChange&, const PriceChange&) = default;
};

// A change of the grid's emission factor from `date` on (until the next change).
struct EmissionFactorChange {
  sim::Date date;
  double emission_factor_t_per_mwh = 0;

  friend bool operator==(const EmissionFactorChange&, const EmissionFactorChange&) = default;
};

// The grid tariff (an energy price per MWh taken from the grid and a capacity charge per MW of
// contracted connection capacity per month, a month being 365.25/12 days) and the grid's
// emission factor: the values from the start, then dated changes (ascending dates).
struct Economics {
  double electricity_price_krw_per_mwh = 182600;
  double capacity_charge_krw_per_mw_month = 0;
  double emission_factor_t_per_mwh = 0.4173;
  std::vector<PriceChange> price_changes;
  std::vector<EmissionFactorChange> emission_factor_changes;

  friend bool operator==(const Economics&, const Economics&) = default;
};

// Scale factors and shifts over whole lists, so that the inputs the evidence is least sure of
// (construction, grid lead times, schedules, ...) can be swept, set with --set or changed in a
// variant file as one number. The scenario keeps the values as written plus these factors; the
// model runs on adjusted(scenario) (models/scenario/adjustments.h), where they are applied and
// reset to 1 and 0. The per-list shifts are Buyer::schedule_shift_days, Order::schedule_shift_days
// and Site::planned_start_shift_days.
struct Adjustments {
  double construction_duration_factor = 1;  // every construction task's duration
  double grid_lead_time_factor = 1;         // every grid connection's lead time
  double assessment_time_factor = 1;        // every zone's grid impact assessment time
  double transit_time_factor = 1;           // logistics.transit_time
  double installation_rate_factor = 1;      // every site's units_per_crew_day
  double burn_in_factor = 1;                // every site's burn-in time
  double background_load_factor = 1;        // every zone's background load (each step's MW)
  double schedule_shift_days = 0;           // every shipment of every order (days, + is later)
  double planned_start_shift_days = 0;      // every planned hall's start (days, + is later)

  friend bool operator==(const Adjustments&, const Adjustments&) = default;
};

// A dated condition on an output quantity in a scope: the one mechanism behind targets (a
// published milestone a scenario is measured against) and observations (a sourced, countable
// fact the model's runs should reproduce). The quantity is evaluated exactly at the end of
// `date` (00:00 UTC of the next day, before any event of that instant). See docs/model.md.
enum class ConditionQuantity {
  GpusEnteredService,  // cumulative GPUs that have become operational once
  GpusOperational,     // GPUs operational now
  ComputePflops,       // dense FP8 compute of operational GPUs, PFLOP/s
  FacilityPowerMw,     // facility power reserved for admitted units, MW
  PowerDrawMw,         // average facility draw of operational GPUs, MW
  EnergyMwh,           // facility energy since the start, MWh
  GridConnectedMw,     // energised grid connection capacity, MW
  HallsReady,          // halls ready
};

// at_least: met when quantity >= threshold; at_most: quantity <= threshold; within (observations
// only): |quantity - observed| within the tolerance.
enum class Comparison { AtLeast, AtMost, Within };

struct Condition {
  std::string name;
  std::string description;  // what it is, with its source key, e.g. "[nacc-plan-2026]"
  ConditionQuantity quantity = ConditionQuantity::GpusEnteredService;
  // Scope: at most one of buyer, site and zone is set; none means national.
  std::string buyer;  // -> Buyer::name
  std::string site;   // -> Site::name
  std::string zone;   // -> GridZone::name
  Comparison comparison = Comparison::AtLeast;
  // Targets: the threshold; observations: the observed value. As written (a count, or a quantity
  // in the unit of `quantity`), and in the canonical unit (filled by the loader).
  std::string value_text;
  double value = 0;
  sim::Date date;
  // Observations only: matched when |model - observed| <= max(tolerance, relative_tolerance x
  // |observed|) (one-sided for at_least / at_most); both 0 asks for an exact match.
  std::string tolerance_text;
  double tolerance = 0;
  double relative_tolerance = 0;
  std::string source;  // bibliography key (docs/sources.md) of the observed value

  friend bool operator==(const Condition&, const Condition&) = default;
};

// A fixed date at whose end the run reports always-finite indicators (GPU-days in service by then,
// GPUs in service then), next to the milestone dates that may never be reached.
struct ReportDate {
  std::string name;  // the label in output files (<quantity>_<name> in sweeps)
  sim::Date date;    // reported at the end of this day

  friend bool operator==(const ReportDate&, const ReportDate&) = default;
};

struct Scenario {
  std::string name;  // identifier; the default output file is <name>.h5
  std::string title;
  std::string description;
  sim::Date start;
  sim::Date end;  // inclusive horizon; end > start
  double sample_interval_days = 1;
  std::uint64_t seed = 1;

  std::vector<Product> products;
  std::vector<Buyer> buyers;
  std::vector<GridZone> zones;
  std::vector<Corridor> corridors;
  std::vector<Substation> substations;
  std::vector<Reinforcement> reinforcements;
  std::vector<Outage> outages;
  std::vector<AssessmentRule> assessment_rules;
  std::vector<ConstructionTemplate> construction_templates;
  std::vector<Site> sites;
  std::vector<Order> orders;
  std::vector<ExportHold> export_holds;
  std::vector<Condition> targets;       // published milestones the scenario is measured against
  std::vector<Condition> observations;  // dated facts its runs should reproduce
  // Empty: the end of every calendar year within the horizon (models/rollout/report_dates.h).
  std::vector<ReportDate> report_dates;

  PowerSharing power_sharing = PowerSharing::ConnectionQueue;
  std::vector<std::string> power_priority;  // site names, for PowerSharing::PriorityList
  double assessment_threshold_mw = 10;
  PowerReservation power_reservation = PowerReservation::Contracted;
  BackgroundPriority background_priority = BackgroundPriority::Ahead;
  // On-demand halls: demand is counted this many days before the supplier releases a shipment
  // (0: at release), so construction can start ahead of the units arriving.
  double on_demand_lead_days = 0;

  Logistics logistics;
  Operations operations;
  Economics economics;
  Adjustments adjustments;

  friend bool operator==(const Scenario&, const Scenario&) = default;
};

}  // namespace models
