#pragma once
// GPU accounting: how many GPUs of each site and buyer are in each state, the exact time
// integrals of those counts (GPU-seconds, in integers), and the site energy, emissions and cost,
// integrated exactly over the piecewise-constant power between events (compensated sums).
//
// Energy: between two events a site draws a constant average facility power. On-site generation
// supplies it first, in listed order, each plant up to the power it has available at that moment
// (nameplate x capacity factor, or nameplate x the hour's factor of its daily shape); the rest
// comes from the grid. Generation above the draw is spilled (not stored, not exported). Intervals
// are cut at hour boundaries (only when a plant has a daily shape) and at the dates of tariff and
// emission-factor changes, so every piece is a product of constants: exact up to rounding.
// Cost: grid energy x the energy price in force, plus the capacity charge on the site's
// contracted (energised) connection capacity for every second it is contracted, drawing or not.
// Every change of state goes through move(), so conservation holds by construction; the
// invariant checker verifies it anyway.

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/rollout/catalogue.h"
#include "models/rollout/gpu_state.h"
#include "models/rollout/units.h"
#include "models/scenario.h"
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

// An on-site plant as the accounting sees it.
struct Generation {
  Milliwatts capacity = 0;                 // nameplate
  Milliwatts firm = 0;                     // nameplate x capacity credit: counted when power is allocated
  std::array<Milliwatts, 24> available{};  // power available in each hour of the day
  bool varies_by_hour = false;             // available[] is not one value repeated
  double emission_factor_t_per_mwh = 0;

  // Firm nameplate, available around the clock (capacity credit 1, capacity factor 1).
  static Generation firm_plant(Milliwatts capacity, double emission_factor_t_per_mwh);
  // From the scenario's description (capacity credit, capacity factor or daily shape).
  static Generation from(const OnSiteGeneration& g);
};

// A value that changes on dates: (first tick, value) steps in ascending order, the first at 0.
template <class V>
struct Schedule {
  std::vector<std::pair<sim::Ticks, V>> steps;
  const V& at(sim::Ticks t) const;             // the value in force at tick t
  sim::Ticks next_change(sim::Ticks t) const;  // first change after t (max Ticks when none)
};

struct Tariff {
  double energy_krw_per_mwh = 0;
  double capacity_krw_per_mw_month = 0;
};

