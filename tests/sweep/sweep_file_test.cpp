// Sweep files read through their RecordSchema table (models/sweep/sweep_schema.cpp): the plan a
// valid file gives, every problem reported as FILE:LINE:COLUMN: KEY.PATH: expected, found by the
// scenario files' reader, and docs/sweep-reference.md generated from the table.
#include "models/sweep/sweep_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/sweep/sweep_schema.h"

namespace {

namespace fs = std::filesystem;
namespace sw = sim::sweep;

const fs::path kExamples = fs::path(SOVSIM_SOURCE_DIR) / "scenarios" / "examples";

models::sweep::SweepLoad load(const std::string& text) {
  return models::sweep::load_sweep_text(text, "t.sweep.yaml", kExamples);
}

std::vector<std::string> errors(const std::string& text) { return load(text).errors; }

std::string first_error(const std::string& text) {
  const std::vector<std::string> e = errors(text);
  return e.empty() ? std::string("(no error)") : e.front();
}

TEST(SweepFile, ValidFileGivesThePlanWithTheTablesDefaults) {
  const auto loaded = load(
      "model: ishigami\n"
      "design: {type: sobol, samples: 8}\n"
      "parameters:\n"
      "  - {key: x1, range: [-3.14, 3.14]}\n"
      "  - {key: x2, distribution: {type: triangular, low: 1 MW, mode: 2 MW, high: 4 MW}}\n"
      "  - {key: x3, values: [1 days, 2 days, 3 days]}\n");
  ASSERT_TRUE(loaded.ok()) << first_error("");
  const sw::Plan& plan = loaded.sweep->plan;
  EXPECT_EQ(plan.model, "ishigami");
  EXPECT_EQ(plan.master_seed, 0u);
  EXPECT_EQ(plan.replications, 1u);
  EXPECT_EQ(plan.bootstrap, 1000u);
  EXPECT_DOUBLE_EQ(plan.confidence, 0.95);
  EXPECT_EQ(plan.keep, sw::Keep::Headline);
  EXPECT_EQ(plan.random_numbers, sw::RandomNumbers::Common);
  EXPECT_EQ(plan.design.kind, sw::DesignKind::Sobol);
  EXPECT_EQ(plan.design.samples, 8u);
  ASSERT_EQ(plan.parameters.size(), 3u);
  EXPECT_EQ(plan.parameters[0].units, "1");
  EXPECT_EQ(plan.parameters[0].marginal.kind, sw::Marginal::Kind::Uniform);
  EXPECT_DOUBLE_EQ(plan.parameters[0].marginal.a, -3.14);
  EXPECT_EQ(plan.parameters[1].units, "MW");
  EXPECT_EQ(plan.parameters[1].marginal.kind, sw::Marginal::Kind::Triangular);
  EXPECT_DOUBLE_EQ(plan.parameters[1].marginal.b, 2);
  EXPECT_EQ(plan.parameters[2].units, "days");
  EXPECT_EQ(plan.parameters[2].marginal.values, (std::vector<double>{1, 2, 3}));
}

TEST(SweepFile, ExplicitPointsTakeTheirUnitsAndEveryParameter) {
  const auto loaded = load(
      "base: minimal.yaml\n"
      "design:\n"
      "  type: explicit\n"
      "  points:\n"
      "    - {zones.region.headroom: 10 MW, operations.spare_fraction: 0.02}\n"
      "    - {zones.region.headroom: 20 MW, operations.spare_fraction: 0.04}\n"
      "parameters:\n"
      "  - {key: zones.region.headroom}\n"
      "  - {key: operations.spare_fraction}\n");
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front());
  const sw::Plan& plan = loaded.sweep->plan;
  EXPECT_EQ(plan.parameters[0].units, "MW");
  EXPECT_EQ(plan.parameters[1].units, "1");
  EXPECT_EQ(plan.design.points, (std::vector<std::vector<double>>{{10, 0.02}, {20, 0.04}}));
}

// Each case: a sweep file and the first message it must give (the reader's wording, with the
// file, line, column and key path of the value at fault).
struct BadCase {
  const char* text;
  const char* message;
};

