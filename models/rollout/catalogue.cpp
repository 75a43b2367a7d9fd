#include "models/rollout/catalogue.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "models/rollout/draw.h"

namespace models::rollout {

namespace {

template <typename T>
std::unordered_map<std::string, int> index_names(const std::vector<T>& items, const char* what) {
  std::unordered_map<std::string, int> index;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!index.emplace(items[i].name, static_cast<int>(i)).second) {
      throw std::invalid_argument(std::string("rollout: duplicate ") + what + " name '" + items[i].name +
                                  "'");
    }
  }
  return index;
}

int require(const std::unordered_map<std::string, int>& index, const std::string& name,
            const std::string& where, const char* what) {
  const auto it = index.find(name);
  if (it == index.end()) {
    throw std::invalid_argument("rollout: " + where + " names unknown " + what + " '" + name + "'");
  }
  return it->second;
}

}  // namespace

int Catalogue::find(const Index& index, const std::string& name) {
  const auto it = index.find(name);
  return it == index.end() ? -1 : it->second;
}

Catalogue::Catalogue(const Scenario& s) : scenario_(&s), calendar_(s.start) {
  horizon_ = calendar_.to_ticks(s.end) + sim::kTicksPerDay;
  if (horizon_ <= 0) throw std::invalid_argument("rollout: scenario end precedes its start");
  product_index_ = index_names(s.products, "product");
  buyer_index_ = index_names(s.buyers, "buyer");
  site_index_ = index_names(s.sites, "site");
  zone_index_ = index_names(s.zones, "zone");
  corridor_index_ = index_names(s.corridors, "corridor");
  template_index_ = index_names(s.construction_templates, "construction template");

  for (const Product& p : s.products) {
    if (p.gpus_per_unit <= 0)
      throw std::invalid_argument("rollout: product '" + p.name + "' has no GPUs per unit");
    products.push_back({p.gpus_per_unit, to_milliwatts(p.it_power_mw_per_unit), p.it_power_mw_per_unit,
                        to_micro(p.racks_per_unit), p.cooling, p.compute_pflops_per_gpu});
  }

  for (std::size_t si = 0; si < s.sites.size(); ++si) {
    const Site& site = s.sites[si];
    SiteSpec spec;
    spec.zone = static_cast<std::size_t>(require(zone_index_, site.zone, "site '" + site.name + "'", "zone"));
    spec.land = to_micro(site.land_ha);
    spec.stream_entity = entity_id(site.name);
    if (site.install_crews < 0 || site.units_per_crew_day <= 0) {
      throw std::invalid_argument("rollout: site '" + site.name + "' needs a positive installation rate");
    }
    spec.install_ticks_per_unit =
        std::max<sim::Ticks>(1, sim::ticks_from_days(1.0 / site.units_per_crew_day));
    for (std::size_t hi = 0; hi < site.halls.size(); ++hi) {
      const Hall& h = site.halls[hi];
      HallSpec hs;
      hs.site = si;
      hs.index_in_site = hi;
      hs.hall = &h;
      const std::string where = "hall '" + site.name + "/" + h.name + "'";
      if (h.start != HallStart::Existing) {
        hs.construction_template = require(template_index_, h.construction, where, "construction template");
        if (h.start == HallStart::Planned && !h.planned_start) {
          throw std::invalid_argument("rollout: " + where + " is planned but has no planned_start");
        }
      }
      hs.it_capacity = to_milliwatts(h.it_capacity_mw);
      hs.racks = to_micro(static_cast<double>(h.racks));
      hs.land = to_micro(h.land_ha);
      hs.stream_entity = entity_id(site.name, h.name);
      spec.halls.push_back(halls.size());
      halls.push_back(hs);
    }
    sites.push_back(std::move(spec));
    zone_of_site.push_back(sites.back().zone);
  }

  buyer_gpus.assign(s.buyers.size(), 0);
  for (std::size_t oi = 0; oi < s.orders.size(); ++oi) {
    const Order& o = s.orders[oi];
    const std::string where = "order '" + o.name + "'";
    OrderSpec spec;
    spec.buyer = static_cast<std::size_t>(require(buyer_index_, o.buyer, where, "buyer"));
    spec.product = static_cast<std::size_t>(require(product_index_, o.product, where, "product"));
    spec.site = static_cast<std::size_t>(require(site_index_, o.site, where, "site"));
    spec.units_total = o.installed_at_start;
    for (const Shipment& sh : o.schedule) spec.units_total += sh.units;
    spec.gpus_total = spec.units_total * products[spec.product].gpus_per_unit;
    if (o.service_opens) spec.service_opens = std::max<sim::Ticks>(0, calendar_.to_ticks(*o.service_opens));
    sites[spec.site].orders.push_back(oi);
    sites[spec.site].gpus_ordered += spec.gpus_total;
    buyer_gpus[spec.buyer] += spec.gpus_total;
    gpus_ordered += spec.gpus_total;
    orders.push_back(spec);
  }

  for (const Corridor& c : s.corridors) {
    const std::string where = "corridor '" + c.name + "'";
    corridors.push_back({static_cast<std::size_t>(require(zone_index_, c.from, where, "zone")),
                         static_cast<std::size_t>(require(zone_index_, c.to, where, "zone"))});
  }
  substation_index_ = index_names(s.substations, "substation");
  for (const Reinforcement& r : s.reinforcements) {
    reinforcements.push_back(
        grid_element("reinforcement '" + r.name + "'", r.zone, r.corridor, r.substation, r.layer));
  }
  for (const Outage& o : s.outages) {
    outages.push_back(grid_element("outage '" + o.name + "'", o.zone, o.corridor, o.substation, o.layer));
  }
  for (const ExportHold& h : s.export_holds) {
    for (const std::string& b : h.buyers) require(buyer_index_, b, "export hold '" + h.name + "'", "buyer");
  }
  build_network();
  build_serving_order();
}

