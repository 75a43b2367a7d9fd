#include "sim/sweep/plan.h"

#include <charconv>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace sim::sweep {
namespace {

constexpr std::string_view kMagic = "sovsim-sweep-plan 1";

std::string number(double v) {
  char buffer[64];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, r.ptr);
}

// Percent-encodes space, %, and control characters, so a string is one token.
std::string token(std::string_view s) {
  if (s.empty()) return "%";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '%' || c == ' ' || u < 0x20 || u == 0x7f) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

std::invalid_argument bad(const std::string& what) { return std::invalid_argument("sweep plan: " + what); }

std::string untoken(std::string_view t) {
  if (t == "%") return {};
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '%') {
      out += t[i];
      continue;
    }
    if (i + 2 >= t.size()) throw bad("bad escape in '" + std::string(t) + "'");
    unsigned value = 0;
    const auto r = std::from_chars(t.data() + i + 1, t.data() + i + 3, value, 16);
    if (r.ec != std::errc{} || r.ptr != t.data() + i + 3) throw bad("bad escape in '" + std::string(t) + "'");
    out += static_cast<char>(value);
    i += 2;
  }
  return out;
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
  std::ostringstream o;
  o << kMagic << "\n";
  o << "title " << token(p.title) << "\n";
  o << "model " << token(p.model) << "\n";
  o << "model_digest " << token(p.model_digest) << "\n";
  o << "seed " << p.master_seed << "\n";
  o << "replications " << p.replications << "\n";
  o << "random_numbers " << random_numbers_name(p.random_numbers) << "\n";
  o << "design " << design_name(p.design.kind) << "\n";
  o << "samples " << p.design.samples << "\n";
  o << "second_order " << (p.design.second_order ? 1 : 0) << "\n";
  o << "trajectories " << p.design.trajectories << "\n";
  o << "levels " << p.design.levels << "\n";
  o << "keep " << keep_name(p.keep) << "\n";
  o << "series_interval_days " << number(p.series_interval_days) << "\n";
  o << "bootstrap " << p.bootstrap << "\n";
  o << "confidence " << number(p.confidence) << "\n";
  for (const Variant& v : p.variants) o << "variant " << token(v.name) << " " << token(v.file) << "\n";
  for (const Parameter& q : p.parameters) {
    const Marginal& m = q.marginal;
    o << "parameter " << token(q.name) << " " << token(q.units) << " " << marginal_name(m.kind) << " "
      << number(m.a) << " " << number(m.b) << " " << number(m.c) << " " << m.steps << " " << m.values.size();
    for (double v : m.values) o << " " << number(v);
    o << "\n";
  }
  for (const auto& point : p.design.points) {
    o << "point";
    for (double v : point) o << " " << number(v);
    o << "\n";
  }
  return o.str();
}

Plan parse_plan(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string line;
  if (!std::getline(in, line) || line != kMagic) throw bad("missing header '" + std::string(kMagic) + "'");
  Plan p;
  // Plans written before the line existed gave every run a seed of its own.
  p.random_numbers = RandomNumbers::Independent;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string key;
    f >> key;
    std::vector<std::string> t;
    for (std::string w; f >> w;) t.push_back(w);
    const auto need = [&](std::size_t n) {
      if (t.size() < n) throw bad("line '" + line + "' has too few fields");
    };
    if (key.empty()) continue;
    if (key == "parameter") {
      need(8);
      Parameter q;
      q.name = untoken(t[0]);
      q.units = untoken(t[1]);
      const std::string& k = t[2];
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
      q.marginal.a = to_double(t[3]);
      q.marginal.b = to_double(t[4]);
      q.marginal.c = to_double(t[5]);
      q.marginal.steps = to_u64(t[6]);
      const std::uint64_t n = to_u64(t[7]);
      need(8 + n);
      for (std::uint64_t i = 0; i < n; ++i) q.marginal.values.push_back(to_double(t[8 + i]));
      p.parameters.push_back(std::move(q));
      continue;
    }
    if (key == "variant") {
      need(2);
      p.variants.push_back({untoken(t[0]), untoken(t[1])});
      continue;
    }
    if (key == "point") {
      std::vector<double> point;
      for (const std::string& w : t) point.push_back(to_double(w));
      p.design.points.push_back(std::move(point));
      continue;
    }
    need(1);
    const std::string& v = t[0];
    if (key == "title") {
      p.title = untoken(v);
    } else if (key == "model") {
      p.model = untoken(v);
    } else if (key == "model_digest") {
      p.model_digest = untoken(v);
    } else if (key == "seed") {
      p.master_seed = to_u64(v);
    } else if (key == "replications") {
      p.replications = to_u64(v);
    } else if (key == "random_numbers") {
      if (v == "common") {
        p.random_numbers = RandomNumbers::Common;
      } else if (v == "independent") {
        p.random_numbers = RandomNumbers::Independent;
      } else {
        throw bad("unknown random_numbers '" + v + "'");
      }
    } else if (key == "design") {
      const DesignType* type = find_design_type(v);
      if (type == nullptr) throw bad("unknown design '" + v + "'");
      p.design.kind = type->kind;
    } else if (key == "samples") {
      p.design.samples = to_u64(v);
    } else if (key == "second_order") {
      p.design.second_order = to_u64(v) != 0;
    } else if (key == "trajectories") {
      p.design.trajectories = to_u64(v);
    } else if (key == "levels") {
      p.design.levels = to_u64(v);
    } else if (key == "keep") {
      if (v == "headline") {
        p.keep = Keep::Headline;
      } else if (v == "bands") {
        p.keep = Keep::Bands;
      } else if (v == "series") {
        p.keep = Keep::Series;
      } else {
        throw bad("unknown keep '" + v + "'");
      }
    } else if (key == "series_interval_days") {
      p.series_interval_days = to_double(v);
    } else if (key == "bootstrap") {
      p.bootstrap = to_u64(v);
    } else if (key == "confidence") {
      p.confidence = to_double(v);
    } else {
      throw bad("unknown key '" + key + "'");
    }
  }
  return p;
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
