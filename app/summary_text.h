#pragma once
// Small look-ups the summary's sections share (app/summary_conditions.cpp,
// app/summary_comparison.cpp) on what output/reader.h returns.

#include <algorithm>
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

}  // namespace sovsim::cli
