#pragma once
// The grid as a flow network, and how scarce power is shared among sites.
//
// Network (a Boost Graph, solved with boykov_kolmogorov_max_flow on integer milliwatts):
//   source -> zone z          capacity: the zone's headroom for new data-centre load
//   zone a <-> zone b         capacity: the corridor's transfer limit, in each direction
//   zone(site) -> site        capacity: the site's energised grid-connection capacity
//   site -> sink              capacity: what the site is allowed to take in this solve
// A set of site allocations a_i is deliverable iff the max flow with sink capacities a_i equals
// their sum. Planning-level transfer limits are all the reference data supports (no line
// impedances are published for Korean corridors), which is why this is a transport (max-flow)
// model and not a DC power flow; see docs/model.md.
//
// Each site presents a request r_i (the facility power of every unit it has housed, less its
// on-site generation) and a firm load f_i <= r_i (the part already energised). Firm loads are
// served first: they were deliverable before, and are only cut when capacity falls below them.
// The rest is shared by policy:
//   ConnectionQueue / PriorityList  lexicographic maximum in serving order: site k gets the most
//                                   the network can deliver given what sites before it already
//                                   have and every later site's firm load (sequential max-flow;
//                                   augmenting never reduces a flow into the sink, so earlier
//                                   sites keep theirs).
//   ProRata                         max-min fair in the fraction of request served (progressive
//                                   filling): raise theta for all unfrozen sites together,
//                                   a_i = max(f_i, theta * r_i), to the largest deliverable value
//                                   (found exactly by Newton steps on the min cut), freeze the
//                                   sites the min cut separates from the source, repeat.

// GCC 12 at -O2 reports a false -Wmaybe-uninitialized inside Boost's edge iterator when
// boykov_kolmogorov_max_flow is instantiated; the diagnostic is located in these headers.
// (clang has no such warning and would warn about the unknown option instead.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#include <cstdint>
#include <vector>

#include "models/rollout/units.h"
#include "models/scenario.h"

namespace models::rollout {

struct PowerAllocation {
  std::vector<Milliwatts> site;           // grid power allocated to each site
  std::vector<Milliwatts> zone_supply;    // drawn from each zone's headroom
  std::vector<Milliwatts> corridor_flow;  // net transfer from `from` to `to` (negative: reverse)
  bool firm_cut = false;                  // some firm load could not be served
  int max_flow_solves = 0;
};

class PowerNetwork {
 public:
  PowerNetwork(std::size_t zones, const std::vector<std::pair<std::size_t, std::size_t>>& corridors,
               const std::vector<std::size_t>& site_zone);

  void set_zone_headroom(std::size_t zone, Milliwatts headroom);  // negative counts as zero
  void set_corridor_limit(std::size_t corridor, Milliwatts limit);
  void set_connection(std::size_t site, Milliwatts capacity);

  Milliwatts zone_headroom(std::size_t zone) const { return headroom_[zone]; }
  Milliwatts corridor_limit(std::size_t corridor) const { return limit_[corridor]; }
  Milliwatts connection(std::size_t site) const { return connection_[site]; }
  std::size_t sites() const { return site_out_.size(); }
  std::size_t zones() const { return zone_edge_.size(); }
  std::size_t corridors() const { return corridor_fwd_.size(); }

  // Allocation for requests r and firm loads f (f_i <= r_i), under `policy`; `serving_order`
  // lists every site once (used by ConnectionQueue and PriorityList).
  PowerAllocation solve(const std::vector<Milliwatts>& request, const std::vector<Milliwatts>& firm,
                        PowerSharing policy, const std::vector<std::size_t>& serving_order);

 private:
  using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using Graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS,
      boost::property<boost::vertex_index_t, long,
                      boost::property<boost::vertex_color_t, boost::default_color_type,
                                      boost::property<boost::vertex_distance_t, long,
                                                      boost::property<boost::vertex_predecessor_t,
                                                                      Traits::edge_descriptor>>>>,
      boost::property<boost::edge_capacity_t, long,
                      boost::property<boost::edge_residual_capacity_t, long,
                                      boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
  using Edge = Traits::edge_descriptor;
  static_assert(sizeof(long) == sizeof(Milliwatts), "capacities are int64 milliwatts");

  Edge add_arc(std::size_t from, std::size_t to);
  void set_capacity(Edge e, Milliwatts c);
  // Max flow with the given sink capacities per site; leaves the flow in the residual map.
  Milliwatts max_flow(const std::vector<Milliwatts>& caps);
  std::vector<char> reachable_from_source() const;
  std::vector<Milliwatts> sequential(const std::vector<Milliwatts>& request,
                                     const std::vector<Milliwatts>& firm,
                                     const std::vector<std::size_t>& order);
  std::vector<Milliwatts> progressive_filling(const std::vector<Milliwatts>& request,
                                              const std::vector<Milliwatts>& firm);
  // One Newton step of progressive filling: lowers `theta` to where the last max flow's min cut
  // becomes deliverable; returns the unfrozen sites behind that cut.
  std::vector<std::size_t> cut_constraint_root(const std::vector<Milliwatts>& caps,
                                               const std::vector<Milliwatts>& firm,
                                               const std::vector<Milliwatts>& request,
                                               const std::vector<char>& frozen, double& theta) const;
  std::vector<Milliwatts> share(const std::vector<Milliwatts>& request, const std::vector<Milliwatts>& firm,
                                PowerSharing policy, const std::vector<std::size_t>& order);
  void record_flows(PowerAllocation& out) const;

  Graph graph_;
  std::size_t source_ = 0, sink_ = 1;
  std::vector<Edge> zone_edge_, corridor_fwd_, corridor_bwd_, site_in_, site_out_;
  std::vector<std::size_t> site_vertex_;
  std::vector<Milliwatts> headroom_, limit_, connection_;
  int solves_ = 0;
};

}  // namespace models::rollout
