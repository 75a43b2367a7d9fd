#include "models/rollout/scenario_rules.h"

#include <fmt/format.h>

#include "models/rollout/layout.h"
#include "models/scenario/schema.h"
#include "models/scenario/units.h"

namespace models::rollout {

namespace {

std::string gib(double bytes) { return fmt::format("{:.1f} GiB", bytes / static_cast<double>(1ull << 30)); }

}  // namespace

void check_output_size(const Scenario& s, scn::Reader& r) {
  using scn::Limits;
  // Rows are streamed, so this bounds the disk and the time, not the memory.
  const double bytes = output_bytes(s);
  if (bytes <= Limits::kOutputBytes) return;
  r.violation("sample_interval",
              fmt::format("expected at most {} GiB of output per run (samples x values per row x 8 bytes), "
                          "found {} samples of {} x {} values per row ({} sites) x 8 bytes = {}; that is "
                          "the limit (a coarser sample_interval writes fewer samples)",
                          Limits::kOutputBytes / static_cast<double>(1ull << 30), recorded_samples(s),
                          r.written("sample_interval",
                                    units::format_quantity(s.sample_interval_days, units::Kind::Duration)),
                          row_values(s) + 1, s.sites.size(), gib(bytes)));
}

LoadResult load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
  return models::load_scenario(file, overrides, kScenarioRules);
}

LoadResult load_scenario_text(const std::string& text, const std::string& display,
                              const std::filesystem::path& folder,
                              const std::vector<std::string>& overrides) {
  return models::load_scenario_text(text, display, folder, overrides, kScenarioRules);
}

PreparedScenario prepare_scenario_text(const std::string& text, const std::string& display,
                                       const std::filesystem::path& folder) {
  return models::prepare_scenario_text(text, display, folder, kScenarioRules);
}

}  // namespace models::rollout
