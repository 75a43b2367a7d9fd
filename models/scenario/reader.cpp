#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "models/scenario/record.h"

namespace models::scn {

namespace {

constexpr std::size_t kMaxIdentifier = 64;
constexpr std::size_t kMaxText = 10000;

// Edits (insert, delete, substitute, swap two neighbours) that turn a into b.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::string parent_path(const std::string& path) {
  if (!path.empty() && path.back() == ']') return path.substr(0, path.rfind('['));
  const std::size_t dot = path.rfind('.');
  const std::size_t bracket = path.rfind(']');
  if (dot == std::string::npos) return "";
  if (bracket != std::string::npos && bracket > dot) return path.substr(0, bracket + 1);
  return path.substr(0, dot);
}

bool is_prefix_path(std::string_view prefix, std::string_view path) {
  if (prefix.empty()) return true;
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

std::string or_list(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

struct DistributionForm {
  std::string_view name;
  std::vector<std::string> params;
};

const std::vector<DistributionForm>& distribution_forms() {
  static const std::vector<DistributionForm> kForms = {
      {"fixed", {}},
      {"uniform", {"low", "high"}},
      {"triangular", {"low", "mode", "high"}},
      {"lognormal", {"median", "p90"}},
      {"exponential", {"mean"}},
  };
  return kForms;
}

}  // namespace

bool is_distribution_form(std::string_view name) {
  return std::any_of(distribution_forms().begin(), distribution_forms().end(),
                     [&](const DistributionForm& f) { return f.name == name; });
}

bool Range::contains(double v) const {
  if (min_open ? !(v > min) : !(v >= min)) return false;
  if (max_open ? !(v < max) : !(v <= max)) return false;
  return true;
}

std::string Range::describe(std::string_view unit) const {
  const std::string suffix = unit.empty() ? "" : fmt::format(" {}", unit);
  const bool has_min = std::isfinite(min);
  const bool has_max = std::isfinite(max);
  if (has_min && has_max) {
    return fmt::format("in {}{}, {}{}{}", min_open ? "(" : "[", units::format_number(min),
                       units::format_number(max), max_open ? ")" : "]", suffix);
  }
  if (has_min) return fmt::format("{} {}{}", min_open ? ">" : ">=", units::format_number(min), suffix);
  if (has_max) return fmt::format("{} {}{}", max_open ? "<" : "<=", units::format_number(max), suffix);
  return "";
}

const FieldInfo* RecordInfo::field(std::string_view key) const {
  for (const FieldInfo& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  if (word.size() > kMaxIdentifier) return "";  // no typo of a key or name is that long
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  const std::size_t allowed = std::max<std::size_t>(1, std::min(word.size(), best.size()) / 3);
  if (best.empty() || best_distance > allowed || best_distance >= word.size()) return "";
  return best;
}

std::string name_list(const std::vector<std::string>& names, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max; ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  if (names.size() > max) out += ", ...";
  return out;
}

std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string index_path(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

Reader::Reader(Diagnostics& diags, const Sources& sources, CsvLoader csv)
    : diags_(diags), sources_(sources), csv_(std::move(csv)) {}

void Reader::error(const Origin& at, const std::string& path, std::string message) {
  failed_.insert(path);
  diags_.add(at, path, std::move(message));
}

void Reader::error(const std::string& path, std::string message) {
  error(origin(path), path, std::move(message));
}

void Reader::violation(const Origin& at, const std::string& path, std::string message) {
  diags_.add(at, path, std::move(message));
}

void Reader::violation(const std::string& path, std::string message) {
  violation(origin(path), path, std::move(message));
}

bool Reader::ok(const std::string& path) const {
  for (const std::string& f : failed_) {
    if (is_prefix_path(f, path)) return false;
  }
  return true;
}

bool Reader::given(const std::string& path) const { return noted_.contains(path); }

std::string Reader::written(const std::string& path, const std::string& fallback) const {
  const auto it = noted_.find(path);
  return quote(it == noted_.end() || it->second.text.empty() ? fallback : it->second.text);
}

Origin Reader::origin(const std::string& path) const {
  for (std::string p = path;; p = parent_path(p)) {
    const auto it = noted_.find(p);
    if (it != noted_.end()) return it->second.at;
    if (p.empty()) return {};
  }
}

std::string Reader::found(const Node& n) const {
  switch (n.kind) {
    case Node::Kind::Null:
      return "nothing";
    case Node::Kind::Scalar:
      return quote(n.text);
    case Node::Kind::List:
      return "a list";
    case Node::Kind::Map:
      return "a map";
  }
  return "?";
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, std::string& out) {
  if (f.type == Type::Text) {
    if (n.kind != Node::Kind::Scalar) {
      error(n.origin, path, fmt::format("expected a text, found {}", found(n)));
      return false;
    }
    if (n.text.size() > kMaxText) {
      error(n.origin, path,
            fmt::format("expected a text of at most {} characters, found {}", kMaxText, n.text.size()));
      return false;
    }
    out = n.text;
    return true;
  }
  if (f.type == Type::Choice) {
    std::size_t index = 0;
    if (!read_choice(n, path, f, index)) return false;
    out = f.choices[index];
    return true;
  }
  if (f.type == Type::FilePath) {
    if (n.kind != Node::Kind::Scalar) {
      error(n.origin, path, fmt::format("expected a file path, found {}", found(n)));
      return false;
    }
    out = n.text;
    return true;
  }
  // Identifier or Ref
  const bool valid = n.kind == Node::Kind::Scalar && !n.text.empty() && n.text.size() <= kMaxIdentifier &&
                     std::all_of(n.text.begin(), n.text.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                     });
  if (!valid) {
    error(n.origin, path,
          fmt::format(
              "expected a name of lowercase letters, digits, '-' and '_' (at most {} characters), found {}",
              kMaxIdentifier, found(n)));
    return false;
  }
  out = n.text;
  if (f.type == Type::Ref) refer(f, path, out, n.origin);
  return true;
}

bool Reader::read_integral(const Node& n, const std::string& path, const FieldInfo& f, double& out) {
  const std::string range = f.range.describe();
  if (n.kind != Node::Kind::Scalar) {
    error(n.origin, path,
          fmt::format("expected an integer{}{}, found {}", range.empty() ? "" : " ", range, found(n)));
    return false;
  }
  const units::Parsed<double> v = units::parse_integral(n.text);
  if (!v) {
    error(n.origin, path, v.problem);
    return false;
  }
  if (!f.range.contains(*v.value)) {
    error(n.origin, path, fmt::format("expected an integer {}, found {}", range, quote(n.text)));
    return false;
  }
  out = *v.value;
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, int& out) {
  double v = 0;
  if (!read_integral(n, path, f, v)) return false;
  out = static_cast<int>(v);
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, std::int64_t& out) {
  double v = 0;
  if (!read_integral(n, path, f, v)) return false;
  out = static_cast<std::int64_t>(v);
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, std::uint64_t& out) {
  double v = 0;
  if (!read_integral(n, path, f, v)) return false;
  out = static_cast<std::uint64_t>(v);
  return true;
}

bool Reader::read_quantity(const Node& n, const std::string& path, const FieldInfo& f, double& out) {
  const bool dimensionless = f.type == Type::Number;
  const std::string what = dimensionless ? "a number" : std::string(units::noun(f.unit));
  if (n.kind != Node::Kind::Scalar) {
    const std::string example = dimensionless ? "" : fmt::format(" such as '{}'", units::example(f.unit));
    error(n.origin, path, fmt::format("expected {}{}, found {}", what, example, found(n)));
    return false;
  }
  const units::Parsed<double> v =
      dimensionless ? units::parse_number(n.text) : units::parse_quantity(n.text, f.unit);
  if (!v) {
    // A date where a duration belongs is usually a date swept or set as a shift: say so.
    const bool date = !dimensionless && f.unit == units::Kind::Duration && sim::parse_iso_date(n.text);
    error(n.origin, path,
          date ? fmt::format(
                     "expected a duration such as '90 days' or '-6 months' (a shift, not a date), found the "
                     "date {}",
                     quote(n.text))
               : v.problem);
    return false;
  }
  if (!f.range.contains(*v.value)) {
    const std::string unit = dimensionless ? "" : std::string(units::canonical_symbol(f.unit));
    error(n.origin, path,
          fmt::format("expected {} {}, found {}", what, f.range.describe(unit), quote(n.text)));
    return false;
  }
  out = *v.value;
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, double& out) {
  return read_quantity(n, path, f, out);
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo&, bool& out) {
  if (n.kind == Node::Kind::Scalar && (n.text == "true" || n.text == "false")) {
    out = n.text == "true";
    return true;
  }
  error(n.origin, path, fmt::format("expected true or false, found {}", found(n)));
  return false;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo&, sim::Date& out) {
  const std::optional<sim::Date> d =
      n.kind == Node::Kind::Scalar ? sim::parse_iso_date(n.text) : std::optional<sim::Date>{};
  if (!d) {
    error(n.origin, path, fmt::format("expected a date such as '2027-11-01', found {}", found(n)));
    return false;
  }
  out = *d;
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, std::optional<double>& out) {
  double v = 0;
  if (!read(n, path, f, v)) return false;
  out = v;
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, std::optional<sim::Date>& out) {
  sim::Date d;
  if (!read(n, path, f, d)) return false;
  out = d;
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, Distribution& out) {
  if (n.kind == Node::Kind::Scalar) {
    double v = 0;
    if (!read_quantity(n, path, f, v)) return false;
    out = Distribution::fixed(v);
    return true;
  }
  std::vector<std::string> names;
  for (const DistributionForm& form : distribution_forms()) names.emplace_back(form.name);
  if (n.kind != Node::Kind::Map || n.entries.size() != 1) {
    error(n.origin, path,
          fmt::format("expected {} such as '{}' or a map with one key naming a distribution ({}), found {}",
                      units::noun(f.unit), units::example(f.unit), or_list(names),
                      n.kind == Node::Kind::Map ? count_noun(n.entries.size(), "key") : found(n)));
    return false;
  }
  const Node::Entry& e = n.entries.front();
  const std::string form_path = join_path(path, e.key);
  const auto form = std::find_if(distribution_forms().begin(), distribution_forms().end(),
                                 [&](const DistributionForm& d) { return d.name == e.key; });
  if (form == distribution_forms().end()) {
    const std::string guess = nearest(e.key, names);
    error(e.key_origin, form_path,
          guess.empty() ? fmt::format("unknown distribution; expected {}", or_list(names))
                        : fmt::format("unknown distribution; did you mean '{}'?", guess));
    return false;
  }
  note(form_path, e.value.origin);
  if (form->name == "fixed") {
    double v = 0;
    if (!read_quantity(e.value, form_path, f, v)) return false;
    out = Distribution::fixed(v);
    return true;
  }
  if (e.value.kind != Node::Kind::Map) {
    error(e.value.origin, form_path,
          fmt::format("expected a map with keys {}, found {}", name_list(form->params), found(e.value)));
    return false;
  }
  bool good = true;
  for (const Node::Entry& p : e.value.entries) {
    if (std::find(form->params.begin(), form->params.end(), p.key) != form->params.end()) continue;
    const std::string guess = nearest(p.key, form->params);
    error(p.key_origin, join_path(form_path, p.key),
          guess.empty() ? fmt::format("unknown key; expected {}", or_list(form->params))
                        : fmt::format("unknown key; did you mean '{}'?", guess));
    good = false;
  }
  double values[3] = {0, 0, 0};
  std::string texts[3];
  for (std::size_t i = 0; i < form->params.size(); ++i) {
    const std::string param_path = join_path(form_path, form->params[i]);
    const Node* v = e.value.find(form->params[i]);
    if (v == nullptr) {
      error(e.value.origin, param_path, "required key is missing");
      good = false;
      continue;
    }
    note(param_path, *v);
    texts[i] = quote(v->text);
    good = read_quantity(*v, param_path, f, values[i]) && good;
  }
  if (!good) return false;
  const auto& [a, b, c] = values;
  if (form->name == "uniform") {
    if (!(a <= b)) {
      error(e.value.origin, form_path,
            fmt::format("expected low <= high, found low {}, high {}", texts[0], texts[1]));
      return false;
    }
    out = {Distribution::Kind::Uniform, a, b, 0};
  } else if (form->name == "triangular") {
    if (!(a <= b && b <= c)) {
      error(e.value.origin, form_path,
            fmt::format("expected low <= mode <= high, found low {}, mode {}, high {}", texts[0], texts[1],
                        texts[2]));
      return false;
    }
    out = {Distribution::Kind::Triangular, a, b, c};
  } else if (form->name == "lognormal") {
    if (!(a > 0 && b > a)) {
      error(e.value.origin, form_path,
            fmt::format("expected p90 > median > 0, found median {}, p90 {}", texts[0], texts[1]));
      return false;
    }
    out = {Distribution::Kind::LognormalMedianP90, a, b, 0};
  } else {
    if (!(a > 0)) {
      error(e.value.origin, form_path, fmt::format("expected mean > 0, found mean {}", texts[0]));
      return false;
    }
    out = {Distribution::Kind::Exponential, a, 0, 0};
  }
  return true;
}

bool Reader::check_items(const Node& n, const std::string& path, const FieldInfo& f, std::string_view noun) {
  if (n.kind != Node::Kind::List) {
    error(n.origin, path, fmt::format("expected a list of {}, found {}", plural(noun), found(n)));
    return false;
  }
  if (f.min_items > 0 && f.min_items == f.max_items && n.items.size() != f.min_items) {
    error(n.origin, path,
          fmt::format("expected a list of exactly {}, found {}", count_noun(f.min_items, noun),
                      count_noun(n.items.size(), noun)));
    return false;
  }
  if (f.max_items > 0 && n.items.size() > f.max_items) {
    error(n.origin, path,
          fmt::format("expected at most {}, found {}", count_noun(f.max_items, noun), n.items.size()));
    return false;
  }
  if (n.items.size() < f.min_items) {
    error(n.origin, path,
          fmt::format("expected at least {}, found {}", count_noun(f.min_items, noun), n.items.size()));
    return false;
  }
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f, std::vector<std::string>& out) {
  if (f.type == Type::FilePathList) {
    if (!check_items(n, path, f, "file path")) return false;
    FieldInfo item = f;
    item.type = Type::FilePath;
    bool good = true;
    std::vector<std::string> values(n.items.size());
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const std::string item_path = index_path(path, i);
      note(item_path, n.items[i]);
      good = read(n.items[i], item_path, item, values[i]) && good;
    }
    if (good) out = std::move(values);
    return good;
  }
  const bool texts = f.type == Type::TextList;
  if (!check_items(n, path, f, texts ? std::string("name") : fmt::format("{} name", f.ref_noun)))
    return false;
  bool good = true;
  std::vector<std::string> values;
  FieldInfo item = f;
  item.type = texts ? Type::Text : Type::Ref;
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const std::string item_path = index_path(path, i);
    note(item_path, n.items[i]);
    std::string name;
    if (!read(n.items[i], item_path, item, name)) {
      good = false;
      continue;
    }
    const auto previous = std::find(values.begin(), values.end(), name);
    if (previous != values.end()) {
      error(n.items[i].origin, item_path,
            fmt::format("expected each name once, found {} again (first at index {})", quote(name),
                        previous - values.begin()));
      good = false;
    }
    values.push_back(std::move(name));
  }
  if (good) out = std::move(values);
  return good;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo&, WrittenValue& out) {
  constexpr std::string_view kExpected = "a finite number, optionally with a unit (e.g. 40 MW)";
  if (n.kind != Node::Kind::Scalar) {
    error(n.origin, path, fmt::format("expected {}, found {}", kExpected, found(n)));
    return false;
  }
  std::string_view text = n.text;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const units::NumberPrefix number = units::parse_number_prefix(text);
  if (number.status != units::NumberStatus::Ok || !std::isfinite(number.value)) {
    error(n.origin, path, fmt::format("expected {}, found {}", kExpected, found(n)));
    return false;
  }
  std::string_view unit = text.substr(number.length);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
  if (!unit.empty() && units::find_unit(unit) == nullptr) {
    // Units are case-sensitive ("mW" is not "MW"): the one usual slip is the case.
    std::string guess;
    for (const units::Unit& u : units::all_units()) {
      if (std::equal(u.symbol.begin(), u.symbol.end(), unit.begin(), unit.end(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
        guess = u.symbol;
    }
    error(n.origin, path,
          fmt::format("expected {}, found {} (unknown unit {}; {})", kExpected, found(n), quote(unit),
                      guess.empty() ? "docs/scenario-reference.md lists the units"
                                    : fmt::format("did you mean '{}'?", guess)));
    return false;
  }
  out = {number.value, std::string(unit)};
  return true;
}

bool Reader::read(const Node& n, const std::string& path, const FieldInfo& f,
                  std::vector<WrittenValue>& out) {
  if (!check_items(n, path, f, "value")) return false;
  bool good = true;
  std::vector<WrittenValue> values(n.items.size());
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const std::string item_path = index_path(path, i);
    note(item_path, n.items[i]);
    good = read(n.items[i], item_path, f, values[i]) && good;
  }
  if (good) out = std::move(values);
  return good;
}

bool Reader::read_choice(const Node& n, const std::string& path, const FieldInfo& f, std::size_t& index) {
  if (n.kind == Node::Kind::Scalar) {
    const auto it = std::find(f.choices.begin(), f.choices.end(), n.text);
    if (it != f.choices.end()) {
      index = static_cast<std::size_t>(it - f.choices.begin());
      return true;
    }
  }
  const std::string guess = n.kind == Node::Kind::Scalar ? nearest(n.text, f.choices) : "";
  std::vector<std::string> words = f.choices;
  for (std::size_t i = 0; i < words.size() && i < f.choice_meanings.size(); ++i) {
    words[i] += fmt::format(" ({})", f.choice_meanings[i]);
  }
  error(n.origin, path,
        fmt::format("expected {}, found {}{}", or_list(words), found(n),
                    guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess)));
  return false;
}

bool Reader::expect_map(const Node& n, const std::string& path, std::string_view what) {
  if (n.kind == Node::Kind::Map) return true;
  error(n.origin, path, fmt::format("expected a map of {} keys, found {}", what, found(n)));
  return false;
}

bool Reader::expect_list(Node& n, const std::string& path, const FieldInfo& f) {
  if (n.kind == Node::Kind::Scalar && !f.csv_columns.empty() && csv_) {
    std::optional<Node> rows = csv_(n, path, f);
    if (!rows) {
      failed_.insert(path);
      return false;
    }
    n = std::move(*rows);
    note(path, n.origin);
  }
  const std::string what = f.record != nullptr ? f.record->name : "entry";
  if (n.kind != Node::Kind::List) {
    error(n.origin, path,
          fmt::format(
              "expected a list of {}{}, found {}", plural(what),
              f.csv_columns.empty() ? "" : fmt::format(" or a CSV file path ({})", name_list(f.csv_columns)),
              found(n)));
    return false;
  }
  if (f.max_items > 0 && n.items.size() > f.max_items) {
    error(n.origin, path,
          fmt::format("expected at most {} {}, found {}; that is the limit", f.max_items, plural(what),
                      n.items.size()));
    return false;
  }
  if (n.items.size() < f.min_items) {
    error(n.origin, path,
          fmt::format("expected at least {}, found {}", count_noun(f.min_items, what), n.items.size()));
    return false;
  }
  return true;
}

void Reader::check_keys(const Node& map, const std::string& path, const RecordInfo& record) {
  std::vector<std::string> keys;
  for (const FieldInfo& f : record.fields) keys.push_back(f.key);
  for (const Node::Entry& e : map.entries) {
    if (record.field(e.key) != nullptr) continue;
    const std::string guess = nearest(e.key, keys);
    error(e.key_origin, join_path(path, e.key),
          guess.empty() ? fmt::format("unknown key; expected one of: {}", name_list(keys, keys.size()))
                        : fmt::format("unknown key; did you mean '{}'?", guess));
  }
}

void Reader::define_name(const std::string& scope, const std::string& name, const std::string& path,
                         const Origin& at) {
  Scope& s = scopes_[scope];
  const auto [it, inserted] = s.first.emplace(name, at);
  if (!inserted) {
    const std::string name_path = join_path(path, "name");
    error(at, name_path,
          fmt::format("expected a unique name, found {} again (first defined at {})", quote(name),
                      location(it->second)));
    return;
  }
  s.names.push_back(name);
}

const std::vector<std::string>& Reader::names(const std::string& scope) const {
  static const std::vector<std::string> kNone;
  const auto it = scopes_.find(scope);
  return it == scopes_.end() ? kNone : it->second.names;
}

void Reader::refer(const FieldInfo& f, const std::string& path, const std::string& name, const Origin& at) {
  std::string scope = f.ref;
  if (f.ref_local) {
    // `path` is <list>[i].<key>, or <list>[i].<key>[j] for a name in a RefList: the scope is <list>.
    std::string record = parent_path(path);
    if (path.ends_with(']')) record = parent_path(record);
    scope = parent_path(record);
  }
  uses_.push_back({scope, f.ref_noun, name, path, at});
}

void Reader::resolve_references() {
  // A name missing from a list that has errors of its own is most likely one of its broken
  // entries: such references are not reported one by one but grouped into one line per list.
  struct Suppressed {
    const Use* first = nullptr;
    std::size_t count = 0;
    std::vector<std::string> names;
  };
  std::map<std::string, Suppressed> suppressed;
  // Past a few unknown names in one list (a list replaced whole, say), the rest are grouped.
  constexpr std::size_t kReportedUnknownReferences = 3;
  std::map<std::string, std::size_t> unknown_in;
  for (const Use& u : uses_) {
    if (!ok(u.scope)) continue;  // the list itself could not be read: its problem is reported
    const std::vector<std::string>& known = names(u.scope);
    if (std::find(known.begin(), known.end(), u.name) != known.end()) continue;
    if (failed_within(u.scope) || ++unknown_in[u.scope] > kReportedUnknownReferences) {
      Suppressed& s = suppressed[u.scope];
      if (s.first == nullptr) s.first = &u;
      ++s.count;
      if (std::find(s.names.begin(), s.names.end(), u.name) == s.names.end()) s.names.push_back(u.name);
      continue;
    }
    std::string detail;
    if (known.empty()) {
      detail = fmt::format("no {} are defined", plural(u.noun));
    } else if (const std::string guess = nearest(u.name, known); !guess.empty()) {
      detail = fmt::format("did you mean '{}'?", guess);
    } else {
      detail = fmt::format("defined {}: {}", plural(u.noun), name_list(known));
    }
    error(u.at, u.path,
          fmt::format("expected the name of a {}, found {}; {}", u.noun, quote(u.name), detail));
  }
  for (const auto& [scope, s] : suppressed) {
    std::string quoted;
    for (const std::string& n : s.names) quoted += (quoted.empty() ? "" : ", ") + quote(n);
    const std::vector<std::string>& known = names(scope);
    if (failed_within(scope)) {
      diags_.add(s.first->at, s.first->path,
                 fmt::format("{} to {} not defined ({}) not reported one by one: '{}' has entries without "
                             "a readable name above, which likely explain them",
                             count_noun(s.count, "reference"), plural(s.first->noun), quoted, scope));
    } else {
      diags_.add(s.first->at, s.first->path,
                 fmt::format("and {} more {} to {} not defined: {}; defined {}: {}", s.count,
                             s.count == 1 ? "reference" : "references", plural(s.first->noun), quoted,
                             plural(s.first->noun), known.empty() ? std::string("none") : name_list(known)));
    }
  }
}

bool Reader::failed_within(const std::string& scope) const {
  // An entry of the list, or its name, could not be read: its name is then not defined.
  for (const std::string& f : failed_) {
    if (!f.starts_with(scope + "[")) continue;
    const std::size_t close = f.find(']', scope.size());
    if (close == std::string::npos) continue;
    const std::string_view rest = std::string_view(f).substr(close + 1);
    if (rest.empty() || rest == ".name") return true;
  }
  return false;
}

Node to_node(const std::string& v, const FieldInfo& f) {
  return Node::scalar(v, {}, f.type == Type::Text || needs_quotes(v));
}

Node to_node(double v, const FieldInfo& f) {
  return Node::scalar(f.type == Type::Quantity || f.type == Type::Distribution
                          ? units::format_quantity(v, f.unit)
                          : units::format_number(v));
}

Node to_node(std::int64_t v, const FieldInfo&) { return Node::scalar(fmt::format("{}", v)); }

Node to_node(bool v, const FieldInfo&) { return Node::scalar(v ? "true" : "false"); }

Node to_node(const sim::Date& v, const FieldInfo&) { return Node::scalar(sim::to_iso(v)); }

Node to_node(const std::optional<sim::Date>& v, const FieldInfo& f) { return v ? to_node(*v, f) : Node{}; }
Node to_node(const std::optional<double>& v, const FieldInfo& f) { return v ? to_node(*v, f) : Node{}; }

Node to_node(const Distribution& v, const FieldInfo& f) {
  if (v.kind == Distribution::Kind::Fixed) return to_node(v.a, f);
  const DistributionForm& form = distribution_forms().at(static_cast<std::size_t>(v.kind));
  Node params = Node::map();
  params.flow = true;
  const double values[3] = {v.a, v.b, v.c};
  for (std::size_t i = 0; i < form.params.size(); ++i) {
    params.entries.push_back({form.params[i], {}, to_node(values[i], f)});
  }
  Node map = Node::map();
  map.flow = true;
  map.entries.push_back({std::string(form.name), {}, std::move(params)});
  return map;
}

Node to_node(const std::vector<std::string>& v, const FieldInfo&) {
  Node list = Node::list();
  list.flow = true;
  for (const std::string& name : v) list.items.push_back(Node::scalar(name, {}, needs_quotes(name)));
  return list;
}

Node to_node(const WrittenValue& v, const FieldInfo&) {
  return Node::scalar(v.unit.empty() ? units::format_number(v.value)
                                     : fmt::format("{} {}", units::format_number(v.value), v.unit));
}

Node to_node(const std::vector<WrittenValue>& v, const FieldInfo& f) {
  Node list = Node::list();
  list.flow = true;
  for (const WrittenValue& value : v) list.items.push_back(to_node(value, f));
  return list;
}

}  // namespace models::scn
