#include "output/attributes.h"

#include <algorithm>

namespace output {

const AttributeValue* find_attribute(const Attributes& attributes, std::string_view name) {
  const auto it = std::find_if(attributes.begin(), attributes.end(),
                               [&](const auto& entry) { return entry.first == name; });
  return it == attributes.end() ? nullptr : &it->second;
}

}  // namespace output
