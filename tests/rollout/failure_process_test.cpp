// RunOptions::failure_process = false (a sweep that keeps nothing GPU failures change): every
// sweep entry and condition that states it is not changed by failures is bit-identical to a run
// with them, and each that states a change does change. The statements are what a sweep relies on
// to skip the failure process (models/sweep/rollout_run.cpp, select_indicators).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "korea_like.h"
#include "models/rollout/conditions.h"
#include "models/rollout/output_schema.h"
#include "models/rollout/recording.h"
#include "models/rollout/rollout.h"
#include "sim/recorder.h"

namespace {

namespace ro = models::rollout;
using models::Comparison;
using models::ConditionQuantity;

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// korea_like with one national target per condition quantity, dated mid-rollout.
models::Scenario with_targets() {
  models::Scenario s = rollout_test::korea_like();
  const ConditionQuantity all[] = {ConditionQuantity::GpusEnteredService, ConditionQuantity::GpusOperational,
                                   ConditionQuantity::ComputePflops,      ConditionQuantity::FacilityPowerMw,
                                   ConditionQuantity::PowerDrawMw,        ConditionQuantity::EnergyMwh,
                                   ConditionQuantity::GridConnectedMw,    ConditionQuantity::HallsReady};
  int k = 0;
  for (const ConditionQuantity q : all) {
    models::Condition c;
    c.name = "t" + std::to_string(k++);
    c.quantity = q;
    c.comparison = Comparison::AtLeast;
    c.value = 1;  // met early: its first-met instant is compared too
    c.date = {2029, 6, 30};
    s.targets.push_back(c);
  }
  return s;
}

struct Outcome {
  ro::RunOutput out;
  std::vector<std::vector<double>> series;  // per sweep series component
};

struct Component {
  const ro::OutputQuantity* quantity;
  std::size_t index;  // row-major over the entry's axes
  std::string label;  // of the last axis ("" for a scalar)
};

std::vector<Component> components(const models::Scenario& s, ro::SweepRole role) {
  std::vector<Component> out;
  for (const ro::OutputQuantity& q : ro::output_schema()) {
    if (q.sweep != role) continue;
    const std::vector<std::string> axes = ro::axis_names(q);
    std::size_t count = 1, last = 1;
    std::vector<std::string> labels{""};
    for (const std::string& a : axes) {
      labels = ro::axis_labels(s, a);
      last = labels.size();
      count *= last;
    }
    for (std::size_t i = 0; i < count; ++i) out.push_back({&q, i, labels[i % last]});
  }
  return out;
}

Outcome run_scenario(const models::Scenario& s, bool failure_process) {
  std::vector<sim::SelectedSeriesSink::Column> columns;
  for (const Component& c : components(s, ro::SweepRole::Series))
    columns.push_back({std::string(c.quantity->name), c.index});
  sim::SelectedSeriesSink sink(columns, 1);
  ro::RunOptions options;
  options.sink = &sink;
  options.failure_process = failure_process;
  Outcome r;
  r.out = ro::run_rollout(s, options);
  for (std::size_t c = 0; c < columns.size(); ++c) r.series.push_back(sink.values(c));
  return r;
}

class FailureProcess : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = new models::Scenario(with_targets());
    with_ = new Outcome(run_scenario(*scenario_, true));
    without_ = new Outcome(run_scenario(*scenario_, false));
  }
  static void TearDownTestSuite() {
    delete with_;
    delete without_;
    delete scenario_;
  }
  static models::Scenario* scenario_;
  static Outcome* with_;
  static Outcome* without_;
};
models::Scenario* FailureProcess::scenario_ = nullptr;
Outcome* FailureProcess::with_ = nullptr;
Outcome* FailureProcess::without_ = nullptr;

TEST_F(FailureProcess, RunsWithoutItFireFewerEvents) {
  ASSERT_GT(scenario_->operations.failures_per_gpu_day, 0);
  // The failure process is most of a run's events (docs/performance.md).
  EXPECT_LT(without_->out.events * 2, with_->out.events);
}

TEST_F(FailureProcess, SweepIndicatorsItDoesNotChangeAreIdentical) {
  std::map<std::string, bool> changed;  // per entry stating a change: did any component change
  std::vector<double> a, b;
  const ro::OutputQuantity* computed = nullptr;
  for (const Component& c : components(*scenario_, ro::SweepRole::Indicator)) {
    if (c.quantity != computed) {
      c.quantity->compute(with_->out.headline, a);
      c.quantity->compute(without_->out.headline, b);
      computed = c.quantity;
    }
    SCOPED_TRACE(std::string(c.quantity->name) + " " + c.label);
    ASSERT_LT(c.index, a.size());
    if (ro::changed_by_failures(*c.quantity, c.label)) {
      changed[std::string(c.quantity->name)] |= !same_bits(a[c.index], b[c.index]);
    } else {
      EXPECT_TRUE(same_bits(a[c.index], b[c.index])) << a[c.index] << " against " << b[c.index];
    }
  }
  for (const auto& [name, any] : changed) EXPECT_TRUE(any) << name << " states a change failures never made";
}

TEST_F(FailureProcess, SweepSeriesItDoesNotChangeAreIdentical) {
  std::map<std::string, bool> changed;
  const std::vector<Component> series = components(*scenario_, ro::SweepRole::Series);
  for (std::size_t c = 0; c < series.size(); ++c) {
    SCOPED_TRACE(std::string(series[c].quantity->name) + " " + series[c].label);
    const std::vector<double>& a = with_->series[c];
    const std::vector<double>& b = without_->series[c];
    ASSERT_EQ(a.size(), b.size());
    bool same = true;
    for (std::size_t t = 0; t < a.size(); ++t) same = same && same_bits(a[t], b[t]);
    if (ro::changed_by_failures(*series[c].quantity, series[c].label)) {
      changed[std::string(series[c].quantity->name)] |= !same;
    } else {
      EXPECT_TRUE(same);
    }
  }
  for (const auto& [name, any] : changed) EXPECT_TRUE(any) << name << " states a change failures never made";
}

TEST_F(FailureProcess, ConditionsOnQuantitiesItDoesNotChangeAreIdentical) {
  const auto& a = with_->out.headline.targets;
  const auto& b = without_->out.headline.targets;
  ASSERT_EQ(a.size(), scenario_->targets.size());
  ASSERT_EQ(b.size(), a.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    const ConditionQuantity q = scenario_->targets[k].quantity;
    SCOPED_TRACE(std::to_string(static_cast<int>(q)));
    if (ro::changed_by_failures(q)) {
      EXPECT_FALSE(same_bits(a[k].model_value, b[k].model_value)) << a[k].model_value;
    } else {
      EXPECT_TRUE(same_bits(a[k].model_value, b[k].model_value))
          << a[k].model_value << " " << b[k].model_value;
      EXPECT_TRUE(same_bits(a[k].first_met_days, b[k].first_met_days));
    }
  }
}

}  // namespace
