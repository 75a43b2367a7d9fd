#pragma once
// The Sobol' low-discrepancy sequence (unscrambled, Gray-code order), for Saltelli designs.
//
// Direction numbers are those of Joe & Kuo, "Constructing Sobol sequences with better
// two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, file
// new-joe-kuo-6.21201 (the same table scipy.stats.qmc.Sobol ships); the first kMaxDimensions
// dimensions are compiled in as data (sobol_sequence.cpp). Point 0 of the sequence (all zeros) is
// part of the sequence; callers that map points through inverse CDFs skip it.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim::sweep {

class SobolSequence {
 public:
  static constexpr std::size_t kMaxDimensions = 40;
  static constexpr int kBits = 52;  // points are multiples of 2^-52, exact in a double

  // Throws std::invalid_argument when dimensions is 0 or above kMaxDimensions.
  explicit SobolSequence(std::size_t dimensions);

  std::size_t dimensions() const { return dimensions_; }
  // The next point (starting with point 0), `dimensions` values in [0, 1).
  const std::vector<double>& next();

 private:
  std::size_t dimensions_;
  std::vector<std::uint64_t> v_;  // dimensions × kBits direction numbers
  std::vector<std::uint64_t> x_;
  std::vector<double> point_;
  std::uint64_t index_ = 0;
};

}  // namespace sim::sweep
