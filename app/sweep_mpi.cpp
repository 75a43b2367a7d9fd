#include "app/sweep_mpi.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "app/interrupts.h"

#ifdef SOVSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace sovsim::cli::sweep {

namespace {

// The first of `names` set in the environment, as an integer.
std::optional<int> launcher_value(std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (const char* s = std::getenv(name); s && *s) return std::atoi(s);
  }
  return std::nullopt;
}

std::optional<int> launcher_size() {
  return launcher_value({"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE"});
}
std::optional<int> launcher_rank() {
  return launcher_value({"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"});
}

}  // namespace

bool launched_by_mpi() { return launcher_size().value_or(1) > 1; }

struct MpiSession::Channel {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::deque<std::packaged_task<void()>> tasks;
};

std::future<void> MpiSession::post(std::function<void()> task) {
  std::packaged_task<void()> packaged(std::move(task));
  std::future<void> done = packaged.get_future();
  {
    const std::lock_guard lock(channel_->mutex);
    channel_->tasks.push_back(std::move(packaged));
  }
  channel_->wake.notify_one();
  return done;
}

void MpiSession::on_mpi_thread(std::function<void()> task) { post(std::move(task)).get(); }

#ifndef SOVSIM_HAVE_MPI

MpiSession::MpiSession() {
  throw std::runtime_error("this sovsim was built without MPI (configure with SOVSIM_MPI=ON)");
}
MpiSession::~MpiSession() = default;
void MpiSession::mpi_thread_main(std::stop_token) {}
void MpiSession::serve(const sim::sweep::RunModel&, const sim::sweep::Plan&, const sim::sweep::Design&,
                       sim::sweep::WorkQueue&, const sim::sweep::RunnerOptions&,
                       const sim::sweep::ResultHandler&) {}
void MpiSession::work(const sim::sweep::RunModel*, const std::string&, const sim::sweep::Plan*,
                      const sim::sweep::Design*, std::uint64_t) {}
void MpiSession::dismiss_workers() {}

#else

