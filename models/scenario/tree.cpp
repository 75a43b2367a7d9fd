#include "models/scenario/tree.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "models/scenario/record.h"
#include "models/scenario/units.h"

namespace models::scn {

Node Node::scalar(std::string text, Origin origin, bool quoted) {
  Node n;
  n.kind = Kind::Scalar;
  n.text = std::move(text);
  n.quoted = quoted;
  n.origin = origin;
  return n;
}

Node Node::list(Origin origin) {
  Node n;
  n.kind = Kind::List;
  n.origin = origin;
  return n;
}

Node Node::map(Origin origin) {
  Node n;
  n.kind = Kind::Map;
  n.origin = origin;
  return n;
}

Node* Node::find(std::string_view key) {
  for (Entry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

const Node* Node::find(std::string_view key) const { return const_cast<Node*>(this)->find(key); }

void Node::set(std::string key, Node value) {
  if (Node* existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  const Origin at = value.origin;
  entries.push_back({std::move(key), at, std::move(value)});
}

bool Node::erase(std::string_view key) {
  const auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
  if (it == entries.end()) return false;
  entries.erase(it);
  return true;
}

namespace {

// Thrown inside the event handler to stop parsing after a diagnostic was recorded.
struct StopParsing {};

// Builds Nodes from yaml-cpp's parse events.
class Builder : public YAML::EventHandler {
 public:
  Builder(int source, Budget& budget, Diagnostics& diags) : source_(source), budget_(budget), diags_(diags) {}

  std::optional<Node> take() { return std::move(root_); }
  Origin origin(const YAML::Mark& m) const {
    if (m.is_null()) return {source_, 0, 0};
    return {source_, m.line + 1, m.column + 1};
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) stop(origin(mark), "", "expected one YAML document, found a second one");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n;
    n.origin = origin(mark);
    charge(1, n.origin);
    complete(std::move(n), anchor, 1);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      stop(origin(mark), path(), "an alias may not refer to a node that contains it");
    }
    charge(it->second.size, origin(mark));
    complete(Node(it->second.node), 0, it->second.size);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    charge(1, origin(mark));
    complete(Node::scalar(value, origin(mark), tag == "!"), anchor, 1);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::list(origin(mark)), anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::map(origin(mark)), anchor);
  }
  void OnMapEnd() override { close(); }

  [[noreturn]] void stop(const Origin& at, std::string path, std::string message) {
    diags_.add(at, std::move(path), std::move(message));
    throw StopParsing{};
  }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    std::size_t size = 1;  // nodes in this sub-tree, for alias accounting
    std::optional<Node::Entry> pending_key;
  };
  struct Anchored {
    Node node;
    std::size_t size;
  };

  // The key path of the node being built.
  std::string path() const {
    std::string p;
    for (const Frame& f : stack_) {
      if (f.node.kind == Node::Kind::List) {
        p += fmt::format("[{}]", f.node.items.size());
      } else if (f.pending_key) {
        if (!p.empty()) p += '.';
        p += f.pending_key->key;
      }
    }
    return p;
  }

  void charge(std::size_t nodes, const Origin& at) {
    if (nodes > budget_.node_limit - std::min(budget_.node_limit, budget_.nodes_used)) {
      stop(at, path(),
           fmt::format(
               "the scenario has more than {} YAML nodes (each use of an alias counted); that is the limit",
               budget_.node_limit));
    }
    budget_.nodes_used += nodes;
  }

  void open(Node n, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= budget_.max_depth) {
      stop(n.origin, path(),
           fmt::format("nesting deeper than {} levels; that is the limit", budget_.max_depth));
    }
    charge(1, n.origin);
    stack_.push_back({std::move(n), anchor, 1, std::nullopt});
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.node.kind == Node::Kind::Map && f.pending_key) {
      // yaml-cpp always delivers a value after a key; keep the key anyway as a null.
      f.node.entries.push_back(std::move(*f.pending_key));
    }
    complete(std::move(f.node), f.anchor, f.size);
  }

  // A finished node: remember it under its anchor, then hand it to its parent.
  void complete(Node n, YAML::anchor_t anchor, std::size_t size) {
    if (anchor != 0) anchors_[anchor] = Anchored{n, size};
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    Frame& parent = stack_.back();
    parent.size += size;
    if (parent.node.kind == Node::Kind::List) {
      parent.node.items.push_back(std::move(n));
      return;
    }
    if (!parent.pending_key) {
      if (n.kind != Node::Kind::Scalar) {
        stop(n.origin, path(), "expected a plain key, found a list or map used as a key");
      }
      for (const Node::Entry& e : parent.node.entries) {
        if (e.key == n.text) {
          const std::string p = path();
          stop(n.origin, p.empty() ? n.text : p + "." + n.text,
               fmt::format("duplicate key; first given at line {}, column {}", e.key_origin.line,
                           e.key_origin.column));
        }
      }
      parent.pending_key = Node::Entry{n.text, n.origin, Node{}};
      return;
    }
    Node::Entry entry = std::move(*parent.pending_key);
    parent.pending_key.reset();
    if (n.kind == Node::Kind::Null) n.origin = entry.key_origin;  // "key:" with nothing after it
    entry.value = std::move(n);
    parent.node.entries.push_back(std::move(entry));
  }

  int source_;
  Budget& budget_;
  Diagnostics& diags_;
  int documents_ = 0;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  std::optional<Node> root_;
};

