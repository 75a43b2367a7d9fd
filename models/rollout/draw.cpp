#include "models/rollout/draw.h"

#include <algorithm>

namespace models::rollout {

double draw(const Distribution& d, sim::RandomStream& r) {
  double v = d.a;
  switch (d.kind) {
    case Distribution::Kind::Fixed:
      break;
    case Distribution::Kind::Uniform:
      v = sim::draw_uniform(r, d.a, d.b);
      break;
    case Distribution::Kind::Triangular:
      v = sim::draw_triangular(r, d.a, d.b, d.c);
      break;
    case Distribution::Kind::LognormalMedianP90:
      v = sim::draw_lognormal_median_p90(r, d.a, d.b);
      break;
    case Distribution::Kind::Exponential:
      v = sim::draw_exponential(r, d.a);
      break;
  }
  return std::max(v, 0.0);
}

sim::Ticks draw_ticks(const Distribution& d, sim::RandomStream& r) {
  return sim::ticks_from_days(draw(d, r));
}

sim::Ticks draw_ticks(const Distribution& d, const sim::StreamFamily& family, std::uint64_t entity) {
  if (d.kind == Distribution::Kind::Fixed) return sim::ticks_from_days(std::max(d.a, 0.0));  // as draw()
  sim::RandomStream stream = family.stream(entity);
  return draw_ticks(d, stream);
}

namespace {
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

std::uint64_t finalise(std::uint64_t h, std::uint64_t sub) {
  h ^= sub + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}
}  // namespace

std::uint64_t entity_id(std::string_view name, std::uint64_t sub) {
  return finalise(fnv1a(kFnvOffset, name), sub);
}

std::uint64_t entity_id(std::string_view a, std::string_view b) {
  // The separator byte keeps ("ab", "c") and ("a", "bc") apart.
  return finalise(fnv1a(fnv1a(fnv1a(kFnvOffset, a), std::string_view("\x1f", 1)), b), 0);
}

std::uint64_t sub_entity(std::uint64_t entity, std::uint64_t index) { return finalise(entity, index + 1); }

}  // namespace models::rollout
