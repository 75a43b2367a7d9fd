#pragma once
// `validate` and `run` warn, before any work, about ordered units the scenario can never house or
// power (models/rollout/strandings.h), one line per site or zone on stderr.

#include <ostream>
#include <string>

#include "models/scenario.h"

namespace sovsim::cli {

// Prints "FILE: warning: site 'x': ..." for every shortfall; returns how many were printed.
int warn_strandings(const std::string& file, const models::Scenario& scenario, std::ostream& err);

}  // namespace sovsim::cli
