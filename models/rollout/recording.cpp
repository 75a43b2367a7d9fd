#include "models/rollout/recording.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <tuple>

#include "models/rollout/layout.h"
#include "models/scenario/conditions.h"

namespace models::rollout {

void take_snapshot(World& w, Snapshot& out) {
  const Catalogue& c = w.catalogue;
  const Scenario& sc = c.scenario();
  const sim::Ticks now = w.now();
  w.accounting.advance_all(now);
  out.time = now;
  out.sites.resize(w.sites.size());
  for (std::size_t i = 0; i < w.sites.size(); ++i) {
    const SiteState& s = w.sites[i];
    SiteSample& o = out.sites[i];
    const Milliwatts gen = w.accounting.generation(i);
    o.name = sc.sites[i].name;
    o.gpus_ordered = c.sites[i].gpus_ordered;
    o.gpus = w.accounting.site_counts(i);
    o.it_power_mw = to_mw(s.committed_it);
    o.power_demand_mw = to_mw(s.committed);
    o.power_requested_mw = to_mw(s.placed);
    o.grid_allocated_mw = to_mw(s.grid_allocation);
    o.onsite_generation_mw = to_mw(gen);
    o.power_allocated_mw = to_mw(s.grid_allocation + gen);
    o.grid_connected_mw = to_mw(s.connected);
    o.power_draw_mw = to_mw(w.accounting.draw(i));
    o.energy_mwh = w.accounting.energy_mwh(i);
    o.grid_energy_mwh = w.accounting.grid_energy_mwh(i);
    o.emissions_t = w.accounting.emissions_t(i);
    o.electricity_cost_krw = w.accounting.cost_krw(i);
    double compute = 0;
    for (const std::size_t k : s.cohorts) {
      compute += static_cast<double>(w.cohorts[k].operational) * w.cohorts[k].pflops_per_gpu;
    }
    o.compute_pflops = compute;
    o.land_ha = from_micro(c.sites[i].land);
    o.land_used_ha = from_micro(s.land_used);
    o.halls_ready = s.halls_ready;
    o.gpus_entered_service = static_cast<double>(w.accounting.site_entered_service(i));
  }
  out.zones.resize(sc.zones.size());
  for (std::size_t z = 0; z < sc.zones.size(); ++z) {
    out.zones[z].name = sc.zones[z].name;
    out.zones[z].headroom_mw = to_mw(w.zone_headroom[z]);
    out.zones[z].supply_mw = z < w.allocation.zone_supply.size() ? to_mw(w.allocation.zone_supply[z]) : 0.0;
    out.zones[z].load_mw = 0;
  }
  for (std::size_t i = 0; i < w.sites.size(); ++i) {
    out.zones[c.sites[i].zone].load_mw += to_mw(w.sites[i].grid_allocation);
  }
  out.corridors.resize(sc.corridors.size());
  for (std::size_t k = 0; k < sc.corridors.size(); ++k) {
    out.corridors[k].name = sc.corridors[k].name;
    out.corridors[k].limit_mw = to_mw(w.corridor_limit[k]);
    out.corridors[k].flow_mw =
        k < w.allocation.corridor_flow.size() ? to_mw(w.allocation.corridor_flow[k]) : 0.0;
  }
  out.buyers.resize(sc.buyers.size());
  for (std::size_t b = 0; b < sc.buyers.size(); ++b) {
    out.buyers[b].operational = w.accounting.buyer_counts(b)[index(GpuState::Operational)];
    out.buyers[b].entered_service = w.accounting.buyer_entered_service(b);
  }
}

namespace {

template <typename T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  for (const T& item : items) names.push_back(item.name);
  return names;
}

sim::VariableInfo info(std::string name, std::string units, std::string long_name,
                       std::vector<std::string> axes) {
  sim::VariableInfo v;
  v.name = std::move(name);
  v.units = std::move(units);
  v.long_name = std::move(long_name);
  v.axes = std::move(axes);
  return v;
}

// The per-site and per-zone series read from one field of the snapshot each.
struct SiteField {
  const char* name;
  const char* units;
  const char* long_name;
  double SiteSample::*field;
};
constexpr SiteField kSiteFields[] = {
    {"it_power_mw", "MW", "peak IT power of admitted units", &SiteSample::it_power_mw},
    {"power_demand_mw", "MW",
     "facility power reserved for admitted units (IT peak x PUE x power_provisioning)",
     &SiteSample::power_demand_mw},
    {"power_requested_mw", "MW",
     "facility power to reserve for all housed units, admitted or waiting for power",
     &SiteSample::power_requested_mw},
    {"power_allocated_mw", "MW", "power allocated to the site: grid allocation plus on-site generation",
     &SiteSample::power_allocated_mw},
    {"grid_allocated_mw", "MW", "grid power allocated to the site", &SiteSample::grid_allocated_mw},
    {"grid_connected_mw", "MW", "energised grid connection capacity", &SiteSample::grid_connected_mw},
    {"onsite_generation_mw", "MW", "on-site generation capacity available",
     &SiteSample::onsite_generation_mw},
    {"power_draw_mw", "MW", "average facility power draw of operational GPUs", &SiteSample::power_draw_mw},
    {"energy_mwh", "MW h", "facility energy consumed since the start", &SiteSample::energy_mwh},
    {"grid_energy_mwh", "MW h", "energy taken from the grid since the start", &SiteSample::grid_energy_mwh},
    {"emissions_t", "t", "emissions since the start, tonnes CO2e", &SiteSample::emissions_t},
    {"electricity_cost_krw", "KRW", "cost of grid electricity since the start",
     &SiteSample::electricity_cost_krw},
    {"compute_pflops", "PFLOP/s", "dense FP8 compute of operational GPUs", &SiteSample::compute_pflops},
    {"land_used_ha", "ha", "land taken by started and existing halls", &SiteSample::land_used_ha},
    {"halls_ready", "1", "halls ready", &SiteSample::halls_ready},
    {"gpus_entered_service", "1", "GPUs that have entered service (cumulative)",
     &SiteSample::gpus_entered_service},
};
struct ZoneField {
  const char* name;
  const char* long_name;
  double ZoneSample::*field;
};
constexpr ZoneField kZoneFields[] = {
    {"zone_load_mw", "grid power allocated to the zone's sites", &ZoneSample::load_mw},
    {"zone_headroom_mw", "zone headroom for new data-centre load", &ZoneSample::headroom_mw},
    {"zone_supply_mw", "power drawn from the zone's headroom (max-flow)", &ZoneSample::supply_mw},
};
// National series: sums over the sites.
struct NationalField {
  const char* name;
  const char* units;
  const char* long_name;
  double SiteSample::*field;
};
constexpr NationalField kNationalFields[] = {
    {"power_demand_national_mw", "MW", "facility power reserved, national", &SiteSample::power_demand_mw},
    {"power_draw_national_mw", "MW", "average facility power draw, national", &SiteSample::power_draw_mw},
    {"energy_national_mwh", "MW h", "facility energy since the start, national", &SiteSample::energy_mwh},
    {"emissions_national_t", "t", "emissions since the start, national, tonnes CO2e",
     &SiteSample::emissions_t},
    {"compute_national_pflops", "PFLOP/s", "dense FP8 compute of operational GPUs, national",
     &SiteSample::compute_pflops},
};

// Per corridor: flow and limit (declared only when the scenario has corridors).
constexpr std::size_t kCorridorSeries = 2;
// Per buyer: operational GPUs and GPUs that entered service.
constexpr std::size_t kBuyerSeries = 2;

}  // namespace

