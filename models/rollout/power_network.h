#pragma once
// The grid as a flow network, and how scarce power is shared among loads.
//
// Network (a Boost Graph on integer milliwatts):
//   source -> supply(z)          the zone's supply headroom for new load
//   supply(a) <-> supply(b)      a corridor's transfer limit less its N-1 margin, each direction
//   supply(z) -> local(z)        the zone's local network less its N-1 margin (default unlimited)
//   local(z) -> substation(b)    the substation's capacity less its N-1 margin, once energised
//   local(z) or substation(b) -> site(s)   a feeder: the site's energised connections through it
//   site(s) -> sink              one arc per connection load: what it may take in this solve
//   supply(z) -> sink            the zone's background load (other customers' new load)
//   source -> site(s)            grandfathered: energised load above the current limits
// So imported and local power both pass the local network and the substations, and background
// load competes for supply and corridors. Planning-level limits are all the reference data
// supports (no line impedances are published for Korean corridors), which is why this is a
// transport model and not a DC power flow; see docs/model.md §7.
//
// Each load presents a request r_i and a firm part f_i <= r_i (energised and admitted). Solve:
//   1. Firm loads are never cut by planning changes (headroom cuts, background growth): what
//      the network, without outages, cannot deliver of them is carried by a grandfathering arc
//      and reported as held over the limit. Only an outage may curtail firm load (then the firm
//      loads themselves are shared by policy and the cut is reported).
//   2. Background load ahead of new allocations, or behind them (BackgroundPriority): each
//      zone's from what the loads already served (routed by the min-cost flow of step 4) leave
//      of its own zone's supply, then the rest by imports, max-min fair in the fraction of each
//      zone's background served. Neither depends on the order of the zones.
//   3. The rest is shared by policy:
//      ConnectionQueue / PriorityList  lexicographic maximum in serving order (sequential
//                                      max-flow; augmenting never reduces a flow into the sink).
//      ProRata                         max-min fair in the fraction of request served
//                                      (progressive filling with Newton steps on the min cut).
//   4. The flows are those of a minimum-cost flow delivering exactly the allocation: corridor
//      arcs cost their transfer cost (scaled) plus a tie-break by list position, every other
//      network arc costs 0, grandfathering arcs cost more than any path. So local supply comes
//      first, then the cheapest import paths, and the corridor flows are unique.

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

// What the network is made of (fixed for a run).
struct NetworkShape {
  std::size_t zones = 0;
  std::vector<std::pair<std::size_t, std::size_t>> corridors;
  std::vector<double> corridor_cost;         // transfer cost per corridor (empty: 1 each)
  std::vector<std::size_t> substation_zone;  // zone of each substation
  std::vector<std::size_t> site_zone;        // zone of each site
  struct Feeder {
    std::size_t site = 0;
    int substation = -1;  // -1: fed from the zone's local network
  };
  std::vector<Feeder> feeders;
  struct Load {
    int site = -1;         // a site's connection load; -1: the background load of `zone`
    std::size_t zone = 0;  // for a background load
  };
  std::vector<Load> loads;
};

// The capacities a solve can change.
enum class NetworkElement { ZoneSupply, ZoneLocal, Corridor, Substation, Feeder };

struct PowerAllocation {
  std::vector<Milliwatts> load;             // power allocated to each load
  std::vector<Milliwatts> held_over_limit;  // of it, energised load carried above current limits
  std::vector<Milliwatts> curtailed;        // energised load cut by an outage, per load
  std::vector<Milliwatts> zone_supply;      // drawn from each zone's supply headroom
  std::vector<Milliwatts> zone_local;       // delivered through each zone's local network
  std::vector<Milliwatts> corridor_flow;    // net transfer from `from` to `to` (negative: reverse)
  std::vector<Milliwatts> substation_flow;  // through each substation
  bool firm_cut = false;                    // an outage curtailed energised load
  int max_flow_solves = 0;
};

class PowerNetwork {
 public:
  explicit PowerNetwork(const NetworkShape& shape);

  // A capacity (planning limit, negative counts as 0) and the part of it an outage has taken.
  void set_capacity(NetworkElement element, std::size_t index, Milliwatts capacity);
  void set_outage(NetworkElement element, std::size_t index, Milliwatts lost);
  Milliwatts capacity(NetworkElement element, std::size_t index) const;

