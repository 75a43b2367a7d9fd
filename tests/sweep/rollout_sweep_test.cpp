// The rollout model in a sweep: common random numbers across design points and variants.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/rollout/output_schema.h"
#include "models/rollout/rollout.h"
#include "models/scenario/loader.h"
#include "models/sweep/sweep_file.h"
#include "sim/recorder.h"
#include "sim/sweep/design.h"
#include "sim/sweep/runner.h"

namespace {

namespace fs = std::filesystem;
namespace sw = sim::sweep;

const fs::path kExamples = fs::path(SOVSIM_SOURCE_DIR) / "scenarios" / "examples";

// Bitwise equality, so that NaN (a date never reached) equals NaN.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

struct Swept {
  sw::Plan plan;
  std::vector<sw::RunResult> runs;  // in run order
  std::vector<std::string> indicators;
};

Swept run_sweep(const std::string& text, const fs::path& folder) {
  models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(text, "t.sweep.yaml", folder);
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front());
  if (!loaded.ok()) return {};
  models::sweep::SweepFile& file = *loaded.sweep;
  const sw::Design design = sw::sweep_design(file.plan);
  const auto model = models::sweep::make_model(file, design);
  Swept out{file.plan, {}, {}};
  for (const auto& q : model->outputs().indicators) out.indicators.push_back(q.name);
  for (std::uint64_t r = 0; r < sw::run_count(file.plan, design); ++r)
    out.runs.push_back(model->run(sw::make_input(file.plan, design, r)));
  return out;
}

// The minimal example's 3 MW connection is below the assessment threshold, so the zone's
// reapply time is never used: two points that differ only there are the same scenario.
const std::string kUnusedParameter =
    "base: minimal.yaml\n"
    "replications: 6\n"
    "parameters:\n"
    "  - {key: zones.region.reapply_after, values: [30 days, 270 days]}\n";

TEST(CommonRandomNumbersAcrossPoints, PointsDifferingInAnUnusedParameterGiveIdenticalRuns) {
  const Swept s = run_sweep(kUnusedParameter, kExamples);
  ASSERT_EQ(s.plan.random_numbers, sw::RandomNumbers::Common);
  ASSERT_EQ(s.runs.size(), 12u);
  for (std::size_t r = 0; r < 6; ++r)
    EXPECT_TRUE(same_bits(s.runs[r].indicators, s.runs[6 + r].indicators)) << "replication " << r;
  // Replications differ from each other (the test would pass trivially otherwise).
  EXPECT_FALSE(same_bits(s.runs[0].indicators, s.runs[1].indicators));
}

TEST(CommonRandomNumbersAcrossPoints, IndependentGivesEveryRunItsOwnSeed) {
  const Swept s = run_sweep(kUnusedParameter + "random_numbers: independent\n", kExamples);
  ASSERT_EQ(s.plan.random_numbers, sw::RandomNumbers::Independent);
  int differ = 0;
  for (std::size_t r = 0; r < 6; ++r) differ += !same_bits(s.runs[r].indicators, s.runs[6 + r].indicators);
  EXPECT_GT(differ, 0);
}

