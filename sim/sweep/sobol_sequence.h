#pragma once
// The Sobol' low-discrepancy sequence (unscrambled, Gray-code order), for Saltelli designs: a thin
// wrapper over Boost.Random's generator (boost/random/sobol.hpp), whose direction numbers are Joe &
// Kuo's new-joe-kuo-6.21201 ("Constructing Sobol sequences with better two-dimensional
// projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654), the table scipy.stats.qmc.Sobol and
// SALib use, for up to kMaxDimensions dimensions.
//
// Point 0 of the sequence (all zeros) is returned first, as scipy does; callers that map points
// through inverse CDFs skip it. Boost's generator starts at point 1, so point k here is Boost's
// k-th output. Values are multiples of 2^-52, exact in a double (the sequence sovsim used before
// Boost, compiled in for 40 dimensions, gave the same values; tests/sweep/design_test.cpp pins them).

#include <boost/random/sobol.hpp>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim::sweep {

class SobolSequence {
 public:
  static constexpr std::size_t kMaxDimensions = boost::random::detail::qrng_tables::sobol::max_dimension;
  static constexpr int kBits = 52;

  // Throws std::invalid_argument when dimensions is 0 or above kMaxDimensions.
  explicit SobolSequence(std::size_t dimensions);

  std::size_t dimensions() const { return point_.size(); }
  // The next point (starting with point 0), `dimensions` values in [0, 1).
  const std::vector<double>& next();

 private:
  boost::random::sobol_engine<std::uint64_t, kBits> engine_;
  std::vector<double> point_;
  bool started_ = false;
};

}  // namespace sim::sweep
