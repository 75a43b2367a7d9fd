// Fuzz target: the sweep-file loader (models::sweep::load_sweep_text) on YAML text, with the
// folder scenarios/ so that `base: korea-2025.yaml` resolves. Only the loader runs, not the sweep.

#include <cstddef>
#include <cstdint>
#include <string>

#include "models/sweep/sweep_file.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path folder = sovsim_fuzz::source_dir() / "scenarios";
  const std::string text(reinterpret_cast<const char*>(data), size);
  const models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(text, "fuzz.sweep.yaml", folder);
  sovsim_fuzz::report(loaded.ok(), loaded.errors);
  if (!loaded.ok() && loaded.errors.empty()) {
    sovsim_fuzz::fail("an invalid sweep file without an error message", {}, text);
  }
  if (loaded.ok() && !loaded.errors.empty()) {
    sovsim_fuzz::fail("a valid sweep file with error messages", loaded.errors, text);
  }
  return 0;
}