// keep: series stores each run's national series at every k-th sample (series_interval): the
// values a run file records for that run (its seed), series by series and component by component.
TEST(KeptSeriesValues, AreTheRunsOwnNationalSeriesAtEveryStrideThSample) {
  models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(
      "base: minimal.yaml\nreplications: 2\nkeep: series\nseries_interval: 7 days\n", "t.sweep.yaml",
      kExamples);
  ASSERT_TRUE(loaded.ok()) << loaded.errors.front();
  models::sweep::SweepFile& file = *loaded.sweep;
  const sw::Design design = sw::sweep_design(file.plan);
  const auto model = models::sweep::make_model(file, design);
  const sw::RunInput input = sw::make_input(file.plan, design, 1);
  const sw::RunResult result = model->run(input);

  const models::LoadResult scenario = models::load_scenario(kExamples / "minimal.yaml");
  ASSERT_TRUE(scenario.ok());
  sim::MemorySink sink;
  models::rollout::RunOptions options;
  options.seed = input.seed;
  options.sink = &sink;
  models::rollout::run_rollout(*scenario.scenario, options);

  const sw::ModelOutputs& out = model->outputs();
  const std::size_t steps = out.times.size();
  ASSERT_EQ(steps, (sink.rows() + 6) / 7);
  ASSERT_EQ(result.series.size(), out.series.size() * steps);
  // Each kept name is a recorded series, or one component of a series over state or buyer
  // (gpus_national_<state>, gpus_operational_by_buyer_<buyer>), named by its attributes.
  int checked = 0, two_axis = 0;
  for (std::size_t i = 0; i < out.series.size(); ++i) {
    std::string name = out.series[i].name;
    std::size_t component = 0;
    const auto attribute = [&](std::string_view key) {
      for (const auto& [k, value] : out.series[i].attributes) {
        if (k == key) return value;
      }
      return std::string();
    };
    if (!attribute("sweep_quantity").empty()) {
      std::vector<std::string> labels;
      if (attribute("sweep_axis") == "state")
        labels.assign(models::rollout::kGpuStateNames.begin(), models::rollout::kGpuStateNames.end());
      for (const auto& b : scenario.scenario->buyers) {
        if (attribute("sweep_axis") == "buyer") labels.push_back(b.name);
      }
      const auto at = std::find(labels.begin(), labels.end(), attribute("sweep_axis_label"));
      ASSERT_NE(at, labels.end()) << name;
      name = attribute("sweep_quantity");
      component = static_cast<std::size_t>(at - labels.begin());
      if (!attribute("sweep_inner_axis").empty()) {
        // Over (buyer, reason): row-major, reasons the idle states.
        const auto idle = models::rollout::idle_states();
        const auto in = std::find(idle.begin(), idle.end(), attribute("sweep_inner_axis_label"));
        ASSERT_NE(in, idle.end()) << name;
        component = component * idle.size() + static_cast<std::size_t>(in - idle.begin());
        ++two_axis;
      }
    }
    for (std::size_t k = 0; k < steps; ++k) {
      ASSERT_FALSE(sink.series(name, k * 7).empty()) << name;
      EXPECT_EQ(result.series[i * steps + k], sink.series(name, k * 7)[component]) << name << " step " << k;
      EXPECT_EQ(out.times[k], sim::to_days(sink.times()[k * 7]));
    }
    ++checked;
  }
  EXPECT_GT(checked, 11);
  EXPECT_EQ(two_axis, 6);  // gpus_idle_by_buyer over (the one buyer, six reasons)
  // The series are not all zero (the test would pass trivially otherwise).
  double sum = 0;
  for (double v : result.series) sum += std::fabs(v);
  EXPECT_GT(sum, 0);
}