void declare_recording(const World& w, sim::Recorder& r, const Snapshot& snap) {
  const Scenario& sc = w.catalogue.scenario();
  const std::size_t zones = sc.zones.size();
  const std::vector<std::size_t> zone_of = w.catalogue.zone_of_site;
  r.add_axis({"site", "data-centre site", names_of(sc.sites)});
  r.add_axis({"zone", "grid zone", names_of(sc.zones)});
  r.add_axis({"state", "GPU state", std::vector<std::string>(kGpuStateNames.begin(), kGpuStateNames.end())});
  r.add_axis({"buyer", "buyer", names_of(sc.buyers)});
  if (!sc.corridors.empty()) r.add_axis({"corridor", "transmission corridor", names_of(sc.corridors)});
  if (!sc.targets.empty()) r.add_axis({"target", "target (scenario key targets)", names_of(sc.targets)});
  if (!sc.observations.empty())
    r.add_axis({"observation", "observation (scenario key observations)", names_of(sc.observations)});

  r.add_series(info("gpus", "1", "GPUs by site and state", {"site", "state"}),
               [&snap](std::span<double> out) {
                 for (std::size_t i = 0; i < snap.sites.size(); ++i) {
                   for (std::size_t k = 0; k < kGpuStateCount; ++k) {
                     out[i * kGpuStateCount + k] = static_cast<double>(snap.sites[i].gpus[k]);
                   }
                 }
               });
  r.add_series(info("gpus_zone", "1", "GPUs by grid zone and state", {"zone", "state"}),
               [&snap, zone_of](std::span<double> out) {
                 std::fill(out.begin(), out.end(), 0.0);
                 for (std::size_t i = 0; i < snap.sites.size(); ++i) {
                   for (std::size_t k = 0; k < kGpuStateCount; ++k) {
                     out[zone_of[i] * kGpuStateCount + k] += static_cast<double>(snap.sites[i].gpus[k]);
                   }
                 }
               });
  r.add_series(info("gpus_national", "1", "GPUs by state, national", {"state"}),
               [&snap](std::span<double> out) {
                 std::fill(out.begin(), out.end(), 0.0);
                 for (const SiteSample& s : snap.sites) {
                   for (std::size_t k = 0; k < kGpuStateCount; ++k) out[k] += static_cast<double>(s.gpus[k]);
                 }
               });
  r.add_series(info("gpus_operational_by_buyer", "1", "operational GPUs by buyer", {"buyer"}),
               [&snap](std::span<double> out) {
                 for (std::size_t b = 0; b < snap.buyers.size(); ++b) {
                   out[b] = static_cast<double>(snap.buyers[b].operational);
                 }
               });
  r.add_series(info("gpus_entered_service_by_buyer", "1",
                    "GPUs that have entered service, by buyer (cumulative)", {"buyer"}),
               [&snap](std::span<double> out) {
                 for (std::size_t b = 0; b < snap.buyers.size(); ++b) {
                   out[b] = static_cast<double>(snap.buyers[b].entered_service);
                 }
               });

  for (const SiteField& f : kSiteFields) {
    const auto field = f.field;
    r.add_series(info(f.name, f.units, f.long_name, {"site"}), [&snap, field](std::span<double> out) {
      for (std::size_t i = 0; i < snap.sites.size(); ++i) out[i] = snap.sites[i].*field;
    });
  }

  for (const ZoneField& f : kZoneFields) {
    const auto field = f.field;
    r.add_series(info(f.name, "MW", f.long_name, {"zone"}), [&snap, field](std::span<double> out) {
      for (std::size_t z = 0; z < snap.zones.size(); ++z) out[z] = snap.zones[z].*field;
    });
  }
  r.add_series(info("zone_power_demand_mw", "MW", "facility power reserved for the zone's sites", {"zone"}),
               [&snap, zone_of, zones](std::span<double> out) {
                 std::fill(out.begin(), out.end(), 0.0);
                 for (std::size_t i = 0; i < snap.sites.size() && zones > 0; ++i) {
                   out[zone_of[i]] += snap.sites[i].power_demand_mw;
                 }
               });
  if (!sc.corridors.empty()) {
    using CorridorField = std::tuple<const char*, const char*, double CorridorSample::*>;
    for (const auto& [name, long_name, field] :
         {CorridorField{"corridor_flow_mw", "net transfer on the corridor, from `from` to `to`",
                        &CorridorSample::flow_mw},
          CorridorField{"corridor_limit_mw", "corridor transfer limit", &CorridorSample::limit_mw}}) {
      r.add_series(info(name, "MW", long_name, {"corridor"}), [&snap, member = field](std::span<double> out) {
        for (std::size_t k = 0; k < snap.corridors.size(); ++k) out[k] = snap.corridors[k].*member;
      });
    }
  }
  for (const NationalField& f : kNationalFields) {
    const auto field = f.field;
    r.add_series(info(f.name, f.units, f.long_name, {}), [&snap, field](std::span<double> out) {
      double total = 0;
      for (const SiteSample& s : snap.sites) total += s.*field;
      out[0] = total;
    });
  }
}

