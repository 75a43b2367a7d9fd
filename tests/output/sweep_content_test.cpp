// The sweep file's content (output/sweep/content.h, sensitivity_notes.h) on small hand-made plans
// and results, without a model: each function's struct result checked value by value.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "output/sweep/content.h"
#include "output/sweep/sensitivity_notes.h"
#include "sim/sweep/sensitivity.h"

namespace output::sweep {
namespace {

namespace sw = sim::sweep;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Two explicit points of one parameter, 4 replications, one indicator (y = 10 point + replication,
// except run 5 without a value) and one series of two samples.
Context small_context(sw::Keep keep = sw::Keep::Series) {
  Context c;
  c.plan.title = "content test";
  c.plan.model = "hand-made";
  c.plan.master_seed = 7;
  c.plan.replications = 4;
  sw::Parameter a;
  a.name = "a";
  a.units = "MW";
  c.plan.parameters.push_back(a);
  c.plan.design = {.kind = sw::DesignKind::Explicit, .points = {{1.5}, {2.5}}};
  c.plan.keep = keep;
  c.design = sw::sweep_design(c.plan);
  c.outputs.indicators.push_back({.name = "y", .units = "1", .long_name = "the indicator"});
  c.outputs.series.push_back({.name = "s", .units = "MW", .long_name = "the series"});
  c.outputs.times = {0.0, 30.0};
  c.outputs.time_units = "days since 2026-01-01";
  c.hash = sw::plan_hash(c.plan);
  c.provenance.emplace_back("sweep_plan", sw::serialize(c.plan));
  c.provenance.emplace_back("sweep_hash", c.hash);
  c.provenance.emplace_back("indicators", std::string("y"));
  c.provenance.emplace_back("series", std::string("s"));
  return c;
}

Results small_results() {
  Results r;
  for (std::uint64_t run = 0; run < 8; ++run) {
    const double y = run == 5 ? kNaN : 10.0 * static_cast<double>(run / 4) + static_cast<double>(run % 4);
    r[run] = {.indicators = {y}, .series = {static_cast<double>(run), 2.0 * static_cast<double>(run)}};
  }
  return r;
}

const SweepVariable& variable(const SweepFileContent& f, std::string_view name) {
  const SweepVariable* v = f.variable(name);
  if (!v) throw std::runtime_error("no variable " + std::string(name));
  return *v;
}

TEST(SweepContent, FinalContentHoldsEveryRunWithItsPointSeedAndPointStatistics) {
  const Context c = small_context();
  const SweepFileContent f = final_content(c, small_results());
  ASSERT_NE(f.dimension("run"), nullptr);
  EXPECT_EQ(f.dimension("run")->size(), 8u);
  EXPECT_EQ(f.dimension("point")->size(), 2u);
  EXPECT_EQ(variable(f, "run_point").ints, (std::vector<std::int64_t>{0, 0, 0, 0, 1, 1, 1, 1}));
  for (std::uint64_t run = 0; run < 8; ++run)
    EXPECT_EQ(variable(f, "seed").ints[run],
              static_cast<std::int64_t>(sw::seed_of_run(c.plan, run / 4, run % 4)));
  EXPECT_EQ(variable(f, "parameter_value").values,
            (std::vector<double>{1.5, 1.5, 1.5, 1.5, 2.5, 2.5, 2.5, 2.5}));
  EXPECT_EQ(variable(f, "parameter_units").texts, (std::vector<std::string>{"MW"}));
  EXPECT_EQ(variable(f, "y").values[3], 3.0);
  EXPECT_TRUE(std::isnan(variable(f, "y").values[5]));
  // Point 0: mean of 0..3; point 1: 10, 12, 13 over the runs with a value, one censored.
  const std::vector<double>& mean = variable(f, "y_mean").values;
  ASSERT_EQ(mean.size(), 2u);
  EXPECT_DOUBLE_EQ(mean[0], 1.5);
  EXPECT_DOUBLE_EQ(mean[1], 35.0 / 3.0);
  EXPECT_EQ(variable(f, "censored_runs").ints, (std::vector<std::int64_t>{0, 1}));
  // Series bands: the mean of point 0's first sample is the mean of runs 0..3.
  EXPECT_DOUBLE_EQ(variable(f, "s_mean").values[0], 1.5);
  EXPECT_EQ(variable(f, "s").values.size(), 16u);  // keep: series
  EXPECT_EQ(f.variable("sobol_first"), nullptr);   // no sensitivity without a Sobol' design
}

TEST(SweepContent, FinalContentRefusesAMissingRun) {
  Results r = small_results();
  r.erase(6);
  EXPECT_THROW(final_content(small_context(), r), std::logic_error);
}

TEST(SweepContent, PartFilesGiveBackTheirContextAndRunsAndMergeToTheSameFile) {
  const Context c = small_context();
  const Results all = small_results();
  Results merged;
  for (std::uint64_t shard = 0; shard < 3; ++shard) {
    SweepFileContent part = part_content(c, all, shard, 3);
    const Context back = context_from_part(part);
    EXPECT_EQ(back.hash, c.hash);
    EXPECT_EQ(back.outputs.indicators.size(), 1u);
    EXPECT_EQ(back.outputs.series.size(), 1u);
    EXPECT_EQ(back.outputs.times, c.outputs.times);
    for (auto& [run, result] : results_from_part(back, part)) {
      EXPECT_EQ(run % 3, shard);
      EXPECT_EQ(result.series, all.at(run).series);
      merged.emplace(run, std::move(result));
    }
  }
  ASSERT_EQ(merged.size(), all.size());
  const SweepFileContent direct = final_content(c, all), from_parts = final_content(c, merged);
  ASSERT_EQ(direct.variables.size(), from_parts.variables.size());
  for (std::size_t i = 0; i < direct.variables.size(); ++i) {
    SCOPED_TRACE(direct.variables[i].name);
    const auto& a = direct.variables[i].values;
    const auto& b = from_parts.variables[i].values;
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k)
      EXPECT_TRUE(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])));
    EXPECT_EQ(direct.variables[i].ints, from_parts.variables[i].ints);
  }
}

