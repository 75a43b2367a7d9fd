#pragma once
// The generic layer from a YAML tree to typed C++ records, with diagnostics.
//
// A RecordSchema<T> is a table: one FieldInfo per key (kind, unit, required or default, range,
// meaning) bound to a member of T. The same table parses and checks a document (parse), writes a
// record back as YAML in canonical units (emit), and produces the reference documentation
// (RecordInfo, type-independent). The scenario's tables live in models/scenario/schema.cpp; a
// sweep file (or any other YAML input) can declare its own tables and reuse this machinery.

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "models/scenario.h"
#include "models/scenario/diagnostics.h"
#include "models/scenario/tree.h"
#include "models/scenario/units.h"
#include "sim/time.h"

namespace models::scn {

// An allowed interval, in the canonical unit of the key.
struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;  // min itself excluded
  bool max_open = false;

  static Range any() { return {}; }
  static Range at_least(double v) { return {v, Range{}.max, false, false}; }
  static Range above(double v) { return {v, Range{}.max, true, false}; }
  static Range closed(double lo, double hi) { return {lo, hi, false, false}; }
  static Range above_to(double lo, double hi) { return {lo, hi, true, false}; }

  bool contains(double v) const;
  // ">= 0 MW", "> 0", "in [0, 1]", "in (0, 1]", "<= 100", or "" when unbounded.
  std::string describe(std::string_view unit = "") const;
};

enum class Type {
  Text,          // any text
  Identifier,    // a name: [a-z0-9_-]+, at most 64 characters
  FilePath,      // a relative path inside the scenario's folder
  Integer,       // a whole number
  Number,        // a dimensionless number
  Quantity,      // a number with a unit of `unit`'s kind
  Distribution,  // a quantity, or a distribution map of quantities
  Date,          // ISO 8601 calendar date
  Bool,          // true or false
  Choice,        // one of `choices`
  Ref,           // the name of an entry of another list
  RefList,       // a list of such names
  Record,        // a map described by `record`
  List,          // a list of maps described by `record`
  Value,         // a number with any unit or none, as written ("40 MW", "0.5"), for a value that
                 // another key's kind checks later (a sweep parameter's values): WrittenValue
  ValueList,     // a list of such values (min_items, max_items)
  FilePathList,  // a list of relative file paths
  TextList,      // a list of distinct texts (names the code reading them checks, e.g. a sweep's
                 // indicators, known only once its scenario is loaded)
  ValueMaps,     // a list of maps, each key a name given elsewhere and each value a Value (read by
                 // its own code: a sweep design's points, keyed by the parameters' key paths)
};

// A number as written with its unit symbol ("" when none): a Value. The unit is known to exist,
// not to fit: the key the value is later applied to decides its kind.
struct WrittenValue {
  double value = 0;
  std::string unit;
  bool operator==(const WrittenValue&) const = default;
};

struct RecordInfo;

struct FieldInfo {
  std::string key;
  Type type = Type::Text;
  units::Kind unit = units::Kind::Power;  // Quantity, Distribution
  Range range;                            // Integer, Number, Quantity, Distribution (every parameter)
  bool required = false;
  std::string default_text;          // YAML of the default, e.g. "14 days"; empty: none (absent means unset)
  std::string condition;             // when it is required or used, in words; checked by a rule
  std::vector<std::string> choices;  // Choice: accepted words; word i is enum value i
  std::vector<std::string> choice_meanings;  // Choice: what each word means (messages, reference), or none
  std::string ref;                           // Ref, RefList: the top-level list whose names it takes
  bool ref_local = false;                    // Ref, RefList: names from the list holding this record instead
  std::string ref_noun;                      // Ref, RefList: what a name denotes, e.g. "zone"
  const RecordInfo* record = nullptr;        // Record, List
  std::size_t min_items = 0;                 // List, RefList
  std::size_t max_items = 0;                 // List, RefList (0: no limit beyond the node budget)
  std::vector<std::string> csv_columns;      // List: may instead be a CSV file with this header
  std::string description;
};

