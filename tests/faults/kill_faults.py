"""Signals at random points during a run or a sweep: SIGKILL, SIGINT and SIGTERM, 20 trials each.

Usage: kill_faults.py SOVSIM SOURCE_DIR WORK_DIR run|sweep|salvage [--trials N] [--seed S]

Delays are stratified random points: trial i of n waits T * 1.15 * (i + u) / n after starting
the process, u uniform in [0, 1) from a generator with a fixed seed, T the wall time of an
uninterrupted run (or sweep) of the same command on this machine: the median of the last three
measurements, re-measured every 5 trials, so that a slow (sanitizer) build or a loaded machine
gets proportionally longer delays and every phase is hit: start-up, simulation and output, the
final write and rename, and (the last ~13 %) after the process has finished.

run: `sovsim run` of the Korea scenario, with a finer sample_interval if needed so that one run
lasts at least ~0.8 s. Every other trial starts with an older complete file (another seed) at the
final path, which must stay untouched unless the new run completes. After each signal:
  - the final path holds nothing, the untouched older file, or a complete, readable file whose
    values equal those of an uninterrupted run (same command);
  - SIGINT/SIGTERM: exit 130/143 with "interrupted by signal N" on stderr and no .partial file
    left; or, before the handler is installed (start-up) or after it is removed (exit), death by
    the signal, with no file, resp. with the complete file;
  - SIGKILL: a .partial file may be left (its salvage is reported, and checked by `salvage`);
  - no other file appears.
sweep: `sovsim sweep --jobs 2` of a Monte Carlo sweep of the Korea scenario (keep: bands). After
each signal the final path is absent or complete; then `--resume` must complete the sweep,
report as already done exactly the runs the interrupted sweep said it kept (SIGINT/SIGTERM), and
give a file equal value by value and byte for byte to an uninterrupted sweep, with no journal
or .partial file left behind.
salvage: SIGKILL at 40-90 % of a run of at least 2.5 s with 2-hourly or finer samples (after the
first flush, as the writer flushes where chunks end, every 1,024 rows at most, at most once a
second; the target fails if no kill came after a flush): the
.partial file must open and its rows below rows_complete must equal the uninterrupted run's
(docs/output-format.md, "Salvaging a killed run").

Prints one line per trial and a table of outcomes per fault kind; exit 1 if any trial failed.
"""
import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np

from faultlib import (SIGNALS, Calibration, Outcomes, copy_korea, describe_rc, korea_monte_carlo, read_text, run,
                      sanitizer_report, signal_and_wait, start, stratified_delays, usage_args)
from h5compare import compare, run_file_complete

SKIP = ["creation_time"]
NORMALISE = {"history": lambda v: re.sub(rb"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ", b"", bytes(v))}
MIN_RUN_SECONDS = 0.8  # a run shorter than this gets a finer sample_interval
RUN_CONFIGS = [[], ["--set", "sample_interval=6 hours"], ["--set", "sample_interval=2 hours"],
               ["--set", "sample_interval=1 hour"]]
SALVAGE_RUN_SECONDS = 2.5  # salvage: long enough for a flush (at most one a second) well before 40 %
# From 2-hourly samples up (31,000+ rows): the writer flushes only where chunks end (every 1,024
# rows at most), so a daily run's 2,619 rows have just two places to flush and a kill at 40 % can
# come before the first.
SALVAGE_CONFIGS = [["--set", "sample_interval=2 hours"], ["--set", "sample_interval=1 hour"],
                   ["--set", "sample_interval=0.5 hours"]]
SLOW_RUN_SECONDS = 1.5  # one Korea run slower than this (sanitizers): a sweep of 4 runs, else 6


