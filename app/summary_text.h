#pragma once
// Small look-ups the summary's sections share (app/summary_conditions.cpp,
// app/summary_comparison.cpp) on what output/reader.h returns.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "output/attributes.h"

namespace sovsim::cli {

inline bool has(const std::vector<std::string>& variables, const std::string& name) {
  return std::find(variables.begin(), variables.end(), name) != variables.end();
}

// A text attribute's value; "" when absent or not text.
inline std::string text_of(const output::Attributes& attributes, std::string_view name) {
  const output::AttributeValue* v = output::find_attribute(attributes, name);
  const auto* s = v ? std::get_if<std::string>(v) : nullptr;
  return s ? *s : std::string();
}

// A probability in [0, 1] as text: two decimals, or more near 0 and 1 so that a bound such as the
// upper end of the Wilson interval of 0 met in 1,000 runs (0.0038) does not print as 0.00 and read
// as certainty. 0 and 1 themselves print as 0.00 and 1.00.
inline std::string probability_text(double p) {
  const double from_edge = std::min(p, 1 - p);
  if (!(from_edge > 0) || from_edge >= 0.005) return fmt::format("{:.2f}", p);
  // Two significant digits of the distance from the nearer edge.
  const int decimals = 1 - static_cast<int>(std::floor(std::log10(from_edge)));
  return fmt::format("{:.{}f}", p, decimals);
}

}  // namespace sovsim::cli