struct RecordInfo {
  std::string name;         // what one record is, e.g. "site"
  std::string path;         // where it sits, for the reference, e.g. "sites[]"
  std::string description;  // one paragraph
  std::vector<FieldInfo> fields;
  std::vector<std::string> rules;  // cross-field rules, in words (checked in code)
  bool flow = false;               // describe writes it as {a: 1, b: 2}

  const FieldInfo* field(std::string_view key) const;
  bool named() const { return !fields.empty() && fields.front().key == "name"; }
};

// The closest of `candidates` to `word` when it is a plausible typo, else "".
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// "a" / "a, b" / "a, b, c": up to `max` names, then ", ..." .
std::string name_list(const std::vector<std::string>& names, std::size_t max = 12);

// Reads typed values from a tree, reporting every problem with its origin and key path.
class Reader {
 public:
  // Turns a file path written in the document into the rows of a CSV file (List fields with
  // csv_columns). Reports its own problems and returns nothing when it cannot.
  using CsvLoader = std::function<std::optional<Node>(const Node& written, const std::string& key_path,
                                                      const FieldInfo& field)>;

  Reader(Diagnostics& diags, const Sources& sources, CsvLoader csv = {});

  // Problems. Each marks its path as failed, so that rules skip what could not be read.
  void error(const Origin& at, const std::string& path, std::string message);
  void error(const std::string& path, std::string message);  // at the path's node or its parent
  // A broken cross-field rule: reported like an error, but the values stay usable by other rules.
  void violation(const std::string& path, std::string message);
  void violation(const Origin& at, const std::string& path, std::string message);
  void fail(const std::string& path) { failed_.insert(path); }
  // Whether anything at or below `scope` (a list's path) failed.
  bool failed_within(const std::string& scope) const;
  bool ok(const std::string& path) const;     // nothing failed at or above path
  bool given(const std::string& path) const;  // present in the document
  Origin origin(const std::string& path) const;
  // Remembers where the node at `path` is (and, for a scalar, its text as written).
  void note(const std::string& path, const Node& n) {
    noted_[path] = {n.origin, n.kind == Node::Kind::Scalar ? n.text : ""};
  }
  void note(const std::string& path, const Origin& at) { noted_[path] = {at, ""}; }
  // The value at `path` quoted as written, or `fallback` quoted when it was not written there.
  std::string written(const std::string& path, const std::string& fallback) const;
  std::string location(const Origin& at) const { return sources_.location(at); }

  // Typed values: false (with a problem reported) when the node does not fit `field`.
  bool read(const Node& n, const std::string& path, const FieldInfo& field, std::string& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, double& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, std::optional<double>& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, int& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, std::int64_t& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, std::uint64_t& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, bool& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, sim::Date& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, std::optional<sim::Date>& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, Distribution& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, std::vector<std::string>& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, WrittenValue& out);
  bool read(const Node& n, const std::string& path, const FieldInfo& field, std::vector<WrittenValue>& out);
  // An optional value (a key without a default): set when given.
  template <class M>
  bool read(const Node& n, const std::string& path, const FieldInfo& field, std::optional<M>& out) {
    M value{};
    if (!read(n, path, field, value)) return false;
    out = std::move(value);
    return true;
  }
  template <class E>
  requires std::is_enum_v<E>
  bool read(const Node& n, const std::string& path, const FieldInfo& field, E& out) {
    std::size_t index = 0;
    if (!read_choice(n, path, field, index)) return false;
    out = static_cast<E>(index);
    return true;
  }
  bool read_choice(const Node& n, const std::string& path, const FieldInfo& field, std::size_t& index);

  // Structure.
  bool expect_map(const Node& n, const std::string& path, std::string_view what);
  // A List field: a list (or, with csv_columns, a CSV file path, replaced here by its rows)
  // within the field's item limits.
  bool expect_list(Node& n, const std::string& path, const FieldInfo& field);
  void check_keys(const Node& map, const std::string& path, const RecordInfo& record);

