#include "app/sweep_mpi.h"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#ifdef SOVSIM_HAVE_MPI
#include <mpi.h>

#include <chrono>
#include <mutex>
#include <thread>
#endif

namespace sovsim::cli::sweep {

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    if (const char* s = std::getenv(v); s && std::atoi(s) > 1) return true;
  }
  return false;
}

#ifndef SOVSIM_HAVE_MPI

MpiSession::MpiSession() {
  throw std::runtime_error("this sovsim was built without MPI (configure with SOVSIM_MPI=ON)");
}
MpiSession::~MpiSession() = default;
void serve(const sim::sweep::RunModel&, const sim::sweep::Plan&, const sim::sweep::Design&,
           sim::sweep::WorkQueue&, const sim::sweep::RunnerOptions&, const MpiSession&,
           const sim::sweep::ResultHandler&) {}
void work(const sim::sweep::RunModel*, const std::string&, const sim::sweep::Plan&,
          const sim::sweep::Design&) {}
void dismiss_workers(const MpiSession&) {}

#else

namespace {

constexpr int kTagResult = 1;  // worker -> 0: u64 run (kNone for the first request) + doubles
constexpr int kTagError = 2;   // worker -> 0: a failure message
constexpr int kTagWork = 3;    // 0 -> worker: u64 run, or kNone to stop
constexpr std::uint64_t kNone = ~std::uint64_t{0};

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

}  // namespace

MpiSession::MpiSession() {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void serve(const sim::sweep::RunModel& model, const sim::sweep::Plan& plan, const sim::sweep::Design& design,
           sim::sweep::WorkQueue& queue, const sim::sweep::RunnerOptions& local, const MpiSession& mpi,
           const sim::sweep::ResultHandler& on_result) {
  std::mutex mutex;  // one on_result at a time, local or remote
  std::exception_ptr local_failure;
  std::jthread local_thread([&] {
    try {
      sim::sweep::run_local(model, plan, design, queue, {.jobs = local.jobs},
                            [&](std::uint64_t run, sim::sweep::RunResult&& r) {
                              const std::lock_guard lock(mutex);
                              on_result(run, std::move(r));
                            });
    } catch (...) {
      local_failure = std::current_exception();
      queue.stop();
    }
  });
  std::string remote_failure;
  std::exception_ptr serve_failure;
  int active = mpi.size() - 1;
  std::vector<char> buf;
  while (active > 0) {
    if (local.stop_requested && local.stop_requested()) queue.stop();
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    int bytes = 0;
    MPI_Get_count(&status, MPI_BYTE, &bytes);
    buf.resize(static_cast<std::size_t>(bytes));
    MPI_Recv(buf.data(), bytes, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kTagError) {
      if (remote_failure.empty())
        remote_failure =
            "rank " + std::to_string(status.MPI_SOURCE) + ": " + std::string(buf.begin(), buf.end());
      queue.stop();
      --active;
      continue;
    }
    sim::sweep::RunResult r;
    const std::uint64_t run = unpack(buf, r);
    if (run != kNone) {
      try {
        const std::lock_guard lock(mutex);
        on_result(run, std::move(r));
      } catch (...) {
        if (!serve_failure) serve_failure = std::current_exception();
        queue.stop();
      }
    }
    const std::optional<std::uint64_t> next = queue.next();
    const std::uint64_t reply = next ? *next : kNone;
    MPI_Send(&reply, 8, MPI_BYTE, status.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
    if (!next) --active;
  }
  local_thread.join();
  if (serve_failure) std::rethrow_exception(serve_failure);
  if (local_failure) std::rethrow_exception(local_failure);
  if (!remote_failure.empty()) throw std::runtime_error(remote_failure);
}

void work(const sim::sweep::RunModel* model, const std::string& setup_failure, const sim::sweep::Plan& plan,
          const sim::sweep::Design& design) {
  std::vector<char> message = pack(kNone, {});
  if (!model) {
    MPI_Send(setup_failure.data(), static_cast<int>(setup_failure.size()), MPI_BYTE, 0, kTagError,
             MPI_COMM_WORLD);
    return;
  }
  while (true) {
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, kTagResult, MPI_COMM_WORLD);
    std::uint64_t run = kNone;
    MPI_Recv(&run, 8, MPI_BYTE, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (run == kNone) return;
    try {
      message = pack(run, model->run(sim::sweep::make_input(plan, design, run)));
    } catch (const std::exception& e) {
      const std::string what = "run " + std::to_string(run) + ": " + e.what();
      MPI_Send(what.data(), static_cast<int>(what.size()), MPI_BYTE, 0, kTagError, MPI_COMM_WORLD);
      return;
    }
  }
}

void dismiss_workers(const MpiSession& mpi) {
  std::vector<char> buf;
  for (int active = mpi.size() - 1; active > 0; --active) {
    MPI_Status status;
    MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    int bytes = 0;
    MPI_Get_count(&status, MPI_BYTE, &bytes);
    buf.resize(static_cast<std::size_t>(bytes));
    MPI_Recv(buf.data(), bytes, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kTagError) continue;
    const std::uint64_t stop = kNone;
    MPI_Send(&stop, 8, MPI_BYTE, status.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
  }
}

#endif

}  // namespace sovsim::cli::sweep
