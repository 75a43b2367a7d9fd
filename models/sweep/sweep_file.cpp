#include "models/sweep/sweep_file.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>

#include "models/rollout/scenario_rules.h"
#include "models/scenario/diagnostics.h"
#include "models/scenario/files.h"
#include "models/scenario/loader.h"
#include "models/scenario/record.h"
#include "models/scenario/schema.h"
#include "models/scenario/tree.h"
#include "models/scenario/units.h"
#include "models/sweep/rollout_run.h"
#include "sim/sweep/ishigami.h"

namespace models::sweep {

namespace fs = std::filesystem;
using scn::Node;
using sim::sweep::DesignKind;
using sim::sweep::Marginal;

namespace {

const std::vector<std::string> kTopKeys = {
    "title", "model",           "base",      "seed",       "replications",   "design",  "parameters",
    "keep",  "series_interval", "bootstrap", "confidence", "random_numbers", "variants"};
const std::vector<std::string> kDesignKeys = {"type",         "samples", "second_order",
                                              "trajectories", "levels",  "points"};
const std::vector<std::string> kParameterKeys = {"key", "values", "range", "steps", "distribution"};
const std::vector<std::string> kDistributionKeys = {"type", "low", "high", "mean", "sd", "mode"};

class Reader {
 public:
  Reader(scn::Diagnostics& d, fs::path folder) : diags_(d), folder_(std::move(folder)) {}

  void error(const Node& at, const std::string& path, std::string message) {
    diags_.add(at.origin, path, std::move(message));
  }

  void check_keys(const Node& map, const std::string& path, const std::vector<std::string>& keys) {
    for (const Node::Entry& e : map.entries) {
      if (std::find(keys.begin(), keys.end(), e.key) != keys.end()) continue;
      const std::string near = scn::nearest(e.key, keys);
      diags_.add(e.key_origin, scn::join_path(path, e.key),
                 "unknown key" + (near.empty() ? "" : "; did you mean " + scn::quote(near) + "?") +
                     " Valid keys: " + scn::name_list(keys));
    }
  }

  bool scalar(const Node& n, const std::string& path, std::string_view what) {
    if (n.kind == Node::Kind::Scalar) return true;
    error(n, path, fmt::format("expected {}, found a {}", what, kind(n)));
    return false;
  }

  static std::string kind(const Node& n) {
    switch (n.kind) {
      case Node::Kind::Null:
        return "null";
      case Node::Kind::Scalar:
        return "scalar";
      case Node::Kind::List:
        return "list";
      case Node::Kind::Map:
        return "map";
    }
    return "?";
  }

  std::optional<std::uint64_t> count(const Node& n, const std::string& path, std::uint64_t min,
                                     std::uint64_t max) {
    if (!scalar(n, path, "a whole number")) return std::nullopt;
    const auto p = units::parse_integral(n.text);
    if (!p) {
      error(n, path, p.problem);
      return std::nullopt;
    }
    if (*p.value < static_cast<double>(min) || *p.value > static_cast<double>(max)) {
      error(n, path,
            fmt::format("expected a whole number in [{}, {}], found {}", min, max, scn::quote(n.text)));
      return std::nullopt;
    }
    return static_cast<std::uint64_t>(*p.value);
  }

  // "<number>" or "<number> <unit>"; the unit must be the parameter's (the first one seen).
  std::optional<double> value(const Node& n, const std::string& path, std::string& unit, bool& unit_set) {
    if (!scalar(n, path, "a number, optionally with a unit (e.g. 40 MW)")) return std::nullopt;
    std::string_view t = n.text;
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    const units::NumberPrefix p = units::parse_number_prefix(t);
    if (p.status != units::NumberStatus::Ok || !std::isfinite(p.value)) {
      error(n, path,
            "expected a finite number, optionally with a unit (e.g. 40 MW), found " + scn::quote(n.text));
      return std::nullopt;
    }
    std::string_view rest = t.substr(p.length);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
    if (!rest.empty() && !units::find_unit(rest)) {
      error(n, path, "unknown unit " + scn::quote(rest) + " in " + scn::quote(n.text));
      return std::nullopt;
    }
    if (!unit_set) {
      unit = std::string(rest);
      unit_set = true;
    } else if (unit != rest) {
      error(n, path,
            fmt::format("expected the unit {} (a parameter's values share one unit), found {}",
                        unit.empty() ? "'' (none)" : scn::quote(unit), scn::quote(n.text)));
      return std::nullopt;
    }
    return p.value;
  }