namespace {

constexpr int kTagResult = 1;  // worker -> 0: u64 run (kNone for the first request) + doubles
constexpr int kTagError = 2;   // worker -> 0: a failure message
constexpr int kTagWork = 3;    // 0 -> worker: u64 run, or kNone to stop
constexpr int kTagEarly = 4;   // worker -> 0: a run computed before MPI_Init returned; no reply
constexpr std::uint64_t kNone = ~std::uint64_t{0};

// How long rank 0's dispatcher sleeps between polls: short right after a message, so that short
// runs are fed quickly, growing while idle, so that polling costs rank 0's runs almost nothing.
constexpr std::chrono::microseconds kFirstPollInterval{50};
constexpr std::chrono::microseconds kLongestPollInterval{2000};
// Runs a rank computes before MPI_Init returns: a head start, not a second queue (their results
// wait in memory until they can be sent).
constexpr std::uint64_t kMostEarlyRuns = 64;
// Requests a worker keeps outstanding: the run it computes and the next one (see dispatch()).
constexpr int kRequestsInFlight = 2;

std::vector<char> pack(std::uint64_t run, const sim::sweep::RunResult& r) {
  const std::uint64_t ni = r.indicators.size();
  std::vector<char> buf(16 + (r.indicators.size() + r.series.size()) * 8);
  std::memcpy(buf.data(), &run, 8);
  std::memcpy(buf.data() + 8, &ni, 8);
  if (ni) std::memcpy(buf.data() + 16, r.indicators.data(), ni * 8);
  if (!r.series.empty()) std::memcpy(buf.data() + 16 + ni * 8, r.series.data(), r.series.size() * 8);
  return buf;
}

std::uint64_t unpack(const std::vector<char>& buf, sim::sweep::RunResult& r) {
  std::uint64_t run = 0, ni = 0;
  std::memcpy(&run, buf.data(), 8);
  std::memcpy(&ni, buf.data() + 8, 8);
  const std::size_t total = (buf.size() - 16) / 8;
  r.indicators.resize(ni);
  r.series.resize(total - ni);
  if (ni) std::memcpy(r.indicators.data(), buf.data() + 16, ni * 8);
  if (total > ni) std::memcpy(r.series.data(), buf.data() + 16 + ni * 8, (total - ni) * 8);
  return run;
}

// Receives the message `status` announced.
std::vector<char> receive(const MPI_Status& status) {
  int bytes = 0;
  MPI_Get_count(&status, MPI_BYTE, &bytes);
  std::vector<char> buf(static_cast<std::size_t>(bytes));
  MPI_Recv(buf.data(), bytes, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return buf;
}

void send_bytes(const void* data, std::size_t size, int tag) {
  MPI_Send(data, static_cast<int>(size), MPI_BYTE, 0, tag, MPI_COMM_WORLD);
}

struct DispatchOutcome {
  std::exception_ptr handler_failure;  // on_result threw for a remote result
  std::string remote_failure;          // the first worker rank's error message
};

// Rank 0's side of the protocol, until every other rank was told to stop.
//
// Each worker keeps kRequestsInFlight requests outstanding (a result is also a request), so that
// it has its next run in hand when it finishes one: it does not wait for rank 0, whose dispatcher
// sleeps between polls, spinning in Open MPI's blocking receive and taking a core from rank 0's
// own runs. Near the end, when no more runs are left than there are workers in all (`streams`,
// rank 0's threads included), a worker gets a run only when it has none, so that no run waits in
// one worker's hand while another worker is idle.
DispatchOutcome dispatch(int ranks, std::size_t streams, sim::sweep::WorkQueue& queue,
                         const std::function<bool()>& stop_requested,
                         const sim::sweep::ResultHandler& on_result) {
  struct Worker {
    int held = 0;     // runs handed out and not yet returned
    int waiting = 0;  // requests received and not yet answered
    // The rank stops once it has had kNone for each of its requests in flight (a result with
    // its new request replaces the request its run answered).
    int stops_to_send = kRequestsInFlight;
    bool released = false;
  };
  std::vector<Worker> workers(static_cast<std::size_t>(ranks));
  int unreleased = ranks - 1;
  // Answers `rank`'s waiting requests, except one it need not have answered yet (see above); that
  // one is answered when the rank returns its run.
  const auto answer = [&](int rank) {
    Worker& w = workers[static_cast<std::size_t>(rank)];
    while (w.waiting > 0 && !w.released) {
      std::uint64_t reply = kNone;
      if (queue.remaining() > 0) {
        if (w.held > 0 && queue.remaining() <= streams) return;
        reply = queue.next().value_or(kNone);
      }
      MPI_Send(&reply, 8, MPI_BYTE, rank, kTagWork, MPI_COMM_WORLD);
      --w.waiting;
      if (reply != kNone) {
        ++w.held;
      } else if (--w.stops_to_send == 0) {
        w.released = true;
        --unreleased;
      }
    }
  };

  DispatchOutcome outcome;
  std::chrono::microseconds poll_interval = kFirstPollInterval;
  while (unreleased > 0) {
    if (stop_requested && stop_requested()) queue.stop();
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      std::this_thread::sleep_for(poll_interval);
      poll_interval = std::min(poll_interval * 2, kLongestPollInterval);
      continue;
    }
    poll_interval = kFirstPollInterval;
    const std::vector<char> message = receive(status);
    Worker& w = workers[static_cast<std::size_t>(status.MPI_SOURCE)];
    if (status.MPI_TAG == kTagError) {
      if (outcome.remote_failure.empty())
        outcome.remote_failure =
            "rank " + std::to_string(status.MPI_SOURCE) + ": " + std::string(message.begin(), message.end());
      queue.stop();
      if (!w.released) {
        w.released = true;  // the rank returned after sending this and reads no more replies
        --unreleased;
      }
      continue;
    }
    sim::sweep::RunResult r;
    const std::uint64_t run = unpack(message, r);
    const bool early = status.MPI_TAG == kTagEarly;
    if (run != kNone && (!early || queue.claim(run))) {
      try {
        on_result(run, std::move(r));
      } catch (...) {
        if (!outcome.handler_failure) outcome.handler_failure = std::current_exception();
        queue.stop();
      }
    }
    if (early) continue;
    if (run != kNone) --w.held;
    ++w.waiting;
    answer(status.MPI_SOURCE);
  }
  return outcome;
}

}  // namespace

MpiSession::MpiSession() : channel_(std::make_unique<Channel>()) {
  size_ = launcher_size().value_or(0);
  rank_ = launcher_rank().value_or(-1);
  mpi_thread_ = std::jthread([this](std::stop_token stop) { mpi_thread_main(stop); });
  if (rank_ < 0 || size_ < 1) {
    // A launcher that does not say: wait for MPI_Init and ask MPI.
    on_mpi_thread([this] {
      MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
      MPI_Comm_size(MPI_COMM_WORLD, &size_);
    });
  }
}

MpiSession::~MpiSession() {
  // Interrupted, the job is being ended: mpirun or the scheduler signalled every rank, and some may
  // be gone already, so neither dismissing them nor MPI_Finalize (which waits for every rank)
  // could finish. Completed runs are in the journal; MPI is left to the process's exit.
  finalize_ = !InterruptGuard::interrupted();
  if (finalize_ && rank_ == 0 && !workers_released_) {
    try {
      dismiss_workers();
    } catch (...) {  // MPI_Finalize below still runs; the command's own error is already reported
    }
  }
  mpi_thread_.request_stop();
  mpi_thread_.join();
}

