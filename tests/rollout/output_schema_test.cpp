// The output schema (models/rollout/output_schema.h) is the one table of output names: these tests
// check the table's own rules, that a run file holds exactly its entries, that a sweep keeps its
// sweep entries under the same names, and that docs/output-reference.md is current.
#include "models/rollout/output_schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "models/rollout/recording.h"
#include "models/scenario/loader.h"
#include "models/sweep/sweep_file.h"
#include "scenario_builder.h"
#include "sim/sweep/design.h"

namespace {

namespace ro = models::rollout;
namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_netcdf_name(std::string_view n) {
  if (n.empty() || !(std::isalpha(static_cast<unsigned char>(n[0])))) return false;
  for (const char c : n) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// xarray decodes a variable whose units are one of these as a time span (xarray.coding.times
// TIME_UNITS), which turns counts into nanosecond timedeltas.
const std::set<std::string> kTimedeltaUnits = {"days",         "hours",        "minutes",    "seconds",
                                               "milliseconds", "microseconds", "nanoseconds"};

TEST(OutputSchema, EntriesFollowTheRules) {
  std::set<std::string> names;
  std::set<std::string> axes;
  for (const ro::OutputAxis& a : ro::output_axes()) axes.insert(std::string(a.name));
  for (const ro::OutputQuantity& q : ro::output_schema()) {
    SCOPED_TRACE(std::string(q.name));
    EXPECT_TRUE(is_netcdf_name(q.name));
    EXPECT_TRUE(names.insert(std::string(q.name)).second) << "duplicate name";
    EXPECT_FALSE(q.units.empty());
    EXPECT_EQ(kTimedeltaUnits.count(std::string(q.units)), 0u) << "xarray would decode it as a timedelta";
    EXPECT_FALSE(q.long_name.empty());
    EXPECT_FALSE(q.meaning.empty());
    for (const std::string& a : ro::axis_names(q)) EXPECT_EQ(axes.count(a), 1u) << a;
    if (q.kind == ro::OutputKind::Series) {
      EXPECT_NE(q.sample, nullptr);
      EXPECT_EQ(q.compute, nullptr);
    } else {
      EXPECT_NE(q.compute, nullptr);
      EXPECT_EQ(q.sample, nullptr);
      EXPECT_NE(q.sweep, ro::SweepRole::Series);
    }
    EXPECT_EQ(q.kind == ro::OutputKind::Date, q.units == ro::kTimeUnits);
    EXPECT_EQ(q.kind == ro::OutputKind::Code, !q.flag_meanings.empty());
    if (q.sweep != ro::SweepRole::None) {
      const auto a = ro::axis_names(q);
      EXPECT_LE(a.size(), 2u) << "sweeps flatten over at most two axes";
      // Over site: a total (a site a variant lacks counts 0 in a sweep over variants).
      if (!a.empty() && a[0] == "site") {
        EXPECT_EQ(q.kind, ro::OutputKind::Total);
      }
    }
    // A sweep indicator says which direction is better, for paired comparisons (sovsim compare);
    // ByState only over the state axis.
    if (q.sweep == ro::SweepRole::Indicator) {
      EXPECT_NE(q.better, ro::Better::Unstated) << "set .better (None when no direction is better)";
    }
    if (q.better == ro::Better::ByState) {
      EXPECT_EQ(q.axes, "state");
    }
    // A sweep entry states what GPU failures change (a sweep keeping none of it skips them); a
    // list names labels of the entry's last axis.
    if (q.sweep != ro::SweepRole::None) {
      EXPECT_FALSE(q.changed_by_failures.empty()) << "set .changed_by_failures";
      const auto a = ro::axis_names(q);
      if (q.changed_by_failures != "none" && q.changed_by_failures != "all") {
        ASSERT_FALSE(a.empty()) << "a scalar states none or all";
        ASSERT_TRUE(a.back() == "state" || a.back() == "reason") << "labels known without a scenario";
        std::istringstream words{std::string(q.changed_by_failures)};
        for (std::string w; words >> w;)
          EXPECT_NE(std::find(ro::kGpuStateNames.begin(), ro::kGpuStateNames.end(), w),
                    ro::kGpuStateNames.end())
              << w;
      }
    }
  }
  EXPECT_EQ(ro::preferred_direction(*ro::find_output("gpu_days_national"), "operational"), "higher");
  EXPECT_EQ(ro::preferred_direction(*ro::find_output("gpu_days_national"), "waiting_power"), "lower");
  EXPECT_EQ(ro::preferred_direction(*ro::find_output("gpu_days_national"), "in_transit"), "none");
  EXPECT_EQ(ro::preferred_direction(*ro::find_output("date_operational_90pct"), ""), "lower");
  // Flattened sweep names must not collide with another entry.
  for (const ro::OutputQuantity& q : ro::output_schema()) {
    if (q.sweep == ro::SweepRole::None || q.axes.empty()) continue;
    for (const std::string_view s : ro::kGpuStateNames)
      EXPECT_EQ(names.count(ro::flattened_name(q.name, s)), 0u) << ro::flattened_name(q.name, s);
    EXPECT_EQ(names.count(ro::flattened_name(q.name, "end-2030")), 0u)
        << ro::flattened_name(q.name, "end-2030");
  }
}

TEST(OutputSchema, ReferenceDocIsCurrent) {
  const fs::path doc = fs::path(SOVSIM_SOURCE_DIR) / "docs" / "output-reference.md";
  EXPECT_EQ(read_file(doc), ro::output_reference_markdown())
      << "docs/output-reference.md is stale; regenerate it with\n"
         "  build/sovsim describe --outputs > docs/output-reference.md";
}

models::Scenario small_scenario() {
  using namespace rollout_test;
  models::Scenario s = base_scenario();
  s.zones.push_back(zone("z", 10));
  models::Site st = site("alpha", "z", 1000);
  st.halls.push_back(existing_hall("h1", 100, 1000));
  s.sites.push_back(st);
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 20));
  return s;
}

