// sovsim summary on synthetic run and sweep files (tests/app/synthetic.h): table, csv and json
// output, and the refusals (missing file, non-sovsim HDF5 file, bad options) with exit code 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/summary_text.h"
#include "tests/app/run_cli.h"
#include "tests/app/synthetic.h"
#include "tests/output/sample_run.h"

namespace sovsim::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A small JSON reader, so the tests check that the output is valid JSON and look values up.
using Json = nlohmann::json;

Json parse_json(const std::string& text) { return Json::parse(text); }

const Json& indicator(const Json& doc, const std::string& name) {
  for (const Json& ind : doc.at("indicators")) {
    if (ind.at("name").get<std::string>() == name) return ind;
  }
  throw std::runtime_error("no indicator " + name);
}

const std::regex kIsoDate(R"(^\d{4}-\d{2}-\d{2}$)");

class Summary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new output::test::TempDir;
    test::write_run(run_file());
    test::write_sweep(grid_file(), test::SweepDesign::Grid);
    test::write_sweep(sobol_file(), test::SweepDesign::Sobol);
    test::write_sweep(morris_file(), test::SweepDesign::Morris);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path dir() { return dir_->path(); }
  static std::string run_file() { return (dir() / "run.h5").string(); }
  static std::string grid_file() { return (dir() / "grid.h5").string(); }
  static std::string sobol_file() { return (dir() / "sobol.h5").string(); }
  static std::string morris_file() { return (dir() / "morris.h5").string(); }
  static output::test::TempDir* dir_;
};
output::test::TempDir* Summary::dir_ = nullptr;

TEST_F(Summary, TableOfARunShowsEveryStaticVariableReadably) {
  const Result r = sovsim({"summary", run_file()});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, HasSubstr("(a single run)"));
  EXPECT_THAT(r.out, HasSubstr("scenario_name"));
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex(R"(\n  period +2025-11-01 to 2032-10-23 \(365 samples\)\n)")))
      << r.out;
  // Dates as ISO dates; a date never reached says so.
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex(R"(date_operational_50pct\s+20\d\d-\d\d-\d\d\s+date at which 50)")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(date_operational_100pct\s+not reached)"))) << r.out;
  // Numbers with units and thousands separators.
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(peak_power_demand_mw\s+[0-9,]+(\.[0-9]+)? MW)")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(energy_total_twh\s+[0-9.]+ TW h)"))) << r.out;
  // Per-axis tables: buyers' dates, sites' binding constraint as its meaning, non-ASCII labels.
  EXPECT_THAT(r.out, HasSubstr("By buyer"));
  EXPECT_THAT(r.out, HasSubstr("date_operational_90pct_by_buyer"));
  EXPECT_THAT(r.out, HasSubstr("By site"));
  EXPECT_THAT(r.out, HasSubstr("gwangju-광주"));
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(haenam-solar\s+land\s)"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(seoul-capital\s+power\s)"))) << r.out;
  // A matrix with a sum row, no line wider than the terminal-friendly width.
  EXPECT_THAT(r.out, HasSubstr("gpu_days (site, state) in d: GPU-days spent in each state over the run"));
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\n  sum\s+[0-9,]+)"))) << r.out;
  for (const std::string& line : lines_of(r.out)) {
    if (line.rfind("  command_line", 0) == 0 || line.find(": ") != std::string::npos) continue;
    EXPECT_LE(line.size(), 130u) << line;
  }
  // No time series in the summary.
  EXPECT_THAT(r.out, Not(HasSubstr("it_power_mw")));
  EXPECT_THAT(r.out, Not(HasSubstr("zone_load_mw")));
}

TEST_F(Summary, CsvOfARunHasOneRowPerValue) {
  const Result r = sovsim({"summary", run_file(), "--format", "csv"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "variable,index,value,units,long_name");
  // 3 national dates + 3 x 3 buyers + 3 national numbers + 11 x 11 gpu_days + 11 + 11 (site).
  EXPECT_EQ(lines.size(), 1u + 3 + 9 + 3 + 121 + 11 + 11);
  int dates = 0, never = 0;
  for (const std::string& line : lines) {
    if (line.rfind("date_operational_50pct,", 0) == 0) {
      const std::string value = line.substr(24, 10);
      EXPECT_TRUE(std::regex_match(value, kIsoDate)) << line;
      ++dates;
    }
    if (line.rfind("date_operational_100pct,,,", 0) == 0) ++never;  // no value: empty field
  }
  EXPECT_EQ(dates, 1);
  EXPECT_EQ(never, 1);
  EXPECT_THAT(r.out, HasSubstr("\nbinding_constraint,site=haenam-solar,land,,"));
  EXPECT_THAT(r.out, HasSubstr("\ndate_operational_50pct_by_buyer,buyer=cloud,20"));
  EXPECT_THAT(r.out, HasSubstr("\ngpu_days,site=gwangju-광주;state=waiting_power,"));
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\npeak_power_demand_mw,,[0-9.]+,MW,"peak national)")))
      << r.out;
}

