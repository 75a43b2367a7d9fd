#pragma once
// Units that can never be housed or powered under a scenario's own inputs, found before a run.
//
// The model never reports "impossible": a unit that cannot be housed or powered just waits until
// the horizon. find_strandings() looks at the scenario as written, with every hall built (as its
// land allows), every connection energised, every positive reinforcement in force and all
// on-site generation available, and names each site (or zone) where the ordered units still do
// not fit: what is short (cooling, hall size, land, racks, hall IT capacity, site supply, zone
// supply), by how much, and how many units and GPUs can therefore never enter service. Because
// everything is granted at its best, a shortfall found here is certain; the run may strand more.
//
// Counted units: those that cannot have retired by the horizon's end, i.e. released (or installed
// at the start) after end - service_life; units released after the end are not counted (they are
// simply beyond the horizon). See docs/model.md §6.1.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario.h"

namespace models::rollout {

enum class ShortResource : std::uint8_t { Cooling, HallSize, Land, Racks, ItCapacity, Supply, ZoneSupply };
inline constexpr std::array<std::string_view, 7> kShortResourceNames = {
    "cooling", "hall size", "land", "racks", "hall IT capacity", "supply", "zone supply"};

struct Shortfall {
  std::string site;  // the site's name; for ZoneSupply the zone's name
  ShortResource resource = ShortResource::Supply;
  double needed = 0;       // what the counted units need, in `unit`
  double available = 0;    // what the scenario offers at best, in `unit`
  std::string unit;        // "racks", "MW IT", "ha", "MW"
  std::string detail;      // how `needed` and `available` are made up
  std::int64_t units = 0;  // units that can never be housed or powered for this reason
  std::int64_t gpus = 0;   // their GPUs (0 for ZoneSupply: not attributable to one site)
  // ZoneSupply only: which shared limit the zone's sites exceed together ("zone supply", "local
  // network", "substation 'x'").
  std::string shared_limit = "zone supply";
  double short_by() const { return needed - available; }
};

std::vector<Shortfall> find_strandings(const Scenario& scenario);

// "site 'x': 13 units (936 GPUs) can never be powered: supply short by 1.95 MW (...)"
std::string describe(const Shortfall& s);

// Short form for a table cell: "supply -1.95 MW".
std::string short_reason(const Shortfall& s);

}  // namespace models::rollout
