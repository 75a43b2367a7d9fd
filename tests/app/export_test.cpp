// sovsim export: a real run of a two-zone scenario (a corridor reinforced mid-year, solar on site,
// a substation reinforced in September)
// exported as a PyPSA CSV folder and as plain CSV. Checks PyPSA's file and column names (Debian
// has no python3-pypsa to import the folder with), that the exported load energy equals the
// run file's energy at daily and hourly resolution, and the corridor limits over time.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "output/reader.h"

namespace sovsim::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kScenario = R"(name: export-test
start: 2026-01-01
end: 2026-12-31
products:
  - {name: srv, gpus_per_unit: 8, it_power_per_unit: 100 kW, cooling: air}
buyers: [{name: gov}]
zones:
  - {name: south, headroom: 40 MW}
  - {name: capital, headroom: 2 MW}
corridors:
  - {name: south-capital, from: south, to: capital, limit: 5 MW}
substations:
  - {name: haenam-154kv, zone: south, capacity: 40 MW, energised: 2025-06-01}
reinforcements:
  - {name: hvdc, date: 2026-07-01, corridor: south-capital, added: 5 MW}
  - {name: haenam-154kv-up, date: 2026-09-01, substation: haenam-154kv, added: 10 MW}
sites:
  - name: haenam
    zone: south
    land: 10 ha
    halls: [{name: h1, it_capacity: 20 MW, racks: 300, cooling: air, pue: 1.2, start: existing}]
    connections: [{capacity: 30 MW, applied: 2025-01-01, connected_at_start: true, substation: haenam-154kv}]
    generation: [{technology: solar, capacity: 4 MW, available_from: 2026-03-01, capacity_factor: 0.2}]
  - name: seoul
    zone: capital
    land: 1 ha
    halls: [{name: h1, it_capacity: 10 MW, racks: 100, cooling: air, pue: 1.3, start: existing}]
    connections: [{capacity: 12 MW, applied: 2025-01-01, connected_at_start: true}]
orders:
  - {name: o1, buyer: gov, product: srv, site: haenam, schedule: [{date: 2026-01-01, units: 100}, {date: 2026-05-01, units: 60}]}
  - {name: o2, buyer: gov, product: srv, site: seoul, schedule: [{date: 2026-02-01, units: 60}]}
)";

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  return cells;
}

Csv read_csv(const fs::path& path) {
  Csv csv;
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::string line;
  if (std::getline(in, line)) csv.header = split(line);
  while (std::getline(in, line)) csv.rows.push_back(split(line));
  return csv;
}

class Export : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sovsim-export-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "scenario.yaml") << kScenario;
    std::ostringstream out, err;
    const int code = main_dispatch(
        {"run", (dir_ / "scenario.yaml").string(), "-o", run_file().string(), "--quiet"}, {out, err});
    ASSERT_EQ(code, 0) << err.str();
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path run_file() { return dir_ / "run.h5"; }

  static int export_to(const fs::path& to, std::vector<std::string> extra = {},
                       std::string* err_text = nullptr) {
    Args args = {"export"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(run_file().string());
    args.push_back("-o");
    args.push_back(to.string());
    std::ostringstream out, err;
    const int code = main_dispatch(args, {out, err});
    if (err_text) *err_text = err.str();
    return code;
  }

  static double file_energy() {
    return output::read_variable(run_file(), "energy_national_mwh").values.back();
  }

  // Sum over snapshots and loads of p_set x weighting.
  static double exported_energy(const fs::path& folder) {
    const Csv snapshots = read_csv(folder / "snapshots.csv");
    const Csv p = read_csv(folder / "loads-p_set.csv");
    EXPECT_EQ(p.rows.size(), snapshots.rows.size());
    double total = 0;
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
      EXPECT_EQ(p.rows[r][0], snapshots.rows[r][0]);
      const double weight = std::stod(snapshots.rows[r][snapshots.column("objective")]);
      for (std::size_t c = 1; c < p.header.size(); ++c) total += std::stod(p.rows[r][c]) * weight;
    }
    return total;
  }

  static fs::path dir_;
};

fs::path Export::dir_;

