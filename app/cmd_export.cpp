// sovsim export pypsa|csv RUN.h5 -o DIR [--resolution daily|hourly] [--peak-to-average R]: the load
// a grid model needs, from a run file.
//
// The run file samples cumulative energies (energy_mwh, grid_energy_mwh per site); the export's
// load in a period between two samples is the period's energy divided by its length, so the
// exported energy (load x snapshot weighting, summed) equals the file's energy up to rounding of
// the last bit. Zones are buses; a zone's AI data centres are one load; its headroom for new
// data-centre load and its on-site generation are generators; corridors are links whose limits
// change over time (p_max_pu, p_min_pu). Hourly resolution spreads each period's average over its
// hours with a daily shape of mean 1 (docs/output-format.md, "Export to grid models").

#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numbers>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/options.h"
#include "output/error.h"
#include "output/reader.h"
#include "sim/time.h"

namespace sovsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// What the export reads from a run file, by zone (rows = samples).
struct RunLoads {
  std::string scenario;
  sim::Date epoch;                // time 0 of the file
  std::vector<double> time_days;  // sample instants
  std::vector<std::string> zones, corridors;
  std::vector<std::size_t> corridor_from, corridor_to;
  std::vector<std::string> substations;  // with their zone (position along `zones`)
  std::vector<std::size_t> substation_zone;
  using Table = std::vector<std::vector<double>>;  // [sample][zone or corridor]
  Table energy, grid_energy, headroom, contracted, onsite_nameplate, corridor_limit, corridor_flow;
  Table substation_capacity, substation_contracted, substation_allocated, substation_draw;
  double file_energy_mwh = 0;  // energy_national_mwh at the last sample
};

std::string text_of(const output::AttributeValue* v) {
  if (v == nullptr) return "";
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return "";
}

// Sums a (time, site) variable over the sites of each zone.
RunLoads::Table by_zone(const output::Variable& v, const std::vector<std::size_t>& zone_of,
                        std::size_t zones) {
  const std::size_t sites = zone_of.size();
  const std::size_t rows = sites == 0 ? 0 : v.values.size() / sites;
  RunLoads::Table t(rows, std::vector<double>(zones, 0.0));
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t i = 0; i < sites; ++i) t[r][zone_of[i]] += v.values[r * sites + i];
  }
  return t;
}

RunLoads::Table rows_of(const output::Variable& v, std::size_t columns) {
  const std::size_t rows = columns == 0 ? 0 : v.values.size() / columns;
  RunLoads::Table t(rows, std::vector<double>(columns, 0.0));
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) t[r][c] = v.values[r * columns + c];
  }
  return t;
}

