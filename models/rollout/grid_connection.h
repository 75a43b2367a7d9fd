#pragma once
// Grid connection of a site: application, review, energisation.
//
// Each GridConnection adds its capacity to the site's energised connection capacity on its
// energisation date. From the application date:
//   - if the site's cumulative connection capacity including this one reaches the assessment
//     threshold (10 MW: the Distributed Energy Activation Act's grid impact assessment), the
//     application is assessed: a review of `assessment_days` (the zone's), passed with the
//     zone's probability; a failed application is filed again after `reapply_days` and
//     reviewed again, until it passes;
//   - then the connection is built: `lead_days` after the pass (or after the application, for
//     connections below the threshold).
// connected_at_start connections are energised at tick 0 with no review. Energisation dates
// before the scenario start are moved to tick 0. Draws (entity: site name, connection position
// within the site): review i's duration from "grid_connection.review"(connection, i), its verdict
// from "grid_connection.pass"(connection, i), the lead time from "grid_connection.lead"
// (connection): raising the threshold so a review is skipped never moves the lead time.

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
  std::optional<sim::Ticks> energised;  // empty: not energised before the horizon
};

std::vector<ConnectionPlan> plan_connections(const Catalogue& catalogue, const sim::Simulation& sim);

// Reinforcement dates (planned date + drawn slip; stream "reinforcement"(name)), clamped to 0.
std::vector<sim::Ticks> plan_reinforcements(const Catalogue& catalogue, const sim::Simulation& sim);

}  // namespace models::rollout
