#include "sim/sweep/bands.h"

#include "sim/sweep/conditioning.h"
#include "sim/sweep/statistics.h"

namespace sim::sweep {

namespace {

// The series' value at time step k of every run, in run order.
void column_at(const RunResults& runs, const SeriesLayout& l, std::size_t k, std::vector<double>& column) {
  column.resize(runs.size());
  for (const auto& [run, result] : runs) column[run] = result.series.at(l.series * l.times + k);
}

}  // namespace

SeriesBands series_bands(const RunResults& runs, const SeriesLayout& l) {
  SeriesBands b;
  b.mean.resize(l.points * l.times);
  b.quantile.resize(l.points * kQuantileCount * l.times);
  std::vector<double> column(l.replications);
  for (std::size_t p = 0; p < l.points; ++p) {
    for (std::size_t k = 0; k < l.times; ++k) {
      for (std::size_t r = 0; r < l.replications; ++r)
        column[r] = runs.at(p * l.replications + r).series.at(l.series * l.times + k);
      b.mean[p * l.times + k] = mean(column);
      const std::vector<double> qs = quantiles(column, kQuantileLevels);
      for (std::size_t q = 0; q < kQuantileCount; ++q)
        b.quantile[(p * kQuantileCount + q) * l.times + k] = qs[q];
    }
  }
  return b;
}

SeriesBands kept_series_bands(const RunResults& runs, const std::vector<bool>& kept, const SeriesLayout& l) {
  SeriesBands b;
  b.quantile.resize(l.points * kQuantileCount * l.times);
  std::vector<double> column;
  for (std::size_t k = 0; k < l.times; ++k) {
    column_at(runs, l, k, column);
    const std::vector<double> qs = kept_quantiles(column, kept, l.points, l.replications, kQuantileLevels);
    for (std::size_t p = 0; p < l.points; ++p) {
      for (std::size_t q = 0; q < kQuantileCount; ++q)
        b.quantile[(p * kQuantileCount + q) * l.times + k] = qs[p * kQuantileCount + q];
    }
  }
  return b;
}

}  // namespace sim::sweep