sim::Ticks sample_interval_ticks(const Scenario& sc) {
  // Beyond 2^62 ticks (1.5e14 years) llround would overflow; any horizon is far shorter.
  constexpr double kBeyondAnyHorizon = 4611686018427387904.0;
  const double ticks = sc.sample_interval_days * static_cast<double>(sim::kTicksPerDay);
  if (!(ticks < kBeyondAnyHorizon)) return static_cast<sim::Ticks>(kBeyondAnyHorizon);
  return std::max<sim::Ticks>(1, sim::ticks_from_days(sc.sample_interval_days));
}

std::uint64_t recorded_samples(const Scenario& sc) {
  // The horizon as Catalogue::horizon() has it: midnight after the (inclusive) end date.
  const sim::Ticks horizon = sim::days(sim::days_from_civil(sc.end) - sim::days_from_civil(sc.start) + 1);
  if (horizon <= 0) return 0;
  return static_cast<std::uint64_t>(horizon / sample_interval_ticks(sc)) + 1;
}

std::uint64_t row_values(const Scenario& sc) {
  const std::uint64_t site = kGpuStateCount + std::size(kSiteFields);  // gpus, site series
  const std::uint64_t zone =
      kGpuStateCount + std::size(kZoneFields) + 1;  // gpus_zone, ..., zone_power_demand
  const std::uint64_t national = kGpuStateCount + std::size(kNationalFields);  // gpus_national, ...
  return site * sc.sites.size() + zone * sc.zones.size() + kBuyerSeries * sc.buyers.size() +
         kCorridorSeries * sc.corridors.size() + national;
}

