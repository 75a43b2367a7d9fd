#pragma once
// Operations: service, failures, repairs and end of life.
//
// Each operational GPU fails at rate lambda = failures_per_gpu_day, so a site with N(t)
// operational GPUs sees a Poisson process of rate lambda N(t). Two resolutions simulate it
// (Operations::failure_process): daily counts, the default (below), and per GPU.
//
// FailureProcess::PerGpu simulates it exactly by thinning: candidates at the constant rate
// lambda N_max (N_max = GPUs ordered for the site), each accepted with probability N(t) / N_max.
// The failing GPU's cohort (hall x order) is drawn in proportion to its operational GPUs, its
// class by FailureClass::share. A class's failure needs a part swap with probability
// replacement_fraction, else an automated reset (reset_days). A swap takes spare_swap_days if the
// site has a spare on hand, and the spare goes to the vendor (back after rma_days); without a
// spare the GPU waits rma_days. The site holds floor(spare_fraction x units in service) spares.
// Draws: candidate n of a site has a stream per quantity, keyed (site name, n):
// "failure.candidate" (the gap before it), ".acceptance", ".gpu", ".class", ".replacement",
// ".repair" and ".spare_return".
//
// FailureProcess::Daily, the default since session 25 (the same results within sampling error
// over 400 paired replications of korea-2026, at half a run's cost; docs/model.md §9). Each day
// a site has units in service it draws the failures since its previous draw at one instant,
// uniform in the day and keyed (site name, day): k ~ Poisson(lambda x the operational GPU-days
// since the previous draw, exact from the accounting's integral), by inversion from uniforms
// keyed (site name, day), so a variant with a few more GPU-days draws the same or one more
// failure. Failure j of the day takes the j-th word of the day's GPU, class and replacement
// streams (keyed (site name, day), one word each) and its repair and spare-return times from
// streams keyed (site name, day, j); it is repaired as above from that instant. Spares are taken
// and sent to the vendor as at each failure's own instant in the interval the day's count covers
// (word j of a stream keyed (site name, day), uniform in it), in the order of those instants, as
// in the per-GPU process. Repairs of one cohort ending at the same instant share one RepairDone
// event. The rate is the per-GPU process's; each failing GPU works on until its day's instant
// (about half a day more on average) and is repaired as much later, which shifts failures and
// repairs: the operational GPU-days up to a date (a report date, the horizon) gain half a day for
// each GPU in repair then, a few parts in a million; failures of the run's last partial day after
// its last draw are not drawn.
//
// A spare comes back (rma_days after it left) without an event: the site takes back every spare
// due by the time a failure asks for one.
//
// A unit retires service_life_days after it entered service: its GPUs leave service (those in
// repair are retired with it; their pending repairs are void) and its room and power are freed.

#include <cstddef>

#include "models/rollout/world.h"

namespace models::rollout {

// The unit's GPUs become operational (from `from`: installing, or waiting_crew for units
// installed at the start); schedules its retirement.
void start_service(World& w, std::size_t unit, GpuState from);
// The unit's GPUs leave service (operational first, then in repair) into `to`.
void stop_service(World& w, std::size_t unit, GpuState to);

// Recomputes the site's average facility draw: GPUs operational or in burn-in, each at
// IT peak per GPU x average_to_peak_power x the hall's PUE.
void update_draw(World& w, std::size_t site);

void start_failure_processes(World& w);
void on_failure_candidate(World& w, std::size_t site);
void on_failure_day(World& w, std::size_t site);
void on_repair_done(World& w, std::size_t cohort, std::int64_t gpus);
void on_retire(World& w, std::size_t unit);

}  // namespace models::rollout
