#include "models/scenario/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/scenario/record.h"
#include "models/scenario/schema.h"

namespace models {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(SOVSIM_SOURCE_DIR) / "tests" / "scenario" / "data";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Scenario load_ok(const fs::path& file, const std::vector<std::string>& overrides = {}) {
  LoadResult r = load_scenario(file, overrides);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front());
  return r.scenario.value_or(Scenario{});
}

std::vector<std::string> errors_of(const fs::path& file, const std::vector<std::string>& overrides) {
  return load_scenario(file, overrides).errors;
}

// describe's output loads to an identical Scenario, and describing that gives the same text.
void expect_round_trip(const fs::path& file) {
  const LoadResult first = load_scenario(file);
  ASSERT_TRUE(first.ok()) << file << ": " << first.errors.front();
  const std::string text = first.provenance.resolved_yaml;
  EXPECT_EQ(text, describe_scenario(*first.scenario));
  const LoadResult second = load_scenario_text(text, "described.yaml", file.parent_path());
  ASSERT_TRUE(second.ok()) << file << ": " << second.errors.front() << "\n" << text;
  EXPECT_TRUE(*second.scenario == *first.scenario) << file;
  EXPECT_EQ(second.provenance.resolved_yaml, text);
  EXPECT_TRUE(second.provenance.csv_files.empty()) << "describe writes schedules inline";
}

