#include "models/rollout/world.h"

namespace models::rollout {

World::World(const Scenario& scenario, sim::Simulation& simulation)
    : catalogue(scenario),
      sim(simulation),
      failure_streams(simulation),
      halls(catalogue.halls.size()),
      sites(catalogue.sites.size()),
      network(catalogue.network),
      accounting(catalogue) {
  for (const ConstructionTemplate& t : scenario.construction_templates) task_graphs.emplace_back(t);
  for (const GridZone& z : scenario.zones) {
    zone_headroom.push_back(to_milliwatts(z.headroom_mw));
    zone_local.push_back(z.local_network_mw ? to_milliwatts(*z.local_network_mw) : kUnlimitedPower);
  }
  for (const Corridor& k : scenario.corridors) corridor_limit.push_back(to_milliwatts(k.limit_mw));
  for (const Substation& b : scenario.substations)
    substation_capacity.push_back(to_milliwatts(b.capacity_mw));
  substation_online.assign(scenario.substations.size(), 0);
  substation_energised_at.assign(scenario.substations.size(), -1);
  substation_peak_allocated.assign(scenario.substations.size(), 0);
  connection_energised.assign(catalogue.connections.size(), 0);
  feeder_capacity.assign(catalogue.network.feeders.size(), 0);
  background_load.assign(scenario.zones.size(), 0);
  contract.assign(catalogue.connections.size(), 0);
  outage_lost = {std::vector<Milliwatts>(scenario.zones.size(), 0),
                 std::vector<Milliwatts>(scenario.zones.size(), 0),
                 std::vector<Milliwatts>(scenario.corridors.size(), 0),
                 std::vector<Milliwatts>(scenario.substations.size(), 0)};
  for (std::size_t s = 0; s < sites.size(); ++s) {
    sites[s].crews_free = scenario.sites[s].install_crews;
  }
}

sim::EventHandle World::schedule(sim::Ticks at, Event kind, std::uint64_t index, sim::Priority priority) {
  return sim.schedule_at(at, target, sim::pack_payload(static_cast<std::uint8_t>(kind), index), priority);
}

void World::request_settle() {
  if (settle_pending) return;
  settle_pending = true;
  schedule(now(), Event::Settle, 0, sim::Priority::Late);
}

void World::touch(std::size_t site) {
  if (!sites[site].dirty) {
    sites[site].dirty = true;
    dirty_sites.push_back(site);
  }
  request_settle();
}

void World::mark_power_dirty() {
  power_dirty = true;
  request_settle();
}

std::size_t World::cohort_for(std::size_t hall, std::size_t order) {
  const std::uint64_t key = static_cast<std::uint64_t>(hall) * catalogue.orders.size() + order;
  const auto [it, inserted] = cohort_index.emplace(key, cohorts.size());
  if (inserted) {
    const HallSpec& h = catalogue.halls[hall];
    const OrderSpec& o = catalogue.orders[order];
    const ProductSpec& p = catalogue.products[o.product];
    const double avg = catalogue.scenario().operations.average_to_peak_power;
    Cohort c;
    c.site = h.site;
    c.hall = hall;
    c.order = order;
    c.buyer = o.buyer;
    c.gpus_per_unit = p.gpus_per_unit;
    c.draw_per_gpu = to_milliwatts(p.it_mw_per_unit / p.gpus_per_unit * avg * h.hall->pue);
    c.facility_peak_per_unit = to_milliwatts(p.it_mw_per_unit * h.hall->pue);
    c.pflops_per_gpu = p.pflops_per_gpu;
    cohorts.push_back(c);
    sites[h.site].cohorts.push_back(it->second);
  }
  return it->second;
}

}  // namespace models::rollout
