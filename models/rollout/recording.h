#pragma once
// What a rollout run records: the snapshot taken at each sample instant, and the run file's axes,
// series and values at the end, all declared from the output schema (models/rollout/output_schema.h,
// the one table of output names; docs/output-reference.md lists them).

#include <string>
#include <string_view>
#include <vector>

#include "models/rollout/headline.h"
#include "models/rollout/snapshot.h"
#include "models/rollout/world.h"
#include "sim/recorder.h"

namespace models::rollout {

// Brings every integral up to now and copies the state into `out`.
void take_snapshot(World& w, Snapshot& out);
// Declares the axes and series; the samplers read `snapshot`, which must outlive the run.
void declare_recording(const World& w, sim::Recorder& recorder, const Snapshot& snapshot);
// The labels of `axis` in this scenario (site names, states, report dates, ...); empty when the
// scenario does not have the axis (corridors without corridors) or it is not an output axis.
std::vector<std::string> axis_labels(const Scenario& scenario, std::string_view axis);
// Adds the headline indicators as static variables.
void declare_statics(const World& w, const Headline& headline, sim::Recorder& recorder);

}  // namespace models::rollout