TEST(Loader, ConvertsEveryKeyToCanonicalUnits) {
  const Scenario s = load_ok(kData / "full.yaml");
  EXPECT_EQ(s.name, "full");
  EXPECT_EQ(s.description, "A scenario that sets every key: \"quoted\" text, unicode (전력), and a # hash.");
  EXPECT_EQ(s.start, (sim::Date{2025, 11, 1}));
  EXPECT_EQ(s.sample_interval_days, 7);
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.power_sharing, PowerSharing::PriorityList);
  EXPECT_EQ(s.power_priority, (std::vector<std::string>{"nacc", "ulsan"}));
  EXPECT_EQ(s.assessment_threshold_mw, 20);
  EXPECT_EQ(s.on_demand_lead_days, 3 * 365.25 / 12);
  EXPECT_EQ(s.products[0].it_power_mw_per_unit, 0.132);
  EXPECT_EQ(s.products[0].compute_pflops_per_gpu, 5);
  EXPECT_EQ(s.products[0].cooling, Cooling::Liquid);
  EXPECT_EQ(s.zones[0].headroom_mw, 1200);
  EXPECT_EQ(s.zones[0].reapply_days, 182);
  EXPECT_EQ(s.zones[0].assessment_days,
            (Distribution{Distribution::Kind::LognormalMedianP90, 90, 182.625, 0}));
  EXPECT_EQ(s.zones[1].assessment_days, (Distribution{Distribution::Kind::Uniform, 30, 60, 0}));
  EXPECT_EQ(s.corridors[0].limit_mw, 0);
  EXPECT_EQ(s.reinforcements[0].delay_days, (Distribution{Distribution::Kind::Triangular, 0, 180, 730.5}));
  EXPECT_EQ(s.reinforcements[1].added_mw, -50);
  EXPECT_EQ(s.reinforcements[1].delay_days, (Distribution{Distribution::Kind::Exponential, 30, 0, 0}));
  EXPECT_EQ(s.construction_templates[0].tasks[2].duration_days, Distribution::fixed(120));
  EXPECT_EQ(s.construction_templates[0].tasks[2].after, (std::vector<std::string>{"permits", "site_work"}));
  ASSERT_EQ(s.targets.size(), 2u);
  EXPECT_EQ(s.targets[0].value, 15000);
  EXPECT_EQ(s.targets[0].site, "nacc");
  EXPECT_EQ(s.targets[0].quantity, ConditionQuantity::GpusOperational);
  EXPECT_EQ(s.targets[1].value, 500);  // 0.5 GW in MW
  EXPECT_EQ(s.targets[1].comparison, Comparison::AtMost);
  ASSERT_EQ(s.observations.size(), 2u);
  EXPECT_EQ(s.observations[0].tolerance, 100);
  EXPECT_EQ(s.observations[0].relative_tolerance, 0.05);
  EXPECT_EQ(s.observations[0].source, "msit-2026");
  EXPECT_EQ(s.observations[1].comparison, Comparison::Within);
  EXPECT_EQ(s.observations[1].value, 2000);  // PFLOP/s
  const Site& nacc = s.sites[0];
  EXPECT_EQ(nacc.land_ha, 30);
  EXPECT_EQ(nacc.units_per_crew_day, 0.75);
  EXPECT_EQ(nacc.halls[1].land_ha, 1.5);
  EXPECT_EQ(nacc.halls[1].start, HallStart::OnDemand);
  EXPECT_FALSE(nacc.halls[1].planned_start.has_value());
  EXPECT_EQ(nacc.halls[0].planned_start, (sim::Date{2025, 8, 29}));
  EXPECT_EQ(nacc.connections[0].lead_days, Distribution::fixed(730.5));
  EXPECT_TRUE(nacc.connections[1].connected_at_start);
  EXPECT_EQ(nacc.generation[0].emission_factor_t_per_mwh, 0.45);
  EXPECT_EQ(nacc.generation[0].technology, GenerationTechnology::Other);
  EXPECT_FALSE(nacc.generation[0].capacity_credit.has_value());
  EXPECT_EQ(nacc.generation[1].technology, GenerationTechnology::Solar);
  EXPECT_EQ(nacc.generation[1].capacity_credit, 0.1);
  ASSERT_EQ(nacc.generation[1].daily_shape.size(), 24u);  // from a CSV file
  EXPECT_EQ(nacc.generation[1].daily_shape[9].hour, 9);
  EXPECT_EQ(nacc.generation[1].daily_shape[9].factor, 0.5);
  EXPECT_EQ(nacc.generation[2].capacity_factor, 0.3);
  EXPECT_EQ(capacity_credit_of(nacc.generation[2]), 0.0);  // wind, no credit given
  EXPECT_EQ(s.economics.capacity_charge_krw_per_mw_month, 9'160'000);
  ASSERT_EQ(s.economics.price_changes.size(), 1u);
  EXPECT_EQ(s.economics.price_changes[0].electricity_price_krw_per_mwh, 160'000);
  EXPECT_EQ(s.economics.price_changes[0].capacity_charge_krw_per_mw_month, 9'500);
  ASSERT_EQ(s.economics.emission_factor_changes.size(), 2u);
  EXPECT_EQ(s.economics.emission_factor_changes[1].date, (sim::Date{2029, 1, 1}));
  EXPECT_EQ(s.economics.emission_factor_changes[1].emission_factor_t_per_mwh, 0.38);
  EXPECT_EQ(s.sites[1].halls[0].start, HallStart::Existing);
  // The CSV schedule: a comment, CRLF, spaces and a blank line are fine.
  ASSERT_EQ(s.orders[0].schedule.size(), 3u);
  EXPECT_EQ(s.orders[0].schedule[1].date, (sim::Date{2028, 1, 1}));
  EXPECT_EQ(s.orders[0].schedule[2].units, 300);
  EXPECT_EQ(s.orders[0].installed_at_start, 10);
  EXPECT_EQ(s.orders[1].schedule[1].units, 1000);
  EXPECT_TRUE(s.orders[2].schedule.empty());
  EXPECT_EQ(s.export_holds[0].probability, 0.25);
  EXPECT_EQ(s.operations.failure_classes[0].reset_days, Distribution::fixed(0.125));
  EXPECT_EQ(s.operations.failure_classes[0].rma_days, Distribution::fixed(14));
  EXPECT_EQ(s.operations.service_life_days, 1826.25);
  EXPECT_EQ(s.economics.electricity_price_krw_per_mwh, 150000);
  EXPECT_EQ(s.economics.emission_factor_t_per_mwh, 0.45);
}

TEST(Loader, AbsentKeysTakeTheTableDefaultsWhichAreTheStructDefaults) {
  const Scenario s = load_ok(kData / "minimal.yaml");
  Scenario expected;
  expected.name = "minimal";
  expected.start = {2026, 1, 1};
  expected.end = {2026, 12, 31};
  Product p;
  p.name = "p";
  p.it_power_mw_per_unit = 0.001;
  expected.products = {p};
  expected.buyers = {Buyer{"b", ""}};
  GridZone z;
  z.name = "z";
  z.headroom_mw = 1;
  GridZone y = z;
  y.name = "y";
  expected.zones = {z, y};
  expected.corridors = {Corridor{"c", "z", "y", 1}};
  Reinforcement r;
  r.name = "r";
  r.date = {2026, 6, 1};
  r.zone = "z";
  r.added_mw = 1;
  expected.reinforcements = {r};
  expected.construction_templates = {
      ConstructionTemplate{"t", {ConstructionTask{"k", Distribution::fixed(1), {}}}}};
  Site site;
  site.name = "s";
  site.zone = "z";
  site.land_ha = 1;
  Hall hall;
  hall.name = "h";
  hall.it_capacity_mw = 1;
  hall.racks = 1;
  hall.cooling = Cooling::Air;
  hall.planned_start = sim::Date{2026, 1, 1};
  hall.construction = "t";
  site.halls = {hall};
  GridConnection connection;
  connection.capacity_mw = 1;
  connection.applied = {2026, 1, 1};
  connection.lead_days = Distribution::fixed(0);
  site.connections = {connection};
  OnSiteGeneration generation;
  generation.capacity_mw = 1;
  generation.available_from = {2026, 1, 1};
  site.generation = {generation};
  expected.sites = {site};
  Order order;
  order.name = "o";
  order.buyer = "b";
  order.product = "p";
  order.site = "s";
  order.schedule = {Shipment{{2026, 2, 1}, 1}};
  expected.orders = {order};
  ExportHold hold;
  hold.name = "e";
  hold.start = {2026, 3, 1};
  hold.duration_days = Distribution::fixed(1);
  expected.export_holds = {hold};
  FailureClass failure;
  failure.name = "f";
  failure.share = 1;
  expected.operations.failure_classes = {failure};
  EXPECT_TRUE(s == expected) << describe_scenario(s) << "\n---- expected ----\n"
                             << describe_scenario(expected);
}

TEST(Loader, DescribeRoundTripsToAnIdenticalScenario) {
  expect_round_trip(kData / "full.yaml");
  expect_round_trip(kData / "variant.yaml");
  expect_round_trip(kData / "minimal.yaml");
}

TEST(Loader, DescribeWritesCanonicalUnitsAndInlineSchedules) {
  const std::string text = describe_scenario(load_ok(kData / "full.yaml"));
  for (const char* line :
       {"sample_interval: 7 days\n", "    it_power_per_unit: 0.132 MW\n", "    reapply_after: 182 days\n",
        "    land: 30 ha\n", "        land: 1.5 ha\n", "  electricity_price: 150000 KRW/MWh\n",
        "  emission_factor: 0.45 tCO2/MWh\n", "      - {date: 2027-10-01, units: 100}\n",
        "    assessment_time: {lognormal: {median: 90 days, p90: 182.625 days}}\n",
        "power_priority: [nacc, ulsan]\n", "        connected_at_start: true\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
  EXPECT_EQ(text.find("base:"), std::string::npos);
}

TEST(Loader, BaseInAnotherFolderReadsItsCsvFromItsOwnFolder) {
  // A user's variant in a temporary folder names the test data's full.yaml by a relative path
  // with '..' and by an absolute path; full.yaml's CSV schedule is read from its own folder.
  const fs::path dir = fs::temp_directory_path() / "sovsim-outside-base" / "mine";
  fs::create_directories(dir);
  const fs::path full = fs::weakly_canonical(kData / "full.yaml");
  const fs::path relative = full.lexically_relative(fs::weakly_canonical(dir));
  for (const std::string& base : {relative.generic_string(), full.generic_string()}) {
    std::ofstream(dir / "variant.yaml") << "base: " << base << "\nname: mine\n";
    const LoadResult r = load_scenario(dir / "variant.yaml");
    ASSERT_TRUE(r.ok()) << base << ": " << r.errors.front();
    EXPECT_EQ(r.scenario->name, "mine");
    EXPECT_EQ(r.scenario->orders, load_ok(kData / "full.yaml").orders) << base;
  }
  // The variant's own CSV files stay confined to its folder.
  std::ofstream(dir / "variant.yaml") << "base: " << full.generic_string()
                                      << "\norders:\n  - {name: o, buyer: gov, product: hgx, site: only, "
                                         "schedule: ../schedules/nacc.csv}\n";
  const LoadResult r = load_scenario(dir / "variant.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(std::any_of(r.errors.begin(), r.errors.end(), [](const std::string& e) {
    return e.find("orders[") != std::string::npos &&
           e.find("paths may not contain '..'") != std::string::npos;
  })) << r.errors.front();
  fs::remove_all(dir.parent_path());
}

TEST(Loader, VariantPatchesNamedEntriesAndKeepsTheRest) {
  const fs::path dir = fs::temp_directory_path() / "sovsim-patch";
  fs::create_directories(dir);
  std::ofstream(dir / "variant.yaml")
      << "base: " << fs::weakly_canonical(kData / "full.yaml").generic_string()
      << "\nzones:\n  - {name: south, headroom: 7 MW}\n";
  const Scenario base = load_ok(kData / "full.yaml");
  const LoadResult r = load_scenario(dir / "variant.yaml");
  ASSERT_TRUE(r.ok()) << r.errors.front();
  ASSERT_EQ(r.scenario->zones.size(), base.zones.size());
  for (std::size_t z = 0; z < base.zones.size(); ++z) {
    models::GridZone expected = base.zones[z];
    if (expected.name == "south") expected.headroom_mw = 7;
    EXPECT_EQ(r.scenario->zones[z], expected) << expected.name;
  }
  fs::remove_all(dir);
}

TEST(Loader, VariantMergesMapsAndReplacesListsAndRecordsProvenance) {
  const LoadResult r = load_scenario(kData / "variant.yaml", {"title=Overridden"});
  ASSERT_TRUE(r.ok()) << r.errors.front();
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.name, "variant");
  EXPECT_EQ(s.title, "Overridden");
  EXPECT_EQ(s.end, (sim::Date{2030, 12, 31}));
  EXPECT_EQ(s.start, (sim::Date{2025, 11, 1}));  // from the base
  ASSERT_EQ(s.sites.size(), 1u);                 // the list replaced whole ({replace: ...})
  EXPECT_EQ(s.sites[0].name, "only");
  EXPECT_TRUE(s.export_holds.empty());  // null removed the base's list
  EXPECT_EQ(s.zones.size(), 2u);        // untouched keys come from the base
  EXPECT_EQ(s.operations.failure_classes.size(), 2u);
  const ScenarioProvenance& p = r.provenance;
  EXPECT_EQ(p.text, read_file(kData / "variant.yaml"));
  ASSERT_EQ(p.bases.size(), 1u);
  EXPECT_EQ(p.bases[0].path, "full.yaml");
  EXPECT_EQ(p.bases[0].text, read_file(kData / "full.yaml"));
  ASSERT_EQ(p.csv_files.size(), 1u);
  EXPECT_EQ(p.csv_files[0].path, "schedules/nacc.csv");
  EXPECT_EQ(p.csv_files[0].text, read_file(kData / "schedules" / "nacc.csv"));
  EXPECT_EQ(p.overrides, (std::vector<std::string>{"title=Overridden"}));
  EXPECT_EQ(p.resolved_yaml, describe_scenario(s));
}

