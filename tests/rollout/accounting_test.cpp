// Accounting helpers and the headline table.
#include "models/rollout/accounting.h"

#include <gtest/gtest.h>

#include <cmath>

#include "models/rollout/headline.h"
#include "scenario_builder.h"

namespace {

using models::rollout::GpuState;
using models::rollout::index;

TEST(Accounting, CompensatedSumIsExactWhereNaiveSumDrifts) {
  models::rollout::CompensatedSum sum;
  double naive = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    sum.add(0.1);
    naive += 0.1;
  }
  EXPECT_DOUBLE_EQ(sum.value(), 100000.0);
  EXPECT_NE(naive, 100000.0);
}

TEST(Accounting, MovesConserveAndIntegrateGpuSeconds) {
  using namespace rollout_test;
  models::Scenario s = base_scenario();
  s.zones.push_back(zone("z", 10));
  s.sites.push_back(site("alpha", "z", 10));
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 10));
  const models::rollout::Catalogue c(s);
  models::rollout::Accounting a(c);
  EXPECT_EQ(a.site_counts(0)[index(GpuState::OnOrder)], 80);
  a.move(0, 0, GpuState::OnOrder, GpuState::InTransit, 80, sim::days(2));
  a.move(0, 0, GpuState::InTransit, GpuState::WaitingPower, 30, sim::days(5));
  a.advance(0, sim::days(10));
  EXPECT_EQ(a.site_gpu_seconds(0)[index(GpuState::OnOrder)], 80 * sim::days(2));
  EXPECT_EQ(a.site_gpu_seconds(0)[index(GpuState::InTransit)], 80 * sim::days(3) + 50 * sim::days(5));
  EXPECT_EQ(a.site_gpu_seconds(0)[index(GpuState::WaitingPower)], 30 * sim::days(5));
  EXPECT_THROW(a.move(0, 0, GpuState::Operational, GpuState::Retired, 1, sim::days(10)), std::logic_error);
}

TEST(Accounting, EnergyIntegratesPiecewiseConstantDraw) {
  using namespace rollout_test;
  models::Scenario s = base_scenario();
  s.zones.push_back(zone("z", 10));
  s.sites.push_back(site("alpha", "z", 10));
  const models::rollout::Catalogue c(s);
  models::rollout::Accounting a(c);
  // 2 MW for 10 h, then 3 MW for 5 h (1 MW of it on site at 0.1 t/MWh): 35 MWh; grid 30 MWh.
  a.set_draw(0, models::rollout::to_milliwatts(2), sim::hours(0));
  a.add_generation(0, models::rollout::Generation::firm_plant(models::rollout::to_milliwatts(1), 0.1),
                   sim::hours(10));
  a.set_draw(0, models::rollout::to_milliwatts(3), sim::hours(10));
  a.advance(0, sim::hours(15));
  EXPECT_NEAR(a.energy_mwh(0), 35.0, 1e-12);
  EXPECT_NEAR(a.grid_energy_mwh(0), 30.0, 1e-12);
  EXPECT_NEAR(a.emissions_t(0), 30.0 * 0.4173 + 5.0 * 0.1, 1e-12);
  EXPECT_DOUBLE_EQ(a.peak_draw_mw(), 3.0);
}

TEST(Headline, BindingConstraintIsTheLargestWait) {
  std::array<double, models::rollout::kGpuStateCount> days{};
  EXPECT_EQ(models::rollout::binding_constraint(days), models::rollout::Constraint::None);
  days[index(GpuState::InTransit)] = 1e6;  // not a site constraint
  EXPECT_EQ(models::rollout::binding_constraint(days), models::rollout::Constraint::None);
  days[index(GpuState::WaitingCrew)] = 10;
  days[index(GpuState::WaitingPower)] = 20;
  EXPECT_EQ(models::rollout::binding_constraint(days), models::rollout::Constraint::Power);
}

TEST(Headline, FormatShowsDatesAndSites) {
  models::rollout::Headline h;
  h.scenario = "korea";
  h.start = {2025, 11, 1};
  h.end = {2032, 12, 31};
  h.national.days = {61.0, std::nan(""), std::nan("")};
  h.buyers.push_back({"government", 50000, {{30.5, 400, std::nan("")}}});
  models::rollout::SiteHeadline site;
  site.name = "nacc-haenam";
  site.binding = models::rollout::Constraint::Power;
  h.sites.push_back(site);
  const std::string text = models::rollout::format_headline(h);
  EXPECT_NE(text.find("2026-01-01"), std::string::npos) << text;  // 61 days after 2025-11-01
  EXPECT_NE(text.find("2025-12-01"), std::string::npos) << text;  // 30.5 days: within 2025-12-01
  EXPECT_NE(text.find("buyer government"), std::string::npos) << text;
  EXPECT_NE(text.find("nacc-haenam"), std::string::npos) << text;
  EXPECT_NE(text.find("power"), std::string::npos) << text;
  EXPECT_EQ(text.find("per GPU ("), std::string::npos) << text;  // daily counts, the default: nothing said
  h.per_gpu_failures = true;
  EXPECT_NE(models::rollout::format_headline(h).find(
                "run 0, failures per GPU (operations.failure_process: per_gpu)\n"),
            std::string::npos);
}

}  // namespace
