#include "models/rollout/conditions.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "models/rollout/invariants.h"
#include "models/scenario/conditions.h"

namespace models::rollout {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

int resolve(int index, const std::string& what, const std::string& name, const std::string& condition) {
  if (index < 0)
    throw std::invalid_argument("rollout: " + condition + " names unknown " + what + " '" + name + "'");
  return index;
}

}  // namespace

ConditionMonitor::ConditionMonitor(const Catalogue& c, bool verify) : verify_(verify) {
  const Scenario& sc = c.scenario();
  target_count_ = sc.targets.size();
  const auto add = [&](const Condition& cond, bool observation) {
    const std::string where = std::string(observation ? "observation '" : "target '") + cond.name + "'";
    Spec s;
    s.quantity = cond.quantity;
    s.source = change_source(cond.quantity);
    if (!cond.buyer.empty()) {
      s.buyer = resolve(c.buyer_index(cond.buyer), "buyer", cond.buyer, where);
      if (!scn::kept_per_buyer(cond.quantity))
        throw std::invalid_argument("rollout: " + where + ": the model keeps no " +
                                    std::string(scn::quantity_name(cond.quantity)) + " per buyer");
    } else if (!cond.site.empty()) {
      s.sites.push_back(static_cast<std::size_t>(resolve(c.site_index(cond.site), "site", cond.site, where)));
    } else if (!cond.zone.empty()) {
      const auto zone = static_cast<std::size_t>(resolve(c.zone_index(cond.zone), "zone", cond.zone, where));
      for (std::size_t i = 0; i < c.sites.size(); ++i) {
        if (c.zone_of_site[i] == zone) s.sites.push_back(i);
      }
    } else {
      for (std::size_t i = 0; i < c.sites.size(); ++i) s.sites.push_back(i);
    }
    const double tolerance = std::max(cond.tolerance, cond.relative_tolerance * std::fabs(cond.value));
    switch (cond.comparison) {
      case Comparison::AtLeast:
        s.low = cond.value - tolerance;
        s.high = kInfinity;
        break;
      case Comparison::AtMost:
        s.low = -kInfinity;
        s.high = cond.value + tolerance;
        break;
      case Comparison::Within:
        s.low = cond.value - tolerance;
        s.high = cond.value + tolerance;
        break;
    }
    // The end of the date: midnight after it.
    const std::int64_t days = sim::days_from_civil(cond.date) - sim::days_from_civil(sc.start) + 1;
    s.at = sim::days(days);
    if (s.at <= 0 || s.at > c.horizon())
      throw std::invalid_argument("rollout: " + where + " is dated outside the horizon");
    ConditionOutcome o;
    o.name = cond.name;
    o.quantity = scn::quantity_name(cond.quantity);
    o.scope = scn::scope_text(cond);
    o.units = scn::quantity_units(cond.quantity);
    o.comparison = scn::comparison_name(cond.comparison);
    o.source = cond.source;
    o.value = cond.value;
    o.tolerance = tolerance;
    o.date = cond.date;
    o.date_days = static_cast<double>(days);
    if (cond.quantity == ConditionQuantity::GpusEnteredService ||
        cond.quantity == ConditionQuantity::GpusOperational) {
      double ordered = 0;
      if (s.buyer >= 0) {
        ordered = static_cast<double>(c.buyer_gpus[static_cast<std::size_t>(s.buyer)]);
      } else {
        for (const std::size_t i : s.sites) ordered += static_cast<double>(c.sites[i].gpus_ordered);
      }
      o.ordered_in_scope = ordered;
    }
    pending_.push_back(specs_.size());
    specs_.push_back(std::move(s));
    outcomes_.push_back(std::move(o));
  };
  for (const Condition& t : sc.targets) add(t, false);
  for (const Condition& o : sc.observations) add(o, true);
  last_.resize(specs_.size());
}

void ConditionMonitor::schedule(World& w) const {
  for (std::size_t k = 0; k < specs_.size(); ++k)
    w.schedule(specs_[k].at, Event::Condition, k, sim::Priority::First);
}

double ConditionMonitor::quantity(const World& w, const Spec& s, sim::Ticks now) const {
  const Accounting& a = w.accounting;
  const auto operational = index(GpuState::Operational);
  if (s.buyer >= 0) {
    const auto b = static_cast<std::size_t>(s.buyer);
    switch (s.quantity) {
      case ConditionQuantity::GpusEnteredService:
        return static_cast<double>(a.buyer_entered_service(b));
      case ConditionQuantity::GpusOperational:
        return static_cast<double>(a.buyer_counts(b)[operational]);
      case ConditionQuantity::ComputePflops: {
        double total = 0;
        for (const Cohort& cohort : w.cohorts) {
          if (cohort.buyer == b) total += static_cast<double>(cohort.operational) * cohort.pflops_per_gpu;
        }
        return total;
      }
      default:
        throw std::logic_error("rollout: a buyer-scoped condition on a quantity not kept per buyer");
    }
  }
  double total = 0;
  for (const std::size_t i : s.sites) {
    const SiteState& site = w.sites[i];
    switch (s.quantity) {
      case ConditionQuantity::GpusEnteredService:
        total += static_cast<double>(a.site_entered_service(i));
        break;
      case ConditionQuantity::GpusOperational:
        total += static_cast<double>(a.site_counts(i)[operational]);
        break;
      case ConditionQuantity::ComputePflops:
        for (const std::size_t k : site.cohorts) {
          total += static_cast<double>(w.cohorts[k].operational) * w.cohorts[k].pflops_per_gpu;
        }
        break;
      case ConditionQuantity::FacilityPowerMw:
        total += to_mw(site.committed);
        break;
      case ConditionQuantity::PowerDrawMw:
        total += to_mw(a.draw(i));
        break;
      case ConditionQuantity::EnergyMwh:
        total += a.energy_mwh_at(i, now);
        break;
      case ConditionQuantity::GridConnectedMw:
        total += to_mw(site.connected);
        break;
      case ConditionQuantity::HallsReady:
        total += site.halls_ready;
        break;
    }
  }
  return total;
}

