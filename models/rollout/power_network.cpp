#include "models/rollout/power_network.h"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <boost/property_map/property_map.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace models::rollout {

namespace {

Milliwatts sum(const std::vector<Milliwatts>& v) {
  return std::accumulate(v.begin(), v.end(), Milliwatts{0});
}

// max(f, floor(theta * r)), the sink capacity of an unfrozen load at fill level theta.
Milliwatts fill(double theta, Milliwatts r, Milliwatts f) {
  const auto level = static_cast<Milliwatts>(std::floor(theta * static_cast<double>(r)));
  return std::clamp(level, f, r);
}

// Costs of the min-cost flow, per milliwatt. A corridor costs its transfer cost in millionths
// plus its list position + 1 (so that no two corridors cost the same and flows are unique);
// grandfathering costs more than any path of at most 1000 corridors can.
constexpr long kCostScale = 1'000'000;
constexpr long kGrandfatherCost = 1'000'000'000'000;

long corridor_cost(const NetworkShape& shape, std::size_t k) {
  const double cost = k < shape.corridor_cost.size() ? shape.corridor_cost[k] : 1.0;
  return std::lround(std::clamp(cost, 0.0, 1000.0) * kCostScale) + static_cast<long>(k) + 1;
}

}  // namespace

PowerNetwork::PowerNetwork(const NetworkShape& shape)
    : shape_(shape),
      graph_(2 + 2 * shape.zones + shape.substation_zone.size() + shape.site_zone.size()),
      zone_supply_(shape.zones),
      zone_local_(shape.zones),
      corridor_(shape.corridors.size()),
      substation_(shape.substation_zone.size()),
      feeder_(shape.feeders.size()) {
  std::size_t next = 2;
  for (std::size_t z = 0; z < shape.zones; ++z) supply_vertex_.push_back(next++);
  for (std::size_t z = 0; z < shape.zones; ++z) local_vertex_.push_back(next++);
  for (std::size_t b = 0; b < shape.substation_zone.size(); ++b) substation_vertex_.push_back(next++);
  for (std::size_t s = 0; s < shape.site_zone.size(); ++s) site_vertex_.push_back(next++);

  for (std::size_t z = 0; z < shape.zones; ++z) {
    zone_supply_[z].arcs = {add_arc(source_, supply_vertex_[z])};
    zone_local_[z].arcs = {add_arc(supply_vertex_[z], local_vertex_[z])};
    zone_local_[z].planned = kUnlimitedPower;
  }
  for (std::size_t k = 0; k < shape.corridors.size(); ++k) {
    const auto [from, to] = shape.corridors[k];
    if (from >= shape.zones || to >= shape.zones)
      throw std::invalid_argument("PowerNetwork: corridor names a zone out of range");
    const long cost = corridor_cost(shape, k);
    corridor_[k].arcs = {add_arc(supply_vertex_[from], supply_vertex_[to], cost),
                         add_arc(supply_vertex_[to], supply_vertex_[from], cost)};
  }
  for (std::size_t b = 0; b < shape.substation_zone.size(); ++b) {
    if (shape.substation_zone[b] >= shape.zones)
      throw std::invalid_argument("PowerNetwork: substation in a zone out of range");
    substation_[b].arcs = {add_arc(local_vertex_[shape.substation_zone[b]], substation_vertex_[b])};
  }
  for (std::size_t s = 0; s < shape.site_zone.size(); ++s) {
    if (shape.site_zone[s] >= shape.zones)
      throw std::invalid_argument("PowerNetwork: site in a zone out of range");
    grandfather_arc_.push_back(add_arc(source_, site_vertex_[s], kGrandfatherCost));
  }
  for (std::size_t f = 0; f < shape.feeders.size(); ++f) {
    const NetworkShape::Feeder& feeder = shape.feeders[f];
    if (feeder.site >= shape.site_zone.size()) throw std::invalid_argument("PowerNetwork: feeder of no site");
    std::size_t from = local_vertex_[shape.site_zone[feeder.site]];
    if (feeder.substation >= 0) {
      const auto b = static_cast<std::size_t>(feeder.substation);
      if (b >= substation_vertex_.size() || shape.substation_zone[b] != shape.site_zone[feeder.site])
        throw std::invalid_argument("PowerNetwork: feeder from a substation outside the site's zone");
      from = substation_vertex_[b];
    }
    feeder_[f].arcs = {add_arc(from, site_vertex_[feeder.site])};
  }
  for (std::size_t l = 0; l < shape.loads.size(); ++l) {
    const NetworkShape::Load& load = shape.loads[l];
    std::size_t v = 0;
    if (load.site >= 0) {
      if (static_cast<std::size_t>(load.site) >= site_vertex_.size())
        throw std::invalid_argument("PowerNetwork: load at no site");
      v = site_vertex_[static_cast<std::size_t>(load.site)];
    } else {
      if (load.zone >= shape.zones) throw std::invalid_argument("PowerNetwork: background load in no zone");
      v = supply_vertex_[load.zone];
      background_loads_.push_back(l);
    }
    load_vertex_.push_back(v);
    load_arc_.push_back(add_arc(v, sink_));
  }
  apply_capacities(true);
}

