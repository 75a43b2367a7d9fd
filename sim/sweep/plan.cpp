#include "sim/sweep/plan.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace sim::sweep {
namespace {

// The plan's YAML document names its format first, so a plan of another format (the text lines
// of "sovsim-sweep-plan 1", written before plans were YAML) is refused by name.
constexpr std::string_view kFormat = "sovsim-sweep-plan 2";

// Numbers as plain scalars in shortest round-trip form, so the text (and the hash) is canonical
// and every double reads back bit for bit.
std::string number(double v) {
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, r.ptr);
}

std::invalid_argument bad(const std::string& what) { return std::invalid_argument("sweep plan: " + what); }

YAML::Node required(const YAML::Node& map, const char* key, const std::string& where) {
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) throw bad(where + "has no '" + key + "'");
  return n;
}

std::string text_of(const YAML::Node& map, const char* key, const std::string& where = "") {
  const YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) throw bad(where + "has no '" + std::string(key) + "'");
  if (!n.IsScalar()) throw bad(where + "'" + key + "' is not a scalar");
  return n.Scalar();
}

double to_double(const std::string& t) {
  double v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc{} || r.ptr != t.data() + t.size()) throw bad("not a number: '" + t + "'");
  return v;
}

std::uint64_t to_u64(const std::string& t) {
  std::uint64_t v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc{} || r.ptr != t.data() + t.size()) throw bad("not an integer: '" + t + "'");
  return v;
}

std::vector<double> numbers(const YAML::Node& list, const std::string& what) {
  if (!list.IsSequence()) throw bad(what + " is not a list");
  std::vector<double> out;
  for (const YAML::Node& v : list) {
    if (!v.IsScalar()) throw bad(what + " holds a value that is not a number");
    out.push_back(to_double(v.Scalar()));
  }
  return out;
}

void emit_numbers(YAML::Emitter& o, const std::vector<double>& values) {
  o << YAML::Flow << YAML::BeginSeq;
  for (double v : values) o << number(v);
  o << YAML::EndSeq;
}

std::string_view marginal_name(Marginal::Kind k) {
  switch (k) {
    case Marginal::Kind::Values:
      return "values";
    case Marginal::Kind::Uniform:
      return "uniform";
    case Marginal::Kind::LogUniform:
      return "loguniform";
    case Marginal::Kind::Normal:
      return "normal";
    case Marginal::Kind::Triangular:
      return "triangular";
  }
  return "?";
}

}  // namespace

std::string_view design_name(DesignKind kind) { return design_type(kind).name; }

std::string_view keep_name(Keep keep) {
  switch (keep) {
    case Keep::Headline:
      return "headline";
    case Keep::Bands:
      return "bands";
    case Keep::Series:
      return "series";
  }
  return "?";
}

std::string_view random_numbers_name(RandomNumbers r) {
  return r == RandomNumbers::Common ? "common" : "independent";
}

std::uint64_t seed_of_run(const Plan& plan, std::uint64_t point, std::uint64_t replication) {
  return run_seed(plan.master_seed, plan.random_numbers == RandomNumbers::Common ? 0 : point, replication);
}

