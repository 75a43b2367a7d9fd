#include "sim/sweep/sobol_sequence.h"

#include <stdexcept>
#include <string>

namespace sim::sweep {
namespace {

std::size_t checked(std::size_t dimensions) {
  if (dimensions == 0 || dimensions > SobolSequence::kMaxDimensions) {
    throw std::invalid_argument("Sobol' sequence: dimensions must be in [1, " +
                                std::to_string(SobolSequence::kMaxDimensions) + "], found " +
                                std::to_string(dimensions));
  }
  return dimensions;
}

}  // namespace

SobolSequence::SobolSequence(std::size_t dimensions)
    : engine_(checked(dimensions)), point_(dimensions, 0.0) {}

const std::vector<double>& SobolSequence::next() {
  if (!started_) {  // point 0: all zeros
    started_ = true;
    return point_;
  }
  constexpr double kScale = 1.0 / static_cast<double>(std::uint64_t{1} << kBits);
  for (double& x : point_) x = static_cast<double>(engine_()) * kScale;
  return point_;
}

}  // namespace sim::sweep