double output_bytes(const Scenario& sc) {
  return static_cast<double>(recorded_samples(sc)) * static_cast<double>(row_values(sc) + 1) *
         static_cast<double>(sizeof(double));
}

namespace {

// The statics of targets (axis "target") or observations (axis "observation"): one mechanism.
void declare_conditions(const std::vector<ConditionOutcome>& list, const std::string& axis, bool observations,
                        const std::string& time_units, sim::Recorder& r) {
  if (list.empty()) return;
  // Values share a units attribute only when every entry's quantity has the same unit.
  std::string units = list.front().units;
  for (const ConditionOutcome& c : list) {
    if (c.units != units) units.clear();
  }
  const std::string unit_note = units.empty() ? " (unit of its quantity: see " + axis + "_quantity)" : "";
  const auto column = [&](double ConditionOutcome::*field) {
    std::vector<double> v;
    for (const ConditionOutcome& c : list) v.push_back(c.*field);
    return v;
  };
  const auto add = [&](const std::string& suffix, const std::string& u, const std::string& long_name,
                       std::vector<double> values, bool fill = false, std::string flags = {}) {
    sim::VariableInfo v = info(axis + "_" + suffix, u, long_name, {axis});
    v.has_fill_value = fill;
    v.flag_meanings = std::move(flags);
    r.add_static({v, std::move(values)});
  };
  std::vector<double> met, quantity, date;
  std::string quantity_flags;
  for (std::string_view q : scn::kConditionQuantityNames)
    quantity_flags += (quantity_flags.empty() ? "" : " ") + std::string(q);
  for (const ConditionOutcome& c : list) {
    met.push_back(c.met ? 1.0 : 0.0);
    for (std::size_t q = 0; q < scn::kConditionQuantityNames.size(); ++q) {
      if (scn::kConditionQuantityNames[q] == c.quantity) quantity.push_back(static_cast<double>(q));
    }
    date.push_back(c.date_days - 1);
  }
  if (observations) {
    add("matched", "1",
        "whether the model's value at the end of the date is within the tolerance of the observed value", met,
        false, "no yes");
  } else {
    add("met", "1", "whether the target was met at the end of its date", met, false, "no yes");
  }
  add("quantity", "1", "the output quantity the condition is on", quantity, false, quantity_flags);
  add("date", time_units, "date of the condition (evaluated at the end of this day)", date);
  add("date_first_met", time_units,
      "first instant at which the condition held (exact, not sampled); fill (NaN) when it never held within "
      "the horizon",
      column(&ConditionOutcome::first_met_days), true);
  add("model_value", units, "the model's quantity at the end of the date" + unit_note,
      column(&ConditionOutcome::model_value), true);
  add(observations ? "observed" : "threshold", units,
      (observations ? "the observed value" : "the target's threshold") + unit_note,
      column(&ConditionOutcome::value));
  if (observations) {
    add("tolerance", units,
        "the tolerance that applies: the larger of the absolute and relative ones" + unit_note,
        column(&ConditionOutcome::tolerance));
    add("difference", units, "model value minus observed value" + unit_note,
        column(&ConditionOutcome::difference));
  }
  add("shortfall", units,
      std::string("how far the model is from ") +
          (observations ? "the tolerance band" : "meeting the target") + " at the end of the date, 0 when " +
          (observations ? "matched" : "met") + unit_note,
      column(&ConditionOutcome::shortfall));
}

}  // namespace