TEST(Loader, OverridesAddressListEntriesByNameOrIndexWithUnits) {
  const Scenario s =
      load_ok(kData / "full.yaml", {"sites.nacc.land=150000 m2", "sites[1].halls[0].pue=1.3",
                                    "logistics.transit_time={fixed: 20 days}", "power_priority=[ulsan, nacc]",
                                    "sites.nacc.halls.phase1.pue=1.1", "description="});
  EXPECT_EQ(s.sites[0].land_ha, 15);
  EXPECT_EQ(s.sites[1].halls[0].pue, 1.3);
  EXPECT_EQ(s.sites[0].halls[0].pue, 1.1);
  EXPECT_EQ(s.logistics.transit_days, Distribution::fixed(20));
  EXPECT_EQ(s.power_priority, (std::vector<std::string>{"ulsan", "nacc"}));
  EXPECT_EQ(s.description, "");  // an empty value removes the key: its default
}

TEST(Loader, OverrideProblemsNameTheOverride) {
  EXPECT_EQ(
      errors_of(kData / "full.yaml", {"sites.nacc.land=150"}),
      std::vector<std::string>{"--set sites.nacc.land=150:1:17: sites[0].land: expected an area such as "
                               "'3.6 ha', found '150'"});
  EXPECT_EQ(
      errors_of(kData / "full.yaml", {"sites.nacc.lnad=1 ha"}),
      std::vector<std::string>{"--set sites.nacc.lnad=1 ha:1:12: sites[0].lnad: unknown key; did you mean "
                               "'land'?"});
  EXPECT_EQ(
      errors_of(kData / "full.yaml", {"base=other.yaml"}),
      std::vector<std::string>{"--set base=other.yaml:1:1: base: the base cannot be overridden; write a "
                               "variant file instead"});
  EXPECT_EQ(errors_of(kData / "full.yaml", {"title=[unclosed"}),
            std::vector<std::string>{
                "--set title=[unclosed:1:1: YAML syntax error: end of sequence flow not found"});
}