ConditionMonitor::ChangeCounts ConditionMonitor::change_counts(const World& w) {
  const Accounting& a = w.accounting;
  return {a.entered_service_changes(), a.counts_changes(), a.draw_changes(), w.site_fields_changes};
}

bool changed_by_failures(ConditionQuantity q) {
  switch (q) {
    case ConditionQuantity::GpusOperational:
    case ConditionQuantity::ComputePflops:
    case ConditionQuantity::PowerDrawMw:
    case ConditionQuantity::EnergyMwh:
      return true;
    case ConditionQuantity::GpusEnteredService:  // counted once, when a unit first enters service
    case ConditionQuantity::FacilityPowerMw:     // reserved for admitted units, failed or not
    case ConditionQuantity::GridConnectedMw:
    case ConditionQuantity::HallsReady:
      return false;
  }
  return true;
}

std::size_t ConditionMonitor::change_source(ConditionQuantity q) {
  switch (q) {
    case ConditionQuantity::GpusEnteredService:
      return 0;
    case ConditionQuantity::GpusOperational:
    case ConditionQuantity::ComputePflops:  // cohorts' operational GPUs move with the counts
      return 1;
    case ConditionQuantity::PowerDrawMw:
      return 2;
    case ConditionQuantity::FacilityPowerMw:
    case ConditionQuantity::GridConnectedMw:
    case ConditionQuantity::HallsReady:
      return 3;
    case ConditionQuantity::EnergyMwh:
      break;
  }
  return kEveryInstant;
}

void ConditionMonitor::instant_ended(const World& w, sim::Ticks instant, sim::Ticks now) {
  const ChangeCounts counts = change_counts(w);
  unsigned changed = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] != seen_[i]) changed |= 1u << i;
  }
  seen_ = counts;
  // Nothing any pending condition reads changed since the last instant: none of them can hold
  // now (the check mode looks anyway). Most instants of a run change only the operational counts
  // (failures and repairs).
  if ((changed & pending_sources_) == 0 && !every_instant_pending_ && !verify_) return;
  every_instant_pending_ = false;
  pending_sources_ = 0;
  std::size_t kept = 0;
  for (const std::size_t k : pending_) {
    const Spec& s = specs_[k];
    ConditionOutcome& o = outcomes_[k];
    if (s.source == kEveryInstant) {
      // Energy rises linearly from `instant` to `now` at the draw set during `instant`: the first
      // tick at which it reaches `low`, if it does by `now` (it never falls, so `high` is passed
      // only after `low`; a band already passed at `instant` was passed while pending, impossible).
      double draw_mw = 0;
      for (const std::size_t i : s.sites) draw_mw += to_mw(w.accounting.draw(i));
      const double at_now = quantity(w, s, now);
      const double at_instant = at_now - draw_mw * static_cast<double>(now - instant) / 3600.0;
      if (at_instant >= s.low && at_instant <= s.high) {
        o.first_met_days = sim::to_days(instant);
        continue;
      }
      if (at_instant < s.low && at_now >= s.low && draw_mw > 0) {
        const double seconds = (s.low - at_instant) * 3600.0 / draw_mw;
        const sim::Ticks tick = instant + static_cast<sim::Ticks>(std::ceil(seconds));
        o.first_met_days = sim::to_days(std::min(tick, now));
        continue;
      }
    } else {
      LastEvaluation& last = last_[k];
      const std::uint64_t seen = counts[s.source];
      if (last.done && last.changes == seen) {
        // Nothing it reads changed since it was last found not to hold.
        if (verify_) {
          const double v = quantity(w, s, instant);
          if (v != last.value) {
            throw InvariantViolation(
                "condition-change-count",
                "condition '" + o.name + "' (" + o.quantity + ") changed from " + std::to_string(last.value) +
                    " to " + std::to_string(v) + " at day " + std::to_string(sim::to_days(instant)) +
                    " with no change counted: a change of what it reads does not bump its counter");
          }
        }
        pending_sources_ |= 1u << s.source;
        pending_[kept++] = k;
        continue;
      }
      const double v = quantity(w, s, instant);
      if (v >= s.low && v <= s.high) {
        o.first_met_days = sim::to_days(instant);
        continue;
      }
      last = LastEvaluation{true, seen, v};
    }
    if (s.source == kEveryInstant) {
      every_instant_pending_ = true;
    } else {
      pending_sources_ |= 1u << s.source;
    }
    pending_[kept++] = k;
  }
  pending_.resize(kept);
}

void ConditionMonitor::on_date(const World& w, std::size_t k) {
  const Spec& s = specs_.at(k);
  ConditionOutcome& o = outcomes_[k];
  const double v = quantity(w, s, w.now());
  o.model_value = v;
  o.met = v >= s.low && v <= s.high;
  o.shortfall = v < s.low ? s.low - v : v > s.high ? v - s.high : 0.0;
  o.difference = v - o.value;
}

void ConditionMonitor::fill(Headline& h) const {
  h.targets.assign(outcomes_.begin(), outcomes_.begin() + static_cast<std::ptrdiff_t>(target_count_));
  h.observations.assign(outcomes_.begin() + static_cast<std::ptrdiff_t>(target_count_), outcomes_.end());
}

}  // namespace models::rollout
