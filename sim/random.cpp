#include "sim/random.h"

#include <cmath>

namespace sim {

namespace {

using detail::fnv1a_u64;
using detail::kFnvOffset;
using detail::kFnvPrime;

// The smallest k whose Poisson(mean) cumulative probability reaches u: inversion by sequential
// search, for a mean small enough that exp(-mean) does not underflow. The loop also ends where the
// probabilities underflow (p > 0), for a u that rounding puts above the last cumulative value.
std::uint64_t poisson_count_at(double u, double mean) {
  double p = std::exp(-mean);
  double cumulative = p;
  std::uint64_t k = 0;
  while (u > cumulative && p > 0) {
    ++k;
    p *= mean / static_cast<double>(k);
    cumulative += p;
  }
  return k;
}

}  // namespace

std::uint64_t stream_key_state(std::uint64_t master_seed, std::uint64_t run_index, std::string_view key) {
  // Each part is length-delimited so ("ab", 1) and ("a", ...) can never collide structurally.
  std::uint64_t h = kFnvOffset;
  h = fnv1a_u64(h, master_seed);
  h = fnv1a_u64(h, run_index);
  h = fnv1a_u64(h, key.size());
  for (const char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

std::uint64_t hash_stream_key(const StreamKey& k) {
  return finish_stream_key(stream_key_state(k.master_seed, k.run_index, k.key), k.entity);
}

std::uint64_t RandomStream::below(std::uint64_t n) {
  // Lemire, "Fast random integer generation in an interval" (2019).
  __extension__ using U128 = unsigned __int128;  // GCC and Clang; silences -Wpedantic
  U128 m = static_cast<U128>(next()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<U128>(next()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double draw_uniform(RandomStream& r, double low, double high) { return low + (high - low) * r.uniform01(); }

double exponential_at(double u, double mean) { return -mean * std::log(u); }

double draw_exponential(RandomStream& r, double mean) { return exponential_at(r.uniform01_open_low(), mean); }

double draw_normal(RandomStream& r, double mean, double stddev) {
  // Box-Muller, using one of the pair: a draw consumes exactly two words, which keeps streams
  // easy to reason about (no hidden cached second value).
  const double u1 = r.uniform01_open_low();
  const double u2 = r.uniform01();
  const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  return mean + stddev * z;
}

double draw_lognormal_median_p90(RandomStream& r, double median, double p90) {
  const double mu = std::log(median);
  const double sigma = (std::log(p90) - mu) / kStandardNormalP90;
  return std::exp(draw_normal(r, mu, sigma));
}

double draw_triangular(RandomStream& r, double low, double mode, double high) {
  const double u = r.uniform01();
  const double span = high - low;
  if (span <= 0) return low;
  const double cut = (mode - low) / span;
  if (u < cut) return low + std::sqrt(u * span * (mode - low));
  return high - std::sqrt((1.0 - u) * span * (high - mode));
}

double draw_weibull(RandomStream& r, double shape, double scale) {
  return scale * std::pow(-std::log(r.uniform01_open_low()), 1.0 / shape);
}

std::uint64_t draw_poisson(RandomStream& r, double mean) {
  if (mean <= 0) return 0;
  // Inversion by sequential search: exact, and cheap for small means.
  if (mean < 30) return poisson_count_at(r.uniform01(), mean);
  // PTRS: transformed rejection with squeeze (Hormann 1993), exact for large means.
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = r.uniform01() - 0.5;
    const double v = r.uniform01_open_low();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1)) {
      return static_cast<std::uint64_t>(k);
    }
  }
}

std::uint64_t draw_poisson_by_inversion(RandomStream& r, double mean) {
  if (!(mean > 0)) return 0;
  constexpr double kMaxBlockMean = 256;
  const double blocks = std::ceil(mean / kMaxBlockMean);
  const double block_mean = mean / blocks;
  std::uint64_t count = 0;
  for (double b = 0; b < blocks; ++b) count += poisson_count_at(r.uniform01(), block_mean);
  return count;
}

bool draw_bernoulli(RandomStream& r, double p) { return r.uniform01() < p; }

}  // namespace sim