void escape_double_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += fmt::format("\\x{:02x}", u);
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

bool is_flow(const Node& n) { return n.kind == Node::Kind::Scalar || n.kind == Node::Kind::Null || n.flow; }

void write_flow(std::string& out, const Node& n) {
  switch (n.kind) {
    case Node::Kind::Null:
      out += "~";
      return;
    case Node::Kind::Scalar:
      if (n.quoted) {
        escape_double_quoted(out, n.text);
      } else {
        out += n.text;
      }
      return;
    case Node::Kind::List:
      out += '[';
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        if (i > 0) out += ", ";
        write_flow(out, n.items[i]);
      }
      out += ']';
      return;
    case Node::Kind::Map:
      out += '{';
      for (std::size_t i = 0; i < n.entries.size(); ++i) {
        if (i > 0) out += ", ";
        out += n.entries[i].key + ": ";
        write_flow(out, n.entries[i].value);
      }
      out += '}';
      return;
  }
}

void write_block_entries(std::string& out, const Node& map, int indent, bool first_inline);
void write_block_items(std::string& out, const Node& list, int indent);

// Writes what follows "key:" (or "- " when `after_dash`), ending with a newline.
void write_block_value(std::string& out, const Node& n, int indent) {
  const bool empty =
      (n.kind == Node::Kind::List && n.items.empty()) || (n.kind == Node::Kind::Map && n.entries.empty());
  if (is_flow(n) || empty) {
    out += ' ';
    write_flow(out, n);
    out += '\n';
  } else if (n.kind == Node::Kind::Map) {
    out += '\n';
    write_block_entries(out, n, indent, false);
  } else {
    out += '\n';
    write_block_items(out, n, indent);
  }
}

void write_block_entries(std::string& out, const Node& map, int indent, bool first_inline) {
  for (std::size_t i = 0; i < map.entries.size(); ++i) {
    if (i > 0 || !first_inline) out.append(static_cast<std::size_t>(indent), ' ');
    out += map.entries[i].key + ":";
    write_block_value(out, map.entries[i].value, indent + 2);
  }
}

void write_block_items(std::string& out, const Node& list, int indent) {
  for (const Node& item : list.items) {
    out.append(static_cast<std::size_t>(indent), ' ');
    out += "-";
    if (item.kind == Node::Kind::Map && !item.entries.empty() && !item.flow) {
      out += ' ';
      write_block_entries(out, item, indent + 2, true);
    } else {
      write_block_value(out, item, indent + 2);
    }
  }
}

bool is_number_like(std::string_view t) {
  const units::NumberPrefix n = units::parse_number_prefix(t);
  if (n.status != units::NumberStatus::NotANumber && n.length == t.size()) return true;
  std::string lower(t);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == ".inf" || lower == "-.inf" || lower == "+.inf" || lower == ".nan" ||
         lower.starts_with("0x") || lower.starts_with("0o");
}

}  // namespace

std::optional<Node> parse_yaml(std::string_view text, int source, Budget& budget, Diagnostics& diags) {
  std::istringstream in{std::string(text)};
  Builder builder(source, budget, diags);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const StopParsing&) {
    return std::nullopt;
  } catch (const YAML::DeepRecursion& e) {
    diags.add(builder.origin(e.mark), "",
              fmt::format("nesting deeper than {} levels; that is the limit", budget.max_depth));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diags.add(builder.origin(e.mark), "", "YAML syntax error: " + e.msg);
    return std::nullopt;
  }
  std::optional<Node> root = builder.take();
  if (!root) root = Node{};  // no document at all
  return root;
}

