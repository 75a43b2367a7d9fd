#pragma once
// Bands of the runs' time series per design point: at every time step, the mean and the
// kQuantileLevels quantiles (statistics.h, NaN entries left out) over the point's replications,
// or the quantiles over only the replications history matching kept (conditioning.h). The sweep
// file writes them as <series>_mean, <series>_quantile and <series>_consistent_quantile.

#include <cstddef>
#include <vector>

#include "sim/sweep/model.h"

namespace sim::sweep {

// Which series of the runs, and the layout of the sweep: run r is replication r % R of point r / R.
struct SeriesLayout {
  std::size_t series = 0;  // index among the model's series (RunResult::series is series-major)
  std::size_t times = 0;   // entries of each series
  std::size_t points = 0;
  std::size_t replications = 0;
};

struct SeriesBands {
  std::vector<double> mean;      // points × times; empty for the kept runs' bands
  std::vector<double> quantile;  // points × kQuantileCount × times
};

// Over every replication of each point. `runs` holds runs 0..points × replications - 1.
SeriesBands series_bands(const RunResults& runs, const SeriesLayout& layout);

// Quantiles over the replications with kept[run] only (NaN for a point that keeps none).
SeriesBands kept_series_bands(const RunResults& runs, const std::vector<bool>& kept,
                              const SeriesLayout& layout);

}  // namespace sim::sweep
