#include "output/attributes.h"

#include <fmt/format.h>

#include <algorithm>

namespace output {

const AttributeValue* find_attribute(const Attributes& attributes, std::string_view name) {
  const auto it = std::find_if(attributes.begin(), attributes.end(),
                               [&](const auto& entry) { return entry.first == name; });
  return it == attributes.end() ? nullptr : &it->second;
}

std::string attribute_text(const AttributeValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  return fmt::format("{}", std::get<double>(value));
}

std::string text_attribute(const Attributes& attributes, std::string_view name) {
  const AttributeValue* value = find_attribute(attributes, name);
  return value ? attribute_text(*value) : std::string();
}

std::vector<std::string> attribute_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::vector<std::string> attribute_lines(std::string_view text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  while (true) {
    const std::size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace output
