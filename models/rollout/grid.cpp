#include "models/rollout/grid.h"

#include <algorithm>

#include "models/rollout/installation.h"

namespace models::rollout {

void initialise_grid(World& w) {
  const Scenario& s = w.catalogue.scenario();
  w.connections = plan_connections(w.catalogue, w.sim);
  for (std::size_t k = 0; k < w.connections.size(); ++k) {
    if (w.connections[k].energised)
      w.schedule(*w.connections[k].energised, Event::Energise, k, sim::Priority::Early);
  }
  w.reinforcement_dates = plan_reinforcements(w.catalogue, w.sim);
  for (std::size_t k = 0; k < w.reinforcement_dates.size(); ++k) {
    if (w.reinforcement_dates[k] <= w.catalogue.horizon()) {
      w.schedule(w.reinforcement_dates[k], Event::Reinforce, k, sim::Priority::Early);
    }
  }
  for (std::size_t site = 0; site < s.sites.size(); ++site) {
    for (const OnSiteGeneration& g : s.sites[site].generation) {
      const sim::Ticks at = std::max<sim::Ticks>(0, w.catalogue.to_ticks(g.available_from));
      w.generation.push_back({site, Generation::from(g)});
      if (at <= w.catalogue.horizon()) {
        w.schedule(at, Event::GenerationOnline, w.generation.size() - 1, sim::Priority::Early);
      }
    }
  }
  w.mark_power_dirty();
}

void on_energise(World& w, std::size_t connection) {
  const ConnectionPlan& c = w.connections[connection];
  SiteState& s = w.sites[c.site];
  s.connected += to_milliwatts(c.capacity_mw);
  w.network.set_connection(c.site, s.connected);
  w.accounting.set_contracted(c.site, s.connected, w.now());
  w.mark_power_dirty();
}

void on_reinforce(World& w, std::size_t k) {
  const ReinforcementSpec& spec = w.catalogue.reinforcements[k];
  const Milliwatts added = to_milliwatts(w.catalogue.scenario().reinforcements[k].added_mw);
  if (spec.zone >= 0) {
    const auto z = static_cast<std::size_t>(spec.zone);
    w.zone_headroom[z] += added;
    w.network.set_zone_headroom(z, w.zone_headroom[z]);
  } else {
    const auto c = static_cast<std::size_t>(spec.corridor);
    w.corridor_limit[c] += added;
    w.network.set_corridor_limit(c, w.corridor_limit[c]);
  }
  w.mark_power_dirty();
}

void on_generation_online(World& w, std::size_t k) {
  const PendingGeneration& g = w.generation[k];
  w.accounting.add_generation(g.site, g.generation, w.now());
  w.touch(g.site);
  w.mark_power_dirty();
}

void solve_power(World& w) {
  const std::size_t n = w.sites.size();
  std::vector<Milliwatts> request(n), firm(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Milliwatts gen = w.accounting.firm_generation(i);  // the capacity credit, not nameplate
    request[i] = std::max<Milliwatts>(0, w.sites[i].placed - gen);
    firm[i] = std::min(request[i], std::max<Milliwatts>(0, w.sites[i].committed - gen));
  }
  w.allocation =
      w.network.solve(request, firm, w.catalogue.scenario().power_sharing, w.catalogue.serving_order);
  ++w.power_solves;
  w.max_flow_solves += w.allocation.max_flow_solves;
  w.power_dirty = false;
  for (std::size_t i = 0; i < n; ++i) {
    SiteState& s = w.sites[i];
    if (w.allocation.site[i] != s.grid_allocation) {
      s.grid_allocation = w.allocation.site[i];
      w.touch(i);
    }
    const Milliwatts supply = s.grid_allocation + w.accounting.firm_generation(i);
    if (s.committed > supply) curtail(w, i, supply);
  }
}

}  // namespace models::rollout
