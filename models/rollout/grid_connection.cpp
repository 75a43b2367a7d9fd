#include "models/rollout/grid_connection.h"

#include <algorithm>

#include "models/rollout/draw.h"

namespace models::rollout {

AssessmentTerms assessment_terms(const Catalogue& c, std::size_t site, sim::Ticks t) {
  const Scenario& s = c.scenario();
  const Site& st = s.sites[site];
  const GridZone& zone = s.zones[c.sites[site].zone];
  AssessmentTerms terms{s.assessment_threshold_mw, zone.assessment_pass_probability, zone.assessment_days};
  // Rules in force at t that apply here, oldest `from` first (then list order), so that each
  // value is replaced by the latest rule that sets it.
  std::vector<std::size_t> rules;
  for (std::size_t k = 0; k < s.assessment_rules.size(); ++k) {
    const AssessmentRule& r = s.assessment_rules[k];
    if (c.to_ticks(r.from) > t) continue;
    if (!r.zones.empty() && std::find(r.zones.begin(), r.zones.end(), st.zone) == r.zones.end()) continue;
    if (!r.site_class.empty() && r.site_class != st.site_class) continue;
    rules.push_back(k);
  }
  std::stable_sort(rules.begin(), rules.end(), [&](std::size_t a, std::size_t b) {
    return s.assessment_rules[a].from < s.assessment_rules[b].from;
  });
  for (const std::size_t k : rules) {
    const AssessmentRule& r = s.assessment_rules[k];
    if (r.threshold_mw) terms.threshold_mw = *r.threshold_mw;
    if (r.pass_probability) terms.pass_probability = *r.pass_probability;
    if (r.assessment_days) terms.review_days = *r.assessment_days;
  }
  return terms;
}

std::vector<std::optional<sim::Ticks>> plan_substations(const Catalogue& c, const sim::Simulation& sim) {
  std::vector<std::optional<sim::Ticks>> dates;
  for (const Substation& b : c.scenario().substations) {
    if (!b.energised) {
      dates.emplace_back(0);
      continue;
    }
    sim::RandomStream stream = sim.stream("substation", entity_id(b.name));
    const sim::Ticks t = std::max<sim::Ticks>(0, c.to_ticks(*b.energised) + draw_ticks(b.delay_days, stream));
    dates.push_back(t <= c.horizon() ? std::optional<sim::Ticks>(t) : std::nullopt);
  }
  return dates;
}

std::vector<ConnectionPlan> plan_connections(const Catalogue& c, const sim::Simulation& sim,
                                             const std::vector<std::optional<sim::Ticks>>& substations) {
  const Scenario& s = c.scenario();
  std::vector<ConnectionPlan> plans;
  for (const ConnectionSpec& spec : c.connections) {
    const Site& site = s.sites[spec.site];
    const GridZone& zone = s.zones[c.sites[spec.site].zone];
    const GridConnection& conn = site.connections[spec.index_in_site];
    double cumulative_mw = 0;
    for (std::size_t k = 0; k <= spec.index_in_site; ++k) cumulative_mw += site.connections[k].capacity_mw;
    const std::uint64_t id = entity_id(site.name, spec.index_in_site);
    ConnectionPlan p;
    p.site = spec.site;
    p.capacity_mw = conn.capacity_mw;
    if (conn.connected_at_start) {
      p.energised = 0;
      plans.push_back(p);
      continue;
    }
    sim::Ticks t = c.to_ticks(conn.applied);
    bool passed = false;
    while (!passed && t <= c.horizon()) {
      const AssessmentTerms terms = assessment_terms(c, spec.site, t);
      if (cumulative_mw < terms.threshold_mw) {
        passed = true;  // exempt under the rules in force on this filing
        break;
      }
      p.assessed = true;
      const std::uint64_t review = sub_entity(id, static_cast<std::uint64_t>(p.assessments));
      ++p.assessments;
      sim::RandomStream duration = sim.stream("grid_connection.review", review);
      sim::RandomStream verdict = sim.stream("grid_connection.pass", review);
      t += draw_ticks(terms.review_days, duration);
      passed = sim::draw_bernoulli(verdict, terms.pass_probability);
      if (!passed) t += sim::ticks_from_days(std::max(zone.reapply_days, 1.0));
    }
    if (passed) {
      sim::RandomStream lead = sim.stream("grid_connection.lead", id);
      t += draw_ticks(conn.lead_days, lead);
      if (spec.substation >= 0) {
        const std::optional<sim::Ticks>& ready = substations[static_cast<std::size_t>(spec.substation)];
        t = ready ? std::max(t, *ready) : c.horizon() + 1;
      }
      if (t <= c.horizon()) p.energised = std::max<sim::Ticks>(t, 0);
    }
    plans.push_back(p);
  }
  return plans;
}

std::vector<ConnectionPlan> plan_connections(const Catalogue& c, const sim::Simulation& sim) {
  return plan_connections(c, sim, plan_substations(c, sim));
}

std::vector<sim::Ticks> plan_reinforcements(const Catalogue& c, const sim::Simulation& sim) {
  std::vector<sim::Ticks> dates;
  for (const Reinforcement& r : c.scenario().reinforcements) {
    sim::RandomStream stream = sim.stream("reinforcement", entity_id(r.name));
    dates.push_back(std::max<sim::Ticks>(0, c.to_ticks(r.date) + draw_ticks(r.delay_days, stream)));
  }
  return dates;
}

std::vector<std::pair<sim::Ticks, sim::Ticks>> plan_outages(const Catalogue& c, const sim::Simulation& sim) {
  std::vector<std::pair<sim::Ticks, sim::Ticks>> windows;
  for (const Outage& o : c.scenario().outages) {
    sim::RandomStream stream = sim.stream("outage", entity_id(o.name));
    const sim::Ticks start = std::max<sim::Ticks>(0, c.to_ticks(o.start));
    windows.emplace_back(start, start + std::max<sim::Ticks>(1, draw_ticks(o.duration_days, stream)));
  }
  return windows;
}

}  // namespace models::rollout
