// Sensitivity with caveats (sim/sweep/sensitivity.h): censoring, noise share, trust flags.
#include "sim/sweep/sensitivity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sim/sweep/ishigami.h"

namespace sim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<Parameter> ishigami_parameters() {
  std::vector<Parameter> out;
  for (const char* name : {"x1", "x2", "x3"}) {
    Parameter p;
    p.name = name;
    p.marginal = {.kind = Marginal::Kind::Uniform, .a = -std::numbers::pi, .b = std::numbers::pi};
    out.push_back(p);
  }
  return out;
}

struct Study {
  DesignSpec spec;
  Design design;
  Eigen::MatrixXd runs;  // points*R x 1
  std::size_t replications = 1;

  SensitivityInput input(double censored_value) const {
    return {.runs = &runs,
            .points = design.points,
            .replications = replications,
            .censored_value = {censored_value},
            .design = &design,
            .spec = spec,
            .bootstrap = 200,
            .confidence = 0.95,
            .master_seed = 1};
  }
};

// Ishigami over a Sobol' design; `noise` adds a deterministic pseudo-random term per replication.
Study ishigami(std::size_t n, std::size_t replications, double noise_sd) {
  Study s;
  s.spec = {.kind = DesignKind::Sobol, .samples = n};
  s.design = make_design(ishigami_parameters(), s.spec, 1);
  s.replications = replications;
  s.runs.resize(static_cast<Eigen::Index>(s.design.points * replications), 1);
  RandomStream noise(StreamKey{7, 0, "test.noise", 0});
  for (std::size_t p = 0; p < s.design.points; ++p) {
    const double f =
        IshigamiModel::evaluate(s.design.value(p, 0), s.design.value(p, 1), s.design.value(p, 2));
    for (std::size_t r = 0; r < replications; ++r)
      s.runs(static_cast<Eigen::Index>(p * replications + r), 0) = f + draw_normal(noise, 0.0, noise_sd);
  }
  return s;
}

TEST(Sensitivity, CensoredRunsCountAsTheHorizonEndAndAreCounted) {
  Study s = ishigami(256, 1, 0);
  // "Not reached by the horizon": values above 8 become NaN, the horizon being 8.
  Eigen::MatrixXd capped = s.runs.cwiseMin(8.0);
  std::size_t above = 0;
  for (Eigen::Index r = 0; r < s.runs.rows(); ++r) {
    if (s.runs(r, 0) > 8) {
      s.runs(r, 0) = kNaN;
      ++above;
    }
  }
  ASSERT_GT(above, 0u);
  const Eigen::MatrixXi counts = censored_counts(s.runs, s.design.points, 1);
  EXPECT_EQ(static_cast<std::size_t>(counts.sum()), above);
  const auto a = analyse_sensitivity(s.input(8.0)).at(0);
  EXPECT_EQ(a.status, SensitivityStatus::CensoredAtHorizon);
  EXPECT_EQ(a.censored_runs, above);
  EXPECT_NE(a.reason.find(std::to_string(above) + " of "), std::string::npos) << a.reason;
  EXPECT_NE(a.reason.find("horizon end (8)"), std::string::npos) << a.reason;
  RandomStream boot(StreamKey{1, 0, "sweep.bootstrap", 0});
  const SobolIndices direct = sobol_indices(capped.col(0), 256, 3, false, 200, 0.95, boot);
  for (int i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(a.sobol.first[i], direct.first[i]);
    EXPECT_DOUBLE_EQ(a.sobol.total_high[i], direct.total_high[i]);
  }
}

TEST(Sensitivity, WithoutACensoringRuleIndicesAreWithheldWithTheReason) {
  Study s = ishigami(64, 1, 0);
  s.runs(3, 0) = kNaN;
  const auto a = analyse_sensitivity(s.input(kNaN)).at(0);
  EXPECT_EQ(a.status, SensitivityStatus::WithheldNoValues);
  EXPECT_EQ(a.reason, "withheld: 1 of 320 runs have no value and the indicator has no censoring rule");
  EXPECT_TRUE(std::isnan(a.sobol.first[0]));
  EXPECT_STREQ(status_name(a.status), "withheld_no_values");
}

TEST(Sensitivity, AConstantIndicatorIsWithheldNotZeroOverZero) {
  Study s = ishigami(64, 1, 0);
  s.runs.setConstant(3.0);
  const auto a = analyse_sensitivity(s.input(kNaN)).at(0);
  EXPECT_EQ(a.status, SensitivityStatus::WithheldNoVariance);
  EXPECT_NE(a.reason.find("the mean is 3 at every design point"), std::string::npos) << a.reason;
}

TEST(Sensitivity, NoiseShareMatchesThePlantedNoise) {
  // Var(Ishigami) = 13.845; noise sd 3 -> per-run share 9 / (13.845 + 9) = 0.394; with R = 4 the
  // point means carry 9/4 of noise: 2.25 / (13.845 + 2.25) = 0.140.
  const Study s = ishigami(512, 4, 3.0);
  const auto a = analyse_sensitivity(s.input(kNaN)).at(0);
  EXPECT_EQ(a.status, SensitivityStatus::Computed);
  EXPECT_NEAR(a.noise_share_per_run, 0.394, 0.03);
  EXPECT_NEAR(a.noise_share, 0.140, 0.02);
  // One replication: not estimable, said as NaN (the status text says how it was computed).
  const auto one = analyse_sensitivity(ishigami(64, 1, 0).input(kNaN)).at(0);
  EXPECT_TRUE(std::isnan(one.noise_share));
  EXPECT_NE(one.reason.find("1 replication per point"), std::string::npos);
}

TEST(Sensitivity, FewSamplesAreFlaggedWithTheSampleSizeNeeded) {
  const auto few = analyse_sensitivity(ishigami(8, 1, 0).input(kNaN)).at(0);
  int flagged = 0;
  for (int f : few.first_flag) flagged += f;
  for (int f : few.total_flag) flagged += f;
  EXPECT_GT(flagged, 0);
  EXPECT_GT(few.samples_needed, 8);
  const auto n = static_cast<std::size_t>(few.samples_needed);
  EXPECT_EQ(n & (n - 1), 0u) << "a power of two";
  // Enough samples: Ishigami's indices are trusted, none flagged.
  const auto many = analyse_sensitivity(ishigami(2048, 1, 0).input(kNaN)).at(0);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(many.first_flag[i], 0) << i;
    EXPECT_EQ(many.total_flag[i], 0) << i;
    EXPECT_NEAR(many.sobol.first[static_cast<Eigen::Index>(i)], IshigamiIndices::kFirst[i], 0.05);
  }
  EXPECT_EQ(many.samples_needed, 0);
}

}  // namespace
}  // namespace sim::sweep