class BadSweepFile : public testing::TestWithParam<BadCase> {};

TEST_P(BadSweepFile, NamesLineKeyExpectedAndFound) {
  EXPECT_EQ(first_error(GetParam().text), GetParam().message);
}

const BadCase kBadCases[] = {
    {"model: ishigami\nreplication: 4\n",
     "t.sweep.yaml:2:1: replication: unknown key; did you mean 'replications'?"},
    {"model: isigami\n",
     "t.sweep.yaml:1:8: model: expected rollout (the GPU rollout on a scenario) or ishigami (the built-in "
     "test "
     "function), found 'isigami'; did you mean 'ishigami'?"},
    {"model: ishigami\nreplications: 0\n",
     "t.sweep.yaml:2:15: replications: expected an integer in [1, 1000000], found '0'"},
    {"model: ishigami\nseed: -1\n",
     "t.sweep.yaml:2:7: seed: expected an integer in [0, 9007199254740992], found '-1'"},
    {"model: ishigami\nconfidence: 1\n",
     "t.sweep.yaml:2:13: confidence: expected a number in (0, 1), found '1'"},
    {"model: ishigami\nkeep: everything\n",
     "t.sweep.yaml:2:7: keep: expected headline (the indicators of every run), bands (also quantile bands of "
     "the series per point) or series (also every run's series), found 'everything'"},
    {"model: ishigami\nseries_interval: 0 days\n",
     "t.sweep.yaml:2:18: series_interval: expected a duration > 0 days, found '0 days'"},
    {"model: ishigami\ndesign: {type: sobool, samples: 4}\n",
     "t.sweep.yaml:2:16: design.type: expected explicit (points as chosen), grid (points as chosen), lhs "
     "(sampled points), sobol (sampled points) or morris (sampled points), found 'sobool'; did you mean "
     "'sobol'?"},
    {"model: ishigami\ndesign: {samples: 4}\n",
     "t.sweep.yaml:2:9: design.type: required key is missing; expected one of explicit, grid, lhs, sobol, "
     "morris"},
    {"model: ishigami\ndesign: {type: sobol}\nparameters: [{key: x1, range: [0, 1]}]\n",
     "t.sweep.yaml:2:9: design.samples: required key is missing (a sobol design needs it)"},
    {"model: ishigami\ndesign: {type: morris}\nparameters: [{key: x1, range: [0, 1]}]\n",
     "t.sweep.yaml:2:9: design.trajectories: required key is missing (a morris design needs it)"},
    {"model: ishigami\nparameters:\n  - {key: x1, range: [0, 1, 2], steps: 2}\n",
     "t.sweep.yaml:3:22: parameters[0].range: expected a list of exactly 2 values, found 3 values"},
    {"model: ishigami\nparameters:\n  - {key: x1, range: [2, 1], steps: 3}\n",
     "t.sweep.yaml:3:22: parameters[0].range: expected low < high, found low '2', high '1'"},
    {"model: ishigami\nparameters:\n  - {key: x1, values: [1 MW, 2 kW]}\n",
     "t.sweep.yaml:3:30: parameters[0].values[1]: expected the unit 'MW' (a parameter's values share one "
     "unit), found '2 kW'"},
    {"model: ishigami\nparameters:\n  - {key: x1, values: [1 mw]}\n",
     "t.sweep.yaml:3:24: parameters[0].values[0]: expected a finite number, optionally with a unit (e.g. 40 "
     "MW), found '1 mw' (unknown unit 'mw'; did you mean 'MW'?)"},
    {"model: ishigami\nparameters:\n  - {key: x1, values: [1 meg]}\n",
     "t.sweep.yaml:3:24: parameters[0].values[0]: expected a finite number, optionally with a unit (e.g. 40 "
     "MW), found '1 meg' (unknown unit 'meg'; docs/scenario-reference.md lists the units)"},
    {"model: ishigami\nparameters:\n  - {key: x1, values: []}\n",
     "t.sweep.yaml:3:23: parameters[0].values: expected at least 1 value, found 0"},
    {"model: ishigami\nparameters:\n  - {key: x1, distribution: {low: 0, high: 1}, steps: 2}\n",
     "t.sweep.yaml:3:29: parameters[0].distribution.type: required key is missing; expected uniform, "
     "loguniform, normal, triangular"},
    {"model: ishigami\nparameters:\n  - {key: x1, distribution: {type: normal, mean: 0, sd: 0}, steps: 2}\n",
     "t.sweep.yaml:3:57: parameters[0].distribution.sd: expected sd > 0, found '0'"},
    {"model: ishigami\nparameters:\n  - {key: x1, distribution: {type: normal, sd: 1}, steps: 2}\n",
     "t.sweep.yaml:3:29: parameters[0].distribution.mean: required key is missing (a normal distribution "
     "needs it)"},
    {"model: ishigami\nparameters:\n  - {key: x1, distribution: {type: gamma, mean: 1}, steps: 2}\n",
     "t.sweep.yaml:3:36: parameters[0].distribution.type: expected uniform, loguniform, normal or "
     "triangular, "
     "found 'gamma'"},
    {"model: ishigami\nparameters:\n  - {key: x1, values: [1]}\n  - {key: x1, values: [2]}\n",
     "t.sweep.yaml:4:5: parameters[1]: parameter 'x1' is given twice"},
    {"model: ishigami\nparameters:\n  - {key: x1, values: [1], range: [0, 1]}\n",
     "t.sweep.yaml:3:5: parameters[0]: expected one of values, range or distribution, found several"},
    {"model: ishigami\nparameters:\n  - {key: x1}\n",
     "t.sweep.yaml:3:5: parameters[0]: expected one of values, range or distribution (only an explicit "
     "design "
     "lists values in its points)"},
    {"model: ishigami\nparameters:\n  - {key: x1, range: [0, 1]}\n",
     "t.sweep.yaml:3:5: parameters[0]: a grid needs values, or a range with steps"},
    {"model: ishigami\nparameters:\n  - {values: [1]}\n",
     "t.sweep.yaml:3:5: parameters[0].key: required key is missing"},
    {"base: minimal.yaml\nparameters:\n  - {key: 'sites[x', values: [1]}\n",
     "t.sweep.yaml:3:11: parameters[0].key: expected a key path such as sites[2].halls[0].pue, found "
     "'sites[x'"},
    {"model: ishigami\ndesign: {type: explicit, points: [{x1: 1}, {x1: 2, xl: 3}]}\nparameters: [{key: "
     "x1}]\n",
     "t.sweep.yaml:2:52: design.points[1].xl: unknown key; did you mean 'x1'?"},
    {"model: ishigami\ndesign: {type: explicit, points: [{x1: 1}, 2]}\nparameters: [{key: x1}]\n",
     "t.sweep.yaml:2:44: design.points[1]: expected a map of parameter keys, found '2'"},
    {"model: ishigami\ndesign: {type: explicit, points: [{x1: 1 MW}, {x1: 2}]}\nparameters: [{key: x1}]\n",
     "t.sweep.yaml:2:52: design.points[1].x1: expected the unit 'MW' (a parameter's values share one unit), "
     "found '2'"},
    {"model: ishigami\ndesign: {type: explicit}\n",
     "t.sweep.yaml:2:9: design.points: required key is missing (an explicit design lists its points)"},
    {"model: ishigami\nbase: minimal.yaml\n",
     "t.sweep.yaml:2:7: base: the ishigami model takes no base scenario"},
    {"title: no scenario\n",
     "t.sweep.yaml:1:1: base: required key is missing (the base scenario file of a rollout sweep, or "
     "variants: "
     "a list of scenario files)"},
    {"base: ../minimal.yaml\n", "t.sweep.yaml:1:7: base: no such scenario file: '../minimal.yaml'"},
    {"variants: [minimal.yaml, ../nowhere/b.yaml]\n",
     "t.sweep.yaml:1:26: variants[1]: no such scenario file: '../nowhere/b.yaml'"},
    {"variants: []\n", "t.sweep.yaml:1:11: variants: expected at least 1 file path, found 0"},
    {"- a list\n",
     "t.sweep.yaml:1:1: expected a map of sweep keys (title, model, base, parameters, design, ...)"},
};
INSTANTIATE_TEST_SUITE_P(Cases, BadSweepFile, testing::ValuesIn(kBadCases));