void declare_statics(const World& w, const Headline& h, sim::Recorder& r) {
  const std::string time_units = w.catalogue.calendar().cf_time_units();
  static constexpr const char* kPercent[] = {"50", "90", "100"};
  for (std::size_t m = 0; m < 3; ++m) {
    sim::VariableInfo v = info(
        std::string("date_operational_") + kPercent[m] + "pct", time_units,
        std::string("date at which ") + kPercent[m] + " % of GPUs ordered had entered service, national", {});
    v.has_fill_value = true;
    r.add_static({v, {h.national.days[m]}});
    sim::VariableInfo b =
        info(std::string("date_operational_") + kPercent[m] + "pct_by_buyer", time_units,
             std::string("date at which ") + kPercent[m] + " % of the buyer's GPUs had entered service",
             {"buyer"});
    b.has_fill_value = true;
    std::vector<double> values;
    for (const BuyerHeadline& bh : h.buyers) values.push_back(bh.milestones.days[m]);
    r.add_static({b, values});
  }
  r.add_static({info("peak_power_demand_mw", "MW",
                     "peak national facility power reserved (IT peak x PUE x power_provisioning)", {}),
                {h.peak_facility_power_mw}});
  r.add_static({info("peak_power_draw_mw", "MW", "peak national average facility power draw", {}),
                {h.peak_power_draw_mw}});
  r.add_static(
      {info("energy_total_twh", "TW h", "facility energy over the run, national", {}), {h.energy_twh}});
  r.add_static({info("emissions_total_mt", "Mt", "emissions over the run, national, megatonnes CO2e", {}),
                {h.emissions_mt}});
  std::vector<double> gpu_days;
  std::vector<double> binding;
  for (const SiteHeadline& s : h.sites) {
    gpu_days.insert(gpu_days.end(), s.gpu_days.begin(), s.gpu_days.end());
    binding.push_back(static_cast<double>(s.binding));
  }
  r.add_static(
      {info("gpu_days", "d", "GPU-days spent in each state over the run", {"site", "state"}), gpu_days});
  sim::VariableInfo b =
      info("binding_constraint", "1",
           "constraint that kept most GPU-days idle at the site (flag_values 0..4)", {"site"});
  b.flag_meanings = "none construction land power crew";
  r.add_static({b, binding});
  std::vector<double> land;
  for (const SiteSpec& site : w.catalogue.sites) land.push_back(from_micro(site.land));
  r.add_static({info("site_land_ha", "ha", "usable land of the site", {"site"}), land});
  std::vector<double> zone;
  for (const std::size_t z : w.catalogue.zone_of_site) zone.push_back(static_cast<double>(z));
  r.add_static(
      {info("site_zone_index", "1", "position of the site's grid zone along the zone axis", {"site"}), zone});
  declare_conditions(h.targets, "target", false, time_units, r);
  declare_conditions(h.observations, "observation", true, time_units, r);
}

}  // namespace models::rollout
