#include "sim/sweep/design.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "sim/sweep/plan.h"
#include "sim/sweep/sobol_sequence.h"

namespace sim::sweep {
namespace {

std::vector<Parameter> uniform_parameters(std::size_t d, double lo = 0, double hi = 1) {
  std::vector<Parameter> out;
  for (std::size_t i = 0; i < d; ++i) {
    Parameter p;
    p.name = "p" + std::to_string(i);
    p.marginal.kind = Marginal::Kind::Uniform;
    p.marginal.a = lo;
    p.marginal.b = hi;
    out.push_back(p);
  }
  return out;
}

TEST(SobolSequence, FirstPointsMatchJoeKuo) {
  // scipy.stats.qmc.Sobol(d=3, scramble=False).random(8), which uses the same direction numbers.
  const double expected[8][3] = {{0, 0, 0},
                                 {0.5, 0.5, 0.5},
                                 {0.75, 0.25, 0.25},
                                 {0.25, 0.75, 0.75},
                                 {0.375, 0.375, 0.625},
                                 {0.875, 0.875, 0.125},
                                 {0.625, 0.125, 0.875},
                                 {0.125, 0.625, 0.375}};
  SobolSequence s(3);
  for (const auto& row : expected) {
    const std::vector<double>& p = s.next();
    for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(p[static_cast<std::size_t>(k)], row[k]);
  }
}

TEST(SobolSequence, BoostGivesThePointsOfTheEarlierCompiledInTable) {
  // Points 1..8 of dimensions 37..40 and a weighted sum over 1024 points of all 40 dimensions, from
  // the hand-written generator sovsim used before Boost's (its table stopped at 40 dimensions), so
  // Saltelli designs of up to 20 parameters are unchanged.
  const double expected[8][4] = {{0.5, 0.5, 0.5, 0.5},         {0.25, 0.25, 0.25, 0.25},
                                 {0.75, 0.75, 0.75, 0.75},     {0.625, 0.875, 0.375, 0.875},
                                 {0.125, 0.375, 0.875, 0.375}, {0.875, 0.625, 0.125, 0.625},
                                 {0.375, 0.125, 0.625, 0.125}, {0.1875, 0.8125, 0.3125, 0.5625}};
  SobolSequence s(40);
  s.next();
  for (const auto& row : expected) {
    const std::vector<double>& p = s.next();
    for (std::size_t k = 0; k < 4; ++k) EXPECT_DOUBLE_EQ(p[36 + k], row[k]);
  }
  SobolSequence t(40);
  double sum = 0;
  for (int i = 0; i < 1024; ++i) {
    const auto& p = t.next();
    for (std::size_t k = 0; k < 40; ++k) sum += p[k] * static_cast<double>(k + 1) * (i % 7 + 1);
  }
  EXPECT_DOUBLE_EQ(sum, 1677661.98046875);
  // Boost's table goes far beyond: Saltelli designs of hundreds of parameters.
  EXPECT_GE(SobolSequence::kMaxDimensions, 1000u);
}

TEST(SobolSequence, EachDimensionIsBalancedOverPowersOfTwo) {
  // For any dimension, the first 2^m points put exactly one point in each interval [k/2^m, (k+1)/2^m).
  SobolSequence s(SobolSequence::kMaxDimensions);
  const std::size_t n = 256;
  std::vector<std::set<int>> cells(SobolSequence::kMaxDimensions);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = s.next();
    for (std::size_t d = 0; d < p.size(); ++d) cells[d].insert(static_cast<int>(p[d] * n));
  }
  for (std::size_t d = 0; d < cells.size(); ++d) EXPECT_EQ(cells[d].size(), n) << "dimension " << d + 1;
}

TEST(SobolSequence, RejectsTooManyDimensions) {
  EXPECT_THROW(SobolSequence(0), std::invalid_argument);
  EXPECT_THROW(SobolSequence(SobolSequence::kMaxDimensions + 1), std::invalid_argument);
}

TEST(LatinHypercube, EachStratumOfEachParameterHoldsOnePoint) {
  const std::size_t n = 50;
  DesignSpec spec{.kind = DesignKind::LatinHypercube, .samples = n};
  const Design d = make_design(uniform_parameters(4, 10, 20), spec, 7);
  ASSERT_EQ(d.points, n);
  for (std::size_t k = 0; k < d.dims; ++k) {
    std::set<std::size_t> strata;
    for (std::size_t p = 0; p < n; ++p) {
      const double u = d.unit[p * d.dims + k];
      ASSERT_GE(u, 0.0);
      ASSERT_LT(u, 1.0);
      strata.insert(static_cast<std::size_t>(u * n));
      EXPECT_DOUBLE_EQ(d.value(p, k), 10 + 10 * u);
    }
    EXPECT_EQ(strata.size(), n) << "parameter " << k;
  }
}

TEST(LatinHypercube, SameSeedSameDesignOtherSeedOtherDesign) {
  DesignSpec spec{.kind = DesignKind::LatinHypercube, .samples = 20};
  const auto params = uniform_parameters(3);
  EXPECT_EQ(make_design(params, spec, 1).values, make_design(params, spec, 1).values);
  EXPECT_NE(make_design(params, spec, 1).values, make_design(params, spec, 2).values);
}

TEST(Saltelli, RowCountsAreNTimes2DPlus2OrDPlus2) {
  for (std::size_t dims : {1u, 3u, 7u}) {
    for (bool second : {false, true}) {
      DesignSpec spec{.kind = DesignKind::Sobol, .samples = 64, .second_order = second};
      const Design d = make_design(uniform_parameters(dims), spec, 0);
      const std::size_t expected = 64 * (second ? 2 * dims + 2 : dims + 2);
      EXPECT_EQ(d.points, expected);
      EXPECT_EQ(design_points(uniform_parameters(dims), spec), expected);
      EXPECT_TRUE(d.warnings.empty());
    }
  }
}

TEST(Saltelli, RowsFollowSalibsLayout) {
  DesignSpec spec{.kind = DesignKind::Sobol, .samples = 4};
  const Design d = make_design(uniform_parameters(2), spec, 0);
  const std::size_t block = 4;  // A, AB_1, AB_2, B
  for (std::size_t j = 0; j < 4; ++j) {
    const auto u = [&](std::size_t row, std::size_t k) { return d.unit[(j * block + row) * 2 + k]; };
    EXPECT_EQ(u(1, 0), u(3, 0));  // AB_1 takes column 0 from B
    EXPECT_EQ(u(1, 1), u(0, 1));  // and the rest from A
    EXPECT_EQ(u(2, 1), u(3, 1));
    EXPECT_EQ(u(2, 0), u(0, 0));
    EXPECT_GT(u(0, 0), 0.0);  // point 0 of the sequence (zeros) is skipped
  }
}

TEST(Saltelli, WarnsWhenNIsNotAPowerOfTwo) {
  DesignSpec spec{.kind = DesignKind::Sobol, .samples = 100};
  const Design d = make_design(uniform_parameters(2), spec, 0);
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_NE(d.warnings[0].find("power of two"), std::string::npos);
}

TEST(Grid, FullFactorialLastParameterFastest) {
  std::vector<Parameter> params(2);
  params[0].marginal = {.kind = Marginal::Kind::Values, .values = {1, 2}};
  params[1].marginal = {.kind = Marginal::Kind::Uniform, .a = 0, .b = 1, .steps = 3};
  const Design d = make_design(params, {.kind = DesignKind::Grid}, 0);
  ASSERT_EQ(d.points, 6u);
  const std::vector<double> expected = {1, 0, 1, 0.5, 1, 1, 2, 0, 2, 0.5, 2, 1};
  EXPECT_EQ(d.values, expected);
}

TEST(Explicit, NoParametersIsOneBasePoint) {
  const Design d = make_design({}, {.kind = DesignKind::Explicit}, 0);
  EXPECT_EQ(d.points, 1u);
  EXPECT_EQ(d.dims, 0u);
}

TEST(Morris, TrajectoriesChangeOneParameterByDeltaPerStep) {
  DesignSpec spec{.kind = DesignKind::Morris, .trajectories = 10, .levels = 4};
  const Design d = make_design(uniform_parameters(5), spec, 3);
  ASSERT_EQ(d.points, 10u * 6);
  const double delta = morris_delta(4);
  EXPECT_DOUBLE_EQ(delta, 4.0 / 6.0);
  for (std::size_t t = 0; t < 10; ++t) {
    std::set<std::size_t> changed;
    for (std::size_t s = 0; s < 5; ++s) {
      std::size_t n = 0;
      for (std::size_t k = 0; k < 5; ++k) {
        const double step = d.unit[(t * 6 + s + 1) * 5 + k] - d.unit[(t * 6 + s) * 5 + k];
        if (step != 0) {
          ++n;
          changed.insert(k);
          EXPECT_NEAR(std::abs(step), delta, 1e-12);
        }
      }
      EXPECT_EQ(n, 1u);
    }
    EXPECT_EQ(changed.size(), 5u);
  }
  for (double u : d.unit) {
    EXPECT_GE(u, 0.0);
    EXPECT_LE(u, 1.0);
  }
}

TEST(Marginals, QuantileFunctions) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-12);
  Marginal tri{.kind = Marginal::Kind::Triangular, .a = 0, .b = 1, .c = 4};
  EXPECT_NEAR(tri.quantile(0.25), 1.0, 1e-12);  // P(X <= mode) = (b-a)/(c-a) = 0.25
  Marginal lu{.kind = Marginal::Kind::LogUniform, .a = 1, .b = 100};
  EXPECT_NEAR(lu.quantile(0.5), 10.0, 1e-12);
  Marginal v{.kind = Marginal::Kind::Values, .values = {5, 6, 7}};
  EXPECT_EQ(v.quantile(0.0), 5);
  EXPECT_EQ(v.quantile(0.5), 6);
  EXPECT_EQ(v.quantile(0.999), 7);
}

