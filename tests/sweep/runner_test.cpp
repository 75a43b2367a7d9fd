#include "sim/sweep/runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <thread>

#include "sim/sweep/ishigami.h"
#include "sim/sweep/journal.h"

namespace sim::sweep {
namespace {

Plan ishigami_plan(std::size_t n, std::size_t replications) {
  Plan p;
  p.model = "ishigami";
  p.master_seed = 99;
  p.replications = replications;
  for (const char* name : {"x1", "x2", "x3"}) {
    Parameter q;
    q.name = name;
    q.marginal = {.kind = Marginal::Kind::Uniform, .a = -std::numbers::pi, .b = std::numbers::pi};
    p.parameters.push_back(q);
  }
  Parameter noise;
  noise.name = "noise";
  noise.marginal = {.kind = Marginal::Kind::Values, .values = {0.5}};
  p.parameters.push_back(noise);
  p.design = {.kind = DesignKind::LatinHypercube, .samples = n};
  return p;
}

std::vector<std::string> names(const Plan& p) {
  std::vector<std::string> out;
  for (const auto& q : p.parameters) out.push_back(q.name);
  return out;
}

std::vector<std::uint64_t> all_runs(std::uint64_t n) {
  std::vector<std::uint64_t> r(n);
  for (std::uint64_t i = 0; i < n; ++i) r[i] = i;
  return r;
}

std::map<std::uint64_t, RunResult> run_with(const Plan& plan, const Design& d,
                                            const std::vector<std::uint64_t>& runs, unsigned jobs) {
  const IshigamiModel model(names(plan));
  WorkQueue q(runs);
  std::map<std::uint64_t, RunResult> out;
  EXPECT_TRUE(run_local(model, plan, d, q, {.jobs = jobs}, [&](std::uint64_t r, RunResult&& res) {
    EXPECT_TRUE(out.emplace(r, std::move(res)).second);
  }));
  return out;
}

TEST(Runner, ResultsDoNotDependOnThreadsOrShards) {
  const Plan plan = ishigami_plan(40, 3);
  const Design d = make_design(plan.parameters, plan.design, plan.master_seed);
  const std::uint64_t total = run_count(plan, d);
  const auto one = run_with(plan, d, all_runs(total), 1);
  const auto four = run_with(plan, d, all_runs(total), 4);
  ASSERT_EQ(one.size(), total);
  std::map<std::uint64_t, RunResult> sharded;
  for (std::uint64_t s = 0; s < 3; ++s) sharded.merge(run_with(plan, d, shard_runs(total, s, 3), 2));
  ASSERT_EQ(sharded.size(), total);
  for (std::uint64_t r = 0; r < total; ++r) {
    EXPECT_EQ(one.at(r).indicators, four.at(r).indicators);
    EXPECT_EQ(one.at(r).indicators, sharded.at(r).indicators);
  }
  // Replications of a point differ (noise from their own seeds).
  EXPECT_NE(one.at(0).indicators[0], one.at(1).indicators[0]);
}

TEST(WorkQueue, EveryRunGoesOutOnceWhetherHandedOutOrClaimed) {
  WorkQueue q({5, 1, 3, 9, 7, 3});
  EXPECT_EQ(q.remaining(), 5u);  // duplicates count once
  EXPECT_EQ(q.next(), 1u);       // ascending, whatever the order given
  EXPECT_TRUE(q.claim(9));       // out of order, not handed out yet
  EXPECT_FALSE(q.claim(9));      // only once
  EXPECT_FALSE(q.claim(1));      // already handed out
  EXPECT_FALSE(q.claim(4));      // not in the queue
  EXPECT_EQ(q.remaining(), 3u);
  EXPECT_EQ(q.next(), 3u);
  EXPECT_EQ(q.next(), 5u);
  EXPECT_EQ(q.next(), 7u);
  EXPECT_EQ(q.remaining(), 0u);
  EXPECT_EQ(q.next(), std::nullopt);  // 9 was claimed
  WorkQueue stopped({1, 2});
  stopped.stop();
  EXPECT_EQ(stopped.remaining(), 0u);
  EXPECT_FALSE(stopped.claim(2));
  EXPECT_EQ(stopped.next(), std::nullopt);

  // Threads taking with next() while another claims from the end: each run exactly once.
  constexpr std::uint64_t kRuns = 20000;
  WorkQueue shared(all_runs(kRuns));
  std::vector<std::atomic<int>> seen(kRuns);
  {
    std::vector<std::jthread> takers;
    for (int t = 0; t < 3; ++t)
      takers.emplace_back([&] {
        while (const auto r = shared.next()) ++seen[*r];
      });
    takers.emplace_back([&] {
      for (std::uint64_t r = kRuns; r-- > 0;)
        if (shared.claim(r)) ++seen[r];
    });
  }
  for (std::uint64_t r = 0; r < kRuns; ++r) ASSERT_EQ(seen[r].load(), 1) << "run " << r;
  EXPECT_EQ(shared.remaining(), 0u);
}

TEST(Runner, StopRequestEndsEarlyAndAFailureIsRethrown) {
  const Plan plan = ishigami_plan(100, 1);
  const Design d = make_design(plan.parameters, plan.design, plan.master_seed);
  const IshigamiModel model(names(plan));
  WorkQueue q(all_runs(100));
  std::atomic<int> seen{0};
  const bool complete =
      run_local(model, plan, d, q, {.jobs = 2, .stop_requested = [&] { return seen.load() >= 10; }},
                [&](std::uint64_t, RunResult&&) { ++seen; });
  EXPECT_FALSE(complete);
  EXPECT_LT(seen.load(), 100);

  WorkQueue q2(all_runs(100));
  EXPECT_THROW(run_local(model, plan, d, q2, {.jobs = 2},
                         [&](std::uint64_t r, RunResult&&) {
                           if (r == 17) throw std::runtime_error("boom");
                         }),
               std::runtime_error);
}

class JournalTest : public ::testing::Test {
 protected:
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("sovsim-journal-test-" + std::to_string(::getpid()) + ".journal");
  void TearDown() override { std::filesystem::remove(path); }
};

TEST_F(JournalTest, KeepsRunsDropsATornTailAndRefusesAnotherSweep) {
  {
    Journal j(path, "abc", 2, 3, false);
    j.append(5, {{1, 2}, {3, 4, 5}});
    j.append(2, {{6, 7}, {8, 9, 10}});
    EXPECT_THROW(j.append(3, {{1}, {}}), JournalError);
  }
  // A torn record at the end (as if killed in the middle of a write).
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    const std::uint64_t run = 9, count = 5;
    out.write(reinterpret_cast<const char*>(&run), 8);
    out.write(reinterpret_cast<const char*>(&count), 8);
    out.write("garbage", 7);
  }
  EXPECT_THROW(Journal(path, "abc", 2, 3, false), JournalError);  // exists, no --resume
  EXPECT_THROW(Journal(path, "other", 2, 3, true), JournalError);
  {
    Journal j(path, "abc", 2, 3, true);
    ASSERT_EQ(j.loaded().size(), 2u);
    EXPECT_EQ(j.loaded().at(5).series, (std::vector<double>{3, 4, 5}));
    EXPECT_EQ(j.loaded().at(2).indicators, (std::vector<double>{6, 7}));
    EXPECT_EQ(j.dropped_bytes(), 23u);
    j.append(9, {{0, 0}, {1, 1, 1}});
  }
  const auto runs = Journal::read(path, 2);
  EXPECT_EQ(runs.size(), 3u);
  EXPECT_TRUE(runs.count(9));
}

}  // namespace
}  // namespace sim::sweep
