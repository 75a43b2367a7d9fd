#pragma once
// The state of a run at one sample instant: what the recorder writes and what the invariant
// checker verifies. Built once per sample from the model's state.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/rollout/gpu_state.h"
#include "sim/time.h"

namespace models::rollout {

struct SiteSample {
  std::string name;
  std::size_t zone = 0;  // position along the zone axis
  std::int64_t gpus_ordered = 0;
  std::array<std::int64_t, kGpuStateCount> gpus{};  // by GpuState
  double it_power_mw = 0;         // peak IT power of admitted units (waiting crew .. operational)
  double power_demand_mw = 0;     // facility power reserved for them (IT peak x PUE x provisioning)
  double power_requested_mw = 0;  // facility power of every housed unit, admitted or waiting for power
  double grid_allocated_mw = 0;
  double onsite_generation_mw = 0;  // on-site generation online, nameplate
  double onsite_firm_mw = 0;        // its capacity credit (counted in the allocation)
  double power_allocated_mw = 0;    // grid allocation + on-site capacity credit
  double grid_connected_mw = 0;     // energised connection capacity
  double power_draw_mw = 0;         // average facility draw of operational GPUs
  double energy_mwh = 0;            // cumulative facility energy
  double grid_energy_mwh = 0;       // cumulative, the part taken from the grid
  double emissions_t = 0;           // cumulative tCO2e
  double electricity_cost_krw = 0;  // cumulative, energy cost + capacity cost
  double capacity_cost_krw = 0;     // cumulative, capacity charge on contracted capacity
  double compute_pflops = 0;        // operational GPUs x dense FP8 PFLOP/s per GPU
  double land_ha = 0;
  double land_used_ha = 0;
  double halls_ready = 0;
  double gpus_entered_service = 0;  // cumulative GPUs that have become operational once
};

struct ZoneSample {
  std::string name;
  double headroom_mw = 0;           // current headroom (after reinforcements); negative allowed
  double supply_mw = 0;             // drawn from this zone's headroom (max-flow)
  double load_mw = 0;               // grid power allocated to the zone's sites (a reservation, not a draw)
  double draw_mw = 0;               // average facility draw of the zone's sites
  double contracted_mw = 0;         // energised connection capacity of the zone's sites
  double grid_energy_mwh = 0;       // cumulative energy the zone's sites took from the grid
  double background_mw = 0;         // the rest of the country's load scheduled in the zone
  double background_served_mw = 0;  // of it, what the network delivers after the sites' firm load
  double held_over_limit_mw = 0;    // energised load of its sites carried above current limits
  double curtailed_mw = 0;          // energised load of its sites cut by an outage
};

struct SubstationSample {
  std::string name;
  double capacity_mw = 0;    // limit after the N-1 margin once energised, 0 before
  double contracted_mw = 0;  // energised capacity of the connections it feeds
  double allocated_mw = 0;   // grid power allocated to them
  double draw_mw = 0;        // their sites' average facility draw, split by allocation (§7.5)
};

struct CorridorSample {
  std::string name;
  double limit_mw = 0;
  double flow_mw = 0;  // net, from `from` to `to`
};

struct BuyerSample {
  std::int64_t operational = 0;
  std::int64_t entered_service = 0;
  std::array<std::int64_t, 6> idle{};  // GPUs in each idle state (the `reason` axis, idle_states())
};

struct Snapshot {
  sim::Ticks time = 0;
  std::vector<SiteSample> sites;
  std::vector<ZoneSample> zones;
  std::vector<CorridorSample> corridors;
  std::vector<SubstationSample> substations;
  std::vector<BuyerSample> buyers;
};

}  // namespace models::rollout
