#pragma once
// The MPI route of `sovsim sweep` (built when SOVSIM_HAVE_MPI): rank 0 hands out run indices on
// request and collects the results; every other rank asks for a run, runs it, sends the result
// back with its next request. Rank 0 also runs sweeps on its own worker threads from the same
// queue, and it alone writes the journal and the output file (no two ranks write one HDF5 file).
// Rank 0's dispatcher polls with MPI_Iprobe and sleeps briefly when idle, so it does not take a
// core from the workers.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/sweep/runner.h"

namespace sovsim::cli::sweep {

// True when this process was started by mpirun/mpiexec with more than one rank.
bool launched_by_mpi();

class MpiSession {
 public:
  MpiSession();   // MPI_Init_thread(FUNNELED)
  ~MpiSession();  // MPI_Finalize
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

// Rank 0: serves the other ranks from `queue` while `local` (run on a thread of its own) works
// through the same queue; `on_result` is called for every result, local or remote, one at a time.
// `stop_requested` is polled; when it returns true the queue stops and workers end after their
// current run. Throws the first failure (a local exception, or a worker rank's message).
void serve(const sim::sweep::RunModel& model, const sim::sweep::Plan& plan, const sim::sweep::Design& design,
           sim::sweep::WorkQueue& queue, const sim::sweep::RunnerOptions& local, const MpiSession& mpi,
           const sim::sweep::ResultHandler& on_result);

// Every other rank: asks rank 0 for runs until told to stop. With no model (its set-up failed),
// reports `setup_failure` to rank 0 instead.
void work(const sim::sweep::RunModel* model, const std::string& setup_failure, const sim::sweep::Plan& plan,
          const sim::sweep::Design& design);

// Tells every rank but 0 to stop without work (when rank 0 failed before serving).
void dismiss_workers(const MpiSession& mpi);

}  // namespace sovsim::cli::sweep
