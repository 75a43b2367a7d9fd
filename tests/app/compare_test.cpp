// sovsim compare, called in-process: it equals the sweep file with the same `variants:`, gives the
// same file for any --jobs and for shards merged, holds the paired comparison (a variant that
// changes nothing the run uses differs by exactly 0 everywhere; one with faster transit has fewer
// GPU-days in transit in every replication), prints it, and refuses bad input with exit 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/cli.h"
#include "output/attributes.h"
#include "output/sweep_writer.h"
#include "tests/app/run_cli.h"

namespace sovsim::cli {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// A folder with the minimal example, a variant that changes nothing a run uses and one with faster
// transit (fewer GPU-days in transit, the same deliveries otherwise).
class Compare : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sovsim-compare-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "variants");
    fs::copy_file(fs::path(SOVSIM_SOURCE_DIR) / "scenarios/examples/minimal.yaml", dir_ / "minimal.yaml");
    std::ofstream(dir_ / "variants/same.yaml") << "base: ../minimal.yaml\nname: minimal-same\n";
    std::ofstream(dir_ / "variants/sooner.yaml")
        << "base: ../minimal.yaml\nname: minimal-sooner\n"
           "logistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string at(const std::string& name) const { return (dir_ / name).string(); }
  Result compare(std::vector<std::string> extra, const std::string& out) const {
    Args a = {"compare",
              at("minimal.yaml"),
              at("variants/sooner.yaml"),
              at("variants/same.yaml"),
              "--replications",
              "6",
              "-q",
              "-o",
              at(out)};
    a.insert(a.end(), extra.begin(), extra.end());
    return sovsim(a);
  }
  fs::path dir_;
};

bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Every dimension and variable bit for bit; root attributes too unless `variables_only`.
void expect_same_file(const fs::path& a, const fs::path& b, bool variables_only) {
  const output::SweepFileContent x = output::read_sweep_file(a), y = output::read_sweep_file(b);
  ASSERT_EQ(x.variables.size(), y.variables.size());
  for (std::size_t i = 0; i < x.variables.size(); ++i) {
    const auto &u = x.variables[i], &v = y.variables[i];
    SCOPED_TRACE(u.name);
    EXPECT_EQ(u.name, v.name);
    EXPECT_EQ(u.dims, v.dims);
    EXPECT_TRUE(same_values(u.values, v.values));
    EXPECT_EQ(u.ints, v.ints);
    EXPECT_EQ(u.texts, v.texts);
    EXPECT_EQ(u.attributes, v.attributes);
  }
  ASSERT_EQ(x.dimensions.size(), y.dimensions.size());
  for (std::size_t i = 0; i < x.dimensions.size(); ++i) {
    EXPECT_EQ(x.dimensions[i].name, y.dimensions[i].name);
    EXPECT_EQ(x.dimensions[i].labels, y.dimensions[i].labels);
    EXPECT_TRUE(same_values(x.dimensions[i].values, y.dimensions[i].values));
  }
  if (!variables_only) {
    EXPECT_EQ(x.attributes, y.attributes);
  }
}

const output::SweepVariable& variable(const output::SweepFileContent& f, const std::string& name) {
  const output::SweepVariable* v = f.variable(name);
  if (!v) throw std::runtime_error("no variable " + name);
  return *v;
}