// A fresh folder of this process holding the minimal example, for scenarios derived from it.
fs::path folder_with_minimal(const std::string& tag) {
  const fs::path dir = fs::temp_directory_path() / ("sovsim-" + tag + "-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(kExamples / "minimal.yaml", dir / "minimal.yaml", fs::copy_options::overwrite_existing);
  return dir;
}

// A folder with the minimal example and variants of it: one that changes nothing the run uses,
// one whose connection is bigger and energised sooner (a real change).
fs::path variant_folder() {
  const fs::path dir = folder_with_minimal("variants");
  std::ofstream(dir / "same.yaml") << "base: minimal.yaml\nname: minimal-same\n"
                                      "zones: [{name: region, headroom: 50 MW, reapply_after: 2 months,\n"
                                      "  assessment_pass_probability: 0.7,\n"
                                      "  assessment_time: {lognormal: {median: 3 months, p90: 6 months}}}]\n";
  std::ofstream(dir / "sooner.yaml")
      << "base: minimal.yaml\nname: minimal-sooner\n"
         "logistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n";
  return dir;
}

TEST(Variants, EveryVariantPointAndReplicationRunsWithTheSameSeeds) {
  const fs::path dir = variant_folder();
  const Swept s = run_sweep(
      "variants: [minimal.yaml, same.yaml, sooner.yaml]\nreplications: 4\n"
      "parameters:\n  - {key: operations.spare_fraction, values: [0.01, 0.05]}\n",
      dir);
  ASSERT_EQ(s.plan.variants.size(), 3u);
  EXPECT_EQ(s.plan.variants[1].name, "minimal-same");
  ASSERT_EQ(s.runs.size(), 3u * 2u * 4u);  // variants x points x replications, variant slowest
  const sw::Design d = sw::sweep_design(s.plan);
  EXPECT_EQ(d.points, 6u);
  EXPECT_EQ(d.variant_of(5), 2u);
  EXPECT_EQ(d.design_point_of(5), 1u);
  EXPECT_EQ(sw::make_input(s.plan, d, 5 * 4 + 3).variant, 2u);
  int sooner_differs = 0;
  for (std::size_t p = 0; p < 2; ++p) {
    for (std::size_t r = 0; r < 4; ++r) {
      const auto& base = s.runs[(0 * 2 + p) * 4 + r].indicators;
      // A variant that changes nothing the run uses gives the base's runs exactly: same seeds.
      EXPECT_TRUE(same_bits(base, s.runs[(1 * 2 + p) * 4 + r].indicators)) << "point " << p << " rep " << r;
      sooner_differs += !same_bits(base, s.runs[(2 * 2 + p) * 4 + r].indicators);
    }
  }
  EXPECT_GT(sooner_differs, 0);
  fs::remove_all(dir);
}

// A variant with a second site (korea-2026 adds sites to korea-2025): per-site indicators are over
// every variant's sites; the base's runs have 0 idle GPU-days at the site they lack, the variant's
// the run file's values.
TEST(Variants, PerSiteIndicatorsAreOverEveryVariantsSites) {
  const fs::path dir = variant_folder();
  std::ofstream(dir / "annex.yaml")
      << "base: minimal.yaml\nname: minimal-annex\n"
         "sites:\n"
         "  - name: annex\n"
         "    zone: region\n"
         "    land: 0.5 ha\n"
         "    install_crews: 1\n"
         "    units_per_crew_day: 2\n"
         "    burn_in: 14 days\n"
         "    halls:\n"
         "      - {name: hall1, it_capacity: 2.5 MW, racks: 20, cooling: air, pue: 1.25, land: 0.1 ha, "
         "start: "
         "planned, planned_start: 2026-01-01, construction: small-hall}\n"
         "    connections:\n"
         "      - {capacity: 3 MW, applied: 2026-01-01, lead_time: 6 months}\n"
         "    generation: []\n"
         "orders:\n"
         "  - {name: order2, buyer: lab, product: hgx-b200, site: annex, installed_at_start: 0, "
         "schedule: [{date: 2026-03-01, units: 16}]}\n";
  const Swept s = run_sweep("variants: [minimal.yaml, annex.yaml]\nreplications: 2\n", dir);
  const auto col = [&](const std::string& name) {
    const auto it = std::find(s.indicators.begin(), s.indicators.end(), name);
    EXPECT_NE(it, s.indicators.end()) << name;
    return static_cast<std::size_t>(it - s.indicators.begin());
  };
  ASSERT_EQ(s.runs.size(), 4u);
  const models::LoadResult annex = models::load_scenario(dir / "annex.yaml");
  ASSERT_TRUE(annex.ok()) << annex.errors.front();
  const std::vector<std::string> reasons = {"held",          "waiting_construction", "waiting_land",
                                            "waiting_power", "waiting_crew",         "in_repair"};
  double annex_idle = 0;
  for (std::size_t r = 0; r < 2; ++r) {
    sim::MemorySink sink;
    models::rollout::RunOptions options;
    options.seed = sw::make_input(s.plan, sw::sweep_design(s.plan), 2 + r).seed;
    options.sink = &sink;
    models::rollout::run_rollout(*annex.scenario, options);
    const auto* idle = sink.find_static("gpu_days_idle");
    ASSERT_NE(idle, nullptr);
    for (std::size_t k = 0; k < reasons.size(); ++k) {
      SCOPED_TRACE(reasons[k]);
      EXPECT_EQ(s.runs[r].indicators[col("gpu_days_idle_annex_" + reasons[k])], 0.0);  // the base lacks it
      // site (position 0) and annex (position 1) in the variant's run file, both in the sweep.
      EXPECT_EQ(s.runs[2 + r].indicators[col("gpu_days_idle_site_" + reasons[k])], idle->values.at(k));
      EXPECT_EQ(s.runs[2 + r].indicators[col("gpu_days_idle_annex_" + reasons[k])], idle->values.at(6 + k));
      annex_idle += idle->values.at(6 + k);
    }
  }
  EXPECT_GT(annex_idle, 0);  // the test would pass trivially otherwise
  fs::remove_all(dir);
}

TEST(Variants, FileErrorsNameTheVariant) {
  const fs::path dir = variant_folder();
  const auto errors = [&](const std::string& text) {
    const auto loaded = models::sweep::load_sweep_text(text, "t.sweep.yaml", dir);
    return loaded.errors.empty() ? std::string() : loaded.errors.front();
  };
  EXPECT_EQ(errors("variants: [minimal.yaml, missing.yaml]\n"),
            "t.sweep.yaml:1:26: variants[1]: no such scenario file: 'missing.yaml'");
  EXPECT_EQ(errors("variants: [minimal.yaml, minimal.yaml]\n"),
            "t.sweep.yaml:1:26: variants[1]: expected variants with different scenario names (the variant "
            "coordinate), found 'minimal' twice");
  EXPECT_EQ(errors("base: minimal.yaml\nvariants: [minimal.yaml]\n"),
            "t.sweep.yaml:1:7: base: expected either base (one scenario) or variants (several, the first the "
            "reference), found both");
  EXPECT_NE(errors("variants: [minimal.yaml, same.yaml]\ndesign: {type: sobol, samples: 4}\n"
                   "parameters:\n  - {key: operations.spare_fraction, range: [0.01, 0.05]}\n")
                .find("expected an explicit, grid or lhs design with variants"),
            std::string::npos);
  fs::remove_all(dir);
}

// `indicators`: a sweep keeps the indicators it names (an entry's name keeps all its components, a
// target's name all of its indicators), with the values of a sweep that keeps them all; when none
// of them depends on GPU failures, the runs skip the failure process (root attribute
// failure_process) and still give those values exactly.
fs::path targets_folder() {
  const fs::path dir = folder_with_minimal("indicators");
  std::ofstream(dir / "targets.yaml") << "base: minimal.yaml\nname: minimal-targets\n"
                                         "targets:\n"
                                         "  - {name: half-served, quantity: gpus_entered_service, "
                                         "comparison: at_least, threshold: 64, date: 2027-06-30}\n"
                                         "  - {name: half-working, quantity: gpus_operational, comparison: "
                                         "at_least, threshold: 64, date: 2027-06-30}\n";
  return dir;
}

std::string attribute(const sw::ModelOutputs& o, const std::string& name) {
  for (const auto& [key, value] : o.attributes) {
    if (key == name) return value;
  }
  return "(none)";
}

struct Selected {
  std::vector<std::string> names;
  std::string failure_process;
  std::vector<sw::RunResult> runs;
};

Selected run_selected(const std::string& text, const fs::path& folder) {
  models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(text, "t.sweep.yaml", folder);
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front());
  if (!loaded.ok()) return {};
  const sw::Design design = sw::sweep_design(loaded.sweep->plan);
  const auto model = models::sweep::make_model(*loaded.sweep, design);
  Selected out;
  for (const auto& q : model->outputs().indicators) out.names.push_back(q.name);
  out.failure_process = attribute(model->outputs(), "failure_process");
  EXPECT_EQ(model->outputs().censored_values.size(), out.names.size());
  for (std::uint64_t r = 0; r < sw::run_count(loaded.sweep->plan, design); ++r) {
    out.runs.push_back(model->run(sw::make_input(loaded.sweep->plan, design, r)));
    EXPECT_EQ(out.runs.back().indicators.size(), out.names.size());
  }
  return out;
}