TEST_F(Export, PypsaFolderHasPypsasFileAndColumnNames) {
  const fs::path folder = dir_ / "pypsa-daily";
  ASSERT_EQ(export_to(folder, {"pypsa"}), 0);
  // Static component tables: PyPSA reads them with the first column as the index ("name") and
  // attribute names (Bus.carrier, Load.bus, Generator.p_nom, Link.bus0/bus1/p_min_pu...) as columns.
  EXPECT_EQ(read_csv(folder / "buses.csv").header, (std::vector<std::string>{"name", "carrier"}));
  EXPECT_EQ(read_csv(folder / "loads.csv").header, (std::vector<std::string>{"name", "bus", "carrier"}));
  EXPECT_EQ(read_csv(folder / "generators.csv").header,
            (std::vector<std::string>{"name", "bus", "carrier", "p_nom", "marginal_cost"}));
  EXPECT_EQ(read_csv(folder / "links.csv").header,
            (std::vector<std::string>{"name", "bus0", "bus1", "carrier", "p_nom", "p_min_pu", "efficiency"}));
  // Snapshot weightings as PyPSA writes them (objective, stores, generators).
  EXPECT_EQ(read_csv(folder / "snapshots.csv").header,
            (std::vector<std::string>{"snapshot", "objective", "stores", "generators"}));
  // Series files: <list>-<attribute>.csv, indexed by snapshot, one column per component.
  const Csv p_set = read_csv(folder / "loads-p_set.csv");
  EXPECT_EQ(p_set.header,
            (std::vector<std::string>{"snapshot", "south-ai-datacentres", "capital-ai-datacentres"}));
  EXPECT_EQ(p_set.rows.size(), 365u);
  EXPECT_EQ(p_set.rows[0][0], "2026-01-01 00:00:00");
  EXPECT_EQ(p_set.rows[364][0], "2026-12-31 00:00:00");
  for (const char* series : {"generators-p_max_pu.csv", "generators-p_min_pu.csv", "links-p_max_pu.csv",
                             "links-p_min_pu.csv", "network.csv"}) {
    EXPECT_TRUE(fs::exists(folder / series)) << series;
  }
  const Csv buses = read_csv(folder / "buses.csv");
  ASSERT_EQ(buses.rows.size(), 2u);
  EXPECT_EQ(buses.rows[0][0], "south");
  const Csv links = read_csv(folder / "links.csv");
  ASSERT_EQ(links.rows.size(), 1u);
  EXPECT_EQ(links.rows[0],
            (std::vector<std::string>{"south-capital", "south", "capital", "DC", "10", "-1", "1"}));
}

TEST_F(Export, ExportedEnergyEqualsTheFilesEnergyDailyAndHourly) {
  const double file = file_energy();
  ASSERT_GT(file, 1000.0);
  ASSERT_EQ(export_to(dir_ / "daily", {"pypsa"}), 0);
  EXPECT_NEAR(exported_energy(dir_ / "daily"), file, 1e-9 * file);
  ASSERT_EQ(export_to(dir_ / "hourly", {"pypsa", "--resolution", "hourly", "--peak-to-average", "1.3"}), 0);
  EXPECT_EQ(read_csv(dir_ / "hourly" / "loads-p_set.csv").rows.size(), 365u * 24);
  EXPECT_NEAR(exported_energy(dir_ / "hourly"), file, 1e-9 * file);
  // The hourly shape peaks at 14:00 at 1.3 x the day's average and is lowest at 02:00.
  const Csv hourly = read_csv(dir_ / "hourly" / "loads-p_set.csv");
  const Csv daily = read_csv(dir_ / "daily" / "loads-p_set.csv");
  const std::size_t day = 200;
  const double average = std::stod(daily.rows[day][2]);
  ASSERT_GT(average, 0);
  EXPECT_NEAR(std::stod(hourly.rows[day * 24 + 14][2]) / average, 1 + 0.3 * std::cos(M_PI / 12 * 0), 1e-3);
  EXPECT_LT(std::stod(hourly.rows[day * 24 + 2][2]), average * 0.71);
}

