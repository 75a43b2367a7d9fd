// The Korea-sized synthetic scenario runs to the end with every invariant checked at every
// daily sample, under each power-sharing policy.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "korea_like.h"
#include "scenario_builder.h"

namespace {

class KoreaLike : public ::testing::TestWithParam<models::PowerSharing> {};

TEST_P(KoreaLike, RunsWithInvariantsChecked) {
  models::Scenario s = rollout_test::korea_like();
  s.power_sharing = GetParam();
  s.power_priority = {"nacc-haenam", "gov-2026"};
  sim::MemorySink sink;
  const auto out = rollout_test::run(s, sink);
  const auto& h = out.headline;
  EXPECT_EQ(h.gpus_ordered, 260000);
  EXPECT_EQ(sink.rows(), 2619u);  // days 0 .. 2618: 2025-11-01 .. 2033-01-01
  EXPECT_GT(out.units, 25000u);   // units housed at least once
  EXPECT_GT(h.gpus_entered_service, 100000);
  EXPECT_GT(h.energy_twh, 1.0);
  EXPECT_LT(h.energy_twh, 40.0);  // 260k GPUs x ~2 kW x 7 years ~ 32 TWh at most
  EXPECT_NEAR(h.emissions_mt, h.energy_twh * 0.4173, 1e-6 * h.emissions_mt + 1e-12);
  EXPECT_GT(h.gpu_days[models::rollout::index(models::rollout::GpuState::InRepair)], 0);
  EXPECT_FALSE(std::isnan(h.national.days[0]));
  std::int64_t national = 0;
  for (const double v : sink.series("gpus_national", sink.rows() - 1))
    national += static_cast<std::int64_t>(v);
  EXPECT_EQ(national, 260000);
  if (GetParam() == models::PowerSharing::ConnectionQueue) std::cout << models::rollout::format_headline(h);
}

INSTANTIATE_TEST_SUITE_P(Policies, KoreaLike,
                         ::testing::Values(models::PowerSharing::ConnectionQueue,
                                           models::PowerSharing::ProRata,
                                           models::PowerSharing::PriorityList));

}  // namespace
