#include "app/stranding_warnings.h"

#include "models/rollout/strandings.h"

namespace sovsim::cli {

int warn_strandings(const std::string& file, const models::Scenario& scenario, std::ostream& err) {
  int printed = 0;
  for (const models::rollout::Shortfall& s : models::rollout::find_strandings(scenario)) {
    err << file << ": warning: " << models::rollout::describe(s) << "\n";
    ++printed;
  }
  return printed;
}

}  // namespace sovsim::cli
