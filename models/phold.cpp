#include "models/phold.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace models {

Phold::Phold(sim::Simulation& sim, const PholdConfig& config)
    : config_(config),
      id_(sim.add_target(*this)),
      exp_mean_ticks_((config.mean - config.lookahead) * static_cast<double>(kTicksPerUnit)),
      lookahead_ticks_(std::llround(config.lookahead * static_cast<double>(kTicksPerUnit))) {
  streams_.reserve(config.lps);
  for (std::uint32_t lp = 0; lp < config.lps; ++lp) streams_.push_back(sim.stream("phold.lp", lp));
  sim.queue().reserve(static_cast<std::size_t>(config.lps) * config.population);
  for (std::uint32_t lp = 0; lp < config.lps; ++lp) {
    for (std::uint32_t k = 0; k < config.population; ++k) {
      sim.schedule_at(draw_delay(streams_[lp]), id_, lp);
    }
  }
}

sim::Ticks Phold::draw_delay(sim::RandomStream& stream) {
  const auto delay = lookahead_ticks_ + std::llround(sim::draw_exponential(stream, exp_mean_ticks_));
  return std::max<sim::Ticks>(delay, 1);
}

void Phold::on_event(sim::Simulation& sim, std::uint64_t lp) {
  checksum_ =
      (checksum_ ^ (static_cast<std::uint64_t>(sim.now()) * 0x9e3779b97f4a7c15ULL + lp)) * 0x100000001b3ULL;
  sim::RandomStream& stream = streams_[lp];
  const std::uint64_t destination = stream.uniform01() <= config_.remote ? stream.below(config_.lps) : lp;
  sim.schedule_in(draw_delay(stream), id_, destination);
}

PholdResult run_phold(const PholdConfig& config) {
  sim::Simulation sim(sim::SimulationConfig{config.seed, 0, sim::Date{2000, 1, 1}});
  Phold phold(sim, config);
  const auto end =
      static_cast<sim::Ticks>(std::floor(config.end * static_cast<double>(Phold::kTicksPerUnit)));
  const auto start = std::chrono::steady_clock::now();
  sim.run_until(end);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return PholdResult{sim.events_fired(), elapsed.count(), phold.checksum()};
}

}  // namespace models