TEST(Loader, ErrorsInABaseNameTheBaseAndTheVariant) {
  const fs::path dir = fs::path(SOVSIM_BINARY_DIR) / "tests" / "scenario" / "base-error";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "base.yaml") << "name: b\nstart: 2026-01-01\nend: 2027-01-01\nseed: -1\n";
  std::ofstream(dir / "variant.yaml") << "# variant\nbase: base.yaml\n";
  const std::vector<std::string> errors = errors_of(dir / "variant.yaml", {});
  const std::string v = (dir / "variant.yaml").generic_string();
  const std::string b = (dir / "base.yaml").generic_string();
  EXPECT_EQ(errors,
            std::vector<std::string>{b +
                                     ":4:7: seed: expected an integer in [0, 9007199254740992], found "
                                     "'-1' (in " +
                                     b + " included from " + v + ":2:7)"});
}

TEST(Loader, ScenarioErrorCarriesEveryMessage) {
  try {
    load_scenario_or_throw(kData / "full.yaml", {"seed=x", "end=2020-01-01"});
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(std::string(e.what()), e.errors()[0] + "\n" + e.errors()[1]);
  }
}

TEST(Loader, LoadsFromTextWithItsDisplayName) {
  const LoadResult r =
      load_scenario_text("name: t\nstart: 2026-01-01\nend: 2026-01-01\n", "inline.yaml", kData);
  EXPECT_EQ(r.errors,
            std::vector<std::string>{"inline.yaml:3:6: end: expected a date after start (2026-01-01), "
                                     "found '2026-01-01'"});
}

