#include "models/rollout/report_dates.h"

#include <fmt/format.h>

#include <stdexcept>

namespace models::rollout {

std::vector<ReportDate> report_dates(const Scenario& sc) {
  if (!sc.report_dates.empty()) return sc.report_dates;
  std::vector<ReportDate> dates;
  for (int year = sc.start.year; year <= sc.end.year; ++year) {
    const sim::Date end_of_year{year, 12, 31};
    if (end_of_year >= sc.start && end_of_year <= sc.end)
      dates.push_back({fmt::format("end-{}", year), end_of_year});
  }
  return dates;
}

ReportDateMonitor::ReportDateMonitor(const Catalogue& c) {
  const Scenario& sc = c.scenario();
  for (const ReportDate& d : report_dates(sc)) {
    // The end of the date: midnight after it.
    const sim::Ticks at = sim::days(sim::days_from_civil(d.date) - sim::days_from_civil(sc.start) + 1);
    if (at <= 0 || at > c.horizon())
      throw std::invalid_argument("rollout: report date '" + d.name + "' is outside the horizon");
    at_.push_back(at);
    ReportDateValues v;
    v.name = d.name;
    v.date = d.date;
    values_.push_back(std::move(v));
  }
}

void ReportDateMonitor::schedule(World& w) const {
  for (std::size_t k = 0; k < at_.size(); ++k) w.schedule(at_[k], Event::ReportDate, k, sim::Priority::First);
}

void ReportDateMonitor::on_date(const World& w, std::size_t k) {
  const Accounting& a = w.accounting;
  const auto operational = index(GpuState::Operational);
  std::int64_t gpu_seconds = 0, gpus = 0;
  for (std::size_t s = 0; s < w.catalogue.sites.size(); ++s) {
    gpu_seconds += a.site_gpu_seconds_at(s, operational, w.now());
    gpus += a.site_counts(s)[operational];
  }
  values_[k].gpu_days_in_service = static_cast<double>(gpu_seconds) / static_cast<double>(sim::kTicksPerDay);
  values_[k].gpus_in_service = gpus;
  values_[k].reported = true;
}

void ReportDateMonitor::fill(Headline& h) const { h.report_dates = values_; }

}  // namespace models::rollout