// A month for the capacity charge: 365.25 / 12 days (as the scenario's unit "month").
inline constexpr double kSecondsPerMonth = 365.25 / 12 * 86400;

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
  // The site's contracted (energised) connection capacity changed: the capacity charge base.
  void set_contracted(std::size_t site, Milliwatts contracted, sim::Ticks now);
  // Brings every integral of the site (or all sites) up to `now`.
  void advance(std::size_t site, sim::Ticks now);
  void advance_all(sim::Ticks now);
  // National committed facility power changed; tracks its peak.
  // `reserved` = IT peak x PUE x power_provisioning, `physical` = IT peak x PUE, of admitted units.
  void note_facility_power(Milliwatts reserved, Milliwatts physical);

  const StateCounts& site_counts(std::size_t site) const { return sites_[site].counts; }
  const StateCounts& buyer_counts(std::size_t buyer) const { return buyers_[buyer].counts; }
  // GPU-seconds spent in each state, up to the last advance().
  const StateCounts& site_gpu_seconds(std::size_t site) const { return sites_[site].gpu_seconds; }
  // The buyer's GPU-seconds in each state (over all its sites), up to the last advance_all() or the
  // buyer's last move: integrated as the run goes, at each change of the buyer's counts.
  const StateCounts& buyer_gpu_seconds(std::size_t buyer) const { return buyers_[buyer].gpu_seconds; }
  // GPU-seconds spent in state `state` up to `now` (not before the last advance) without advancing.
  std::int64_t site_gpu_seconds_at(std::size_t site, std::size_t state, sim::Ticks now) const {
    const SiteTally& t = sites_[site];
    return t.gpu_seconds[state] + t.counts[state] * (now - t.last);
  }
  std::int64_t site_entered_service(std::size_t site) const { return sites_[site].entered_service; }
  std::int64_t buyer_entered_service(std::size_t buyer) const { return buyers_[buyer].entered_service; }
  Milliwatts draw(std::size_t site) const { return sites_[site].draw; }
  Milliwatts generation(std::size_t site) const;       // nameplate of the plants online
  Milliwatts firm_generation(std::size_t site) const;  // their capacity credit, for allocation
  double energy_mwh(std::size_t site) const { return sites_[site].energy.value(); }
  // Facility energy up to `now` (not before the last advance) without advancing: the integral so
  // far plus the current draw since then.
  double energy_mwh_at(std::size_t site, sim::Ticks now) const {
    const SiteTally& t = sites_[site];
    return t.energy.value() + to_mw(t.draw) * static_cast<double>(now - t.last) / 3600.0;
  }
  double grid_energy_mwh(std::size_t site) const { return sites_[site].grid_energy.value(); }
  double emissions_t(std::size_t site) const { return sites_[site].emissions.value(); }
  double energy_cost_krw(std::size_t site) const { return sites_[site].energy_cost.value(); }
  double capacity_cost_krw(std::size_t site) const { return sites_[site].capacity_cost.value(); }
  double cost_krw(std::size_t site) const { return energy_cost_krw(site) + capacity_cost_krw(site); }
  double peak_facility_mw() const { return to_mw(peak_facility_); }
  double peak_physical_facility_mw() const { return to_mw(peak_physical_); }
  double peak_draw_mw() const { return to_mw(peak_draw_); }

  // Tick at which entered service first reached the fraction of GPUs ordered (national, or of a
  // buyer); NaN when never reached. fraction is one of 0.5, 0.9, 1.0.
  static constexpr std::array<double, 3> kMilestones = {0.5, 0.9, 1.0};

  // Change counters, bumped by every change of what they name: a reader that saw the same count
  // before has seen the same values (the condition monitor re-evaluates a condition only then).
  std::uint64_t counts_changes() const { return counts_changes_; }                    // counts by state
  std::uint64_t entered_service_changes() const { return entered_service_changes_; }  // entered service
  std::uint64_t draw_changes() const { return draw_changes_; }                        // draws
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
  // GPU-seconds by state, integrated up to `last`.
  struct TimedTally : Tally {
    StateCounts gpu_seconds{};
    sim::Ticks last = 0;
  };
  struct SiteTally : TimedTally {
    Milliwatts draw = 0;
    Milliwatts contracted = 0;
    std::vector<Generation> generation;      // dispatched in this order, before the grid
    bool generation_varies_by_hour = false;  // some plant's Generation::varies_by_hour
    // The tariff and emission piece holding `last` or an earlier instant: `last` only grows, so
    // integrate() finds the piece holding it by walking on from here.
    std::size_t piece = 0;
    CompensatedSum energy, grid_energy, emissions, energy_cost, capacity_cost;
  };
  // Grid energy and on-site emissions of a constant draw over [from, to).
  struct Supply {
    double grid_mwh = 0;
    double onsite_emissions_t = 0;
  };
  static Supply supply(const SiteTally& t, sim::Ticks from, sim::Ticks to);
  void integrate(SiteTally& t, sim::Ticks from, sim::Ticks to);
  static void reach_milestones(Tally& t, sim::Ticks now);
  static void integrate_counts(TimedTally& t, sim::Ticks now);

  std::vector<SiteTally> sites_;
  std::vector<TimedTally> buyers_;
  Tally national_;
  // The tariff and emission-factor schedules merged: pieces over which both are constant, so
  // that an integration looks up its first piece once instead of both schedules at every piece
  // (4 searches per advance).
  struct Piece {
    sim::Ticks start = 0;
    sim::Ticks end = 0;  // the next piece's start (max Ticks for the last)
    Tariff tariff;
    double emission_factor_t_per_mwh = 0;
  };
  std::vector<Piece> pieces_;
  static std::vector<Piece> pieces_of(const Catalogue& c);
  Milliwatts peak_facility_ = 0;
  Milliwatts peak_physical_ = 0;
  Milliwatts peak_draw_ = 0;
  Milliwatts national_draw_ = 0;
  std::uint64_t counts_changes_ = 0, entered_service_changes_ = 0, draw_changes_ = 0;
};

}  // namespace models::rollout