RunLoads read_run(const fs::path& file) {
  RunLoads run;
  const output::Attributes root = output::read_root_attributes(file);
  if (text_of(output::find_attribute(root, "format_version")).empty()) {
    throw InputError(file.string() + ": not a sovsim output file (it has no format_version attribute)");
  }
  run.scenario = text_of(output::find_attribute(root, "scenario_name"));
  const std::vector<std::string> names = output::list_variables(file);
  for (const char* needed : {"energy_mwh", "grid_energy_mwh", "site_zone", "zone_headroom_mw"}) {
    if (std::find(names.begin(), names.end(), needed) == names.end()) {
      throw InputError(
          fmt::format("{}: not a run file of a rollout scenario (no variable '{}'; a sweep "
                      "file keeps no per-zone series: export one of its runs with sovsim run)",
                      file.string(), needed));
    }
  }
  const output::Variable time = output::read_variable(file, "time");
  run.time_days = time.values;
  const std::string units = text_of(output::find_attribute(time.attributes, "units"));
  const std::string prefix = "days since ";
  const std::optional<sim::Date> epoch =
      units.rfind(prefix, 0) == 0 ? sim::parse_iso_date(units.substr(prefix.size(), 10)) : std::nullopt;
  if (!epoch)
    throw InputError(fmt::format("{}: time units '{}' are not 'days since DATE'", file.string(), units));
  run.epoch = *epoch;

  const output::Variable energy = output::read_variable(file, "energy_mwh");
  const output::Variable zone_index = output::read_variable(file, "site_zone");
  const output::Variable headroom = output::read_variable(file, "zone_headroom_mw");
  run.zones = headroom.dims.at(1).labels;
  std::vector<std::size_t> zone_of;
  for (const double z : zone_index.values) zone_of.push_back(static_cast<std::size_t>(z));
  run.energy = by_zone(energy, zone_of, run.zones.size());
  run.grid_energy = by_zone(output::read_variable(file, "grid_energy_mwh"), zone_of, run.zones.size());
  run.onsite_nameplate =
      by_zone(output::read_variable(file, "onsite_generation_mw"), zone_of, run.zones.size());
  run.contracted = by_zone(output::read_variable(file, "grid_connected_mw"), zone_of, run.zones.size());
  run.headroom = rows_of(headroom, run.zones.size());
  if (std::find(names.begin(), names.end(), "corridor_limit_mw") != names.end()) {
    const output::Variable limit = output::read_variable(file, "corridor_limit_mw");
    run.corridors = limit.dims.at(1).labels;
    run.corridor_limit = rows_of(limit, run.corridors.size());
    run.corridor_flow = rows_of(output::read_variable(file, "corridor_flow_mw"), run.corridors.size());
    for (const double z : output::read_variable(file, "corridor_from_zone").values) {
      run.corridor_from.push_back(static_cast<std::size_t>(z));
    }
    for (const double z : output::read_variable(file, "corridor_to_zone").values) {
      run.corridor_to.push_back(static_cast<std::size_t>(z));
    }
  }
  if (std::find(names.begin(), names.end(), "substation_capacity_mw") != names.end()) {
    const output::Variable capacity = output::read_variable(file, "substation_capacity_mw");
    run.substations = capacity.dims.at(1).labels;
    const std::size_t n = run.substations.size();
    run.substation_capacity = rows_of(capacity, n);
    run.substation_contracted = rows_of(output::read_variable(file, "substation_contracted_mw"), n);
    run.substation_allocated = rows_of(output::read_variable(file, "substation_allocated_mw"), n);
    run.substation_draw = rows_of(output::read_variable(file, "substation_draw_mw"), n);
    for (const double z : output::read_variable(file, "substation_zone").values) {
      run.substation_zone.push_back(static_cast<std::size_t>(z));
    }
  }
  const output::Variable national = output::read_variable(file, "energy_national_mwh");
  run.file_energy_mwh = national.values.empty() ? 0.0 : national.values.back();
  const std::size_t rows = std::min(run.time_days.size(), run.energy.size());
  if (rows < 2) {
    throw InputError(
        fmt::format("{}: has {} sample(s); an export needs at least two (one period)", file.string(), rows));
  }
  run.time_days.resize(rows);
  return run;
}

// One snapshot of the export: where it falls in the file's sample periods, and its weight.
struct Snapshot {
  std::size_t period = 0;  // between samples period and period + 1
  double start_days = 0;   // since the file's epoch
  double hours = 0;        // the snapshot weighting
  double shape = 1;        // load factor relative to the period's average (mean 1 over the period)
};

// The daily shape's value in hour h of the day (mean 1 over 24 hours): 1 + (R - 1) cos(...) with
// its peak in the 14:00-15:00 hour and its trough twelve hours earlier.
double daily_shape(double peak_to_average, long hour_of_day) {
  const double midpoint = static_cast<double>(hour_of_day) + 0.5;
  return 1.0 + (peak_to_average - 1.0) * std::cos(2.0 * std::numbers::pi * (midpoint - 14.5) / 24.0);
}