  scn::Diagnostics& diags_;
  fs::path folder_;
};

// Returns whether values, range or distribution was given (optional in an explicit design).
bool read_parameter(Reader& r, const Node& n, const std::string& path, sim::sweep::Parameter& out) {
  if (n.kind != Node::Kind::Map) {
    r.error(n, path, "expected a map with key and values, range or distribution, found a " + Reader::kind(n));
    return false;
  }
  r.check_keys(n, path, kParameterKeys);
  const Node* key = n.find("key");
  if (!key) {
    r.error(n, scn::join_path(path, "key"), "required key is missing (the key path the parameter sets)");
  } else if (r.scalar(*key, scn::join_path(path, "key"), "a key path such as sites.nacc.land")) {
    if (!scn::parse_key_path(key->text)) {
      r.error(*key, scn::join_path(path, "key"),
              "expected a key path such as sites[2].halls[0].pue, found " + scn::quote(key->text));
    }
    out.name = key->text;
  }
  bool unit_set = false;
  Marginal& m = out.marginal;
  const Node* values = n.find("values");
  const Node* range = n.find("range");
  const Node* dist = n.find("distribution");
  const int given = (values ? 1 : 0) + (range ? 1 : 0) + (dist ? 1 : 0);
  if (given > 1) r.error(n, path, "expected one of values, range or distribution, found several");
  if (given == 0) return false;
  if (values) {
    const std::string vp = scn::join_path(path, "values");
    m.kind = Marginal::Kind::Values;
    if (values->kind != Node::Kind::List || values->items.empty()) {
      r.error(*values, vp, "expected a non-empty list of values");
      return true;
    }
    for (std::size_t i = 0; i < values->items.size(); ++i) {
      if (auto v = r.value(values->items[i], scn::index_path(vp, i), out.units, unit_set))
        m.values.push_back(*v);
    }
  } else if (range) {
    const std::string rp = scn::join_path(path, "range");
    m.kind = Marginal::Kind::Uniform;
    if (range->kind != Node::Kind::List || range->items.size() != 2) {
      r.error(*range, rp, "expected [low, high]");
      return true;
    }
    const auto lo = r.value(range->items[0], scn::index_path(rp, 0), out.units, unit_set);
    const auto hi = r.value(range->items[1], scn::index_path(rp, 1), out.units, unit_set);
    if (lo && hi) {
      if (!(*lo < *hi)) r.error(*range, rp, "expected low < high");
      m.a = *lo;
      m.b = *hi;
    }
  } else {
    const std::string dp = scn::join_path(path, "distribution");
    if (dist->kind != Node::Kind::Map) {
      r.error(*dist, dp, "expected a map such as {type: normal, mean: 100 MW, sd: 10 MW}");
      return true;
    }
    r.check_keys(*dist, dp, kDistributionKeys);
    const Node* type = dist->find("type");
    const auto get = [&](const char* k) -> std::optional<double> {
      const Node* v = dist->find(k);
      if (!v) {
        r.error(*dist, scn::join_path(dp, k), "required key is missing");
        return std::nullopt;
      }
      return r.value(*v, scn::join_path(dp, k), out.units, unit_set);
    };
    const std::vector<std::string> types = {"uniform", "loguniform", "normal", "triangular"};
    if (!type || type->kind != Node::Kind::Scalar ||
        std::find(types.begin(), types.end(), type->text) == types.end()) {
      r.error(type ? *type : *dist, scn::join_path(dp, "type"), "expected one of " + scn::name_list(types));
      return true;
    }
    if (type->text == "uniform" || type->text == "loguniform") {
      m.kind = type->text == "uniform" ? Marginal::Kind::Uniform : Marginal::Kind::LogUniform;
      const auto lo = get("low"), hi = get("high");
      if (lo && hi) {
        m.a = *lo;
        m.b = *hi;
        if (!(m.a < m.b)) r.error(*dist, dp, "expected low < high");
        if (m.kind == Marginal::Kind::LogUniform && !(m.a > 0))
          r.error(*dist, dp, "expected low > 0 for loguniform");
      }
    } else if (type->text == "normal") {
      m.kind = Marginal::Kind::Normal;
      const auto mu = get("mean"), sd = get("sd");
      if (mu && sd) {
        m.a = *mu;
        m.b = *sd;
        if (!(m.b > 0)) r.error(*dist, scn::join_path(dp, "sd"), "expected sd > 0");
      }
    } else {
      m.kind = Marginal::Kind::Triangular;
      const auto lo = get("low"), mode = get("mode"), hi = get("high");
      if (lo && mode && hi) {
        m.a = *lo;
        m.b = *mode;
        m.c = *hi;
        if (!(m.a <= m.b && m.b <= m.c && m.a < m.c))
          r.error(*dist, dp, "expected low <= mode <= high, low < high");
      }
    }
  }
  if (const Node* steps = n.find("steps")) {
    if (auto s = r.count(*steps, scn::join_path(path, "steps"), 1, 100000)) m.steps = *s;
  }
  if (out.units.empty()) out.units = "1";
  return true;
}

// A sweep keeps every run's results in memory until it writes its file, so the runs are bounded.
constexpr std::uint64_t kMaxRuns = 1'000'000;

std::uint64_t saturating_product(std::uint64_t a, std::uint64_t b) {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  return a != 0 && b > kMax / a ? kMax : a * b;
}

// The design's points, counted without building it (a grid's product saturates, never wraps).
std::uint64_t planned_points(const sim::sweep::Plan& plan) {
  const sim::sweep::DesignSpec& spec = plan.design;
  const std::uint64_t dims = plan.parameters.size();
  switch (spec.kind) {
    case DesignKind::Explicit:
      return dims == 0 ? std::max<std::uint64_t>(spec.points.size(), 1) : spec.points.size();
    case DesignKind::Grid: {
      std::uint64_t n = 1;
      for (const auto& p : plan.parameters) {
        const Marginal& m = p.marginal;
        n = saturating_product(n, m.kind == Marginal::Kind::Values ? m.values.size() : m.steps);
      }
      return n;
    }
    case DesignKind::LatinHypercube:
      return spec.samples;
    case DesignKind::Sobol:
      return saturating_product(spec.samples, spec.second_order ? 2 * dims + 2 : dims + 2);
    case DesignKind::Morris:
      return saturating_product(spec.trajectories, dims + 1);
  }
  return 0;
}

// variants: a list of scenario files, each relative to the sweep file and inside its folder, each
// a valid scenario with a name of its own (the coordinate of the variant dimension).
void read_variants(Reader& r, const Node& list, const fs::path& folder, SweepFile& sweep) {
  if (list.kind != Node::Kind::List || list.items.empty()) {
    r.error(list, "variants", "expected a non-empty list of scenario files (the first is the reference)");
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Node& item = list.items[i];
    const std::string path = scn::index_path("variants", i);
    if (!r.scalar(item, path, "a scenario file path")) continue;
    const scn::ConfinedPath p = scn::confine_path(item.text, folder, fs::path{});
    if (!p.path) {
      r.error(item, path, p.problem);
      continue;
    }
    if (!fs::is_regular_file(*p.path)) {
      r.error(item, path, "no such scenario file: " + scn::quote(p.relative));
      continue;
    }
    const LoadResult loaded = rollout::load_scenario(*p.path);
    if (!loaded.ok()) {
      std::string first = loaded.errors.empty() ? std::string("not a valid scenario") : loaded.errors.front();
      r.error(item, path,
              "expected a valid scenario file, found " + std::to_string(loaded.errors.size()) +
                  " problem(s), the first: " + first);
      continue;
    }
    const std::string& name = loaded.scenario->name;
    if (!names.insert(name).second) {
      r.error(item, path,
              "expected variants with different scenario names (the variant coordinate), found " +
                  scn::quote(name) + " twice");
      continue;
    }
    sweep.plan.variants.push_back({name, item.text});
    sweep.variant_files.push_back(*p.path);
    if (i == 0) sweep.base = *p.path;
  }
}

const Node& ps_node(const Node& doc, std::size_t i) {
  const Node* ps = doc.find("parameters");
  return ps && i < ps->items.size() ? ps->items[i] : doc;
}

SweepLoad load(const std::string& text, const std::string& display, const fs::path& folder) {
  scn::Diagnostics diags;
  scn::Sources sources;
  const int source =
      sources.add({scn::Source::Role::Scenario, display, fs::path(display).filename().string(), text, {}});
  scn::Budget budget{scn::Limits::kNodes, scn::Limits::kDepth};
  SweepLoad out;
  const auto fail = [&] {
    out.errors = diags.format(sources);
    return out;
  };
  if (text.size() > scn::Limits::kFileBytes) {
    diags.add(
        {source, 0, 0}, "",
        fmt::format("the sweep file is {} bytes; the limit is {}", text.size(), scn::Limits::kFileBytes));
    return fail();
  }
  std::optional<Node> doc = scn::parse_yaml(text, source, budget, diags);
  if (!doc) return fail();
  Reader r(diags, folder);
  if (doc->kind != Node::Kind::Map) {
    diags.add({source, 1, 1}, "",
              "expected a map of sweep keys (title, model, base, parameters, design, ...)");
    return fail();
  }
  r.check_keys(*doc, "", kTopKeys);
  SweepFile sweep;
  sweep.path = display;
  sweep.text = text;
  sim::sweep::Plan& plan = sweep.plan;
  plan.model = "rollout";
  if (const Node* t = doc->find("title"); t && r.scalar(*t, "title", "a text")) plan.title = t->text;
  if (const Node* m = doc->find("model"); m && r.scalar(*m, "model", "rollout or ishigami")) {
    if (m->text != "rollout" && m->text != "ishigami")
      r.error(*m, "model", "expected rollout or ishigami, found " + scn::quote(m->text));
    plan.model = m->text;
  }
  const Node* base = doc->find("base");
  const Node* variants = doc->find("variants");
  if (variants && plan.model != "rollout") {
    r.error(*variants, "variants", "the ishigami model takes no variants");
  } else if (variants && base) {
    r.error(*base, "base",
            "expected either base (one scenario) or variants (several, the first the reference), found both");
  } else if (variants) {
    read_variants(r, *variants, folder, sweep);
  }
  if (plan.model == "rollout" && !variants) {
    if (!base) {
      r.error(*doc, "base",
              "required key is missing (the base scenario file of a rollout sweep, or variants: a list of "
              "scenario files)");
    } else if (r.scalar(*base, "base", "a scenario file path")) {
      const scn::ConfinedPath p = scn::confine_path(base->text, folder, fs::path{});
      if (!p.path) {
        r.error(*base, "base", p.problem);
      } else if (!fs::is_regular_file(*p.path)) {
        r.error(*base, "base", "no such scenario file: " + scn::quote(p.relative));
      } else {
        sweep.base = *p.path;
      }
    }
  } else if (base && plan.model != "rollout") {
    r.error(*base, "base", "the ishigami model takes no base scenario");
  }
  if (const Node* s = doc->find("seed")) {
    if (auto v = r.count(*s, "seed", 0, (std::uint64_t{1} << 53))) plan.master_seed = *v;
  }
  if (const Node* s = doc->find("replications")) {
    if (auto v = r.count(*s, "replications", 1, 1'000'000)) plan.replications = *v;
  }
  if (const Node* s = doc->find("random_numbers");
      s && r.scalar(*s, "random_numbers", "common or independent")) {
    if (s->text == "common") {
      plan.random_numbers = sim::sweep::RandomNumbers::Common;
    } else if (s->text == "independent") {
      plan.random_numbers = sim::sweep::RandomNumbers::Independent;
    } else {
      r.error(*s, "random_numbers",
              "expected common (replication r of every point uses the same seed) or independent (every run "
              "its own seed), found " +
                  scn::quote(s->text));
    }
  }
  if (const Node* s = doc->find("bootstrap")) {
    if (auto v = r.count(*s, "bootstrap", 0, 100'000)) plan.bootstrap = *v;
  }
  if (const Node* s = doc->find("confidence"); s && r.scalar(*s, "confidence", "a number in (0, 1)")) {
    const auto v = units::parse_number(s->text);
    if (!v || !(*v.value > 0 && *v.value < 1)) {
      r.error(*s, "confidence", "expected a number in (0, 1), found " + scn::quote(s->text));
    } else {
      plan.confidence = *v.value;
    }
  }
  sweep.keep_location = sources.location(doc->find("keep") ? doc->find("keep")->origin : doc->origin);
  if (const Node* k = doc->find("keep"); k && r.scalar(*k, "keep", "headline, bands or series")) {
    if (k->text == "headline") {
      plan.keep = sim::sweep::Keep::Headline;
    } else if (k->text == "bands") {
      plan.keep = sim::sweep::Keep::Bands;
    } else if (k->text == "series") {
      plan.keep = sim::sweep::Keep::Series;
    } else {
      r.error(*k, "keep", "expected headline, bands or series, found " + scn::quote(k->text));
    }
  }
  if (const Node* s = doc->find("series_interval"); s && r.scalar(*s, "series_interval", "a duration")) {
    const auto v = units::parse_quantity(s->text, units::Kind::Duration);
    if (!v || !(*v.value > 0)) {
      r.error(*s, "series_interval", v ? "expected a positive duration" : v.problem);
    } else {
      plan.series_interval_days = *v.value;
    }
  }

  // Parameters.
  std::vector<char> has_spec;
  if (const Node* ps = doc->find("parameters")) {
    if (ps->kind != Node::Kind::List) {
      r.error(*ps, "parameters", "expected a list of parameters, found a " + Reader::kind(*ps));
    } else {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < ps->items.size(); ++i) {
        sim::sweep::Parameter p;
        const std::string path = scn::index_path("parameters", i);
        has_spec.push_back(read_parameter(r, ps->items[i], path, p));
        if (!p.name.empty() && !seen.insert(p.name).second)
          r.error(ps->items[i], path, "parameter " + scn::quote(p.name) + " is given twice");
        plan.parameters.push_back(std::move(p));
      }
    }
  }
  // Design.
  sim::sweep::DesignSpec& spec = plan.design;
  std::vector<std::string> point_units;
  spec.kind = plan.parameters.empty() ? DesignKind::Explicit : DesignKind::Grid;
  if (const Node* d = doc->find("design")) {
    if (d->kind != Node::Kind::Map) {
      r.error(*d, "design", "expected a map such as {type: sobol, samples: 1024}");
    } else {
      r.check_keys(*d, "design", kDesignKeys);
      const Node* t = d->find("type");
      const sim::sweep::DesignType* type =
          t && t->kind == Node::Kind::Scalar ? sim::sweep::find_design_type(t->text) : nullptr;
      if (type == nullptr) {
        r.error(t ? *t : *d, "design.type", "expected one of " + scn::name_list(sim::sweep::design_names()));
      } else {
        spec.kind = type->kind;
      }
      const auto need_count = [&](const char* key, std::uint64_t min, std::uint64_t max) -> std::uint64_t {
        const Node* n = d->find(key);
        if (!n) {
          r.error(*d, scn::join_path("design", key), "required key is missing for this design type");
          return 0;
        }
        return r.count(*n, scn::join_path("design", key), min, max).value_or(0);
      };
      if (spec.kind == DesignKind::LatinHypercube || spec.kind == DesignKind::Sobol)
        spec.samples = need_count("samples", 1, 10'000'000);
      if (spec.kind == DesignKind::Morris) {
        spec.trajectories = need_count("trajectories", 1, 1'000'000);
        if (d->find("levels")) spec.levels = need_count("levels", 2, 1000);
      }
      if (const Node* so = d->find("second_order");
          so && r.scalar(*so, "design.second_order", "true or false")) {
        if (so->text != "true" && so->text != "false")
          r.error(*so, "design.second_order", "expected true or false, found " + scn::quote(so->text));
        spec.second_order = so->text == "true";
      }
      if (spec.kind == DesignKind::Explicit) {
        const Node* pts = d->find("points");
        if (!pts || pts->kind != Node::Kind::List || pts->items.empty()) {
          r.error(pts ? *pts : *d, "design.points",
                  "expected a list of points, each a map of parameter key: value");
        } else {
          point_units.assign(plan.parameters.size(), "");
          for (std::size_t i = 0; i < pts->items.size(); ++i) {
            const Node& pt = pts->items[i];
            const std::string path = scn::index_path("design.points", i);
            if (pt.kind != Node::Kind::Map) {
              r.error(pt, path, "expected a map of parameter key: value");
              continue;
            }
            std::vector<std::string> keys;
            for (const auto& p : plan.parameters) keys.push_back(p.name);
            r.check_keys(pt, path, keys);
            std::vector<double> row;
            for (auto& p : plan.parameters) {
              const Node* v = pt.find(p.name);
              if (!v) {
                r.error(pt, scn::join_path(path, p.name),
                        "required key is missing (every point sets every parameter)");
                continue;
              }
              bool unit_set =
                  has_spec[&p - plan.parameters.data()] || !point_units[&p - plan.parameters.data()].empty();
              std::string& unit = point_units[&p - plan.parameters.data()];
              if (unit.empty() && has_spec[&p - plan.parameters.data()]) unit = p.units == "1" ? "" : p.units;
              if (auto x = r.value(*v, scn::join_path(path, p.name), unit, unit_set)) row.push_back(*x);
            }
            spec.points.push_back(std::move(row));
          }
        }
      }
    }
  }
  for (std::size_t i = 0; i < point_units.size(); ++i) {
    if (!has_spec[i]) plan.parameters[i].units = point_units[i].empty() ? "1" : point_units[i];
  }
  for (std::size_t i = 0; i < has_spec.size(); ++i) {
    if (!has_spec[i] && spec.kind != DesignKind::Explicit)
      r.error(ps_node(*doc, i), scn::index_path("parameters", i),
              "expected one of values, range or distribution (only an explicit design lists values in its "
              "points)");
  }
  if (spec.kind == DesignKind::Grid) {
    for (std::size_t i = 0; i < plan.parameters.size(); ++i) {
      const Marginal& m = plan.parameters[i].marginal;
      if (m.kind != Marginal::Kind::Values && m.steps == 0)
        r.error(*doc, scn::index_path("parameters", i), "a grid needs values, or a range with steps");
    }
  }
  if (!plan.variants.empty() && (spec.kind == DesignKind::Sobol || spec.kind == DesignKind::Morris)) {
    r.error(*variants, "variants",
            "expected an explicit, grid or lhs design with variants (sensitivity indices are computed per "
            "sweep: run one Sobol' or Morris sweep per variant), found a " +
                std::string(sim::sweep::design_name(spec.kind)) + " design");
  }
  if (diags.empty()) {
    const std::uint64_t points =
        saturating_product(planned_points(plan), std::max<std::uint64_t>(plan.variants.size(), 1));
    const std::uint64_t runs = saturating_product(points, plan.replications);
    if (runs > kMaxRuns) {
      const auto count = [](std::uint64_t n) {
        return n == std::numeric_limits<std::uint64_t>::max() ? std::string("2^64 or more")
                                                              : fmt::format("{}", n);
      };
      const char* key = doc->find("design")       ? "design"
                        : doc->find("parameters") ? "parameters"
                                                  : "replications";
      const Node* at = doc->find(key);
      r.error(at ? *at : *doc, key,
              fmt::format("expected at most {} runs (design points x replications), found {} ({} points x {} "
                          "{}); that is the limit",
                          kMaxRuns, count(runs), count(points), plan.replications,
                          plan.replications == 1 ? "replication" : "replications"));
    } else if (plan.model == "rollout" && plan.keep != sim::sweep::Keep::Headline && sweep.base) {
      // Every run's kept series stay in memory until the file is written. The base scenario gives
      // the time axis (an invalid base is reported when the sweep loads it to run).
      const LoadResult scenario = rollout::load_scenario(*sweep.base);
      if (scenario.ok()) {
        const std::string problem = kept_series_problem(plan, *scenario.scenario, runs);
        const Node* k = doc->find("keep");
        if (!problem.empty()) r.error(k ? *k : *doc, "keep", problem);
      }
    }
  }
  if (!diags.empty()) return fail();
  if (plan.model == "ishigami") {
    try {
      std::vector<std::string> names;
      for (const auto& p : plan.parameters) names.push_back(p.name);
      sim::sweep::IshigamiModel check(names);
    } catch (const std::exception& e) {
      diags.add(doc->find("parameters")->origin, "parameters", e.what());
      return fail();
    }
  }
  out.sweep = std::move(sweep);
  return out;
}

}  // namespace

SweepLoad load_sweep_text(const std::string& text, const std::string& display, const fs::path& folder) {
  return load(text, display, folder);
}

SweepLoad load_sweep(const fs::path& file) {
  const scn::FileText read = scn::read_text_file(file, scn::Limits::kFileBytes);
  if (!read.text)
    return SweepLoad{std::nullopt, {file.generic_string() + ": cannot read the sweep file: " + read.problem}};
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  return load(*read.text, file.generic_string(), folder);
}

std::vector<std::string> point_overrides(const sim::sweep::Plan& plan, std::span<const double> values) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < plan.parameters.size() && i < values.size(); ++i) {
    const auto& p = plan.parameters[i];
    out.push_back(p.name + "=" + units::format_number(values[i]) + (p.units == "1" ? "" : " " + p.units));
  }
  return out;
}

std::unique_ptr<sim::sweep::RunModel> make_model(SweepFile& sweep, const sim::sweep::Design& design,
                                                 const ModelOptions& options) {
  if (sweep.plan.model == "ishigami") {
    std::vector<std::string> names;
    for (const auto& p : sweep.plan.parameters) names.push_back(p.name);
    return std::make_unique<sim::sweep::IshigamiModel>(names);
  }
  return make_rollout_model(sweep, design, options);
}

}  // namespace models::sweep
