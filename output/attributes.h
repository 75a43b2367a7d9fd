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

// Any value as text: a text as it is, an integer in decimal, a double in the shortest text that
// reads back as the same double.
std::string attribute_text(const AttributeValue& value);

// The value of attribute `name` as text (attribute_text), or "" when there is none.
std::string text_attribute(const Attributes& attributes, std::string_view name);

// The words of a space-separated list attribute (CF `flag_meanings`, a sweep's `indicators`).
std::vector<std::string> attribute_words(std::string_view text);

// The lines of a newline-separated list attribute (one entry per line, empty entries kept: a
// sweep's variant_definitions); none for "".
std::vector<std::string> attribute_lines(std::string_view text);

}  // namespace output