std::vector<Snapshot> snapshots(const RunLoads& run, bool hourly, double peak_to_average) {
  std::vector<Snapshot> out;
  for (std::size_t k = 0; k + 1 < run.time_days.size(); ++k) {
    const double hours = (run.time_days[k + 1] - run.time_days[k]) * 24.0;
    if (!hourly) {
      out.push_back({k, run.time_days[k], hours, 1.0});
      continue;
    }
    const long n = std::lround(hours);
    if (n < 1 || std::fabs(hours - static_cast<double>(n)) > 1e-6) {
      throw InputError(
          fmt::format("hourly resolution needs samples a whole number of hours apart; the "
                      "file's period {} is {} hours long",
                      k, hours));
    }
    const long first_hour = std::lround(run.time_days[k] * 24.0);
    // Normalised over the period itself, so each period keeps its energy whatever its length.
    double sum = 0;
    for (long j = 0; j < n; ++j) sum += daily_shape(peak_to_average, (first_hour + j) % 24);
    for (long j = 0; j < n; ++j) {
      const double shape = daily_shape(peak_to_average, (first_hour + j) % 24) * static_cast<double>(n) / sum;
      out.push_back({k, static_cast<double>(first_hour + j) / 24.0, 1.0, shape});
    }
  }
  return out;
}

std::string timestamp(const sim::Date& epoch, double days) {
  const auto seconds = static_cast<std::int64_t>(std::llround(days * 86400.0));
  const std::int64_t day = seconds / 86400;
  const std::int64_t in_day = seconds % 86400;
  return fmt::format("{} {:02}:{:02}:{:02}",
                     sim::to_iso(sim::civil_from_days(sim::days_from_civil(epoch) + day)), in_day / 3600,
                     in_day / 60 % 60, in_day % 60);
}

// Average power over period k of a cumulative energy column.
double average_mw(const RunLoads::Table& energy, const std::vector<double>& time_days, std::size_t k,
                  std::size_t column) {
  return (energy[k + 1][column] - energy[k][column]) / ((time_days[k + 1] - time_days[k]) * 24.0);
}

double column_max(const RunLoads::Table& t, std::size_t column, std::size_t rows) {
  double m = 0;
  for (std::size_t r = 0; r < rows; ++r) m = std::max(m, t[r][column]);
  return m;
}

class CsvFile {
 public:
  CsvFile(const fs::path& path) : path_(path), out_(path) {
    if (!out_) throw InputError(path.string() + ": cannot be written");
  }
  template <class... T>
  void row(fmt::format_string<T...> f, T&&... args) {
    out_ << fmt::format(f, std::forward<T>(args)...) << '\n';
  }
  void line(const std::string& text) { out_ << text << '\n'; }
  ~CsvFile() = default;
  void close() {
    out_.close();
    if (!out_) throw InputError(path_.string() + ": write failed");
  }

 private:
  fs::path path_;
  std::ofstream out_;
};

// A per-snapshot series file: snapshot, then one column per name.
void write_series(const fs::path& path, const RunLoads& run, const std::vector<Snapshot>& snaps,
                  const std::vector<std::string>& names,
                  const std::function<double(const Snapshot&, std::size_t)>& value) {
  CsvFile f(path);
  std::string header = "snapshot";
  for (const std::string& n : names) header += "," + n;
  f.line(header);
  for (const Snapshot& s : snaps) {
    std::string line = timestamp(run.epoch, s.start_days);
    for (std::size_t c = 0; c < names.size(); ++c) line += fmt::format(",{}", value(s, c));
    f.line(line);
  }
  f.close();
}

// Totals of what was written, for the closing line (and the tests).
struct Written {
  double load_mwh = 0;
  std::size_t snapshots = 0;
};

double load_mw(const RunLoads& run, const Snapshot& s, std::size_t zone) {
  return average_mw(run.energy, run.time_days, s.period, zone) * s.shape;
}