// Run r's value of `name` in a sweep.
double value_of(const Selected& s, std::size_t r, const std::string& name) {
  const auto at = std::find(s.names.begin(), s.names.end(), name);
  if (at == s.names.end()) throw std::runtime_error("no indicator " + name);
  return s.runs.at(r).indicators.at(static_cast<std::size_t>(at - s.names.begin()));
}

TEST(Variants, OneFailureProcessForEveryVariant) {
  // Daily counts and per-GPU failures are other draws: variants that differ in the process are
  // refused before any run, and a sweep of per-GPU variants says how it simulated failures.
  const fs::path dir = variant_folder();
  std::ofstream(dir / "per-gpu.yaml") << "base: minimal.yaml\nname: minimal-per-gpu\n"
                                         "operations: {failure_process: per_gpu}\n";
  std::ofstream(dir / "per-gpu-sooner.yaml") << "base: sooner.yaml\nname: minimal-per-gpu-sooner\n"
                                                "operations: {failure_process: per_gpu}\n";
  const auto model_of = [&](const std::string& text) {
    models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(text, "t.sweep.yaml", dir);
    EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front());
    return models::sweep::make_model(*loaded.sweep, sw::sweep_design(loaded.sweep->plan));
  };
  try {
    model_of("variants: [minimal.yaml, per-gpu.yaml]\n");
    ADD_FAILURE() << "variants with two failure processes were accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "variant minimal-per-gpu simulates failures per GPU (operations.failure_process: per_gpu) "
              "and minimal as daily counts (operations.failure_process: daily); paired comparisons need "
              "one failure process: set operations.failure_process the same in every variant");
  }
  const auto per_gpu = model_of("variants: [per-gpu.yaml, per-gpu-sooner.yaml]\n");
  EXPECT_EQ(attribute(per_gpu->outputs(), "failure_process"),
            "simulated per GPU (operations.failure_process: per_gpu)");
  fs::remove_all(dir);
}

