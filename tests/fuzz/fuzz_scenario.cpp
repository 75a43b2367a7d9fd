// Fuzz target: the scenario loader on YAML text plus one referenced CSV schedule.
//
// Input: YAML text, optionally followed by a line "#---csv---" and CSV text. The CSV part is
// written to schedule.csv in a private folder made once per process (mkdtemp), so that
// `schedule: schedule.csv` in the YAML reads it; without a CSV part the file is removed. The
// folder also holds copies of scenarios/*.yaml, tests/bad_input/*.yaml and their schedules/, so
// the seeds' bases (`base: _base.yaml`, `base: korea-2025.yaml`) and CSV paths resolve. The YAML
// is loaded with models::load_scenario_text; a valid scenario must survive describe and reload.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "models/scenario/loader.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCsvMarker = "#---csv---";

void copy_files(const fs::path& from, const fs::path& to, std::string_view extension) {
  std::error_code ec;
  if (!fs::is_directory(from, ec)) return;
  fs::create_directories(to);
  for (const fs::directory_entry& e : fs::directory_iterator(from)) {
    if (!e.is_regular_file() || e.path().extension() != extension) continue;
    fs::copy_file(e.path(), to / e.path().filename(), fs::copy_options::skip_existing);
  }
}

struct Folder {
  fs::path path;
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "sovsim-fuzz-scenario-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("fuzz_scenario: mkdtemp");
      std::abort();
    }
    path = pattern;
    const fs::path& src = sovsim_fuzz::source_dir();
    for (const fs::path& dir : {src / "scenarios", src / "tests" / "bad_input"}) {
      copy_files(dir, path, ".yaml");
      copy_files(dir / "schedules", path / "schedules", ".csv");
    }
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
};

const Folder& folder() {
  static const Folder f;  // destroyed at exit, which removes the folder
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = folder().path;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string_view yaml = input;
  std::string_view csv;
  bool have_csv = false;
  for (std::size_t at = 0; at <= input.size();) {
    const std::size_t eol = std::min(input.find('\n', at), input.size());
    if (input.substr(at, eol - at) == kCsvMarker) {
      yaml = input.substr(0, at);
      csv = eol < input.size() ? input.substr(eol + 1) : std::string_view{};
      have_csv = true;
      break;
    }
    at = eol + 1;
  }

  const fs::path csv_file = dir / "schedule.csv";
  if (have_csv) {
    std::ofstream out(csv_file, std::ios::binary | std::ios::trunc);
    out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
    if (!out) {
      std::perror("fuzz_scenario: writing schedule.csv");
      std::abort();
    }
  } else {
    std::error_code ec;
    fs::remove(csv_file, ec);
  }

  const models::LoadResult loaded = models::load_scenario_text(std::string(yaml), "fuzz.yaml", dir);
  sovsim_fuzz::report(loaded.ok(), loaded.errors);
  if (!loaded.ok() && loaded.errors.empty()) {
    sovsim_fuzz::fail("an invalid scenario without an error message", {}, std::string(yaml));
  }
  sovsim_fuzz::check_round_trip(loaded, dir);
  return 0;
}
