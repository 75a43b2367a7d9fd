#pragma once
// The scenario, indexed: every name resolved to a position, every figure converted once to the
// fixed-point units of units.h, and the derived constants the components need (GPUs ordered per
// site, the order in which sites are served under the connection queue, ...). Immutable after
// construction; the dynamic state lives in the components.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/rollout/power_network.h"
#include "models/rollout/units.h"
#include "models/scenario.h"
#include "sim/time.h"

namespace models::rollout {

struct ProductSpec {
  int gpus_per_unit = 0;
  Milliwatts it_peak_per_unit = 0;  // peak IT power of one unit
  double it_mw_per_unit = 0;
  MicroRacks racks_per_unit = 0;
  Cooling cooling = Cooling::Air;
  double pflops_per_gpu = 0;
};

struct HallSpec {
  std::size_t site = 0;
  std::size_t index_in_site = 0;
  const Hall* hall = nullptr;
  int construction_template = -1;  // index into Catalogue::templates; -1 for Existing halls
  Milliwatts it_capacity = 0;
  MicroRacks racks = 0;
  MicroHectares land = 0;
  std::uint64_t stream_entity = 0;  // entity id of "site/hall" for the construction stream
};

struct SiteSpec {
  std::size_t zone = 0;
  MicroHectares land = 0;
  std::vector<std::size_t> halls;         // global hall indices, in scenario order
  std::vector<std::size_t> orders;        // orders delivering to this site
  std::int64_t gpus_ordered = 0;          // all GPUs of those orders, incl. installed at start
  sim::Ticks install_ticks_per_unit = 0;  // one crew's time for one unit
  std::uint64_t stream_entity = 0;
};

struct OrderSpec {
  std::size_t buyer = 0;
  std::size_t product = 0;
  std::size_t site = 0;
  std::int64_t units_total = 0;  // schedule + installed at start
  std::int64_t gpus_total = 0;
  // First tick at which a unit of the order may enter service (Order::service_opens); 0 if none.
  sim::Ticks service_opens = 0;
};

struct CorridorSpec {
  std::size_t from = 0;
  std::size_t to = 0;
};

// The network capacity a reinforcement or an outage changes.
struct GridElementSpec {
  NetworkElement element = NetworkElement::ZoneSupply;
  std::size_t index = 0;
};
using ReinforcementSpec = GridElementSpec;

// A grid connection: where it sits in the network and in the grid operator's queue.
struct ConnectionSpec {
  std::size_t site = 0;
  std::size_t index_in_site = 0;
  int substation = -1;  // -1: the zone's local network
  std::size_t feeder = 0;
  std::size_t load = 0;  // its load in the network (== its index among all connections)
};

class Catalogue {
 public:
  // Resolves every reference; throws std::invalid_argument naming the entry and the missing name
  // (the loader validates scenarios, but the model is also built from C++ in tests and benches).
  // Keeps pointers into `scenario`, which must outlive the catalogue.
  explicit Catalogue(const Scenario& scenario);

  const Scenario& scenario() const { return *scenario_; }
  const sim::Calendar& calendar() const { return calendar_; }
  sim::Ticks to_ticks(const sim::Date& d) const { return calendar_.to_ticks(d); }
  // The end of the horizon: midnight after the scenario's (inclusive) end date.
  sim::Ticks horizon() const { return horizon_; }

  std::vector<ProductSpec> products;
  std::vector<SiteSpec> sites;
  std::vector<HallSpec> halls;
  std::vector<OrderSpec> orders;
  std::vector<CorridorSpec> corridors;
  std::vector<ReinforcementSpec> reinforcements;
  std::vector<GridElementSpec> outages;
  std::vector<ConnectionSpec> connections;                 // every site's, sites in scenario order
  std::vector<std::vector<std::size_t>> site_connections;  // per site, in its queue order
  std::vector<std::size_t> background_load;                // per zone: its background load's index
  NetworkShape network;
  std::vector<std::int64_t> buyer_gpus;   // GPUs ordered per buyer
  std::vector<std::size_t> zone_of_site;  // = sites[i].zone, for convenience
  // Connection loads in the order power is served: the connection queue (connections energised
  // at the start first, then each by its own application date, ties in scenario order), or the
  // priority list's sites first.
  std::vector<std::size_t> serving_order;
  std::int64_t gpus_ordered = 0;

  int product_index(const std::string& name) const { return find(product_index_, name); }
  int site_index(const std::string& name) const { return find(site_index_, name); }
  int zone_index(const std::string& name) const { return find(zone_index_, name); }
  int buyer_index(const std::string& name) const { return find(buyer_index_, name); }
  int substation_index(const std::string& name) const { return find(substation_index_, name); }

 private:
  using Index = std::unordered_map<std::string, int>;
  static int find(const Index& index, const std::string& name);
  void build_network();
  GridElementSpec grid_element(const std::string& where, const std::string& zone, const std::string& corridor,
                               const std::string& substation, ZoneLayer layer) const;
  void build_serving_order();

  const Scenario* scenario_;
  sim::Calendar calendar_;
  sim::Ticks horizon_ = 0;
  Index product_index_, buyer_index_, site_index_, zone_index_, corridor_index_, template_index_,
      substation_index_;
};

}  // namespace models::rollout