TEST(Seeds, DependOnMasterPointReplicationOnly) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t p = 0; p < 100; ++p) {
    for (std::uint64_t r = 0; r < 10; ++r) {
      const std::uint64_t s = run_seed(42, p, r);
      EXPECT_LT(s, std::uint64_t{1} << 63);
      EXPECT_TRUE(seen.insert(s).second);
      EXPECT_EQ(s, run_seed(42, p, r));
    }
  }
  EXPECT_NE(run_seed(42, 0, 0), run_seed(43, 0, 0));
}

TEST(Seeds, CommonRandomNumbersGiveEveryPointTheSameSeedsIndependentDoNot) {
  Plan p;
  p.master_seed = 42;
  ASSERT_EQ(p.random_numbers, RandomNumbers::Common);  // the default
  for (std::uint64_t r = 0; r < 10; ++r) {
    EXPECT_EQ(seed_of_run(p, 7, r), seed_of_run(p, 0, r));
    EXPECT_EQ(seed_of_run(p, 7, r), run_seed(42, 0, r));  // point 0 as before: run --replications
  }
  EXPECT_NE(seed_of_run(p, 0, 0), seed_of_run(p, 0, 1));
  p.random_numbers = RandomNumbers::Independent;
  for (std::uint64_t r = 0; r < 10; ++r) {
    EXPECT_EQ(seed_of_run(p, 7, r), run_seed(42, 7, r));
    EXPECT_NE(seed_of_run(p, 7, r), seed_of_run(p, 0, r));
  }
}

