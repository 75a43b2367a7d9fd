#pragma once
// The baseline for PHOLD: the same model as a bare loop over std::priority_queue with 24-byte
// entries, the same random streams and the same delay rounding, and no engine at all. What
// sovsim's PHOLD costs beyond this is the engine's overhead.

#include <chrono>
#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

#include "models/phold.h"
#include "sim/random.h"

namespace bench {

struct BareEvent {
  std::int64_t time;
  std::uint64_t sequence;
  std::uint64_t lp;
};
static_assert(sizeof(BareEvent) == 24);

struct BareLater {
  bool operator()(const BareEvent& a, const BareEvent& b) const {
    return a.time > b.time || (a.time == b.time && a.sequence > b.sequence);
  }
};

inline models::PholdResult run_bare_phold(const models::PholdConfig& c) {
  const auto unit = static_cast<double>(models::Phold::kTicksPerUnit);
  const double exp_mean = (c.mean - c.lookahead) * unit;
  const std::int64_t lookahead = std::llround(c.lookahead * unit);
  const auto end = static_cast<std::int64_t>(std::floor(c.end * unit));
  std::vector<sim::RandomStream> streams;
  streams.reserve(c.lps);
  for (std::uint32_t lp = 0; lp < c.lps; ++lp)
    streams.emplace_back(sim::StreamKey{c.seed, 0, "phold.lp", lp});
  auto delay = [&](sim::RandomStream& s) {
    const std::int64_t d = lookahead + std::llround(sim::draw_exponential(s, exp_mean));
    return d < 1 ? std::int64_t{1} : d;
  };
  std::vector<BareEvent> storage;
  storage.reserve(static_cast<std::size_t>(c.lps) * c.population);
  std::priority_queue<BareEvent, std::vector<BareEvent>, BareLater> queue(BareLater{}, std::move(storage));
  std::uint64_t sequence = 0;
  for (std::uint32_t lp = 0; lp < c.lps; ++lp) {
    for (std::uint32_t k = 0; k < c.population; ++k) queue.push({delay(streams[lp]), sequence++, lp});
  }
  models::PholdResult result;
  const auto start = std::chrono::steady_clock::now();
  while (!queue.empty() && queue.top().time <= end) {
    const BareEvent e = queue.top();
    queue.pop();
    ++result.events;
    result.checksum =
        (result.checksum ^ (static_cast<std::uint64_t>(e.time) * 0x9e3779b97f4a7c15ULL + e.lp)) *
        0x100000001b3ULL;
    sim::RandomStream& s = streams[e.lp];
    const std::uint64_t destination = s.uniform01() <= c.remote ? s.below(c.lps) : e.lp;
    queue.push({e.time + delay(s), sequence++, destination});
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace bench