def file_identity(path):
    st = os.stat(path)
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def salvage(partial, reference):
    """(outcome, problem, note) for a .partial file left by SIGKILL, read in a child process: a
    file killed mid-write can be inconsistent enough to crash the HDF5 library that reads it
    (seen once, 2026-12-05: the test process died of SIGSEGV, most likely while reading one), and
    that must be reported as this trial's outcome, not end the whole test. The reader's verdict:
    salvage_in_this_process."""
    try:
        child = subprocess.run([sys.executable, __file__, "--salvage-one", str(partial), str(reference)],
                               capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return "salvage: reading hung", "reading the .partial file did not finish in 600 s", ""
    if child.returncode != 0:
        return ("salvage: reading crashed the reader",
                f"reading the .partial file ended the reader with {describe_rc(child.returncode)}: "
                f"{child.stderr[-300:]!r}", "")
    got = json.loads(child.stdout)
    return got["outcome"], got["problem"], got["note"]


def salvage_in_this_process(partial, reference):
    """(outcome, problem, note) for a .partial file left by SIGKILL. A file killed before its
    first flush need not be readable; once rows_complete > 0 is on disk, docs/output-format.md
    promises that the rows below it are readable and right ("Salvaging a killed run")."""
    note = ""
    with contextlib.suppress(Exception), h5py.File(partial, "r") as f:
        note = f" (rows_complete {int(f.attrs['rows_complete'])}, time has {f['time'].shape[0]} rows)"
    outcome, problem = _salvage(partial, reference)
    return outcome, problem, note


def _salvage(partial, reference):
    try:
        f = h5py.File(partial, "r")
    except Exception:  # noqa: BLE001
        return ".partial left, does not open (killed before its first flush)", None
    with f:
        try:
            rows = int(f.attrs["rows_complete"])
        except Exception:  # noqa: BLE001
            return ".partial left, opens, rows_complete unreadable (killed before its first flush)", None
        try:
            series = [n for n in f if n != "time" and f[n].ndim > 0 and len(f[n].dims[0]) and
                      f[n].dims[0][0].name == "/time"]
            data = {name: f[name][:rows] for name in ["time"] + series}
        except Exception as e:  # noqa: BLE001
            if rows == 0:
                return ".partial left, rows_complete = 0, data unreadable (before its first flush)", None
            return "salvage: data unreadable", f"salvaged .partial: rows_complete = {rows} but the data cannot be read: {e}"
    with h5py.File(reference, "r") as ref:
        wrong = []
        for name, got in data.items():
            want = ref[name][:rows]
            if not np.array_equal(got, want, equal_nan=True):
                bad = np.unique(np.argwhere(~((got == want) | (np.isnan(got) & np.isnan(want))))[:, 0])
                wrong.append(f"{name} rows {bad.min()}..{bad.max()} (chunks of {ref[name].chunks[0]} rows)")
        if wrong:
            return "salvage: rows below rows_complete wrong", (
                f"salvaged .partial: rows below rows_complete = {rows} differ from the uninterrupted run in "
                f"{len(wrong)} variables: " + "; ".join(wrong[:4]))
    if rows == 0:
        return ".partial left, readable, rows_complete = 0", None
    return ".partial left, readable, rows below rows_complete right", None


def run_trials(sovsim, src, work, trials, seed, outcomes):
    scn = work / "scn"
    copy_korea(src, scn)
    scenario = "../scn/korea-2025.yaml"
    rng = random.Random(seed)

    # Pick a configuration that runs at least MIN_RUN_SECONDS; its output is the reference.
    for config in RUN_CONFIGS:
        ref_dir = work / "reference"
        shutil.rmtree(ref_dir, ignore_errors=True)
        ref_dir.mkdir()
        rc, err, seconds = run([sovsim, "run", scenario, *config, "-o", "out.h5"], ref_dir, "run")
        if rc != 0:
            sys.exit(f"FAIL: uninterrupted run gave {describe_rc(rc)}:\n{err}")
        print(f"uninterrupted run {' '.join(config) or '(scenario as is)'}: {seconds:.2f} s, "
              f"{os.path.getsize(ref_dir / 'out.h5')} bytes", flush=True)
        if seconds >= MIN_RUN_SECONDS:
            break
    reference = ref_dir / "out.h5"

    def measure():
        rc, err, t = run([sovsim, "run", scenario, *config, "-o", "timing.h5", "-q"], ref_dir, "timing")
        if rc != 0:
            sys.exit(f"FAIL: uninterrupted run gave {describe_rc(rc)}:\n{err}")
        return t

    calibration = Calibration(measure)
    calibration.add(seconds)
    calibration.add(measure())  # a warm run too: the first may include a cold start
    print(f"second uninterrupted run: {calibration.samples[-1]:.2f} s", flush=True)
    old_dir = work / "old"
    old_dir.mkdir()
    rc, err, _ = run([sovsim, "run", scenario, "--seed", "99", "-o", "old.h5", "-q"], old_dir, "run")
    if rc != 0:
        sys.exit(f"FAIL: run for the older file gave {describe_rc(rc)}:\n{err}")

    for name, sig in SIGNALS.items():
        kind = f"{name} during a run"
        print(f"\n{kind}: {trials} trials, delays from 0 to ~{calibration.seconds() * 1.15:.2f} s", flush=True)
        for i, delay in stratified_delays(rng, trials, calibration):
            d = work / f"run-{name}-{i:02d}"
            d.mkdir()
            final, partial = d / "out.h5", d / "out.h5.partial"
            with_old = i % 2 == 1
            if with_old:
                os.link(old_dir / "old.h5", final)
                old_identity = file_identity(final)
            proc = start([sovsim, "run", scenario, *config, "-o", "out.h5"], d, "run")
            rc = signal_and_wait(proc, sig, delay, timeout=max(120, 30 * calibration.seconds()))
            err = read_text(d / "run.err")
            problems = []
            outcome = None
            if sanitizer_report(err):
                problems.append(f"sanitizer report or crash: {sanitizer_report(err)}")

            final_state = "absent"
            if final.exists():
                if with_old and file_identity(final) == old_identity:
                    final_state = "old"
                else:
                    reason = run_file_complete(final)
                    if reason:
                        problems.append(f"incomplete file at the final path: {reason}")
                    else:
                        diffs = compare(reference, final, SKIP, NORMALISE)
                        if diffs:
                            problems.append(f"final file differs from the uninterrupted run: {diffs[:3]}")
                    final_state = "new"
            if final_state == "new" and rc not in (0, -sig):
                problems.append(f"{describe_rc(rc)} but the final path holds a new file")
            if with_old and final_state == "absent":
                problems.append("the older file at the final path was removed")
            extra = sorted(p.name for p in d.iterdir())
            extra = [x for x in extra if x not in ("run.out", "run.err", "out.h5", "out.h5.partial")]
            if extra:
                problems.append(f"stray files: {extra}")

            if rc == 0:
                outcome = "completed before the signal"
                if final_state != "new":
                    problems.append("exit 0 but no new complete file at the final path")
                if partial.exists():
                    problems.append("exit 0 but a .partial file is left")
            elif final_state == "new" and rc == -sig:
                # The run completed and renamed its file, then the signal killed it on its way out
                # (for SIGINT/SIGTERM: after the handler was removed at the end of the command).
                outcome = "completed (file complete), then killed by the signal while exiting"
                if partial.exists():
                    problems.append("a .partial file is left beside the complete file")
            elif sig == signal.SIGKILL and rc == -signal.SIGKILL:
                if partial.exists():
                    # Not the final path: reported here, made a failure by the `salvage` target.
                    outcome, problem, _ = salvage(partial, reference)
                    if problem:
                        print(f"  note: {problem[:200]}")
                        outcome += " (see faults.salvage_partial)"
                else:
                    outcome = "killed before the output was created"
            elif sig != signal.SIGKILL and rc == 128 + sig:
                outcome = "stopped cleanly mid-run"
                if f"interrupted by signal {int(sig)}" not in err:
                    problems.append(f"exit {rc} without the 'interrupted by signal {int(sig)}' message: {err!r}")
                if partial.exists():
                    problems.append("a .partial file is left after a clean stop")
            elif sig != signal.SIGKILL and rc == -sig:
                outcome = "killed by the signal at start-up, before its handler was installed"
                if partial.exists():
                    problems.append("a .partial file is left by a start-up kill")
            else:
                problems.append(f"unexpected {describe_rc(rc)}; stderr: {err[-400:]!r}")

            label = f"{outcome}" + ("" if not with_old else f" (older file {'kept' if final_state == 'old' else 'replaced'})")
            print(f"  trial {i:2d}: delay {delay:5.2f} s, {describe_rc(rc)}, final path {final_state}: {label}",
                  flush=True)
            for p in problems:
                outcomes.fail(kind, i, p)
            outcomes.add(kind, outcome, i)
            if problems:
                print(f"  (kept {d} for inspection)")
            else:
                shutil.rmtree(d)


def sweep_trials(sovsim, src, work, trials, seed, outcomes):
    rng = random.Random(seed + 1)
    # 6 runs on 2 threads: three rounds, so that many random points fall between two rounds;
    # 4 (two rounds) when runs are slow (sanitizers).
    one_run, replications = korea_monte_carlo(sovsim, src, work, "fault test sweep (Korea scenario, Monte Carlo)",
                                              5, 6, 4, SLOW_RUN_SECONDS)
    sweep = ["sweep", "../in/mc.sweep.yaml", "-o", "out.h5", "--jobs", "2"]
    ref_dir = work / "reference"
    ref_dir.mkdir()
    rc, err, duration = run([sovsim, *sweep], ref_dir, "sweep")
    if rc != 0:
        sys.exit(f"FAIL: uninterrupted sweep gave {describe_rc(rc)}:\n{err}")
    reference = ref_dir / "out.h5"
    timing = work / "timing"
    timing.mkdir()

    def measure():
        rc, err, t = run([sovsim, *sweep], timing, "sweep")
        if rc != 0 or compare(reference, timing / "out.h5"):
            sys.exit(f"FAIL: uninterrupted sweep gave {describe_rc(rc)} or another file:\n{err}")
        (timing / "out.h5").unlink()
        return t

    calibration = Calibration(measure)
    calibration.add(duration)
    calibration.add(measure())
    print(f"one run {one_run:.2f} s; uninterrupted sweep of {replications} runs with --jobs 2: {duration:.2f} s, "
          f"again {calibration.samples[-1]:.2f} s", flush=True)

    for name, sig in SIGNALS.items():
        kind = f"{name} during a sweep"
        print(f"\n{kind}: {trials} trials, delays from 0 to ~{calibration.seconds() * 1.15:.2f} s", flush=True)
        for i, delay in stratified_delays(rng, trials, calibration):
            d = work / f"sweep-{name}-{i:02d}"
            d.mkdir()
            final, journal, partial = d / "out.h5", d / "out.h5.journal", d / "out.h5.partial"
            proc = start([sovsim, *sweep], d, "sweep")
            rc = signal_and_wait(proc, sig, delay, timeout=max(120, 30 * calibration.seconds()))
            err = read_text(d / "sweep.err")
            problems = []
            outcome = None
            kept = None
            if sanitizer_report(err):
                problems.append(f"sanitizer report or crash: {sanitizer_report(err)}")

            def check_final(when):
                if not final.exists():
                    return
                if compare(reference, final):
                    problems.append(f"{when}: the file at the final path differs from the uninterrupted sweep")
                elif not _same_bytes(reference, final):
                    problems.append(f"{when}: final file equal in values but not in bytes")

            check_final("after the signal")
            if rc == 0:
                outcome = "completed before the signal"
                if not final.exists():
                    problems.append("exit 0 but no file at the final path")
            elif sig == signal.SIGKILL and rc == -signal.SIGKILL:
                outcome = "killed"
            elif sig != signal.SIGKILL and rc == 128 + sig:
                m = re.search(r"(\d+) of (\d+) runs done and kept in out\.h5\.journal; run the same command with "
                              r"--resume", err)
                if f"interrupted by signal {int(sig)}" not in err or not m:
                    problems.append(f"exit {rc} without the expected messages: {err!r}")
                else:
                    kept = int(m.group(1))
                outcome = "stopped cleanly"
                if final.exists():
                    problems.append("a final file after an interrupted sweep")
            elif rc == -sig and final.exists():
                outcome = "completed (file complete), then killed by the signal while exiting"
            elif sig != signal.SIGKILL and rc == -sig:
                outcome = "killed by the signal at start-up, before its handler was installed"
            else:
                problems.append(f"unexpected {describe_rc(rc)}; stderr: {err[-400:]!r}")

            resumed = None
            if rc != 0 and not problems:
                rrc, rerr, _ = run([sovsim, *sweep, "--resume"], d, "resume", timeout=max(300, 30 * calibration.seconds()))
                m = re.search(r"resuming: (\d+) of (\d+) runs already done", rerr)
                resumed = int(m.group(1)) if m else 0
                if rrc != 0:
                    problems.append(f"--resume gave {describe_rc(rrc)}: {rerr[-400:]!r}")
                if sanitizer_report(rerr):
                    problems.append(f"--resume: sanitizer report or crash: {sanitizer_report(rerr)}")
                elif not final.exists():
                    problems.append("--resume exited 0 without a final file")
                else:
                    check_final("after --resume")
                if kept is not None and resumed != kept:
                    problems.append(f"the sweep said it kept {kept} runs, --resume found {resumed}")
                if outcome == "killed":
                    if resumed == 0:
                        outcome = "killed before any run was journaled"
                    elif resumed == replications:
                        outcome = "killed with every run journaled (while writing the file)"
                    else:
                        outcome = "killed mid-sweep, completed runs kept"
                elif outcome == "stopped cleanly":
                    outcome += ", no run finished yet" if kept == 0 else (
                        ", every run done" if kept == replications else ", completed runs kept")
            if journal.exists() and (rc == 0 or resumed is not None):
                problems.append("journal left behind after a complete sweep")
            if partial.exists():
                problems.append(".partial file left behind after a complete sweep")
            expected = {"sweep.out", "sweep.err", "resume.out", "resume.err", "out.h5"}
            extra = [p.name for p in d.iterdir() if p.name not in expected]
            if extra:
                problems.append(f"stray files: {sorted(extra)}")

            counts = (f", {kept} kept" if kept is not None else "") + (
                f", resume found {resumed} of {replications}" if resumed is not None else "")
            print(f"  trial {i:2d}: delay {delay:5.2f} s, {describe_rc(rc)}{counts}: {outcome}", flush=True)
            for p in problems:
                outcomes.fail(kind, i, p)
            outcomes.add(kind, outcome, i)
            if problems:
                print(f"  (kept {d} for inspection)")
            else:
                shutil.rmtree(d)


def salvage_trials(sovsim, src, work, trials, seed, outcomes):
    """SIGKILL late in a long run (after its first flush, at 40-90 % of its duration): the
    .partial file left behind must be readable and hold, below rows_complete, exactly the values
    of an uninterrupted run (docs/output-format.md, "Salvaging a killed run")."""
    scn = work / "scn"
    copy_korea(src, scn)
    rng = random.Random(seed + 2)
    ref_dir = work / "reference"
    # The first configuration lasting SALVAGE_RUN_SECONDS: the writer flushes at most once a second,
    # so a kill at 40 % of the run comes after the first flush.
    for config in SALVAGE_CONFIGS:
        cmd = [sovsim, "run", "../scn/korea-2025.yaml", *config, "-o", "out.h5", "-q"]
        shutil.rmtree(ref_dir, ignore_errors=True)
        ref_dir.mkdir()
        rc, err, seconds = run(cmd, ref_dir, "run")
        if rc != 0:
            sys.exit(f"FAIL: uninterrupted run gave {describe_rc(rc)}:\n{err}")
        if seconds >= SALVAGE_RUN_SECONDS:
            break
    reference = ref_dir / "out.h5"
    timing = work / "timing"
    timing.mkdir()

    def measure():
        rc, err, t = run(cmd, timing, "run")
        if rc != 0:
            sys.exit(f"FAIL: uninterrupted run gave {describe_rc(rc)}:\n{err}")
        return t

    calibration = Calibration(measure)
    calibration.add(seconds)
    calibration.add(measure())
    print(f"uninterrupted run {' '.join(config) or '(scenario as is)'}: {seconds:.2f} s, "
          f"again {calibration.samples[-1]:.2f} s, "
          f"{os.path.getsize(reference)} bytes", flush=True)
    kind = "SIGKILL late in a run (salvaging the .partial file)"
    print(f"\n{kind}: {trials} trials", flush=True)
    after_a_flush = 0
    for i in range(trials):
        delay = calibration.before_trial() * rng.uniform(0.4, 0.9)
        d = work / f"salvage-{i:02d}"
        d.mkdir()
        proc = start(cmd, d, "run")
        rc = signal_and_wait(proc, signal.SIGKILL, delay, timeout=max(120, 30 * calibration.seconds()))
        problems = []
        partial, final = d / "out.h5.partial", d / "out.h5"
        rows_note = ""
        if rc == 0 or final.exists():
            outcome = "completed before the signal"
            reason = run_file_complete(final)
            if reason:
                problems.append(f"incomplete file at the final path: {reason}")
        elif partial.exists():
            outcome, problem, rows_note = salvage(partial, reference)
            if problem:
                problems.append(problem)
        else:
            outcome = "no .partial file"
            problems.append("killed mid-run without a .partial file")
        print(f"  trial {i:2d}: delay {delay:5.2f} s, {describe_rc(rc)}: {outcome}{rows_note}", flush=True)
        for p in problems:
            outcomes.fail(kind, i, p)
        outcomes.add(kind, outcome, i)
        if problems:
            print(f"  (kept {d} for inspection)")
        else:
            shutil.rmtree(d)
        if "rows_complete = 0" not in outcome and "before its first flush" not in outcome:
            after_a_flush += 1
    # A kill before the first flush leaves rows_complete = 0 and checks only that the file opens;
    # the promise is about the rows below a positive rows_complete, so some kill must land there.
    if trials > 0 and after_a_flush == 0:
        outcomes.fail(kind, trials - 1, f"none of the {trials} kills came after a flush (rows_complete > 0): "
                      "the check of the rows below rows_complete never ran; the runs are too short")


def _same_bytes(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--salvage-one":  # salvage()'s child process
        outcome, problem, note = salvage_in_this_process(sys.argv[2], sys.argv[3])
        print(json.dumps({"outcome": outcome, "problem": problem, "note": note}))
        return 0
    sovsim, src, work, rest = usage_args(__doc__)
    parser = argparse.ArgumentParser()
    parser.add_argument("target", choices=["run", "sweep", "salvage"])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20251031)
    a = parser.parse_args(rest)
    outcomes = Outcomes()
    t0 = time.monotonic()
    trials = {"run": run_trials, "sweep": sweep_trials, "salvage": salvage_trials}[a.target]
    trials(sovsim, src, work, a.trials, a.seed, outcomes)
    code = outcomes.print_table(f"Outcomes ({a.trials} trials per signal, seed {a.seed}, "
                                f"{time.monotonic() - t0:.0f} s):")
    return code


if __name__ == "__main__":
    sys.exit(main())