TEST_F(Compare, HoldsThePairedComparisonAndPrintsIt) {
  const Result r = compare({}, "c.h5");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("minimal-sooner (variants/sooner.yaml) against minimal"));
  EXPECT_THAT(r.out, HasSubstr("gpu_days_national_in_transit"));
  const output::SweepFileContent f = output::read_sweep_file(at("c.h5"));
  const auto& indicators = f.dimension("indicator")->labels;
  const auto col = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(indicators.begin(), indicators.end(), name) -
                                    indicators.begin());
  };
  const std::size_t m = indicators.size();
  EXPECT_EQ(variable(f, "paired_difference_mean").dims, (std::vector<std::string>{"variant", "indicator"}));
  EXPECT_EQ(f.dimension("variant")->labels,
            (std::vector<std::string>{"minimal", "minimal-sooner", "minimal-same"}));
  const auto& mean = variable(f, "paired_difference_mean").values;
  const auto& equal = variable(f, "paired_share_equal").values;
  const auto& better = variable(f, "paired_share_better").values;
  const auto& valued = variable(f, "paired_valued").values;
  // The variant that changes nothing: 0 difference and equal in every replication, every indicator.
  for (std::size_t i = 0; i < m; ++i) {
    SCOPED_TRACE(indicators[i]);
    EXPECT_EQ(equal[2 * m + i], 1.0);
    if (valued[2 * m + i] > 0) {
      EXPECT_EQ(mean[2 * m + i], 0.0);
    }
  }
  // Faster transit: fewer GPU-days in transit in every replication (no preferred direction for
  // them), so more waiting for construction (lower is better: worse in every replication).
  const std::size_t transit = col("gpu_days_national_in_transit");
  const std::size_t waiting = col("gpu_days_national_waiting_construction");
  ASSERT_LT(transit, m);
  ASSERT_LT(waiting, m);
  EXPECT_LT(mean[m + transit], 0.0);
  EXPECT_TRUE(std::isnan(better[m + transit]));
  EXPECT_EQ(variable(f, "paired_share_worse").values[m + waiting], 1.0);
  EXPECT_EQ(variable(f, "indicator_preferred_direction").texts[waiting], "lower");
  EXPECT_EQ(variable(f, "indicator_preferred_direction").texts[transit], "none");
  EXPECT_EQ(variable(f, "indicator_difference_units").texts[col("date_operational_50pct")], "d");
  // The interval brackets the mean.
  EXPECT_LE(variable(f, "paired_difference_mean_low").values[m + transit], mean[m + transit]);
  EXPECT_GE(variable(f, "paired_difference_mean_high").values[m + transit], mean[m + transit]);

  // Per-buyer indicators and bands, flattened over the scenario's buyers (the minimal example's
  // one buyer, lab), through the output schema.
  EXPECT_LT(col("date_operational_90pct_by_buyer_lab"), m);
  EXPECT_LT(col("gpus_entered_service_at_end_by_buyer_lab"), m);
  ASSERT_NE(f.variable("gpus_operational_by_buyer_lab_quantile"), nullptr);
  EXPECT_EQ(variable(f, "gpus_operational_by_buyer_lab_quantile").dims,
            (std::vector<std::string>{"point", "quantile", "time"}));

  // Idle GPU-days by reason per buyer and per site (one buyer, one site: each equals the national
  // idle state, pair by pair): faster transit means more waiting for construction for buyer lab and
  // at the site, in every replication, by as much as nationally.
  const std::size_t buyer_waiting = col("gpu_days_idle_by_buyer_lab_waiting_construction");
  const std::size_t site_waiting = col("gpu_days_idle_site_waiting_construction");
  ASSERT_LT(buyer_waiting, m);
  ASSERT_LT(site_waiting, m);
  for (const std::size_t k : {buyer_waiting, site_waiting}) {
    SCOPED_TRACE(indicators[k]);
    EXPECT_EQ(variable(f, "paired_share_worse").values[m + k], 1.0);
    EXPECT_NEAR(mean[m + k], mean[m + waiting], 1e-9 * std::fabs(mean[m + waiting]));
    EXPECT_EQ(variable(f, "indicator_preferred_direction").texts[k], "lower");
  }
  // The printed table lists the changed components and counts the unchanged ones per quantity.
  EXPECT_THAT(r.out, HasSubstr("gpu_days_idle_by_buyer_lab_waiting_construction"));
  EXPECT_THAT(r.out, HasSubstr("of the 6 components of gpu_days_idle_by_buyer (not listed above)"));

  // summary prints the same table from the file.
  const Result s = sovsim({"summary", at("c.h5")});
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_THAT(s.out, HasSubstr(r.out));
  // Per point, the idle components that are 0 in every run are counted, not listed.
  EXPECT_THAT(s.out, HasSubstr("components of gpu_days_idle_by_buyer (mean and every quantile 0)"));
  EXPECT_THAT(s.out, HasSubstr("gpu_days_idle_by_buyer_lab_waiting_construction"));
  EXPECT_THAT(s.out, HasSubstr("Design point 1, variant minimal-sooner (6 replications)"));
}

