#pragma once
// Grid connection of a site: application, review, energisation; and the substations that
// connections share.
//
// Each GridConnection adds its capacity to the site's energised connection capacity on its
// energisation date (in `tranches` equal parts, the next every `tranche_interval`). From the
// application date:
//   - the assessment in force on the filing date (the scenario's threshold, the zone's pass
//     probability and review time, as changed by the dated `assessment_rules` that apply to the
//     site's zone and class) decides: if the site's cumulative connection capacity including
//     this one reaches the threshold (10 MW: the Distributed Energy Activation Act's grid
//     impact assessment), the application is reviewed and passes with the probability; a failed
//     application is filed again after `reapply_days` (under the rules then in force) until it
//     passes or is exempt;
//   - then the connection is built: `lead_days` after the pass (or after the application, for
//     connections below the threshold), and never before its substation is energised.
// connected_at_start connections are energised at tick 0 with no review. Energisation dates
// before the scenario start are moved to tick 0. Draws (entity: site name, connection position
// within the site): review i's duration from "grid_connection.review"(connection, i), its verdict
// from "grid_connection.pass"(connection, i), the lead time from "grid_connection.lead"
// (connection): a rule that skips a review never moves the lead time. A substation's slip is
// one draw from "substation"(name), shared by all its connections.

#include <cstdint>
#include <optional>
#include <vector>

#include "models/rollout/catalogue.h"
#include "sim/simulation.h"

namespace models::rollout {

struct ConnectionPlan {
  std::size_t site = 0;
  double capacity_mw = 0;
  bool assessed = false;
  int assessments = 0;                  // reviews until a pass (0 when not assessed)
  std::optional<sim::Ticks> energised;  // first tranche; empty: not energised before the horizon
};

// The assessment in force for an application filed at `t` by `site`.
struct AssessmentTerms {
  double threshold_mw = 10;
  double pass_probability = 1;
  Distribution review_days;
};
AssessmentTerms assessment_terms(const Catalogue& catalogue, std::size_t site, sim::Ticks t);

// Energisation dates of the substations (0 when in service at the start); empty: not before
// the horizon.
std::vector<std::optional<sim::Ticks>> plan_substations(const Catalogue& catalogue,
                                                        const sim::Simulation& sim);

std::vector<ConnectionPlan> plan_connections(const Catalogue& catalogue, const sim::Simulation& sim,
                                             const std::vector<std::optional<sim::Ticks>>& substations);
// As above, with the substations' dates from plan_substations.
std::vector<ConnectionPlan> plan_connections(const Catalogue& catalogue, const sim::Simulation& sim);

// Reinforcement dates (planned date + drawn slip; stream "reinforcement"(name)), clamped to 0.
std::vector<sim::Ticks> plan_reinforcements(const Catalogue& catalogue, const sim::Simulation& sim);

// Outage windows [start, end) in ticks (duration drawn from stream "outage"(name)).
std::vector<std::pair<sim::Ticks, sim::Ticks>> plan_outages(const Catalogue& catalogue,
                                                            const sim::Simulation& sim);

}  // namespace models::rollout