// A name the file system refuses (a component longer than 255 bytes) is an error naming the key,
// not a crash (found by fuzz_sweep).
TEST(SweepFile, AFileNameTheFileSystemRefusesIsAnError) {
  const std::string base = std::string(300, 'a') + ".yaml";
  const models::sweep::SweepLoad one =
      models::sweep::load_sweep_text("base: " + base + "\n", "t.sweep.yaml", kExamples);
  ASSERT_EQ(one.errors.size(), 1U);
  EXPECT_EQ(one.errors[0], "t.sweep.yaml:1:7: base: expected a scenario file, found '" +
                               std::string(60, 'a') + "...' (File name too long)");
  const models::sweep::SweepLoad several = models::sweep::load_sweep_text(
      "variants: [minimal.yaml, " + std::string(300, 'b') + ".yaml]\n", "t.sweep.yaml", kExamples);
  ASSERT_EQ(several.errors.size(), 1U);
  EXPECT_EQ(several.errors[0], "t.sweep.yaml:1:26: variants[1]: expected a scenario file, found '" +
                                   std::string(60, 'b') + "...' (File name too long)");
}

// A user's study in a folder of its own names the shipped scenarios: relative with '..' or
// absolute, as a scenario's base: may.
TEST(SweepFile, BaseAndVariantsMayLieOutsideTheSweepFilesFolder) {
  const fs::path study = kExamples / "my-study";  // need not exist: only paths are resolved
  const models::sweep::SweepLoad relative =
      models::sweep::load_sweep_text("base: ../minimal.yaml\n", "t.sweep.yaml", study);
  ASSERT_TRUE(relative.ok()) << relative.errors.front();
  EXPECT_EQ(*relative.sweep->base, kExamples / "minimal.yaml");
  const std::string absolute = (kExamples / "minimal.yaml").string();
  const models::sweep::SweepLoad variants = models::sweep::load_sweep_text(
      "variants: [" + absolute + "]\n", "t.sweep.yaml", fs::temp_directory_path());
  ASSERT_TRUE(variants.ok()) << variants.errors.front();
  EXPECT_EQ(variants.sweep->variant_files.at(0), kExamples / "minimal.yaml");
}

