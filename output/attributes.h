#pragma once
// Attribute values as plain data, so callers (the app's provenance, the reader's results) never
// see HDF5 types.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace output {

using AttributeValue = std::variant<std::string, std::int64_t, double>;

// Ordered as written; the file tracks attribute creation order, so readers list them in this order.
using Attributes = std::vector<std::pair<std::string, AttributeValue>>;

// The value of attribute `name`, or nullptr.
const AttributeValue* find_attribute(const Attributes& attributes, std::string_view name);

}  // namespace output
