#pragma once
// Report dates: fixed dates at whose end a run reports indicators that always have a value, next
// to the milestone dates (50/90/100 % in service), which a run may never reach within its horizon
// (right-censored). At the end of each date (midnight after it, before anything else of that
// instant, as targets are evaluated) the monitor reads, exactly and without changing any state:
//   - the GPU-days in service from the start to then (the integral of operational GPUs, national);
//   - the GPUs in service then (operational, national).

#include <cstddef>
#include <vector>

#include "models/rollout/headline.h"
#include "models/rollout/world.h"
#include "models/scenario.h"

namespace models::rollout {

// The scenario's `report_dates`, or when it has none the end of every calendar year within the
// horizon, named "end-YYYY" (the documented default).
std::vector<ReportDate> report_dates(const Scenario& scenario);

class ReportDateMonitor {
 public:
  explicit ReportDateMonitor(const Catalogue& catalogue);

  // Schedules each date's reading at its end (Event::ReportDate, index k).
  void schedule(World& w) const;
  // Event::ReportDate k: reads the values at the end of date k.
  void on_date(const World& w, std::size_t k);
  void fill(Headline& h) const;

 private:
  std::vector<sim::Ticks> at_;
  std::vector<ReportDateValues> values_;
};

}  // namespace models::rollout
