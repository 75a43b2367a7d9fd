#include "models/rollout/output_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "models/rollout/conditions.h"
#include "models/scenario/conditions.h"

namespace models::rollout {
namespace {

// The space-separated words of a schema text (axes, labels).
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    if (space != 0) out.emplace_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// How the quantities are computed: samplers read the Snapshot, computations the Headline.

// A per-site series reading one SiteSample field.
template <double SiteSample::*Field>
void site_field(const Snapshot& s, std::span<double> out) {
  for (std::size_t i = 0; i < s.sites.size(); ++i) out[i] = s.sites[i].*Field;
}
// The national sum of a per-site field, summed in site order.
template <double SiteSample::*Field>
void national_sum(const Snapshot& s, std::span<double> out) {
  double total = 0;
  for (const SiteSample& site : s.sites) total += site.*Field;
  out[0] = total;
}
template <double ZoneSample::*Field>
void zone_field(const Snapshot& s, std::span<double> out) {
  for (std::size_t z = 0; z < s.zones.size(); ++z) out[z] = s.zones[z].*Field;
}
template <double CorridorSample::*Field>
void corridor_field(const Snapshot& s, std::span<double> out) {
  for (std::size_t k = 0; k < s.corridors.size(); ++k) out[k] = s.corridors[k].*Field;
}
template <std::int64_t BuyerSample::*Field>
void buyer_field(const Snapshot& s, std::span<double> out) {
  for (std::size_t b = 0; b < s.buyers.size(); ++b) out[b] = static_cast<double>(s.buyers[b].*Field);
}

void gpus_idle_by_buyer(const Snapshot& s, std::span<double> out) {
  std::size_t i = 0;
  for (const BuyerSample& b : s.buyers) {
    for (const std::int64_t n : b.idle) out[i++] = static_cast<double>(n);
  }
}
void gpus_by_site(const Snapshot& s, std::span<double> out) {
  for (std::size_t i = 0; i < s.sites.size(); ++i) {
    for (std::size_t k = 0; k < kGpuStateCount; ++k)
      out[i * kGpuStateCount + k] = static_cast<double>(s.sites[i].gpus[k]);
  }
}
void gpus_by_zone(const Snapshot& s, std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  for (const SiteSample& site : s.sites) {
    for (std::size_t k = 0; k < kGpuStateCount; ++k)
      out[site.zone * kGpuStateCount + k] += static_cast<double>(site.gpus[k]);
  }
}
void gpus_national(const Snapshot& s, std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  for (const SiteSample& site : s.sites) {
    for (std::size_t k = 0; k < kGpuStateCount; ++k) out[k] += static_cast<double>(site.gpus[k]);
  }
}
void zone_power_demand(const Snapshot& s, std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  if (out.empty()) return;
  for (const SiteSample& site : s.sites) out[site.zone] += site.power_demand_mw;
}

template <std::size_t M>
void national_milestone(const Headline& h, std::vector<double>& out) {
  out = {h.national.days[M]};
}
template <std::size_t M>
void buyer_milestone(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const BuyerHeadline& b : h.buyers) out.push_back(b.milestones.days[M]);
}
void buyer_entered_service(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const BuyerHeadline& b : h.buyers) out.push_back(static_cast<double>(b.gpus_entered_service));
}
template <double Headline::*Field>
void headline_value(const Headline& h, std::vector<double>& out) {
  out = {h.*Field};
}
template <std::int64_t Headline::*Field>
void headline_count(const Headline& h, std::vector<double>& out) {
  out = {static_cast<double>(h.*Field)};
}
void gpu_days_by_site(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const SiteHeadline& s : h.sites) out.insert(out.end(), s.gpu_days.begin(), s.gpu_days.end());
}
void gpu_days_national(const Headline& h, std::vector<double>& out) {
  out.assign(h.gpu_days.begin(), h.gpu_days.end());
}
// The idle states (the `reason` axis) as positions along the `state` axis.
std::array<std::size_t, 6> idle_state_indices();
// GPU-days in each idle state, per site or per buyer: (entity, reason) row-major.
template <class Entity, std::vector<Entity> Headline::*List>
void idle_gpu_days(const Headline& h, std::vector<double>& out) {
  out.clear();
  static const std::array<std::size_t, 6> kStates = idle_state_indices();
  for (const Entity& e : h.*List) {
    for (const std::size_t k : kStates) out.push_back(e.gpu_days[k]);
  }
}
void binding(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const SiteHeadline& s : h.sites) out.push_back(static_cast<double>(s.binding));
}
void never_in_service(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const SiteHeadline& s : h.sites) out.push_back(static_cast<double>(s.gpus_never_in_service));
}
void never_housed_or_powered(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const SiteHeadline& s : h.sites) out.push_back(static_cast<double>(s.gpus_never_housed_or_powered));
}
void never_in_service_code(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const SiteHeadline& s : h.sites) out.push_back(static_cast<double>(s.never_in_service_code));
}
void site_land(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const SiteHeadline& s : h.sites) out.push_back(s.land_ha);
}
template <std::vector<std::size_t> Headline::*Field>
void corridor_end(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const std::size_t z : h.*Field) out.push_back(static_cast<double>(z));
}
// A report date's value, NaN only for a run stopped before the date.
template <double (*Value)(const ReportDateValues&)>
void per_report_date(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const ReportDateValues& d : h.report_dates)
    out.push_back(d.reported ? Value(d) : std::numeric_limits<double>::quiet_NaN());
}
double gpu_days_in_service(const ReportDateValues& d) { return d.gpu_days_in_service; }
double gpus_in_service(const ReportDateValues& d) { return static_cast<double>(d.gpus_in_service); }
void report_date_day(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const ReportDateValues& d : h.report_dates)
    out.push_back(static_cast<double>(sim::days_from_civil(d.date) - sim::days_from_civil(h.start)));
}
void share_entered_service(const Headline& h, std::vector<double>& out) {
  out = {h.gpus_ordered > 0
             ? static_cast<double>(h.gpus_entered_service) / static_cast<double>(h.gpus_ordered)
             : std::numeric_limits<double>::quiet_NaN()};
}
template <double SubstationSample::*Field>
void substation_field(const Snapshot& s, std::span<double> out) {
  for (std::size_t b = 0; b < s.substations.size(); ++b) out[b] = s.substations[b].*Field;
}
template <double Headline::Substation::*Field>
void substation_value(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const Headline::Substation& b : h.substations) out.push_back(b.*Field);
}
void substation_zone(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const Headline::Substation& b : h.substations) out.push_back(static_cast<double>(b.zone));
}
void site_zone(const Headline& h, std::vector<double>& out) {
  out.clear();
  for (const SiteHeadline& s : h.sites) out.push_back(static_cast<double>(s.zone));
}