void MpiSession::mpi_thread_main(std::stop_token stop) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, size = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  initialized_.store(true, std::memory_order_release);
  const std::optional<int> env_rank = launcher_rank(), env_size = launcher_size();
  if ((env_rank && *env_rank != rank) || (env_size && *env_size != size))
    init_mismatch_ = "MPI reports rank " + std::to_string(rank) + " of " + std::to_string(size) +
                     " but the launcher's environment says rank " + std::to_string(env_rank.value_or(-1)) +
                     " of " + std::to_string(env_size.value_or(-1));
  while (true) {
    std::unique_lock lock(channel_->mutex);
    channel_->wake.wait(lock, stop, [this] { return !channel_->tasks.empty(); });
    if (channel_->tasks.empty()) break;  // stop requested and nothing left to do
    std::packaged_task<void()> task = std::move(channel_->tasks.front());
    channel_->tasks.pop_front();
    lock.unlock();
    if (!init_mismatch_.empty()) {
      task = std::packaged_task<void()>([message = init_mismatch_] { throw std::runtime_error(message); });
    }
    task();
  }
  if (finalize_ && !finalized_) MPI_Finalize();
}

void MpiSession::serve(const sim::sweep::RunModel& model, const sim::sweep::Plan& plan,
                       const sim::sweep::Design& design, sim::sweep::WorkQueue& queue,
                       const sim::sweep::RunnerOptions& local, const sim::sweep::ResultHandler& on_result) {
  std::mutex mutex;  // one on_result at a time, local or remote
  const sim::sweep::ResultHandler locked = [&](std::uint64_t run, sim::sweep::RunResult&& r) {
    const std::lock_guard lock(mutex);
    on_result(run, std::move(r));
  };
  DispatchOutcome outcome;
  const std::size_t streams = static_cast<std::size_t>(size_ - 1) + std::max(1u, local.jobs);
  std::future<void> remote =
      post([&] { outcome = dispatch(size_, streams, queue, local.stop_requested, locked); });
  std::exception_ptr local_failure;
  try {
    sim::sweep::run_local(model, plan, design, queue, local, locked);
  } catch (...) {
    local_failure = std::current_exception();
    queue.stop();
  }
  remote.get();
  workers_released_ = true;
  // No MPI call is left to make: MPI_Finalize (a fence with every rank, then Open MPI's
  // teardown) overlaps rank 0's writing of the output file instead of following it.
  post([this] {
    if (InterruptGuard::interrupted()) return;  // as in ~MpiSession
    MPI_Finalize();
    finalized_ = true;
  });
  if (outcome.handler_failure) std::rethrow_exception(outcome.handler_failure);
  if (local_failure) std::rethrow_exception(local_failure);
  if (!outcome.remote_failure.empty()) throw std::runtime_error(outcome.remote_failure);
}

void MpiSession::work(const sim::sweep::RunModel* model, const std::string& setup_failure,
                      const sim::sweep::Plan* plan, const sim::sweep::Design* design,
                      std::uint64_t early_runs) {
  std::string failure = (!model || !plan || !design) ? setup_failure : "";
  std::vector<std::vector<char>> early;
  const auto workers = static_cast<std::uint64_t>(size_ - 1);
  for (std::uint64_t offset = static_cast<std::uint64_t>(rank_);
       workers > 0 && failure.empty() && offset <= early_runs; offset += workers) {
    if (mpi_initialized() || early.size() == kMostEarlyRuns) break;
    const std::uint64_t run = early_runs - offset;
    try {
      early.push_back(pack(run, model->run(sim::sweep::make_input(*plan, *design, run))));
    } catch (const std::exception& e) {
      failure = "run " + std::to_string(run) + ": " + e.what();
    }
  }
  on_mpi_thread([&] {
    for (const std::vector<char>& message : early) send_bytes(message.data(), message.size(), kTagEarly);
    if (!failure.empty()) {
      send_bytes(failure.data(), failure.size(), kTagError);
      return;
    }
    const std::vector<char> request = pack(kNone, {});
    for (int i = 0; i < kRequestsInFlight; ++i) send_bytes(request.data(), request.size(), kTagResult);
    for (int outstanding = kRequestsInFlight; outstanding > 0;) {
      std::uint64_t run = kNone;
      MPI_Recv(&run, 8, MPI_BYTE, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (run == kNone) {
        --outstanding;
        continue;
      }
      std::vector<char> message;
      try {
        message = pack(run, model->run(sim::sweep::make_input(*plan, *design, run)));
      } catch (const std::exception& e) {
        const std::string what = "run " + std::to_string(run) + ": " + e.what();
        send_bytes(what.data(), what.size(), kTagError);
        return;
      }
      send_bytes(message.data(), message.size(), kTagResult);  // the result, and the next request
    }
  });
}

void MpiSession::dismiss_workers() {
  // The protocol with nothing to hand out: every request is answered with kNone.
  sim::sweep::WorkQueue nothing({});
  on_mpi_thread([&] { dispatch(size_, 1, nothing, {}, [](std::uint64_t, sim::sweep::RunResult&&) {}); });
  workers_released_ = true;
}

#endif

}  // namespace sovsim::cli::sweep