// A target above what its scope's orders give: its P(met) of 0 is structural, and the sweep file,
// compare and summary say so next to it (as `run` does), per variant.
TEST_F(Compare, ATargetAboveWhatTheOrdersGiveSaysItCanNeverBeMet) {
  const std::string target =
      "quantity: gpus_entered_service, comparison: at_least, date: 2027-12-31, source: test-source";
  std::ofstream(dir_ / "over.yaml") << "base: minimal.yaml\nname: t-over\ntargets:\n"
                                       "  - {name: over, threshold: 200, buyer: lab, "
                                    << target << "}\n  - {name: within, threshold: 64, buyer: lab, " << target
                                    << "}\n  - {name: country, threshold: 129, " << target << "}\n";
  std::ofstream(dir_ / "over-b.yaml")
      << "base: over.yaml\nname: t-over-b\n"
         "logistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n";
  const Result r = sovsim(
      {"compare", at("over.yaml"), at("over-b.yaml"), "--replications", "2", "-q", "-o", at("over.h5")});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string buyer =
      "(can never be met under this scenario: its orders give the buyer lab only 128 GPUs)";
  const std::string country =
      "(can never be met under this scenario: its orders give the country only 128 GPUs)";
  EXPECT_THAT(r.out, HasSubstr("0/2 " + buyer + " -> 0.00 [0.00, 0.66] 0/2 " + buyer));
  EXPECT_THAT(r.out, HasSubstr("0/2 " + country));
  const output::SweepFileContent f = output::read_sweep_file(at("over.h5"));
  const auto reason = [&](const std::string& name) {
    const output::SweepVariable* v = f.variable(name);
    EXPECT_NE(v, nullptr) << name;
    if (v == nullptr) return std::string();
    const output::AttributeValue* a = output::find_attribute(v->attributes, "never_met_reason");
    return a == nullptr ? std::string("(none)") : output::attribute_text(*a);
  };
  const std::string line = buyer.substr(1, buyer.size() - 2);
  EXPECT_EQ(reason("target_met_over"), line + "\n" + line);
  EXPECT_EQ(reason("target_met_within"), "(none)");
  const Result s = sovsim({"summary", at("over.h5")});
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_THAT(s.out, HasSubstr("0/2  " + buyer));
  // Only the targets above the orders carry the reason.
  std::istringstream lines(s.out);
  for (std::string l; std::getline(lines, l);) {
    if (l.find("  within ") == 0 || l.find("    within ") == 0) {
      EXPECT_EQ(l.find("never"), std::string::npos) << l;
    }
  }
}

