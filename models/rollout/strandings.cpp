#include "models/rollout/strandings.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace models::rollout {

namespace {

// Room for rounding in sums of MW and racks read from decimal text.
constexpr double kSlack = 1e-9;

struct Lot {
  std::int64_t day = 0;  // release (or start) day; lots are housed and powered in this order
  std::size_t order = 0;
  const Product* product = nullptr;
  std::int64_t units = 0;
};

std::string mw(double v) { return fmt::format("{:.2f}", v); }

const Product* find_product(const Scenario& sc, const std::string& name) {
  for (const Product& p : sc.products) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// Units counted for a site: released after end - service_life and not after the end.
std::vector<Lot> counted_lots(const Scenario& sc, const std::string& site) {
  const std::int64_t start = sim::days_from_civil(sc.start);
  const std::int64_t end = sim::days_from_civil(sc.end);
  const double life = sc.operations.service_life_days;
  const double cutoff = life > 0 ? static_cast<double>(end) - life : -std::numeric_limits<double>::infinity();
  std::vector<Lot> lots;
  for (std::size_t o = 0; o < sc.orders.size(); ++o) {
    const Order& order = sc.orders[o];
    if (order.site != site) continue;
    const Product* product = find_product(sc, order.product);
    if (product == nullptr) continue;
    if (order.installed_at_start > 0 && static_cast<double>(start) > cutoff) {
      lots.push_back({start, o, product, order.installed_at_start});
    }
    for (const Shipment& s : order.schedule) {
      const std::int64_t day = std::max(start, sim::days_from_civil(s.date));
      if (s.units > 0 && day <= end && static_cast<double>(day) > cutoff)
        lots.push_back({day, o, product, s.units});
    }
  }
  std::stable_sort(lots.begin(), lots.end(), [](const Lot& a, const Lot& b) { return a.day < b.day; });
  return lots;
}

// The halls that can be built: existing ones first, planned ones by start date (if they start
// within the horizon), then on-demand ones in file order, each while the site's land lasts.
struct HallPlan {
  std::vector<const Hall*> usable;
  std::vector<const Hall*> land_blocked;
  double land_needed = 0;  // land of every hall that could start within the horizon
};

HallPlan plan_halls(const Scenario& sc, const Site& site) {
  const std::int64_t end = sim::days_from_civil(sc.end);
  HallPlan plan;
  std::vector<const Hall*> candidates;
  for (const Hall& h : site.halls) {
    if (h.start == HallStart::Existing) candidates.push_back(&h);
  }
  std::vector<const Hall*> planned;
  for (const Hall& h : site.halls) {
    if (h.start == HallStart::Planned && h.planned_start && sim::days_from_civil(*h.planned_start) <= end) {
      planned.push_back(&h);
    }
  }
  std::stable_sort(planned.begin(), planned.end(), [](const Hall* a, const Hall* b) {
    return sim::days_from_civil(*a->planned_start) < sim::days_from_civil(*b->planned_start);
  });
  candidates.insert(candidates.end(), planned.begin(), planned.end());
  for (const Hall& h : site.halls) {
    if (h.start == HallStart::OnDemand) candidates.push_back(&h);
  }
  double land_free = site.land_ha;
  for (const Hall* h : candidates) {
    plan.land_needed += h->land_ha;
    if (h->land_ha <= land_free + kSlack) {
      land_free -= h->land_ha;
      plan.usable.push_back(h);
    } else {
      plan.land_blocked.push_back(h);
    }
  }
  return plan;
}

bool unit_fits(const Product& p, const Hall& h) {
  return h.cooling == p.cooling && p.racks_per_unit <= h.racks + kSlack &&
         p.it_power_mw_per_unit <= h.it_capacity_mw + kSlack;
}

std::string hall_names(const std::vector<const Hall*>& halls) {
  std::string out;
  for (const Hall* h : halls) out += (out.empty() ? "" : ", ") + ("'" + h->name + "'");
  return out;
}

std::string_view cooling_name(Cooling c) { return c == Cooling::Air ? "air" : "liquid"; }

// How many whole units of `p` fit in the remaining room.
std::int64_t fitting_units(const Product& p, double racks_left, double it_left) {
  double n = std::numeric_limits<double>::infinity();
  if (p.racks_per_unit > 0) n = std::min(n, std::floor((racks_left + kSlack) / p.racks_per_unit));
  if (p.it_power_mw_per_unit > 0) n = std::min(n, std::floor((it_left + kSlack) / p.it_power_mw_per_unit));
  if (!std::isfinite(n)) return std::numeric_limits<std::int64_t>::max();
  return std::max<std::int64_t>(0, static_cast<std::int64_t>(n));
}

// A site's grid supply at best: every connection energised, capped by the substations that feed
// them and by the zone's local network (docs/model.md section 7.2), each at its capacity less its
// N-1 margin plus every positive reinforcement within the horizon. Other sites' use of the same
// substation or local network is ignored, so a shortfall against this bound is certain.
struct GridLimit {
  double mw = 0;              // what the site's connections can deliver at best
  double connections_mw = 0;  // the connections' capacity alone
  std::string capped_by;      // ", but ..." when a substation or the local network caps it
};

double positive_reinforcements(const Scenario& sc, std::int64_t end, const std::string& zone,
                               const std::string& substation, ZoneLayer layer) {
  double added = 0;
  for (const Reinforcement& r : sc.reinforcements) {
    if (r.added_mw <= 0 || sim::days_from_civil(r.date) > end) continue;
    if (!substation.empty() ? r.substation == substation : (r.zone == zone && r.layer == layer))
      added += r.added_mw;
  }
  return added;
}

GridLimit best_grid_supply(const Scenario& sc, const Site& site) {
  const std::int64_t end = sim::days_from_civil(sc.end);
  GridLimit g;
  double direct = 0;
  std::map<std::string, double> via;  // connections' capacity per substation
  for (const GridConnection& c : site.connections) {
    if (!c.connected_at_start && sim::days_from_civil(c.applied) > end) continue;
    g.connections_mw += c.capacity_mw;
    (c.substation.empty() ? direct : via[c.substation]) += c.capacity_mw;
  }
  double grid = direct;
  for (const auto& [name, capacity] : via) {
    // clang 14 cannot capture a structured binding in a lambda (C++20 allows it; g++ does).
    const std::string& substation = name;
    const auto b = std::find_if(sc.substations.begin(), sc.substations.end(),
                                [&](const Substation& x) { return x.name == substation; });
    if (b == sc.substations.end()) {
      grid += capacity;
      continue;
    }
    const bool energised = !b->energised || sim::days_from_civil(*b->energised) <= end;
    const double cap = energised
                           ? std::max(0.0, b->capacity_mw - b->security_margin_mw +
                                               positive_reinforcements(sc, end, "", name, ZoneLayer::Supply))
                           : 0.0;
    if (cap < capacity - kSlack) {
      g.capped_by += fmt::format(", but substation '{}' delivers at most {} MW{}", name, mw(cap),
                                 energised ? "" : " (not energised within the horizon)");
    }
    grid += std::min(capacity, cap);
  }
  const auto zone =
      std::find_if(sc.zones.begin(), sc.zones.end(), [&](const GridZone& z) { return z.name == site.zone; });
  if (zone != sc.zones.end() && zone->local_network_mw) {
    const double local =
        std::max(0.0, *zone->local_network_mw - zone->local_security_margin_mw +
                          positive_reinforcements(sc, end, zone->name, "", ZoneLayer::LocalNetwork));
    if (local < grid - kSlack) {
      g.capped_by +=
          fmt::format(", but zone '{}''s local network delivers at most {} MW", zone->name, mw(local));
      grid = local;
    }
  }
  g.mw = grid;
  return g;
}

struct SiteResult {
  double grid_need_mw = 0;  // provisioned facility power of the powered units, beyond generation
};

SiteResult check_site(const Scenario& sc, const Site& site, std::vector<Shortfall>& out) {
  SiteResult result;
  const std::vector<Lot> lots = counted_lots(sc, site.name);
  if (lots.empty()) return result;
  const HallPlan plan = plan_halls(sc, site);

  // Products with no hall of their cooling, or no hall big enough for one unit.
  std::map<const Product*, std::int64_t> unhousable;
  for (const Lot& lot : lots) {
    const Product& p = *lot.product;
    const bool any_cooling = std::any_of(site.halls.begin(), site.halls.end(),
                                         [&](const Hall& h) { return h.cooling == p.cooling; });
    const bool any_fits =
        std::any_of(plan.usable.begin(), plan.usable.end(), [&](const Hall* h) { return unit_fits(p, *h); });
    const bool blocked_fits = std::any_of(plan.land_blocked.begin(), plan.land_blocked.end(),
                                          [&](const Hall* h) { return unit_fits(p, *h); });
    if (!any_cooling || (!any_fits && !blocked_fits)) unhousable[&p] += lot.units;
  }
  for (const auto& [p, units] : unhousable) {
    const Product* product = p;  // clang 14 cannot capture a structured binding in a lambda
    const bool any_cooling = std::any_of(site.halls.begin(), site.halls.end(),
                                         [&](const Hall& h) { return h.cooling == product->cooling; });
    Shortfall s;
    s.site = site.name;
    s.units = units;
    s.gpus = units * p->gpus_per_unit;
    if (!any_cooling) {
      s.resource = ShortResource::Cooling;
      s.unit = "halls";
      s.needed = 1;
      s.available = 0;
      s.detail = fmt::format("product '{}' needs {} cooling; no hall of the site has it", p->name,
                             cooling_name(p->cooling));
    } else {
      s.resource = ShortResource::HallSize;
      s.unit = "MW IT";
      s.needed = p->it_power_mw_per_unit;
      double largest = 0;
      for (const Hall& h : site.halls) {
        if (h.cooling == p->cooling) largest = std::max(largest, h.it_capacity_mw);
      }
      s.available = largest;
      s.detail = fmt::format(
          "one unit of '{}' needs {} racks and {} MW IT; no {}-cooled hall of the site is that large",
          p->name, p->racks_per_unit, mw(p->it_power_mw_per_unit), cooling_name(p->cooling));
    }
    out.push_back(s);
  }

  // Housing, per cooling, first come first served over the usable halls' total room.
  std::vector<Lot> housed;
  for (const Cooling cooling : {Cooling::Air, Cooling::Liquid}) {
    double racks = 0, it = 0, blocked_racks = 0, blocked_it = 0, blocked_land = 0;
    for (const Hall* h : plan.usable) {
      if (h->cooling == cooling) racks += h->racks, it += h->it_capacity_mw;
    }
    for (const Hall* h : plan.land_blocked) {
      if (h->cooling == cooling)
        blocked_racks += h->racks, blocked_it += h->it_capacity_mw, blocked_land += h->land_ha;
    }
    double need_racks = 0, need_it = 0;
    std::int64_t stranded_units = 0, stranded_gpus = 0;
    double racks_left = racks, it_left = it;
    for (const Lot& lot : lots) {
      const Product& p = *lot.product;
      if (p.cooling != cooling || unhousable.count(&p)) continue;
      need_racks += p.racks_per_unit * static_cast<double>(lot.units);
      need_it += p.it_power_mw_per_unit * static_cast<double>(lot.units);
      const std::int64_t fit = std::min(lot.units, fitting_units(p, racks_left, it_left));
      racks_left -= p.racks_per_unit * static_cast<double>(fit);
      it_left -= p.it_power_mw_per_unit * static_cast<double>(fit);
      if (fit > 0) housed.push_back({lot.day, lot.order, lot.product, fit});
      stranded_units += lot.units - fit;
      stranded_gpus += (lot.units - fit) * p.gpus_per_unit;
    }
    if (stranded_units == 0) continue;
    Shortfall s;
    s.site = site.name;
    s.units = stranded_units;
    s.gpus = stranded_gpus;
    const bool land_would_help = !plan.land_blocked.empty() && (blocked_racks > 0 || blocked_it > 0) &&
                                 need_racks <= racks + blocked_racks + kSlack &&
                                 need_it <= it + blocked_it + kSlack;
    if (land_would_help) {
      s.resource = ShortResource::Land;
      s.unit = "ha";
      s.needed = plan.land_needed;
      s.available = site.land_ha;
      s.detail =
          fmt::format("the halls need {:.2f} ha, the site has {:.2f} ha: {} cannot be built ({:.2f} ha)",
                      plan.land_needed, site.land_ha, hall_names(plan.land_blocked), blocked_land);
    } else if (racks > 0 && need_racks / racks >= (it > 0 ? need_it / it : 0)) {
      s.resource = ShortResource::Racks;
      s.unit = "racks";
      s.needed = need_racks;
      s.available = racks;
      s.detail = fmt::format(
          "{}-cooled units need {:.2f} racks and {} MW IT; the buildable {}-cooled halls have {:.2f} racks "
          "and {} MW IT",
          cooling_name(cooling), need_racks, mw(need_it), cooling_name(cooling), racks, mw(it));
    } else {
      s.resource = ShortResource::ItCapacity;
      s.unit = "MW IT";
      s.needed = need_it;
      s.available = it;
      s.detail = fmt::format(
          "{}-cooled units need {} MW IT and {:.2f} racks; the buildable {}-cooled halls have {} MW IT and "
          "{:.2f} racks",
          cooling_name(cooling), mw(need_it), need_racks, cooling_name(cooling), mw(it), racks);
    }
    out.push_back(s);
  }
  std::stable_sort(housed.begin(), housed.end(), [](const Lot& a, const Lot& b) { return a.day < b.day; });

  // Power: every connection energised and all generation available at its capacity credit (what
  // the allocation counts, docs/model.md section 7.3); each unit reserves
  // IT x PUE x provisioning, with the lowest PUE among the usable halls of its cooling.
  const std::int64_t end = sim::days_from_civil(sc.end);
  const GridLimit grid = best_grid_supply(sc, site);
  const double supply = grid.mw;
  double generation = 0;
  for (const OnSiteGeneration& g : site.generation) {
    if (sim::days_from_civil(g.available_from) <= end) generation += g.capacity_mw * capacity_credit_of(g);
  }
  const double provisioning = sc.operations.power_provisioning;
  double need = 0, left = supply + generation, powered_need = 0;
  std::int64_t dark_units = 0, dark_gpus = 0;
  double pue_used = std::numeric_limits<double>::infinity(), it_total = 0;
  for (const Lot& lot : housed) {
    const Product& p = *lot.product;
    double pue = std::numeric_limits<double>::infinity();
    for (const Hall* h : plan.usable) {
      if (h->cooling == p.cooling) pue = std::min(pue, h->pue);
    }
    pue_used = std::min(pue_used, pue);
    const double per_unit = p.it_power_mw_per_unit * pue * provisioning;
    need += per_unit * static_cast<double>(lot.units);
    it_total += p.it_power_mw_per_unit * static_cast<double>(lot.units);
    std::int64_t fit = lot.units;
    if (per_unit > 0) {
      fit = std::min<std::int64_t>(
          lot.units, static_cast<std::int64_t>(std::max(0.0, std::floor((left + kSlack) / per_unit))));
    }
    left -= per_unit * static_cast<double>(fit);
    powered_need += per_unit * static_cast<double>(fit);
    dark_units += lot.units - fit;
    dark_gpus += (lot.units - fit) * p.gpus_per_unit;
  }
  result.grid_need_mw = std::max(0.0, std::min(supply, powered_need - generation));
  if (dark_units > 0) {
    Shortfall s;
    s.site = site.name;
    s.resource = ShortResource::Supply;
    s.unit = "MW";
    s.needed = need;
    s.available = supply + generation;
    s.units = dark_units;
    s.gpus = dark_gpus;
    s.detail = fmt::format(
        "the housed units need {} MW of provisioned facility power (IT {} MW x PUE {} x power_provisioning "
        "{}); "
        "{} {} MW{}{}",
        mw(need), mw(it_total), pue_used, provisioning,
        site.connections.size() == 1
            ? std::string("its 1 connection gives")
            : fmt::format("its {} connections, all energised, give", site.connections.size()),
        mw(grid.connections_mw), grid.capped_by,
        generation > 0 ? fmt::format(" and on-site generation {} MW", mw(generation)) : std::string());
    out.push_back(s);
  }
  return result;
}

// The one substation feeding all of a site's connections that count within the horizon, or ""
// when the site has a direct connection or connections through several substations (then its
// need cannot be attributed to one substation, and the shared check below leaves it out).
std::string sole_substation(const Scenario& sc, const Site& site) {
  const std::int64_t end = sim::days_from_civil(sc.end);
  std::string sole;
  for (const GridConnection& c : site.connections) {
    if (!c.connected_at_start && sim::days_from_civil(c.applied) > end) continue;
    if (c.substation.empty() || (!sole.empty() && sole != c.substation)) return "";
    sole = c.substation;
  }
  return sole;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

// Sites that share a limit (a substation, a zone's local network) can exceed it together although
// each fits alone: their summed grid need against the limit at its best is a certain shortfall.
void check_shared_limit(const std::string& zone, const std::string& limit_name, double limit_mw,
                        double need_mw, const std::vector<std::string>& sites, std::vector<Shortfall>& out) {
  if (sites.size() < 2 || need_mw <= limit_mw + kSlack) return;
  Shortfall s;
  s.site = zone;
  s.resource = ShortResource::ZoneSupply;
  s.shared_limit = limit_name;
  s.unit = "MW";
  s.needed = need_mw;
  s.available = limit_mw;
  s.detail = fmt::format("the grid load of sites {} is {} MW together; {} delivers at most {} MW",
                         quoted_list(sites), mw(need_mw), limit_name, mw(limit_mw));
  out.push_back(s);
}

}  // namespace

std::vector<Shortfall> find_strandings(const Scenario& sc) {
  std::vector<Shortfall> out;
  std::map<std::string, double> zone_need;
  std::map<std::string, std::vector<std::string>> zone_sites;
  std::map<std::string, double> substation_need;
  std::map<std::string, std::vector<std::string>> substation_sites;
  for (const Site& site : sc.sites) {
    const SiteResult r = check_site(sc, site, out);
    if (r.grid_need_mw > 0) {
      zone_need[site.zone] += r.grid_need_mw;
      zone_sites[site.zone].push_back(site.name);
      const std::string sub = sole_substation(sc, site);
      if (!sub.empty()) {
        substation_need[sub] += r.grid_need_mw;
        substation_sites[sub].push_back(site.name);
      }
    }
  }
  const std::int64_t horizon_end = sim::days_from_civil(sc.end);
  for (const Substation& b : sc.substations) {
    const auto need = substation_need.find(b.name);
    if (need == substation_need.end()) continue;
    const bool energised = !b.energised || sim::days_from_civil(*b.energised) <= horizon_end;
    const double cap =
        energised ? std::max(0.0, b.capacity_mw - b.security_margin_mw +
                                      positive_reinforcements(sc, horizon_end, "", b.name, ZoneLayer::Supply))
                  : 0.0;
    check_shared_limit(b.zone, fmt::format("substation '{}'", b.name), cap, need->second,
                       substation_sites[b.name], out);
  }
  for (const GridZone& zone : sc.zones) {
    const auto need = zone_need.find(zone.name);
    if (need == zone_need.end() || !zone.local_network_mw) continue;
    const double local =
        std::max(0.0, *zone.local_network_mw - zone.local_security_margin_mw +
                          positive_reinforcements(sc, horizon_end, zone.name, "", ZoneLayer::LocalNetwork));
    check_shared_limit(zone.name, "the local network", local, need->second, zone_sites[zone.name], out);
  }
  // A zone's supply at best: its headroom and every corridor into it at their limits, with every
  // positive reinforcement within the horizon (a bound: the neighbours' own loads are ignored).
  const std::int64_t end = sim::days_from_civil(sc.end);
  for (const GridZone& zone : sc.zones) {
    const auto need = zone_need.find(zone.name);
    if (need == zone_need.end()) continue;
    double bound = zone.headroom_mw;
    for (const Reinforcement& r : sc.reinforcements) {
      if (r.zone == zone.name && r.added_mw > 0 && sim::days_from_civil(r.date) <= end) bound += r.added_mw;
    }
    double corridors = 0;
    for (const Corridor& c : sc.corridors) {
      if (c.from != zone.name && c.to != zone.name) continue;
      double limit = c.limit_mw;
      for (const Reinforcement& r : sc.reinforcements) {
        if (r.corridor == c.name && r.added_mw > 0 && sim::days_from_civil(r.date) <= end)
          limit += r.added_mw;
      }
      corridors += std::max(0.0, limit);
    }
    bound = std::max(0.0, bound) + corridors;
    if (need->second <= bound + 1e-6) continue;
    Shortfall s;
    s.site = zone.name;
    s.resource = ShortResource::ZoneSupply;
    s.unit = "MW";
    s.needed = need->second;
    s.available = bound;
    std::string sites;
    for (const std::string& n : zone_sites[zone.name]) sites += (sites.empty() ? "'" : ", '") + n + "'";
    s.detail = fmt::format(
        "the grid load of sites {} is {} MW; the zone's headroom, positive reinforcements and "
        "corridors give at most {} MW",
        sites, mw(s.needed), mw(bound));
    out.push_back(s);
  }
  return out;
}

std::string describe(const Shortfall& s) {
  const std::string_view what = kShortResourceNames[static_cast<std::size_t>(s.resource)];
  if (s.resource == ShortResource::ZoneSupply) {
    return fmt::format(
        "zone '{}': its sites' provisioned load can never all be supplied: {} short by {} MW; {}", s.site,
        s.shared_limit, mw(s.short_by()), s.detail);
  }
  const std::string verb = s.resource == ShortResource::Supply ? "powered" : "housed";
  const std::string amount = s.resource == ShortResource::Cooling ? std::string("no hall")
                             : s.unit == "racks"                  ? fmt::format("{:.2f} racks", s.short_by())
                             : s.unit == "ha"                     ? fmt::format("{:.2f} ha", s.short_by())
                                              : fmt::format("{} {}", mw(s.short_by()), s.unit);
  return fmt::format("site '{}': {} units ({} GPUs) can never be {}: {} short by {}; {}", s.site, s.units,
                     s.gpus, verb, what, amount, s.detail);
}

std::string short_reason(const Shortfall& s) {
  const std::string_view what = kShortResourceNames[static_cast<std::size_t>(s.resource)];
  if (s.resource == ShortResource::Cooling) return fmt::format("no {} hall", what);
  if (s.unit == "racks" || s.unit == "ha") return fmt::format("{} -{:.2f} {}", what, s.short_by(), s.unit);
  return fmt::format("{} -{} {}", what, mw(s.short_by()), s.unit);
}

}  // namespace models::rollout
