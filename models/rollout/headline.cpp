#include "models/rollout/headline.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace models::rollout {

Constraint binding_constraint(const std::array<double, kGpuStateCount>& gpu_days) {
  const std::array<std::pair<GpuState, Constraint>, 4> candidates = {{
      {GpuState::WaitingConstruction, Constraint::Construction},
      {GpuState::WaitingLand, Constraint::Land},
      {GpuState::WaitingPower, Constraint::Power},
      {GpuState::WaitingCrew, Constraint::Crew},
  }};
  Constraint best = Constraint::None;
  double most = 0;
  for (const auto& [state, constraint] : candidates) {
    if (gpu_days[index(state)] > most) {
      most = gpu_days[index(state)];
      best = constraint;
    }
  }
  return best;
}

void explain_never_in_service(SiteHeadline& site,
                              const std::array<std::int64_t, kGpuStateCount>& counts_at_end,
                              const std::vector<Shortfall>& strandings) {
  site.gpus_never_in_service = site.gpus_ordered - site.gpus_entered_service;
  site.gpus_never_housed_or_powered = 0;
  site.never_in_service_code = 0;
  std::string reason;
  for (const Shortfall& s : strandings) {
    if (s.site != site.name || s.resource == ShortResource::ZoneSupply) continue;
    site.gpus_never_housed_or_powered += s.gpus;
    if (reason.empty()) site.never_in_service_code = 1 + static_cast<int>(s.resource);
    reason += (reason.empty() ? "" : "; ") + short_reason(s);
  }
  site.gpus_never_housed_or_powered = std::min(site.gpus_never_housed_or_powered, site.gpus_never_in_service);
  if (site.gpus_never_in_service > site.gpus_never_housed_or_powered) {
    // The rest: the state that held most of the never-served GPUs at the end (states before
    // operational; a GPU that entered service never returns to them except by curtailment).
    GpuState most = GpuState::OnOrder;
    for (const GpuState s :
         {GpuState::OnOrder, GpuState::InTransit, GpuState::Held, GpuState::WaitingConstruction,
          GpuState::WaitingLand, GpuState::WaitingPower, GpuState::WaitingCrew, GpuState::Installing}) {
      if (counts_at_end[index(s)] > counts_at_end[index(most)]) most = s;
    }
    if (reason.empty()) site.never_in_service_code = 8 + static_cast<int>(index(most));
    reason += (reason.empty() ? "" : "; ") + std::string(name(most)) + " at the end";
  }
  site.never_in_service_reason = site.gpus_never_in_service > 0 ? reason : "";
  if (site.gpus_never_in_service == 0) site.never_in_service_code = 0;
}

namespace {

std::string date_after(const sim::Date& start, double days) {
  if (std::isnan(days)) return "-";
  return sim::to_iso(
      sim::civil_from_days(sim::days_from_civil(start) + static_cast<std::int64_t>(std::floor(days))));
}

std::string milestone_cells(const sim::Date& start, const Milestones& m) {
  return fmt::format("{:>12} {:>12} {:>12}", date_after(start, m.days[0]), date_after(start, m.days[1]),
                     date_after(start, m.days[2]));
}

// "15,000" / "40.5 MW" / "1.2e+06 MW h": a condition's value with its units.
std::string amount(double v, const std::string& units) {
  std::string number;
  if (std::isnan(v)) {
    number = "-";
  } else if (v == std::floor(v) && std::fabs(v) < 1e15) {
    number = fmt::format("{:.0f}", v);
  } else {
    number = fmt::format("{:.4g}", v);
  }
  return units == "1" ? number : number + " " + units;
}

std::string bound(const ConditionOutcome& c) {
  if (c.comparison == "at_least") return ">= " + amount(c.value, c.units);
  if (c.comparison == "at_most") return "<= " + amount(c.value, c.units);
  return amount(c.value, c.units);
}

}  // namespace

bool unreachable_by_orders(const ConditionOutcome& c) {
  return c.comparison == "at_least" && c.ordered_in_scope < c.value - c.tolerance;
}

std::string never_met_reason(const ConditionOutcome& c) {
  if (unreachable_by_orders(c)) {
    return fmt::format("can never be met under this scenario: its orders give {} only {} GPUs",
                       c.scope == "national" ? std::string("the country") : "the " + c.scope,
                       amount(c.ordered_in_scope, "1"));
  }
  if (c.comparison == "at_least")
    return fmt::format("never reached {} within the horizon", amount(c.value - c.tolerance, c.units));
  if (c.comparison == "at_most")
    return fmt::format("never at or below {} within the horizon", amount(c.value + c.tolerance, c.units));
  return fmt::format("never within {} of {} within the horizon", amount(c.tolerance, c.units),
                     amount(c.value, c.units));
}

