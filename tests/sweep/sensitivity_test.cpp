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

// Ishigami over a design; `noise` adds a deterministic pseudo-random term per replication.
Study ishigami_over(const DesignSpec& spec, std::size_t replications, double noise_sd) {
  Study s;
  s.spec = spec;
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

// Ishigami over a Sobol' design of n base samples.
Study ishigami(std::size_t n, std::size_t replications, double noise_sd) {
  return ishigami_over({.kind = DesignKind::Sobol, .samples = n}, replications, noise_sd);
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

// Ishigami over a Morris design of r trajectories; `noise` as in ishigami_over().
Study ishigami_morris(std::size_t trajectories, std::size_t replications, double noise_sd) {
  return ishigami_over({.kind = DesignKind::Morris, .trajectories = trajectories, .levels = 4}, replications,
                       noise_sd);
}

TEST(SensitivityMorris, MuStarHasItsIntervalAndFewTrajectoriesAreFlaggedWithTheNumberNeeded) {
  const auto few = analyse_sensitivity(ishigami_morris(6, 1, 0).input(kNaN)).at(0);
  ASSERT_EQ(few.status, SensitivityStatus::Computed);
  int flagged = 0;
  for (Eigen::Index k = 0; k < 3; ++k) {
    EXPECT_GT(few.morris.mu_star_conf[k], 0) << k;
    flagged += few.mu_star_flag[static_cast<std::size_t>(k)];
  }
  EXPECT_GT(flagged, 0);
  EXPECT_GT(few.trajectories_needed, 6);
  // The needed r, run, brings the half-widths near the target: none or fewer flagged, and
  // intervals about sqrt(needed / 6) times narrower.
  const auto needed = static_cast<std::size_t>(few.trajectories_needed);
  const auto enough = analyse_sensitivity(ishigami_morris(needed, 1, 0).input(kNaN)).at(0);
  int still = 0;
  for (int f : enough.mu_star_flag) still += f;
  EXPECT_LT(still, flagged) << "needed " << needed;
  EXPECT_EQ(enough.samples_needed, 0) << "Sobol' fields stay empty for Morris";
  // Fewer than 2 trajectories: no interval, every mu* flagged, kMorrisMinTrajectories asked for.
  const auto one = analyse_sensitivity(ishigami_morris(1, 1, 0).input(kNaN)).at(0);
  for (int f : one.mu_star_flag) EXPECT_EQ(f, 1);
  EXPECT_EQ(one.trajectories_needed, static_cast<double>(kMorrisMinTrajectories));
}

TEST(SensitivityMorris, ANegligibleInputIsNotFlaggedForAWideIntervalAroundNothing) {
  // y = 10 x0 + 0.01 x0 x1: x0 leads; x1's effect (0.01 x0: 0 to 0.01) has an interval wide relative
  // to its own tiny mu*, but narrow next to x0's effect.
  std::vector<Parameter> params(2);
  for (auto& p : params) p.marginal = {.kind = Marginal::Kind::Uniform, .a = 0, .b = 1};
  Study s;
  s.spec = {.kind = DesignKind::Morris, .trajectories = 12, .levels = 4};
  s.design = make_design(params, s.spec, 4);
  s.runs.resize(static_cast<Eigen::Index>(s.design.points), 1);
  for (std::size_t p = 0; p < s.design.points; ++p)
    s.runs(static_cast<Eigen::Index>(p), 0) =
        10 * s.design.value(p, 0) + 0.01 * s.design.value(p, 0) * s.design.value(p, 1);
  const auto a = analyse_sensitivity(s.input(kNaN)).at(0);
  EXPECT_NEAR(a.morris.mu_star[0], 10, 0.01);
  EXPECT_GT(a.morris.mu_star_conf[1], kMorrisMaxRelativeHalfWidth * a.morris.mu_star[1]);
  EXPECT_EQ(a.mu_star_flag[0], 0);
  EXPECT_EQ(a.mu_star_flag[1], 0);
  EXPECT_EQ(a.trajectories_needed, 0);
}

TEST(SensitivityMorris, CensoringIsHandledAsForSobol) {
  // No censoring rule: withheld with the reason, nothing computed, nothing flagged.
  Study s = ishigami_morris(10, 1, 0);
  s.runs(5, 0) = kNaN;
  s.runs(17, 0) = kNaN;
  const auto withheld = analyse_sensitivity(s.input(kNaN)).at(0);
  EXPECT_EQ(withheld.status, SensitivityStatus::WithheldNoValues);
  EXPECT_EQ(withheld.reason, "withheld: 2 of 40 runs have no value and the indicator has no censoring rule");
  for (Eigen::Index k = 0; k < 3; ++k) {
    EXPECT_TRUE(std::isnan(withheld.morris.mu_star[k]));
    EXPECT_TRUE(std::isnan(withheld.morris.mu_star_conf[k]));
    EXPECT_EQ(withheld.mu_star_flag[static_cast<std::size_t>(k)], 0);
  }
  EXPECT_TRUE(std::isnan(withheld.noise_share));
  // A censoring value (the horizon end): the censored runs count as it, and the status says so.
  const auto capped = analyse_sensitivity(s.input(8.0)).at(0);
  EXPECT_EQ(capped.status, SensitivityStatus::CensoredAtHorizon);
  EXPECT_EQ(capped.censored_runs, 2u);
  Eigen::MatrixXd filled = s.runs;
  filled(5, 0) = filled(17, 0) = 8.0;
  const MorrisIndices direct = morris_indices(filled.col(0), s.design, 10);
  for (Eigen::Index k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(capped.morris.mu_star[k], direct.mu_star[k]);
}

TEST(SensitivityMorris, NoiseShareWithReplications) {
  // Noise sd 3 with R = 2 puts 9 / 2 on the point means, next to the variance V of Ishigami over
  // the design's points (its 4-level grid, not the cube's 13.8): share 4.5 / (V + 4.5).
  const Study noisy = ishigami_morris(200, 2, 3.0);
  const Study clean = ishigami_morris(200, 1, 0.0);
  const Eigen::VectorXd f = clean.runs.col(0);
  const double v = (f.array() - f.mean()).square().mean();
  const auto a = analyse_sensitivity(noisy.input(kNaN)).at(0);
  EXPECT_NEAR(a.noise_share, 4.5 / (v + 4.5), 0.03) << "V = " << v;
  EXPECT_NEAR(a.noise_share_per_run, 9.0 / (v + 9.0), 0.04);
  EXPECT_TRUE(std::isnan(analyse_sensitivity(clean.input(kNaN)).at(0).noise_share));
}

}  // namespace
}  // namespace sim::sweep