PowerNetwork::Edge PowerNetwork::add_arc(std::size_t from, std::size_t to, long cost) {
  auto rev = boost::get(boost::edge_reverse, graph_);
  auto weight = boost::get(boost::edge_weight, graph_);
  const Edge e = boost::add_edge(from, to, graph_).first;
  const Edge r = boost::add_edge(to, from, graph_).first;
  boost::put(rev, e, r);
  boost::put(rev, r, e);
  boost::put(weight, e, cost);
  boost::put(weight, r, -cost);
  set_arc(e, 0);
  set_arc(r, 0);
  return e;
}

void PowerNetwork::set_arc(Edge e, Milliwatts c) {
  boost::put(boost::get(boost::edge_capacity, graph_), e, std::clamp<Milliwatts>(c, 0, kUnlimitedPower));
}

PowerNetwork::Capacity& PowerNetwork::element(NetworkElement e, std::size_t index) {
  return const_cast<Capacity&>(std::as_const(*this).element(e, index));
}

const PowerNetwork::Capacity& PowerNetwork::element(NetworkElement e, std::size_t index) const {
  switch (e) {
    case NetworkElement::ZoneSupply:
      return zone_supply_.at(index);
    case NetworkElement::ZoneLocal:
      return zone_local_.at(index);
    case NetworkElement::Corridor:
      return corridor_.at(index);
    case NetworkElement::Substation:
      return substation_.at(index);
    case NetworkElement::Feeder:
      break;
  }
  return feeder_.at(index);
}

void PowerNetwork::set_capacity(NetworkElement e, std::size_t index, Milliwatts capacity) {
  Capacity& c = element(e, index);
  if (c.planned != capacity) previous_valid_ = false;
  c.planned = capacity;
  for (const Edge arc : c.arcs) set_arc(arc, c.planned - c.lost);
}

void PowerNetwork::set_outage(NetworkElement e, std::size_t index, Milliwatts lost) {
  Capacity& c = element(e, index);
  if (c.lost != std::max<Milliwatts>(0, lost)) previous_valid_ = false;
  c.lost = std::max<Milliwatts>(0, lost);
  for (const Edge arc : c.arcs) set_arc(arc, c.planned - c.lost);
}

Milliwatts PowerNetwork::capacity(NetworkElement e, std::size_t index) const {
  return element(e, index).planned;
}

void PowerNetwork::apply_capacities(bool with_outages) {
  for (auto* list : {&zone_supply_, &zone_local_, &corridor_, &substation_, &feeder_}) {
    for (const Capacity& c : *list) {
      for (const Edge arc : c.arcs) set_arc(arc, c.planned - (with_outages ? c.lost : 0));
    }
  }
}

bool PowerNetwork::any_outage() const {
  for (const auto* list : {&zone_supply_, &zone_local_, &corridor_, &substation_, &feeder_}) {
    for (const Capacity& c : *list) {
      if (c.lost > 0) return true;
    }
  }
  return false;
}

Milliwatts PowerNetwork::max_flow(const std::vector<Milliwatts>& caps) {
  for (std::size_t l = 0; l < caps.size(); ++l) set_arc(load_arc_[l], caps[l]);
  ++solves_;
  return boost::boykov_kolmogorov_max_flow(graph_, source_, sink_);
}

std::vector<Milliwatts> PowerNetwork::load_flows() const {
  const auto capacity = boost::get(boost::edge_capacity, graph_);
  const auto residual = boost::get(boost::edge_residual_capacity, graph_);
  std::vector<Milliwatts> out;
  for (const Edge e : load_arc_) out.push_back(boost::get(capacity, e) - boost::get(residual, e));
  return out;
}

std::vector<char> PowerNetwork::reachable_from_source() const {
  const auto residual = boost::get(boost::edge_residual_capacity, graph_);
  std::vector<char> seen(boost::num_vertices(graph_), 0);
  std::vector<std::size_t> stack{source_};
  seen[source_] = 1;
  while (!stack.empty()) {
    const std::size_t v = stack.back();
    stack.pop_back();
    for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e) {
      const std::size_t w = boost::target(*e, graph_);
      if (!seen[w] && boost::get(residual, *e) > 0) {
        seen[w] = 1;
        stack.push_back(w);
      }
    }
  }
  return seen;
}

