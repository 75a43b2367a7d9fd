#include "app/sweep_execute.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "app/interrupts.h"
#include "app/progress.h"
#include "app/sweep_common.h"
#include "app/sweep_mpi.h"
#include "sim/sweep/journal.h"
#include "sim/sweep/runner.h"

namespace sovsim::cli {

namespace sw = sim::sweep;

std::string yaml_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out + "\"";
}

int execute_sweep(const std::function<models::sweep::SweepLoad()>& load, const std::string& display,
                  const SweepRunOptions& o, Streams io) {
  std::optional<sweep::MpiSession> mpi;
  if (!o.list && sweep::launched_by_mpi()) {
    if (o.sharded) throw UsageError("--shard and MPI are two routes; use one");
    mpi.emplace();
  }
  const bool root = !mpi || mpi->rank() == 0;

  // A rank other than 0 that cannot go on still answers rank 0's protocol, so nobody waits for it;
  // rank 0 reports the error (it meets the same one) and releases the others as it returns.
  const auto stand_down = [&](const std::string& reason) {
    mpi->work(nullptr, reason, nullptr, nullptr, 0);
    return kExitBadInput;
  };
  models::sweep::SweepLoad loaded = load();
  if (!loaded.ok()) {
    if (!root) return stand_down(display + ": could not be loaded");
    for (const std::string& e : loaded.errors) io.err << e << "\n";
    return kExitBadInput;
  }
  models::sweep::SweepFile& file = *loaded.sweep;
  sweep::Context ctx;
  ctx.plan = file.plan;
  try {
    ctx.design = sw::sweep_design(ctx.plan);
  } catch (const std::invalid_argument& e) {
    if (!root) return stand_down(display + ": design: " + e.what());
    io.err << display << ": design: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (root) {
    for (const std::string& w : ctx.design.warnings) io.err << "sovsim sweep: warning: " << w << "\n";
  }
  if (o.list) {
    io.err << "sovsim sweep: random numbers: "
           << (ctx.plan.random_numbers == sw::RandomNumbers::Common
                   ? "common (replication r of every point runs with the same seed; random_numbers: "
                     "independent gives every run its own)\n"
                   : "independent (every run has a seed of its own)\n");
    io.out << sweep::design_table_csv(ctx.plan, ctx.design);
    return kExitOk;
  }

  std::unique_ptr<sw::RunModel> model;
  std::string setup_failure;
  try {
    model = models::sweep::make_model(file, ctx.design, {.check_invariants = o.check});
  } catch (const std::exception& e) {
    setup_failure = e.what();
  }
  if (!root) {
    mpi->work(model.get(), setup_failure, &ctx.plan, &ctx.design,
              o.resume ? 0 : sw::run_count(ctx.plan, ctx.design));
    return model ? kExitOk : kExitBadInput;
  }
  if (!model) {
    // A failure that names its file and line already (a limit of the model) is not prefixed again.
    const bool located = setup_failure.starts_with(display + ":");
    io.err << "sovsim sweep: " << (located ? "" : display + ": ") << setup_failure << "\n";
    return kExitBadInput;
  }
  ctx.outputs = model->outputs();
  ctx.hash = sw::plan_hash(ctx.plan);
  ctx.provenance = sweep::provenance(ctx.plan, ctx.design, ctx.outputs, file.text, file.base_resolved_yaml);

  const std::uint64_t total = sw::run_count(ctx.plan, ctx.design);
  const std::vector<std::uint64_t> mine =
      o.sharded ? sw::shard_runs(total, o.shard_index, o.shard_count) : sw::shard_runs(total, 0, 1);
  const std::string journal_id =
      ctx.hash + (o.sharded ? fmt::format("/shard-{}-of-{}", o.shard_index, o.shard_count) : "");
  std::unique_ptr<sw::Journal> journal;
  const std::string journal_path = o.output + ".journal";
  std::error_code ec;
  const bool journal_existed = std::filesystem::exists(journal_path, ec);
  try {
    journal = std::make_unique<sw::Journal>(journal_path, journal_id, ctx.outputs.indicators.size(),
                                            sweep::series_values(ctx.outputs), o.resume);
  } catch (const sw::JournalError& e) {
    // An existing journal refused (without --resume, or of another sweep) is a usage matter; a
    // journal that cannot be created (missing or read-only folder) is a failure, as for `run`.
    if (journal_existed) throw UsageError(e.what());
    throw std::runtime_error(e.what());
  }
  sweep::Results results = std::move(journal->loaded());
  std::vector<std::uint64_t> todo;
  for (std::uint64_t r : mine) {
    if (!results.count(r)) todo.push_back(r);
  }
  if (o.resume && !results.empty())
    io.err << fmt::format("sovsim sweep: resuming: {} of {} runs already done\n", mine.size() - todo.size(),
                          mine.size());

  const InterruptGuard guard;
  Progress progress(io.err, !o.quiet && stderr_is_terminal(), "sweep");
  const std::size_t already = mine.size() - todo.size();
  std::size_t done = 0;
  const auto on_result = [&](std::uint64_t run, sw::RunResult&& r) {
    journal->append(run, r);
    results.emplace(run, std::move(r));
    ++done;
    progress.update(static_cast<double>(already + done) / static_cast<double>(mine.size()),
                    fmt::format("{}/{} runs", already + done, mine.size()));
  };
  sw::WorkQueue queue(todo);
  const auto stop = [] { return InterruptGuard::interrupted(); };
  if (mpi) {
    mpi->serve(*model, ctx.plan, ctx.design, queue,
               {.jobs = o.jobs == 0 ? 1u : o.jobs, .stop_requested = stop}, on_result);
  } else {
    const unsigned n = o.jobs != 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    sw::run_local(*model, ctx.plan, ctx.design, queue, {.jobs = n, .stop_requested = stop}, on_result);
  }
  progress.finish();
  journal->sync();
  if (InterruptGuard::interrupted()) {
    io.err << fmt::format(
        "sovsim sweep: {} of {} runs done and kept in {}; run the same command with --resume\n",
        results.size(), mine.size(), journal->path().string());
    throw Interrupted{InterruptGuard::received()};
  }
  if (o.sharded) {
    output::write_sweep_file(o.output, sweep::part_content(ctx, results, o.shard_index, o.shard_count));
  } else {
    output::write_sweep_file(o.output, sweep::final_content(ctx, results));
    if (o.wrote_final_file) *o.wrote_final_file = true;
  }
  journal->remove();
  return kExitOk;
}

}  // namespace sovsim::cli