// A sweep parses its scenario once and loads it per run with that run's overrides: every load
// gives exactly what load_scenario_text gives (values, messages, budget), and loads do not share
// state (a bad override in one does not leak into the next).
TEST(PreparedScenario, LoadsExactlyAsLoadScenarioTextForEachSetOfOverrides) {
  const LoadResult full = load_scenario(kData / "full.yaml");
  ASSERT_TRUE(full.ok());
  const std::string text = full.provenance.resolved_yaml;
  const PreparedScenario prepared = prepare_scenario_text(text, "full (resolved)", kData);
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"sites.nacc.land=150000 m2", "sites[1].halls[0].pue=1.3"},
      {"sites.nacc.land=150"},
      {"sites.nacc.lnad=1 ha", "seed=x", "end=2020-01-01"},
      {"title=[unclosed"},
      {"logistics.transit_time={fixed: 20 days}"},
      {}};
  for (const std::vector<std::string>& overrides : cases) {
    SCOPED_TRACE(overrides.empty() ? std::string("no overrides") : overrides.front());
    const LoadResult expected = load_scenario_text(text, "full (resolved)", kData, overrides);
    const LoadResult got = prepared.load(overrides);
    EXPECT_EQ(got.errors, expected.errors);
    ASSERT_EQ(got.ok(), expected.ok());
    if (got.ok()) {
      EXPECT_TRUE(*got.scenario == *expected.scenario);
      EXPECT_EQ(got.provenance.resolved_yaml, expected.provenance.resolved_yaml);
      EXPECT_EQ(got.provenance.overrides, overrides);
      const LoadResult undescribed = prepared.load(overrides, /*describe=*/false);
      ASSERT_TRUE(undescribed.ok());
      EXPECT_TRUE(*undescribed.scenario == *expected.scenario);
      EXPECT_EQ(undescribed.provenance.resolved_yaml, "");
    }
  }
}