using K = OutputKind;
using S = SweepRole;
using B = Better;

constexpr OutputAxis kAxes[] = {
    {"site", "data-centre site"},
    {"zone", "grid zone"},
    {"state", "GPU state"},
    {"buyer", "buyer"},
    {"reason", "why a GPU ordered was not working (the idle states)"},
    {"corridor", "transmission corridor"},
    {"substation", "substation (scenario key substations)"},
    {"target", "target (scenario key targets)"},
    {"observation", "observation (scenario key observations)"},
    {"report_date", "report date (scenario key report_dates; default: the end of every calendar year)"},
};

constexpr std::string_view kIdle[] = {"held",          "waiting_construction", "waiting_land",
                                      "waiting_power", "waiting_crew",         "in_repair"};
std::array<std::size_t, 6> idle_state_indices() {
  std::array<std::size_t, 6> out{};
  static_assert(std::size(kIdle) == out.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::size_t>(std::find(kGpuStateNames.begin(), kGpuStateNames.end(), kIdle[i]) -
                                      kGpuStateNames.begin());
  return out;
}
constexpr std::string_view kDelivered[] = {
    "waiting_construction", "waiting_land", "waiting_power", "waiting_crew",
    "installing",           "operational",  "in_repair",     "retired"};

// ------------------------------------------------------------------------------------------------
// The table. Series first (their order is the order of a sample row), then the values at the end.

const OutputQuantity kOutputs[] = {
    // GPUs by state.
    {.name = "gpus",
     .axes = "site state",
     .units = "1",
     .long_name = "GPUs by site and state",
     .meaning = "GPUs ordered for the site in each state at the sample instant; sums to the site's order",
     .sample = gpus_by_site},
    {.name = "gpus_zone",
     .axes = "zone state",
     .units = "1",
     .long_name = "GPUs by grid zone and state",
     .meaning = "`gpus` summed over the zone's sites",
     .sample = gpus_by_zone},
    {.name = "gpus_national",
     .axes = "state",
     .units = "1",
     .long_name = "GPUs by state, national",
     .meaning = "`gpus` summed over all sites",
     .sweep = S::Series,
     .sample = gpus_national,
     .changed_by_failures = "operational in_repair"},
    {.name = "gpus_operational_by_buyer",
     .axes = "buyer",
     .units = "1",
     .long_name = "operational GPUs by buyer",
     .meaning = "GPUs of the buyer's orders in state operational",
     .sweep = S::Series,
     .sample = buyer_field<&BuyerSample::operational>,
     .changed_by_failures = "all"},
    {.name = "gpus_entered_service_by_buyer",
     .axes = "buyer",
     .units = "1",
     .long_name = "GPUs that have entered service, by buyer (cumulative)",
     .meaning = "GPUs of the buyer's orders that have become operational at least once",
     .sweep = S::Series,
     .sample = buyer_field<&BuyerSample::entered_service>,
     .changed_by_failures = "none"},
    {.name = "gpus_idle_by_buyer",
     .axes = "buyer reason",
     .units = "1",
     .long_name = "GPUs idle by reason, by buyer",
     .meaning =
         "GPUs of the buyer's orders in each idle state (the `reason` axis); its integral over the run "
         "is `gpu_days_idle_by_buyer`",
     .sweep = S::Series,
     .sample = gpus_idle_by_buyer,
     .changed_by_failures = "in_repair"},
    // Per site.
    {.name = "it_power_mw",
     .axes = "site",
     .units = "MW",
     .long_name = "peak IT power of admitted units",
     .meaning = "peak IT power of the units admitted to power (waiting_crew .. operational)",
     .sample = site_field<&SiteSample::it_power_mw>},
    {.name = "power_demand_mw",
     .axes = "site",
     .units = "MW",
     .long_name = "facility power reserved for admitted units (IT peak x PUE x power_provisioning)",
     .meaning = "`it_power_mw` x PUE x power_provisioning: the reservation against the site's supply",
     .sample = site_field<&SiteSample::power_demand_mw>},
    {.name = "power_requested_mw",
     .axes = "site",
     .units = "MW",
     .long_name = "facility power to reserve for all housed units, admitted or waiting for power",
     .meaning = "the reservation the site would need for every housed unit",
     .sample = site_field<&SiteSample::power_requested_mw>},
    {.name = "power_allocated_mw",
     .axes = "site",
     .units = "MW",
     .long_name =
         "power allocated to the site: grid allocation plus the capacity credit of on-site generation",
     .meaning = "`grid_allocated_mw` + `onsite_firm_mw`",
     .sample = site_field<&SiteSample::power_allocated_mw>},
    {.name = "grid_allocated_mw",
     .axes = "site",
     .units = "MW",
     .long_name = "grid power allocated to the site",
     .meaning = "the site's share of the max-flow allocation over zones and corridors",
     .sample = site_field<&SiteSample::grid_allocated_mw>},
    {.name = "grid_connected_mw",
     .axes = "site",
     .units = "MW",
     .long_name = "energised grid connection capacity",
     .meaning = "sum of the capacities of the site's energised connections",
     .sample = site_field<&SiteSample::grid_connected_mw>},
    {.name = "onsite_generation_mw",
     .axes = "site",
     .units = "MW",
     .long_name = "nameplate capacity of on-site generation online",
     .meaning = "nameplate of the site's generation in service at the instant",
     .sample = site_field<&SiteSample::onsite_generation_mw>},
    {.name = "onsite_firm_mw",
     .axes = "site",
     .units = "MW",
     .long_name = "capacity credit of on-site generation online (counted in the allocation)",
     .meaning = "nameplate x capacity_credit of the site's generation in service",
     .sample = site_field<&SiteSample::onsite_firm_mw>},
    {.name = "power_draw_mw",
     .axes = "site",
     .units = "MW",
     .long_name = "average facility power draw of operational GPUs",
     .meaning = "operational GPUs x average IT power x PUE",
     .sample = site_field<&SiteSample::power_draw_mw>},
    {.name = "energy_mwh",
     .axes = "site",
     .units = "MW h",
     .long_name = "facility energy consumed since the start",
     .meaning = "integral of `power_draw_mw` from the start",
     .sample = site_field<&SiteSample::energy_mwh>},
    {.name = "grid_energy_mwh",
     .axes = "site",
     .units = "MW h",
     .long_name = "energy taken from the grid since the start",
     .meaning = "the part of `energy_mwh` not covered by on-site generation",
     .sample = site_field<&SiteSample::grid_energy_mwh>},
    {.name = "emissions_t",
     .axes = "site",
     .units = "t",
     .long_name = "emissions since the start, tonnes CO2e",
     .meaning = "grid energy x the zone's emission factor, plus on-site generation's",
     .sample = site_field<&SiteSample::emissions_t>},
    {.name = "electricity_cost_krw",
     .axes = "site",
     .units = "KRW",
     .long_name = "cost of grid electricity since the start: energy price x grid energy + capacity charge",
     .meaning = "grid energy x the energy price in force, plus contracted MW x the capacity charge in force",
     .sample = site_field<&SiteSample::electricity_cost_krw>},
    {.name = "capacity_cost_krw",
     .axes = "site",
     .units = "KRW",
     .long_name = "capacity charges since the start (contracted connection capacity x charge per MW-month)",
     .meaning = "the capacity-charge part of `electricity_cost_krw`",
     .sample = site_field<&SiteSample::capacity_cost_krw>},
    {.name = "compute_pflops",
     .axes = "site",
     .units = "PFLOP/s",
     .long_name = "dense FP8 compute of operational GPUs",
     .meaning = "operational GPUs x the product's dense FP8 PFLOP/s",
     .sample = site_field<&SiteSample::compute_pflops>},
    {.name = "land_used_ha",
     .axes = "site",
     .units = "ha",
     .long_name = "land taken by started and existing halls",
     .meaning = "sum of the land of the site's halls that are started or exist",
     .sample = site_field<&SiteSample::land_used_ha>},
    {.name = "halls_ready",
     .axes = "site",
     .units = "1",
     .long_name = "halls ready",
     .meaning = "halls built and ready to house units",
     .sample = site_field<&SiteSample::halls_ready>},
    {.name = "gpus_entered_service",
     .axes = "site",
     .units = "1",
     .long_name = "GPUs that have entered service (cumulative)",
     .meaning = "GPUs of the site that have become operational at least once",
     .sample = site_field<&SiteSample::gpus_entered_service>},
    // Per zone and corridor.
    {.name = "zone_load_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "grid power allocated to the zone's sites (a reservation, not their draw)",
     .meaning = "sum of `grid_allocated_mw` over the zone's sites",
     .sample = zone_field<&ZoneSample::load_mw>},
    {.name = "zone_power_draw_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "average facility power draw of the zone's sites",
     .meaning = "sum of `power_draw_mw` over the zone's sites",
     .sample = zone_field<&ZoneSample::draw_mw>},
    {.name = "zone_contracted_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "energised (contracted) grid connection capacity of the zone's sites",
     .meaning = "sum of `grid_connected_mw` over the zone's sites",
     .sample = zone_field<&ZoneSample::contracted_mw>},
    {.name = "zone_grid_energy_mwh",
     .axes = "zone",
     .units = "MW h",
     .long_name = "energy the zone's sites took from the grid since the start",
     .meaning = "sum of `grid_energy_mwh` over the zone's sites; the load a grid model needs (sovsim export)",
     .sample = zone_field<&ZoneSample::grid_energy_mwh>},
    {.name = "zone_headroom_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "zone headroom for new data-centre load",
     .meaning = "the zone's headroom after dated reinforcements (may be negative)",
     .sample = zone_field<&ZoneSample::headroom_mw>},
    {.name = "zone_supply_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "power drawn from the zone's supply headroom (min-cost flow)",
     .meaning = "flow out of the zone's supply in the allocation, to its own or other zones' sites and "
                "background load (docs/model.md §7.2)",
     .sample = zone_field<&ZoneSample::supply_mw>},
    {.name = "zone_background_load_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "background load scheduled in the zone",
     .meaning = "the rest of the country's new load in the zone, from `zones[].background_load` (§7.4)",
     .sample = zone_field<&ZoneSample::background_mw>},
    {.name = "zone_background_served_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "background load the network delivers",
     .meaning = "of the background load, what the network delivers after the sites' energised load (§7.4)",
     .sample = zone_field<&ZoneSample::background_served_mw>},
    {.name = "zone_held_over_limit_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "energised load held over current grid limits",
     .meaning = "energised load of the zone's sites that a headroom cut left above the limits: kept "
                "running, never disconnected (§7.5)",
     .sample = zone_field<&ZoneSample::held_over_limit_mw>},
    {.name = "zone_curtailed_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "energised load cut by an outage",
     .meaning = "energised load of the zone's sites curtailed by a dated outage (§7.5)",
     .sample = zone_field<&ZoneSample::curtailed_mw>},
    {.name = "zone_power_demand_mw",
     .axes = "zone",
     .units = "MW",
     .long_name = "facility power reserved for the zone's sites",
     .meaning = "sum of `power_demand_mw` over the zone's sites",
     .sample = zone_power_demand},
    {.name = "corridor_flow_mw",
     .axes = "corridor",
     .units = "MW",
     .long_name = "net transfer on the corridor, from `from` to `to`",
     .meaning = "the corridor's flow in the allocation (only with corridors)",
     .sample = corridor_field<&CorridorSample::flow_mw>},
    {.name = "corridor_limit_mw",
     .axes = "corridor",
     .units = "MW",
     .long_name = "corridor transfer limit",
     .meaning = "the corridor's limit after dated upgrades (only with corridors)",
     .sample = corridor_field<&CorridorSample::limit_mw>},
    {.name = "substation_capacity_mw",
     .axes = "substation",
     .units = "MW",
     .long_name = "substation limit after its N-1 margin (0 before it is energised)",
     .meaning = "`substations[].capacity` after dated reinforcements less `security_margin`, from its drawn "
                "energisation date; outages not deducted (only with substations)",
     .sample = substation_field<&SubstationSample::capacity_mw>},
    {.name = "substation_contracted_mw",
     .axes = "substation",
     .units = "MW",
     .long_name = "energised (contracted) capacity of the connections the substation feeds",
     .meaning = "sum of the energised capacity of the connections naming the substation (only with "
                "substations)",
     .sample = substation_field<&SubstationSample::contracted_mw>},
    {.name = "substation_allocated_mw",
     .axes = "substation",
     .units = "MW",
     .long_name = "grid power allocated to the connections the substation feeds (a reservation)",
     .meaning = "sum of the allocations of the connections naming the substation, energised load held "
                "over its limit included (only with substations)",
     .sample = substation_field<&SubstationSample::allocated_mw>},
    {.name = "substation_draw_mw",
     .axes = "substation",
     .units = "MW",
     .long_name = "average facility power draw through the substation",
     .meaning = "each site's `power_draw_mw` split over its connections in proportion to their allocation, "
                "summed over the connections naming the substation; on-site generation not deducted, as "
                "in `zone_power_draw_mw` (only with substations)",
     .sample = substation_field<&SubstationSample::draw_mw>},
    // National sums over the sites.
    {.name = "power_demand_national_mw",
     .units = "MW",
     .long_name = "facility power reserved, national",
     .meaning = "`power_demand_mw` summed over sites",
     .sample = national_sum<&SiteSample::power_demand_mw>},
    {.name = "power_draw_national_mw",
     .units = "MW",
     .long_name = "average facility power draw, national",
     .meaning = "`power_draw_mw` summed over sites",
     .sweep = S::Series,
     .sample = national_sum<&SiteSample::power_draw_mw>,
     .changed_by_failures = "all"},
    {.name = "energy_national_mwh",
     .units = "MW h",
     .long_name = "facility energy since the start, national",
     .meaning = "`energy_mwh` summed over sites",
     .sweep = S::Series,
     .sample = national_sum<&SiteSample::energy_mwh>,
     .changed_by_failures = "all"},
    {.name = "emissions_national_t",
     .units = "t",
     .long_name = "emissions since the start, national, tonnes CO2e",
     .meaning = "`emissions_t` summed over sites",
     .sweep = S::Series,
     .sample = national_sum<&SiteSample::emissions_t>,
     .changed_by_failures = "all"},
    {.name = "compute_national_pflops",
     .units = "PFLOP/s",
     .long_name = "dense FP8 compute of operational GPUs, national",
     .meaning = "`compute_pflops` summed over sites",
     .sweep = S::Series,
     .sample = national_sum<&SiteSample::compute_pflops>,
     .changed_by_failures = "all"},
    {.name = "it_power_national_mw",
     .units = "MW",
     .long_name = "peak IT power of admitted units, national",
     .meaning = "`it_power_mw` summed over sites",
     .sweep = S::Series,
     .sample = national_sum<&SiteSample::it_power_mw>,
     .changed_by_failures = "none"},
    {.name = "gpus_entered_service_national",
     .units = "1",
     .long_name = "GPUs that have entered service (cumulative), national",
     .meaning = "`gpus_entered_service` summed over sites",
     .sweep = S::Series,
     .sample = national_sum<&SiteSample::gpus_entered_service>,
     .changed_by_failures = "none"},

    // Values at the end of the run.
    {.name = "gpus_ordered",
     .units = "1",
     .long_name = "GPUs ordered",
     .meaning = "GPUs of every order in the scenario",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::None,
     .compute = headline_count<&Headline::gpus_ordered>,
     .changed_by_failures = "none"},
    {.name = "gpus_entered_service_at_end",
     .units = "1",
     .long_name = "GPUs that entered service within the horizon",
     .meaning = "GPUs that became operational at least once before the end, national",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Higher,
     .compute = headline_count<&Headline::gpus_entered_service>,
     .changed_by_failures = "none"},
    {.name = "gpus_operational_at_end",
     .units = "1",
     .long_name = "GPUs operational at the end of the horizon",
     .meaning = "GPUs in state operational at the end, national",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Higher,
     .compute = headline_count<&Headline::gpus_operational_at_end>,
     .featured = 4,
     .short_label = "GPUs operational at the end",
     .changed_by_failures = "all"},
    {.name = "date_operational_50pct",
     .units = kTimeUnits,
     .long_name = "date at which 50 % of GPUs ordered had entered service, national",
     .meaning = "first instant at which the GPUs that have entered service reach 50 % of the GPUs ordered; "
                "NaN (never) when not within the horizon",
     .kind = K::Date,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = national_milestone<0>,
     .featured = 1,
     .short_label = "date 50 % in service",
     .changed_by_failures = "none"},
    {.name = "date_operational_90pct",
     .units = kTimeUnits,
     .long_name = "date at which 90 % of GPUs ordered had entered service, national",
     .meaning = "as `date_operational_50pct`, for 90 %",
     .kind = K::Date,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = national_milestone<1>,
     .featured = 2,
     .short_label = "date 90 % in service",
     .changed_by_failures = "none"},
    {.name = "date_operational_100pct",
     .units = kTimeUnits,
     .long_name = "date at which 100 % of GPUs ordered had entered service, national",
     .meaning = "as `date_operational_50pct`, for every GPU ordered",
     .kind = K::Date,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = national_milestone<2>,
     .featured = 3,
     .short_label = "date 100 % in service",
     .changed_by_failures = "none"},
    // Always finite, next to the dates (which a run may never reach): the same progress measured at
    // fixed dates and at the end.
    {.name = "share_entered_service_at_end",
     .units = "1",
     .long_name = "share of the GPUs ordered that entered service within the horizon",
     .meaning = "`gpus_entered_service_at_end` / `gpus_ordered` (NaN only when nothing was ordered)",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Higher,
     .compute = share_entered_service,
     .changed_by_failures = "none"},
    {.name = "report_date_date",
     .axes = "report_date",
     .units = kTimeUnits,
     .long_name = "the report date",
     .meaning = "the scenario's `report_dates` (default: 31 December of every year within the horizon); "
                "`gpu_days_in_service_by` and `gpus_in_service_on` are read at its end",
     .kind = K::Date,
     .compute = report_date_day},
    {.name = "gpu_days_in_service_by",
     .axes = "report_date",
     .units = "d",
     .long_name = "GPU-days in service from the start to the end of the report date, national",
     .meaning = "integral of operational GPUs from the start to midnight after the report date, read exactly "
                "at that instant",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Higher,
     .compute = per_report_date<&gpu_days_in_service>,
     .changed_by_failures = "all"},
    {.name = "gpus_in_service_on",
     .axes = "report_date",
     .units = "1",
     .long_name = "GPUs in service at the end of the report date, national",
     .meaning = "GPUs in state operational at midnight after the report date",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Higher,
     .compute = per_report_date<&gpus_in_service>,
     .changed_by_failures = "all"},
    {.name = "date_operational_50pct_by_buyer",
     .axes = "buyer",
     .units = kTimeUnits,
     .long_name = "date at which 50 % of the buyer's GPUs had entered service",
     .meaning = "as `date_operational_50pct`, for the buyer's orders",
     .kind = K::Date,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = buyer_milestone<0>,
     .changed_by_failures = "none"},
    {.name = "date_operational_90pct_by_buyer",
     .axes = "buyer",
     .units = kTimeUnits,
     .long_name = "date at which 90 % of the buyer's GPUs had entered service",
     .meaning = "as `date_operational_90pct`, for the buyer's orders",
     .kind = K::Date,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = buyer_milestone<1>,
     .changed_by_failures = "none"},
    {.name = "date_operational_100pct_by_buyer",
     .axes = "buyer",
     .units = kTimeUnits,
     .long_name = "date at which 100 % of the buyer's GPUs had entered service",
     .meaning = "as `date_operational_100pct`, for the buyer's orders",
     .kind = K::Date,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = buyer_milestone<2>,
     .changed_by_failures = "none"},
    {.name = "gpus_entered_service_at_end_by_buyer",
     .axes = "buyer",
     .units = "1",
     .long_name = "GPUs of the buyer that entered service within the horizon",
     .meaning = "GPUs of the buyer's orders that became operational at least once before the end",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Higher,
     .compute = buyer_entered_service,
     .changed_by_failures = "none"},
    {.name = "peak_power_demand_mw",
     .units = "MW",
     .long_name = "peak national facility power reserved (IT peak x PUE x power_provisioning)",
     .meaning = "maximum over the run of `power_demand_national_mw`, at every change, not only at samples",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::None,
     .compute = headline_value<&Headline::peak_facility_power_mw>,
     .featured = 5,
     .short_label = "peak facility power reserved",
     .changed_by_failures = "none"},
    {.name = "peak_power_physical_mw",
     .units = "MW",
     .long_name = "peak national facility power at IT peak, of admitted units (IT peak x PUE)",
     .meaning = "maximum over the run of admitted units' IT peak x PUE: `peak_power_demand_mw` / "
                "power_provisioning, at every change",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::None,
     .compute = headline_value<&Headline::peak_physical_facility_power_mw>,
     .changed_by_failures = "none"},
    {.name = "peak_power_draw_mw",
     .units = "MW",
     .long_name = "peak national average facility power draw",
     .meaning = "maximum over the run of `power_draw_national_mw`, at every change",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::None,
     .compute = headline_value<&Headline::peak_power_draw_mw>,
     .changed_by_failures = "all"},
    {.name = "energy_total_twh",
     .units = "TW h",
     .long_name = "facility energy over the run, national",
     .meaning = "`energy_national_mwh` at the end of the horizon, in TW h",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::None,
     .compute = headline_value<&Headline::energy_twh>,
     .featured = 6,
     .short_label = "energy",
     .changed_by_failures = "all"},
    {.name = "emissions_total_mt",
     .units = "Mt",
     .long_name = "emissions over the run, national, megatonnes CO2e",
     .meaning = "`emissions_national_t` at the end of the horizon, in Mt",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::None,
     .compute = headline_value<&Headline::emissions_mt>,
     .featured = 7,
     .short_label = "emissions",
     .changed_by_failures = "all"},
    {.name = "electricity_cost_total_krw",
     .units = "KRW",
     .long_name = "cost of grid electricity over the run, national",
     .meaning = "`electricity_cost_krw` summed over sites at the end of the horizon",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::None,
     .compute = headline_value<&Headline::electricity_cost_krw>,
     .changed_by_failures = "all"},
    {.name = "gpu_days",
     .axes = "site state",
     .units = "d",
     .long_name = "GPU-days spent in each state over the run",
     .meaning = "integral over the run of `gpus`; units d (GPU x day), which xarray leaves as numbers",
     .kind = K::Total,
     .compute = gpu_days_by_site},
    {.name = "gpu_days_national",
     .axes = "state",
     .units = "d",
     .long_name = "GPU-days spent in each state over the run, national",
     .meaning = "`gpu_days` summed over sites; idle GPU-days by reason are its waiting states",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::ByState,
     .compute = gpu_days_national,
     .changed_by_failures = "operational in_repair"},
    {.name = "gpu_days_idle",
     .axes = "site reason",
     .units = "d",
     .long_name = "GPU-days idle by reason, per site",
     .meaning = "`gpu_days` of the site in the idle states (the `reason` axis); integrated as the run goes",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = idle_gpu_days<SiteHeadline, &Headline::sites>,
     .changed_by_failures = "in_repair"},
    {.name = "gpu_days_idle_by_buyer",
     .axes = "buyer reason",
     .units = "d",
     .long_name = "GPU-days idle by reason, per buyer",
     .meaning = "GPU-days of the buyer's GPUs (all its sites) in the idle states (the `reason` axis), "
                "integrated at every change of the buyer's counts; summed over buyers it is "
                "`gpu_days_national`'s idle states",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = idle_gpu_days<BuyerHeadline, &Headline::buyers>,
     .changed_by_failures = "in_repair"},
    {.name = "binding_constraint",
     .axes = "site",
     .units = "1",
     .long_name = "constraint that kept most GPU-days idle at the site",
     .meaning = "the waiting state with the most GPU-days at the site (construction, land, power, crew; "
                "ties to the earlier), none if no GPU waited",
     .kind = K::Code,
     .compute = binding,
     .flag_meanings = "none construction land power crew"},
    {.name = "gpus_never_in_service",
     .axes = "site",
     .units = "1",
     .long_name = "GPUs ordered for the site that had not entered service by the end",
     .meaning = "GPUs ordered minus `gpus_entered_service` at the end of the horizon",
     .kind = K::Total,
     .compute = never_in_service},
    {.name = "gpus_never_in_service_national",
     .units = "1",
     .long_name = "GPUs ordered that had not entered service by the end, national",
     .meaning = "`gpus_never_in_service` summed over sites",
     .kind = K::Total,
     .sweep = S::Indicator,
     .better = B::Lower,
     .compute = headline_count<&Headline::gpus_never_in_service>,
     .changed_by_failures = "none"},
    {.name = "gpus_never_housed_or_powered",
     .axes = "site",
     .units = "1",
     .long_name = "GPUs the scenario can never house or power at the site",
     .meaning =
         "the certain part of `gpus_never_in_service`: units short of cooling, hall size, land, racks, "
         "hall IT or supply with every hall, connection and reinforcement granted (docs/model.md 6.1)",
     .kind = K::Total,
     .compute = never_housed_or_powered},
    {.name = "never_in_service_reason",
     .axes = "site",
     .units = "1",
     .long_name = "why GPUs of the site never entered service",
     .meaning = "the first certain shortfall (short_*), else the state most of them ended in; none when all "
                "entered service",
     .kind = K::Code,
     .compute = never_in_service_code,
     .flag_meanings = kNeverInServiceMeanings},
    {.name = "site_land_ha",
     .axes = "site",
     .units = "ha",
     .long_name = "usable land of the site",
     .meaning = "the scenario's land for the site",
     .kind = K::Property,
     .compute = site_land},
    {.name = "site_zone",
     .axes = "site",
     .units = "1",
     .long_name = "grid zone of the site",
     .meaning = "position of the site's zone along the `zone` axis; flag_meanings are the zone names",
     .kind = K::Code,
     .compute = site_zone,
     .flag_meanings = "@zone"},
    {.name = "corridor_from_zone",
     .axes = "corridor",
     .units = "1",
     .long_name = "zone at the corridor's `from` end",
     .meaning =
         "position of the zone along the `zone` axis (only with corridors); for grid models (sovsim export)",
     .kind = K::Code,
     .compute = corridor_end<&Headline::corridor_from_zone>,
     .flag_meanings = "@zone"},
    {.name = "corridor_to_zone",
     .axes = "corridor",
     .units = "1",
     .long_name = "zone at the corridor's `to` end",
     .meaning =
         "position of the zone along the `zone` axis (only with corridors); for grid models (sovsim export)",
     .kind = K::Code,
     .compute = corridor_end<&Headline::corridor_to_zone>,
     .flag_meanings = "@zone"},
    {.name = "substation_zone",
     .axes = "substation",
     .units = "1",
     .long_name = "grid zone of the substation",
     .meaning = "position of the substation's zone along the `zone` axis (only with substations)",
     .kind = K::Code,
     .compute = substation_zone,
     .flag_meanings = "@zone"},
    {.name = "substation_energised",
     .axes = "substation",
     .units = kTimeUnits,
     .long_name = "date the substation was energised",
     .meaning = "its planned `energised` date plus the drawn slip; NaN (fill) when that is after the "
                "horizon (only with substations)",
     .kind = K::Date,
     .compute = substation_value<&Headline::Substation::energised_days>},
    {.name = "substation_capacity_end_mw",
     .axes = "substation",
     .units = "MW",
     .long_name = "substation limit after its N-1 margin at the end",
     .meaning = "`substation_capacity_mw` at the end of the run (only with substations)",
     .kind = K::Total,
     .compute = substation_value<&Headline::Substation::capacity_end_mw>},
    {.name = "substation_contracted_end_mw",
     .axes = "substation",
     .units = "MW",
     .long_name = "contracted capacity of the substation's connections at the end",
     .meaning = "`substation_contracted_mw` at the end of the run (only with substations)",
     .kind = K::Total,
     .compute = substation_value<&Headline::Substation::contracted_end_mw>},
    {.name = "substation_peak_allocated_mw",
     .axes = "substation",
     .units = "MW",
     .long_name = "peak grid power allocated through the substation",
     .meaning = "the largest `substation_allocated_mw` of any power solve in the run, not only at the "
                "samples (only with substations)",
     .kind = K::Total,
     .compute = substation_value<&Headline::Substation::peak_allocated_mw>},
};

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (const std::string_view w : words) out += (out.empty() ? "" : " ") + std::string(w);
  return out;
}

}  // namespace

