#pragma once
// Seeded random streams and the distributions the models draw from.
//
// A stream is identified by (master seed, run index, key, entity): its state is a hash of those
// four values, not a position in a global sequence, so adding a stream or an entity never
// changes the draws of any other (OpenMC's per-particle seeding; ns-3's SetStream(-1) is the
// counter-example). The generator is xoshiro256++ (32 bytes of state, period 2^256 - 1), seeded
// through SplitMix64. Distributions are implemented here rather than taken from <random>, whose
// algorithms differ between standard libraries: the same seed gives the same numbers with any
// compiler that implements IEEE-754 and the C math library identically.

#include <array>
#include <cstdint>
#include <string_view>

namespace sim {

struct StreamKey {
  std::uint64_t master_seed = 0;
  std::uint64_t run_index = 0;
  std::string_view key;
  std::uint64_t entity = 0;
};

// 64-bit FNV-1a then SplitMix64 finalisation of the four parts; stable across platforms.
std::uint64_t hash_stream_key(const StreamKey& k);
// The same hash in two steps, for a caller that derives many entities' streams of one key:
// hash_stream_key(k) == finish_stream_key(stream_key_state(seed, run, key), entity).
std::uint64_t stream_key_state(std::uint64_t master_seed, std::uint64_t run_index, std::string_view key);
std::uint64_t finish_stream_key(std::uint64_t key_state, std::uint64_t entity);

class RandomStream {
 public:
  using result_type = std::uint64_t;

  explicit RandomStream(const StreamKey& key) : RandomStream(hash_stream_key(key)) {}
  explicit RandomStream(std::uint64_t seed);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return next(); }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform on (0, 1]: safe to take the logarithm of.
  double uniform01_open_low() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  // Uniform integer in [0, n) without modulo bias (Lemire's method). n must be > 0.
  std::uint64_t below(std::uint64_t n);

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// The streams of one key in one run, for a model that draws a stream per entity in a hot loop:
// Simulation::stream_family(key).stream(entity) is Simulation::stream(key, entity), without
// looking the key up each time.
class StreamFamily {
 public:
  explicit StreamFamily(std::uint64_t key_state) : key_state_(key_state) {}
  RandomStream stream(std::uint64_t entity) const {
    return RandomStream(finish_stream_key(key_state_, entity));
  }

 private:
  std::uint64_t key_state_;
};

// Distributions: plain functions of a stream, so a draw's cost is visible at the call site.
// Preconditions (positive scales, ordered bounds) are the caller's: the scenario loader
// validates parameters once, at the edge.
double draw_uniform(RandomStream& r, double low, double high);
double draw_exponential(RandomStream& r, double mean);
double draw_normal(RandomStream& r, double mean, double stddev);
// Lognormal fixed by its median and 90th percentile (p90 > median > 0): the form in which
// durations are usually quoted ("typically 120 days, 1 in 10 takes over 200").
double draw_lognormal_median_p90(RandomStream& r, double median, double p90);
double draw_triangular(RandomStream& r, double low, double mode, double high);
double draw_weibull(RandomStream& r, double shape, double scale);
std::uint64_t draw_poisson(RandomStream& r, double mean);
bool draw_bernoulli(RandomStream& r, double p);

// z such that P(Z <= z) = 0.9 for a standard normal.
inline constexpr double kStandardNormalP90 = 1.2815515655446004;

}  // namespace sim