TEST(OutputSchema, RunFileHoldsExactlyTheSchema) {
  sim::MemorySink sink;
  rollout_test::run(small_scenario(), sink);
  std::vector<std::string> written;
  for (const sim::VariableInfo& v : sink.schema().series) written.push_back(v.name);
  for (const sim::StaticVariable& v : sink.statics()) written.push_back(v.info.name);
  std::vector<std::string> expected;
  for (const ro::OutputQuantity& q : ro::output_schema()) {
    // no corridors or substations in this scenario
    if (q.axes.find("corridor") != std::string_view::npos ||
        q.axes.find("substation") != std::string_view::npos)
      continue;
    expected.push_back(std::string(q.name));
  }
  EXPECT_EQ(written, expected);
  for (const sim::StaticVariable& v : sink.statics()) {
    std::size_t extent = 1;
    for (const std::string& a : v.info.axes) extent *= sink.schema().find_axis(a)->labels.size();
    EXPECT_EQ(v.values.size(), extent) << v.info.name;
    const ro::OutputQuantity* q = ro::find_output(v.info.name);
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(v.info.attributes.at(0).second, ro::kind_name(q->kind));
  }
  // The national series are the sums of the per-site ones, as in a sweep.
  const auto it = sink.series("it_power_mw", sink.rows() - 1);
  EXPECT_EQ(sink.series("it_power_national_mw", sink.rows() - 1)[0], it[0]);
  const auto* zone = sink.find_static("site_zone");
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(zone->info.flag_meanings, "z");
}

