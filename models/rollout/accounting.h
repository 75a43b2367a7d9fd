#pragma once
// GPU accounting: how many GPUs of each site and buyer are in each state, the exact time
// integrals of those counts (GPU-seconds, in integers), and the site energy, emissions and cost,
// integrated exactly over the piecewise-constant power between events (compensated sums).
// Every change of state goes through move(), so conservation holds by construction; the
// invariant checker verifies it anyway.

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/rollout/catalogue.h"
#include "models/rollout/gpu_state.h"
#include "models/rollout/units.h"
#include "sim/time.h"

namespace models::rollout {

// Neumaier's compensated sum: the error stays O(eps) however many terms are added.
class CompensatedSum {
 public:
  void add(double x);
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0, compensation_ = 0;
};

struct Generation {
  Milliwatts capacity = 0;
  double emission_factor_t_per_mwh = 0;
};

class Accounting {
 public:
  using StateCounts = std::array<std::int64_t, kGpuStateCount>;
  static constexpr double kNever = std::numeric_limits<double>::quiet_NaN();

  explicit Accounting(const Catalogue& catalogue);

  // All GPUs start on order at tick 0.
  void move(std::size_t site, std::size_t buyer, GpuState from, GpuState to, std::int64_t gpus,
            sim::Ticks now);
  // A GPU became operational for the first time (counts towards the 50/90/100 % dates).
  void entered_service(std::size_t site, std::size_t buyer, std::int64_t gpus, sim::Ticks now);

  // The site's average facility draw changed (operational GPUs or on-site generation changed);
  // integrates energy up to `now` at the old values first.
  void set_draw(std::size_t site, Milliwatts draw, sim::Ticks now);
  void add_generation(std::size_t site, Generation g, sim::Ticks now);
  // Brings every integral of the site (or all sites) up to `now`.
  void advance(std::size_t site, sim::Ticks now);
  void advance_all(sim::Ticks now);
  // National committed facility power changed; tracks its peak.
  void note_facility_power(Milliwatts national);

  const StateCounts& site_counts(std::size_t site) const { return sites_[site].counts; }
  const StateCounts& buyer_counts(std::size_t buyer) const { return buyers_[buyer].counts; }
  // GPU-seconds spent in each state, up to the last advance().
  const StateCounts& site_gpu_seconds(std::size_t site) const { return sites_[site].gpu_seconds; }
  std::int64_t site_entered_service(std::size_t site) const { return sites_[site].entered_service; }
  std::int64_t buyer_entered_service(std::size_t buyer) const { return buyers_[buyer].entered_service; }
  Milliwatts draw(std::size_t site) const { return sites_[site].draw; }
  Milliwatts generation(std::size_t site) const;
  double energy_mwh(std::size_t site) const { return sites_[site].energy.value(); }
  // Facility energy up to `now` (not before the last advance) without advancing: the integral so
  // far plus the current draw since then.
  double energy_mwh_at(std::size_t site, sim::Ticks now) const {
    const SiteTally& t = sites_[site];
    return t.energy.value() + to_mw(t.draw) * static_cast<double>(now - t.last) / 3600.0;
  }
  double grid_energy_mwh(std::size_t site) const { return sites_[site].grid_energy.value(); }
  double emissions_t(std::size_t site) const { return sites_[site].emissions.value(); }
  double cost_krw(std::size_t site) const { return sites_[site].grid_energy.value() * price_; }
  double peak_facility_mw() const { return to_mw(peak_facility_); }
  double peak_draw_mw() const { return to_mw(peak_draw_); }

  // Tick at which entered service first reached the fraction of GPUs ordered (national, or of a
  // buyer); NaN when never reached. fraction is one of 0.5, 0.9, 1.0.
  static constexpr std::array<double, 3> kMilestones = {0.5, 0.9, 1.0};
  double national_milestone_days(std::size_t m) const { return national_.milestone_days[m]; }
  double buyer_milestone_days(std::size_t buyer, std::size_t m) const {
    return buyers_[buyer].milestone_days[m];
  }

 private:
  struct Tally {
    StateCounts counts{};
    std::int64_t ordered = 0;
    std::int64_t entered_service = 0;
    std::array<double, 3> milestone_days{kNever, kNever, kNever};
  };
  struct SiteTally : Tally {
    StateCounts gpu_seconds{};
    sim::Ticks last = 0;
    Milliwatts draw = 0;
    std::vector<Generation> generation;  // dispatched in this order, before the grid
    CompensatedSum energy, grid_energy, emissions;
  };
  static void reach_milestones(Tally& t, sim::Ticks now);

  std::vector<SiteTally> sites_;
  std::vector<Tally> buyers_;
  Tally national_;
  double grid_factor_ = 0;
  double price_ = 0;
  Milliwatts peak_facility_ = 0;
  Milliwatts peak_draw_ = 0;
  Milliwatts national_draw_ = 0;
};

}  // namespace models::rollout