  // Names and references between lists, resolved after everything was read.
  void define_name(const std::string& scope, const std::string& name, const std::string& path,
                   const Origin& at);
  void resolve_references();
  const std::vector<std::string>& names(const std::string& scope) const;

 private:
  bool read_integral(const Node& n, const std::string& path, const FieldInfo& field, double& out);
  bool read_quantity(const Node& n, const std::string& path, const FieldInfo& field, double& out);
  // The list of a RefList, FilePathList or ValueList within its item limits.
  bool check_items(const Node& n, const std::string& path, const FieldInfo& field, std::string_view noun);
  void refer(const FieldInfo& field, const std::string& path, const std::string& name, const Origin& at);
  std::string found(const Node& n) const;

  struct Use {
    std::string scope, noun, name, path;
    Origin at;
  };
  struct Scope {
    std::vector<std::string> names;
    std::map<std::string, Origin, std::less<>> first;
  };

  Diagnostics& diags_;
  const Sources& sources_;
  CsvLoader csv_;
  struct Noted {
    Origin at;
    std::string text;
  };
  std::map<std::string, Noted, std::less<>> noted_;
  std::set<std::string, std::less<>> failed_;
  std::map<std::string, Scope, std::less<>> scopes_;
  std::vector<Use> uses_;
};

// "a.b" / "b" when `path` is empty.
std::string join_path(const std::string& path, std::string_view key);
std::string index_path(const std::string& path, std::size_t index);

// Values as describe writes them (canonical units).
Node to_node(const std::string& v, const FieldInfo& f);
Node to_node(double v, const FieldInfo& f);
Node to_node(const std::optional<double>& v, const FieldInfo& f);
Node to_node(std::int64_t v, const FieldInfo& f);
Node to_node(bool v, const FieldInfo& f);
Node to_node(const sim::Date& v, const FieldInfo& f);
Node to_node(const std::optional<sim::Date>& v, const FieldInfo& f);
Node to_node(const Distribution& v, const FieldInfo& f);
// Whether `name` names a distribution form (`fixed`, `uniform`, `triangular`, ...), the key of a
// distribution map.
bool is_distribution_form(std::string_view name);
Node to_node(const std::vector<std::string>& v, const FieldInfo& f);
Node to_node(const WrittenValue& v, const FieldInfo& f);
Node to_node(const std::vector<WrittenValue>& v, const FieldInfo& f);
inline Node to_node(int v, const FieldInfo& f) { return to_node(static_cast<std::int64_t>(v), f); }
inline Node to_node(std::uint64_t v, const FieldInfo& f) { return to_node(static_cast<std::int64_t>(v), f); }
template <class M>
Node to_node(const std::optional<M>& v, const FieldInfo& f) {
  return v ? to_node(*v, f) : Node{};
}
template <class E>
requires std::is_enum_v<E> Node to_node(E v, const FieldInfo& f) {
  return Node::scalar(f.choices.at(static_cast<std::size_t>(v)));
}

template <class T>
class RecordSchema {
 public:
  struct Binding {
    std::function<void(T&, Node&, const std::string&, Reader&, const FieldInfo&)> parse;
    std::function<std::optional<Node>(const T&, const FieldInfo&)> emit;
  };

  RecordSchema(std::string name, std::string path, std::string description) {
    info_.name = std::move(name);
    info_.path = std::move(path);
    info_.description = std::move(description);
  }

  const RecordInfo& info() const { return info_; }
  void rule(std::string text) { info_.rules.push_back(std::move(text)); }
  void flow() { info_.flow = true; }

