#include "sim/sweep/sobol_sequence.h"

#include <array>
#include <bit>
#include <stdexcept>
#include <string>

namespace sim::sweep {
namespace {

// One primitive polynomial and its initial direction numbers, as in Joe & Kuo's file: degree s,
// the polynomial's inner coefficients a (bits a_1..a_{s-1}), and m_1..m_s.
struct JoeKuo {
  int s;
  std::uint32_t a;
  std::array<std::uint32_t, 8> m;
};

// Dimensions 1..40 of new-joe-kuo-6.21201 (dimension 1 is the van der Corput sequence).
constexpr std::array<JoeKuo, SobolSequence::kMaxDimensions> kJoeKuo = {{
    {0, 0, {1}},                              // d=1
    {1, 0, {1}},                              // d=2
    {2, 1, {1, 3}},                           // d=3
    {3, 1, {1, 3, 1}},                        // d=4
    {3, 2, {1, 1, 1}},                        // d=5
    {4, 1, {1, 1, 3, 3}},                     // d=6
    {4, 4, {1, 3, 5, 13}},                    // d=7
    {5, 2, {1, 1, 5, 5, 17}},                 // d=8
    {5, 4, {1, 1, 5, 5, 5}},                  // d=9
    {5, 7, {1, 1, 7, 11, 19}},                // d=10
    {5, 11, {1, 1, 5, 1, 1}},                 // d=11
    {5, 13, {1, 1, 1, 3, 11}},                // d=12
    {5, 14, {1, 3, 5, 5, 31}},                // d=13
    {6, 1, {1, 3, 3, 9, 7, 49}},              // d=14
    {6, 13, {1, 1, 1, 15, 21, 21}},           // d=15
    {6, 16, {1, 3, 1, 13, 27, 49}},           // d=16
    {6, 19, {1, 1, 1, 15, 7, 5}},             // d=17
    {6, 22, {1, 3, 1, 15, 13, 25}},           // d=18
    {6, 25, {1, 1, 5, 5, 19, 61}},            // d=19
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},       // d=20
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},        // d=21
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},         // d=22
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},          // d=23
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},       // d=24
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},        // d=25
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},       // d=26
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},         // d=27
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},         // d=28
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},        // d=29
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},        // d=30
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},        // d=31
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},        // d=32
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},         // d=33
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},        // d=34
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},        // d=35
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},        // d=36
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},         // d=37
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},  // d=38
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},   // d=39
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},  // d=40
}};

}  // namespace

SobolSequence::SobolSequence(std::size_t dimensions) : dimensions_(dimensions) {
  if (dimensions == 0 || dimensions > kMaxDimensions) {
    throw std::invalid_argument("Sobol sequence: " + std::to_string(dimensions) +
                                " dimensions requested, supported are 1 to " +
                                std::to_string(kMaxDimensions));
  }
  v_.assign(dimensions * kBits, 0);
  x_.assign(dimensions, 0);
  point_.assign(dimensions, 0.0);
  for (std::size_t d = 0; d < dimensions; ++d) {
    std::uint64_t* v = &v_[d * kBits];
    const JoeKuo& jk = kJoeKuo[d];
    if (d == 0) {
      for (int i = 0; i < kBits; ++i) v[i] = std::uint64_t{1} << (kBits - 1 - i);
      continue;
    }
    const int s = jk.s;
    for (int i = 0; i < s && i < kBits; ++i)
      v[i] = std::uint64_t{jk.m[static_cast<std::size_t>(i)]} << (kBits - 1 - i);
    for (int i = s; i < kBits; ++i) {
      std::uint64_t value = v[i - s] ^ (v[i - s] >> s);
      for (int k = 1; k < s; ++k) {
        if ((jk.a >> (s - 1 - k)) & 1U) value ^= v[i - k];
      }
      v[i] = value;
    }
  }
}

const std::vector<double>& SobolSequence::next() {
  if (index_ > 0) {
    // Gray-code order: point n differs from point n-1 in the direction of n-1's lowest zero bit.
    const int c = std::countr_one(index_ - 1);
    if (c >= kBits) throw std::out_of_range("Sobol sequence exhausted (2^52 points)");
    for (std::size_t d = 0; d < dimensions_; ++d) x_[d] ^= v_[d * kBits + static_cast<std::size_t>(c)];
  }
  for (std::size_t d = 0; d < dimensions_; ++d) point_[d] = static_cast<double>(x_[d]) * 0x1.0p-52;
  ++index_;
  return point_;
}

}  // namespace sim::sweep
