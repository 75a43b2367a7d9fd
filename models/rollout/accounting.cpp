#include "models/rollout/accounting.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>

namespace models::rollout {

void CompensatedSum::add(double x) {
  const double t = sum_ + x;
  if (std::fabs(sum_) >= std::fabs(x)) {
    compensation_ += (sum_ - t) + x;
  } else {
    compensation_ += (x - t) + sum_;
  }
  sum_ = t;
}

Generation Generation::firm_plant(Milliwatts capacity, double emission_factor_t_per_mwh) {
  Generation g;
  g.capacity = capacity;
  g.firm = capacity;
  g.available.fill(capacity);
  g.emission_factor_t_per_mwh = emission_factor_t_per_mwh;
  return g;
}

Generation Generation::from(const OnSiteGeneration& spec) {
  Generation g;
  g.capacity = to_milliwatts(spec.capacity_mw);
  g.firm = to_milliwatts(spec.capacity_mw * capacity_credit_of(spec));
  if (spec.daily_shape.empty()) {
    g.available.fill(to_milliwatts(spec.capacity_mw * spec.capacity_factor.value_or(1.0)));
  } else {
    for (const HourlyAvailability& h : spec.daily_shape) {
      g.available[static_cast<std::size_t>(h.hour)] = to_milliwatts(spec.capacity_mw * h.factor);
    }
    g.varies_by_hour = std::any_of(g.available.begin(), g.available.end(),
                                   [&](Milliwatts p) { return p != g.available[0]; });
  }
  g.emission_factor_t_per_mwh = spec.emission_factor_t_per_mwh;
  return g;
}

template <class V>
const V& Schedule<V>::at(sim::Ticks t) const {
  auto it =
      std::upper_bound(steps.begin(), steps.end(), t,
                       [](sim::Ticks x, const std::pair<sim::Ticks, V>& step) { return x < step.first; });
  return std::prev(it)->second;  // steps[0] is at tick 0 and t >= 0
}

template <class V>
sim::Ticks Schedule<V>::next_change(sim::Ticks t) const {
  auto it =
      std::upper_bound(steps.begin(), steps.end(), t,
                       [](sim::Ticks x, const std::pair<sim::Ticks, V>& step) { return x < step.first; });
  return it == steps.end() ? std::numeric_limits<sim::Ticks>::max() : it->first;
}

template struct Schedule<double>;
template struct Schedule<Tariff>;

std::vector<Accounting::Piece> Accounting::pieces_of(const Catalogue& c) {
  const Economics& e = c.scenario().economics;
  Schedule<double> emission_factor;  // t/MWh
  Schedule<Tariff> tariff;
  // Changes dated on or before the start replace the value from the start.
  emission_factor.steps.push_back({0, e.emission_factor_t_per_mwh});
  for (const EmissionFactorChange& change : e.emission_factor_changes) {
    const sim::Ticks at = std::max<sim::Ticks>(0, c.to_ticks(change.date));
    if (at == emission_factor.steps.back().first) emission_factor.steps.pop_back();
    emission_factor.steps.push_back({at, change.emission_factor_t_per_mwh});
  }
  tariff.steps.push_back({0, {e.electricity_price_krw_per_mwh, e.capacity_charge_krw_per_mw_month}});
  for (const PriceChange& change : e.price_changes) {
    const sim::Ticks at = std::max<sim::Ticks>(0, c.to_ticks(change.date));
    if (at == tariff.steps.back().first) tariff.steps.pop_back();
    tariff.steps.push_back(
        {at, {change.electricity_price_krw_per_mwh, change.capacity_charge_krw_per_mw_month}});
  }
  std::vector<Piece> pieces;
  for (sim::Ticks a = 0; a != std::numeric_limits<sim::Ticks>::max();) {
    const sim::Ticks b = std::min(tariff.next_change(a), emission_factor.next_change(a));
    pieces.push_back({a, b, tariff.at(a), emission_factor.at(a)});
    a = b;
  }
  return pieces;
}

Accounting::Accounting(const Catalogue& c)
    : sites_(c.sites.size()), buyers_(c.buyer_gpus.size()), pieces_(pieces_of(c)) {
  for (std::size_t o = 0; o < c.orders.size(); ++o) {
    const OrderSpec& order = c.orders[o];
    sites_[order.site].counts[index(GpuState::OnOrder)] += order.gpus_total;
    sites_[order.site].ordered += order.gpus_total;
    buyers_[order.buyer].counts[index(GpuState::OnOrder)] += order.gpus_total;
    buyers_[order.buyer].ordered += order.gpus_total;
  }
  national_.ordered = c.gpus_ordered;
}

void Accounting::integrate_counts(TimedTally& t, sim::Ticks now) {
  const sim::Ticks dt = now - t.last;
  if (dt <= 0) return;
  for (std::size_t k = 0; k < kGpuStateCount; ++k) t.gpu_seconds[k] += t.counts[k] * dt;
  t.last = now;
}

void Accounting::advance(std::size_t site, sim::Ticks now) {
  SiteTally& t = sites_[site];
  const sim::Ticks from = t.last;
  if (now - from <= 0) return;
  integrate_counts(t, now);
  integrate(t, from, now);
}

void Accounting::integrate(SiteTally& t, sim::Ticks from, sim::Ticks to) {
  if (t.draw <= 0 && t.contracted <= 0) return;
  // The piece holding `from` (the pieces tile [0, max Ticks) in order).
  while (pieces_[t.piece].end <= from) ++t.piece;
  auto piece = pieces_.begin() + static_cast<std::ptrdiff_t>(t.piece);
  for (sim::Ticks a = from; a < to; ++piece) {
    const sim::Ticks b = std::min(to, piece->end);
    const Tariff& tariff = piece->tariff;
    if (t.draw > 0) {
      const Supply s = supply(t, a, b);
      t.energy.add(to_mw(t.draw) * static_cast<double>(b - a) / 3600.0);
      t.grid_energy.add(s.grid_mwh);
      t.emissions.add(s.onsite_emissions_t + s.grid_mwh * piece->emission_factor_t_per_mwh);
      t.energy_cost.add(s.grid_mwh * tariff.energy_krw_per_mwh);
    }
    if (t.contracted > 0 && tariff.capacity_krw_per_mw_month > 0) {
      t.capacity_cost.add(to_mw(t.contracted) * tariff.capacity_krw_per_mw_month *
                          (static_cast<double>(b - a) / kSecondsPerMonth));
    }
    a = b;
  }
}

Accounting::Supply Accounting::supply(const SiteTally& t, sim::Ticks from, sim::Ticks to) {
  // Dispatch in hour h of the day: grid power left and the on-site emission rate (t per hour).
  auto dispatch = [&t](std::size_t h, Milliwatts& grid, double& onsite_t_per_h) {
    Milliwatts rest = t.draw;
    onsite_t_per_h = 0;
    for (const Generation& g : t.generation) {
      const Milliwatts used = std::min(rest, g.available[h]);
      onsite_t_per_h += to_mw(used) * g.emission_factor_t_per_mwh;
      rest -= used;
    }
    grid = rest;
  };
  Supply out;
  if (!t.generation_varies_by_hour) {
    Milliwatts grid = 0;
    double rate = 0;
    dispatch(0, grid, rate);
    const double hours = static_cast<double>(to - from) / 3600.0;
    out.grid_mwh = to_mw(grid) * hours;
    out.onsite_emissions_t = rate * hours;
    return out;
  }
  std::array<Milliwatts, 24> grid{};
  std::array<double, 24> rate{};
  double day_grid_mwh = 0, day_onsite_t = 0;
  for (std::size_t h = 0; h < 24; ++h) {
    dispatch(h, grid[h], rate[h]);
    day_grid_mwh += to_mw(grid[h]);
    day_onsite_t += rate[h];
  }
  for (sim::Ticks a = from; a < to;) {
    const sim::Ticks in_day = a % sim::kTicksPerDay;
    if (in_day == 0 && to - a >= sim::kTicksPerDay) {
      const sim::Ticks days = (to - a) / sim::kTicksPerDay;
      out.grid_mwh += day_grid_mwh * static_cast<double>(days);
      out.onsite_emissions_t += day_onsite_t * static_cast<double>(days);
      a += days * sim::kTicksPerDay;
      continue;
    }
    const auto h = static_cast<std::size_t>(in_day / sim::kTicksPerHour);
    const sim::Ticks b = std::min(to, a - in_day % sim::kTicksPerHour + sim::kTicksPerHour);
    const double hours = static_cast<double>(b - a) / 3600.0;
    out.grid_mwh += to_mw(grid[h]) * hours;
    out.onsite_emissions_t += rate[h] * hours;
    a = b;
  }
  return out;
}

void Accounting::advance_all(sim::Ticks now) {
  for (std::size_t s = 0; s < sites_.size(); ++s) advance(s, now);
  for (TimedTally& b : buyers_) integrate_counts(b, now);
}

void Accounting::move(std::size_t site, std::size_t buyer, GpuState from, GpuState to, std::int64_t gpus,
                      sim::Ticks now) {
  if (gpus == 0 || from == to) return;
  ++counts_changes_;
  advance(site, now);
  SiteTally& t = sites_[site];
  t.counts[index(from)] -= gpus;
  t.counts[index(to)] += gpus;
  integrate_counts(buyers_[buyer], now);  // the buyer's integral at its old counts first
  buyers_[buyer].counts[index(from)] -= gpus;
  buyers_[buyer].counts[index(to)] += gpus;
  if (t.counts[index(from)] < 0) {
    throw std::logic_error("rollout accounting: negative " + std::string(name(from)) + " count at site " +
                           std::to_string(site));
  }
}

void Accounting::reach_milestones(Tally& t, sim::Ticks now) {
  for (std::size_t m = 0; m < kMilestones.size(); ++m) {
    if (!std::isnan(t.milestone_days[m]) || t.ordered == 0) continue;
    const auto needed = static_cast<std::int64_t>(std::ceil(kMilestones[m] * static_cast<double>(t.ordered)));
    if (t.entered_service >= needed) t.milestone_days[m] = sim::to_days(now);
  }
}

void Accounting::entered_service(std::size_t site, std::size_t buyer, std::int64_t gpus, sim::Ticks now) {
  ++entered_service_changes_;
  sites_[site].entered_service += gpus;
  buyers_[buyer].entered_service += gpus;
  national_.entered_service += gpus;
  reach_milestones(buyers_[buyer], now);
  reach_milestones(national_, now);
}

void Accounting::set_draw(std::size_t site, Milliwatts draw, sim::Ticks now) {
  advance(site, now);
  if (draw != sites_[site].draw) ++draw_changes_;
  national_draw_ += draw - sites_[site].draw;
  sites_[site].draw = draw;
  peak_draw_ = std::max(peak_draw_, national_draw_);
}

void Accounting::add_generation(std::size_t site, Generation g, sim::Ticks now) {
  advance(site, now);
  sites_[site].generation_varies_by_hour = sites_[site].generation_varies_by_hour || g.varies_by_hour;
  sites_[site].generation.push_back(g);
}

void Accounting::set_contracted(std::size_t site, Milliwatts contracted, sim::Ticks now) {
  advance(site, now);
  sites_[site].contracted = contracted;
}

Milliwatts Accounting::generation(std::size_t site) const {
  Milliwatts total = 0;
  for (const Generation& g : sites_[site].generation) total += g.capacity;
  return total;
}

Milliwatts Accounting::firm_generation(std::size_t site) const {
  Milliwatts total = 0;
  for (const Generation& g : sites_[site].generation) total += g.firm;
  return total;
}

void Accounting::note_facility_power(Milliwatts reserved, Milliwatts physical) {
  peak_facility_ = std::max(peak_facility_, reserved);
  peak_physical_ = std::max(peak_physical_, physical);
}

}  // namespace models::rollout