std::string format_conditions(const Headline& h) {
  std::string out;
  if (!h.targets.empty()) {
    out += "\n  Targets (quantity at the end of each date; first met: the first instant it held)\n";
    out += fmt::format("  {:<26} {:<22} {:<26} {:>18} {:>11} {:>18} {:>4} {:>11} {:>16}\n", "target",
                       "quantity", "scope", "condition", "date", "model", "met", "first met", "shortfall");
    for (const ConditionOutcome& c : h.targets) {
      out += fmt::format("  {:<26} {:<22} {:<26} {:>18} {:>11} {:>18} {:>4} {:>11} {:>16}\n", c.name,
                         c.quantity, c.scope, bound(c), sim::to_iso(c.date), amount(c.model_value, c.units),
                         c.met ? "yes" : "no", date_after(h.start, c.first_met_days),
                         amount(c.shortfall, c.units));
    }
    for (const ConditionOutcome& c : h.targets) {
      if (std::isnan(c.first_met_days))
        out += fmt::format("  {}: first met '-': {}\n", c.name, never_met_reason(c));
    }
  }
  if (!h.observations.empty()) {
    std::size_t matched = 0;
    for (const ConditionOutcome& c : h.observations) matched += c.met ? 1 : 0;
    out += fmt::format(
        "\n  Observations (model at the end of each date against the observed value): {} of {} "
        "matched\n",
        matched, h.observations.size());
    out += fmt::format("  {:<26} {:<22} {:<26} {:>11} {:>26} {:>18} {:>8} {:>16}  {}\n", "observation",
                       "quantity", "scope", "date", "observed (tolerance)", "model", "matched", "difference",
                       "source");
    for (const ConditionOutcome& c : h.observations) {
      out += fmt::format("  {:<26} {:<22} {:<26} {:>11} {:>26} {:>18} {:>8} {:>16}  {}\n", c.name, c.quantity,
                         c.scope, sim::to_iso(c.date),
                         fmt::format("{} (+-{})", bound(c), amount(c.tolerance, c.units)),
                         amount(c.model_value, c.units), c.met ? "yes" : "no", amount(c.difference, c.units),
                         c.source.empty() ? "-" : "[" + c.source + "]");
    }
  }
  return out;
}

std::string format_headline(const Headline& h) {
  std::string out;
  out += fmt::format("Headline indicators: scenario '{}', {} .. {}, seed {}, run {}{}\n", h.scenario,
                     sim::to_iso(h.start), sim::to_iso(h.end), h.seed, h.run_index,
                     h.per_gpu_failures ? ", failures per GPU (operations.failure_process: per_gpu)" : "");
  out += fmt::format("  GPUs ordered {}, entered service {}, operational at end {}\n", h.gpus_ordered,
                     h.gpus_entered_service, h.gpus_operational_at_end);
  out += fmt::format(
      "  GPUs never in service {}, of which {} can never be housed or powered under the scenario's inputs\n",
      h.gpus_never_in_service, h.gpus_never_housed_or_powered);
  out += fmt::format(
      "  peak facility power: physical {:.1f} MW (IT peak x PUE), provisioned {:.1f} MW (x {:g} "
      "power_provisioning); peak average draw {:.1f} MW\n",
      h.peak_physical_facility_power_mw, h.peak_facility_power_mw, h.power_provisioning,
      h.peak_power_draw_mw);
  out += fmt::format(
      "  energy {:.4f} TWh, emissions {:.4f} Mt CO2e, electricity cost {:.4g} KRW (capacity charges {:.4g} "
      "KRW)\n",
      h.energy_twh, h.emissions_mt, h.electricity_cost_krw, h.capacity_cost_krw);
  out += "\n  Operational dates (GPUs entered service)   50 %          90 %         100 %\n";
  out += fmt::format("  {:<40} {}\n", "national", milestone_cells(h.start, h.national));
  for (const BuyerHeadline& b : h.buyers) {
    out += fmt::format("  {:<40} {}\n", "buyer " + b.name, milestone_cells(h.start, b.milestones));
  }
  out += "\n  GPU-days idle by reason (national)\n";
  for (const GpuState s : {GpuState::Held, GpuState::WaitingConstruction, GpuState::WaitingLand,
                           GpuState::WaitingPower, GpuState::WaitingCrew, GpuState::InRepair}) {
    out += fmt::format("  {:<40} {:>16.0f}\n", name(s), h.gpu_days[index(s)]);
  }
  out += fmt::format("\n  {:<24} {:>10} {:>12} {:>14} {:>14} {:>14} {:>14} {:>14}\n", "site", "ordered",
                     "op. at end", "binding", "gd constr.", "gd land", "gd power", "gd crew");
  for (const SiteHeadline& s : h.sites) {
    out += fmt::format(
        "  {:<24} {:>10} {:>12} {:>14} {:>14.0f} {:>14.0f} {:>14.0f} {:>14.0f}\n", s.name, s.gpus_ordered,
        s.gpus_operational_at_end, kConstraintNames[static_cast<std::size_t>(s.binding)],
        s.gpu_days[index(GpuState::WaitingConstruction)], s.gpu_days[index(GpuState::WaitingLand)],
        s.gpu_days[index(GpuState::WaitingPower)], s.gpu_days[index(GpuState::WaitingCrew)]);
  }
  bool any_never = false;
  for (const SiteHeadline& s : h.sites) any_never = any_never || s.gpus_never_in_service > 0;
  if (any_never) {
    out +=
        fmt::format("\n  {:<24} {:>10} {:>12}  {}\n", "GPUs never in service", "GPUs", "certain", "reason");
    for (const SiteHeadline& s : h.sites) {
      if (s.gpus_never_in_service == 0) continue;
      out += fmt::format("  {:<24} {:>10} {:>12}  {}\n", s.name, s.gpus_never_in_service,
                         s.gpus_never_housed_or_powered, s.never_in_service_reason);
    }
  }
  return out;
}

}  // namespace models::rollout
