#include "models/rollout/accounting.h"

#include <algorithm>
#include <cmath>
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

Accounting::Accounting(const Catalogue& c)
    : sites_(c.sites.size()),
      buyers_(c.buyer_gpus.size()),
      grid_factor_(c.scenario().economics.emission_factor_t_per_mwh),
      price_(c.scenario().economics.electricity_price_krw_per_mwh) {
  for (std::size_t o = 0; o < c.orders.size(); ++o) {
    const OrderSpec& order = c.orders[o];
    sites_[order.site].counts[index(GpuState::OnOrder)] += order.gpus_total;
    sites_[order.site].ordered += order.gpus_total;
    buyers_[order.buyer].counts[index(GpuState::OnOrder)] += order.gpus_total;
    buyers_[order.buyer].ordered += order.gpus_total;
  }
  national_.ordered = c.gpus_ordered;
}

void Accounting::advance(std::size_t site, sim::Ticks now) {
  SiteTally& t = sites_[site];
  const sim::Ticks dt = now - t.last;
  if (dt <= 0) return;
  for (std::size_t k = 0; k < kGpuStateCount; ++k) t.gpu_seconds[k] += t.counts[k] * dt;
  if (t.draw > 0) {
    // MWh over dt seconds at `draw` milliwatts; on-site generation first, in listed order.
    const double hours = static_cast<double>(dt) / 3600.0;
    Milliwatts rest = t.draw;
    double emissions = 0;
    for (const Generation& g : t.generation) {
      const Milliwatts used = std::min(rest, g.capacity);
      emissions += to_mw(used) * hours * g.emission_factor_t_per_mwh;
      rest -= used;
    }
    const double grid_mwh = to_mw(rest) * hours;
    t.energy.add(to_mw(t.draw) * hours);
    t.grid_energy.add(grid_mwh);
    t.emissions.add(emissions + grid_mwh * grid_factor_);
  }
  t.last = now;
}

void Accounting::advance_all(sim::Ticks now) {
  for (std::size_t s = 0; s < sites_.size(); ++s) advance(s, now);
}

void Accounting::move(std::size_t site, std::size_t buyer, GpuState from, GpuState to, std::int64_t gpus,
                      sim::Ticks now) {
  if (gpus == 0 || from == to) return;
  advance(site, now);
  SiteTally& t = sites_[site];
  t.counts[index(from)] -= gpus;
  t.counts[index(to)] += gpus;
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
  sites_[site].entered_service += gpus;
  buyers_[buyer].entered_service += gpus;
  national_.entered_service += gpus;
  reach_milestones(buyers_[buyer], now);
  reach_milestones(national_, now);
}

void Accounting::set_draw(std::size_t site, Milliwatts draw, sim::Ticks now) {
  advance(site, now);
  national_draw_ += draw - sites_[site].draw;
  sites_[site].draw = draw;
  peak_draw_ = std::max(peak_draw_, national_draw_);
}

void Accounting::add_generation(std::size_t site, Generation g, sim::Ticks now) {
  advance(site, now);
  sites_[site].generation.push_back(g);
}

Milliwatts Accounting::generation(std::size_t site) const {
  Milliwatts total = 0;
  for (const Generation& g : sites_[site].generation) total += g.capacity;
  return total;
}

void Accounting::note_facility_power(Milliwatts national) {
  peak_facility_ = std::max(peak_facility_, national);
}

}  // namespace models::rollout