std::vector<Milliwatts> PowerNetwork::sequential(const std::vector<Milliwatts>& request,
                                                 const std::vector<Milliwatts>& floor,
                                                 const std::vector<std::size_t>& order) {
  std::vector<Milliwatts> caps = floor;
  for (const std::size_t k : order) {
    if (request[k] <= caps[k]) continue;
    caps[k] = request[k];
    const Milliwatts others = sum(caps) - caps[k];
    caps[k] = max_flow(caps) - others;
  }
  return caps;
}

std::vector<Milliwatts> PowerNetwork::progressive_filling(const std::vector<Milliwatts>& request,
                                                          const std::vector<Milliwatts>& firm) {
  const std::size_t n = request.size();
  std::vector<Milliwatts> caps = firm;
  std::vector<char> frozen(n, 0);
  for (std::size_t i = 0; i < n; ++i) frozen[i] = request[i] <= firm[i];
  auto caps_at = [&](double theta) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!frozen[i]) caps[i] = fill(theta, request[i], firm[i]);
    }
  };
  // Each round raises theta for the unfrozen loads to the largest deliverable value, then
  // freezes the loads behind the cut that stopped it; every round freezes at least one load.
  for (int round = 0; round <= static_cast<int>(n); ++round) {
    if (std::all_of(frozen.begin(), frozen.end(), [](char f) { return f != 0; })) return caps;
    // Newton steps on the min cut, from theta = 1 (an upper bound) down: each step moves to the
    // root of the violated cut's constraint, which is >= the answer, so a finite number of cuts
    // bounds the steps.
    double theta = 1.0;
    caps_at(theta);
    std::vector<std::size_t> blocked;
    for (int step = 0; max_flow(caps) < sum(caps); ++step) {
      if (step > 1000) throw std::logic_error("PowerNetwork: progressive filling did not converge");
      blocked = cut_constraint_root(caps, firm, request, frozen, theta);
      caps_at(theta);
    }
    if (blocked.empty()) return caps;  // deliverable at theta = 1: every request served
    for (std::size_t i : blocked) frozen[i] = 1;
  }
  return caps;
}

std::vector<std::size_t> PowerNetwork::cut_constraint_root(const std::vector<Milliwatts>& caps,
                                                           const std::vector<Milliwatts>& firm,
                                                           const std::vector<Milliwatts>& request,
                                                           const std::vector<char>& frozen,
                                                           double& theta) const {
  // The min cut X of the last max flow (source side = reachable in the residual graph). X is
  // deliverable at level t iff  fixed >= sum over unfrozen loads behind X of max(f_i, t r_i),
  // where `fixed` is the capacity of X's edges that do not depend on t, less the loads that do
  // not depend on t (frozen loads, and unfrozen loads in X whose own sink edge is cut).
  const std::vector<char> source_side = reachable_from_source();
  const auto capacity = boost::get(boost::edge_capacity, graph_);
  double fixed = 0;
  for (std::size_t v = 0; v < boost::num_vertices(graph_); ++v) {
    if (!source_side[v]) continue;
    for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e) {
      if (!source_side[boost::target(*e, graph_)]) fixed += static_cast<double>(boost::get(capacity, *e));
    }
  }
  std::vector<std::size_t> behind;
  for (std::size_t i = 0; i < caps.size(); ++i) {
    if (frozen[i] || source_side[load_vertex_[i]]) {
      fixed -= static_cast<double>(caps[i]);
    } else {
      behind.push_back(i);
    }
  }
  // Largest t with g(t) = sum over `behind` of max(f_i, t r_i) <= fixed: g is piecewise linear
  // with breakpoints f_i / r_i; walk them in increasing order.
  std::sort(behind.begin(), behind.end(), [&](std::size_t a, std::size_t b) {
    return static_cast<double>(firm[a]) * static_cast<double>(request[b]) <
           static_cast<double>(firm[b]) * static_cast<double>(request[a]);
  });
  double above = 0, below = 0;  // g(t) = above + t * below on the current piece
  for (std::size_t i : behind) above += static_cast<double>(firm[i]);
  double root = 1.0;
  for (std::size_t j = 0; j <= behind.size(); ++j) {
    const double limit = j < behind.size()
                             ? static_cast<double>(firm[behind[j]]) / static_cast<double>(request[behind[j]])
                             : 1.0;
    if (above + limit * below > fixed) {
      root = below > 0 ? (fixed - above) / below : 0.0;
      break;
    }
    if (j < behind.size()) {
      above -= static_cast<double>(firm[behind[j]]);
      below += static_cast<double>(request[behind[j]]);
    }
  }
  // Rounding can leave the root a hair above the previous level; always make progress.
  theta = std::clamp(root < theta ? root : theta - 1e-12, 0.0, 1.0);
  return behind;
}

