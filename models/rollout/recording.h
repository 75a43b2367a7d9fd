#pragma once
// What a rollout run records: the snapshot taken at each sample instant, the recorder's axes and
// series (read from that snapshot), and the static variables written at the end.
//
// Axes: site, zone, state (the eleven GpuState names, in order), buyer, corridor (only when the
// scenario has corridors). Series (time first, then the listed axes):
//   gpus(site, state), gpus_zone(zone, state), gpus_national(state)                        1
//   gpus_operational_by_buyer(buyer), gpus_entered_service_by_buyer(buyer)                 1
//   it_power_mw, power_demand_mw, power_requested_mw, power_allocated_mw,
//   grid_allocated_mw, grid_connected_mw, onsite_generation_mw, power_draw_mw (site)      MW
//   energy_mwh, grid_energy_mwh (site, cumulative)                                        MWh
//   emissions_t (site, cumulative)                                                         t
//   electricity_cost_krw (site, cumulative)                                                KRW
//   compute_pflops (site)                                                                  PFLOP/s
//   land_used_ha (site), halls_ready (site), gpus_entered_service (site, cumulative)       ha, 1, 1
//   zone_load_mw, zone_headroom_mw, zone_supply_mw, zone_power_demand_mw (zone)            MW
//   corridor_flow_mw, corridor_limit_mw (corridor)                                         MW
//   power_demand_national_mw, power_draw_national_mw                                       MW
//   energy_national_mwh, emissions_national_t (cumulative)                                 MWh, t
//   compute_national_pflops                                                                PFLOP/s
// Static variables (declare_statics): see docs/model.md section 10.

#include "models/rollout/headline.h"
#include "models/rollout/snapshot.h"
#include "models/rollout/world.h"
#include "sim/recorder.h"

namespace models::rollout {

// Brings every integral up to now and copies the state into `out`.
void take_snapshot(World& w, Snapshot& out);
// Declares the axes and series; the samplers read `snapshot`, which must outlive the run.
void declare_recording(const World& w, sim::Recorder& recorder, const Snapshot& snapshot);
// Adds the headline indicators as static variables.
void declare_statics(const World& w, const Headline& headline, sim::Recorder& recorder);

}  // namespace models::rollout
