// Fuzz target: the --set override parser. Each line of the input is one "KEY.PATH=VALUE"
// override, applied to scenarios/examples/minimal.yaml (read once) through
// models::load_scenario_text; a valid result must survive describe and reload.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/loader.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path folder = sovsim_fuzz::source_dir() / "scenarios" / "examples";
  static const std::string base = sovsim_fuzz::read_file_or_die(folder / "minimal.yaml");

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  for (std::size_t at = 0; at < input.size();) {
    const std::size_t eol = std::min(input.find('\n', at), input.size());
    overrides.emplace_back(input.substr(at, eol - at));
    at = eol + 1;
  }

  const models::LoadResult loaded = models::load_scenario_text(base, "minimal.yaml", folder, overrides);
  sovsim_fuzz::report(loaded.ok(), loaded.errors);
  if (!loaded.ok() && loaded.errors.empty()) {
    sovsim_fuzz::fail("an invalid scenario without an error message", overrides, base);
  }
  sovsim_fuzz::check_round_trip(loaded, folder);
  return 0;
}