bool needs_quotes(std::string_view t) {
  if (t.empty() || t.front() == ' ' || t.back() == ' ') return true;
  static constexpr std::string_view kWords[] = {
      "~",  "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES",
      "no", "No",   "NO",   "on",   "On",   "ON",   "off",  "Off",   "OFF",   "y",     "Y",   "n",   "N"};
  for (std::string_view w : kWords) {
    if (t == w) return true;
  }
  if (is_number_like(t)) return true;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(t.front()) != std::string_view::npos) return true;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto u = static_cast<unsigned char>(t[i]);
    if (u < 0x20 || u == 0x7f) return true;
    if (std::string_view(",[]{}").find(t[i]) != std::string_view::npos) return true;  // flow indicators
    if (t[i] == ':' && (i + 1 == t.size() || t[i + 1] == ' ')) return true;
    if (t[i] == '#' && i > 0 && t[i - 1] == ' ') return true;
  }
  return false;
}

std::string write_yaml(const Node& node) {
  std::string out;
  if (node.kind == Node::Kind::Map && !node.entries.empty()) {
    write_block_entries(out, node, 0, false);
  } else if (node.kind == Node::Kind::List && !node.items.empty()) {
    write_block_items(out, node, 0);
  } else {
    write_flow(out, node);
    out += '\n';
  }
  return out;
}

namespace {

// The scalar `name` of a list entry, or nullptr.
const Node* entry_name(const Node& n) {
  if (n.kind != Node::Kind::Map) return nullptr;
  const Node* name = n.find("name");
  return name != nullptr && name->kind == Node::Kind::Scalar ? name : nullptr;
}

// The map's only value under `key`, or nullptr: `{remove: NAME}` and `{replace: [...]}`.
const Node* only_entry(const Node& n, std::string_view key) {
  if (n.kind != Node::Kind::Map || n.entries.size() != 1 || n.entries[0].key != key) return nullptr;
  return &n.entries[0].value;
}

const Node* removal_name(const Node& n) {
  const Node* v = only_entry(n, kRemoveKey);
  return v != nullptr && v->kind == Node::Kind::Scalar ? v : nullptr;
}

// Both lists hold named entries (the variant's may also hold removals): merge them by name.
bool merges_by_name(const Node& base, const Node& over) {
  if (base.kind != Node::Kind::List || over.kind != Node::Kind::List || over.items.empty()) return false;
  for (const Node& n : base.items) {
    if (entry_name(n) == nullptr) return false;
  }
  std::vector<std::string> seen;  // a name twice in the variant: replace, and let the reader report it
  for (const Node& n : over.items) {
    const Node* name = entry_name(n);
    if (name == nullptr && removal_name(n) == nullptr) return false;
    if (name != nullptr) {
      if (std::find(seen.begin(), seen.end(), name->text) != seen.end()) return false;
      seen.push_back(name->text);
    }
  }
  return true;
}

std::string names_of(const Node& list) {
  std::string out;
  for (const Node& n : list.items) {
    if (const Node* name = entry_name(n)) out += (out.empty() ? "" : ", ") + name->text;
  }
  return out;
}

Node merge_at(Node base, Node over, const std::string& path, Diagnostics* diags) {
  if (const Node* list = only_entry(over, kReplaceKey); list != nullptr && list->kind == Node::Kind::List) {
    if (base.kind == Node::Kind::List || base.kind == Node::Kind::Null) return *list;
  }
  if (merges_by_name(base, over)) {
    for (Node& item : over.items) {
      if (const Node* removed = removal_name(item)) {
        const auto it = std::find_if(base.items.begin(), base.items.end(),
                                     [&](const Node& b) { return entry_name(b)->text == removed->text; });
        if (it != base.items.end()) {
          base.items.erase(it);
        } else if (diags != nullptr) {
          const std::string known = names_of(base);
          diags->add(removed->origin, path,
                     fmt::format("expected the name of an entry of the base's list to remove, found {}; "
                                 "the base's entries: {}",
                                 quote(removed->text), known.empty() ? "none" : known));
        }
        continue;
      }
      const std::string& name = entry_name(item)->text;
      const auto it = std::find_if(base.items.begin(), base.items.end(),
                                   [&](const Node& b) { return entry_name(b)->text == name; });
      if (it == base.items.end()) {
        base.items.push_back(std::move(item));
      } else {
        *it = merge_at(std::move(*it), std::move(item), path + "." + name, diags);
      }
    }
    return base;
  }
  if (base.kind != Node::Kind::Map || over.kind != Node::Kind::Map) return over;
  // A distribution is a map with one key naming its form: another form replaces it whole (merged
  // by key, the two forms would both remain), the same form is patched by key.
  if (base.entries.size() == 1 && over.entries.size() == 1 && base.entries[0].key != over.entries[0].key &&
      is_distribution_form(base.entries[0].key) && is_distribution_form(over.entries[0].key)) {
    return over;
  }
  for (Node::Entry& e : over.entries) {
    if (e.value.kind == Node::Kind::Null) {
      base.erase(e.key);
      continue;
    }
    Node* existing = base.find(e.key);
    if (existing == nullptr) {
      base.entries.push_back(std::move(e));
    } else {
      *existing = merge_at(std::move(*existing), std::move(e.value),
                           path.empty() ? e.key : path + "." + e.key, diags);
    }
  }
  base.origin = over.origin;
  return base;
}

}  // namespace