TEST(Shards, PartitionTheRunsRoundRobin) {
  std::vector<int> seen(103, 0);
  for (std::uint64_t i = 0; i < 4; ++i) {
    for (std::uint64_t r : shard_runs(103, i, 4)) {
      EXPECT_EQ(r % 4, i);
      ++seen[r];
    }
  }
  for (int n : seen) EXPECT_EQ(n, 1);
  EXPECT_THROW(shard_runs(10, 4, 4), std::invalid_argument);
}

TEST(Plan, SerializeRoundTripsAndHashTracksContent) {
  Plan p;
  p.title = "A sweep, with spaces & 100% \"quotes\"\nand a newline";
  p.model = "ishigami";
  p.master_seed = 12345678901234ULL;
  p.replications = 3;
  p.parameters = uniform_parameters(2, -std::numbers::pi, std::numbers::pi);
  p.parameters[1].units = "MW";
  p.parameters[1].marginal = {.kind = Marginal::Kind::Values, .values = {0.1, 1e-300, 3}};
  p.design = {.kind = DesignKind::Explicit, .points = {{1.5, 0.1}, {2.25, 3}}};
  p.keep = Keep::Bands;
  p.series_interval_days = 30.5;
  const std::string text = serialize(p);
  const Plan q = parse_plan(text);
  EXPECT_EQ(serialize(q), text);
  EXPECT_EQ(q.title, p.title);
  EXPECT_EQ(q.parameters[0].marginal.a, -std::numbers::pi);
  EXPECT_EQ(plan_hash(q), plan_hash(p));
  EXPECT_EQ(q.design.points[0][0], 1.5);
  Plan r = p;
  r.master_seed += 1;
  EXPECT_NE(plan_hash(r), plan_hash(p));
  EXPECT_THROW(parse_plan("nonsense"), std::invalid_argument);
  // random_numbers round-trips and changes the hash.
  EXPECT_EQ(q.random_numbers, RandomNumbers::Common);
  Plan independent = p;
  independent.random_numbers = RandomNumbers::Independent;
  EXPECT_NE(plan_hash(independent), plan_hash(p));
  EXPECT_EQ(parse_plan(serialize(independent)).random_numbers, RandomNumbers::Independent);
}