// Variants whose targets and observations differ from the reference's (as korea-2026 against
// korea-2025): each variant's P(met) for the targets it defines; paired differences only for the
// targets both define identically; the others, and the observations only one defines, are named
// with the reason. A variant that derives from the reference through another file gets a note.
TEST_F(Compare, VariantsWithOtherTargetsArePairedOnlyWhereDefinedAlike) {
  const std::string target =
      "quantity: gpus_entered_service, comparison: at_least, date: 2027-12-31, source: test-source";
  std::ofstream(dir_ / "ref.yaml") << "base: minimal.yaml\nname: t-ref\ntargets:\n"
                                      "  - {name: all-128, threshold: 128, "
                                   << target << "}\n  - {name: half, threshold: 64, " << target << "}\n";
  // mid changes transit (so its runs differ); variant, built on mid, moves one threshold, adds a
  // target and an observation.
  std::ofstream(dir_ / "mid.yaml")
      << "base: ref.yaml\nname: t-mid\n"
         "logistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n";
  std::ofstream(dir_ / "variant.yaml")
      << "base: mid.yaml\nname: t-variant\ntargets:\n  - {name: half, threshold: 96, " << target
      << "}\n  - {name: new-one, threshold: 8, " << target
      << "}\nobservations:\n  - {name: seen, quantity: gpus_entered_service, date: 2026-12-31, "
         "comparison: at_most, value: 1000, tolerance: 0, source: test-source}\n";
  const Result r = sovsim({"compare", at("ref.yaml"), at("mid.yaml"), at("variant.yaml"), "--replications",
                           "4", "-q", "-o", at("t.h5")});
  ASSERT_EQ(r.code, 0) << r.err;
  // The note, at the top and in the variant's section; none for mid (its base is the reference).
  const std::string note =
      "variant t-variant derives from mid, not from the base t-ref: its differences include everything mid "
      "changes";
  EXPECT_THAT(r.out, HasSubstr("Note: " + note + ".\n"));
  EXPECT_THAT(r.out, HasSubstr("t-variant (variant.yaml) against t-ref\n  Note: " + note));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("variant t-mid derives")));

  const output::SweepFileContent f = output::read_sweep_file(at("t.h5"));
  const auto& indicators = f.dimension("indicator")->labels;
  const std::size_t m = indicators.size();
  const auto col = [&](const std::string& name) {
    const auto it = std::find(indicators.begin(), indicators.end(), name);
    EXPECT_NE(it, indicators.end()) << name;
    return static_cast<std::size_t>(it - indicators.begin());
  };
  const auto& why = variable(f, "paired_not_compared").texts;
  const auto& mean = variable(f, "paired_difference_mean").values;
  const auto& valued = variable(f, "paired_valued").values;
  // all-128: defined alike everywhere: paired for both variants.
  for (const std::size_t v : {1, 2}) {
    EXPECT_EQ(why[v * m + col("target_met_all-128")], "");
    EXPECT_EQ(valued[v * m + col("target_met_all-128")], 4);
  }
  // half: alike in mid, another threshold in the variant.
  EXPECT_EQ(why[1 * m + col("target_met_half")], "");
  EXPECT_EQ(
      why[2 * m + col("target_met_half")],
      "defined differently: t-ref: gpus_entered_service at_least 64, national, at the end of 2027-12-31; "
      "t-variant: gpus_entered_service at_least 96, national, at the end of 2027-12-31");
  for (const std::string prefix :
       {"target_met_", "target_first_met_", "target_value_", "target_shortfall_"}) {
    SCOPED_TRACE(prefix);
    EXPECT_TRUE(std::isnan(mean[2 * m + col(prefix + "half")]));
    EXPECT_EQ(valued[2 * m + col(prefix + "half")], 0);
    EXPECT_TRUE(std::isnan(variable(f, "paired_share_better").values[2 * m + col(prefix + "half")]));
  }
  // new-one and seen: only the variant defines them.
  EXPECT_EQ(why[2 * m + col("target_met_new-one")], "not defined by the reference t-ref");
  EXPECT_EQ(why[1 * m + col("target_met_new-one")], "defined by neither t-ref nor t-mid");
  EXPECT_EQ(why[2 * m + col("observation_matched_seen")], "not defined by the reference t-ref");
  // Other indicators are paired as before.
  EXPECT_EQ(why[2 * m + col("gpu_days_national_in_transit")], "");
  EXPECT_LT(mean[2 * m + col("gpu_days_national_in_transit")], 0);

  // P(met) per variant over its own definitions: 4 runs where it is defined, none elsewhere.
  const auto& runs = variable(f, "target_runs").values;
  const auto& targets = f.dimension("target")->labels;
  ASSERT_EQ(targets, (std::vector<std::string>{"all-128", "half", "new-one"}));
  EXPECT_EQ(runs, (std::vector<double>{4, 4, 0, 4, 4, 0, 4, 4, 4}));
  // By hand: 128 GPUs = the whole order, all of which enter service in 2026-27 in every run of the
  // minimal example (its 100 % date is in 2026), so every target here is met wherever defined.
  EXPECT_EQ(variable(f, "target_runs_met").values, (std::vector<double>{4, 4, 0, 4, 4, 0, 4, 4, 4}));

  // The printed table says which targets were not compared and why.
  EXPECT_THAT(r.out, HasSubstr("half"));
  EXPECT_THAT(r.out, HasSubstr("not compared: defined differently: t-ref: gpus_entered_service at_least 64"));
  EXPECT_THAT(r.out,
              HasSubstr("n/a: not defined by t-ref -> 1.00 [0.51, 1.00] 4/4; not compared: not defined "
                        "by the reference t-ref"));
  EXPECT_THAT(r.out, HasSubstr("observations not compared (not defined by the reference t-ref): seen"));
  // summary of the file prints the same, and per point says which variant does not define what.
  const Result s = sovsim({"summary", at("t.h5")});
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_THAT(s.out, HasSubstr(r.out));
  EXPECT_THAT(s.out, HasSubstr("new-one                          0  not defined by t-ref"));
  EXPECT_THAT(s.out, HasSubstr("seen                         point 0: not defined by t-ref;"));
  EXPECT_THAT(s.out, HasSubstr("seen                         point 2: 1.00 [0.51, 1.00]  4/4;"));
  EXPECT_THAT(s.out, HasSubstr("point 1: no run kept: t-mid defines none of the observations"));
  EXPECT_THAT(s.out, HasSubstr("point 2: 4 of 4 runs kept"));
}

