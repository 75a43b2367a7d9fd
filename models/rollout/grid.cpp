#include "models/rollout/grid.h"

#include <algorithm>

#include "models/rollout/installation.h"

namespace models::rollout {

namespace {

Milliwatts less_margin(Milliwatts capacity, double margin_mw) {
  if (capacity >= kUnlimitedPower) return capacity;
  return capacity - to_milliwatts(margin_mw);
}

// Pushes every capacity of the world into the network: planning values less N-1 margins, and
// the outages separately (they are the only ones that may curtail energised load).
void apply_capacities(World& w) {
  const Scenario& s = w.catalogue.scenario();
  PowerNetwork& n = w.network;
  for (std::size_t z = 0; z < s.zones.size(); ++z) {
    n.set_capacity(NetworkElement::ZoneSupply, z, w.zone_headroom[z]);
    n.set_capacity(NetworkElement::ZoneLocal, z,
                   less_margin(w.zone_local[z], s.zones[z].local_security_margin_mw));
    n.set_outage(NetworkElement::ZoneSupply, z, w.outage_lost[0][z]);
    n.set_outage(NetworkElement::ZoneLocal, z, w.outage_lost[1][z]);
  }
  for (std::size_t k = 0; k < s.corridors.size(); ++k) {
    n.set_capacity(NetworkElement::Corridor, k,
                   less_margin(w.corridor_limit[k], s.corridors[k].security_margin_mw));
    n.set_outage(NetworkElement::Corridor, k, w.outage_lost[2][k]);
  }
  for (std::size_t b = 0; b < s.substations.size(); ++b) {
    n.set_capacity(NetworkElement::Substation, b, substation_limit(w, b));
    n.set_outage(NetworkElement::Substation, b, w.outage_lost[3][b]);
  }
  for (std::size_t f = 0; f < w.feeder_capacity.size(); ++f) {
    n.set_capacity(NetworkElement::Feeder, f, w.feeder_capacity[f]);
  }
}

std::size_t kind_index(NetworkElement e) {
  switch (e) {
    case NetworkElement::ZoneSupply:
      return 0;
    case NetworkElement::ZoneLocal:
      return 1;
    case NetworkElement::Corridor:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

void initialise_grid(World& w) {
  const Catalogue& c = w.catalogue;
  const Scenario& s = c.scenario();
  const std::vector<std::optional<sim::Ticks>> substations = plan_substations(c, w.sim);
  for (std::size_t b = 0; b < substations.size(); ++b) {
    if (substations[b]) w.schedule(*substations[b], Event::SubstationOnline, b, sim::Priority::Early);
  }
  w.connections = plan_connections(c, w.sim, substations);
  for (std::size_t k = 0; k < w.connections.size(); ++k) {
    const ConnectionPlan& p = w.connections[k];
    if (!p.energised) continue;
    const GridConnection& g = s.sites[p.site].connections[c.connections[k].index_in_site];
    // Tranches: equal parts (the last takes the rounding), the next every tranche_interval.
    const Milliwatts total = to_milliwatts(g.capacity_mw);
    const int parts = std::max(1, g.tranches);
    for (int i = 0; i < parts; ++i) {
      const sim::Ticks at = *p.energised + i * sim::ticks_from_days(g.tranche_interval_days);
      if (at > c.horizon()) break;
      const Milliwatts part = i + 1 < parts ? total / parts : total - (parts - 1) * (total / parts);
      w.energisations.push_back({k, part});
      w.schedule(at, Event::Energise, w.energisations.size() - 1, sim::Priority::Early);
    }
  }
  w.reinforcement_dates = plan_reinforcements(c, w.sim);
  for (std::size_t k = 0; k < w.reinforcement_dates.size(); ++k) {
    if (w.reinforcement_dates[k] <= c.horizon()) {
      w.schedule(w.reinforcement_dates[k], Event::Reinforce, k, sim::Priority::Early);
    }
  }
  w.outage_windows = plan_outages(c, w.sim);
  for (std::size_t k = 0; k < w.outage_windows.size(); ++k) {
    const auto [start, end] = w.outage_windows[k];
    if (start <= c.horizon()) w.schedule(start, Event::OutageStart, k, sim::Priority::Early);
    if (end <= c.horizon()) w.schedule(end, Event::OutageEnd, k, sim::Priority::Early);
  }
  for (std::size_t z = 0; z < s.zones.size(); ++z) {
    for (const LoadStep& step : s.zones[z].background_load) {
      w.background_steps.push_back({z, to_milliwatts(step.load_mw)});
      const sim::Ticks at = std::max<sim::Ticks>(0, c.to_ticks(step.date));
      if (at <= c.horizon())
        w.schedule(at, Event::BackgroundStep, w.background_steps.size() - 1, sim::Priority::Early);
    }
  }
  for (std::size_t site = 0; site < s.sites.size(); ++site) {
    for (const OnSiteGeneration& g : s.sites[site].generation) {
      const sim::Ticks at = std::max<sim::Ticks>(0, c.to_ticks(g.available_from));
      w.generation.push_back({site, Generation::from(g)});
      if (at <= c.horizon()) {
        w.schedule(at, Event::GenerationOnline, w.generation.size() - 1, sim::Priority::Early);
      }
    }
  }
  apply_capacities(w);
  w.mark_power_dirty();
}

void on_energise(World& w, std::size_t k) {
  const Energisation& e = w.energisations[k];
  const ConnectionSpec& spec = w.catalogue.connections[e.connection];
  w.connection_energised[e.connection] += e.capacity;
  w.feeder_capacity[spec.feeder] += e.capacity;
  w.network.set_capacity(NetworkElement::Feeder, spec.feeder, w.feeder_capacity[spec.feeder]);
  w.sites[spec.site].connected += e.capacity;
  ++w.site_fields_changes;
  w.accounting.set_contracted(spec.site, w.sites[spec.site].connected, w.now());
  w.mark_power_dirty();
}

void on_substation_online(World& w, std::size_t b) {
  w.substation_online[b] = 1;
  w.substation_energised_at[b] = w.now();
  apply_capacities(w);
  w.mark_power_dirty();
}

void on_reinforce(World& w, std::size_t k) {
  const GridElementSpec& spec = w.catalogue.reinforcements[k];
  const Milliwatts added = to_milliwatts(w.catalogue.scenario().reinforcements[k].added_mw);
  switch (spec.element) {
    case NetworkElement::ZoneSupply:
      w.zone_headroom[spec.index] += added;
      break;
    case NetworkElement::ZoneLocal:
      if (w.zone_local[spec.index] < kUnlimitedPower) w.zone_local[spec.index] += added;
      break;
    case NetworkElement::Corridor:
      w.corridor_limit[spec.index] += added;
      break;
    case NetworkElement::Substation:
      w.substation_capacity[spec.index] += added;
      break;
    case NetworkElement::Feeder:
      break;
  }
  apply_capacities(w);
  w.mark_power_dirty();
}

void on_outage(World& w, std::size_t k, bool starts) {
  const GridElementSpec& spec = w.catalogue.outages[k];
  const Milliwatts lost = to_milliwatts(w.catalogue.scenario().outages[k].lost_mw);
  w.outage_lost[kind_index(spec.element)][spec.index] += starts ? lost : -lost;
  apply_capacities(w);
  w.mark_power_dirty();
}

void on_background_step(World& w, std::size_t k) {
  w.background_load[w.background_steps[k].zone] = w.background_steps[k].load;
  w.mark_power_dirty();
}

void on_generation_online(World& w, std::size_t k) {
  const PendingGeneration& g = w.generation[k];
  w.accounting.add_generation(g.site, g.generation, w.now());
  w.touch(g.site);
  w.mark_power_dirty();
}

void solve_power(World& w) {
  const Catalogue& c = w.catalogue;
  const Scenario& sc = c.scenario();
  const std::size_t loads = c.network.loads.size();
  std::vector<Milliwatts> request(loads, 0), firm(loads, 0);
  if (sc.power_reservation == PowerReservation::Contracted) {
    // Every energised connection asks for its whole capacity; what it holds is its contract.
    for (std::size_t k = 0; k < c.connections.size(); ++k) {
      request[k] = w.connection_energised[k];
      firm[k] = std::min(request[k], w.contract[k]);
    }
  } else {
    // The site's housed (and admitted) load, net of generation, over its energised connections
    // in queue order.
    for (std::size_t i = 0; i < w.sites.size(); ++i) {
      const Milliwatts gen = w.accounting.firm_generation(i);  // the capacity credit, not nameplate
      Milliwatts wanted = std::max<Milliwatts>(0, w.sites[i].placed - gen);
      Milliwatts held = std::min(wanted, std::max<Milliwatts>(0, w.sites[i].committed - gen));
      for (const std::size_t k : c.site_connections[i]) {
        request[k] = std::min(wanted, w.connection_energised[k]);
        firm[k] = std::min(held, request[k]);
        wanted -= request[k];
        held -= firm[k];
      }
    }
  }
  for (std::size_t z = 0; z < w.background_load.size(); ++z)
    request[c.background_load[z]] = w.background_load[z];
  w.allocation = w.network.solve(request, firm, sc.power_sharing, sc.background_priority, c.serving_order);
  ++w.power_solves;
  w.max_flow_solves += w.allocation.max_flow_solves;
  w.power_dirty = false;
  for (std::size_t k = 0; k < c.connections.size(); ++k) {
    w.contract[k] = std::max(w.contract[k], w.allocation.load[k]);  // an outage does not void it
  }
  const std::vector<Milliwatts> through_substation = substation_allocated(w);
  for (std::size_t b = 0; b < through_substation.size(); ++b)
    w.substation_peak_allocated[b] = std::max(w.substation_peak_allocated[b], through_substation[b]);
  std::vector<Milliwatts> site_grid(w.sites.size(), 0);
  for (std::size_t k = 0; k < c.connections.size(); ++k)
    site_grid[c.connections[k].site] += w.allocation.load[k];
  for (std::size_t i = 0; i < w.sites.size(); ++i) {
    SiteState& s = w.sites[i];
    if (site_grid[i] != s.grid_allocation) {
      s.grid_allocation = site_grid[i];
      w.touch(i);
    }
    const Milliwatts supply = s.grid_allocation + w.accounting.firm_generation(i);
    if (s.committed > supply) curtail(w, i, supply);
  }
}

std::vector<Milliwatts> substation_contracted(const World& w) {
  std::vector<Milliwatts> out(w.substation_capacity.size(), 0);
  const std::vector<ConnectionSpec>& connections = w.catalogue.connections;
  for (std::size_t k = 0; k < connections.size(); ++k) {
    if (connections[k].substation >= 0)
      out[static_cast<std::size_t>(connections[k].substation)] += w.connection_energised[k];
  }
  return out;
}

std::vector<Milliwatts> substation_allocated(const World& w) {
  std::vector<Milliwatts> out(w.substation_capacity.size(), 0);
  const std::vector<ConnectionSpec>& connections = w.catalogue.connections;
  for (std::size_t k = 0; k < connections.size() && k < w.allocation.load.size(); ++k) {
    if (connections[k].substation >= 0)
      out[static_cast<std::size_t>(connections[k].substation)] += w.allocation.load[k];
  }
  return out;
}

Milliwatts substation_limit(const World& w, std::size_t b) {
  if (!w.substation_online[b]) return 0;
  return less_margin(w.substation_capacity[b], w.catalogue.scenario().substations[b].security_margin_mw);
}

}  // namespace models::rollout
