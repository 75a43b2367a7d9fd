#include "models/rollout/construction.h"

#include <algorithm>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <stdexcept>
#include <unordered_map>

#include "models/rollout/draw.h"

namespace models::rollout {

TaskGraph::TaskGraph(const ConstructionTemplate& t) : graph_(t.tasks.size()) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < t.tasks.size(); ++i) {
    if (!index.emplace(t.tasks[i].name, i).second) {
      throw std::invalid_argument("rollout: construction template '" + t.name + "' repeats task '" +
                                  t.tasks[i].name + "'");
    }
    names_.push_back(t.tasks[i].name);
    durations_.push_back(t.tasks[i].duration_days);
  }
  for (std::size_t i = 0; i < t.tasks.size(); ++i) {
    for (const std::string& before : t.tasks[i].after) {
      const auto it = index.find(before);
      if (it == index.end()) {
        throw std::invalid_argument("rollout: construction template '" + t.name + "', task '" +
                                    t.tasks[i].name + "' comes after unknown task '" + before + "'");
      }
      boost::add_edge(it->second, i, graph_);
    }
  }
  std::vector<std::size_t> reversed;
  try {
    boost::topological_sort(graph_, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    throw std::invalid_argument("rollout: construction template '" + t.name + "' has a dependency cycle");
  }
  topological_.assign(reversed.rbegin(), reversed.rend());
}

std::vector<sim::Ticks> TaskGraph::draw_durations(const sim::Simulation& sim, std::uint64_t hall) const {
  std::vector<sim::Ticks> d;
  d.reserve(durations_.size());
  for (std::size_t t = 0; t < durations_.size(); ++t) {
    sim::RandomStream stream = sim.stream("construction", sub_entity(hall, entity_id(names_[t])));
    d.push_back(draw_ticks(durations_[t], stream));
  }
  return d;
}

std::vector<sim::Ticks> TaskGraph::finish_times(const std::vector<sim::Ticks>& durations) const {
  if (durations.size() != names_.size())
    throw std::invalid_argument("rollout: task durations do not match graph");
  std::vector<sim::Ticks> finish(names_.size(), 0);
  for (const std::size_t v : topological_) {
    sim::Ticks earliest_start = 0;
    for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e) {
      earliest_start = std::max(earliest_start, finish[boost::source(*e, graph_)]);
    }
    finish[v] = earliest_start + durations[v];
  }
  return finish;
}

sim::Ticks TaskGraph::critical_path(const std::vector<sim::Ticks>& durations) const {
  const std::vector<sim::Ticks> finish = finish_times(durations);
  return finish.empty() ? 0 : *std::max_element(finish.begin(), finish.end());
}

std::vector<std::size_t> TaskGraph::critical_tasks(const std::vector<sim::Ticks>& durations) const {
  const std::vector<sim::Ticks> finish = finish_times(durations);
  std::vector<std::size_t> path;
  if (finish.empty()) return path;
  std::size_t v = static_cast<std::size_t>(std::max_element(finish.begin(), finish.end()) - finish.begin());
  for (;;) {
    path.push_back(v);
    const sim::Ticks start = finish[v] - durations[v];
    bool found = false;
    std::size_t best = 0;
    for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e) {
      const std::size_t u = boost::source(*e, graph_);
      if (finish[u] == start && (!found || u < best)) best = u, found = true;
    }
    if (!found) break;
    v = best;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace models::rollout