TEST(Plan, IsYamlThatReadsBackEveryValueExactly) {
  Plan p;
  p.title = "Quotes \" and 'colons': \t tabs, a newline\n and UTF-8: 반도체";
  p.model = "rollout";
  p.model_digest = "abc: def";
  p.parameters = uniform_parameters(1, 0.1, 0.30000000000000004);
  p.parameters[0].name = "sites[2].halls[0].pue";
  p.parameters[0].units = "";
  p.variants = {{"korea-2026", "korea 2026.yaml"}, {"exempt", "#exempt.yaml"}};
  p.design = {.kind = DesignKind::Explicit, .points = {{5e-324}, {-1.7976931348623157e308}}};
  const std::string text = serialize(p);
  EXPECT_TRUE(text.starts_with("format: sovsim-sweep-plan 2\n")) << text;
  const Plan q = parse_plan(text);
  EXPECT_EQ(q.title, p.title);
  EXPECT_EQ(q.model_digest, p.model_digest);
  EXPECT_EQ(q.parameters[0].name, p.parameters[0].name);
  EXPECT_EQ(q.parameters[0].units, "");
  EXPECT_EQ(q.parameters[0].marginal.b, 0.30000000000000004);
  EXPECT_EQ(q.variants[1].file, "#exempt.yaml");
  EXPECT_EQ(q.design.points, p.design.points);
  EXPECT_EQ(serialize(q), text);
}

TEST(Plan, OfAnotherFormatIsRefusedNamingIt) {
  try {
    parse_plan("sovsim-sweep-plan 1\ntitle %\nmodel ishigami\n");
    ADD_FAILURE() << "a plan of format 1 was read";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("expected a YAML map starting with 'format: sovsim-sweep-plan 2'"),
              std::string::npos)
        << e.what();
  }
  try {
    parse_plan("format: sovsim-sweep-plan 9\n");
    ADD_FAILURE() << "a plan of format 9 was read";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "sweep plan: format 'sovsim-sweep-plan 9' is not this version's ('sovsim-sweep-plan 2'); merge its "
        "parts with the sovsim that wrote them, or run the sweep again");
  }
  std::string missing = serialize(Plan{});
  missing.erase(missing.find("keep:"), missing.find('\n', missing.find("keep:")) - missing.find("keep:") + 1);
  EXPECT_THROW(parse_plan(missing), std::invalid_argument);
}

}  // namespace
}  // namespace sim::sweep
