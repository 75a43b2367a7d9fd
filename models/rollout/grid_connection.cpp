#include "models/rollout/grid_connection.h"

#include <algorithm>

#include "models/rollout/draw.h"

namespace models::rollout {

std::vector<ConnectionPlan> plan_connections(const Catalogue& c, const sim::Simulation& sim) {
  const Scenario& s = c.scenario();
  std::vector<ConnectionPlan> plans;
  for (std::size_t si = 0; si < s.sites.size(); ++si) {
    const Site& site = s.sites[si];
    const GridZone& zone = s.zones[c.sites[si].zone];
    double cumulative_mw = 0;
    for (std::size_t k = 0; k < site.connections.size(); ++k) {
      const GridConnection& conn = site.connections[k];
      // Three streams, so that skipping or adding a review never changes the lead time, and review
      // i's duration and verdict are the same whatever came before (docs/model.md §12).
      const std::uint64_t id = entity_id(site.name, k);
      ConnectionPlan p;
      p.site = si;
      p.capacity_mw = conn.capacity_mw;
      cumulative_mw += conn.capacity_mw;
      if (conn.connected_at_start) {
        p.energised = 0;
        plans.push_back(p);
        continue;
      }
      sim::Ticks t = c.to_ticks(conn.applied);
      p.assessed = cumulative_mw >= s.assessment_threshold_mw;
      bool passed = !p.assessed;
      while (!passed && t <= c.horizon()) {
        const std::uint64_t review = sub_entity(id, static_cast<std::uint64_t>(p.assessments));
        ++p.assessments;
        sim::RandomStream duration = sim.stream("grid_connection.review", review);
        sim::RandomStream verdict = sim.stream("grid_connection.pass", review);
        t += draw_ticks(zone.assessment_days, duration);
        passed = sim::draw_bernoulli(verdict, zone.assessment_pass_probability);
        if (!passed) t += sim::ticks_from_days(std::max(zone.reapply_days, 1.0));
      }
      if (passed) {
        sim::RandomStream lead = sim.stream("grid_connection.lead", id);
        t += draw_ticks(conn.lead_days, lead);
        if (t <= c.horizon()) p.energised = std::max<sim::Ticks>(t, 0);
      }
      plans.push_back(p);
    }
  }
  return plans;
}

std::vector<sim::Ticks> plan_reinforcements(const Catalogue& c, const sim::Simulation& sim) {
  std::vector<sim::Ticks> dates;
  for (const Reinforcement& r : c.scenario().reinforcements) {
    sim::RandomStream stream = sim.stream("reinforcement", entity_id(r.name));
    dates.push_back(std::max<sim::Ticks>(0, c.to_ticks(r.date) + draw_ticks(r.delay_days, stream)));
  }
  return dates;
}

}  // namespace models::rollout
