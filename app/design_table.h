#pragma once
// One row of a design table (`sovsim sweep --list`, or one made elsewhere, e.g. with SALib) as
// the seed and `--set` overrides of a single run. Columns: `run` (optional: else rows are
// numbered from 0), `point` and `replication` (ignored), `seed` (optional), and one column per
// scenario key path, with its unit in brackets when the key needs one: "zones.capital.headroom [MW]".

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sovsim::cli {

struct DesignRow {
  std::optional<std::uint64_t> seed;
  std::vector<std::string> overrides;  // "KEY.PATH=VALUE UNIT"
};

// Throws InputError naming the file, line and column for anything malformed or missing.
DesignRow read_design_row(const std::filesystem::path& table, std::uint64_t run);

}  // namespace sovsim::cli