std::string serialize(const Plan& p) {
  YAML::Emitter o;
  o << YAML::BeginMap;
  o << YAML::Key << "format" << YAML::Value << std::string(kFormat);
  o << YAML::Key << "title" << YAML::Value << YAML::DoubleQuoted << p.title;
  o << YAML::Key << "model" << YAML::Value << YAML::DoubleQuoted << p.model;
  o << YAML::Key << "model_digest" << YAML::Value << YAML::DoubleQuoted << p.model_digest;
  o << YAML::Key << "seed" << YAML::Value << std::to_string(p.master_seed);
  o << YAML::Key << "replications" << YAML::Value << std::to_string(p.replications);
  o << YAML::Key << "random_numbers" << YAML::Value << std::string(random_numbers_name(p.random_numbers));
  o << YAML::Key << "design" << YAML::Value << YAML::BeginMap;
  o << YAML::Key << "type" << YAML::Value << std::string(design_name(p.design.kind));
  o << YAML::Key << "samples" << YAML::Value << std::to_string(p.design.samples);
  o << YAML::Key << "second_order" << YAML::Value << (p.design.second_order ? "true" : "false");
  o << YAML::Key << "trajectories" << YAML::Value << std::to_string(p.design.trajectories);
  o << YAML::Key << "levels" << YAML::Value << std::to_string(p.design.levels);
  o << YAML::Key << "points" << YAML::Value << YAML::BeginSeq;
  for (const auto& point : p.design.points) emit_numbers(o, point);
  o << YAML::EndSeq << YAML::EndMap;
  o << YAML::Key << "keep" << YAML::Value << std::string(keep_name(p.keep));
  o << YAML::Key << "series_interval_days" << YAML::Value << number(p.series_interval_days);
  o << YAML::Key << "bootstrap" << YAML::Value << std::to_string(p.bootstrap);
  o << YAML::Key << "confidence" << YAML::Value << number(p.confidence);
  o << YAML::Key << "variants" << YAML::Value << YAML::BeginSeq;
  for (const Variant& v : p.variants) {
    o << YAML::Flow << YAML::BeginMap;
    o << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << v.name;
    o << YAML::Key << "file" << YAML::Value << YAML::DoubleQuoted << v.file;
    o << YAML::EndMap;
  }
  o << YAML::EndSeq;
  o << YAML::Key << "parameters" << YAML::Value << YAML::BeginSeq;
  for (const Parameter& q : p.parameters) {
    const Marginal& m = q.marginal;
    o << YAML::Flow << YAML::BeginMap;
    o << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << q.name;
    o << YAML::Key << "units" << YAML::Value << YAML::DoubleQuoted << q.units;
    o << YAML::Key << "marginal" << YAML::Value << std::string(marginal_name(m.kind));
    o << YAML::Key << "a" << YAML::Value << number(m.a);
    o << YAML::Key << "b" << YAML::Value << number(m.b);
    o << YAML::Key << "c" << YAML::Value << number(m.c);
    o << YAML::Key << "steps" << YAML::Value << std::to_string(m.steps);
    o << YAML::Key << "values" << YAML::Value;
    emit_numbers(o, m.values);
    o << YAML::EndMap;
  }
  o << YAML::EndSeq << YAML::EndMap;
  if (!o.good()) throw std::logic_error("sweep plan: " + o.GetLastError());
  return std::string(o.c_str()) + "\n";
}