std::vector<Milliwatts> PowerNetwork::share(const std::vector<Milliwatts>& request,
                                            const std::vector<Milliwatts>& firm, PowerSharing policy,
                                            const std::vector<std::size_t>& order) {
  if (policy == PowerSharing::ProRata) return progressive_filling(request, firm);
  return sequential(request, firm, order);
}

void PowerNetwork::set_grandfathered(const std::vector<Milliwatts>& per_load) {
  std::vector<Milliwatts> per_site(site_vertex_.size(), 0);
  for (std::size_t l = 0; l < per_load.size(); ++l) {
    if (shape_.loads[l].site >= 0) per_site[static_cast<std::size_t>(shape_.loads[l].site)] += per_load[l];
  }
  for (std::size_t s = 0; s < per_site.size(); ++s) set_arc(grandfather_arc_[s], per_site[s]);
}

std::vector<Milliwatts> PowerNetwork::serve_background(const std::vector<Milliwatts>& request,
                                                       const std::vector<Milliwatts>& floor) {
  // 1. Own supply first. The loads already served take their minimum-cost routes (their own
  //    zone's supply first, then the cheapest imports); each zone's background then takes what
  //    they leave of its own zone's supply, so no zone's background takes supply another zone's
  //    background needs at home. (A zone has one background load; were there several, they would
  //    share its spare supply in load order.)
  route_min_cost(floor);
  const auto residual = boost::get(boost::edge_residual_capacity, graph_);
  std::vector<Milliwatts> spare;
  for (const Capacity& c : zone_supply_) spare.push_back(boost::get(residual, c.arcs[0]));
  std::vector<Milliwatts> own = floor;
  std::vector<Milliwatts> wanted = floor;
  for (const std::size_t b : background_loads_) {
    const std::size_t z = shape_.loads[b].zone;
    wanted[b] = std::max(request[b], floor[b]);
    const Milliwatts more = std::min(wanted[b] - floor[b], spare[z]);
    own[b] += more;
    spare[z] -= more;
  }
  // 2. What its own supply cannot serve is imported over the corridors; zones short of imports
  //    share them max-min fair in the fraction of their background served (a rule with no list
  //    order in it, so the order of `zones:` does not matter).
  return progressive_filling(wanted, own);
}

void PowerNetwork::route_min_cost(const std::vector<Milliwatts>& allocation) {
  for (std::size_t l = 0; l < allocation.size(); ++l) set_arc(load_arc_[l], allocation[l]);
  ++solves_;
  // Boost's short overload keeps each vertex's potential in the weight type and adds the vertex's
  // Dijkstra distance to it after every augmentation; for a vertex the residual graph cannot reach,
  // both are that type's "infinity" and the integer sum overflows (undefined behaviour, caught by
  // UBSan). Potentials kept as double cannot overflow. A vertex unreachable once stays unreachable
  // (an augmentation adds arcs only between vertices on the path), so its potential is never read
  // again; the potentials that are read are sums of small integer costs, exact in a double, so the
  // flows are the ones the integer overload computes.
  const auto index = boost::get(boost::vertex_index, graph_);
  const std::size_t vertices = boost::num_vertices(graph_);
  std::vector<Edge> predecessor(vertices);
  std::vector<long> distance(vertices);
  std::vector<double> potential(vertices);
  boost::successive_shortest_path_nonnegative_weights(
      graph_, source_, sink_, boost::get(boost::edge_capacity, graph_),
      boost::get(boost::edge_residual_capacity, graph_), boost::get(boost::edge_weight, graph_),
      boost::get(boost::edge_reverse, graph_), index,
      boost::make_iterator_property_map(predecessor.begin(), index),
      boost::make_iterator_property_map(distance.begin(), index),
      boost::make_iterator_property_map(potential.begin(), index));
  if (sum(load_flows()) != sum(allocation))
    throw std::logic_error("PowerNetwork: allocation not deliverable");
}

