#include "tests/app/synthetic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "models/rollout/output_schema.h"
#include "output/netcdf_writer.h"
#include "output/sweep_writer.h"
#include "sim/recorder.h"
#include "sim/sweep/statistics.h"
#include "sim/time.h"

namespace sovsim::test {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr sim::Date kEpoch{2025, 11, 1};

// The root attributes the model's output schema adds to every file (state groups, featured
// indicators), as sovsim writes them.
void add_schema_attributes(output::Attributes& a) {
  for (const auto& [name, value] : models::rollout::output_file_attributes()) a.emplace_back(name, value);
}
constexpr int kStepDays = 7;
constexpr std::size_t kRows = 365;  // seven years of weekly samples

const std::vector<std::string> kSites = {"seoul-capital", "gwangju-광주", "ulsan-east",  "sejong-hub",
                                         "gumi-fab",      "haenam-solar", "saemangeum",  "ansan-colo",
                                         "pangyo-edge",   "busan-port",   "pohang-steel"};
const std::vector<std::string> kZones = {"capital", "south", "east"};
const std::vector<std::size_t> kZoneOf = {0, 1, 2, 0, 2, 1, 1, 0, 0, 2, 2};
const std::vector<std::string> kBuyers = {"government", "industry", "cloud"};
const std::vector<std::string> kStates = {
    "on_order",     "in_transit",    "held",         "waiting_construction",
    "waiting_land", "waiting_power", "waiting_crew", "installing",
    "operational",  "in_repair",     "retired"};
enum State : std::size_t {
  OnOrder,
  InTransit,
  Held,
  WaitingConstruction,
  WaitingLand,
  WaitingPower,
  WaitingCrew,
  Installing,
  Operational,
  InRepair,
  Retired,
  kStateCount
};
constexpr double kFacilityMwPerGpu = 1.4e-3 * 1.3;  // 1.4 kW IT per GPU, PUE 1.3
constexpr double kTonnesPerMwh = 0.45;
constexpr double kPflopsPerGpu = 4.5;

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The state of every site at every sample, from smooth deliveries, hall and power capacities.
struct Site {
  double ordered = 0;
  double land_ha = 0;
  std::vector<std::array<double, kStateCount>> gpus;  // per row
  std::vector<double> hall_share, power_cap, requested_mw, demand_mw, allocated_mw, connected_mw, energy_mwh;
};

std::vector<Site> simulate() {
  std::vector<Site> sites(kSites.size());
  for (std::size_t i = 0; i < sites.size(); ++i) {
    Site& s = sites[i];
    s.ordered = 5000.0 + 3000.0 * static_cast<double>(i);
    s.land_ha = 2.0 + static_cast<double>(i);
    const double middle = 300.0 + 150.0 * static_cast<double>(i);
    double energy = 0;
    for (std::size_t r = 0; r < kRows; ++r) {
      const double t = static_cast<double>(r * kStepDays);
      const auto arrived_at = [&](double when) {
        return std::round(s.ordered * logistic((when - middle) / 90.0));
      };
      const double arrived = arrived_at(t);
      const double shipped = std::round(s.ordered * logistic((t - middle + 45.0) / 90.0));
      const double remaining = s.ordered - shipped;
      const double held = (i == 2 && t >= 600 && t <= 800) ? std::round(0.3 * remaining) : 0.0;
      // Halls come in thirds, a year apart; site 5 has land for two of them only.
      const double halls =
          std::clamp(std::floor((t - middle + 250.0) / 300.0) + 1.0, 0.0, i == 5 ? 2.0 : 3.0);
      const double hall_cap = std::round(s.ordered * halls / 3.0);
      // Every third site gets its power in yearly steps.
      const double power_cap =
          i % 3 == 0 ? std::round(s.ordered * std::min(1.0, 0.4 + 0.2 * std::floor(t / 365.0))) : s.ordered;
      const double housed = std::min(arrived, hall_cap);
      const double powered = std::min(housed, power_cap);
      const double installed = std::min(powered, arrived_at(t - 60.0));
      const double not_installed = powered - installed;
      std::array<double, kStateCount> g{};
      g[InTransit] = shipped - arrived;
      g[Held] = held;
      g[OnOrder] = remaining - held;
      (i == 5 ? g[WaitingLand] : g[WaitingConstruction]) = arrived - housed;
      g[WaitingPower] = housed - powered;
      g[WaitingCrew] = std::round(0.7 * not_installed);
      g[Installing] = not_installed - g[WaitingCrew];
      g[Retired] = t > 1800 ? std::round(installed * (t - 1800.0) / 6000.0) : 0.0;
      g[InRepair] = std::round(0.01 * (installed - g[Retired]));
      g[Operational] = installed - g[Retired] - g[InRepair];
      s.gpus.push_back(g);
      s.hall_share.push_back(halls / 3.0);
      s.power_cap.push_back(power_cap);
      const double demand = (g[Operational] + g[Installing] + g[InRepair]) * kFacilityMwPerGpu;
      s.demand_mw.push_back(demand);
      s.requested_mw.push_back(housed * kFacilityMwPerGpu);
      s.allocated_mw.push_back(std::min(housed, power_cap) * kFacilityMwPerGpu);
      s.connected_mw.push_back(power_cap * kFacilityMwPerGpu);
      energy += 0.75 * demand * 24.0 * kStepDays;
      s.energy_mwh.push_back(energy);
    }
  }
  return sites;
}

// A series: its metadata and the values of row r (extent values).
struct Series {
  sim::VariableInfo info;
  std::function<std::vector<double>(std::size_t)> values;
};

sim::VariableInfo info(std::string name, std::string units, std::string long_name,
                       std::vector<std::string> axes) {
  sim::VariableInfo v;
  v.name = std::move(name);
  v.units = std::move(units);
  v.long_name = std::move(long_name);
  v.axes = std::move(axes);
  return v;
}

std::vector<Series> run_series(const std::vector<Site>& sites) {
  std::vector<Series> out;
  const auto per_site = [&](std::string name, std::string units, std::string long_name,
                            std::function<double(const Site&, std::size_t)> f) {
    out.push_back(
        {info(std::move(name), std::move(units), std::move(long_name), {"site"}), [&sites, f](std::size_t r) {
           std::vector<double> v;
           for (const Site& s : sites) v.push_back(f(s, r));
           return v;
         }});
  };
  const auto per_zone = [&](std::string name, std::string units, std::string long_name,
                            std::function<double(const Site&, std::size_t)> f) {
    out.push_back(
        {info(std::move(name), std::move(units), std::move(long_name), {"zone"}), [&sites, f](std::size_t r) {
           std::vector<double> v(kZones.size(), 0.0);
           for (std::size_t i = 0; i < sites.size(); ++i) v[kZoneOf[i]] += f(sites[i], r);
           return v;
         }});
  };
  out.push_back({info("gpus", "1", "GPUs by site and state", {"site", "state"}), [&sites](std::size_t r) {
                   std::vector<double> v;
                   for (const Site& s : sites) v.insert(v.end(), s.gpus[r].begin(), s.gpus[r].end());
                   return v;
                 }});
  out.push_back({info("gpus_national", "1", "GPUs by state, national", {"state"}), [&sites](std::size_t r) {
                   std::vector<double> v(kStateCount, 0.0);
                   for (const Site& s : sites) {
                     for (std::size_t k = 0; k < kStateCount; ++k) v[k] += s.gpus[r][k];
                   }
                   return v;
                 }});
  out.push_back({info("gpus_operational_by_buyer", "1", "operational GPUs by buyer", {"buyer"}),
                 [&sites](std::size_t r) {
                   std::vector<double> v(kBuyers.size(), 0.0);
                   for (std::size_t i = 0; i < sites.size(); ++i)
                     v[i % kBuyers.size()] += sites[i].gpus[r][Operational];
                   return v;
                 }});
  per_site("it_power_mw", "MW", "peak IT power of admitted units",
           [](const Site& s, std::size_t r) { return s.demand_mw[r] / 1.3; });
  per_site("power_demand_mw", "MW", "facility power demand at peak of admitted units (IT x PUE)",
           [](const Site& s, std::size_t r) { return s.demand_mw[r]; });
  per_site("power_requested_mw", "MW",
           "facility power at peak of all housed units, admitted or waiting for power",
           [](const Site& s, std::size_t r) { return s.requested_mw[r]; });
  per_site("power_allocated_mw", "MW", "power allocated to the site: grid allocation plus on-site generation",
           [](const Site& s, std::size_t r) { return s.allocated_mw[r]; });
  per_site("grid_connected_mw", "MW", "energised grid connection capacity",
           [](const Site& s, std::size_t r) { return s.connected_mw[r]; });
  per_site("energy_mwh", "MW h", "facility energy consumed since the start",
           [](const Site& s, std::size_t r) { return s.energy_mwh[r]; });
  per_site("emissions_t", "t", "emissions since the start, tonnes CO2e",
           [](const Site& s, std::size_t r) { return s.energy_mwh[r] * kTonnesPerMwh; });
  per_site("compute_pflops", "PFLOP/s", "dense FP8 compute of operational GPUs",
           [](const Site& s, std::size_t r) { return s.gpus[r][Operational] * kPflopsPerGpu; });
  // Halls take part of the land; the land-bound site (haenam-solar) ends at its limit.
  per_site("land_used_ha", "ha", "land taken by started and existing halls",
           [](const Site& s, std::size_t r) {
             const double share = s.land_ha == 7.0 ? 1.5 : 0.45 + 0.02 * s.land_ha;
             return std::min(s.land_ha, s.land_ha * share * s.hall_share[r]);
           });
  per_site("halls_ready", "1", "halls ready",
           [](const Site& s, std::size_t r) { return 3.0 * s.hall_share[r]; });
  per_zone("zone_load_mw", "MW", "grid power allocated to the zone's sites",
           [](const Site& s, std::size_t r) { return s.allocated_mw[r]; });
  out.push_back(
      {info("zone_headroom_mw", "MW", "zone headroom for new data-centre load", {"zone"}), [](std::size_t) {
         return std::vector<double>{300.0, 500.0, 400.0};
       }});
  per_zone("zone_power_demand_mw", "MW", "facility power demand at peak of the zone's sites",
           [](const Site& s, std::size_t r) { return s.demand_mw[r]; });
  return out;
}

// The first sample at which `reached(r)` holds, in days since the epoch, or NaN.
double first_day(const std::function<bool(std::size_t)>& reached) {
  for (std::size_t r = 0; r < kRows; ++r) {
    if (reached(r)) return static_cast<double>(r * kStepDays);
  }
  return kNaN;
}

std::vector<sim::StaticVariable> run_statics(const std::vector<Site>& sites) {
  const std::string time_units = sim::Calendar(kEpoch).cf_time_units();
  const auto entered = [&](std::size_t r, std::size_t buyer) {  // installed, as the model counts it
    double n = 0;
    for (std::size_t i = 0; i < sites.size(); ++i) {
      if (buyer == kBuyers.size() || i % kBuyers.size() == buyer) {
        const auto& g = sites[i].gpus[r];
        n += g[Operational] + g[InRepair] + g[Retired];
      }
    }
    return n;
  };
  const auto ordered = [&](std::size_t buyer) {
    double n = 0;
    for (std::size_t i = 0; i < sites.size(); ++i) {
      if (buyer == kBuyers.size() || i % kBuyers.size() == buyer) n += sites[i].ordered;
    }
    return n;
  };
  std::vector<sim::StaticVariable> statics;
  for (const int percent : {50, 90, 100}) {
    const double share = percent / 100.0;
    sim::VariableInfo v = info(
        "date_operational_" + std::to_string(percent) + "pct", time_units,
        "date at which " + std::to_string(percent) + " % of GPUs ordered had entered service, national", {});
    v.has_fill_value = true;
    const std::size_t all = kBuyers.size();
    statics.push_back(
        {v, {first_day([&](std::size_t r) { return entered(r, all) >= share * ordered(all); })}});
    sim::VariableInfo b = info(
        "date_operational_" + std::to_string(percent) + "pct_by_buyer", time_units,
        "date at which " + std::to_string(percent) + " % of the buyer's GPUs had entered service", {"buyer"});
    b.has_fill_value = true;
    std::vector<double> dates;
    for (std::size_t k = 0; k < kBuyers.size(); ++k) {
      dates.push_back(first_day([&](std::size_t r) { return entered(r, k) >= share * ordered(k); }));
    }
    statics.push_back({b, dates});
  }
  double peak = 0, energy = 0;
  for (std::size_t r = 0; r < kRows; ++r) {
    double demand = 0;
    for (const Site& s : sites) demand += s.demand_mw[r];
    peak = std::max(peak, demand);
  }
  for (const Site& s : sites) energy += s.energy_mwh.back();
  statics.push_back(
      {info("peak_power_demand_mw", "MW", "peak national facility power demand (provisioned, at peak)", {}),
       {peak}});
  statics.push_back(
      {info("energy_total_twh", "TW h", "facility energy over the run, national", {}), {energy / 1e6}});
  statics.push_back(
      {info("emissions_total_mt", "Mt", "emissions over the run, national, megatonnes CO2e", {}),
       {energy * kTonnesPerMwh / 1e6}});
  std::vector<double> gpu_days, binding, land;
  for (const Site& s : sites) {
    std::array<double, kStateCount> days{};
    for (const auto& g : s.gpus) {
      for (std::size_t k = 0; k < kStateCount; ++k) days[k] += g[k] * kStepDays;
    }
    gpu_days.insert(gpu_days.end(), days.begin(), days.end());
    // Codes 1..4: construction, land, power, crew; 0: never idle.
    const std::array<double, 4> idle = {days[WaitingConstruction], days[WaitingLand], days[WaitingPower],
                                        days[WaitingCrew]};
    const auto most = std::max_element(idle.begin(), idle.end());
    binding.push_back(*most > 0 ? static_cast<double>(most - idle.begin() + 1) : 0.0);
    land.push_back(s.land_ha);
  }
  statics.push_back(
      {info("gpu_days", "d", "GPU-days spent in each state over the run", {"site", "state"}), gpu_days});
  sim::VariableInfo b =
      info("binding_constraint", "1",
           "constraint that kept most GPU-days idle at the site (flag_values 0..4)", {"site"});
  b.flag_meanings = "none construction land power crew";
  statics.push_back({b, binding});
  statics.push_back({info("site_land_ha", "ha", "usable land of the site", {"site"}), land});
  return statics;
}

}  // namespace