Plan parse_plan(std::string_view text) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw bad(std::string("not YAML: ") + e.what());
  }
  if (!doc.IsMap()) {
    throw bad(
        "expected a YAML map starting with 'format: " + std::string(kFormat) +
        "' (a plan of an earlier sovsim is text lines: merge its parts with the sovsim that wrote them, or "
        "run the sweep again)");
  }
  const std::string format = text_of(doc, "format");
  if (format != kFormat) {
    throw bad("format '" + format + "' is not this version's ('" + std::string(kFormat) +
              "'); merge its parts with the sovsim that wrote them, or run the sweep again");
  }
  try {
    Plan p;
    p.title = text_of(doc, "title");
    p.model = text_of(doc, "model");
    p.model_digest = text_of(doc, "model_digest");
    p.master_seed = to_u64(text_of(doc, "seed"));
    p.replications = to_u64(text_of(doc, "replications"));
    const std::string random_numbers = text_of(doc, "random_numbers");
    if (random_numbers == "common") {
      p.random_numbers = RandomNumbers::Common;
    } else if (random_numbers == "independent") {
      p.random_numbers = RandomNumbers::Independent;
    } else {
      throw bad("unknown random_numbers '" + random_numbers + "'");
    }
    const YAML::Node design = required(doc, "design", "");
    const std::string type = text_of(design, "type", "design ");
    const DesignType* found = find_design_type(type);
    if (found == nullptr) throw bad("unknown design '" + type + "'");
    p.design.kind = found->kind;
    p.design.samples = to_u64(text_of(design, "samples", "design "));
    p.design.second_order = text_of(design, "second_order", "design ") == "true";
    p.design.trajectories = to_u64(text_of(design, "trajectories", "design "));
    p.design.levels = to_u64(text_of(design, "levels", "design "));
    const YAML::Node points = required(design, "points", "design ");
    if (!points.IsSequence()) throw bad("design points is not a list");
    for (const YAML::Node& point : points) p.design.points.push_back(numbers(point, "a design point"));
    const std::string keep = text_of(doc, "keep");
    if (keep == "headline") {
      p.keep = Keep::Headline;
    } else if (keep == "bands") {
      p.keep = Keep::Bands;
    } else if (keep == "series") {
      p.keep = Keep::Series;
    } else {
      throw bad("unknown keep '" + keep + "'");
    }
    p.series_interval_days = to_double(text_of(doc, "series_interval_days"));
    p.bootstrap = to_u64(text_of(doc, "bootstrap"));
    p.confidence = to_double(text_of(doc, "confidence"));
    const YAML::Node variants = required(doc, "variants", "");
    if (!variants.IsSequence()) throw bad("variants is not a list");
    for (const YAML::Node& v : variants)
      p.variants.push_back({text_of(v, "name", "a variant "), text_of(v, "file", "a variant ")});
    const YAML::Node parameters = required(doc, "parameters", "");
    if (!parameters.IsSequence()) throw bad("parameters is not a list");
    for (const YAML::Node& n : parameters) {
      Parameter q;
      q.name = text_of(n, "name", "a parameter ");
      q.units = text_of(n, "units", "a parameter ");
      const std::string k = text_of(n, "marginal", "a parameter ");
      if (k == "values") {
        q.marginal.kind = Marginal::Kind::Values;
      } else if (k == "uniform") {
        q.marginal.kind = Marginal::Kind::Uniform;
      } else if (k == "loguniform") {
        q.marginal.kind = Marginal::Kind::LogUniform;
      } else if (k == "normal") {
        q.marginal.kind = Marginal::Kind::Normal;
      } else if (k == "triangular") {
        q.marginal.kind = Marginal::Kind::Triangular;
      } else {
        throw bad("unknown distribution '" + k + "'");
      }
      q.marginal.a = to_double(text_of(n, "a", "a parameter "));
      q.marginal.b = to_double(text_of(n, "b", "a parameter "));
      q.marginal.c = to_double(text_of(n, "c", "a parameter "));
      q.marginal.steps = to_u64(text_of(n, "steps", "a parameter "));
      q.marginal.values = numbers(required(n, "values", "a parameter "), "a parameter's values");
      p.parameters.push_back(std::move(q));
    }
    return p;
  } catch (const YAML::Exception& e) {
    throw bad(e.what());
  }
}

std::string plan_hash(const Plan& plan) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : serialize(plan)) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

Design sweep_design(const Plan& plan) {
  Design d = make_design(plan.parameters, plan.design, plan.master_seed);
  if (plan.variants.empty()) return d;
  const std::size_t per_variant = d.points;
  d.variants = plan.variants.size();
  d.points = per_variant * d.variants;
  const std::vector<double> values = d.values, unit = d.unit;
  for (std::size_t v = 1; v < d.variants; ++v) {
    d.values.insert(d.values.end(), values.begin(), values.end());
    d.unit.insert(d.unit.end(), unit.begin(), unit.end());
  }
  return d;
}

std::vector<std::uint64_t> shard_runs(std::uint64_t total, std::uint64_t index, std::uint64_t count) {
  if (count == 0 || index >= count) throw std::invalid_argument("shard index must be below the shard count");
  std::vector<std::uint64_t> runs;
  for (std::uint64_t r = index; r < total; r += count) runs.push_back(r);
  return runs;
}

}  // namespace sim::sweep