TEST_F(Export, CorridorLimitsAndOnSiteOutputOverTime) {
  const fs::path folder = dir_ / "limits";
  ASSERT_EQ(export_to(folder, {"pypsa"}), 0);
  // 5 MW until 2026-07-01 (day 181), 10 MW after: p_nom 10, p_max_pu 0.5 then 1, p_min_pu -p_max_pu.
  const Csv max_pu = read_csv(folder / "links-p_max_pu.csv");
  const Csv min_pu = read_csv(folder / "links-p_min_pu.csv");
  EXPECT_EQ(max_pu.rows[180][1], "0.5");
  EXPECT_EQ(max_pu.rows[182][1], "1");
  EXPECT_EQ(min_pu.rows[180][1], "-0.5");
  // On-site solar (4 MW at 20 %): fixed output 0.8 MW once the site draws more, p_min = p_max.
  const Csv gens = read_csv(folder / "generators.csv");
  EXPECT_EQ(gens.rows.size(), 3u);  // two headroom generators, one on-site
  const Csv gmax = read_csv(folder / "generators-p_max_pu.csv");
  const Csv gmin = read_csv(folder / "generators-p_min_pu.csv");
  const std::size_t onsite = gmax.column("south-onsite");
  EXPECT_NEAR(std::stod(gmax.rows[250][onsite]) * 4.0, 0.8, 1e-9);
  EXPECT_EQ(gmax.rows[250][onsite], gmin.rows[250][onsite]);
  EXPECT_EQ(std::stod(gmax.rows[10][onsite]), 0.0);  // before 2026-03-01
}

TEST_F(Export, PlainCsvHasTheSameEnergy) {
  const fs::path folder = dir_ / "csv";
  ASSERT_EQ(export_to(folder, {"--format", "csv"}), 0);
  const Csv zones = read_csv(folder / "zones.csv");
  EXPECT_EQ(zones.header, (std::vector<std::string>{"snapshot", "hours", "zone", "load_mw", "onsite_mw",
                                                    "grid_mw", "headroom_mw", "contracted_mw"}));
  double total = 0;
  for (const auto& row : zones.rows) total += std::stod(row[3]) * std::stod(row[1]);
  EXPECT_NEAR(total, file_energy(), 1e-9 * file_energy());
  const Csv corridors = read_csv(folder / "corridors.csv");
  EXPECT_EQ(corridors.rows.size(), 365u);
  EXPECT_EQ(corridors.rows[0][3], "south");
  // The substation: 40 MW until 2026-09-01 (day 243), 50 after; haenam's 30 MW contract through
  // it; allocation and draw as the run file's samples at each period's start.
  const Csv subs = read_csv(folder / "substations.csv");
  EXPECT_EQ(subs.header, (std::vector<std::string>{"snapshot", "hours", "substation", "zone", "capacity_mw",
                                                   "contracted_mw", "allocated_mw", "draw_mw"}));
  ASSERT_EQ(subs.rows.size(), 365u);
  EXPECT_EQ(subs.rows[0][2], "haenam-154kv");
  EXPECT_EQ(subs.rows[0][3], "south");
  EXPECT_EQ(subs.rows[242][4], "40");
  EXPECT_EQ(subs.rows[243][4], "50");
  EXPECT_EQ(subs.rows[100][5], "30");
  const std::vector<double> allocated = output::read_variable(run_file(), "substation_allocated_mw").values;
  const std::vector<double> draw = output::read_variable(run_file(), "substation_draw_mw").values;
  for (const std::size_t day : {std::size_t{10}, std::size_t{200}, std::size_t{300}}) {
    EXPECT_EQ(std::stod(subs.rows[day][6]), allocated.at(day)) << day;
    EXPECT_EQ(std::stod(subs.rows[day][7]), draw.at(day)) << day;
  }
  EXPECT_GT(std::stod(subs.rows[300][7]), 0.0);
}

TEST_F(Export, BadUsageAndBadFilesExitWithTwo) {
  std::string err;
  EXPECT_EQ(export_to(dir_ / "x", {"pypsa", "--resolution", "weekly"}, &err), 2);
  EXPECT_NE(err.find("--resolution"), std::string::npos) << err;
  EXPECT_EQ(export_to(dir_ / "x", {"--format", "netcdf"}, &err), 2);
  EXPECT_EQ(export_to(dir_ / "x", {"pypsa", "--peak-to-average", "3"}, &err), 2);
  std::ostringstream out, e;
  EXPECT_EQ(main_dispatch({"export", "pypsa", (dir_ / "missing.h5").string(), "-o", (dir_ / "y").string()},
                          {out, e}),
            2);
  EXPECT_NE(e.str().find("no such file"), std::string::npos) << e.str();
  std::ofstream(dir_ / "text.h5") << "not hdf5";
  std::ostringstream out2, e2;
  EXPECT_EQ(main_dispatch({"export", (dir_ / "text.h5").string(), "-o", (dir_ / "y").string()}, {out2, e2}),
            2);
  EXPECT_FALSE(e2.str().empty());
}

}  // namespace
}  // namespace sovsim::cli
