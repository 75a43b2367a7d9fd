#pragma once
// The Ishigami function, a built-in analytic model for checking sensitivity analysis:
//   f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1,  x_i ~ U(-pi, pi),  a = 7, b = 0.1
// (Ishigami & Homma 1990). Its Sobol' indices are known: first order 0.3139, 0.4424, 0 and total
// 0.5576, 0.4424, 0.2437. Parameters named x1, x2, x3 (any subset, in any order; a missing
// one is 0); a `noise` parameter adds a normal draw of that standard deviation from the run's
// seed, so replications differ; a `cost_ms` parameter makes each run sleep that long (to test
// interruption, resume and load balancing with runs of known cost). Indicators: y (the function) and
// y_squared.

#include <string>
#include <vector>

#include "sim/sweep/model.h"

namespace sim::sweep {

struct IshigamiIndices {
  static constexpr double kA = 7.0;
  static constexpr double kB = 0.1;
  static constexpr double kFirst[3] = {0.3139051827, 0.4424111447, 0.0};
  static constexpr double kTotal[3] = {0.5575888553, 0.4424111447, 0.2436836726};
};

class IshigamiModel final : public RunModel {
 public:
  // Throws std::invalid_argument for a parameter name other than x1, x2, x3 or noise.
  explicit IshigamiModel(const std::vector<std::string>& parameter_names);
  const ModelOutputs& outputs() const override { return outputs_; }
  RunResult run(const RunInput& input) const override;

  static double evaluate(double x1, double x2, double x3);

 private:
  std::vector<int> slot_;  // per parameter: 0..2 for x1..x3, 3 for noise
  ModelOutputs outputs_;
};

}  // namespace sim::sweep