TEST(SweepContent, AFinalFileIsNotAPartFile) {
  const Context c = small_context();
  try {
    context_from_part(final_content(c, small_results()));
    FAIL() << "a file without sweep_shard was taken for a part file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not a sovsim sweep part file"), std::string::npos) << e.what();
  }
}

// A Sobol' file's sensitivity variables written by hand: two indicators over two parameters.
SweepFileContent sobol_notes_file() {
  SweepFileContent f;
  f.dimensions.push_back({.name = "indicator", .labels = {"date", "energy"}});
  f.dimensions.push_back({.name = "parameter", .labels = {"x1", "x2"}});
  using Type = SweepVariable::Type;
  f.variables.push_back({.name = "sensitivity_note",
                         .dims = {"indicator"},
                         .type = Type::Text,
                         .texts = {"computed: every run had a value", "withheld: no run has a value"}});
  f.variables.push_back({.name = "sensitivity_status",
                         .dims = {"indicator"},
                         .type = Type::Text,
                         .texts = {"computed", "withheld_no_values"}});
  f.variables.push_back({.name = "noise_share", .dims = {"indicator"}, .values = {0.5, kNaN}});
  f.variables.push_back({.name = "sobol_first_flag",
                         .dims = {"indicator", "parameter"},
                         .type = Type::Int64,
                         .ints = {0, 1, 0, 0}});
  f.variables.push_back({.name = "sobol_total_flag",
                         .dims = {"indicator", "parameter"},
                         .type = Type::Int64,
                         .ints = {0, 0, 0, 0}});
  f.variables.push_back({.name = "sobol_samples_needed", .dims = {"indicator"}, .values = {4096, kNaN}});
  return f;
}

TEST(SensitivityNotes, NoiseWarningUntrustedIndicesAndTheSampleSizeNeeded) {
  const std::optional<SensitivityNotes> notes = sensitivity_notes(sobol_notes_file());
  ASSERT_TRUE(notes.has_value());
  EXPECT_EQ(notes->design, "sobol");
  ASSERT_EQ(notes->indicators.size(), 2u);
  const IndicatorSensitivityNote& date = notes->indicators[0];
  EXPECT_EQ(date.status, "computed");
  ASSERT_TRUE(date.noise_share.has_value());
  EXPECT_EQ(*date.noise_share, 0.5);
  EXPECT_TRUE(date.noise_warning);  // 0.5 > kLargeNoiseShare
  EXPECT_EQ(date.untrusted, (std::vector<std::string>{"S1 x2"}));
  ASSERT_TRUE(date.needed.has_value());
  EXPECT_EQ(*date.needed, 4096);
  EXPECT_EQ(date.needed_of, "base samples");
  EXPECT_NE(date.untrusted_text.find("N = 4096 base samples"), std::string::npos) << date.untrusted_text;
  // Withheld: no noise share, nothing untrusted, and a reason for its empty cells.
  const IndicatorSensitivityNote& energy = notes->indicators[1];
  EXPECT_FALSE(energy.noise_share.has_value());
  EXPECT_TRUE(energy.noise_text.empty());
  EXPECT_TRUE(energy.untrusted.empty());
  EXPECT_EQ(notes->noisy, 1u);
  EXPECT_EQ(notes->untrusted, 1u);
  EXPECT_EQ(notes->overall, "1 indicator(s) with a large noise share, 1 with indices not to be trusted");
  EXPECT_EQ(withheld_reason(*notes, "energy"), "withheld: runs without a value");
  EXPECT_EQ(withheld_reason(*notes, "date"), "");
}

TEST(SensitivityNotes, AFileWithoutSensitivityHasNone) {
  SweepFileContent f = sobol_notes_file();
  std::erase_if(f.variables, [](const SweepVariable& v) { return v.name == "sensitivity_note"; });
  EXPECT_FALSE(sensitivity_notes(f).has_value());
  EXPECT_FALSE(sensitivity_notes(final_content(small_context(), small_results())).has_value());
}

}  // namespace
}  // namespace output::sweep
