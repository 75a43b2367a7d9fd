#include "output/sweep/content.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "output/sweep/comparison.h"
#include "output/sweep/conditions.h"
#include "sim/random.h"
#include "sim/sweep/bands.h"
#include "sim/sweep/sensitivity.h"
#include "sim/sweep/statistics.h"

namespace output::sweep {
namespace {

using output::SweepDimension;
using output::SweepVariable;
using Type = output::SweepVariable::Type;
namespace sw = sim::sweep;

constexpr std::string_view kShardAttribute = "sweep_shard";

using output::text_attribute;

double censored_value(const sw::ModelOutputs& o, std::size_t indicator) {
  return indicator < o.censored_values.size() ? o.censored_values[indicator]
                                              : std::numeric_limits<double>::quiet_NaN();
}

// The model's own attributes of a quantity (its kind...), on every variable derived from it.
void add_attributes(const sw::Quantity& q, SweepVariable& v) {
  for (const auto& [name, value] : q.attributes) v.attributes.emplace_back(name, value);
}

// The variant dimension (coordinate: each scenario's name) and each run's variant.
void add_variants(const Context& c, const std::vector<std::uint64_t>& runs, output::SweepFileContent& f) {
  SweepDimension variant{.name = "variant", .long_name = "scenario variant (the first is the reference)"};
  for (const auto& v : c.plan.variants) variant.labels.push_back(v.name);
  f.dimensions.push_back(std::move(variant));
  SweepVariable files{.name = "variant_file",
                      .long_name = "scenario file of each variant, relative to the sweep file",
                      .dims = {"variant"},
                      .type = Type::Text};
  for (const auto& v : c.plan.variants) files.texts.push_back(v.file);
  f.variables.push_back(std::move(files));
  SweepVariable run_variant{.name = "run_variant",
                            .units = "1",
                            .long_name = "variant of the run (index into the variant dimension)",
                            .dims = {"run"},
                            .type = Type::Int64};
  for (auto r : runs)
    run_variant.ints.push_back(static_cast<std::int64_t>(c.design.variant_of(r / c.plan.replications)));
  f.variables.push_back(std::move(run_variant));
}

// Dimensions and per-run variables common to part and final files.
void add_run_variables(const Context& c, const std::vector<std::uint64_t>& runs, const Results& results,
                       bool with_series, output::SweepFileContent& f) {
  const std::size_t n = runs.size();
  const std::size_t d = c.design.dims;
  SweepDimension run{.name = "run", .long_name = "run index (point * replications + replication)"};
  for (auto r : runs) run.ints.push_back(static_cast<std::int64_t>(r));
  f.dimensions.push_back(std::move(run));
  if (c.plan.parameters.size() > 0) {
    SweepDimension p{.name = "parameter", .long_name = "parameter key path"};
    for (const auto& q : c.plan.parameters) p.labels.push_back(q.name);
    f.dimensions.push_back(std::move(p));
  }
  const bool series = with_series && !c.outputs.series.empty() && !c.outputs.times.empty();
  if (series)
    f.dimensions.push_back(
        {.name = "time", .long_name = "time", .units = c.outputs.time_units, .values = c.outputs.times});

  SweepVariable point{.name = "run_point",
                      .units = "1",
                      .long_name = "design point of the run",
                      .dims = {"run"},
                      .type = Type::Int64};
  SweepVariable rep{.name = "run_replication",
                    .units = "1",
                    .long_name = "replication of the run within its point",
                    .dims = {"run"},
                    .type = Type::Int64};
  SweepVariable seed{.name = "seed",
                     .units = "1",
                     .long_name =
                         "seed of the run, from (master seed, replication) or, with random_numbers: "
                         "independent, (master seed, point, replication)",
                     .dims = {"run"},
                     .type = Type::Int64};
  for (auto r : runs) {
    const std::uint64_t pt = r / c.plan.replications, re = r % c.plan.replications;
    point.ints.push_back(static_cast<std::int64_t>(pt));
    rep.ints.push_back(static_cast<std::int64_t>(re));
    seed.ints.push_back(static_cast<std::int64_t>(sw::seed_of_run(c.plan, pt, re)));
  }
  f.variables.push_back(std::move(point));
  f.variables.push_back(std::move(rep));
  f.variables.push_back(std::move(seed));
  if (!c.plan.variants.empty()) add_variants(c, runs, f);
  if (d > 0) {
    SweepVariable values{.name = "parameter_value",
                         .units = "",
                         .long_name = "parameter values of the run",
                         .dims = {"run", "parameter"}};
    values.attributes.emplace_back("comment", std::string("units per parameter in parameter_units"));
    for (auto r : runs) {
      const std::size_t pt = r / c.plan.replications;
      for (std::size_t k = 0; k < d; ++k) values.values.push_back(c.design.value(pt, k));
    }
    f.variables.push_back(std::move(values));
    SweepVariable units{.name = "parameter_units",
                        .long_name = "units of each parameter",
                        .dims = {"parameter"},
                        .type = Type::Text};
    for (const auto& q : c.plan.parameters) units.texts.push_back(q.units);
    f.variables.push_back(std::move(units));
  }
  for (std::size_t i = 0; i < c.outputs.indicators.size(); ++i) {
    const auto& q = c.outputs.indicators[i];
    SweepVariable v{.name = q.name, .units = q.units, .long_name = q.long_name, .dims = {"run"}};
    if (const double at = censored_value(c.outputs, i); !std::isnan(at)) {
      v.attributes.emplace_back("censored_value", at);
      v.attributes.emplace_back("censored_value_comment",
                                std::string("a run with no value (not reached within the horizon) counts as "
                                            "censored_value in sensitivity indices"));
    }
    add_attributes(q, v);
    add_role_attributes(q, v);
    v.values.reserve(n);
    for (auto r : runs) v.values.push_back(results.at(r).indicators.at(i));
    f.variables.push_back(std::move(v));
  }
  if (series) {
    const std::size_t t = c.outputs.times.size();
    for (std::size_t s = 0; s < c.outputs.series.size(); ++s) {
      const auto& q = c.outputs.series[s];
      SweepVariable v{.name = q.name, .units = q.units, .long_name = q.long_name, .dims = {"run", "time"}};
      add_attributes(q, v);
      v.values.reserve(n * t);
      for (auto r : runs) {
        const auto& x = results.at(r).series;
        v.values.insert(v.values.end(), x.begin() + static_cast<std::ptrdiff_t>(s * t),
                        x.begin() + static_cast<std::ptrdiff_t>((s + 1) * t));
      }
      f.variables.push_back(std::move(v));
    }
  }
}

SweepVariable table(std::string name, std::string long_name, const Eigen::MatrixXd& m,
                    std::vector<std::string> dims, std::string units = "1") {
  SweepVariable v{.name = std::move(name),
                  .units = std::move(units),
                  .long_name = std::move(long_name),
                  .dims = std::move(dims)};
  v.values.reserve(static_cast<std::size_t>(m.size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) v.values.push_back(m(i, j));
  }
  return v;
}

SweepVariable text_table(std::string name, std::string long_name, std::vector<std::string> texts,
                         std::vector<std::string> dims) {
  return {.name = std::move(name),
          .long_name = std::move(long_name),
          .dims = std::move(dims),
          .type = Type::Text,
          .texts = std::move(texts)};
}

SweepVariable int_table(std::string name, std::string long_name, std::vector<std::int64_t> ints,
                        std::vector<std::string> dims) {
  return {.name = std::move(name),
          .units = "1",
          .long_name = std::move(long_name),
          .dims = std::move(dims),
          .type = Type::Int64,
          .ints = std::move(ints)};
}

// Why a NaN of the variable has no value (the attribute `no_value_reason`, read by sovsim summary). A
// withheld indicator's NaN are explained by its sensitivity_status instead.
SweepVariable with_no_value_reason(SweepVariable v, std::string reason) {
  v.attributes.emplace_back("no_value_reason", std::move(reason));
  return v;
}

// Censored runs per point and indicator; for Sobol and Morris designs, the indices with their status,
// noise shares and trust flags (sim/sweep/sensitivity.h).
void add_censoring_and_sensitivity(const Context& c, const Eigen::MatrixXd& y, output::SweepFileContent& f) {
  const auto& ind = c.outputs.indicators;
  if (ind.empty()) return;
  SweepDimension indicator{.name = "indicator", .long_name = "indicator"};
  for (const auto& q : ind) indicator.labels.push_back(q.name);
  f.dimensions.push_back(std::move(indicator));
  const std::size_t points = c.design.points, reps = c.plan.replications, d = c.design.dims;
  const Eigen::MatrixXi censored = sw::censored_counts(y, points, reps);
  std::vector<std::int64_t> counts;
  for (Eigen::Index p = 0; p < censored.rows(); ++p) {
    for (Eigen::Index q = 0; q < censored.cols(); ++q) counts.push_back(censored(p, q));
  }
  f.variables.push_back(
      int_table("censored_runs",
                "replications of the point without a value of the indicator (a milestone not "
                "reached by the horizon end: right-censored)",
                std::move(counts), {"point", "indicator"}));
  const bool sobol = c.plan.design.kind == sw::DesignKind::Sobol;
  const bool morris = c.plan.design.kind == sw::DesignKind::Morris;
  if (!(sobol || morris) || d == 0) return;
  sw::SensitivityInput in{.runs = &y,
                          .points = points,
                          .replications = reps,
                          .design = &c.design,
                          .spec = c.plan.design,
                          .bootstrap = c.plan.bootstrap,
                          .confidence = c.plan.confidence,
                          .master_seed = c.plan.master_seed};
  for (std::size_t i = 0; i < ind.size(); ++i) in.censored_value.push_back(censored_value(c.outputs, i));
  const std::vector<sw::IndicatorSensitivity> a = sw::analyse_sensitivity(in);
  const auto m = static_cast<Eigen::Index>(ind.size());
  const auto dd = static_cast<Eigen::Index>(d);
  const std::vector<std::string> dims = {"indicator", "parameter"};
  std::vector<std::string> status, reason;
  std::vector<double> noise, noise_run;
  for (const auto& s : a) {
    status.push_back(sw::status_name(s.status));
    reason.push_back(s.reason);
    noise.push_back(s.noise_share);
    noise_run.push_back(s.noise_share_per_run);
  }
  f.variables.push_back(
      text_table("sensitivity_status",
                 "how the indices of the indicator were computed: computed, censored_at_horizon "
                 "(runs without a value count as the horizon end), withheld_no_values, "
                 "withheld_no_variance",
                 std::move(status), {"indicator"}));
  f.variables.push_back(text_table("sensitivity_note", "what was done for the indicator's indices and why",
                                   std::move(reason), {"indicator"}));
  SweepVariable ns{.name = "noise_share",
                   .units = "1",
                   .long_name =
                       "share of the variance of the point means that is run-to-run noise (E[Var(Y|X)]/R "
                       "over Var of the point means); NaN with one replication per point",
                   .dims = {"indicator"},
                   .values = std::move(noise)};
  f.variables.push_back(with_no_value_reason(std::move(ns), "not estimable with 1 replication per point"));
  SweepVariable nr{.name = "noise_share_per_run",
                   .units = "1",
                   .long_name =
                       "share of the variance of single runs that is run-to-run noise (E[Var(Y|X)]/Var(Y)); "
                       "NaN with one replication per point",
                   .dims = {"indicator"},
                   .values = std::move(noise_run)};
  f.variables.push_back(with_no_value_reason(std::move(nr), "not estimable with 1 replication per point"));
  if (sobol) {
    Eigen::MatrixXd s1(m, dd), s1l(m, dd), s1h(m, dd), st(m, dd), stl(m, dd), sth(m, dd);
    std::vector<std::int64_t> f1, ft;
    std::vector<double> needed;
    for (Eigen::Index i = 0; i < m; ++i) {
      const sw::IndicatorSensitivity& s = a[static_cast<std::size_t>(i)];
      s1.row(i) = s.sobol.first.transpose();
      s1l.row(i) = s.sobol.first_low.transpose();
      s1h.row(i) = s.sobol.first_high.transpose();
      st.row(i) = s.sobol.total.transpose();
      stl.row(i) = s.sobol.total_low.transpose();
      sth.row(i) = s.sobol.total_high.transpose();
      f1.insert(f1.end(), s.first_flag.begin(), s.first_flag.end());
      ft.insert(ft.end(), s.total_flag.begin(), s.total_flag.end());
      needed.push_back(s.samples_needed > 0 ? s.samples_needed : std::numeric_limits<double>::quiet_NaN());
    }
    const std::string ci = fmt::format(" ({:g} % bootstrap percentile interval, {} resamples)",
                                       c.plan.confidence * 100, c.plan.bootstrap);
    f.variables.push_back(table("sobol_first", "first-order Sobol index (Saltelli 2010)", s1, dims));
    f.variables.push_back(table("sobol_first_low", "lower bound of the first-order index" + ci, s1l, dims));
    f.variables.push_back(table("sobol_first_high", "upper bound of the first-order index" + ci, s1h, dims));
    f.variables.push_back(table("sobol_total", "total Sobol index (Jansen 1999)", st, dims));
    f.variables.push_back(table("sobol_total_low", "lower bound of the total index" + ci, stl, dims));
    f.variables.push_back(table("sobol_total_high", "upper bound of the total index" + ci, sth, dims));
    const std::string why = fmt::format(
        "1 when the estimate lies outside [{:g}, {:g}] or its interval's half-width exceeds {:g}: too few "
        "samples to "
        "trust it",
        sw::kIndexLow, sw::kIndexHigh, sw::kMaxHalfWidth);
    f.variables.push_back(
        int_table("sobol_first_flag", "untrusted first-order index: " + why, std::move(f1), dims));
    f.variables.push_back(
        int_table("sobol_total_flag", "untrusted total index: " + why, std::move(ft), dims));
    SweepVariable nn{
        .name = "sobol_samples_needed",
        .units = "1",
        .long_name = fmt::format("base samples N that would bring every interval's half-width to {:g} "
                                 "(half-widths shrink like 1/sqrt(N)); NaN when no index is flagged",
                                 sw::kTargetHalfWidth),
        .dims = {"indicator"},
        .values = std::move(needed)};
    f.variables.push_back(with_no_value_reason(std::move(nn), "none: no index of the indicator is flagged"));
  } else {
    Eigen::MatrixXd mu(m, dd), mus(m, dd), musl(m, dd), mush(m, dd), sg(m, dd);
    std::vector<std::int64_t> flags;
    std::vector<double> needed;
    for (Eigen::Index i = 0; i < m; ++i) {
      const sw::IndicatorSensitivity& s = a[static_cast<std::size_t>(i)];
      mu.row(i) = s.morris.mu.transpose();
      mus.row(i) = s.morris.mu_star.transpose();
      // mu* is a mean of absolute values: the interval's lower end is not taken below 0.
      musl.row(i) = (s.morris.mu_star - s.morris.mu_star_conf).cwiseMax(0.0).transpose();
      mush.row(i) = (s.morris.mu_star + s.morris.mu_star_conf).transpose();
      sg.row(i) = s.morris.sigma.transpose();
      flags.insert(flags.end(), s.mu_star_flag.begin(), s.mu_star_flag.end());
      needed.push_back(s.trajectories_needed > 0 ? s.trajectories_needed
                                                 : std::numeric_limits<double>::quiet_NaN());
    }
    const std::string per = " (indicator units per unit of the parameter's range)";
    const std::string ci = fmt::format(
        " ({:g} % interval: mu* -/+ z x the standard deviation of {} bootstrap mu*, SALib's "
        "mu_star_conf; NaN with fewer than 2 trajectories)",
        c.plan.confidence * 100, c.plan.bootstrap);
    f.variables.push_back(table("morris_mu", "Morris mean elementary effect" + per, mu, dims, ""));
    f.variables.push_back(
        table("morris_mu_star", "Morris mean absolute elementary effect" + per, mus, dims, ""));
    const std::string one = "no interval with fewer than 2 trajectories";
    f.variables.push_back(with_no_value_reason(
        table("morris_mu_star_low", "lower bound of mu*, at least 0" + ci, musl, dims, ""), one));
    f.variables.push_back(
        with_no_value_reason(table("morris_mu_star_high", "upper bound of mu*" + ci, mush, dims, ""), one));
    f.variables.push_back(with_no_value_reason(
        table("morris_sigma", "Morris standard deviation of elementary effects" + per, sg, dims, ""),
        "no spread with fewer than 2 trajectories"));
    f.variables.push_back(int_table(
        "morris_mu_star_flag",
        fmt::format("untrusted mu*: 1 when its interval's half-width exceeds {:g} x max(mu*, {:g} x the "
                    "indicator's largest mu*) (too few trajectories), or there are fewer than 2 trajectories",
                    sw::kMorrisMaxRelativeHalfWidth, sw::kMorrisNegligibleShare),
        std::move(flags), dims));
    SweepVariable nn{
        .name = "morris_trajectories_needed",
        .units = "1",
        .long_name = fmt::format("trajectories r that would bring every mu* half-width to {:g} of its scale "
                                 "(half-widths shrink like 1/sqrt(r)); NaN when no mu* is flagged",
                                 sw::kMorrisTargetRelativeHalfWidth),
        .dims = {"indicator"},
        .values = std::move(needed)};
    f.variables.push_back(with_no_value_reason(std::move(nn), "none: no mu* of the indicator is flagged"));
  }
}

}  // namespace

std::size_t series_values(const sw::ModelOutputs& o) { return o.series.size() * o.times.size(); }

output::SweepFileContent final_content(const Context& c, const Results& results) {
  const std::uint64_t total = sw::run_count(c.plan, c.design);
  std::vector<std::uint64_t> runs(total);
  for (std::uint64_t r = 0; r < total; ++r) {
    if (!results.count(r)) throw std::logic_error(fmt::format("run {} of {} has no result", r, total));
    runs[r] = r;
  }
  output::SweepFileContent f;
  f.attributes = c.provenance;
  add_run_variables(c, runs, results, c.plan.keep == sw::Keep::Series, f);
  // Per design point: the point dimension and quantile levels go after the run's dimensions.
  const std::size_t points = c.design.points, reps = c.plan.replications, d = c.design.dims;
  SweepDimension point{.name = "point", .long_name = "design point"};
  for (std::size_t p = 0; p < points; ++p) point.ints.push_back(static_cast<std::int64_t>(p));
  f.dimensions.push_back(std::move(point));
  f.dimensions.push_back({.name = "quantile",
                          .long_name = "quantile level across replications (Hyndman-Fan type 7)",
                          .units = "1",
                          .values = {std::begin(sw::kQuantileLevels), std::end(sw::kQuantileLevels)}});
  if (!c.plan.variants.empty()) {
    SweepVariable pv{.name = "point_variant",
                     .units = "1",
                     .long_name = "variant of each design point (index into the variant dimension)",
                     .dims = {"point"},
                     .type = Type::Int64};
    for (std::size_t p = 0; p < points; ++p)
      pv.ints.push_back(static_cast<std::int64_t>(c.design.variant_of(p)));
    f.variables.push_back(std::move(pv));
  }
  if (d > 0) {
    SweepVariable pv{.name = "point_parameter_value",
                     .long_name = "parameter values of each design point",
                     .dims = {"point", "parameter"},
                     .values = c.design.values};
    f.variables.push_back(std::move(pv));
  }
  const auto& ind = c.outputs.indicators;
  Eigen::MatrixXd y(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(ind.size()));
  for (std::uint64_t r = 0; r < total; ++r) {
    for (std::size_t i = 0; i < ind.size(); ++i)
      y(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(i)) = results.at(r).indicators[i];
  }
  const sw::PointStatistics ps = sw::point_statistics(y, points, reps);
  for (std::size_t i = 0; i < ind.size(); ++i) {
    const auto col = static_cast<Eigen::Index>(i);
    f.variables.push_back(table(ind[i].name + "_mean", "mean over replications of " + ind[i].long_name,
                                ps.mean.col(col), {"point"}, ind[i].units));
    add_attributes(ind[i], f.variables.back());
    Eigen::MatrixXd q(static_cast<Eigen::Index>(points), static_cast<Eigen::Index>(sw::kQuantileCount));
    for (std::size_t k = 0; k < sw::kQuantileCount; ++k)
      q.col(static_cast<Eigen::Index>(k)) = ps.quantile[k].col(col);
    f.variables.push_back(table(ind[i].name + "_quantile",
                                "quantiles over replications of " + ind[i].long_name, q,
                                {"point", "quantile"}, ind[i].units));
    add_attributes(ind[i], f.variables.back());
  }
  // Bands of the series.
  const std::size_t t = c.outputs.times.size();
  if (c.plan.keep != sw::Keep::Headline && !c.outputs.series.empty() && t > 0) {
    if (!f.dimension("time"))
      f.dimensions.push_back(
          {.name = "time", .long_name = "time", .units = c.outputs.time_units, .values = c.outputs.times});
    for (std::size_t s = 0; s < c.outputs.series.size(); ++s) {
      const auto& q = c.outputs.series[s];
      SweepVariable mean{.name = q.name + "_mean",
                         .units = q.units,
                         .long_name = "mean over replications of " + q.long_name,
                         .dims = {"point", "time"}};
      SweepVariable band{.name = q.name + "_quantile",
                         .units = q.units,
                         .long_name = "quantiles over replications of " + q.long_name,
                         .dims = {"point", "quantile", "time"}};
      add_attributes(q, mean);
      add_attributes(q, band);
      sw::SeriesBands bands =
          sw::series_bands(results, {.series = s, .times = t, .points = points, .replications = reps});
      mean.values = std::move(bands.mean);
      band.values = std::move(bands.quantile);
      f.variables.push_back(std::move(mean));
      f.variables.push_back(std::move(band));
    }
  }
  add_censoring_and_sensitivity(c, y, f);
  add_comparison(c, y, f);
  add_conditions(c, results, f);
  return f;
}

output::SweepFileContent part_content(const Context& c, const Results& results, std::uint64_t shard,
                                      std::uint64_t shards) {
  output::SweepFileContent f;
  f.attributes = c.provenance;
  f.attributes.emplace_back(std::string(kShardAttribute), fmt::format("{}/{}", shard, shards));
  const auto runs = sw::shard_runs(sw::run_count(c.plan, c.design), shard, shards);
  add_run_variables(c, runs, results, c.plan.keep != sw::Keep::Headline, f);
  return f;
}

Context context_from_part(const output::SweepFileContent& part) {
  const std::string plan_text = text_attribute(part.attributes, "sweep_plan");
  if (plan_text.empty() || text_attribute(part.attributes, kShardAttribute).empty())
    throw std::runtime_error("not a sovsim sweep part file (no sweep_plan or sweep_shard attribute)");
  Context c;
  c.plan = sw::parse_plan(plan_text);
  c.design = sw::sweep_design(c.plan);
  c.hash = sw::plan_hash(c.plan);
  if (c.hash != text_attribute(part.attributes, "sweep_hash"))
    throw std::runtime_error("its sweep_hash does not match its sweep_plan");
  for (const auto& [name, value] : part.attributes) {
    if (name != "Conventions" && name != "format_version" && name != kShardAttribute)
      c.provenance.emplace_back(name, value);
  }
  const auto quantity = [&](const std::string& name) {
    const SweepVariable* v = part.variable(name);
    if (!v) throw std::runtime_error("variable '" + name + "' is missing");
    sw::Quantity q{.name = v->name, .units = v->units, .long_name = v->long_name};
    // The model's text attributes; censored_value* are the sweep's own, rebuilt from censored_values.
    for (const auto& [attribute, value] : v->attributes) {
      const auto* text = std::get_if<std::string>(&value);
      if (text && !attribute.starts_with("censored_value") && attribute != "sweep_role" &&
          attribute != "sweep_label")
        q.attributes.emplace_back(attribute, *text);
    }
    read_role_attributes(*v, q);
    return q;
  };
  for (const std::string& n : output::attribute_words(text_attribute(part.attributes, "indicators"))) {
    c.outputs.indicators.push_back(quantity(n));
    const output::AttributeValue* censored =
        output::find_attribute(part.variable(n)->attributes, "censored_value");
    c.outputs.censored_values.push_back(censored && std::holds_alternative<double>(*censored)
                                            ? std::get<double>(*censored)
                                            : std::numeric_limits<double>::quiet_NaN());
  }
  if (c.plan.keep != sw::Keep::Headline) {
    for (const std::string& n : output::attribute_words(text_attribute(part.attributes, "series")))
      c.outputs.series.push_back(quantity(n));
    if (const SweepDimension* t = part.dimension("time")) {
      c.outputs.times = t->values;
      c.outputs.time_units = t->units;
    }
  }
  return c;
}

Results results_from_part(const Context& c, const output::SweepFileContent& part) {
  const SweepDimension* run = part.dimension("run");
  if (!run) throw std::runtime_error("no run dimension");
  Results out;
  const std::size_t n = run->ints.size(), t = c.outputs.times.size();
  std::vector<const SweepVariable*> ind, ser;
  for (const auto& q : c.outputs.indicators) ind.push_back(part.variable(q.name));
  for (const auto& q : c.outputs.series) ser.push_back(part.variable(q.name));
  for (std::size_t i = 0; i < n; ++i) {
    sw::RunResult r;
    for (const SweepVariable* v : ind) r.indicators.push_back(v->values.at(i));
    for (const SweepVariable* v : ser) {
      r.series.insert(r.series.end(), v->values.begin() + static_cast<std::ptrdiff_t>(i * t),
                      v->values.begin() + static_cast<std::ptrdiff_t>((i + 1) * t));
    }
    out.emplace(static_cast<std::uint64_t>(run->ints[i]), std::move(r));
  }
  return out;
}

}  // namespace output::sweep
