"""Faults during an MPI sweep (`mpirun -n 2 sovsim sweep`), at random points, N trials per kind.

Usage: mpi_faults.py SOVSIM SOURCE_DIR WORK_DIR MPIEXEC [--trials N] [--seed S]

The sweep is a Monte Carlo sweep of the Korea scenario (keep: bands). First, an uninterrupted
`mpirun -n 2` sweep must equal the local one-thread sweep value by value and byte for byte (the
Korea model across rank counts; tests/mpi does the same for Ishigami designs). Then, per kind:
  - SIGTERM to every process (mpirun and the ranks): what Slurm does at a time limit or on
    `scancel`; rank 0 stops handing out runs, keeps the completed ones in its journal, and says so;
  - SIGTERM to mpirun (`kill PID`), SIGINT to mpirun (Ctrl-C: the ranks are in process groups of
    their own): Open MPI's mpirun passes the signal on to every rank about a second later, and
    SIGKILLs them a second after that;
  - SIGKILL to every process (mpirun and the ranks): the node is lost;
  - SIGKILL to rank 1 only: a worker dies; Open MPI then aborts the whole job.
Delays are stratified over the uninterrupted sweep's wall time (faultlib.stratified_delays).
After each fault: every process of the job has ended (no orphaned rank goes on writing the
journal); the final path holds nothing or the complete file; no .partial file; then
`mpirun -n 2 ... --resume` (when the sweep did not finish) exits 0 and writes a file equal, byte
for byte, to the uninterrupted sweep, with no journal left behind.

Prints one line per trial and a table of outcomes per kind; exit 1 if any trial failed.
"""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from faultlib import (SANITIZER_MARKERS, Calibration, Outcomes, describe_rc, korea_monte_carlo, read_text, run,
                      sanitizer_report, stratified_delays, usage_args)
from h5compare import compare

MPI_ENV = {
    # As root in a sandbox without ssh (docs/sweeps.md, "MPI").
    "OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1", "OMPI_MCA_plm": "isolated",
    "OMPI_MCA_btl_vader_single_copy_mechanism": "none", "OMPI_MCA_rmaps_base_oversubscribe": "1",
}
KINDS = ["SIGTERM to every process", "SIGTERM to mpirun", "SIGINT to mpirun", "SIGKILL to every process",
         "SIGKILL to rank 1"]
# Open MPI 4.1 (Debian 12): a rank killed while the job starts (during the PMIx handshake) leaves
# mpirun hung after every rank has ended ("PMIX ERROR: UNREACHABLE"). That is the launcher's, not
# sovsim's; a scheduler's time limit ends it. The test then kills mpirun and checks the rest.
LAUNCHER_HANG = "mpirun hung after its ranks ended (Open MPI launcher; killed by the test)"
# Open MPI 4.1 (Debian 12): mpirun's SIGTERM/SIGINT handler lives in its ess_hnp plugin
# (mca_ess_hnp.so), which mpirun unloads while it shuts down, after every rank has ended, without
# restoring the handler. A signal arriving after that jumps to unmapped memory and mpirun dies of
# SIGSEGV (core: main -> opal_finalize -> mca_base_var_finalize, then a jump to the handler's
# offset in the unloaded plugin). Nothing of sovsim runs in mpirun, so the test counts this
# separately, as long as every other check passes.
LAUNCHER_CRASH = "mpirun crashed (SIGSEGV) in its own shutdown (Open MPI launcher)"
SLOW_RUN_SECONDS = 1.5  # one Korea run slower than this (sanitizers): 2 runs per rank, else 24


def start_job(cmd, cwd, tag):
    """Starts cmd in a session of its own (so the whole job can be signalled and waited for)."""
    out = open(Path(cwd) / f"{tag}.out", "wb")
    err = open(Path(cwd) / f"{tag}.err", "wb")
    try:
        return subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True, env={**os.environ, **MPI_ENV})
    finally:
        out.close()
        err.close()


def run_job(cmd, cwd, tag, timeout):
    """Runs cmd to the end; returns (exit code, stderr text, seconds)."""
    t0 = time.monotonic()
    proc = start_job(cmd, cwd, tag)
    try:
        rc = proc.wait(timeout=timeout)
    finally:
        signal_session(proc.pid)
    return rc, read_text(Path(cwd) / f"{tag}.err"), time.monotonic() - t0


