#pragma once
// The size of a run's recording, from the scenario alone, before anything is built or run: how
// many samples the recorder takes and how many values each row holds. The rollout's scenario rules
// (scenario_rules.cpp) use it to bound a run's output file (docs/limits.md), a sweep to bound the
// series it keeps in memory.
// It is implemented in recording.cpp, next to declare_recording, from the same field tables;
// tests/scenario/run_limits_test.cpp checks it against the recorder's real schema.

#include <cstdint>

#include "models/scenario.h"
#include "sim/time.h"

namespace models::rollout {

// The time between samples, in ticks, as the model samples: sample_interval_days rounded to a
// tick, at least one tick; an interval beyond any horizon gives the sample at the start only.
sim::Ticks sample_interval_ticks(const Scenario& scenario);

// Samples a run records: at start, start + interval, ... up to the end of the horizon (midnight
// after `end`) included. 0 when `end` precedes `start`.
std::uint64_t recorded_samples(const Scenario& scenario);

// Values in one row of the recording (every time series, time excluded): per site, GPUs by state
// and the site series; per zone, GPUs by state and the zone series; per buyer and per corridor,
// two each; and the national series.
std::uint64_t row_values(const Scenario& scenario);

// Bytes of a run's output file for its time series: samples x (row values + time) x 8. The file
// adds only attributes, axis labels and static variables (kilobytes to a few MB), and compression
// can only shrink it.
double output_bytes(const Scenario& scenario);

}  // namespace models::rollout
