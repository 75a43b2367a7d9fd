#include "models/rollout/recording.h"

#include <algorithm>
#include <cmath>

#include "models/rollout/grid.h"
#include "models/rollout/layout.h"
#include "models/rollout/output_schema.h"
#include "models/rollout/report_dates.h"
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
    const Milliwatts firm = w.accounting.firm_generation(i);
    o.name = sc.sites[i].name;
    o.zone = c.sites[i].zone;
    o.gpus_ordered = c.sites[i].gpus_ordered;
    o.gpus = w.accounting.site_counts(i);
    o.it_power_mw = to_mw(s.committed_it);
    o.power_demand_mw = to_mw(s.committed);
    o.power_requested_mw = to_mw(s.placed);
    o.grid_allocated_mw = to_mw(s.grid_allocation);
    o.onsite_generation_mw = to_mw(gen);
    o.onsite_firm_mw = to_mw(firm);
    o.power_allocated_mw = to_mw(s.grid_allocation + firm);
    o.grid_connected_mw = to_mw(s.connected);
    o.power_draw_mw = to_mw(w.accounting.draw(i));
    o.energy_mwh = w.accounting.energy_mwh(i);
    o.grid_energy_mwh = w.accounting.grid_energy_mwh(i);
    o.emissions_t = w.accounting.emissions_t(i);
    o.electricity_cost_krw = w.accounting.cost_krw(i);
    o.capacity_cost_krw = w.accounting.capacity_cost_krw(i);
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
    out.zones[z].draw_mw = 0;
    out.zones[z].contracted_mw = 0;
    out.zones[z].grid_energy_mwh = 0;
    out.zones[z].background_mw = to_mw(w.background_load[z]);
    const std::size_t b = c.background_load[z];
    out.zones[z].background_served_mw = b < w.allocation.load.size() ? to_mw(w.allocation.load[b]) : 0.0;
    out.zones[z].held_over_limit_mw = 0;
    out.zones[z].curtailed_mw = 0;
  }
  for (std::size_t i = 0; i < w.sites.size(); ++i) {
    ZoneSample& zone = out.zones[c.sites[i].zone];
    zone.load_mw += to_mw(w.sites[i].grid_allocation);
    zone.draw_mw += out.sites[i].power_draw_mw;
    zone.contracted_mw += out.sites[i].grid_connected_mw;
    zone.grid_energy_mwh += out.sites[i].grid_energy_mwh;
  }
  for (std::size_t k = 0; k < c.connections.size() && k < w.allocation.held_over_limit.size(); ++k) {
    ZoneSample& zone = out.zones[c.sites[c.connections[k].site].zone];
    zone.held_over_limit_mw += to_mw(w.allocation.held_over_limit[k]);
    zone.curtailed_mw += to_mw(w.allocation.curtailed[k]);
  }
  out.corridors.resize(sc.corridors.size());
  for (std::size_t k = 0; k < sc.corridors.size(); ++k) {
    out.corridors[k].name = sc.corridors[k].name;
    out.corridors[k].limit_mw = to_mw(w.corridor_limit[k]) - sc.corridors[k].security_margin_mw;
    out.corridors[k].flow_mw =
        k < w.allocation.corridor_flow.size() ? to_mw(w.allocation.corridor_flow[k]) : 0.0;
  }
  out.substations.resize(sc.substations.size());
  const std::vector<Milliwatts> contracted = substation_contracted(w);
  const std::vector<Milliwatts> allocated = substation_allocated(w);
  for (std::size_t b = 0; b < sc.substations.size(); ++b) {
    SubstationSample& o = out.substations[b];
    o.name = sc.substations[b].name;
    o.capacity_mw = to_mw(substation_limit(w, b));
    o.contracted_mw = to_mw(contracted[b]);
    o.allocated_mw = to_mw(allocated[b]);
    o.draw_mw = 0;
  }
  // A site's draw is split over its connections in proportion to their allocation (a site fed
  // through one substation puts its whole draw there).
  for (std::size_t k = 0; k < c.connections.size() && k < w.allocation.load.size(); ++k) {
    const ConnectionSpec& spec = c.connections[k];
    const Milliwatts site_grid = w.sites[spec.site].grid_allocation;
    if (spec.substation < 0 || site_grid <= 0) continue;
    out.substations[static_cast<std::size_t>(spec.substation)].draw_mw +=
        out.sites[spec.site].power_draw_mw * static_cast<double>(w.allocation.load[k]) /
        static_cast<double>(site_grid);
  }
  out.buyers.resize(sc.buyers.size());
  for (std::size_t b = 0; b < sc.buyers.size(); ++b) {
    out.buyers[b].operational = w.accounting.buyer_counts(b)[index(GpuState::Operational)];
    out.buyers[b].entered_service = w.accounting.buyer_entered_service(b);
    const std::span<const std::string_view> idle = idle_states();
    for (std::size_t k = 0; k < idle.size(); ++k) {
      const auto state = static_cast<std::size_t>(
          std::find(kGpuStateNames.begin(), kGpuStateNames.end(), idle[k]) - kGpuStateNames.begin());
      out.buyers[b].idle.at(k) = w.accounting.buyer_counts(b)[state];
    }
  }
}

namespace {

template <typename T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  for (const T& item : items) names.push_back(item.name);
  return names;
}

