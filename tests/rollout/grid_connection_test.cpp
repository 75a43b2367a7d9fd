// Grid connection: application, impact assessment for large loads, energisation.
#include "models/rollout/grid_connection.h"

#include <gtest/gtest.h>

#include "models/rollout/catalogue.h"
#include "scenario_builder.h"

namespace {

using namespace rollout_test;

models::GridConnection connection(double mw, sim::Date applied) {
  models::GridConnection c;
  c.capacity_mw = mw;
  c.applied = applied;
  c.lead_days = models::Distribution::fixed(30);
  return c;
}

models::Scenario connection_scenario(double pass_probability) {
  models::Scenario s = base_scenario({2026, 1, 1}, {2028, 12, 31});
  models::GridZone z = zone("z", 100);
  z.assessment_pass_probability = pass_probability;
  z.assessment_days = models::Distribution::fixed(90);
  z.reapply_days = 180;
  s.zones.push_back(z);
  models::Site st = site("alpha", "z", 0);
  st.connections.clear();
  st.connections.push_back(connection(5, {2026, 1, 1}));    // below 10 MW: no assessment
  st.connections.push_back(connection(4.8, {2026, 1, 1}));  // cumulative 9.8: none either
  st.connections.push_back(connection(0.2, {2026, 1, 1}));  // cumulative 10.0: assessed
  st.connections.push_back(connection(40, {2026, 3, 1}));   // assessed
  s.sites.push_back(st);
  return s;
}

TEST(GridConnection, AssessmentAppliesFromTheCumulativeThreshold) {
  const models::Scenario s = connection_scenario(1.0);
  const models::rollout::Catalogue c(s);
  sim::Simulation sim({s.seed, 0, s.start});
  const auto plans = models::rollout::plan_connections(c, sim);
  ASSERT_EQ(plans.size(), 4u);
  EXPECT_FALSE(plans[0].assessed);
  EXPECT_EQ(*plans[0].energised, sim::days(30));
  EXPECT_FALSE(plans[1].assessed);
  EXPECT_TRUE(plans[2].assessed);
  EXPECT_EQ(*plans[2].energised, sim::days(90 + 30));
  // Applied 2026-03-01 (day 59): + 90 review + 30 lead.
  EXPECT_EQ(*plans[3].energised, sim::days(59 + 120));
  EXPECT_EQ(plans[3].assessments, 1);
}

TEST(GridConnection, FailedAssessmentIsFiledAgainOrNeverPasses) {
  const models::Scenario never = connection_scenario(0.0);
  const models::rollout::Catalogue c(never);
  sim::Simulation sim({never.seed, 0, never.start});
  const auto plans = models::rollout::plan_connections(c, sim);
  EXPECT_TRUE(plans[0].energised.has_value());
  EXPECT_FALSE(plans[3].energised.has_value());
  // Reviews every 90 + 180 days from day 59 while within the horizon (day 1096): 4 reviews.
  EXPECT_EQ(plans[3].assessments, 4);

  const models::Scenario coin = connection_scenario(0.5);
  const models::rollout::Catalogue c2(coin);
  sim::Simulation sim2({coin.seed, 0, coin.start});
  for (const auto& p : models::rollout::plan_connections(c2, sim2)) {
    if (!p.assessed || !p.energised) continue;
    // Energised after k reviews: 90 k + 180 (k - 1) + 30 days after the application.
    const sim::Ticks applied = p.capacity_mw == 40 ? sim::days(59) : 0;
    EXPECT_EQ(*p.energised - applied, sim::days(90 * p.assessments + 180 * (p.assessments - 1) + 30));
  }
}

TEST(GridConnection, SiteGetsPowerOnlyOnceEnergised) {
  models::Scenario s = connection_scenario(1.0);
  s.sites[0].connections = {connection(20, {2026, 1, 1})};  // energised day 120
  s.sites[0].halls.push_back(existing_hall("h1", 50, 500));
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 10));
  sim::MemorySink sink;
  run(s, sink);
  EXPECT_EQ(site_value(sink, "grid_connected_mw", row(119), "alpha"), 0);
  EXPECT_EQ(gpus(sink, row(119), "alpha", "waiting_power"), 80);
  EXPECT_EQ(site_value(sink, "grid_connected_mw", row(120), "alpha"), 20);
  EXPECT_EQ(gpus(sink, row(120), "alpha", "waiting_power"), 0);
  EXPECT_EQ(gpus(sink, row(126), "alpha", "operational"), 80);  // 5 pairs x 0.1 d + 5 d burn-in
}

}  // namespace

