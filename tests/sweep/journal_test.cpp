// The sweep journal as YAML (format version 2): values read back bit for bit, the file is YAML a
// reader can load, a torn or corrupt last line is dropped as the binary records' were, and a
// journal of the former binary format is refused with what to do.
#include "sim/sweep/journal.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

namespace sim::sweep {
namespace {

using testing::HasSubstr;
namespace fs = std::filesystem;
using Limits = std::numeric_limits<double>;

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// Every kind of double a run can return: NaN of both signs and with a payload, infinities, both
// zeros, subnormals, the extremes and decimals with no exact binary form.
const std::vector<double> kAwkward = {Limits::quiet_NaN(),
                                      -Limits::quiet_NaN(),
                                      std::bit_cast<double>(std::uint64_t{0x7ff8000000000abcULL}),
                                      Limits::infinity(),
                                      -Limits::infinity(),
                                      0.0,
                                      -0.0,
                                      Limits::denorm_min(),
                                      -Limits::denorm_min(),
                                      1e-310,
                                      Limits::min(),
                                      Limits::max(),
                                      -Limits::max(),
                                      Limits::epsilon(),
                                      0.1,
                                      1.0 / 3.0,
                                      2.0 / 3.0 * 1e22,
                                      9007199254740993.0,
                                      -123456.789};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class YamlJournal : public ::testing::Test {
 protected:
  fs::path path =
      fs::temp_directory_path() / ("sovsim-yaml-journal-" + std::to_string(::getpid()) + ".journal");
  void TearDown() override { fs::remove(path); }
};

TEST_F(YamlJournal, EveryDoubleReadsBackBitForBit) {
  for (const double x : kAwkward) {
    SCOPED_TRACE(Journal::format_value(x));
    const std::optional<double> back = Journal::parse_value(Journal::format_value(x));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(bits(*back), bits(x));
  }
  std::mt19937_64 random(20261205);
  for (int i = 0; i < 20000; ++i) {
    const double x = std::bit_cast<double>(random());
    const std::optional<double> back = Journal::parse_value(Journal::format_value(x));
    ASSERT_TRUE(back.has_value()) << Journal::format_value(x);
    ASSERT_EQ(bits(*back), bits(x)) << Journal::format_value(x);
  }
  EXPECT_EQ(Journal::format_value(0.1), "0.1");  // shortest form: readable as written
  EXPECT_EQ(Journal::format_value(Limits::quiet_NaN()), ".nan");
  EXPECT_FALSE(Journal::parse_value("nan").has_value());  // only the forms the journal writes
  EXPECT_FALSE(Journal::parse_value("0.1x").has_value());
  EXPECT_FALSE(Journal::parse_value("").has_value());
}

TEST_F(YamlJournal, WholeNumbersAreWrittenAsTheShortestForm) {
  // Whole numbers take a faster path than fmt's shortest-form algorithm; the text must be the
  // same, so that journals stay byte-identical across versions. Near 2^53 (where the fast path
  // ends), 1e15..1e17 (where fmt switches to an exponent), zeros, and random whole numbers.
  std::vector<double> whole = {0.0, -0.0, 1.0, -1.0, 10.0, 1e15, -1e15, 1e16, 1e17, 1e22, 123456789012345.0};
  for (std::int64_t k = -8; k <= 8; ++k) {
    const double x = static_cast<double>((std::int64_t{1} << 53) + k);  // above 2^53 only even ones exist
    whole.insert(whole.end(), {x, -x});
  }
  std::mt19937_64 random(20261206);
  for (int i = 0; i < 20000; ++i) {
    const int digits = static_cast<int>(random() % 18);
    double x = std::trunc(static_cast<double>(random() >> 11) / 0x1p53 * std::pow(10.0, digits));
    whole.push_back(i % 2 ? x : -x);
  }
  for (const double x : whole) {
    ASSERT_EQ(Journal::format_value(x), fmt::format("{}", x)) << std::bit_cast<std::uint64_t>(x);
  }
  EXPECT_EQ(Journal::format_value(-0.0), "-0");
  EXPECT_EQ(Journal::format_value(259696.0), "259696");
  EXPECT_EQ(Journal::format_value(0.5), "0.5");
}

TEST_F(YamlJournal, RunsWithAwkwardValuesSurviveAResume) {
  const RunResult awkward{{kAwkward.begin(), kAwkward.begin() + 3}, {kAwkward.begin() + 3, kAwkward.end()}};
  {
    Journal j(path, "plan-hash", 3, kAwkward.size() - 3, false);
    j.append(4, awkward);
  }
  Journal j(path, "plan-hash", 3, kAwkward.size() - 3, true);
  ASSERT_EQ(j.loaded().count(4), 1u);
  EXPECT_EQ(j.dropped_bytes(), 0u);
  const RunResult& back = j.loaded().at(4);
  ASSERT_EQ(back.indicators.size(), 3u);
  ASSERT_EQ(back.series.size(), kAwkward.size() - 3);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(bits(back.indicators[i]), bits(awkward.indicators[i])) << i;
  for (std::size_t i = 0; i < back.series.size(); ++i)
    EXPECT_EQ(bits(back.series[i]), bits(awkward.series[i])) << i;
}

TEST_F(YamlJournal, IsHumanReadableYaml) {
  {
    Journal j(path, "0123abcd/shard-1-of-4", 2, 1, false);
    j.append(7, {{0.1, Limits::quiet_NaN()}, {-0.0}});
    j.append(3, {{2.5, 1e-310}, {Limits::infinity()}});
  }
  const std::string text = slurp(path);
  EXPECT_THAT(text, HasSubstr("format: sovsim-sweep-journal\nversion: 2\n")) << text;
  EXPECT_THAT(text, HasSubstr("--- {run: 7, values: [0.1, .nan, -0], fnv1a: \"")) << text;
  const std::vector<YAML::Node> documents = YAML::LoadAll(text);
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_EQ(documents[0]["format"].as<std::string>(), "sovsim-sweep-journal");
  EXPECT_EQ(documents[0]["version"].as<int>(), 2);
  EXPECT_EQ(documents[0]["sweep_hash"].as<std::string>(), "0123abcd/shard-1-of-4");
  EXPECT_EQ(documents[0]["indicators"].as<int>(), 2);
  EXPECT_EQ(documents[0]["series_values"].as<int>(), 1);
  EXPECT_EQ(documents[1]["run"].as<int>(), 7);
  EXPECT_EQ(documents[1]["values"][0].as<double>(), 0.1);
  EXPECT_EQ(documents[2]["run"].as<int>(), 3);
  EXPECT_EQ(documents[2]["values"][0].as<double>(), 2.5);
  EXPECT_EQ(documents[2]["values"].size(), 3u);
}

TEST_F(YamlJournal, ATornOrCorruptLineIsDroppedWithEverythingAfterIt) {
  {
    Journal j(path, "h", 1, 0, false);
    j.append(0, {{1.5}, {}});
    j.append(1, {{2.5}, {}});
  }
  const std::string whole = slurp(path);
  // A line cut short (no newline), as a machine crash leaves it.
  {
    std::ofstream(path, std::ios::binary | std::ios::app) << "--- {run: 2, values: [3.";
    Journal j(path, "h", 1, 0, true);
    EXPECT_EQ(j.loaded().size(), 2u);
    EXPECT_EQ(j.dropped_bytes(), 24u);  // the torn line, as written
    j.append(2, {{3.5}, {}});
  }
  EXPECT_EQ(Journal::read(path, 1).size(), 3u);
  // A complete line whose checksum does not match its text: it and every line after it are dropped.
  std::string changed = slurp(path);
  const std::size_t at = changed.find("values: [2.5]");
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, 13, "values: [2.6]");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << changed;
  {
    Journal j(path, "h", 1, 0, true);
    EXPECT_EQ(j.loaded().size(), 1u);
    EXPECT_EQ(j.loaded().count(0), 1u);
  }
  // A header cut short while written: the journal starts over.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << whole.substr(0, whole.find("version"));
  {
    Journal j(path, "h", 1, 0, true);
    EXPECT_TRUE(j.loaded().empty());
    j.append(5, {{1.0}, {}});
  }
  EXPECT_EQ(Journal::read(path, 1).size(), 1u);
}

TEST_F(YamlJournal, AnotherSweepOrAnotherFileIsRefused) {
  { Journal j(path, "h", 1, 0, false); }
  try {
    Journal j(path, "other", 1, 0, true);
    FAIL() << "a journal of another sweep was taken";
  } catch (const JournalError& e) {
    EXPECT_THAT(e.what(), HasSubstr("sweep_hash h, 1 indicators and 0 series values per run"));
    EXPECT_THAT(e.what(), HasSubstr("sweep_hash other"));
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "a: b\nc: d\n";
  try {
    Journal j(path, "h", 1, 0, true);
    FAIL() << "a YAML file that is no journal was taken";
  } catch (const JournalError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not a sovsim sweep journal of version 2"));
    EXPECT_THAT(e.what(), HasSubstr("found 'a: b'"));
  }
}

TEST_F(YamlJournal, TheFormerBinaryJournalIsRefusedSayingWhatToDo) {
  {
    std::ofstream out(path, std::ios::binary);
    out << "sovsim-sweep-journal 1 abc 2 3\n";
    const std::uint64_t run = 5, count = 5;
    out.write(reinterpret_cast<const char*>(&run), 8);
    out.write(reinterpret_cast<const char*>(&count), 8);
  }
  try {
    Journal j(path, "abc", 2, 3, true);
    FAIL() << "a binary journal was taken";
  } catch (const JournalError& e) {
    const std::string message = e.what();
    EXPECT_THAT(message,
                HasSubstr(path.string() + ": a sweep journal in the binary format of an earlier sovsim"));
    EXPECT_THAT(message, HasSubstr("version 1, first line 'sovsim-sweep-journal 1 abc 2 3'"));
    EXPECT_THAT(message, HasSubstr("reads journals of version 2 (YAML"));
    EXPECT_THAT(message, HasSubstr("To proceed: complete the sweep with the sovsim that started it"));
    EXPECT_THAT(message, HasSubstr("or delete " + path.string()));
  }
  EXPECT_EQ(slurp(path).substr(0, 22), "sovsim-sweep-journal 1");  // left as it was
}

}  // namespace
}  // namespace sim::sweep