Node merge(Node base, Node over, Diagnostics* diags) {
  return merge_at(std::move(base), std::move(over), "", diags);
}

std::optional<std::vector<PathStep>> parse_key_path(std::string_view text) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && text[i] != '.' && text[i] != '[' && text[i] != ']') ++i;
    if (i == start) return std::nullopt;
    steps.push_back({std::string(text.substr(start, i - start)), std::nullopt});
    while (i < text.size() && text[i] == '[') {
      const std::size_t digits = ++i;
      std::size_t index = 0;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - digits < 9) {
        index = index * 10 + static_cast<std::size_t>(text[i] - '0');
        ++i;
      }
      if (i == digits || i >= text.size() || text[i] != ']') return std::nullopt;
      ++i;
      steps.push_back({"", index});
    }
    if (i < text.size()) {
      if (text[i] != '.' || i + 1 == text.size()) return std::nullopt;
      ++i;
    }
  }
  if (steps.empty()) return std::nullopt;
  return steps;
}

std::string format_key_path(const std::vector<PathStep>& steps) {
  std::string out;
  for (const PathStep& s : steps) {
    if (s.index) {
      out += fmt::format("[{}]", *s.index);
    } else {
      if (!out.empty()) out += '.';
      out += s.key;
    }
  }
  return out;
}

std::string set_at_path(Node& root, const std::vector<PathStep>& path, Node value, const Origin& key_origin) {
  Node* cur = &root;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const PathStep& step = path[i];
    const bool last = i + 1 == path.size();
    const std::string here = format_key_path({path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i)});
    const std::string where = here.empty() ? "the top level" : quote(here);
    if (cur->kind == Node::Kind::List) {
      Node* item = nullptr;
      if (step.index) {
        if (*step.index >= cur->items.size()) {
          return fmt::format("{} has {}; index {} is out of range", where,
                             count_noun(cur->items.size(), "entry"), *step.index);
        }
        item = &cur->items[*step.index];
      } else {
        std::vector<std::string> names;
        for (Node& candidate : cur->items) {
          const Node* name = candidate.kind == Node::Kind::Map ? candidate.find("name") : nullptr;
          if (name == nullptr || name->kind != Node::Kind::Scalar) continue;
          if (name->text == step.key) item = &candidate;
          names.push_back(name->text);
        }
        if (item == nullptr) {
          std::string known;
          for (std::size_t k = 0; k < names.size(); ++k) known += (k ? ", " : "") + names[k];
          // The nearest name (a typo) and the names containing what was written (a prefix).
          std::vector<std::string> guesses;
          if (const std::string g = nearest(step.key, names); !g.empty()) guesses.push_back(g);
          for (const std::string& n : names) {
            if (!step.key.empty() && n.find(step.key) != std::string::npos &&
                std::find(guesses.begin(), guesses.end(), n) == guesses.end()) {
              guesses.push_back(n);
            }
          }
          std::string guess;
          for (std::size_t k = 0; k < guesses.size(); ++k) {
            guess += (k == 0 ? "" : k + 1 == guesses.size() ? "' or '" : "', '") + guesses[k];
          }
          return fmt::format(
              "{} has no entry named {}{}{}", where, quote(step.key),
              guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess),
              names.empty() ? "; it has no named entries" : fmt::format(" (its entries: {})", known));
        }
      }
      if (last) {
        if (value.kind == Node::Kind::Null) return "a list entry cannot be removed with --set";
        *item = std::move(value);
        return "";
      }
      cur = item;
      continue;
    }
    if (step.index) return fmt::format("{} is not a list; it cannot take index [{}]", where, *step.index);
    if (cur->kind == Node::Kind::Null) *cur = Node::map(value.origin);
    if (cur->kind != Node::Kind::Map)
      return fmt::format("{} is a single value, not a map with key {}", where, quote(step.key));
    if (last) {
      if (value.kind == Node::Kind::Null) {
        cur->erase(step.key);
      } else if (Node* existing = cur->find(step.key)) {
        *existing = std::move(value);
      } else {
        cur->entries.push_back({step.key, key_origin, std::move(value)});
      }
      return "";
    }
    Node* child = cur->find(step.key);
    if (child == nullptr) {
      cur->entries.push_back({step.key, key_origin, Node::map(value.origin)});
      child = &cur->entries.back().value;
    }
    cur = child;
  }
  return "";
}

}  // namespace models::scn