namespace {

using namespace rollout_test;

// A 40 MW connection applied on 2027-03-01 in zone "south" and one in "capital", pass
// probability 0 everywhere (never passes), lead 30 days; horizon to 2028-12-31.
models::Scenario special_act_scenario() {
  models::Scenario s = base_scenario({2026, 1, 1}, {2028, 12, 31});
  for (const char* name : {"south", "capital"}) {
    models::GridZone z = zone(name, 1000);
    z.assessment_pass_probability = 0;
    z.assessment_days = models::Distribution::fixed(90);
    s.zones.push_back(z);
  }
  for (const char* name : {"south", "capital"}) {
    models::Site st = site(std::string(name) + "-dc", name, 0);
    st.connections = {connection(40, {2027, 3, 1})};
    s.sites.push_back(st);
  }
  return s;
}

TEST(AssessmentRules, ADatedExemptionOutsideTheCapital) {
  // From 2027-02-01 AI data centres in "south" below 100 MW are exempt: south's connection,
  // filed on 2027-03-01 (day 424), is energised 30 days later; capital's is never.
  models::Scenario s = special_act_scenario();
  models::AssessmentRule act;
  act.name = "special-act";
  act.from = {2027, 2, 1};
  act.zones = {"south"};
  act.site_class = "ai-dc";
  act.threshold_mw = 100;
  s.assessment_rules = {act};
  const models::rollout::Catalogue c(s);
  sim::Simulation sim({s.seed, 0, s.start});
  const auto plans = models::rollout::plan_connections(c, sim);
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_FALSE(plans[0].assessed);
  EXPECT_EQ(*plans[0].energised, sim::days(424 + 30));
  EXPECT_TRUE(plans[1].assessed);
  EXPECT_FALSE(plans[1].energised.has_value());
  // The same rule for another site class does not apply.
  s.assessment_rules[0].site_class = "factory";
  const models::rollout::Catalogue c2(s);
  EXPECT_FALSE(models::rollout::plan_connections(c2, sim)[0].energised.has_value());
}

TEST(AssessmentRules, ARefiledApplicationFallsUnderTheRuleThenInForce) {
  // Applied 2026-06-01 (day 151), reviewed 90 days and failed, refiled after 180 days on day 421
  // (2027-02-26): the exemption from 2027-02-01 applies to the new filing -> energised day 451.
  models::Scenario s = special_act_scenario();
  s.sites[0].connections[0].applied = {2026, 6, 1};
  models::AssessmentRule act;
  act.name = "special-act";
  act.from = {2027, 2, 1};
  act.zones = {"south"};
  act.threshold_mw = 100;
  s.assessment_rules = {act};
  const models::rollout::Catalogue c(s);
  sim::Simulation sim({s.seed, 0, s.start});
  const auto plans = models::rollout::plan_connections(c, sim);
  EXPECT_EQ(plans[0].assessments, 1);
  EXPECT_EQ(*plans[0].energised, sim::days(151 + 90 + 180 + 30));
}

TEST(AssessmentRules, LaterRulesReplaceProbabilityAndReviewTime) {
  // From 2027-01-01 everywhere: pass probability 1 and 20-day reviews; from 2027-02-01 in
  // capital: 50-day reviews. capital's filing on day 424: 50 + 30 days; south's: 20 + 30.
  models::Scenario s = special_act_scenario();
  models::AssessmentRule all;
  all.name = "fast";
  all.from = {2027, 1, 1};
  all.pass_probability = 1;
  all.assessment_days = models::Distribution::fixed(20);
  models::AssessmentRule capital;
  capital.name = "capital-slow";
  capital.from = {2027, 2, 1};
  capital.zones = {"capital"};
  capital.assessment_days = models::Distribution::fixed(50);
  s.assessment_rules = {capital, all};  // list order does not matter: the later `from` wins
  const models::rollout::Catalogue c(s);
  sim::Simulation sim({s.seed, 0, s.start});
  const auto plans = models::rollout::plan_connections(c, sim);
  EXPECT_EQ(*plans[0].energised, sim::days(424 + 20 + 30));
  EXPECT_EQ(*plans[1].energised, sim::days(424 + 50 + 30));
  const models::rollout::AssessmentTerms terms = models::rollout::assessment_terms(c, 1, sim::days(424));
  EXPECT_EQ(terms.pass_probability, 1);
  EXPECT_EQ(terms.threshold_mw, 10);
}

}  // namespace
