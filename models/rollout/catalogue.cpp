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
  for (const Reinforcement& r : s.reinforcements) {
    const std::string where = "reinforcement '" + r.name + "'";
    ReinforcementSpec spec;
    if (!r.zone.empty()) spec.zone = require(zone_index_, r.zone, where, "zone");
    if (!r.corridor.empty()) spec.corridor = require(corridor_index_, r.corridor, where, "corridor");
    if ((spec.zone >= 0) == (spec.corridor >= 0)) {
      throw std::invalid_argument("rollout: " + where + " must name exactly one of a zone and a corridor");
    }
    reinforcements.push_back(spec);
  }
  for (const ExportHold& h : s.export_holds) {
    for (const std::string& b : h.buyers) require(buyer_index_, b, "export hold '" + h.name + "'", "buyer");
  }
  build_serving_order();
}

void Catalogue::build_serving_order() {
  const Scenario& s = *scenario_;
  // Connection-queue position: the earliest application date of the site's connections; sites
  // without one go last. Ties keep scenario order.
  std::vector<std::int64_t> applied(s.sites.size(), std::numeric_limits<std::int64_t>::max());
  for (std::size_t i = 0; i < s.sites.size(); ++i) {
    for (const GridConnection& c : s.sites[i].connections) {
      applied[i] = std::min(applied[i], sim::days_from_civil(c.applied));
    }
  }
  std::vector<std::size_t> queue(s.sites.size());
  std::iota(queue.begin(), queue.end(), std::size_t{0});
  std::stable_sort(queue.begin(), queue.end(),
                   [&](std::size_t a, std::size_t b) { return applied[a] < applied[b]; });
  if (s.power_sharing != PowerSharing::PriorityList) {
    serving_order = queue;
    return;
  }
  // Listed sites first, in list order; the rest after them in connection-queue order.
  std::vector<bool> listed(s.sites.size(), false);
  for (const std::string& name : s.power_priority) {
    const auto i = static_cast<std::size_t>(require(site_index_, name, "power_priority", "site"));
    if (!listed[i]) serving_order.push_back(i);
    listed[i] = true;
  }
  for (std::size_t i : queue) {
    if (!listed[i]) serving_order.push_back(i);
  }
}

}  // namespace models::rollout