// A model's rule (here: a seed above 5 is refused) runs on every prepared load, as on a load.
void refuse_seeds_above_five(const Scenario& s, scn::Reader& r) {
  if (s.seed > 5) r.violation("seed", "expected a seed of at most 5 (a test's model rule)");
}
constexpr std::array<ModelRule, 1> kTestRules = {&refuse_seeds_above_five};

TEST(PreparedScenario, RunsTheModelsRulesOnEveryLoad) {
  const LoadResult full = load_scenario(kData / "full.yaml");
  ASSERT_TRUE(full.ok());
  const std::string text = full.provenance.resolved_yaml;
  const PreparedScenario prepared = prepare_scenario_text(text, "full (resolved)", kData, kTestRules);
  for (const std::string seed : {"seed=3", "seed=9", "seed=4"}) {
    SCOPED_TRACE(seed);
    const LoadResult expected = load_scenario_text(text, "full (resolved)", kData, {seed}, kTestRules);
    EXPECT_EQ(prepared.load({seed}).errors, expected.errors);
    EXPECT_EQ(expected.ok(), seed != "seed=9");
  }
}

TEST(PreparedScenario, AnUnreadableTextGivesItsProblemsOnEveryLoad) {
  const std::string text = "name: t\nstart: [2026\n";
  const PreparedScenario prepared = prepare_scenario_text(text, "bad.yaml", kData);
  const LoadResult expected = load_scenario_text(text, "bad.yaml", kData, {"seed=2"});
  ASSERT_FALSE(expected.ok());
  EXPECT_EQ(prepared.load({"seed=2"}).errors, expected.errors);
  EXPECT_EQ(prepared.load({"seed=2"}).errors, expected.errors);
}

TEST(Loader, EveryShippedScenarioValidatesAndRoundTrips) {
  const fs::path scenarios = fs::path(SOVSIM_SOURCE_DIR) / "scenarios";
  int count = 0;
  for (const auto& e : fs::recursive_directory_iterator(scenarios)) {
    if (e.path().extension() != ".yaml" || e.path().string().ends_with(".sweep.yaml")) continue;  // sweeps
    SCOPED_TRACE(e.path().string());
    expect_round_trip(e.path());
    ++count;
  }
  EXPECT_GT(count, 0);
}

TEST(Schema, EveryKeyIsDescribedAndEveryRecordDocumented) {
  std::vector<const scn::RecordInfo*> todo = {&scn::scenario_schema().info()};
  int keys = 0;
  while (!todo.empty()) {
    const scn::RecordInfo* r = todo.back();
    todo.pop_back();
    EXPECT_FALSE(r->description.empty()) << r->name;
    for (const scn::FieldInfo& f : r->fields) {
      ++keys;
      EXPECT_FALSE(f.description.empty()) << r->path << " " << f.key;
      EXPECT_FALSE(f.required && !f.default_text.empty()) << f.key << " is required and has a default";
      if (f.record != nullptr) todo.push_back(f.record);
      if (f.type == scn::Type::Choice) {
        EXPECT_FALSE(f.choices.empty()) << f.key;
      }
      if (f.type == scn::Type::Ref || f.type == scn::Type::RefList) {
        EXPECT_FALSE(f.ref_noun.empty()) << f.key;
      }
    }
  }
  EXPECT_GT(keys, 80);
}

TEST(Schema, ReferenceDocumentIsUpToDate) {
  const fs::path doc = fs::path(SOVSIM_SOURCE_DIR) / "docs" / "scenario-reference.md";
  EXPECT_EQ(read_file(doc), scenario_reference_markdown() + "\n")
      << "docs/scenario-reference.md is stale; regenerate it with\n"
         "  build/sovsim describe --reference > docs/scenario-reference.md";
}

}  // namespace
}  // namespace models