// The labels of each axis of the scenario; an axis the scenario does not have is absent (the
// corridor axis without corridors).
std::vector<sim::Axis> scenario_axes(const Scenario& sc) {
  std::vector<sim::Axis> axes;
  for (const OutputAxis& a : output_axes()) {
    std::vector<std::string> labels;
    if (a.name == "site") labels = names_of(sc.sites);
    if (a.name == "zone") labels = names_of(sc.zones);
    if (a.name == "state") labels.assign(kGpuStateNames.begin(), kGpuStateNames.end());
    if (a.name == "buyer") labels = names_of(sc.buyers);
    if (a.name == "reason") labels.assign(idle_states().begin(), idle_states().end());
    if (a.name == "corridor") {
      if (sc.corridors.empty()) continue;
      labels = names_of(sc.corridors);
    }
    if (a.name == "substation") {
      if (sc.substations.empty()) continue;
      labels = names_of(sc.substations);
    }
    if (a.name == "target") {
      if (sc.targets.empty()) continue;
      labels = names_of(sc.targets);
    }
    if (a.name == "report_date") {
      const std::vector<ReportDate> dates = report_dates(sc);
      if (dates.empty()) continue;
      labels = names_of(dates);
    }
    if (a.name == "observation") {
      if (sc.observations.empty()) continue;
      labels = names_of(sc.observations);
    }
    axes.push_back({std::string(a.name), std::string(a.long_name), std::move(labels)});
  }
  return axes;
}

const sim::Axis* find_axis(const std::vector<sim::Axis>& axes, const std::string& name) {
  for (const sim::Axis& a : axes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// Whether every axis of the entry exists in the scenario.
bool has_axes(const std::vector<sim::Axis>& axes, const OutputQuantity& q) {
  for (const std::string& a : axis_names(q)) {
    if (!find_axis(axes, a)) return false;
  }
  return true;
}

// The file's description of an entry, for this scenario.
sim::VariableInfo variable_info(const OutputQuantity& q, const std::vector<sim::Axis>& axes,
                                const std::string& time_units) {
  sim::VariableInfo v;
  v.name = std::string(q.name);
  v.units = q.units == kTimeUnits ? time_units : std::string(q.units);
  v.long_name = std::string(q.long_name);
  v.axes = axis_names(q);
  v.has_fill_value = q.kind == OutputKind::Date;
  if (q.kind == OutputKind::Code) {
    if (q.flag_meanings.starts_with("@")) {
      // Codes are positions along an axis: its labels, made single words as CF requires.
      const sim::Axis* axis = find_axis(axes, std::string(q.flag_meanings.substr(1)));
      for (std::string label : axis ? axis->labels : std::vector<std::string>{}) {
        std::replace(label.begin(), label.end(), ' ', '_');
        v.flag_meanings += (v.flag_meanings.empty() ? "" : " ") + label;
      }
    } else {
      v.flag_meanings = std::string(q.flag_meanings);
    }
  }
  v.attributes = output_variable_attributes(q);
  return v;
}

}  // namespace

std::vector<std::string> axis_labels(const Scenario& sc, std::string_view axis) {
  for (sim::Axis& a : scenario_axes(sc)) {
    if (a.name == axis) return std::move(a.labels);
  }
  return {};
}

void declare_recording(const World& w, sim::Recorder& r, const Snapshot& snap) {
  const std::vector<sim::Axis> axes = scenario_axes(w.catalogue.scenario());
  for (const sim::Axis& a : axes) r.add_axis(a);
  const std::string time_units = w.catalogue.calendar().cf_time_units();
  for (const OutputQuantity& q : output_schema()) {
    if (q.kind != OutputKind::Series || !has_axes(axes, q)) continue;
    r.add_series(variable_info(q, axes, time_units),
                 [&snap, sample = q.sample](std::span<double> out) { sample(snap, out); });
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
  const std::vector<sim::Axis> axes = scenario_axes(sc);
  std::uint64_t values = 0;
  for (const OutputQuantity& q : output_schema()) {
    if (q.kind != OutputKind::Series || !has_axes(axes, q)) continue;
    std::uint64_t extent = 1;
    for (const std::string& a : axis_names(q)) extent *= find_axis(axes, a)->labels.size();
    values += extent;
  }
  return values;
}

double output_bytes(const Scenario& sc) {
  return static_cast<double>(recorded_samples(sc)) * static_cast<double>(row_values(sc) + 1) *
         static_cast<double>(sizeof(double));
}

namespace {

sim::VariableInfo info(std::string name, std::string units, std::string long_name,
                       std::vector<std::string> axes) {
  sim::VariableInfo v;
  v.name = std::move(name);
  v.units = std::move(units);
  v.long_name = std::move(long_name);
  v.axes = std::move(axes);
  v.attributes = {{"sovsim_kind", "condition"}};
  return v;
}

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
  const std::vector<sim::Axis> axes = scenario_axes(w.catalogue.scenario());
  const std::string time_units = w.catalogue.calendar().cf_time_units();
  for (const OutputQuantity& q : output_schema()) {
    if (q.kind == OutputKind::Series || !has_axes(axes, q)) continue;
    std::vector<double> values;
    q.compute(h, values);
    r.add_static({variable_info(q, axes, time_units), std::move(values)});
  }
  // Targets and observations (conditions.h): their own family of variables over the target and
  // observation axes, with units per entry; listed in docs/output-reference.md.
  declare_conditions(h.targets, "target", false, time_units, r);
  declare_conditions(h.observations, "observation", true, time_units, r);
}

}  // namespace models::rollout