TEST_F(Summary, JsonOfARunIsValidAndTyped) {
  const Result r = sovsim({"summary", run_file(), "--format", "json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const Json doc = parse_json(r.out);
  EXPECT_EQ(doc.at("kind").get<std::string>(), "run");
  EXPECT_EQ(doc.at("file").get<std::string>(), run_file());
  EXPECT_EQ(doc.at("attributes").at("scenario_name").get<std::string>(), "synthetic");
  EXPECT_EQ(doc.at("attributes").at("seed").get<double>(), 7);
  EXPECT_EQ(doc.at("dimensions").at("site").get<double>(), 11);
  EXPECT_EQ(doc.at("time").at("start").get<std::string>(), "2025-11-01");
  EXPECT_EQ(doc.at("time").at("samples").get<double>(), 365);

  const Json& d50 = indicator(doc, "date_operational_50pct");
  EXPECT_EQ(d50.at("type").get<std::string>(), "date");
  EXPECT_TRUE(std::regex_match(d50.at("value").get<std::string>(), kIsoDate))
      << d50.at("value").get<std::string>();
  EXPECT_TRUE(indicator(doc, "date_operational_100pct").at("value").is_null());
  const Json& peak = indicator(doc, "peak_power_demand_mw");
  EXPECT_EQ(peak.at("type").get<std::string>(), "number");
  EXPECT_EQ(peak.at("units").get<std::string>(), "MW");
  EXPECT_GT(peak.at("value").get<double>(), 100);
  const Json& binding = indicator(doc, "binding_constraint");
  EXPECT_EQ(binding.at("type").get<std::string>(), "category");
  ASSERT_EQ(binding.at("coords").at("site").size(), 11u);
  EXPECT_EQ(binding.at("coords").at("site").at(1).get<std::string>(), "gwangju-광주");
  EXPECT_EQ(binding.at("values").at(5).get<std::string>(), "land");
  const Json& days = indicator(doc, "gpu_days");
  ASSERT_EQ(days.at("values").size(), 11u);
  ASSERT_EQ(days.at("values").at(0).size(), 11u);
  EXPECT_TRUE(days.at("values").at(0).at(0).is_number());
  // Only short attributes: no scenario texts in a summary.
  for (const auto& [name, value] : doc.at("attributes").items()) {
    if (value.is_string()) {
      EXPECT_LE(value.get<std::string>().size(), 200u) << name;
    }
  }
}

TEST_F(Summary, GridSweepShowsEachDesignPoint) {
  const Result table = sovsim({"summary", grid_file()});
  ASSERT_EQ(table.code, kExitOk) << table.err;
  EXPECT_THAT(table.out, HasSubstr("(a sweep)"));
  EXPECT_THAT(table.out, HasSubstr("Parameters"));
  EXPECT_THAT(table.out, HasSubstr("Design point 0: zones.capital.headroom = 150 MW (5 replications)"));
  EXPECT_THAT(table.out, HasSubstr("Design point 2: zones.capital.headroom = 650 MW (5 replications)"));
  EXPECT_TRUE(
      std::regex_search(table.out, std::regex(R"(indicator\s+mean\s+5 %\s+25 %\s+median\s+75 %\s+95 %)")))
      << table.out;
  EXPECT_TRUE(std::regex_search(table.out, std::regex(R"(gpus_ordered\s+260,000\s+260,000)"))) << table.out;

  const Result csv = sovsim({"summary", grid_file(), "--format=csv"});
  ASSERT_EQ(csv.code, kExitOk) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("\ngpus_ordered,point=1;statistic=q50,260000,1,GPUs ordered\n"));
  // Dates are dates in every format: ISO in the CSV, no units.
  EXPECT_TRUE(std::regex_search(
      csv.out, std::regex(R"(\ndate_operational_50pct,point=2;statistic=mean,20\d\d-\d\d-\d\d,,)")))
      << csv.out;
  EXPECT_TRUE(
      std::regex_search(table.out, std::regex(R"(date_operational_50pct\s+20\d\d-\d\d-\d\d\s+20\d\d-)")))
      << table.out;

  const Result json = sovsim({"summary", grid_file(), "-f", "json"});
  ASSERT_EQ(json.code, kExitOk) << json.err;
  const Json doc = parse_json(json.out);
  EXPECT_EQ(doc.at("kind").get<std::string>(), "sweep");
  ASSERT_EQ(doc.at("parameters").size(), 1u);
  EXPECT_EQ(doc.at("parameters").at(0).at("units").get<std::string>(), "MW");
  EXPECT_EQ(doc.at("parameters").at(0).at("max").get<double>(), 650);
  ASSERT_EQ(doc.at("statistics").size(), 3u);
  const Json& point1 = doc.at("statistics").at(1);
  EXPECT_EQ(point1.at("point").get<double>(), 1);
  EXPECT_EQ(point1.at("parameters").at("zones.capital.headroom").get<double>(), 400);
  EXPECT_EQ(point1.at("indicators").at(0).at("q50").get<double>(), 260000);
}

TEST_F(Summary, SobolSweepPoolsRunsAndShowsIndices) {
  const Result table = sovsim({"summary", sobol_file()});
  ASSERT_EQ(table.code, kExitOk) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Indicators over all 48 runs (sobol design, 48 design points"));
  EXPECT_TRUE(
      std::regex_search(table.out, std::regex(R"(date_operational_100pct\s+20\d\d-\d\d-\d\d\s.*\s32 runs)")))
      << table.out;
  EXPECT_TRUE(std::regex_search(table.out, std::regex(R"(date_operational_100pct\s+\(date\))"))) << table.out;
  EXPECT_THAT(table.out, HasSubstr("sobol_first (indicator, parameter)"));
  EXPECT_THAT(table.out, HasSubstr("(in brackets: sobol_first_low to sobol_first_high)"));
  EXPECT_THAT(table.out, HasSubstr("0.57 (0.456 to 0.684)"));
  EXPECT_THAT(table.out, Not(HasSubstr("\nsobol_first_low")));
  EXPECT_THAT(table.out, HasSubstr("logistics.customs_days"));

  const Result json = sovsim({"summary", sobol_file(), "--format", "json"});
  ASSERT_EQ(json.code, kExitOk) << json.err;
  const Json doc = parse_json(json.out);
  ASSERT_EQ(doc.at("statistics").size(), 1u);
  EXPECT_FALSE(doc.at("statistics").at(0).contains("point"));
  const Json& never = doc.at("statistics").at(0).at("indicators").at(4);
  EXPECT_EQ(never.at("name").get<std::string>(), "date_operational_100pct");
  EXPECT_EQ(never.at("type").get<std::string>(), "date");
  EXPECT_TRUE(never.at("q50").is_string());
  EXPECT_EQ(never.at("runs_without_value").get<double>(), 32);
  const Json& s1 = indicator(doc, "sobol_first");
  EXPECT_EQ(s1.at("dims").size(), 2u);
  EXPECT_TRUE(s1.at("values").at(4).at(0).is_null());  // NaN index
  EXPECT_NEAR(s1.at("values").at(1).at(0).get<double>(), 0.57, 1e-12);

  const Result morris = sovsim({"summary", morris_file(), "--format", "csv"});
  ASSERT_EQ(morris.code, kExitOk) << morris.err;
  EXPECT_THAT(morris.out,
              HasSubstr("\nmorris_mu_star,indicator=energy_total_twh;parameter=zones.capital.headroom,"));
}

// Every NaN in summary says why (never a bare n/a), and the sensitivity notes are in every format.
TEST_F(Summary, SensitivityNotesInEveryFormatAndNoBareNotAvailable) {
  for (const std::string& file : {run_file(), grid_file(), sobol_file(), morris_file()}) {
    for (const char* format : {"table", "csv", "json"}) {
      const Result r = sovsim({"summary", file, "--format", format});
      ASSERT_EQ(r.code, kExitOk) << r.err;
      EXPECT_THAT(r.out, Not(HasSubstr("n/a"))) << file << " " << format;
      EXPECT_THAT(r.out, Not(HasSubstr("no value in the file"))) << file << " " << format;
    }
  }
  const Result table = sovsim({"summary", sobol_file()});
  // The withheld indicator's indices say why in their cells, the noise share why it is missing.
  EXPECT_TRUE(std::regex_search(
      table.out, std::regex(R"(\n  date_operational_100pct\s+withheld: runs without a value\s+withheld)")))
      << table.out;
  EXPECT_TRUE(std::regex_search(
      table.out, std::regex(R"(\n  gpus_ordered\s+not estimable with 1 replication per point)")))
      << table.out;
  EXPECT_THAT(table.out, HasSubstr("  date_operational_100pct: withheld: 32 of 48 runs have no value and the "
                                   "indicator has no censoring rule\n"));
  EXPECT_THAT(table.out,
              HasSubstr("  gpus_ordered: computed on the means of 1 replication per point; noise share "
                        "not estimable with 1 replication per point (use replications >= 2)\n"));

  const Result csv = sovsim({"summary", sobol_file(), "--format", "csv"});
  EXPECT_THAT(csv.out,
              HasSubstr("\nsensitivity_status,indicator=date_operational_100pct,withheld_no_values,,"));
  EXPECT_THAT(csv.out,
              HasSubstr("\nsensitivity_note,indicator=date_operational_100pct,withheld: 32 of 48 runs "
                        "have no value and the indicator has no censoring rule,,"));
  EXPECT_THAT(csv.out,
              HasSubstr("\nsensitivity_noise_note,indicator=gpus_ordered,noise share not estimable with "
                        "1 replication per point (use replications >= 2),,"));
  EXPECT_THAT(csv.out, Not(HasSubstr("sensitivity_noise_note,indicator=date_operational_100pct")));

  const Json doc = parse_json(sovsim({"summary", morris_file(), "--format", "json"}).out);
  const Json& sens = doc.at("sensitivity");
  EXPECT_EQ(sens.at("design").get<std::string>(), "morris");
  const Json& withheld = sens.at("indicators").at(4);
  EXPECT_EQ(withheld.at("indicator").get<std::string>(), "date_operational_100pct");
  EXPECT_EQ(withheld.at("status").get<std::string>(), "withheld_no_values");
  EXPECT_TRUE(withheld.at("noise_share").is_null());
  EXPECT_EQ(withheld.at("noise_note").get<std::string>(), "not given: the indices are withheld");
  EXPECT_EQ(sens.at("indicators").at(1).at("noise_note").get<std::string>(),
            "noise share not estimable with 1 replication per point (use replications >= 2)");
}

TEST_F(Summary, MissingFileIsBadInputNamingIt) {
  const std::string missing = (dir() / "absent.h5").string();
  const Result r = sovsim({"summary", missing});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr(missing));
  EXPECT_THAT(r.err, HasSubstr("no such file"));
}

TEST_F(Summary, NonSovsimHdf5FileIsBadInputNamingIt) {
  const std::string other = (dir() / "other.h5").string();
  {
    const hid_t file = H5Fcreate(other.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    const hsize_t n = 3;
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t data = H5Dcreate2(file, "x", H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const double values[] = {1, 2, 3};
    H5Dwrite(data, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values);
    H5Dclose(data);
    H5Sclose(space);
    H5Fclose(file);
  }
  const Result r = sovsim({"summary", other});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr(other));
  EXPECT_THAT(r.err, HasSubstr("not a sovsim output file"));
}

TEST_F(Summary, TextFileIsBadInputNamingIt) {
  const std::string text = (dir() / "notes.h5").string();
  std::ofstream(text) << "not HDF5\n";
  ::testing::internal::CaptureStderr();  // HDF5 must not print its error stack
  const Result r = sovsim({"summary", text});
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_THAT(r.err, HasSubstr(text));
  EXPECT_THAT(r.err, HasSubstr("not a readable sovsim output file"));
}

TEST_F(Summary, BadUsageIsBadInput) {
  EXPECT_EQ(sovsim({"summary"}).code, kExitBadInput);
  const Result format = sovsim({"summary", run_file(), "--format", "xml"});
  EXPECT_EQ(format.code, kExitBadInput);
  EXPECT_THAT(format.err, HasSubstr("expected table, csv or json"));
  EXPECT_EQ(sovsim({"summary", run_file(), run_file()}).code, kExitBadInput);
  const Result help = sovsim({"summary", "--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_THAT(help.out, HasSubstr("Usage: sovsim summary FILE.h5"));
  EXPECT_THAT(sovsim({"--help"}).out, HasSubstr("summary"));
}

// A probability near 0 or 1 keeps two significant digits of its distance from the edge, so that
// the Wilson interval of 0 met in 1,000 runs reads [0.00, 0.0038], not [0.00, 0.00].
TEST(ProbabilityText, KeepsTwoSignificantDigitsNearTheEdges) {
  EXPECT_EQ(probability_text(0), "0.00");
  EXPECT_EQ(probability_text(1), "1.00");
  EXPECT_EQ(probability_text(0.41), "0.41");
  EXPECT_EQ(probability_text(0.005), "0.01");
  EXPECT_EQ(probability_text(0.0038), "0.0038");
  EXPECT_EQ(probability_text(0.00038), "0.00038");
  EXPECT_EQ(probability_text(0.9962), "0.9962");
  EXPECT_EQ(probability_text(0.967), "0.97");
}

}  // namespace
}  // namespace sovsim::cli