double onsite_mw(const RunLoads& run, const Snapshot& s, std::size_t zone) {
  // Energy supplied on site = facility energy - grid energy; spread evenly over the period.
  const std::size_t k = s.period;
  const double hours = (run.time_days[k + 1] - run.time_days[k]) * 24.0;
  const double onsite = (run.energy[k + 1][zone] - run.grid_energy[k + 1][zone]) -
                        (run.energy[k][zone] - run.grid_energy[k][zone]);
  return onsite / hours;
}

Written write_pypsa(const fs::path& dir, const RunLoads& run, const std::vector<Snapshot>& snaps) {
  Written w;
  w.snapshots = snaps.size();
  const std::size_t rows = run.time_days.size() - 1;  // limits at each period's start
  {
    CsvFile f(dir / "network.csv");
    f.line("name");
    f.line(fmt::format("sovsim {}", run.scenario));
    f.close();
  }
  {
    CsvFile f(dir / "snapshots.csv");
    f.line("snapshot,objective,stores,generators");
    for (const Snapshot& s : snaps)
      f.row("{},{},{},{}", timestamp(run.epoch, s.start_days), s.hours, s.hours, s.hours);
    f.close();
  }
  {
    CsvFile f(dir / "buses.csv");
    f.line("name,carrier");
    for (const std::string& z : run.zones) f.row("{},AC", z);
    f.close();
  }
  std::vector<std::string> loads;
  for (const std::string& z : run.zones) loads.push_back(z + "-ai-datacentres");
  {
    CsvFile f(dir / "loads.csv");
    f.line("name,bus,carrier");
    for (std::size_t z = 0; z < run.zones.size(); ++z) f.row("{},{},AI data centres", loads[z], run.zones[z]);
    f.close();
  }
  write_series(dir / "loads-p_set.csv", run, snaps, loads, [&](const Snapshot& s, std::size_t z) {
    const double p = load_mw(run, s, z);
    w.load_mwh += p * s.hours;
    return p;
  });
  // Generators: each zone's headroom for new data-centre load (p_nom its largest value, p_max_pu
  // its value over time) and, where there is any, on-site generation at its delivered output.
  struct Gen {
    std::string name, bus, carrier;
    double p_nom;
    std::size_t zone;
    bool onsite;
  };
  std::vector<Gen> gens;
  for (std::size_t z = 0; z < run.zones.size(); ++z) {
    gens.push_back(
        {run.zones[z] + "-grid-headroom", run.zones[z], "grid", column_max(run.headroom, z, rows), z, false});
    const double onsite = column_max(run.onsite_nameplate, z, rows + 1);
    if (onsite > 0) gens.push_back({run.zones[z] + "-onsite", run.zones[z], "on-site", onsite, z, true});
  }
  {
    CsvFile f(dir / "generators.csv");
    f.line("name,bus,carrier,p_nom,marginal_cost");
    for (const Gen& g : gens) f.row("{},{},{},{},0", g.name, g.bus, g.carrier, g.p_nom);
    f.close();
  }
  std::vector<std::string> gen_names;
  for (const Gen& g : gens) gen_names.push_back(g.name);
  auto per_unit = [&](const Snapshot& s, std::size_t i) {
    const Gen& g = gens[i];
    if (g.p_nom <= 0) return 0.0;
    const double p = g.onsite ? onsite_mw(run, s, g.zone) : std::max(0.0, run.headroom[s.period][g.zone]);
    return std::clamp(p / g.p_nom, 0.0, 1.0);
  };
  write_series(dir / "generators-p_max_pu.csv", run, snaps, gen_names, per_unit);
  write_series(dir / "generators-p_min_pu.csv", run, snaps, gen_names, [&](const Snapshot& s, std::size_t i) {
    return gens[i].onsite ? per_unit(s, i) : 0.0;  // on-site output is fixed: what it delivered
  });
  if (!run.corridors.empty()) {
    std::vector<double> p_nom;
    for (std::size_t c = 0; c < run.corridors.size(); ++c)
      p_nom.push_back(column_max(run.corridor_limit, c, rows));
    {
      CsvFile f(dir / "links.csv");
      f.line("name,bus0,bus1,carrier,p_nom,p_min_pu,efficiency");
      for (std::size_t c = 0; c < run.corridors.size(); ++c) {
        f.row("{},{},{},DC,{},-1,1", run.corridors[c], run.zones.at(run.corridor_from[c]),
              run.zones.at(run.corridor_to[c]), p_nom[c]);
      }
      f.close();
    }
    auto limit_pu = [&](const Snapshot& s, std::size_t c) {
      return p_nom[c] > 0 ? std::clamp(run.corridor_limit[s.period][c] / p_nom[c], 0.0, 1.0) : 0.0;
    };
    write_series(dir / "links-p_max_pu.csv", run, snaps, run.corridors, limit_pu);
    write_series(dir / "links-p_min_pu.csv", run, snaps, run.corridors,
                 [&](const Snapshot& s, std::size_t c) { return -limit_pu(s, c); });
  }
  return w;
}