// A sweep's indicators and series are the schema's sweep entries under the run file's names.
TEST(OutputSchema, SweepNamesAreRunNames) {
  const fs::path dir = fs::temp_directory_path() / "sovsim_output_schema_test";
  fs::create_directories(dir);
  fs::copy_file(fs::path(SOVSIM_SOURCE_DIR) / "scenarios" / "examples" / "minimal.yaml", dir / "minimal.yaml",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "s.yaml")
      << "base: minimal.yaml\nreplications: 1\nkeep: bands\nseries_interval: 30 days\n"
         "design: {type: grid}\n"
         "parameters:\n  - {key: zones.region.headroom, values: [50 MW]}\n";
  models::sweep::SweepLoad load = models::sweep::load_sweep(dir / "s.yaml");
  ASSERT_TRUE(load.ok()) << (load.errors.empty() ? "" : load.errors.front());
  const sim::sweep::Design design = sim::sweep::make_design(
      load.sweep->plan.parameters, load.sweep->plan.design, load.sweep->plan.master_seed);
  const auto model = models::sweep::make_model(*load.sweep, design);
  const sim::sweep::ModelOutputs& out = model->outputs();

  const models::LoadResult scenario = models::load_scenario(dir / "minimal.yaml");
  ASSERT_TRUE(scenario.ok());
  // The labels a sweep flattens an axis over: the scenario's (GPU states, buyers, report dates;
  // minimal.yaml has no report_dates, so the default: end-2026, end-2027).
  const auto labels_of = [&](std::string_view axis) { return ro::axis_labels(*scenario.scenario, axis); };
  EXPECT_EQ(labels_of("report_date"), (std::vector<std::string>{"end-2026", "end-2027"}));
  std::set<std::string> expected_indicators, expected_series;
  for (const ro::OutputQuantity& q : ro::output_schema()) {
    auto& set = q.sweep == ro::SweepRole::Series ? expected_series : expected_indicators;
    if (q.sweep == ro::SweepRole::None) continue;
    const std::vector<std::string> axes = ro::axis_names(q);
    if (axes.empty()) {
      set.insert(std::string(q.name));
    } else if (axes.size() == 1) {
      ASSERT_FALSE(labels_of(axes[0]).empty()) << q.name;
      for (const std::string& s : labels_of(axes[0])) set.insert(ro::flattened_name(q.name, s));
    } else {
      // Over two axes (gpu_days_idle_by_buyer over buyer, reason): one per pair of labels.
      ASSERT_EQ(axes.size(), 2u) << q.name;
      ASSERT_FALSE(labels_of(axes[0]).empty()) << q.name;
      ASSERT_FALSE(labels_of(axes[1]).empty()) << q.name;
      for (const std::string& a : labels_of(axes[0])) {
        for (const std::string& b : labels_of(axes[1])) set.insert(ro::flattened_name(q.name, a, b));
      }
    }
  }
  std::set<std::string> indicators, series;
  for (const auto& q : out.indicators) indicators.insert(q.name);
  for (const auto& q : out.series) series.insert(q.name);
  EXPECT_EQ(indicators, expected_indicators);
  EXPECT_EQ(series, expected_series);
  for (const auto& q : out.indicators) {
    EXPECT_EQ(kTimedeltaUnits.count(q.units), 0u) << q.name;
    if (q.name.starts_with("date_")) {
      EXPECT_TRUE(q.units.starts_with("days since 2026-01-01")) << q.units;
    }
  }

  // One run's values equal the run file's for the same seed.
  const std::vector<double> values(design.values.begin(), design.values.begin() + 1);
  const sim::sweep::RunResult r =
      model->run({.run = 0, .point = 0, .replication = 0, .seed = 5, .values = values});
  sim::MemorySink sink;
  ro::RunOptions options;
  options.seed = 5;
  options.sink = &sink;
  ro::run_rollout(*scenario.scenario, options);
  std::size_t two_axis_components = 0;
  for (std::size_t i = 0; i < out.indicators.size(); ++i) {
    const std::string& name = out.indicators[i].name;
    const sim::StaticVariable* v = sink.find_static(name);
    // A flattened component: the run file's variable of the same quantity at the label's position.
    const auto attribute = [&](std::string_view key) {
      for (const auto& [k, value] : out.indicators[i].attributes) {
        if (k == key) return value;
      }
      return std::string();
    };
    const double expected = v ? v->values.at(0) : [&] {
      const auto* whole = sink.find_static(attribute("sweep_quantity"));
      const std::vector<std::string> labels = labels_of(attribute("sweep_axis"));
      const auto at = std::find(labels.begin(), labels.end(), attribute("sweep_axis_label"));
      if (!whole || at == labels.end()) {
        ADD_FAILURE() << name << " is not in the run file";
        return 0.0;
      }
      auto position = static_cast<std::size_t>(at - labels.begin());
      if (!attribute("sweep_inner_axis").empty()) {
        // Over two axes: row-major (outer, inner) in the run file, as its dims say.
        const std::vector<std::string> inner = labels_of(attribute("sweep_inner_axis"));
        const auto in = std::find(inner.begin(), inner.end(), attribute("sweep_inner_axis_label"));
        if (in == inner.end()) {
          ADD_FAILURE() << name << ": no inner label";
          return 0.0;
        }
        EXPECT_EQ(whole->info.axes,
                  (std::vector<std::string>{attribute("sweep_axis"), attribute("sweep_inner_axis")}));
        EXPECT_EQ(ro::flattened_name(attribute("sweep_quantity"), *at, *in), name);
        ++two_axis_components;
        return whole->values.at(position * inner.size() + static_cast<std::size_t>(in - inner.begin()));
      }
      EXPECT_EQ(ro::flattened_name(attribute("sweep_quantity"), *at), name);
      return whole->values.at(position);
    }();
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(r.indicators[i])) << name;
    } else {
      EXPECT_EQ(r.indicators[i], expected) << name;
    }
  }
  // Per site and per buyer, by reason: one site, one buyer, six reasons each.
  EXPECT_EQ(two_axis_components, 12u);
  fs::remove_all(dir);
}

}  // namespace
