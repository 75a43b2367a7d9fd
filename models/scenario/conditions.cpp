#include "models/scenario/conditions.h"

#include <fmt/format.h>

#include "models/scenario/record.h"

namespace models::scn {

std::string_view quantity_name(ConditionQuantity q) {
  return kConditionQuantityNames.at(static_cast<std::size_t>(q));
}

std::string_view comparison_name(Comparison c) { return kComparisonNames.at(static_cast<std::size_t>(c)); }

std::optional<units::Kind> quantity_unit(ConditionQuantity q) {
  switch (q) {
    case ConditionQuantity::GpusEnteredService:
    case ConditionQuantity::GpusOperational:
    case ConditionQuantity::HallsReady:
      return std::nullopt;
    case ConditionQuantity::ComputePflops:
      return units::Kind::Compute;
    case ConditionQuantity::FacilityPowerMw:
    case ConditionQuantity::PowerDrawMw:
    case ConditionQuantity::GridConnectedMw:
      return units::Kind::Power;
    case ConditionQuantity::EnergyMwh:
      return units::Kind::Energy;
  }
  return std::nullopt;
}

std::string_view quantity_units(ConditionQuantity q) {
  const std::optional<units::Kind> kind = quantity_unit(q);
  if (!kind) return "1";
  // UDUNITS-2 spells MWh "MW h".
  return *kind == units::Kind::Energy ? std::string_view("MW h") : units::canonical_symbol(*kind);
}

bool kept_per_buyer(ConditionQuantity q) {
  return q == ConditionQuantity::GpusEnteredService || q == ConditionQuantity::GpusOperational ||
         q == ConditionQuantity::ComputePflops;
}

std::string scope_text(const Condition& c) {
  if (!c.buyer.empty()) return "buyer " + c.buyer;
  if (!c.site.empty()) return "site " + c.site;
  if (!c.zone.empty()) return "zone " + c.zone;
  return "national";
}

units::Parsed<double> parse_condition_amount(ConditionQuantity q, std::string_view text) {
  const std::optional<units::Kind> kind = quantity_unit(q);
  if (kind) {
    units::Parsed<double> parsed = units::parse_quantity(text, *kind);
    if (!parsed) {
      const std::size_t at = parsed.problem.find(", found");
      if (at != std::string::npos)
        parsed.problem.insert(at, fmt::format(" (the unit of {})", quantity_name(q)));
    }
    return parsed;
  }
  units::Parsed<double> parsed = units::parse_number(text);
  if (!parsed) {
    return {std::nullopt, fmt::format("expected a number (a count of {}) such as '15000', found {}",
                                      q == ConditionQuantity::HallsReady ? "halls" : "GPUs", quote(text))};
  }
  return parsed;
}

namespace {

void resolve_list(std::vector<Condition>& list, const std::string& list_key, bool observations,
                  const Scenario& s, Reader& r) {
  const bool horizon_ok = r.ok("start") && r.ok("end") && s.end > s.start;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Condition& c = list[i];
    const std::string path = index_path(list_key, i);
    const std::string value_key = join_path(path, observations ? "value" : "threshold");
    if (!r.ok(path)) continue;
    if (r.ok(join_path(path, "quantity")) && r.ok(value_key) && r.given(value_key)) {
      const units::Parsed<double> v = parse_condition_amount(c.quantity, c.value_text);
      if (v) {
        c.value = *v.value;
      } else {
        r.violation(value_key, v.problem);
      }
    }
    const std::string tolerance_key = join_path(path, "tolerance");
    if (observations && r.ok(join_path(path, "quantity")) && r.given(tolerance_key) && r.ok(tolerance_key)) {
      const units::Parsed<double> t = parse_condition_amount(c.quantity, c.tolerance_text);
      if (!t) {
        r.violation(tolerance_key, t.problem);
      } else if (*t.value < 0) {
        r.violation(tolerance_key,
                    fmt::format("expected a tolerance of at least 0, found {}", quote(c.tolerance_text)));
      } else {
        c.tolerance = *t.value;
      }
    }
    int scopes = 0;
    for (const char* key : {"buyer", "site", "zone"}) scopes += r.given(join_path(path, key)) ? 1 : 0;
    if (scopes > 1) {
      std::vector<std::string> given;
      for (const char* key : {"buyer", "site", "zone"}) {
        if (r.given(join_path(path, key))) given.emplace_back(key);
      }
      r.violation(r.origin(path), path,
                  fmt::format("expected at most one of buyer, site and zone (the scope), found {}",
                              name_list(given)));
    } else if (!c.buyer.empty() && r.ok(join_path(path, "quantity")) && !kept_per_buyer(c.quantity)) {
      r.violation(
          join_path(path, "quantity"),
          fmt::format("expected gpus_entered_service, gpus_operational or compute_pflops with a buyer "
                      "scope (the model keeps no {} per buyer; use a site, zone or national scope), "
                      "found '{}'",
                      quantity_name(c.quantity), quantity_name(c.quantity)));
    }
    const std::string date = join_path(path, "date");
    if (horizon_ok && r.ok(date) && (c.date < s.start || c.date > s.end)) {
      r.violation(date, fmt::format("expected a date within [{}, {}] (the scenario's horizon), found '{}'",
                                    sim::to_iso(s.start), sim::to_iso(s.end), sim::to_iso(c.date)));
    }
  }
}

}  // namespace

void resolve_conditions(Scenario& scenario, Reader& reader) {
  resolve_list(scenario.targets, "targets", false, scenario, reader);
  resolve_list(scenario.observations, "observations", true, scenario, reader);
}

}  // namespace models::scn