TEST_F(Compare, EqualsTheSweepFileWithTheSameVariants) {
  ASSERT_EQ(compare({"--seed", "5"}, "c.h5").code, 0);
  std::ofstream(dir_ / "v.sweep.yaml") << "title: by hand\nvariants: [minimal.yaml, variants/sooner.yaml, "
                                          "variants/same.yaml]\nseed: 5\nreplications: 6\nkeep: bands\n";
  const Result s = sovsim({"sweep", at("v.sweep.yaml"), "-o", at("s.h5"), "-q"});
  ASSERT_EQ(s.code, 0) << s.err;
  expect_same_file(at("c.h5"), at("s.h5"), true);
}

// Variants crossed with a parameter design: each point against the same design point of the
// reference, over (point, indicator).
TEST_F(Compare, VariantsCrossedWithADesignArePairedPointByPoint) {
  std::ofstream(dir_ / "x.sweep.yaml")
      << "variants: [minimal.yaml, variants/sooner.yaml]\nseed: 5\nreplications: 4\n"
         "parameters:\n  - {key: operations.spare_fraction, values: [0.01, 0.05]}\n";
  const Result s = sovsim({"sweep", at("x.sweep.yaml"), "-o", at("x.h5"), "-q"});
  ASSERT_EQ(s.code, 0) << s.err;
  const output::SweepFileContent f = output::read_sweep_file(at("x.h5"));
  const auto& mean = variable(f, "paired_difference_mean");
  EXPECT_EQ(mean.dims, (std::vector<std::string>{"point", "indicator"}));
  const auto& indicators = f.dimension("indicator")->labels;
  const std::size_t m = indicators.size();
  const auto transit = static_cast<std::size_t>(
      std::find(indicators.begin(), indicators.end(), "gpu_days_national_in_transit") - indicators.begin());
  ASSERT_LT(transit, m);
  // Points 0, 1: the reference against itself; 2, 3: faster transit against design points 0, 1.
  const auto& x = variable(f, "gpu_days_national_in_transit").values;  // per run: point * 4 + replication
  for (std::size_t p = 0; p < 4; ++p) {
    double sum = 0;
    for (std::size_t r = 0; r < 4; ++r) sum += x[p * 4 + r] - x[(p % 2) * 4 + r];
    EXPECT_DOUBLE_EQ(mean.values[p * m + transit], sum / 4) << "point " << p;
  }
  EXPECT_LT(mean.values[2 * m + transit], 0.0);
  const Result table = sovsim({"summary", at("x.h5")});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out,
              HasSubstr("point 3: minimal-sooner (variants/sooner.yaml) against minimal, design point 1"));
}

TEST_F(Compare, SameFileForAnyJobsAndForShardsMerged) {
  ASSERT_EQ(compare({"--jobs", "1"}, "j1.h5").code, 0);
  ASSERT_EQ(compare({"--jobs", "2"}, "j2.h5").code, 0);
  expect_same_file(at("j1.h5"), at("j2.h5"), false);
  ASSERT_EQ(compare({"--shard", "0/2"}, "part-0.h5").code, 0);
  const Result p1 = compare({"--shard", "1/2"}, "part-1.h5");
  ASSERT_EQ(p1.code, 0) << p1.err;
  EXPECT_EQ(p1.out, "") << "a shard prints no comparison (it has half the runs)";
  const Result m = sovsim({"merge", at("part-0.h5"), at("part-1.h5"), "-o", at("merged.h5"), "-q"});
  ASSERT_EQ(m.code, 0) << m.err;
  expect_same_file(at("j1.h5"), at("merged.h5"), false);
}

