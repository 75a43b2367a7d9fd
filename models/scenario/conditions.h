#pragma once
// Targets and observations: the words of their keys, the unit of each quantity, and the loader's
// pass that reads their values (a count, or a quantity whose unit kind depends on `quantity`) and
// checks their rules. One mechanism for both lists (models/scenario.h, Condition).

#include <array>
#include <optional>
#include <string_view>

#include "models/scenario.h"
#include "models/scenario/units.h"

namespace models::scn {

class Reader;

// The `quantity` words, in the order of ConditionQuantity.
inline constexpr std::array<std::string_view, 8> kConditionQuantityNames = {
    "gpus_entered_service", "gpus_operational", "compute_pflops",    "facility_power_mw",
    "power_draw_mw",        "energy_mwh",       "grid_connected_mw", "halls_ready"};
inline constexpr std::array<std::string_view, 3> kComparisonNames = {"at_least", "at_most", "within"};

std::string_view quantity_name(ConditionQuantity q);
std::string_view comparison_name(Comparison c);
// The unit kind of a quantity; nullopt for counts (GPUs, halls), which are plain numbers.
std::optional<units::Kind> quantity_unit(ConditionQuantity q);
// The canonical unit symbol ("MW", "PFLOP/s") or "1" for counts (UDUNITS-2 for output files).
std::string_view quantity_units(ConditionQuantity q);
// Whether the model keeps the quantity per buyer (GPU counts and compute only).
bool kept_per_buyer(ConditionQuantity q);
// "national", "buyer government", "site nacc-haenam", "zone honam".
std::string scope_text(const Condition& c);

// A count or a quantity in the canonical unit of `q`; the problem in words when it is neither.
units::Parsed<double> parse_condition_amount(ConditionQuantity q, std::string_view text);

// Reads the value and tolerance texts of every target and observation into canonical numbers and
// checks their rules (scope, date within the horizon). Reports with file, line and key path.
void resolve_conditions(Scenario& scenario, Reader& reader);

}  // namespace models::scn
