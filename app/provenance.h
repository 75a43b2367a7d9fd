#pragma once
// The root attributes that let an output file reproduce its own run: the code version, the
// scenario as given and as resolved, every file it read, the seed and the command line.

#include <cstdint>
#include <string>

#include "models/scenario/loader.h"
#include "output/attributes.h"

namespace sovsim::cli {

struct RunIdentity {
  std::uint64_t seed = 0;
  std::uint64_t run_index = 0;
  std::string command_line;
};

output::Attributes run_provenance(const models::Scenario& scenario,
                                  const models::ScenarioProvenance& provenance, const RunIdentity& identity);

// "2026-11-23T09:15:52Z"
std::string utc_timestamp_now();
// The arguments quoted for a POSIX shell where needed, so the line can be pasted back.
std::string shell_join(const std::vector<std::string>& words);

}  // namespace sovsim::cli
