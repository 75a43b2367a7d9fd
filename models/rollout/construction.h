#pragma once
// Construction of a hall: a task graph (permits, site work, shell, electrical and cooling fit-out,
// commissioning, ...) held as a Boost Graph DAG. Each task's duration is drawn per hall; the hall
// is ready when the longest (critical) path through the graph ends:
//
//   finish(v) = duration(v) + max(0, max over predecessors u of finish(u))
//   ready     = start + max over v of finish(v)
//
// computed in one pass over a topological order, in integer ticks.

#include <boost/graph/adjacency_list.hpp>
#include <string>
#include <vector>

#include "models/scenario.h"
#include "sim/simulation.h"
#include "sim/time.h"

namespace models::rollout {

class TaskGraph {
 public:
  // Throws std::invalid_argument if a dependency names an unknown task, a name repeats, or the
  // dependencies form a cycle (the message names the template and the task).
  explicit TaskGraph(const ConstructionTemplate& t);

  std::size_t size() const { return names_.size(); }
  const std::string& task_name(std::size_t i) const { return names_[i]; }

  // One duration per task (in template order) for the hall whose stream entity is `hall`: task t
  // draws from "construction"(hall, task name), so adding, removing or reordering a task of the
  // template never changes another task's duration.
  std::vector<sim::Ticks> draw_durations(const sim::Simulation& sim, std::uint64_t hall) const;
  // Length of the critical path for the given durations (template order).
  sim::Ticks critical_path(const std::vector<sim::Ticks>& durations) const;
  // The tasks on one critical path, first to last (ties broken by template order).
  std::vector<std::size_t> critical_tasks(const std::vector<sim::Ticks>& durations) const;

 private:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
  std::vector<sim::Ticks> finish_times(const std::vector<sim::Ticks>& durations) const;

  Graph graph_;
  std::vector<std::string> names_;
  std::vector<Distribution> durations_;
  std::vector<std::size_t> topological_;  // task indices, every task after its predecessors
};

}  // namespace models::rollout
