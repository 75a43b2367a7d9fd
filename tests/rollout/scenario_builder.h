#pragma once
// Small hand-checkable scenarios for the rollout tests, built in C++ (the model never sees YAML).

#include <string>
#include <vector>

#include "models/rollout/invariants.h"
#include "models/rollout/rollout.h"
#include "models/scenario.h"
#include "sim/recorder.h"

namespace rollout_test {

inline models::Scenario base_scenario(sim::Date start = {2026, 1, 1}, sim::Date end = {2026, 12, 31}) {
  models::Scenario s;
  s.name = "test";
  s.start = start;
  s.end = end;
  s.seed = 7;
  s.products.push_back({"srv", "8-GPU server", 8, 0.1, 1.0, models::Cooling::Liquid, 4.5});
  s.buyers.push_back({"gov", ""});
  s.operations.failures_per_gpu_day = 0;  // exact curves unless a test turns failures on
  s.logistics.transit_days = models::Distribution::fixed(10);
  s.construction_templates.push_back({"quick", {{"build", models::Distribution::fixed(30), {}}}});
  return s;
}

inline models::GridZone zone(const std::string& name, double headroom_mw) {
  models::GridZone z;
  z.name = name;
  z.headroom_mw = headroom_mw;
  return z;
}

inline models::Hall existing_hall(const std::string& name, double it_mw, int racks, double land_ha = 1) {
  models::Hall h;
  h.name = name;
  h.it_capacity_mw = it_mw;
  h.racks = racks;
  h.pue = 1.25;
  h.land_ha = land_ha;
  h.start = models::HallStart::Existing;
  return h;
}

inline models::Site site(const std::string& name, const std::string& zone_name, double connection_mw) {
  models::Site s;
  s.name = name;
  s.zone = zone_name;
  s.land_ha = 100;
  s.install_crews = 2;
  s.units_per_crew_day = 10;
  s.burn_in_days = models::Distribution::fixed(5);
  models::GridConnection c;
  c.capacity_mw = connection_mw;
  c.applied = {2020, 1, 1};
  c.connected_at_start = true;
  s.connections.push_back(c);
  return s;
}

inline models::Order order(const std::string& name, const std::string& site_name, sim::Date date,
                           std::int64_t units, const std::string& buyer = "gov") {
  models::Order o;
  o.name = name;
  o.buyer = buyer;
  o.product = "srv";
  o.site = site_name;
  o.schedule.push_back({date, units});
  return o;
}

// Runs with the invariant checker on, into `sink`.
inline models::rollout::RunOutput run(const models::Scenario& s, sim::MemorySink& sink,
                                      std::uint64_t run_index = 0) {
  models::rollout::RunOptions options;
  options.check_invariants = true;
  options.sink = &sink;
  options.run_index = run_index;
  return models::rollout::run_rollout(s, options);
}

// Row of the sample taken at midnight of day `day` after the start (daily sampling).
inline std::size_t row(int day) { return static_cast<std::size_t>(day); }

inline std::size_t axis_index(const sim::MemorySink& sink, const std::string& axis,
                              const std::string& label) {
  const sim::Axis* a = sink.schema().find_axis(axis);
  for (std::size_t i = 0; a && i < a->labels.size(); ++i) {
    if (a->labels[i] == label) return i;
  }
  return static_cast<std::size_t>(-1);
}

// gpus(site, state) at a row.
inline double gpus(const sim::MemorySink& sink, std::size_t r, const std::string& site_name,
                   const std::string& state) {
  const auto values = sink.series("gpus", r);
  const std::size_t states = sink.schema().find_axis("state")->labels.size();
  return values[axis_index(sink, "site", site_name) * states + axis_index(sink, "state", state)];
}

inline double site_value(const sim::MemorySink& sink, const std::string& series, std::size_t r,
                         const std::string& site_name) {
  return sink.series(series, r)[axis_index(sink, "site", site_name)];
}

}  // namespace rollout_test