  std::size_t loads() const { return shape_.loads.size(); }
  const NetworkShape& shape() const { return shape_; }

  // Allocation for requests r and firm loads f (f_i <= r_i; ignored for background loads) under
  // `policy`; `serving_order` lists every site load once (ConnectionQueue and PriorityList).
  // The allocation is a function of these inputs and the capacities alone, so a solve whose
  // inputs equal the previous solve's, with no capacity changed since, returns the previous
  // allocation (with max_flow_solves 0) without solving: in a Korea run 99 % of the solves a
  // model asks for are such repeats (units housed at a site whose connection is already full).
  PowerAllocation solve(const std::vector<Milliwatts>& request, const std::vector<Milliwatts>& firm,
                        PowerSharing policy, BackgroundPriority background,
                        const std::vector<std::size_t>& serving_order);
  // Solves answered from the previous solve since construction.
  std::int64_t repeated_solves() const { return repeated_solves_; }

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
                                      boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                      boost::property<boost::edge_weight_t, long>>>>>;
  using Edge = Traits::edge_descriptor;
  static_assert(sizeof(long) == sizeof(Milliwatts), "capacities are int64 milliwatts");

  struct Capacity {
    std::vector<Edge> arcs;  // one, or both directions of a corridor
    Milliwatts planned = 0, lost = 0;
  };

  Edge add_arc(std::size_t from, std::size_t to, long cost = 0);
  void set_arc(Edge e, Milliwatts c);
  Capacity& element(NetworkElement e, std::size_t index);
  const Capacity& element(NetworkElement e, std::size_t index) const;
  void apply_capacities(bool with_outages);
  bool any_outage() const;
  // Max flow with the given sink capacities per load; leaves the flow in the residual map.
  Milliwatts max_flow(const std::vector<Milliwatts>& caps);
  std::vector<Milliwatts> load_flows() const;
  std::vector<char> reachable_from_source() const;
  std::vector<Milliwatts> sequential(const std::vector<Milliwatts>& request,
                                     const std::vector<Milliwatts>& floor,
                                     const std::vector<std::size_t>& order);
  std::vector<Milliwatts> progressive_filling(const std::vector<Milliwatts>& request,
                                              const std::vector<Milliwatts>& firm);
  std::vector<std::size_t> cut_constraint_root(const std::vector<Milliwatts>& caps,
                                               const std::vector<Milliwatts>& firm,
                                               const std::vector<Milliwatts>& request,
                                               const std::vector<char>& frozen, double& theta) const;
  std::vector<Milliwatts> share(const std::vector<Milliwatts>& request, const std::vector<Milliwatts>& firm,
                                PowerSharing policy, const std::vector<std::size_t>& order);
  // Raises the background loads from `floor` towards `request`, every other load kept at `floor`.
  std::vector<Milliwatts> serve_background(const std::vector<Milliwatts>& request,
                                           const std::vector<Milliwatts>& floor);
  // Delivers `allocation` as the minimum-cost flow; leaves the flow in the residual map.
  void route_min_cost(const std::vector<Milliwatts>& allocation);
  PowerAllocation solve_anew(const std::vector<Milliwatts>& request, const std::vector<Milliwatts>& firm,
                             PowerSharing policy, BackgroundPriority background,
                             const std::vector<std::size_t>& serving_order);
  void set_grandfathered(const std::vector<Milliwatts>& per_load);
  void min_cost_flows(const std::vector<Milliwatts>& allocation, PowerAllocation& out);

  NetworkShape shape_;
  Graph graph_;
  std::size_t source_ = 0, sink_ = 1;
  std::vector<std::size_t> supply_vertex_, local_vertex_, substation_vertex_, site_vertex_, load_vertex_;
  std::vector<Capacity> zone_supply_, zone_local_, corridor_, substation_, feeder_;
  std::vector<Edge> load_arc_, grandfather_arc_;
  std::vector<std::size_t> background_loads_;
  int solves_ = 0;

  // The previous solve's inputs and result; `previous_valid_` is cleared by any capacity change.
  struct PreviousSolve {
    std::vector<Milliwatts> request, firm;
    PowerSharing policy{};
    BackgroundPriority background{};
    std::vector<std::size_t> serving_order;
    PowerAllocation allocation;
  };
  PreviousSolve previous_;
  bool previous_valid_ = false;
  std::int64_t repeated_solves_ = 0;
};

}  // namespace models::rollout