// --indicators: only those indicators, with the paired values of a comparison that keeps them all;
// none of them depends on GPU failures, so the runs skip them (the file's failure_process).
TEST_F(Compare, IndicatorsKeepOnlyThoseWithTheSameValues) {
  ASSERT_EQ(compare({}, "all.h5").code, 0);
  const Result r =
      compare({"--indicators", "date_operational_50pct, gpu_days_national_waiting_construction"}, "few.h5");
  ASSERT_EQ(r.code, 0) << r.err;
  const output::SweepFileContent all = output::read_sweep_file(at("all.h5"));
  const output::SweepFileContent few = output::read_sweep_file(at("few.h5"));
  const std::vector<std::string> kept = {"date_operational_50pct", "gpu_days_national_waiting_construction"};
  EXPECT_EQ(few.dimension("indicator")->labels, kept);
  ASSERT_NE(output::find_attribute(few.attributes, "failure_process"), nullptr);
  EXPECT_THAT(std::get<std::string>(*output::find_attribute(few.attributes, "failure_process")),
              HasSubstr("not simulated"));
  const auto& labels = all.dimension("indicator")->labels;
  const std::size_t m = labels.size();
  for (std::size_t k = 0; k < kept.size(); ++k) {
    SCOPED_TRACE(kept[k]);
    const std::size_t i =
        static_cast<std::size_t>(std::find(labels.begin(), labels.end(), kept[k]) - labels.begin());
    ASSERT_LT(i, m);
    for (const char* name : {"paired_difference_mean", "paired_share_better", "paired_share_worse"}) {
      for (std::size_t v = 0; v < 3; ++v) {
        const double a = variable(all, name).values[v * m + i], b = variable(few, name).values[v * 2 + k];
        EXPECT_TRUE(same_values({a}, {b})) << name << " variant " << v << ": " << a << " against " << b;
      }
    }
  }
  EXPECT_EQ(few.variable("gpus_operational_by_buyer_lab_quantile"), nullptr);  // no bands
  const Result bad = compare({"--indicators", "date_operational_50pct,nope"}, "bad.h5");
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--indicators: indicators[1]: expected the name of one of this sweep's "
                                 "indicators"));
  EXPECT_THAT(bad.err, HasSubstr("found 'nope'"));
  EXPECT_FALSE(fs::exists(at("bad.h5")));
  const Result empty = compare({"--indicators", "date_operational_50pct,,x"}, "empty.h5");
  EXPECT_EQ(empty.code, 2);
  EXPECT_THAT(empty.err, HasSubstr("--indicators: expected names separated by commas, found an empty one"));
  for (const char* text : {"", "#x"}) {  // no line of names at all (a CSV comment is none either)
    const Result none = compare({"--indicators", text}, "none.h5");
    EXPECT_EQ(none.code, 2) << text;
    EXPECT_THAT(none.err, HasSubstr(std::string("--indicators: expected names separated by commas, found '") +
                                    text + "'"));
  }
  EXPECT_FALSE(fs::exists(at("empty.h5")));
  EXPECT_FALSE(fs::exists(at("none.h5")));
}

TEST_F(Compare, MissingFileIsRefused) {
  const Result r = sovsim({"compare", at("minimal.yaml"), at("nowhere.yaml"), "-q", "-o", at("x.h5")});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("nowhere.yaml: no such scenario file"));
  EXPECT_FALSE(fs::exists(at("x.h5")));
}

TEST_F(Compare, NoVariantIsRefused) {
  const Result r = sovsim({"compare", at("minimal.yaml"), "-q", "-o", at("x.h5")});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("no variant given"));
  const Result none = sovsim({"compare", "-q"});
  EXPECT_EQ(none.code, 2);
  EXPECT_THAT(none.err, HasSubstr("missing BASE.yaml"));
  EXPECT_FALSE(fs::exists(at("x.h5")));
}

TEST_F(Compare, BadReplicationsAreRefused) {
  for (const char* bad : {"0", "-3", "many", "2.5", "10000000"}) {
    SCOPED_TRACE(bad);
    const Result r = sovsim({"compare", at("minimal.yaml"), at("variants/same.yaml"), "--replications", bad,
                             "-q", "-o", at("x.h5")});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("--replications: expected a whole number from 1 to"));
  }
  EXPECT_FALSE(fs::exists(at("x.h5")));
}

TEST_F(Compare, TwoFilesWithOneNameAreRefused) {
  const Result r = sovsim({"compare", at("minimal.yaml"), at("minimal.yaml"), "-q", "-o", at("x.h5")});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("needs a name of its own"));
}

TEST_F(Compare, InvalidScenarioIsRefusedWithItsMessages) {
  std::ofstream(dir_ / "bad.yaml") << "base: minimal.yaml\nname: bad\nlogistics: {transit_time: 3 apples}\n";
  const Result r = sovsim({"compare", at("minimal.yaml"), at("bad.yaml"), "-q", "-o", at("x.h5")});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.yaml is not a valid scenario; nothing was run"));
  EXPECT_THAT(r.err, HasSubstr("transit_time"));
}

}  // namespace
}  // namespace sovsim::cli
