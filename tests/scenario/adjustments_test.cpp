// Scale factors and shifts (models/scenario/adjustments.h): read through the schema like any key,
// applied by adjusted(), and run by the model.
#include "models/scenario/adjustments.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "models/rollout/rollout.h"
#include "models/scenario/loader.h"

namespace models {
namespace {

namespace fs = std::filesystem;

const fs::path kBase = fs::path(SOVSIM_SOURCE_DIR) / "tests" / "bad_input" / "_base.yaml";

Scenario load_ok(const std::vector<std::string>& overrides) {
  LoadResult r = load_scenario(kBase, overrides);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front());
  return r.scenario.value_or(Scenario{});
}

std::string all_errors(const std::vector<std::string>& overrides) {
  std::string out;
  for (const auto& e : load_scenario(kBase, overrides).errors) out += e + "\n";
  return out;
}

TEST(Adjustments, DefaultsAreIdentity) {
  const Scenario s = load_ok({});
  EXPECT_FALSE(has_adjustments(s));
  EXPECT_TRUE(adjusted(s) == s);
}

TEST(Adjustments, FactorsScaleEveryDistributionParameter) {
  const Scenario s =
      load_ok({"adjustments.construction_duration_factor=2", "adjustments.grid_lead_time_factor=0.5",
               "adjustments.transit_time_factor=3", "adjustments.installation_rate_factor=1.5",
               "adjustments.burn_in_factor=2", "adjustments.assessment_time_factor=4"});
  const Scenario base = load_ok({});
  // The loaded scenario keeps the values as written, next to the factors.
  EXPECT_TRUE(s.construction_templates == base.construction_templates);
  EXPECT_EQ(s.adjustments.construction_duration_factor, 2);
  ASSERT_TRUE(has_adjustments(s));
  const Scenario a = adjusted(s);
  const Distribution& build = a.construction_templates[0].tasks[1].duration_days;
  const Distribution& build0 = base.construction_templates[0].tasks[1].duration_days;
  EXPECT_EQ(build.kind, Distribution::Kind::Triangular);
  EXPECT_DOUBLE_EQ(build.a, 2 * build0.a);
  EXPECT_DOUBLE_EQ(build.b, 2 * build0.b);
  EXPECT_DOUBLE_EQ(build.c, 2 * build0.c);
  const Distribution& lead = a.sites[0].connections[0].lead_days;
  EXPECT_DOUBLE_EQ(lead.a, 0.5 * base.sites[0].connections[0].lead_days.a);  // median
  EXPECT_DOUBLE_EQ(lead.b, 0.5 * base.sites[0].connections[0].lead_days.b);  // p90
  EXPECT_DOUBLE_EQ(a.logistics.transit_days.a, 90);
  EXPECT_DOUBLE_EQ(a.sites[0].units_per_crew_day, 15);
  EXPECT_DOUBLE_EQ(a.sites[0].burn_in_days.a, 28);
  EXPECT_DOUBLE_EQ(a.zones[0].assessment_days.a, 360);
  // Applied once: the result carries identity factors.
  EXPECT_FALSE(has_adjustments(a));
  EXPECT_TRUE(adjusted(a) == a);
}

TEST(Adjustments, ShiftsAddUpPerOrderBuyerAndScenario) {
  const Scenario s =
      load_ok({"adjustments.schedule_shift=10 days", "buyers.gov.schedule_shift=-1 month",
               "orders.gov-racks.schedule_shift=1 week", "sites.haenam.planned_start_shift=-20 days",
               "adjustments.planned_start_shift=5 days"});
  const Scenario a = adjusted(s);
  // 2027-01-01 + 10 - 30.4375 (a month is 365.25/12 days) + 7 = -13.4 days, rounded: 2026-12-19.
  EXPECT_EQ(a.orders[0].schedule[0].date, (sim::Date{2026, 12, 19}));
  EXPECT_EQ(a.sites[0].halls[0].planned_start, (sim::Date{2026, 2, 14}));  // 2026-03-01 - 15 days
}

TEST(Adjustments, DescribeRoundTripsTheFactors) {
  const LoadResult r = load_scenario(
      kBase, {"adjustments.grid_lead_time_factor=1.25", "sites.haenam.planned_start_shift=90 days"});
  ASSERT_TRUE(r.ok());
  const LoadResult again =
      load_scenario_text(r.provenance.resolved_yaml, "described.yaml", kBase.parent_path());
  ASSERT_TRUE(again.ok()) << again.errors.front();
  EXPECT_TRUE(*again.scenario == *r.scenario);
  EXPECT_EQ(again.scenario->adjustments.grid_lead_time_factor, 1.25);
  EXPECT_EQ(again.scenario->sites[0].planned_start_shift_days, 90);
}

TEST(Adjustments, BadValuesNameKeyExpectedAndFound) {
  const std::string zero = all_errors({"adjustments.construction_duration_factor=0"});
  EXPECT_NE(zero.find("adjustments.construction_duration_factor"), std::string::npos) << zero;
  EXPECT_NE(zero.find("in (0, 100]"), std::string::npos) << zero;
  const std::string date = all_errors({"sites.haenam.planned_start_shift=2029-06-30"});
  EXPECT_NE(date.find("sites.haenam.planned_start_shift"), std::string::npos) << date;
  EXPECT_NE(date.find("2029-06-30"), std::string::npos) << date;
  const std::string far = all_errors({"buyers.gov.schedule_shift=20 years"});
  EXPECT_NE(far.find("buyers.gov.schedule_shift"), std::string::npos) << far;
  const std::string typo = all_errors({"adjustments.grid_lead_factor=2"});
  EXPECT_NE(typo.find("grid_lead_time_factor"), std::string::npos) << "did you mean: " << typo;
}

TEST(Adjustments, TheModelRunsOnTheAdjustedScenario) {
  const Scenario base = load_ok({});
  const Scenario slow = load_ok({"adjustments.construction_duration_factor=3"});
  rollout::RunOptions o;
  o.seed = 7;
  const auto h0 = rollout::run_rollout(base, o).headline;
  const auto h1 = rollout::run_rollout(slow, o).headline;
  const auto h1_applied = rollout::run_rollout(adjusted(slow), o).headline;
  EXPECT_EQ(h1.national.days[0], h1_applied.national.days[0]);
  // Halls three times slower to build: the first GPUs work later (construction binds here).
  EXPECT_GT(h1.national.days[0], h0.national.days[0]);
  // Shipments moved past the end never ship.
  const Scenario late = load_ok({"adjustments.schedule_shift=3650 days"});
  EXPECT_EQ(rollout::run_rollout(late, o).headline.gpus_entered_service, 0);
}

// The base scenario with a background load in the south zone (headroom 200 MW, served ahead of the
// site's 48 MW): 150 MW fits beside the site, twice that does not.
LoadResult load_with_background(const std::vector<std::string>& overrides) {
  std::ifstream in(kBase);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string zone = "{name: south, headroom: 200 MW}";
  const auto at = text.find(zone);
  EXPECT_NE(at, std::string::npos);
  text.replace(at, zone.size(),
               "{name: south, headroom: 200 MW, background_load: [{date: 2026-01-01, load: 100 MW}, "
               "{date: 2026-06-01, load: 150 MW}]}");
  return load_scenario_text(text, "background.yaml", kBase.parent_path(), overrides);
}

TEST(Adjustments, BackgroundLoadFactorScalesEveryStepAndTheModelFeelsIt) {
  const LoadResult doubled = load_with_background({"adjustments.background_load_factor=2"});
  ASSERT_TRUE(doubled.ok()) << doubled.errors.front();
  const Scenario a = adjusted(*doubled.scenario);
  ASSERT_EQ(a.zones[0].background_load.size(), 2u);
  EXPECT_DOUBLE_EQ(a.zones[0].background_load[0].load_mw, 200);
  EXPECT_DOUBLE_EQ(a.zones[0].background_load[1].load_mw, 300);
  EXPECT_EQ(a.zones[0].background_load[1].date, (sim::Date{2026, 6, 1}));
  EXPECT_FALSE(has_adjustments(a));
  // 0 is allowed: no competing load at all.
  const LoadResult none = load_with_background({"adjustments.background_load_factor=0"});
  ASSERT_TRUE(none.ok()) << none.errors.front();
  EXPECT_DOUBLE_EQ(adjusted(*none.scenario).zones[0].background_load[1].load_mw, 0);
  // The model runs on it: with twice the background the south zone has no room left for the site.
  rollout::RunOptions o;
  o.seed = 7;
  const auto h_none = rollout::run_rollout(*none.scenario, o).headline;
  const auto h_doubled = rollout::run_rollout(*doubled.scenario, o).headline;
  EXPECT_GT(h_none.gpus_entered_service, h_doubled.gpus_entered_service);
  // Out of bounds or not a number: the key, what was expected and what was found.
  const std::string negative = all_errors({"adjustments.background_load_factor=-1"});
  EXPECT_NE(negative.find("adjustments.background_load_factor"), std::string::npos) << negative;
  EXPECT_NE(negative.find("in [0, 100]"), std::string::npos) << negative;
  EXPECT_NE(negative.find("-1"), std::string::npos) << negative;
}

}  // namespace
}  // namespace models
