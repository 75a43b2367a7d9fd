#include "app/provenance.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

#include "app/version.h"
#include "models/rollout/output_schema.h"

namespace sovsim::cli {

std::string utc_timestamp_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string shell_join(const std::vector<std::string>& words) {
  std::string line;
  for (const std::string& w : words) {
    if (!line.empty()) line += ' ';
    const bool plain = !w.empty() && w.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789-_./=:,+@%") == std::string::npos;
    if (plain) {
      line += w;
      continue;
    }
    line += '\'';
    for (char c : w) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

output::Attributes run_provenance(const models::Scenario& scenario,
                                  const models::ScenarioProvenance& provenance, const RunIdentity& identity) {
  const std::string created = utc_timestamp_now();
  const std::string software = fmt::format("sovsim {} (git {})", version(), git_revision());
  output::Attributes a = {
      {"title", scenario.title.empty() ? scenario.name : scenario.title},
      {"source", software},
      {"sovsim_version", std::string(version())},
      {"sovsim_git_revision", std::string(git_revision())},
      {"history", fmt::format("{} {}", created, identity.command_line)},
      {"creation_time", created},
      {"command_line", identity.command_line},
      {"scenario_name", scenario.name},
      {"scenario_file", provenance.path},
      {"scenario_text", provenance.text},
      {"scenario_resolved", provenance.resolved_yaml},
      {"seed", static_cast<std::int64_t>(identity.seed)},
      {"run_index", static_cast<std::int64_t>(identity.run_index)},
  };
  std::string overrides;
  for (const std::string& o : provenance.overrides) overrides += o + "\n";
  a.emplace_back("scenario_overrides", overrides);
  std::size_t n = 0;
  for (const auto* files : {&provenance.bases, &provenance.csv_files}) {
    for (const models::ScenarioFile& f : *files) {
      ++n;
      a.emplace_back(fmt::format("input_file_{}_path", n), f.path);
      a.emplace_back(fmt::format("input_file_{}_text", n), f.text);
    }
  }
  a.emplace_back("input_file_count", static_cast<std::int64_t>(n));
  for (const auto& [name, value] : models::rollout::output_file_attributes()) a.emplace_back(name, value);
  a.emplace_back(
      "reproduce",
      std::string("save the attribute scenario_resolved to a file R.yaml, then: sovsim run R.yaml --seed "
                  "<seed> --run-index <run_index> (the attributes of those names)"));
  return a;
}

}  // namespace sovsim::cli