void write_run(const std::filesystem::path& path, const RunOptions& options) {
  const std::vector<Site> sites = simulate();
  std::vector<Series> series = run_series(sites);
  std::erase_if(series, [&](const Series& s) { return options.without.count(s.info.name) > 0; });
  std::vector<sim::StaticVariable> statics = run_statics(sites);
  std::erase_if(statics,
                [&](const sim::StaticVariable& s) { return options.without.count(s.info.name) > 0; });

  sim::Recorder recorder;  // lays out rows exactly as a real run does
  recorder.add_axis({"site", "data-centre site", kSites});
  recorder.add_axis({"zone", "grid zone", kZones});
  recorder.add_axis({"state", "GPU state", kStates});
  recorder.add_axis({"buyer", "buyer", kBuyers});
  for (const Series& s : series) recorder.add_series(s.info, [](std::span<double>) {});
  sim::RecordingSchema schema = recorder.schema();
  schema.calendar = sim::Calendar(kEpoch);
  schema.interval = sim::days(kStepDays);

  output::Attributes root = {{"title", std::string("synthetic rollout for the summary and plot tests")},
                             {"scenario_name", std::string("synthetic")},
                             {"seed", std::int64_t{7}},
                             {"sovsim_version", std::string("test")}};
  add_schema_attributes(root);
  output::NetcdfWriter writer(path, root);
  writer.begin(schema);
  std::vector<double> row(schema.row_size);
  for (std::size_t r = 0; r < kRows; ++r) {
    for (std::size_t k = 0; k < series.size(); ++k) {
      const std::vector<double> v = series[k].values(r);
      std::copy(v.begin(), v.end(), row.begin() + static_cast<std::ptrdiff_t>(schema.series_offset[k]));
    }
    writer.append(sim::days(static_cast<std::int64_t>(r) * kStepDays), row);
  }
  writer.finish(statics);
  writer.commit();
}

