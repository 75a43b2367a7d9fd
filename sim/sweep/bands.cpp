#include "sim/sweep/bands.h"

#include <stdexcept>
#include <string>

#include "sim/sweep/conditioning.h"
#include "sim/sweep/statistics.h"

namespace sim::sweep {

namespace {

// Where series l.series of each run begins, by run number: one map look-up per run, not per value.
std::vector<const double*> series_starts(const RunResults& runs, const SeriesLayout& l) {
  std::vector<const double*> start(l.points * l.replications);
  for (std::size_t run = 0; run < start.size(); ++run) {
    const std::vector<double>& series = runs.at(run).series;
    if (series.size() < (l.series + 1) * l.times) {
      throw std::out_of_range("run " + std::to_string(run) +
                              " has fewer series values than the sweep's layout");
    }
    start[run] = series.data() + l.series * l.times;
  }
  return start;
}

}  // namespace

SeriesBands series_bands(const RunResults& runs, const SeriesLayout& l) {
  SeriesBands b;
  b.mean.resize(l.points * l.times);
  b.quantile.resize(l.points * kQuantileCount * l.times);
  const std::vector<const double*> start = series_starts(runs, l);
  std::vector<double> column(l.replications), scratch;
  for (std::size_t p = 0; p < l.points; ++p) {
    for (std::size_t k = 0; k < l.times; ++k) {
      for (std::size_t r = 0; r < l.replications; ++r) column[r] = start[p * l.replications + r][k];
      b.mean[p * l.times + k] = mean(column);
      quantiles_into(column, kQuantileLevels, scratch, &b.quantile[p * kQuantileCount * l.times + k],
                     l.times);
    }
  }
  return b;
}

SeriesBands kept_series_bands(const RunResults& runs, const std::vector<bool>& kept, const SeriesLayout& l) {
  SeriesBands b;
  b.quantile.resize(l.points * kQuantileCount * l.times);
  const std::vector<const double*> start = series_starts(runs, l);
  std::vector<double> at_step(start.size()), column, scratch;
  for (std::size_t k = 0; k < l.times; ++k) {
    for (std::size_t run = 0; run < start.size(); ++run) at_step[run] = start[run][k];
    kept_quantiles_into(at_step, kept, l.points, l.replications, kQuantileLevels, &b.quantile[k],
                        kQuantileCount * l.times, l.times, column, scratch);
  }
  return b;
}

}  // namespace sim::sweep