def session_members(sid):
    """The pids of live processes in session `sid`."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields: state ppid pgrp session ...; a zombie has ended (its parent reaps it).
        if int(fields[3]) == sid and fields[0] != "Z":
            pids.append(int(entry))
    return pids


def signal_session(sid, sig=signal.SIGKILL):
    """Sends `sig` to every live process of session `sid`."""
    for pid in session_members(sid):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def rank_pid(mpirun_pid, rank):
    """The pid of MPI rank `rank` started by this mpirun, or None (not started yet, or gone)."""
    for pid in session_members(mpirun_pid):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"OMPI_COMM_WORLD_RANK={rank}".encode() in environ and pid != mpirun_pid:
            return pid
    return None


def wait_for_session_end(sid, seconds):
    """True when every process of the session has ended within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not session_members(sid):
            return True
        time.sleep(0.05)
    return not session_members(sid)


def inflict(kind, proc, delay, timeout):
    """Waits `delay`, then the fault. Returns (mpirun's exit code, launcher_hung): launcher_hung is
    True when every rank had ended but mpirun had not 10 s later (then the test kills it; see
    LAUNCHER_HANG). The exit code is None when mpirun had to be killed."""
    time.sleep(delay)
    if kind == "SIGTERM to every process":
        signal_session(proc.pid, signal.SIGTERM)
    elif kind == "SIGTERM to mpirun":
        proc.send_signal(signal.SIGTERM)
    elif kind == "SIGINT to mpirun":
        proc.send_signal(signal.SIGINT)
    elif kind == "SIGKILL to every process":
        signal_session(proc.pid, signal.SIGKILL)
    elif kind == "SIGKILL to rank 1":
        pid = rank_pid(proc.pid, 1)
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + timeout
    ranks_gone_since = None
    while time.monotonic() < deadline:
        rc = proc.poll()
        if rc is not None:
            return rc, False
        if [pid for pid in session_members(proc.pid) if pid != proc.pid]:
            ranks_gone_since = None
        elif ranks_gone_since is None:
            ranks_gone_since = time.monotonic()
        elif time.monotonic() - ranks_gone_since > 10:
            signal_session(proc.pid)
            proc.wait()
            return None, True
        time.sleep(0.05)
    signal_session(proc.pid)
    proc.wait()
    return None, False


def launcher_crashed(rc, err, mpirun_pid):
    """True when mpirun itself died of SIGSEGV and every crash line in stderr is Open MPI's report
    for mpirun's own pid ("[host:PID] Signal: Segmentation fault (11)"): LAUNCHER_CRASH. A rank's
    crash or sanitizer report names another pid, so it is never taken for one."""
    if rc != -signal.SIGSEGV:
        return False
    crash_lines = [line.strip() for line in err.splitlines() if any(m in line for m in SANITIZER_MARKERS)]
    return bool(crash_lines) and all(re.match(rf"\[[^\]:]+:{mpirun_pid}\] ", line) for line in crash_lines)


def same_bytes(a, b):
    return Path(a).read_bytes() == Path(b).read_bytes()


