// Report dates (always-finite indicators next to the milestone dates) on the hand-computed mini
// scenario of conditions_test: 100 servers of 8 GPUs arrive on day 10; one crew installs 4 a day
// with no burn-in and no failures, so server j (1-based) enters service at exactly day 10 + j/4.
// A date's end is midnight after it (the end of 2026-01-23 is day 23 from the start); GPU-days in
// service by day D are 8 x the sum, over the servers done before D, of (D - 10 - j/4).
#include "models/rollout/report_dates.h"

#include <gtest/gtest.h>

#include <cmath>

#include "models/rollout/output_schema.h"
#include "scenario_builder.h"

namespace {

using namespace rollout_test;

models::Scenario mini(sim::Date end = {2026, 12, 31}) {
  models::Scenario s = base_scenario({2026, 1, 1}, end);
  s.zones.push_back(zone("z", 1000));
  models::Site st = site("alpha", "z", 1000);
  st.install_crews = 1;
  st.units_per_crew_day = 4;
  st.burn_in_days = models::Distribution::fixed(0);
  st.halls.push_back(existing_hall("h1", 100, 1000));
  s.sites.push_back(st);
  s.orders.push_back(order("o1", "alpha", {2026, 1, 1}, 100));
  return s;
}

const sim::StaticVariable& static_of(const sim::MemorySink& sink, const std::string& name) {
  const sim::StaticVariable* v = sink.find_static(name);
  if (!v) throw std::runtime_error("no static " + name);
  return *v;
}

TEST(ReportDates, GpuDaysAndGpusInServiceAreReadExactlyAtTheEndOfEachDate) {
  models::Scenario s = mini();
  // End of 2026-01-23 = day 23: servers j = 1..51 are done before it (j = 52 finishes at midnight
  // itself): 8 x (51 x 13 - (51 x 52 / 2) / 4) = 8 x 331.5 = 2652 GPU-days, 408 GPUs.
  // End of 2026-02-28 = day 59: all 100, 8 x (100 x 49 - 5050 / 4) = 29100 GPU-days, 800 GPUs.
  // Before the arrival (end of 2026-01-05 = day 5): nothing.
  s.report_dates = {{"early", {2026, 1, 5}}, {"jan-23", {2026, 1, 23}}, {"feb-end", {2026, 2, 28}}};
  sim::MemorySink sink;
  const auto out = run(s, sink);
  ASSERT_EQ(out.headline.report_dates.size(), 3u);
  const auto& d = out.headline.report_dates;
  EXPECT_EQ(d[0].name, "early");
  EXPECT_DOUBLE_EQ(d[0].gpu_days_in_service, 0.0);
  EXPECT_EQ(d[0].gpus_in_service, 0);
  EXPECT_DOUBLE_EQ(d[1].gpu_days_in_service, 2652.0);
  EXPECT_EQ(d[1].gpus_in_service, 408);
  EXPECT_DOUBLE_EQ(d[2].gpu_days_in_service, 29100.0);
  EXPECT_EQ(d[2].gpus_in_service, 800);

  // The run file: the report_date axis with the names, and the values through the output schema.
  const sim::Axis* axis = sink.schema().find_axis("report_date");
  ASSERT_NE(axis, nullptr);
  EXPECT_EQ(axis->labels, (std::vector<std::string>{"early", "jan-23", "feb-end"}));
  EXPECT_EQ(static_of(sink, "gpu_days_in_service_by").values, (std::vector<double>{0, 2652, 29100}));
  EXPECT_EQ(static_of(sink, "gpus_in_service_on").values, (std::vector<double>{0, 408, 800}));
  // The dates themselves, in days since the start (CF time): 4, 22, 58.
  EXPECT_EQ(static_of(sink, "report_date_date").values, (std::vector<double>{4, 22, 58}));
  // Every GPU entered service: the share at the end is 1, and agrees with the milestone date.
  EXPECT_EQ(static_of(sink, "share_entered_service_at_end").values, (std::vector<double>{1.0}));
}

TEST(ReportDates, ShareAtTheEndIsFiniteWhenTheMilestoneIsCensored) {
  // Horizon ends 2026-01-20, i.e. at day 20 (midnight after it; the run processes that instant):
  // servers j <= 40 = 320 of 800 GPUs; the 50 % date is never reached (censored, NaN), the share
  // is 320 / 800 = 0.4, and the default report dates (year ends within the horizon) are none.
  const models::Scenario s = mini({2026, 1, 20});
  sim::MemorySink sink;
  const auto out = run(s, sink);
  EXPECT_TRUE(std::isnan(out.headline.national.days[0]));
  EXPECT_EQ(static_of(sink, "share_entered_service_at_end").values, (std::vector<double>{0.4}));
  EXPECT_TRUE(out.headline.report_dates.empty());
  EXPECT_EQ(sink.schema().find_axis("report_date"), nullptr);
  EXPECT_EQ(sink.find_static("gpu_days_in_service_by"), nullptr);
}

TEST(ReportDates, DefaultIsTheEndOfEveryCalendarYearWithinTheHorizon) {
  models::Scenario s = mini({2028, 6, 30});
  std::vector<models::ReportDate> dates = models::rollout::report_dates(s);
  ASSERT_EQ(dates.size(), 2u);
  EXPECT_EQ(dates[0].name, "end-2026");
  EXPECT_EQ(dates[0].date, (sim::Date{2026, 12, 31}));
  EXPECT_EQ(dates[1].name, "end-2027");
  // A horizon ending on 31 December includes that year's end.
  s.end = {2028, 12, 31};
  EXPECT_EQ(models::rollout::report_dates(s).size(), 3u);
  // Given dates replace the default.
  s.report_dates = {{"mid", {2027, 6, 30}}};
  dates = models::rollout::report_dates(s);
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].name, "mid");

  // Over a long horizon the year-end values are the run's: end-2026 holds all 800 GPUs since day 35.
  sim::MemorySink sink;
  s.report_dates.clear();
  const auto out = run(s, sink);
  ASSERT_EQ(out.headline.report_dates.size(), 3u);
  // End of 2026-12-31 = day 365: 8 x (100 x 355 - 1262.5) = 273900 GPU-days.
  EXPECT_DOUBLE_EQ(out.headline.report_dates[0].gpu_days_in_service, 273900.0);
  EXPECT_EQ(out.headline.report_dates[0].gpus_in_service, 800);
}

TEST(ReportDates, AddingReportDatesChangesNoOtherOutput) {
  // Reading the accounting at a date must not change the run: the same seed with and without
  // report dates gives the same headline indicators.
  models::Scenario without = mini({2026, 3, 31});
  without.operations.failures_per_gpu_day = 1e-3;  // random failures, so that draws would show it
  models::Scenario with = without;
  with.report_dates = {{"a", {2026, 1, 15}}, {"b", {2026, 2, 15}}, {"c", {2026, 3, 31}}};
  sim::MemorySink sink_without, sink_with;
  const auto a = run(without, sink_without);
  const auto b = run(with, sink_with);
  EXPECT_EQ(a.headline.gpu_days, b.headline.gpu_days);
  EXPECT_EQ(a.headline.energy_twh, b.headline.energy_twh);
  EXPECT_EQ(a.headline.gpus_operational_at_end, b.headline.gpus_operational_at_end);
  ASSERT_EQ(b.headline.report_dates.size(), 3u);
  // The last date is the horizon's end: its GPU-days in service are the run's total.
  EXPECT_DOUBLE_EQ(b.headline.report_dates[2].gpu_days_in_service,
                   b.headline.gpu_days[index(models::rollout::GpuState::Operational)]);
}

}  // namespace