GridElementSpec Catalogue::grid_element(const std::string& where, const std::string& zone,
                                        const std::string& corridor, const std::string& substation,
                                        ZoneLayer layer) const {
  if (!zone.empty() + !corridor.empty() + !substation.empty() != 1) {
    throw std::invalid_argument("rollout: " + where +
                                " must name exactly one of a zone, a corridor and a substation");
  }
  if (!zone.empty()) {
    return {layer == ZoneLayer::Supply ? NetworkElement::ZoneSupply : NetworkElement::ZoneLocal,
            static_cast<std::size_t>(require(zone_index_, zone, where, "zone"))};
  }
  if (!corridor.empty()) {
    return {NetworkElement::Corridor,
            static_cast<std::size_t>(require(corridor_index_, corridor, where, "corridor"))};
  }
  return {NetworkElement::Substation,
          static_cast<std::size_t>(require(substation_index_, substation, where, "substation"))};
}

void Catalogue::build_network() {
  const Scenario& s = *scenario_;
  network.zones = s.zones.size();
  for (std::size_t k = 0; k < corridors.size(); ++k) {
    network.corridors.emplace_back(corridors[k].from, corridors[k].to);
    network.corridor_cost.push_back(s.corridors[k].transfer_cost);
  }
  for (const Substation& b : s.substations) {
    network.substation_zone.push_back(
        static_cast<std::size_t>(require(zone_index_, b.zone, "substation '" + b.name + "'", "zone")));
  }
  network.site_zone = zone_of_site;
  // One feeder per (site, substation or local network) that a connection uses.
  site_connections.assign(s.sites.size(), {});
  for (std::size_t si = 0; si < s.sites.size(); ++si) {
    const Site& site = s.sites[si];
    for (std::size_t k = 0; k < site.connections.size(); ++k) {
      const GridConnection& c = site.connections[k];
      ConnectionSpec spec;
      spec.site = si;
      spec.index_in_site = k;
      if (!c.substation.empty()) {
        const std::string where = "connection " + std::to_string(k) + " of site '" + site.name + "'";
        spec.substation = require(substation_index_, c.substation, where, "substation");
        if (network.substation_zone[static_cast<std::size_t>(spec.substation)] != zone_of_site[si]) {
          throw std::invalid_argument("rollout: " + where + " names substation '" + c.substation +
                                      "' outside the site's zone");
        }
      }
      std::size_t feeder = 0;
      while (feeder < network.feeders.size() &&
             !(network.feeders[feeder].site == si && network.feeders[feeder].substation == spec.substation)) {
        ++feeder;
      }
      if (feeder == network.feeders.size()) network.feeders.push_back({si, spec.substation});
      spec.feeder = feeder;
      spec.load = connections.size();
      network.loads.push_back({static_cast<int>(si), zone_of_site[si]});
      connections.push_back(spec);
    }
  }
  for (std::size_t z = 0; z < s.zones.size(); ++z) {
    background_load.push_back(network.loads.size());
    network.loads.push_back({-1, z});
  }
}

void Catalogue::build_serving_order() {
  const Scenario& s = *scenario_;
  // Connection-queue position of each connection: those energised at the start first (existing
  // customers; their application dates are often placeholders), then each by its own
  // application date. Ties keep scenario order.
  auto key = [&](std::size_t c) {
    const GridConnection& g = s.sites[connections[c].site].connections[connections[c].index_in_site];
    return g.connected_at_start ? std::numeric_limits<std::int64_t>::min() : sim::days_from_civil(g.applied);
  };
  std::vector<std::size_t> queue(connections.size());
  std::iota(queue.begin(), queue.end(), std::size_t{0});
  std::stable_sort(queue.begin(), queue.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  for (const std::size_t c : queue) site_connections[connections[c].site].push_back(c);
  if (s.power_sharing != PowerSharing::PriorityList) {
    serving_order = queue;
    return;
  }
  // Listed sites' connections first, in list order; the rest after them in queue order.
  std::vector<bool> listed(s.sites.size(), false);
  for (const std::string& name : s.power_priority) {
    const auto i = static_cast<std::size_t>(require(site_index_, name, "power_priority", "site"));
    if (!listed[i])
      serving_order.insert(serving_order.end(), site_connections[i].begin(), site_connections[i].end());
    listed[i] = true;
  }
  for (std::size_t c : queue) {
    if (!listed[connections[c].site]) serving_order.push_back(c);
  }
}

}  // namespace models::rollout