Written write_plain_csv(const fs::path& dir, const RunLoads& run, const std::vector<Snapshot>& snaps) {
  Written w;
  w.snapshots = snaps.size();
  {
    CsvFile f(dir / "zones.csv");
    f.line("snapshot,hours,zone,load_mw,onsite_mw,grid_mw,headroom_mw,contracted_mw");
    for (const Snapshot& s : snaps) {
      for (std::size_t z = 0; z < run.zones.size(); ++z) {
        const double load = load_mw(run, s, z);
        const double onsite = onsite_mw(run, s, z);
        w.load_mwh += load * s.hours;
        f.row("{},{},{},{},{},{},{},{}", timestamp(run.epoch, s.start_days), s.hours, run.zones[z], load,
              onsite, load - onsite, run.headroom[s.period][z], run.contracted[s.period][z]);
      }
    }
    f.close();
  }
  if (!run.corridors.empty()) {
    CsvFile f(dir / "corridors.csv");
    f.line("snapshot,hours,corridor,from_zone,to_zone,limit_mw,flow_mw");
    for (const Snapshot& s : snaps) {
      for (std::size_t c = 0; c < run.corridors.size(); ++c) {
        f.row("{},{},{},{},{},{},{}", timestamp(run.epoch, s.start_days), s.hours, run.corridors[c],
              run.zones.at(run.corridor_from[c]), run.zones.at(run.corridor_to[c]),
              run.corridor_limit[s.period][c], run.corridor_flow[s.period][c]);
      }
    }
    f.close();
  }
  if (!run.substations.empty()) {
    // The run's samples at each period's start (a substation's load is part of its zone's in
    // zones.csv, not added to it).
    CsvFile f(dir / "substations.csv");
    f.line("snapshot,hours,substation,zone,capacity_mw,contracted_mw,allocated_mw,draw_mw");
    for (const Snapshot& s : snaps) {
      for (std::size_t b = 0; b < run.substations.size(); ++b) {
        f.row("{},{},{},{},{},{},{},{}", timestamp(run.epoch, s.start_days), s.hours, run.substations[b],
              run.zones.at(run.substation_zone.at(b)), run.substation_capacity[s.period][b],
              run.substation_contracted[s.period][b], run.substation_allocated[s.period][b],
              run.substation_draw[s.period][b]);
      }
    }
    f.close();
  }
  return w;
}

}  // namespace