TEST(SweepFile, EveryProblemIsReportedNotJustTheFirst) {
  const std::vector<std::string> e = errors("model: ishigami\nreplications: 0\nbootstrap: -1\nkeep: all\n");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_NE(e[0].find("replications:"), std::string::npos);
  EXPECT_NE(e[1].find("bootstrap:"), std::string::npos);
  EXPECT_NE(e[2].find("keep:"), std::string::npos);
}

TEST(SweepFile, EveryKeyIsDescribed) {
  std::vector<const models::scn::RecordInfo*> todo = {&models::sweep::sweep_schema().info()};
  std::size_t keys = 0;
  while (!todo.empty()) {
    const models::scn::RecordInfo* r = todo.back();
    todo.pop_back();
    EXPECT_FALSE(r->description.empty()) << r->name;
    for (const models::scn::FieldInfo& f : r->fields) {
      ++keys;
      EXPECT_FALSE(f.description.empty()) << r->name << "." << f.key;
      if (f.record != nullptr) todo.push_back(f.record);
    }
  }
  EXPECT_GE(keys, 25u);
}

TEST(SweepFile, ReferenceDocumentIsUpToDate) {
  const fs::path doc = fs::path(SOVSIM_SOURCE_DIR) / "docs" / "sweep-reference.md";
  std::ifstream in(doc, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), models::sweep::sweep_reference_markdown() + "\n")
      << "docs/sweep-reference.md is stale; regenerate it with\n"
         "  build/sovsim describe --sweep-reference > docs/sweep-reference.md";
}

}  // namespace
