#include "models/scenario/adjustments.h"

#include <cmath>
#include <map>

namespace models {
namespace {

sim::Date shifted(const sim::Date& date, double days) {
  return sim::civil_from_days(sim::days_from_civil(date) + static_cast<std::int64_t>(std::llround(days)));
}

}  // namespace

Distribution scaled(const Distribution& d, double k) {
  Distribution out = d;
  out.a *= k;
  out.b *= k;
  out.c *= k;
  return out;
}

Scenario adjusted(const Scenario& scenario) {
  Scenario s = scenario;
  const Adjustments a = s.adjustments;
  for (ConstructionTemplate& t : s.construction_templates) {
    for (ConstructionTask& task : t.tasks)
      task.duration_days = scaled(task.duration_days, a.construction_duration_factor);
  }
  for (GridZone& z : s.zones) {
    z.assessment_days = scaled(z.assessment_days, a.assessment_time_factor);
    for (LoadStep& step : z.background_load) step.load_mw *= a.background_load_factor;
  }
  s.logistics.transit_days = scaled(s.logistics.transit_days, a.transit_time_factor);
  for (Site& site : s.sites) {
    for (GridConnection& c : site.connections) c.lead_days = scaled(c.lead_days, a.grid_lead_time_factor);
    site.units_per_crew_day *= a.installation_rate_factor;
    site.burn_in_days = scaled(site.burn_in_days, a.burn_in_factor);
    const double shift = a.planned_start_shift_days + site.planned_start_shift_days;
    for (Hall& h : site.halls) {
      if (h.start == HallStart::Planned && h.planned_start)
        h.planned_start = shifted(*h.planned_start, shift);
    }
    site.planned_start_shift_days = 0;
  }
  std::map<std::string, double> buyer_shift;
  for (Buyer& b : s.buyers) {
    buyer_shift[b.name] = b.schedule_shift_days;
    b.schedule_shift_days = 0;
  }
  for (Order& o : s.orders) {
    const auto buyer = buyer_shift.find(o.buyer);
    const double shift =
        a.schedule_shift_days + o.schedule_shift_days + (buyer == buyer_shift.end() ? 0.0 : buyer->second);
    for (Shipment& sh : o.schedule) sh.date = shifted(sh.date, shift);
    o.schedule_shift_days = 0;
  }
  s.adjustments = Adjustments{};
  return s;
}

bool has_adjustments(const Scenario& s) {
  if (s.adjustments != Adjustments{}) return true;
  for (const Buyer& b : s.buyers) {
    if (b.schedule_shift_days != 0) return true;
  }
  for (const Order& o : s.orders) {
    if (o.schedule_shift_days != 0) return true;
  }
  for (const Site& site : s.sites) {
    if (site.planned_start_shift_days != 0) return true;
  }
  return false;
}

}  // namespace models
