#pragma once
// The states a GPU is in, in the order the output lists them. Every GPU ordered is in exactly one
// of them at every instant; see docs/model.md for the transitions.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace models::rollout {

enum class GpuState : std::uint8_t {
  OnOrder,              // ordered, not yet released by the supplier
  InTransit,            // released, in transit and customs
  Held,                 // release blocked by an export-licence hold
  WaitingConstruction,  // in the warehouse; a hall that could house it is planned or being built
  WaitingLand,          // in the warehouse; no room, and no land (or no hall) to build more
  WaitingPower,         // has a place in a ready hall; the site's power cannot cover it yet
  WaitingCrew,          // powered and housed; waiting for an installation crew
  Installing,           // being installed by a crew, or in burn-in
  Operational,
  InRepair,
  Retired,
};

inline constexpr std::size_t kGpuStateCount = 11;
inline constexpr std::array<std::string_view, kGpuStateCount> kGpuStateNames = {
    "on_order",     "in_transit",    "held",         "waiting_construction",
    "waiting_land", "waiting_power", "waiting_crew", "installing",
    "operational",  "in_repair",     "retired"};

constexpr std::size_t index(GpuState s) { return static_cast<std::size_t>(s); }
constexpr std::string_view name(GpuState s) { return kGpuStateNames[index(s)]; }

}  // namespace models::rollout