namespace {

constexpr double kLevels[] = {0.05, 0.25, 0.5, 0.75, 0.95};

struct Quantity {
  std::string name, units, long_name;
};

const std::string kDateUnits = sim::Calendar(kEpoch).cf_time_units();

}  // namespace

void write_sweep(const std::filesystem::path& path, SweepDesign design) {
  using output::SweepVariable;
  using Type = SweepVariable::Type;
  const bool grid = design == SweepDesign::Grid;
  const std::vector<std::string> parameters =
      grid ? std::vector<std::string>{"zones.capital.headroom"}
           : std::vector<std::string>{"zones.capital.headroom", "logistics.customs_days"};
  const std::vector<std::string> units =
      grid ? std::vector<std::string>{"MW"} : std::vector<std::string>{"MW", "d"};
  const std::size_t reps = grid ? 5 : 1;
  // The design: grid over headroom; for sensitivity designs a scrambled set of points in the box.
  std::vector<std::vector<double>> points;
  if (grid) {
    points = {{150}, {400}, {650}};
  } else {
    std::mt19937_64 rng(2025);
    std::uniform_real_distribution<double> u(0, 1);
    for (int p = 0; p < 48; ++p) points.push_back({100 + 500 * u(rng), 5 + 25 * u(rng)});
  }
  const std::size_t n_points = points.size(), runs = n_points * reps, d = parameters.size();

  const std::vector<Quantity> indicators = {
      {"gpus_ordered", "1", "GPUs ordered"},
      {"gpus_operational_at_end", "1", "GPUs operational at the end of the horizon"},
      {"date_operational_50pct", kDateUnits,
       "date at which 50 % of GPUs ordered had entered service, national"},
      {"date_operational_90pct", kDateUnits,
       "date at which 90 % of GPUs ordered had entered service, national"},
      {"date_operational_100pct", kDateUnits,
       "date at which 100 % of GPUs ordered had entered service, national"},
      {"peak_power_demand_mw", "MW", "peak national facility power reserved"},
      {"energy_total_twh", "TW h", "facility energy over the run, national"},
      {"gpu_days_national_waiting_power", "d",
       "GPU-days spent in each state over the run, national, state waiting_power"}};
  const std::vector<Quantity> series = {
      {"gpus_national_operational", "1", "GPUs by state, national, state operational"},
      {"power_draw_national_mw", "MW", "average facility power draw, national"},
      {"gpus_national_held", "1", "GPUs by state, national, state held"},
      {"gpus_national_waiting_construction", "1", "GPUs by state, national, state waiting_construction"},
      {"gpus_national_waiting_power", "1", "GPUs by state, national, state waiting_power"},
      {"gpus_national_waiting_crew", "1", "GPUs by state, national, state waiting_crew"},
      {"gpus_national_in_repair", "1", "GPUs by state, national, state in_repair"}};
  const std::size_t times = grid ? 120 : 0;  // keep: bands for the grid, headline otherwise

  // Values: headroom speeds the rollout up, customs delays slow it; noise per run.
  std::vector<std::vector<double>> ind(indicators.size(), std::vector<double>(runs));
  std::vector<std::vector<std::vector<double>>> ser(
      series.size(), std::vector<std::vector<double>>(runs, std::vector<double>(times)));
  for (std::size_t run = 0; run < runs; ++run) {
    const std::vector<double>& x = points[run / reps];
    std::mt19937_64 rng(run + 1);
    std::normal_distribution<double> noise(0, 1);
    const double headroom = x[0], customs = d > 1 ? x[1] : 10.0;
    const double delay = 600.0 / std::sqrt(headroom) + 3 * customs + 15 * noise(rng);
    ind[0][run] = 260000;
    ind[1][run] = std::round(230000 + 40 * headroom + 2000 * noise(rng) - 500 * customs);
    ind[2][run] = 1200 + delay;
    ind[3][run] = 2000 + 2 * delay;
    ind[4][run] = run % 3 == 0 ? 2500 + 2 * delay : kNaN;  // often not reached
    ind[5][run] = 450 + 0.2 * headroom + 5 * noise(rng);
    ind[6][run] = 15 + headroom / 200 + 0.3 * noise(rng);
    ind[7][run] = 4e7 - 3e4 * headroom + 1e6 * noise(rng);
    for (std::size_t t = 0; t < times; ++t) {
      const double day = 21.0 * static_cast<double>(t);
      const double op = 240000 * logistic((day - 1200 - delay) / 250.0);
      ser[0][run][t] = op;
      ser[1][run][t] = op * kFacilityMwPerGpu * 0.75;
      ser[2][run][t] = 0;
      ser[3][run][t] = 20000 * std::exp(-std::pow((day - 800) / 200.0, 2)) * (1 + 0.1 * noise(rng));
      ser[4][run][t] = std::max(0.0, 60000 * std::exp(-std::pow((day - 1300 - delay) / 300.0, 2)) *
                                         (1 + 0.2 * noise(rng)) * 200 / std::sqrt(headroom) / 10);
      ser[5][run][t] =
          std::max(0.0, 8000 * std::exp(-std::pow((day - 1000) / 400.0, 2)) * (1 + 0.3 * noise(rng)));
      ser[6][run][t] = op * 0.0015;
    }
  }

  output::SweepFileContent f;
  const char* design_name = grid ? "grid" : design == SweepDesign::Sobol ? "sobol" : "morris";
  f.attributes = {{"title", std::string("synthetic sweep for the summary and plot tests")},
                  {"sovsim_version", std::string("test")},
                  {"sweep_hash", std::string("0123456789abcdef")},
                  {"model", std::string("rollout")},
                  {"design", std::string(design_name)},
                  {"replications", static_cast<std::int64_t>(reps)},
                  {"random_seed", std::int64_t{3}},
                  {"runs", static_cast<std::int64_t>(runs)},
                  {"keep", std::string(grid ? "bands" : "headline")}};
  add_schema_attributes(f.attributes);
  output::SweepDimension run{.name = "run", .long_name = "run index (point * replications + replication)"};
  for (std::size_t r = 0; r < runs; ++r) run.ints.push_back(static_cast<std::int64_t>(r));
  f.dimensions.push_back(std::move(run));
  f.dimensions.push_back({.name = "parameter", .long_name = "parameter key path", .labels = parameters});
  if (times > 0) {
    output::SweepDimension time{
        .name = "time", .long_name = "time", .units = sim::Calendar(kEpoch).cf_time_units()};
    for (std::size_t t = 0; t < times; ++t) time.values.push_back(21.0 * static_cast<double>(t));
    f.dimensions.push_back(std::move(time));
  }
  output::SweepDimension point{.name = "point", .long_name = "design point"};
  for (std::size_t p = 0; p < n_points; ++p) point.ints.push_back(static_cast<std::int64_t>(p));
  f.dimensions.push_back(std::move(point));
  f.dimensions.push_back({.name = "quantile",
                          .long_name = "quantile level across replications (Hyndman-Fan type 7)",
                          .units = "1",
                          .values = {std::begin(kLevels), std::end(kLevels)}});

  SweepVariable run_point{.name = "run_point",
                          .units = "1",
                          .long_name = "design point of the run",
                          .dims = {"run"},
                          .type = Type::Int64};
  SweepVariable run_rep{.name = "run_replication",
                        .units = "1",
                        .long_name = "replication of the run within its point",
                        .dims = {"run"},
                        .type = Type::Int64};
  SweepVariable values{.name = "parameter_value",
                       .units = "",
                       .long_name = "parameter values of the run",
                       .dims = {"run", "parameter"}};
  for (std::size_t r = 0; r < runs; ++r) {
    run_point.ints.push_back(static_cast<std::int64_t>(r / reps));
    run_rep.ints.push_back(static_cast<std::int64_t>(r % reps));
    values.values.insert(values.values.end(), points[r / reps].begin(), points[r / reps].end());
  }
  f.variables.push_back(std::move(run_point));
  f.variables.push_back(std::move(run_rep));
  f.variables.push_back(std::move(values));
  f.variables.push_back({.name = "parameter_units",
                         .long_name = "units of each parameter",
                         .dims = {"parameter"},
                         .type = Type::Text,
                         .texts = units});
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    f.variables.push_back({.name = indicators[i].name,
                           .units = indicators[i].units,
                           .long_name = indicators[i].long_name,
                           .dims = {"run"},
                           .values = ind[i]});
  }
  SweepVariable design_values{.name = "point_parameter_value",
                              .long_name = "parameter values of each design point",
                              .dims = {"point", "parameter"}};
  for (const auto& x : points) design_values.values.insert(design_values.values.end(), x.begin(), x.end());
  f.variables.push_back(std::move(design_values));
  const auto replications_of = [&](const std::function<double(std::size_t)>& value, std::size_t p) {
    std::vector<double> x;
    for (std::size_t k = 0; k < reps; ++k) x.push_back(value(p * reps + k));
    return x;
  };
  const auto mean = [](const std::vector<double>& x) {
    double s = 0;
    for (const double v : x) s += v;
    return s / static_cast<double>(x.size());  // NaN if any is NaN, like the sweep's statistics
  };
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const Quantity& q = indicators[i];
    SweepVariable m{.name = q.name + "_mean",
                    .units = q.units,
                    .long_name = "mean over replications of " + q.long_name,
                    .dims = {"point"}};
    SweepVariable b{.name = q.name + "_quantile",
                    .units = q.units,
                    .long_name = "quantiles over replications of " + q.long_name,
                    .dims = {"point", "quantile"}};
    for (std::size_t p = 0; p < n_points; ++p) {
      const std::vector<double> x = replications_of([&](std::size_t r) { return ind[i][r]; }, p);
      m.values.push_back(mean(x));
      for (const double level : kLevels) b.values.push_back(sim::sweep::quantile(x, level));
    }
    f.variables.push_back(std::move(m));
    f.variables.push_back(std::move(b));
  }
  for (std::size_t s = 0; s < series.size() && times > 0; ++s) {
    const Quantity& q = series[s];
    SweepVariable m{.name = q.name + "_mean",
                    .units = q.units,
                    .long_name = "mean over replications of " + q.long_name,
                    .dims = {"point", "time"}};
    SweepVariable b{.name = q.name + "_quantile",
                    .units = q.units,
                    .long_name = "quantiles over replications of " + q.long_name,
                    .dims = {"point", "quantile", "time"}};
    b.values.resize(n_points * std::size(kLevels) * times);
    for (std::size_t p = 0; p < n_points; ++p) {
      for (std::size_t t = 0; t < times; ++t) {
        const std::vector<double> x = replications_of([&](std::size_t r) { return ser[s][r][t]; }, p);
        m.values.push_back(mean(x));
        for (std::size_t l = 0; l < std::size(kLevels); ++l) {
          b.values[(p * std::size(kLevels) + l) * times + t] = sim::sweep::quantile(x, kLevels[l]);
        }
      }
    }
    f.variables.push_back(std::move(m));
    f.variables.push_back(std::move(b));
  }
  if (!grid) {
    output::SweepDimension indicator{.name = "indicator",
                                     .long_name = "indicator the sensitivity indices are of"};
    for (const Quantity& q : indicators) indicator.labels.push_back(q.name);
    f.dimensions.push_back(std::move(indicator));
    const auto table = [&](std::string name, std::string long_name, std::string table_units, double scale) {
      SweepVariable v{.name = std::move(name),
                      .units = std::move(table_units),
                      .long_name = std::move(long_name),
                      .dims = {"indicator", "parameter"}};
      for (std::size_t i = 0; i < indicators.size(); ++i) {
        for (std::size_t k = 0; k < d; ++k) {
          // date_operational_100pct is NaN in most runs, so are its indices; gpus_ordered never varies.
          const double base = i == 4   ? kNaN
                              : i == 0 ? 0.0
                                       : (k == 0 ? 0.55 : 0.3) + 0.02 * static_cast<double>(i);
          v.values.push_back(base * scale);
        }
      }
      return v;
    };
    // How the indices were computed (output/sweep/content.cpp writes the same variables): indicator 4 has
    // runs without a value and no censoring rule, so its indices are withheld; one replication per
    // point, so no noise share anywhere (its no_value_reason says why).
    SweepVariable status{.name = "sensitivity_status", .dims = {"indicator"}, .type = Type::Text};
    SweepVariable note{.name = "sensitivity_note", .dims = {"indicator"}, .type = Type::Text};
    SweepVariable noise{
        .name = "noise_share", .units = "1", .long_name = "noise share", .dims = {"indicator"}};
    for (std::size_t i = 0; i < indicators.size(); ++i) {
      status.texts.push_back(i == 4 ? "withheld_no_values" : "computed");
      note.texts.push_back(
          i == 4 ? "withheld: 32 of 48 runs have no value and the indicator has no censoring rule"
                 : "computed on the means of 1 replication per point");
      noise.values.push_back(kNaN);
    }
    noise.attributes.emplace_back("no_value_reason",
                                  std::string("not estimable with 1 replication per point"));
    f.variables.push_back(std::move(status));
    f.variables.push_back(std::move(note));
    f.variables.push_back(std::move(noise));
    if (design == SweepDesign::Sobol) {
      f.variables.push_back(table("sobol_first", "first-order Sobol index (Saltelli 2010)", "1", 1.0));
      f.variables.push_back(table("sobol_first_low", "lower bound of the first-order index", "1", 0.8));
      f.variables.push_back(table("sobol_first_high", "upper bound of the first-order index", "1", 1.2));
      f.variables.push_back(table("sobol_total", "total Sobol index (Jansen 1999)", "1", 1.15));
      f.variables.push_back(table("sobol_total_low", "lower bound of the total index", "1", 1.0));
      f.variables.push_back(table("sobol_total_high", "upper bound of the total index", "1", 1.3));
    } else {
      f.variables.push_back(table("morris_mu", "Morris mean elementary effect", "", 100.0));
      f.variables.push_back(table("morris_mu_star", "Morris mean absolute elementary effect", "", 120.0));
      f.variables.push_back(
          table("morris_sigma", "Morris standard deviation of elementary effects", "", 40.0));
    }
  }
  output::write_sweep_file(path, f);
}

}  // namespace sovsim::test