int cmd_export(const Args& args, Streams io) {
  std::vector<std::string> positional;
  std::string format, output, resolution = "daily";
  double peak_to_average = 1.0;
  po::options_description options(
      "Usage: sovsim export [pypsa|csv] RUN.h5 -o DIR [--resolution daily|hourly] [--peak-to-average R]\n\n"
      "Writes the load a grid model needs, from a run file: per grid zone, the AI data centres' average\n"
      "facility load (from the file's cumulative energy, so the exported energy equals the file's), the\n"
      "zone's headroom for new data-centre load, its on-site generation output, and the corridors'\n"
      "limits over time.\n"
      "  pypsa  PyPSA's CSV network folder (network, snapshots, buses, loads + loads-p_set, generators +\n"
      "         p_max_pu/p_min_pu, links + p_max_pu/p_min_pu): pypsa.Network(DIR) reads it\n"
      "  csv    long tables for any other tool: zones.csv, corridors.csv and substations.csv\n"
      "Daily resolution keeps the file's sample periods (snapshot weighting = period hours); hourly\n"
      "splits each period into hours with a daily shape of mean 1 and peak/average R (default 1: AI\n"
      "training load is flat over the day; see docs/output-format.md).\n\n"
      "Examples:\n"
      "  sovsim export pypsa results/korea-2025.h5 -o korea-pypsa/\n"
      "  sovsim export csv results/korea-2025.h5 -o korea-csv/ --resolution hourly --peak-to-average 1.1\n\n"
      "DIR is created when missing; the files written into it are replaced. --format NAME may stand\n"
      "for the first argument.\n\n"
      "Exit codes: 0 written, 2 bad usage or the file is not a sovsim run file.\n\n"
      "Options");
  add_output_option(options, output);
  add_format_option(options, format);
  options.add_options()                                                                               //
      ("resolution", po::value(&resolution), "daily (the file's sample periods, default) or hourly")  //
      ("peak-to-average", po::value(&peak_to_average),
       "hourly only: daily peak / daily average of the load shape, in [1, 2] (default 1)");
  po::options_description hidden;
  hidden.add_options()("args", po::value(&positional)->composing());
  if (!parse_command_line(args, options, io, "args", 2, hidden)) return kExitOk;
  if (positional.size() == 2) {
    if (!format.empty() && format != positional[0]) {
      throw UsageError(fmt::format("--format {} and the first argument {} disagree", format, positional[0]));
    }
    format = positional[0];
    positional.erase(positional.begin());
  }
  if (positional.empty()) throw UsageError("missing RUN.h5 (a sovsim run file)");
  if (format.empty()) format = "pypsa";
  check_format(format, {"pypsa", "csv"});
  if (resolution != "daily" && resolution != "hourly") {
    throw UsageError("--resolution: expected daily or hourly, found '" + resolution + "'");
  }
  if (!(peak_to_average >= 1.0 && peak_to_average <= 2.0)) {
    throw UsageError(
        fmt::format("--peak-to-average: expected a number in [1, 2], found {}", peak_to_average));
  }
  if (output.empty()) throw UsageError("missing -o DIR (the folder to write)");
  const fs::path file = positional[0];
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    io.err << "sovsim export: " << file.string() << ": no such file\n";
    return kExitBadInput;
  }
  RunLoads run;
  try {
    run = read_run(file);
  } catch (const output::Error& e) {
    io.err << "sovsim export: " << e.what() << "\n";
    return kExitBadInput;
  }
  const std::vector<Snapshot> snaps = snapshots(run, resolution == "hourly", peak_to_average);
  const fs::path dir = output;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    throw InputError(dir.string() + ": exists and is not a folder");
  }
  fs::create_directories(dir, ec);
  if (ec) throw InputError(dir.string() + ": cannot be created: " + ec.message());
  const Written w = format == "pypsa" ? write_pypsa(dir, run, snaps) : write_plain_csv(dir, run, snaps);
  io.err << fmt::format(
      "sovsim export: {} snapshots ({}) of {} zones and {} corridors to {}; load energy {:.6f} MWh, the "
      "file's energy {:.6f} MWh\n",
      w.snapshots, resolution, run.zones.size(), run.corridors.size(), dir.string(), w.load_mwh,
      run.file_energy_mwh);
  return kExitOk;
}

}  // namespace sovsim::cli