  // A key read into a plain member (text, number, quantity, date, choice, name, ...). An optional
  // key without a default is left out by emit when its member is unset (M{}), unless `needed`
  // says the record needs it written (a key required by a condition on other keys).
  template <class M>
  void add(FieldInfo f, M T::*member, std::function<bool(const T&)> needed = {}) {
    push(std::move(f), {[member](T& out, Node& n, const std::string& path, Reader& r, const FieldInfo& fi) {
                          M value{};
                          if (r.read(n, path, fi, value)) {
                            out.*member = std::move(value);
                          } else {
                            r.fail(path);
                          }
                        },
                        [member, needed](const T& in, const FieldInfo& fi) -> std::optional<Node> {
                          const M& value = in.*member;
                          const bool unset = !fi.required && fi.default_text.empty() && value == M{};
                          if (unset && !(needed && needed(in))) return std::nullopt;
                          return to_node(value, fi);
                        }});
  }

  // A list of records.
  template <class S>
  void add(FieldInfo f, std::vector<S> T::*member, const RecordSchema<S>& sub) {
    f.type = Type::List;
    f.record = &sub.info();
    push(std::move(f),
         {[member, &sub](T& out, Node& n, const std::string& path, Reader& r, const FieldInfo& fi) {
            if (!r.expect_list(n, path, fi)) return;
            std::vector<S> values(n.items.size());
            for (std::size_t i = 0; i < n.items.size(); ++i) {
              const std::string item = index_path(path, i);
              sub.parse(n.items[i], item, values[i], r);
              const Node* name = sub.info().named() ? n.items[i].find("name") : nullptr;
              if (name != nullptr && r.ok(join_path(item, "name"))) {
                r.define_name(path, name->text, item, name->origin);
              }
            }
            out.*member = std::move(values);
          },
          [member, &sub](const T& in, const FieldInfo&) -> std::optional<Node> {
            Node list = Node::list();
            for (const S& s : in.*member) list.items.push_back(sub.emit(s));
            return list;
          }});
  }

  // A nested record (a map of its own keys).
  template <class S>
  void add(FieldInfo f, S T::*member, const RecordSchema<S>& sub) {
    f.type = Type::Record;
    f.record = &sub.info();
    push(std::move(f), {[member, &sub](T& out, Node& n, const std::string& path, Reader& r,
                                       const FieldInfo&) { sub.parse(n, path, out.*member, r); },
                        [member, &sub](const T& in, const FieldInfo&) -> std::optional<Node> {
                          return sub.emit(in.*member);
                        }});
  }

  // A documented key that is consumed before typing (such as `base`).
  void add_unbound(FieldInfo f) { push(std::move(f), {}); }

  void parse(Node& node, const std::string& path, T& out, Reader& r) const {
    r.note(path, node.origin);
    if (!r.expect_map(node, path, info_.name)) return;
    r.check_keys(node, path, info_);
    for (std::size_t i = 0; i < info_.fields.size(); ++i) {
      const FieldInfo& fi = info_.fields[i];
      const Binding& b = bindings_[i];
      const std::string child = join_path(path, fi.key);
      if (Node* value = node.find(fi.key)) {
        r.note(child, *value);
        if (b.parse) b.parse(out, *value, child, r, fi);
      } else if (fi.required) {
        r.error(node.origin, child, "required key is missing");
      } else if (b.parse && fi.type == Type::Record) {
        Node empty = Node::map(node.origin);
        b.parse(out, empty, child, r, fi);
      } else if (b.parse && !fi.default_text.empty() && fi.type != Type::List && fi.type != Type::RefList) {
        Node fallback = Node::scalar(fi.default_text, node.origin);
        b.parse(out, fallback, child, r, fi);
      }
    }
  }

  Node emit(const T& in) const {
    Node map = Node::map();
    map.flow = info_.flow;
    for (std::size_t i = 0; i < info_.fields.size(); ++i) {
      if (!bindings_[i].emit) continue;
      if (std::optional<Node> value = bindings_[i].emit(in, info_.fields[i])) {
        map.entries.push_back({info_.fields[i].key, {}, std::move(*value)});
      }
    }
    return map;
  }

 private:
  void push(FieldInfo f, Binding b) {
    info_.fields.push_back(std::move(f));
    bindings_.push_back(std::move(b));
  }

  RecordInfo info_;
  std::vector<Binding> bindings_;
};

}  // namespace models::scn
