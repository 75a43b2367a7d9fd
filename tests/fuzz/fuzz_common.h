#pragma once
// Helpers shared by the fuzz targets (tests/fuzz/README.md). Each target is one
// LLVMFuzzerTestOneInput: built with libFuzzer when SOVSIM_FUZZ is ON (clang), and with
// replay_main.cpp otherwise, so that the seed corpora and the regressions run under ctest.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/loader.h"

namespace sovsim_fuzz {

inline const std::filesystem::path& source_dir() {
  static const std::filesystem::path dir(SOVSIM_SOURCE_DIR);
  return dir;
}

inline std::string read_file_or_die(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz: cannot read %s\n", path.c_str());
    std::abort();
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// SOVSIM_FUZZ_VERBOSE=1: each input's outcome on stderr (valid, or its first message), to see
// what the seeds exercise.
inline void report(bool ok, const std::vector<std::string>& errors) {
  static const bool verbose = std::getenv("SOVSIM_FUZZ_VERBOSE") != nullptr;
  if (!verbose) return;
  if (ok) {
    std::fprintf(stderr, "  valid\n");
  } else {
    std::fprintf(stderr, "  %zu messages, the first: %s\n", errors.size(),
                 errors.empty() ? "" : errors.front().c_str());
  }
}

[[noreturn]] inline void fail(const std::string& what, const std::vector<std::string>& lines,
                              const std::string& text) {
  std::fprintf(stderr, "fuzz: %s\n", what.c_str());
  for (const std::string& l : lines) std::fprintf(stderr, "  %s\n", l.c_str());
  std::fprintf(stderr, "---- text ----\n%s\n---- end ----\n", text.c_str());
  std::abort();
}

// A loaded scenario's describe text must load again, and describe to the same text
// (loader.h: "a file with this text loads to an identical Scenario").
inline void check_round_trip(const models::LoadResult& loaded, const std::filesystem::path& folder) {
  if (!loaded.ok()) return;
  const std::string described = models::describe_scenario(*loaded.scenario);
  if (described != loaded.provenance.resolved_yaml) {
    fail("provenance.resolved_yaml differs from describe_scenario", {}, described);
  }
  const models::LoadResult again = models::load_scenario_text(described, "described.yaml", folder);
  if (!again.ok()) fail("the described scenario does not load", again.errors, described);
  const std::string described_again = models::describe_scenario(*again.scenario);
  if (described_again != described) {
    fail("describing the reloaded scenario gives a different text", {"second description:"},
         described + "\n---- second description ----\n" + described_again);
  }
}

}  // namespace sovsim_fuzz
