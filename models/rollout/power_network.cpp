#include "models/rollout/power_network.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace models::rollout {

namespace {

Milliwatts sum(const std::vector<Milliwatts>& v) {
  return std::accumulate(v.begin(), v.end(), Milliwatts{0});
}

// max(f, floor(theta * r)), the sink capacity of an unfrozen site at fill level theta.
Milliwatts fill(double theta, Milliwatts r, Milliwatts f) {
  const auto level = static_cast<Milliwatts>(std::floor(theta * static_cast<double>(r)));
  return std::clamp(level, f, r);
}

}  // namespace

PowerNetwork::PowerNetwork(std::size_t zones,
                           const std::vector<std::pair<std::size_t, std::size_t>>& corridors,
                           const std::vector<std::size_t>& site_zone)
    : graph_(2 + zones + site_zone.size()),
      headroom_(zones, 0),
      limit_(corridors.size(), 0),
      connection_(site_zone.size(), 0) {
  for (std::size_t z = 0; z < zones; ++z) zone_edge_.push_back(add_arc(source_, 2 + z));
  for (const auto& [from, to] : corridors) {
    if (from >= zones || to >= zones)
      throw std::invalid_argument("PowerNetwork: corridor names a zone out of range");
    corridor_fwd_.push_back(add_arc(2 + from, 2 + to));
    corridor_bwd_.push_back(add_arc(2 + to, 2 + from));
  }
  for (std::size_t s = 0; s < site_zone.size(); ++s) {
    if (site_zone[s] >= zones) throw std::invalid_argument("PowerNetwork: site in a zone out of range");
    const std::size_t v = 2 + zones + s;
    site_vertex_.push_back(v);
    site_in_.push_back(add_arc(2 + site_zone[s], v));
    site_out_.push_back(add_arc(v, sink_));
  }
}

PowerNetwork::Edge PowerNetwork::add_arc(std::size_t from, std::size_t to) {
  auto rev = boost::get(boost::edge_reverse, graph_);
  const Edge e = boost::add_edge(from, to, graph_).first;
  const Edge r = boost::add_edge(to, from, graph_).first;
  boost::put(rev, e, r);
  boost::put(rev, r, e);
  set_capacity(e, 0);
  set_capacity(r, 0);
  return e;
}

void PowerNetwork::set_capacity(Edge e, Milliwatts c) {
  boost::put(boost::get(boost::edge_capacity, graph_), e, std::clamp<Milliwatts>(c, 0, kUnlimitedPower));
}

void PowerNetwork::set_zone_headroom(std::size_t zone, Milliwatts headroom) {
  headroom_[zone] = headroom;
  set_capacity(zone_edge_[zone], headroom);
}

void PowerNetwork::set_corridor_limit(std::size_t corridor, Milliwatts limit) {
  limit_[corridor] = limit;
  set_capacity(corridor_fwd_[corridor], limit);
  set_capacity(corridor_bwd_[corridor], limit);
}

void PowerNetwork::set_connection(std::size_t site, Milliwatts capacity) {
  connection_[site] = capacity;
  set_capacity(site_in_[site], capacity);
}

Milliwatts PowerNetwork::max_flow(const std::vector<Milliwatts>& caps) {
  for (std::size_t s = 0; s < caps.size(); ++s) set_capacity(site_out_[s], caps[s]);
  ++solves_;
  return boost::boykov_kolmogorov_max_flow(graph_, source_, sink_);
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
                                                 const std::vector<Milliwatts>& firm,
                                                 const std::vector<std::size_t>& order) {
  std::vector<Milliwatts> caps = firm;
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
  // Each round raises theta for the unfrozen sites to the largest deliverable value, then
  // freezes the sites behind the cut that stopped it; every round freezes at least one site.
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
  // deliverable at level t iff  fixed >= sum over unfrozen sites behind X of max(f_i, t r_i),
  // where `fixed` is the capacity of X's edges that do not depend on t, less the loads that do
  // not depend on t (frozen sites, and unfrozen sites in X whose own sink edge is cut).
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
    if (frozen[i] || source_side[site_vertex_[i]]) {
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

void PowerNetwork::record_flows(PowerAllocation& out) const {
  const auto capacity = boost::get(boost::edge_capacity, graph_);
  const auto residual = boost::get(boost::edge_residual_capacity, graph_);
  auto flow = [&](Edge e) { return boost::get(capacity, e) - boost::get(residual, e); };
  out.zone_supply.clear();
  out.corridor_flow.clear();
  for (const Edge e : zone_edge_) out.zone_supply.push_back(flow(e));
  for (std::size_t c = 0; c < corridor_fwd_.size(); ++c) {
    out.corridor_flow.push_back(flow(corridor_fwd_[c]) - flow(corridor_bwd_[c]));
  }
}

PowerAllocation PowerNetwork::solve(const std::vector<Milliwatts>& request,
                                    const std::vector<Milliwatts>& firm, PowerSharing policy,
                                    const std::vector<std::size_t>& serving_order) {
  const std::size_t n = site_out_.size();
  if (request.size() != n || firm.size() != n || serving_order.size() != n) {
    throw std::invalid_argument("PowerNetwork::solve: one request, firm load and serving position per site");
  }
  solves_ = 0;
  PowerAllocation out;
  std::vector<Milliwatts> r(n), f(n);
  for (std::size_t i = 0; i < n; ++i) {
    r[i] = std::clamp<Milliwatts>(request[i], 0, kUnlimitedPower);
    f[i] = std::clamp<Milliwatts>(firm[i], 0, r[i]);
  }
  if (max_flow(r) == sum(r)) {
    out.site = r;  // nothing is scarce
  } else {
    if (max_flow(f) < sum(f)) {
      // Capacity fell below the energised load: share the firm loads themselves by policy.
      f = share(f, std::vector<Milliwatts>(n, 0), policy, serving_order);
      out.firm_cut = true;
    }
    out.site = share(r, f, policy, serving_order);
    if (max_flow(out.site) != sum(out.site))
      throw std::logic_error("PowerNetwork: allocation not deliverable");
  }
  record_flows(out);
  out.max_flow_solves = solves_;
  return out;
}

}  // namespace models::rollout
