#include "sim/sweep/ishigami.h"

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

#include "sim/random.h"

namespace sim::sweep {

IshigamiModel::IshigamiModel(const std::vector<std::string>& parameter_names) {
  for (const std::string& name : parameter_names) {
    if (name == "x1") {
      slot_.push_back(0);
    } else if (name == "x2") {
      slot_.push_back(1);
    } else if (name == "x3") {
      slot_.push_back(2);
    } else if (name == "noise") {
      slot_.push_back(3);
    } else if (name == "cost_ms") {
      slot_.push_back(4);
    } else {
      throw std::invalid_argument("the ishigami model has parameters x1, x2, x3, noise and cost_ms, not '" +
                                  name + "'");
    }
  }
  outputs_.indicators = {{"y", "1", "Ishigami function value"},
                         {"y_squared", "1", "square of the Ishigami function"}};
}

double IshigamiModel::evaluate(double x1, double x2, double x3) {
  const double s2 = std::sin(x2);
  return std::sin(x1) + IshigamiIndices::kA * s2 * s2 + IshigamiIndices::kB * std::pow(x3, 4) * std::sin(x1);
}

RunResult IshigamiModel::run(const RunInput& input) const {
  double x[5] = {0, 0, 0, 0, 0};
  for (std::size_t i = 0; i < slot_.size() && i < input.values.size(); ++i) x[slot_[i]] = input.values[i];
  double y = evaluate(x[0], x[1], x[2]);
  if (x[3] > 0) {
    RandomStream r(input.seed);
    y += draw_normal(r, 0.0, x[3]);
  }
  if (x[4] > 0) std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(x[4]));
  return RunResult{{y, y * y}, {}};
}

}  // namespace sim::sweep
