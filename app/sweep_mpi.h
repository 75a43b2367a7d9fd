#pragma once
// The MPI route of `sovsim sweep` (built when SOVSIM_HAVE_MPI): rank 0 hands out run indices on
// request and collects the results; every other rank asks for a run, runs it, sends the result
// back with its next request, and keeps two requests in flight so that its next run is already
// there when it finishes one. Rank 0 also runs sweeps on its own worker threads from the same
// queue, and it alone writes the journal and the output file (no two ranks write one HDF5 file).
//
// Every MPI call, from MPI_Init_thread to MPI_Finalize, is made on one thread that the session
// owns. MPI_Init takes a few tenths of a second (Open MPI probes its network plugins), so the
// process loads the sweep meanwhile, and rank 0 starts running runs on its main thread while that
// thread dispatches to the other ranks; the other ranks compute their first runs meanwhile (see
// work()). The dispatcher polls with MPI_Iprobe and backs off while
// idle (Open MPI's blocking receive would spin and take a core from rank 0's own runs).

#include <atomic>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sim/sweep/runner.h"

namespace sovsim::cli::sweep {

// True when this process was started by mpirun/mpiexec with more than one rank.
bool launched_by_mpi();

class MpiSession {
 public:
  // Starts the MPI thread, which calls MPI_Init_thread. The rank and size are those the launcher
  // put in the environment, so they are known before MPI_Init returns.
  MpiSession();
  // Rank 0 first releases ranks it neither served nor dismissed (an error between start-up and
  // serve), so that no rank waits for work forever; then the MPI thread calls MPI_Finalize.
  // After SIGINT/SIGTERM neither happens: the job is being ended and other ranks may be gone.
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

  // Rank 0: serves the other ranks from `queue` while the calling thread works through the same
  // queue on `local.jobs` threads; `on_result` is called for every result, local or remote, one at
  // a time. `local.stop_requested` is polled; when it returns true the queue stops and every
  // worker ends after its current run. Throws the first failure (a local exception, or a worker
  // rank's message) once every rank has been released. MPI is finalized then, in the background,
  // while the caller goes on (writes the output file).
  void serve(const sim::sweep::RunModel& model, const sim::sweep::Plan& plan,
             const sim::sweep::Design& design, sim::sweep::WorkQueue& queue,
             const sim::sweep::RunnerOptions& local, const sim::sweep::ResultHandler& on_result);

  // Every other rank: asks rank 0 for runs until told to stop. With no model (its set-up or
  // loading failed), reports `setup_failure` to rank 0 instead. Until MPI_Init returns, the rank
  // computes runs of [0, early_runs) from the top down (rank r of K takes total-r, total-r-(K-1),
  // ...), and sends them first; rank 0 keeps those it has not handed out yet (WorkQueue::claim).
  // Pass 0 where most runs are likely done already (--resume).
  void work(const sim::sweep::RunModel* model, const std::string& setup_failure, const sim::sweep::Plan* plan,
            const sim::sweep::Design* design, std::uint64_t early_runs);

  // Rank 0: tells every other rank to stop without work (when rank 0 failed before serving).
  void dismiss_workers();

 private:
  bool mpi_initialized() const { return initialized_.load(std::memory_order_acquire); }
  // Runs `task` on the MPI thread and waits for it; its exception is rethrown here.
  void on_mpi_thread(std::function<void()> task);
  std::future<void> post(std::function<void()> task);
  void mpi_thread_main(std::stop_token stop);

  int rank_ = 0;
  int size_ = 1;
  bool workers_released_ = false;
  std::atomic<bool> initialized_{false};
  std::atomic<bool> finalize_{true};  // false when the job is being torn down (see ~MpiSession)
  bool finalized_ = false;            // MPI thread only: serve() had it finalize already
  std::string init_mismatch_;         // set by the MPI thread if MPI's rank disagrees with the environment
  struct Channel;
  std::unique_ptr<Channel> channel_;
  std::jthread mpi_thread_;
};

}  // namespace sovsim::cli::sweep