void PowerNetwork::min_cost_flows(const std::vector<Milliwatts>& allocation, PowerAllocation& out) {
  route_min_cost(allocation);
  const auto capacity = boost::get(boost::edge_capacity, graph_);
  const auto residual = boost::get(boost::edge_residual_capacity, graph_);
  auto flow = [&](Edge e) { return boost::get(capacity, e) - boost::get(residual, e); };
  out.zone_supply.clear();
  out.zone_local.clear();
  out.corridor_flow.clear();
  out.substation_flow.clear();
  for (const Capacity& c : zone_supply_) out.zone_supply.push_back(flow(c.arcs[0]));
  for (const Capacity& c : zone_local_) out.zone_local.push_back(flow(c.arcs[0]));
  for (const Capacity& c : corridor_) out.corridor_flow.push_back(flow(c.arcs[0]) - flow(c.arcs[1]));
  for (const Capacity& c : substation_) out.substation_flow.push_back(flow(c.arcs[0]));
}

PowerAllocation PowerNetwork::solve(const std::vector<Milliwatts>& request,
                                    const std::vector<Milliwatts>& firm, PowerSharing policy,
                                    BackgroundPriority background,
                                    const std::vector<std::size_t>& serving_order) {
  if (previous_valid_ && request == previous_.request && firm == previous_.firm &&
      policy == previous_.policy && background == previous_.background &&
      serving_order == previous_.serving_order) {
    ++repeated_solves_;
    PowerAllocation repeat = previous_.allocation;
    repeat.max_flow_solves = 0;
    return repeat;
  }
  PowerAllocation out = solve_anew(request, firm, policy, background, serving_order);
  previous_ = PreviousSolve{request, firm, policy, background, serving_order, out};
  previous_valid_ = true;
  return out;
}

PowerAllocation PowerNetwork::solve_anew(const std::vector<Milliwatts>& request,
                                         const std::vector<Milliwatts>& firm, PowerSharing policy,
                                         BackgroundPriority background,
                                         const std::vector<std::size_t>& serving_order) {
  const std::size_t n = load_arc_.size();
  if (request.size() != n || firm.size() != n) {
    throw std::invalid_argument("PowerNetwork::solve: one request and firm load per load");
  }
  solves_ = 0;
  PowerAllocation out;
  out.held_over_limit.assign(n, 0);
  out.curtailed.assign(n, 0);
  std::vector<Milliwatts> r(n), f(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    r[i] = std::clamp<Milliwatts>(request[i], 0, kUnlimitedPower);
    if (shape_.loads[i].site >= 0) f[i] = std::clamp<Milliwatts>(firm[i], 0, r[i]);
  }
  apply_capacities(true);
  set_grandfathered(std::vector<Milliwatts>(n, 0));
  if (max_flow(r) == sum(r)) {
    out.load = r;  // nothing is scarce
    min_cost_flows(out.load, out);
    out.max_flow_solves = solves_;
    return out;
  }
  // 1. Energised firm load is never cut by planning limits: what the network without outages
  //    cannot deliver of it is carried by the grandfathering arcs.
  const bool outage = any_outage();
  if (outage) apply_capacities(false);
  if (max_flow(f) < sum(f)) {
    const std::vector<Milliwatts> delivered = load_flows();
    for (std::size_t i = 0; i < n; ++i) out.held_over_limit[i] = f[i] - delivered[i];
    set_grandfathered(out.held_over_limit);
  }
  if (outage) {
    apply_capacities(true);
    if (max_flow(f) < sum(f)) {
      // Only a physical outage curtails energised load: the firm loads themselves are shared.
      const std::vector<Milliwatts> kept = share(f, std::vector<Milliwatts>(n, 0), policy, serving_order);
      for (std::size_t i = 0; i < n; ++i) {
        out.curtailed[i] = f[i] - kept[i];
        out.held_over_limit[i] = std::min(out.held_over_limit[i], kept[i]);
      }
      f = kept;
      out.firm_cut = true;
    }
  }
  // 2. Background load ahead of new allocations, on top of the firm loads: own supply first.
  std::vector<Milliwatts> site_request = r;
  for (const std::size_t b : background_loads_) site_request[b] = 0;
  if (background == BackgroundPriority::Ahead && !background_loads_.empty()) {
    f = serve_background(r, f);
  }
  for (const std::size_t b : background_loads_) site_request[b] = f[b];
  // 3. The modelled sites' requests, shared by policy.
  std::vector<Milliwatts> g = share(site_request, f, policy, serving_order);
  // Background load behind: what is left.
  if (background == BackgroundPriority::Behind && !background_loads_.empty()) {
    g = serve_background(r, g);
  }
  out.load = g;
  min_cost_flows(out.load, out);
  out.max_flow_solves = solves_;
  return out;
}

}  // namespace models::rollout