TEST(KeptIndicators, AFailureFreeSelectionSkipsFailuresAndKeepsTheValues) {
  const fs::path dir = targets_folder();
  const std::string base = "base: targets.yaml\nreplications: 4\n";
  const Selected all = run_selected(base, dir);
  EXPECT_EQ(all.failure_process, "simulated as daily counts (operations.failure_process: daily)");
  const Selected some =
      run_selected(base + "indicators: [date_operational_90pct, gpu_days_national, half-served]\n", dir);
  // gpu_days_national_operational depends on failures
  EXPECT_EQ(some.failure_process, "simulated as daily counts (operations.failure_process: daily)");
  const Selected free = run_selected(
      base + "indicators: [date_operational_90pct, gpu_days_national_waiting_power, half-served]\n", dir);
  EXPECT_EQ(free.failure_process.rfind("not simulated", 0), 0u) << free.failure_process;
  EXPECT_EQ(free.names,
            (std::vector<std::string>{"date_operational_90pct", "gpu_days_national_waiting_power",
                                      "target_met_half-served", "target_first_met_half-served",
                                      "target_value_half-served", "target_shortfall_half-served"}));
  EXPECT_NE(std::find(some.names.begin(), some.names.end(), "gpu_days_national_in_repair"), some.names.end());
  ASSERT_EQ(free.runs.size(), all.runs.size());
  int served = 0;
  for (std::size_t r = 0; r < all.runs.size(); ++r) {
    for (const std::string& name : free.names) {
      const double a = value_of(all, r, name), b = value_of(free, r, name);
      EXPECT_EQ(std::memcmp(&a, &b, sizeof a), 0) << name << " run " << r << ": " << a << " against " << b;
    }
    served += value_of(free, r, "target_met_half-served") == 1;
  }
  EXPECT_GT(served, 0);  // the target's values are not trivially equal
  fs::remove_all(dir);
}

TEST(KeptIndicators, ATargetOnOperationalGpusKeepsTheFailureProcess) {
  const fs::path dir = targets_folder();
  const Selected s =
      run_selected("base: targets.yaml\nindicators: [date_operational_90pct, half-working]\n", dir);
  EXPECT_EQ(s.failure_process, "simulated as daily counts (operations.failure_process: daily)");
  fs::remove_all(dir);
}

TEST(KeptIndicators, AnUnknownNameIsRefusedWithItsLocation) {
  const fs::path dir = targets_folder();
  models::sweep::SweepLoad loaded = models::sweep::load_sweep_text(
      "base: targets.yaml\nindicators:\n  - date_operational_90pct\n  - date_operational_95pct\n",
      "t.sweep.yaml", dir);
  ASSERT_TRUE(loaded.ok());
  const sw::Design design = sw::sweep_design(loaded.sweep->plan);
  try {
    (void)models::sweep::make_model(*loaded.sweep, design);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "t.sweep.yaml:4:5: indicators[1]: expected the name of one of this sweep's indicators "
              "(docs/output-reference.md), of an output entry or of a target or observation of its scenario, "
              "found 'date_operational_95pct'; did you mean 'date_operational_90pct'?");
  }
  const auto errors = [&](const std::string& text) {
    const auto l = models::sweep::load_sweep_text(text, "t.sweep.yaml", dir);
    return l.errors.empty() ? std::string() : l.errors.front();
  };
  EXPECT_EQ(
      errors("base: targets.yaml\nindicators: [energy_total_twh, energy_total_twh]\n"),
      "t.sweep.yaml:2:32: indicators[1]: expected each name once, found 'energy_total_twh' again (first "
      "at index 0)");
  EXPECT_EQ(errors("base: targets.yaml\nindicators: []\n"),
            "t.sweep.yaml:2:13: indicators: expected at least 1 name, found 0");
  EXPECT_EQ(errors("model: ishigami\nindicators: [y]\n"),
            "t.sweep.yaml:2:13: indicators: expected no `indicators` for the ishigami model (it has one "
            "indicator, y), found a list; they select the rollout's");
  fs::remove_all(dir);
}

}  // namespace