def main():
    sovsim, src, work, rest = usage_args(__doc__)
    parser = argparse.ArgumentParser()
    parser.add_argument("mpiexec")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20251123)
    a = parser.parse_args(rest)
    t_start = time.monotonic()
    rng = random.Random(a.seed)
    outcomes = Outcomes()

    # mpirun passes a SIGTERM or SIGINT on to the ranks about a second after it gets it, so the sweep
    # lasts a few seconds (24 runs per rank) for the signal to reach it mid-way; 2 per rank when
    # runs are slow (sanitizers).
    one_run, replications = korea_monte_carlo(sovsim, src, work, "MPI fault test sweep (Korea scenario, Monte Carlo)",
                                              11, 48, 4, SLOW_RUN_SECONDS)
    sweep = [sovsim, "sweep", "../in/mc.sweep.yaml", "-o", "out.h5"]
    mpi_sweep = [a.mpiexec, "-n", "2", "--oversubscribe", *sweep]
    job_timeout = max(120, 60 * one_run * replications)

    local = work / "local"
    local.mkdir()
    rc, err, _ = run([*sweep, "--jobs", "1"], local, "sweep")
    if rc != 0:
        sys.exit(f"FAIL: local sweep gave {describe_rc(rc)}:\n{err}")
    reference = local / "out.h5"
    timing = work / "timing"
    timing.mkdir()

    def measure():
        rc, err, seconds = run_job(mpi_sweep, timing, "sweep", job_timeout)
        if rc != 0:
            sys.exit(f"FAIL: uninterrupted MPI sweep gave {describe_rc(rc)}:\n{err}")
        differences = compare(reference, timing / "out.h5")
        if differences or not same_bytes(reference, timing / "out.h5"):
            sys.exit("FAIL: the MPI sweep (2 ranks) differs from the local one-thread sweep:\n  " +
                     "\n  ".join(differences or ["same values, different bytes"]))
        (timing / "out.h5").unlink()
        return seconds

    calibration = Calibration(measure)
    calibration.add(measure())
    calibration.add(measure())
    print(f"one run {one_run:.2f} s; MPI sweep of {replications} runs on 2 ranks: "
          f"{calibration.samples[0]:.2f} s and {calibration.samples[1]:.2f} s, equal to the local sweep", flush=True)

    for kind in KINDS:
        print(f"\n{kind}: {a.trials} trials, delays from 0 to ~{calibration.seconds() * 1.15:.2f} s", flush=True)
        for i, delay in stratified_delays(rng, a.trials, calibration):
            d = work / f"{kind.split()[0]}-{kind.split()[-1]}-{i:02d}"
            d.mkdir()
            final, journal, partial = d / "out.h5", d / "out.h5.journal", d / "out.h5.partial"
            proc = start_job(mpi_sweep, d, "sweep")
            rc, launcher_hung = inflict(kind, proc, delay, timeout=job_timeout)
            problems = []
            if not wait_for_session_end(proc.pid, 30):
                problems.append(f"processes of the job still alive 30 s after mpirun ended: "
                                f"{session_members(proc.pid)}")
                signal_session(proc.pid)
            err = read_text(d / "sweep.err")
            mpirun_crashed = launcher_crashed(rc, err, proc.pid)
            if sanitizer_report(err) and not mpirun_crashed:
                problems.append(f"sanitizer report or crash: {sanitizer_report(err)}")
            if rc is None and not (launcher_hung and kind == "SIGKILL to rank 1"):
                problems.append("the job did not end after the fault" +
                                (" (mpirun hung after its ranks ended)" if launcher_hung else ""))
            complete_after_fault = final.exists() and not journal.exists()
            if final.exists() and (compare(reference, final) or not same_bytes(reference, final)):
                problems.append("the file at the final path differs from the uninterrupted sweep")
            if rc == 0 and not final.exists():
                problems.append("exit 0 but no file at the final path")
            if final.exists() and journal.exists():
                problems.append("a final file and a journal after the fault")
            m = re.search(r"(\d+) of (\d+) runs done and kept in out\.h5\.journal", err)
            kept = int(m.group(1)) if m else None

            resumed = None
            if not complete_after_fault and not problems:
                rrc, rerr, _ = run_job([*mpi_sweep, "--resume"], d, "resume", job_timeout)
                m = re.search(r"resuming: (\d+) of (\d+) runs already done", rerr)
                resumed = int(m.group(1)) if m else 0
                if rrc != 0:
                    problems.append(f"--resume gave {describe_rc(rrc)}: {rerr[-400:]!r}")
                elif not final.exists():
                    problems.append("--resume exited 0 without a final file")
                elif compare(reference, final) or not same_bytes(reference, final):
                    problems.append("after --resume the file differs from the uninterrupted sweep")
                if sanitizer_report(rerr):
                    problems.append(f"--resume: sanitizer report or crash: {sanitizer_report(rerr)}")
                if kept is not None and resumed != kept:
                    problems.append(f"rank 0 said it kept {kept} runs, --resume found {resumed}")
            if journal.exists() and final.exists():
                problems.append("journal left behind after a complete sweep")
            if partial.exists():
                problems.append(".partial file left behind")

            if problems:
                outcome = "failed checks"
            elif complete_after_fault:
                outcome = "completed before the fault" if rc == 0 else "completed, then the job was ended"
            else:
                outcome = ("ended before any run was journaled" if resumed == 0 else
                           "ended with every run journaled" if resumed == replications else
                           "ended mid-sweep, completed runs kept") + "; resumed"
            if launcher_hung:
                outcome = f"{LAUNCHER_HANG}; {outcome}"
            if mpirun_crashed:
                outcome = f"{LAUNCHER_CRASH}; {outcome}"
            counts = (f", rank 0 kept {kept}" if kept is not None else "") + (
                f", resume found {resumed} of {replications}" if resumed is not None else "")
            print(f"  trial {i:2d}: delay {delay:5.2f} s, mpirun {describe_rc(rc)}{counts}: {outcome}", flush=True)
            for p in problems:
                outcomes.fail(kind, i, p)
            outcomes.add(kind, outcome, i)
            if problems:
                print(f"  (kept {d} for inspection)")
            else:
                shutil.rmtree(d)
    return outcomes.print_table(f"Outcomes ({a.trials} trials per kind, seed {a.seed}, "
                                f"{time.monotonic() - t_start:.0f} s):")


if __name__ == "__main__":
    sys.exit(main())