std::string_view kind_name(OutputKind kind) {
  static constexpr std::array<std::string_view, 5> kNames = {"series", "total", "date", "code", "property"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::span<const OutputAxis> output_axes() { return kAxes; }

std::string_view preferred_direction(const OutputQuantity& q, std::string_view label) {
  switch (q.better) {
    case Better::Unstated:
      return "";
    case Better::None:
      return "none";
    case Better::Lower:
      return "lower";
    case Better::Higher:
      return "higher";
    case Better::ByState:
      if (label == "operational") return "higher";
      return std::find(std::begin(kIdle), std::end(kIdle), label) != std::end(kIdle) ? "lower" : "none";
  }
  return "";
}

bool changed_by_failures(const OutputQuantity& q, std::string_view label) {
  const std::string_view stated = q.changed_by_failures;
  if (stated.empty())
    throw std::logic_error("output schema: entry '" + std::string(q.name) +
                           "' does not state changed_by_failures");
  if (stated == "none") return false;
  if (stated == "all") return true;
  const std::vector<std::string> labels = words(stated);
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

std::span<const OutputQuantity> output_schema() { return kOutputs; }

const OutputQuantity* find_output(std::string_view name) {
  for (const OutputQuantity& q : kOutputs) {
    if (q.name == name) return &q;
  }
  return nullptr;
}

std::span<const std::string_view> idle_states() { return kIdle; }
std::span<const std::string_view> delivered_states() { return kDelivered; }

std::vector<std::pair<std::string, std::string>> output_file_attributes() {
  std::vector<const OutputQuantity*> featured;
  for (const OutputQuantity& q : kOutputs) {
    if (q.featured > 0) featured.push_back(&q);
  }
  std::sort(featured.begin(), featured.end(),
            [](const OutputQuantity* a, const OutputQuantity* b) { return a->featured < b->featured; });
  std::string names;
  for (const OutputQuantity* q : featured) names += (names.empty() ? "" : " ") + std::string(q->name);
  return {{"output_schema_version", std::string(kOutputSchemaVersion)},
          {"idle_states", join(kIdle)},
          {"delivered_states", join(kDelivered)},
          {"featured_indicators", names}};
}

std::vector<std::pair<std::string, std::string>> output_variable_attributes(const OutputQuantity& q) {
  std::vector<std::pair<std::string, std::string>> a = {{"sovsim_kind", std::string(kind_name(q.kind))}};
  if (!q.short_label.empty()) a.emplace_back("short_label", std::string(q.short_label));
  return a;
}

std::vector<std::string> axis_names(const OutputQuantity& q) { return words(q.axes); }

std::string flattened_name(std::string_view name, std::string_view label) {
  return fmt::format("{}_{}", name, label);
}

std::string flattened_name(std::string_view name, std::string_view outer, std::string_view inner) {
  return fmt::format("{}_{}_{}", name, outer, inner);
}

namespace {
// "`gpus_operational`, `compute_pflops` and ...": the condition quantities failures change.
std::string failure_condition_quantities() {
  std::vector<std::string> names;
  for (std::size_t q = 0; q < scn::kConditionQuantityNames.size(); ++q) {
    if (changed_by_failures(static_cast<ConditionQuantity>(q)))
      names.push_back(fmt::format("`{}`", scn::kConditionQuantityNames[q]));
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}
}  // namespace

std::string output_reference_markdown() {
  std::string out =
      "# Output variable reference\n\n"
      "Generated by `sovsim describe --outputs` from the output schema (models/rollout/output_schema.cpp);\n"
      "a test fails when this file differs from it. The layout of the files is in docs/output-format.md.\n\n"
      "Output schema version: **" +
      std::string(kOutputSchemaVersion) +
      "** (root attribute `output_schema_version`).\n\n"
      "`kind` is the variable attribute `sovsim_kind`. Units `days since <start>` are CF time: the\n"
      "value is a date (xarray decodes it to datetime64, NaN to NaT). GPU-days have units `d` (GPU x day):\n"
      "xarray leaves them numbers.\n\n"
      "## Run files (`sovsim run`)\n\n"
      "Series have dims (time, axes...); the other kinds have only their axes. A quantity over\n"
      "`corridor` (`substation`) is written only when the scenario has corridors (substations).\n\n"
      "| name | dims | units | kind | long_name | how it is computed |\n|---|---|---|---|---|---|\n";
  for (const OutputQuantity& q : kOutputs) {
    std::string dims = q.kind == OutputKind::Series ? "time" : "";
    for (const std::string& axis : axis_names(q)) dims += (dims.empty() ? "" : ", ") + axis;
    const std::string units = q.units == kTimeUnits ? "days since <start>" : std::string(q.units);
    std::string meaning(q.meaning);
    if (q.kind == OutputKind::Code) {
      meaning += q.flag_meanings.starts_with("@")
                     ? fmt::format(" (flag_meanings: the `{}` labels)", q.flag_meanings.substr(1))
                     : fmt::format(" (flag_meanings: {})", q.flag_meanings);
    }
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", q.name, dims.empty() ? "–" : dims, units,
                       kind_name(q.kind), q.long_name, meaning);
  }
  out +=
      "\nTargets and observations (scenario keys `targets`, `observations`; models/rollout/conditions.h)\n"
      "add, over a `target` or `observation` axis: `target_met` / `observation_matched` (flag no yes),\n"
      "`<axis>_quantity` (flag: the quantity), `<axis>_date`, `<axis>_date_first_met` (dates),\n"
      "`<axis>_model_value`, `target_threshold` / `observation_observed`, `observation_tolerance`,\n"
      "`observation_difference`, `<axis>_shortfall` (in the quantity's unit; no `units` attribute when\n"
      "the entries' units differ), each with `sovsim_kind = condition`.\n"
      "\n## Sweep files (`sovsim sweep`, `sovsim merge`)\n\n"
      "Each run's indicators and series carry the run file's name for the same quantity. A quantity\n"
      "over one axis is written per label as `<name>_<label>` (e.g. `gpu_days_national_waiting_power`,\n"
      "`gpus_national_operational`). Dates are CF time since the start of the sweep's first design\n"
      "point, so they decode to dates as in run files. `better` is the indicator's attribute\n"
      "`preferred_direction`: which direction a paired comparison of variants counts as better\n"
      "(`sovsim compare`; none: no sense of better). `failures` says what of it GPU failures change: a\n"
      "sweep whose `indicators` keep nothing they change (and no series) runs without them, and its\n"
      "values are those of runs with them (docs/sweeps.md, \"Keeping fewer indicators\"). Targets and\n"
      "observations on " +
      failure_condition_quantities() +
      " depend on them; on the other quantities they do not.\n\n"
      "| name | per run | kept | better | failures | long_name |\n|---|---|---|---|---|---|\n";
  for (const OutputQuantity& q : kOutputs) {
    if (q.sweep == SweepRole::None) continue;
    std::string name = fmt::format("`{}", q.name);
    for (const std::string& axis : axis_names(q)) name += fmt::format("_<{}>", axis);
    name += "`";
    std::string better = q.better == Better::ByState ? "operational higher, idle states lower, others none"
                                                     : std::string(preferred_direction(q, ""));
    const std::string failures = q.changed_by_failures == "all" ? "change it"
                                 : q.changed_by_failures == "none"
                                     ? "–"
                                     : fmt::format("change `{}`", q.changed_by_failures);
    out += fmt::format(
        "| {} | {} | {} | {} | {} | {} |\n", name, q.sweep == SweepRole::Series ? "run, time" : "run",
        q.sweep == SweepRole::Series ? "`keep: bands` or `series`" : "unless `indicators` omit it",
        better.empty() ? "–" : better, failures, q.long_name);
  }
  out +=
      "\nAn indicator over two axes is written per pair of labels, `<name>_<outer>_<inner>`, with the\n"
      "attributes `sweep_axis` / `sweep_axis_label` (outer) and `sweep_inner_axis` / "
      "`sweep_inner_axis_label`.\n"
      "\nPer design point: `<name>_mean` (point) and `<name>_quantile` (point, quantile) of every\n"
      "indicator; `<series>_mean` (point, time) and `<series>_quantile` (point, quantile, time) of every\n"
      "series. Units as the quantity's.\n\n"
      "## Root attributes from the schema\n\n"
      "| attribute | value |\n|---|---|\n";
  for (const auto& [name, value] : output_file_attributes())
    out += fmt::format("| `{}` | `{}` |\n", name, value);
  return out;
}

}  // namespace models::rollout
