#include "models/rollout/invariants.h"

#include <fmt/format.h>

#include <cmath>

namespace models::rollout {

namespace {
// Power and land are compared with a tolerance of a milliwatt / a micro-hectare: the model keeps
// them in exact integers, and only the conversion to MW for the snapshot rounds.
constexpr double kPowerTolerance = 1e-6;
constexpr double kLandTolerance = 1e-6;
}  // namespace

void InvariantChecker::fail(const std::string& invariant, const std::string& what, const Snapshot& s,
                            const std::string& values) const {
  const sim::Date date = calendar_.to_date(s.time);
  const sim::Ticks second_of_day = s.time - calendar_.to_ticks(date);
  throw InvariantViolation(
      invariant,
      fmt::format("invariant '{}' violated at {} {:02}:{:02}:{:02} for {}: {}", invariant, sim::to_iso(date),
                  second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60, what, values));
}

void InvariantChecker::check(const Snapshot& s) {
  for (const SiteSample& site : s.sites) {
    const std::string who = "site '" + site.name + "'";
    std::int64_t total = 0;
    for (std::size_t k = 0; k < kGpuStateCount; ++k) {
      if (site.gpus[k] < 0) {
        fail("conservation", who, s, fmt::format("{} GPUs in state {}", site.gpus[k], kGpuStateNames[k]));
      }
      total += site.gpus[k];
    }
    if (total != site.gpus_ordered) {
      fail("conservation", who, s,
           fmt::format("states sum to {} GPUs, {} ordered", total, site.gpus_ordered));
    }
    const double values[] = {site.it_power_mw,          site.power_demand_mw,
                             site.power_requested_mw,   site.grid_allocated_mw,
                             site.onsite_generation_mw, site.power_allocated_mw,
                             site.grid_connected_mw,    site.power_draw_mw,
                             site.energy_mwh,           site.grid_energy_mwh,
                             site.emissions_t,          site.electricity_cost_krw,
                             site.compute_pflops,       site.land_ha,
                             site.land_used_ha,         site.halls_ready,
                             site.gpus_entered_service};
    for (const double v : values) {
      if (!std::isfinite(v)) fail("finite", who, s, fmt::format("a recorded value is {}", v));
    }
    if (site.grid_allocated_mw > site.grid_connected_mw + kPowerTolerance) {
      fail("connection", who, s,
           fmt::format("grid allocation {:.6f} MW > connection {:.6f} MW", site.grid_allocated_mw,
                       site.grid_connected_mw));
    }
    if (site.power_demand_mw > site.power_allocated_mw + kPowerTolerance) {
      fail("facility_power", who, s,
           fmt::format("facility power {:.6f} MW > allocated {:.6f} MW (grid {:.6f} + on-site {:.6f})",
                       site.power_demand_mw, site.power_allocated_mw, site.grid_allocated_mw,
                       site.onsite_generation_mw));
    }
    if (site.land_used_ha > site.land_ha + kLandTolerance) {
      fail("land", who, s,
           fmt::format("land used {:.6f} ha > land {:.6f} ha", site.land_used_ha, site.land_ha));
    }
  }
  for (const ZoneSample& z : s.zones) {
    if (!std::isfinite(z.headroom_mw) || !std::isfinite(z.supply_mw) || !std::isfinite(z.load_mw)) {
      fail("finite", "zone '" + z.name + "'", s, "a recorded value is not finite");
    }
    if (z.supply_mw < -kPowerTolerance || z.supply_mw > std::max(z.headroom_mw, 0.0) + kPowerTolerance) {
      fail("zone_headroom", "zone '" + z.name + "'", s,
           fmt::format("supply {:.6f} MW outside [0, headroom {:.6f} MW]", z.supply_mw, z.headroom_mw));
    }
  }
  for (const CorridorSample& c : s.corridors) {
    if (!std::isfinite(c.flow_mw) || std::fabs(c.flow_mw) > std::max(c.limit_mw, 0.0) + kPowerTolerance) {
      fail("corridor_limit", "corridor '" + c.name + "'", s,
           fmt::format("|flow| {:.6f} MW > limit {:.6f} MW", std::fabs(c.flow_mw), c.limit_mw));
    }
  }
  if (previous_.size() == s.sites.size()) {
    for (std::size_t i = 0; i < s.sites.size(); ++i) {
      const SiteSample& now = s.sites[i];
      const SiteSample& before = previous_[i];
      const std::string who = "site '" + now.name + "'";
      const struct {
        const char* name;
        double before, now;
      } counters[] = {
          {"energy_mwh", before.energy_mwh, now.energy_mwh},
          {"grid_energy_mwh", before.grid_energy_mwh, now.grid_energy_mwh},
          {"emissions_t", before.emissions_t, now.emissions_t},
          {"electricity_cost_krw", before.electricity_cost_krw, now.electricity_cost_krw},
          {"gpus_entered_service", before.gpus_entered_service, now.gpus_entered_service},
          {"retired", static_cast<double>(before.gpus[index(GpuState::Retired)]),
           static_cast<double>(now.gpus[index(GpuState::Retired)])},
          {"halls_ready", before.halls_ready, now.halls_ready},
          {"land_used_ha", before.land_used_ha, now.land_used_ha},
      };
      for (const auto& c : counters) {
        if (c.now < c.before) {
          fail("monotone", who, s, fmt::format("{} fell from {} to {}", c.name, c.before, c.now));
        }
      }
    }
  }
  previous_ = s.sites;
}

}  // namespace models::rollout
