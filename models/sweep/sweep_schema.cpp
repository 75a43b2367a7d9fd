// THE table of sweep-file keys (see sweep_schema.h). Adding a key: a member of its record, one
// entry here, its use in sweep_file.cpp; then regenerate docs/sweep-reference.md
// (`sovsim describe --sweep-reference`).

#include "models/sweep/sweep_schema.h"

#include <fmt/format.h>

#include "models/scenario/schema.h"
#include "sim/sweep/design.h"

namespace models::sweep {

namespace {

using scn::FieldInfo;
using scn::Range;
using scn::RecordSchema;
using scn::Type;

FieldInfo count_key(std::string key, double min, double max, std::string default_text, std::string condition,
                    std::string description) {
  return {.key = std::move(key),
          .type = Type::Integer,
          .range = Range::closed(min, max),
          .default_text = std::move(default_text),
          .condition = std::move(condition),
          .description = std::move(description)};
}

FieldInfo value_key(std::string key, std::string description) {
  return {.key = std::move(key),
          .type = Type::Value,
          .condition = "as the type needs",
          .description = std::move(description)};
}

const RecordSchema<DistributionRecord>& distribution_schema() {
  static const RecordSchema<DistributionRecord> schema = [] {
    RecordSchema<DistributionRecord> s(
        "distribution", "parameters[].distribution",
        "The distribution a parameter's values are drawn from (through its quantile function, so a "
        "design's unit-cube points map onto it). Its values share the parameter's unit.");
    s.flow();
    s.add({.key = "type",
           .type = Type::Choice,
           .condition = "required when `distribution` is given",
           .choices = distribution_types(),
           .description = "the distribution's family"},
          &DistributionRecord::type);
    s.add(value_key("low", "uniform, loguniform, triangular: the lower bound"), &DistributionRecord::low);
    s.add(value_key("high", "uniform, loguniform, triangular: the upper bound"), &DistributionRecord::high);
    s.add(value_key("mean", "normal: the mean"), &DistributionRecord::mean);
    s.add(value_key("sd", "normal: the standard deviation"), &DistributionRecord::sd);
    s.add(value_key("mode", "triangular: the most likely value"), &DistributionRecord::mode);
    s.rule(
        "uniform and loguniform need `low` < `high` (loguniform also `low` > 0); normal needs `mean` and "
        "`sd` > 0; triangular needs `low` <= `mode` <= `high` and `low` < `high`");
    return s;
  }();
  return schema;
}

const RecordSchema<ParameterRecord>& parameter_schema() {
  static const RecordSchema<ParameterRecord> schema = [] {
    RecordSchema<ParameterRecord> s(
        "parameter", "parameters[]",
        "An input the sweep varies. Each run's value is applied to the base scenario as the override "
        "`--set KEY.PATH=VALUE UNIT` through the scenario loader, so every run passes exactly the validation "
        "of `sovsim run`. Values are written in shortest round-trip form; integer-valued keys need integer "
        "values (use `values`).");
    s.flow();
    s.add({.key = "key",
           .type = Type::Text,
           .required = true,
           .description = "the key path the parameter sets, as for `sovsim run --set` (e.g. "
                          "`sites.nacc-haenam.land`, `sites[2].halls[0].pue`); `x1`, `x2`, ... for ishigami"},
          &ParameterRecord::key);
    s.add({.key = "values",
           .type = Type::ValueList,
           .condition = "one of `values`, `range` and `distribution`",
           .min_items = 1,
           .description = "the values it takes (a grid takes each; other designs pick index floor(u n))"},
          &ParameterRecord::values);
    s.add({.key = "range",
           .type = Type::ValueList,
           .condition = "one of `values`, `range` and `distribution`",
           .min_items = 2,
           .max_items = 2,
           .description = "`[low, high]`: uniform on the interval"},
          &ParameterRecord::range);
    s.add(count_key("steps", 1, SweepLimits::kSteps, "", "grid designs over a `range` or `distribution`",
                    "a grid's evenly spaced values over the range"),
          &ParameterRecord::steps);
    s.add({.key = "distribution",
           .condition = "one of `values`, `range` and `distribution`",
           .description = "a distribution such as `{type: normal, mean: 100 MW, sd: 10 MW}`"},
          &ParameterRecord::distribution, distribution_schema());
    s.rule(
        "exactly one of `values`, `range` and `distribution`; only an explicit design may leave all three "
        "out (its points give the values)");
    s.rule(
        "all of a parameter's values (`values`, `range`, `distribution`, the design's points) share one "
        "unit, or all have none");
    s.rule("`range`: `low` < `high`");
    s.rule("each `key` once among the parameters");
    s.rule("a grid design needs `values`, or a `range` with `steps`");
    return s;
  }();
  return schema;
}

const RecordSchema<DesignRecord>& design_schema() {
  static const RecordSchema<DesignRecord> schema = [] {
    RecordSchema<DesignRecord> s(
        "design", "design",
        "How the design points are chosen (docs/sweeps.md, \"Designs\"). Every design first draws points in "
        "the unit hypercube, then maps them through each parameter's quantile function.");
    s.flow();
    FieldInfo type{.key = "type",
                   .type = Type::Choice,
                   .condition =
                       "required when `design` is given; without `design`: `grid` when there are "
                       "parameters, else `explicit` (the base scenario alone)",
                   .choices = sim::sweep::design_names(),
                   .description = "the design"};
    for (const sim::sweep::DesignType& d : sim::sweep::kDesignTypes) {
      type.choice_meanings.push_back(d.chosen_points ? "points as chosen" : "sampled points");
    }
    s.add(std::move(type), &DesignRecord::type);
    s.add(count_key("samples", 1, SweepLimits::kSamples, "", "required by `lhs` and `sobol`",
                    "`lhs`: the number of points; `sobol`: the base sample N (N(D+2) points, N(2D+2) with "
                    "`second_order`; a power of two)"),
          &DesignRecord::samples);
    s.add({.key = "second_order",
           .type = Type::Bool,
           .default_text = "false",
           .description = "`sobol`: add the BA rows of Saltelli's scheme, for external tools"},
          &DesignRecord::second_order);
    s.add(count_key("trajectories", 1, SweepLimits::kTrajectories, "", "required by `morris`",
                    "`morris`: the number of trajectories r (r(D+1) points)"),
          &DesignRecord::trajectories);
    s.add(count_key("levels", 2, SweepLimits::kLevels, "4", "",
                    "`morris`: the grid levels p (step p/(2(p-1)))"),
          &DesignRecord::levels);
    s.add_unbound({.key = "points",
                   .type = Type::ValueMaps,
                   .condition = "required by `explicit`",
                   .description = "`explicit`: a list of points, each a map `{KEY.PATH: value, ...}` setting "
                                  "every parameter"});
    s.rule("each point of `points` sets every parameter, by its key path, in the parameter's unit");
    return s;
  }();
  return schema;
}

}  // namespace

const std::vector<std::string>& distribution_types() {
  static const std::vector<std::string> kTypes = {"uniform", "loguniform", "normal", "triangular"};
  return kTypes;
}

const RecordSchema<SweepRecord>& sweep_schema() {
  static const RecordSchema<SweepRecord> schema = [] {
    RecordSchema<SweepRecord> s("sweep file", "",
                                "The keys of a sweep file (`sovsim sweep FILE.sweep.yaml`); docs/sweeps.md "
                                "explains designs, seeds and what is kept.");
    s.add({.key = "title", .type = Type::Text, .description = "free text, stored in the sweep file"},
          &SweepRecord::title);
    s.add({.key = "model",
           .type = Type::Choice,
           .default_text = "rollout",
           .choices = {"rollout", "ishigami"},
           .choice_meanings = {"the GPU rollout on a scenario", "the built-in test function"},
           .description = "the model each run runs"},
          &SweepRecord::model);
    s.add({.key = "base",
           .type = Type::FilePath,
           .condition = "rollout: required unless `variants` is given",
           .description = "the base scenario file every run starts from (e.g. a shipped scenario, named from "
                          "the user's own folder)"},
          &SweepRecord::base);
    s.add({.key = "variants",
           .type = Type::FilePathList,
           .condition = "rollout: instead of `base`",
           .min_items = 1,
           .description = "scenario files each run on every design point with the same seeds (paired), the "
                          "first the reference of the comparisons"},
          &SweepRecord::variants);
    s.add({.key = "seed",
           .type = Type::Integer,
           .range = Range::closed(0, SweepLimits::kSeed),
           .default_text = "0",
           .description = "the master seed every run's seed derives from"},
          &SweepRecord::seed);
    s.add(count_key("replications", 1, SweepLimits::kReplications, "1", "",
                    "Monte Carlo runs per design point (and variant)"),
          &SweepRecord::replications);
    s.add({.key = "random_numbers",
           .type = Type::Choice,
           .default_text = "common",
           .choices = {"common", "independent"},
           .choice_meanings = {"replication r of every point uses the same seed", "every run its own seed"},
           .description = "how the runs' seeds relate across design points"},
          &SweepRecord::random_numbers);
    s.add({.key = "design", .description = "how the design points are chosen"}, &SweepRecord::design,
          design_schema());
    s.add({.key = "parameters",
           .default_text = "[]",
           .description = "the inputs the sweep varies; none: a plain Monte Carlo of the base scenario"},
          &SweepRecord::parameters, parameter_schema());
    s.add({.key = "keep",
           .type = Type::Choice,
           .default_text = "headline",
           .choices = {"headline", "bands", "series"},
           .choice_meanings = {"the indicators of every run", "also quantile bands of the series per point",
                               "also every run's series"},
           .description = "what is kept of each run"},
          &SweepRecord::keep);
    s.add({.key = "indicators",
           .type = Type::TextList,
           .condition = "optional (every indicator)",
           .min_items = 1,
           .description = "rollout: the indicators kept of each run, each an indicator's name "
                          "(`date_operational_90pct`, `gpu_days_national_waiting_power`), an output "
                          "entry's name for all its components (`gpu_days_national`) or a target's or "
                          "observation's name for all its indicators; runs skip the GPU failure process "
                          "when nothing kept depends on it (docs/sweeps.md, \"Keeping fewer "
                          "indicators\")"},
          &SweepRecord::indicators);
    s.add({.key = "series_interval",
           .type = Type::Quantity,
           .unit = units::Kind::Duration,
           .range = Range::above(0),
           .condition = "optional (every sample the model takes)",
           .description = "keep series at this coarser interval (`keep: bands` or `series`)"},
          &SweepRecord::series_interval);
    s.add(count_key("bootstrap", 0, SweepLimits::kBootstrap, "1000", "",
                    "Sobol' and Morris bootstrap resamples"),
          &SweepRecord::bootstrap);
    s.add({.key = "confidence",
           .type = Type::Number,
           .range = Range{0, 1, true, true},
           .default_text = "0.95",
           .description = "the confidence level of Sobol' and Morris (mu*) intervals"},
          &SweepRecord::confidence);
    s.rule(
        "a rollout sweep names its scenario by `base` or by `variants`, not both; the ishigami model takes "
        "neither");
    s.rule(
        "each variant is a valid scenario with a `name` of its own (the coordinate of the `variant` "
        "dimension)");
    s.rule(
        "`sobol` and `morris` designs take no variants (their indices are per sweep: run one per variant)");
    s.rule(
        fmt::format("at most {} runs (design points x variants x replications), refused before the design "
                    "is built",
                    SweepLimits::kRuns));
    s.rule(
        "with `keep: bands` or `series`, the series every run keeps fit in memory (the limit is in "
        "docs/limits.md)");
    return s;
  }();
  return schema;
}

std::string sweep_reference_markdown() {
  std::string out =
      "# Sweep file reference\n\n"
      "<!-- Generated by `sovsim describe --sweep-reference > docs/sweep-reference.md`; do not edit. A test "
      "fails when this file differs from what the table (models/sweep/sweep_schema.cpp) generates. -->\n\n"
      "Every key of a sweep file, with its kind, default and allowed values. What sweeps do is explained "
      "in [sweeps.md](sweeps.md); units are those of scenario files "
      "([scenario-reference.md](scenario-reference.md)). Sweep files are read by the scenario files' "
      "reader: the same strict numbers and units, unknown keys refused with a \"did you mean\", every "
      "problem as `FILE:LINE:COLUMN: KEY.PATH: expected ..., found ...`.\n\n";
  out += scn::record_reference_markdown(sweep_schema().info());
  while (out.ends_with("\n\n")) out.pop_back();
  return out;
}

}  // namespace models::sweep
