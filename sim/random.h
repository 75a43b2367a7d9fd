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
inline std::uint64_t finish_stream_key(std::uint64_t key_state, std::uint64_t entity);

namespace detail {
// SplitMix64 (Steele, Lea and Flood 2014): seeds the generator and finalises the key hash.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
inline constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
inline constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
// 64-bit FNV-1a over the value's eight bytes, low byte first.
inline std::uint64_t fnv1a_u64(std::uint64_t h, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    h ^= (value >> (8 * i)) & 0xffu;
    h *= kFnvPrime;
  }
  return h;
}
}  // namespace detail

// In the header: the failure process derives about 1.3 million streams per korea-2026 run.
inline std::uint64_t finish_stream_key(std::uint64_t key_state, std::uint64_t entity) {
  std::uint64_t h = detail::fnv1a_u64(key_state, entity);
  return detail::splitmix64(h);
}

class RandomStream {
 public:
  using result_type = std::uint64_t;

  explicit RandomStream(const StreamKey& key) : RandomStream(hash_stream_key(key)) {}
  explicit RandomStream(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (auto& word : s_) word = detail::splitmix64(state);
  }
  // RandomStream(seed).next(), without setting up the whole state: the first output reads only
  // the first and last of the four words. For a stream drawn from once (most of the failure
  // process's streams).
  static std::uint64_t first_output(std::uint64_t seed) {
    std::uint64_t first = seed;
    const std::uint64_t s0 = detail::splitmix64(first);
    std::uint64_t last = seed + 3 * 0x9e3779b97f4a7c15ULL;
    const std::uint64_t s3 = detail::splitmix64(last);
    return rotl(s0 + s3, 23) + s0;
  }

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
  double uniform01() { return uniform01_of(next()); }
  // Uniform on (0, 1]: safe to take the logarithm of.
  double uniform01_open_low() { return uniform01_open_low_of(next()); }
  // The same from a word of output.
  static double uniform01_of(std::uint64_t word) { return static_cast<double>(word >> 11) * 0x1.0p-53; }
  // An integer in [0, n) from exactly one word: Lemire's multiply without below()'s rejection
  // step, so a sequence of such draws stays aligned across variants whatever n is. Its bias is
  // below n / 2^64 (1e-14 for a million GPUs).
  static std::uint64_t below_of(std::uint64_t word, std::uint64_t n) {
    __extension__ using U128 = unsigned __int128;  // GCC and Clang; silences -Wpedantic
    return static_cast<std::uint64_t>((static_cast<U128>(word) * n) >> 64);
  }
  static double uniform01_open_low_of(std::uint64_t word) {
    return static_cast<double>((word >> 11) + 1) * 0x1.0p-53;
  }
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
  // stream(entity).next(): the one word of a stream drawn from once.
  std::uint64_t first_output(std::uint64_t entity) const {
    return RandomStream::first_output(finish_stream_key(key_state_, entity));
  }
  // stream(entity).below(n) from the first word alone: Lemire's method keeps a first word whose
  // low product is at least n, and only otherwise (probability below n / 2^64) is the whole
  // stream made to test it and draw again.
  std::uint64_t below(std::uint64_t entity, std::uint64_t n) const {
    const std::uint64_t seed = finish_stream_key(key_state_, entity);
    __extension__ using U128 = unsigned __int128;  // GCC and Clang; silences -Wpedantic
    const U128 m = static_cast<U128>(RandomStream::first_output(seed)) * n;
    if (static_cast<std::uint64_t>(m) >= n) return static_cast<std::uint64_t>(m >> 64);
    return RandomStream(seed).below(n);
  }

 private:
  std::uint64_t key_state_;
};

// Distributions: plain functions of a stream, so a draw's cost is visible at the call site.
// Preconditions (positive scales, ordered bounds) are the caller's: the scenario loader
// validates parameters once, at the edge.
double draw_uniform(RandomStream& r, double low, double high);
double draw_exponential(RandomStream& r, double mean);
// The exponential of that mean at u in (0, 1] (draw_exponential with u = uniform01_open_low()).
double exponential_at(double u, double mean);
double draw_normal(RandomStream& r, double mean, double stddev);
// Lognormal fixed by its median and 90th percentile (p90 > median > 0): the form in which
// durations are usually quoted ("typically 120 days, 1 in 10 takes over 200").
double draw_lognormal_median_p90(RandomStream& r, double median, double p90);
double draw_triangular(RandomStream& r, double low, double mode, double high);
double draw_weibull(RandomStream& r, double shape, double scale);
std::uint64_t draw_poisson(RandomStream& r, double mean);
// Poisson by inversion: the count whose cumulative probability first reaches a uniform, in blocks
// of mean at most 256 (one uniform each, so exp(-mean) never underflows). Monotone in the mean for
// the same uniforms, so two variants whose means differ a little draw counts that differ a little
// (common random numbers), which draw_poisson's rejection for large means does not give.
std::uint64_t draw_poisson_by_inversion(RandomStream& r, double mean);
bool draw_bernoulli(RandomStream& r, double p);

// z such that P(Z <= z) = 0.9 for a standard normal.
inline constexpr double kStandardNormalP90 = 1.2815515655446004;

}  // namespace sim
