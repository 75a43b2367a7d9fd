#pragma once
// A YAML document as plain data, each node remembering where it came from.
//
// yaml-cpp's own Node shares aliased sub-trees and knows nothing of files, so documents are read
// through yaml-cpp's event parser into this Node: aliases are expanded by copying, within a node
// budget (an alias "billion laughs" stops at the budget, not at the memory's end), nesting is
// bounded, duplicate keys are reported, and every node keeps its Origin for messages. Bases,
// CSV schedules and --set overrides are merged at this level, before any typing.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/diagnostics.h"

namespace models::scn {

struct Node {
  enum class Kind { Null, Scalar, List, Map };
  struct Entry;

  Kind kind = Kind::Null;
  std::string text;            // Scalar
  bool quoted = false;         // Scalar: written in quotes (or, for the writer, must be)
  bool flow = false;           // writer hint: write this list or map in flow style
  std::vector<Node> items;     // List
  std::vector<Entry> entries;  // Map, in document order
  Origin origin;

  static Node scalar(std::string text, Origin origin = {}, bool quoted = false);
  static Node list(Origin origin = {});
  static Node map(Origin origin = {});

  Node* find(std::string_view key);
  const Node* find(std::string_view key) const;
  void set(std::string key, Node value);  // replaces an existing entry, else appends
  bool erase(std::string_view key);
};

struct Node::Entry {
  std::string key;
  Origin key_origin;
  Node value;
};

// Limits on one load, shared by every document and CSV file it reads.
struct Budget {
  std::size_t node_limit;  // nodes in all documents of the load, each use of an alias counted
  int max_depth;           // nesting levels of lists and maps
  std::size_t nodes_used = 0;
};

// Parses one YAML document. Problems (syntax, more than one document, duplicate keys, depth,
// budget, aliases to an enclosing node) go to `diags`; the result is empty when it could not be
// read. An empty document (only comments or blanks) gives a Null node.
std::optional<Node> parse_yaml(std::string_view text, int source, Budget& budget, Diagnostics& diags);

// Writes a node as block-style YAML, and nodes marked `flow` in flow style ({a: 1, b: 2}).
// Scalars marked `quoted` are double-quoted with escapes, others written as they are.
std::string write_yaml(const Node& node);

// Whether a plain scalar with this text would read back as something other than this string
// in YAML 1.1/1.2 (null, a boolean, a number, or text that needs quoting).
bool needs_quotes(std::string_view text);

// The merge rule for bases and overrides (docs/scenario-format.md "Variants"):
// - maps merge by key, recursively; a null value removes the key;
// - a list of named entries (maps with a `name`) merges by name with a base list of named
//   entries: an entry with an existing name patches that entry (the same rules, recursively), a
//   new name is appended, and `{remove: NAME}` removes the base's entry of that name;
// - `{replace: [...]}` replaces the base's list whole; so does any other list (unnamed entries,
//   plain values);
// - any other value replaces the base's value.
// A removal naming no entry of the base is reported to `diags` (when given) at its own origin.
inline constexpr std::string_view kRemoveKey = "remove";
inline constexpr std::string_view kReplaceKey = "replace";
Node merge(Node base, Node over, Diagnostics* diags = nullptr);

// A parsed --set key path: "sites.nacc-haenam.land", "sites[2].halls[0].pue".
struct PathStep {
  std::string key;                   // a map key, or a list entry's name
  std::optional<std::size_t> index;  // a list index
};
std::optional<std::vector<PathStep>> parse_key_path(std::string_view text);
std::string format_key_path(const std::vector<PathStep>& steps);

// Sets the value at `path` in `root`, creating map keys on the way; list entries are addressed
// by index or by the value of their `name` key. Returns a problem in words, or "" on success.
// A key created on the way (or at the end) gets `key_origin`.
std::string set_at_path(Node& root, const std::vector<PathStep>& path, Node value,
                        const Origin& key_origin = {});

}  // namespace models::scn
