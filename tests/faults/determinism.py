"""Determinism: the same inputs and seed give the same dataset contents, value by value.

1. `sovsim run scenarios/korea-2025.yaml` twice, and a variant (scenarios/hvdc-late.yaml with
   --seed 7 and a --set override) twice: every dataset (values, dtype, shape, dims) and every
   attribute equal. The two runs of a pair are started from two folders with the same command
   line, so `command_line` and `scenario_file` must be equal too; only `creation_time` differs,
   and `history` after its leading timestamp is equal.
2. A rollout sweep of the Korea scenario (2 design points x 2 replications, keep: series, so
   every run's full series is in the file) with --jobs 1 and --jobs 2: equal value by value and
   byte for byte (sweep files carry no timestamp; docs/sweeps.md).
3. `sovsim run korea-2025.yaml --replications 3` with --jobs 1 and --jobs 2: equal.
4. Controls, so that the comparisons are not vacuous: another seed gives different values, and
   the comparison sees a changed attribute.

Usage: determinism.py SOVSIM SOURCE_DIR WORK_DIR
(MPI rank counts, shards and Ishigami sweeps are compared in tests/mpi and tests/sweep.)
"""
import filecmp
import re
import sys

import h5py

from faultlib import copy_korea, run, usage_args
from h5compare import compare, count_values

# Root attributes that differ between two runs of the same command by design: the creation time
# (and the same timestamp at the start of `history`). Everything else must be equal, including
# sovsim_version, sovsim_git_revision and command_line (same binary, same command line).
LEGITIMATELY_DIFFERENT = ["creation_time"]
NORMALISE = {"history": lambda v: re.sub(rb"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ", b"", bytes(v))}

failures = []


def check(label, problems):
    if problems:
        failures.append(label)
        print(f"FAIL: {label}")
        for p in problems[:20]:
            print(f"    {p}")
    else:
        print(f"ok: {label}")
    sys.stdout.flush()


def must_run(cmd, cwd, tag):
    rc, err, seconds = run(cmd, cwd, tag)
    if rc != 0:
        print(err)
        sys.exit(f"FAIL: {' '.join(map(str, cmd))} gave exit {rc}")
    return seconds


def main():
    sovsim, src, work, _ = usage_args(__doc__)
    scenarios = src / "scenarios"

    # The root attributes a run file has (printed so that the log shows what was compared).
    runs = {
        "korea-2025": [str(scenarios / "korea-2025.yaml")],
        "hvdc-late variant": [str(scenarios / "hvdc-late.yaml"), "--seed", "7",
                              "--set", "zones.capital.headroom=50 MW"],
    }
    for label, args in runs.items():
        files = []
        for copy in ("first", "second"):
            folder = work / label.replace(" ", "-") / copy
            folder.mkdir(parents=True)
            seconds = must_run([sovsim, "run", *args, "-o", "out.h5", "-q"], folder, "run")
            files.append(folder / "out.h5")
            print(f"{label}: {copy} run {seconds:.2f} s")
        with h5py.File(files[0], "r") as f:
            names = list(f.attrs.keys())
        print(f"{label}: root attributes: {' '.join(names)}")
        for name in LEGITIMATELY_DIFFERENT + list(NORMALISE):
            if name not in names:
                failures.append(f"{label}: expected root attribute {name} is missing")
        problems = compare(files[0], files[1], LEGITIMATELY_DIFFERENT, NORMALISE)
        check(f"{label}: run twice, {count_values(files[0])} values and {len(names)} root attributes "
              f"equal (creation_time excepted)", problems)

    # Controls: another seed changes values; a changed attribute is seen.
    control = work / "control"
    control.mkdir()
    must_run([sovsim, "run", str(scenarios / "korea-2025.yaml"), "--seed", "2", "-o", "seed2.h5", "-q"],
             control, "seed2")
    base = work / "korea-2025" / "first" / "out.h5"
    differences = compare(base, control / "seed2.h5", LEGITIMATELY_DIFFERENT + ["history", "command_line"])
    value_diffs = [p for p in differences if p.endswith("values differ")]
    check("control: seed 2 differs from seed 1 in values (the comparison is not vacuous)",
          [] if value_diffs and any("attribute seed" in p for p in differences)
          else ["no value differences found between seeds 1 and 2"])
    print(f"    ({len(value_diffs)} datasets differ between seeds 1 and 2)")
    check("control: creation_time is compared when not skipped",
          [] if any("creation_time" in p for p in compare(base, control / "seed2.h5")) or
          _same_second(base, control / "seed2.h5") else ["creation_time difference not reported"])

    # A rollout sweep with --jobs 1 and --jobs 2.
    folder = work / "sweep"
    copy_korea(src, folder)
    (folder / "det.sweep.yaml").write_text(
        "title: determinism across --jobs (Korea scenario)\n"
        "base: korea-2025.yaml\n"
        "seed: 3\n"
        "replications: 2\n"
        "design: {type: explicit, points: [{zones.capital.headroom: 50 MW}, {zones.capital.headroom: 150 MW}]}\n"
        "parameters:\n"
        "  - key: zones.capital.headroom\n"
        "keep: series\n")
    sweeps = {}
    for jobs in (1, 2):
        seconds = must_run([sovsim, "sweep", "det.sweep.yaml", "-o", f"jobs{jobs}.h5", "--jobs", str(jobs), "-q"],
                           folder, f"jobs{jobs}")
        sweeps[jobs] = folder / f"jobs{jobs}.h5"
        print(f"sweep --jobs {jobs}: {seconds:.2f} s")
    with h5py.File(sweeps[1], "r") as f:
        runs_in_file = f["run"].shape[0]
    check(f"rollout sweep ({runs_in_file} runs, keep: series): --jobs 1 and --jobs 2 equal value by value "
          f"({count_values(sweeps[1])} values)", compare(sweeps[1], sweeps[2]))
    check("rollout sweep: --jobs 1 and --jobs 2 byte-identical",
          [] if filecmp.cmp(sweeps[1], sweeps[2], shallow=False) else ["files differ in bytes"])

    # run --replications (a sweep written in memory) with --jobs 1 and --jobs 2.
    reps = {}
    for jobs in (1, 2):
        must_run([sovsim, "run", "korea-2025.yaml", "--replications", "3", "--jobs", str(jobs), "-o",
                  f"reps{jobs}.h5", "-q"], folder, f"reps{jobs}")
        reps[jobs] = folder / f"reps{jobs}.h5"
    check(f"run --replications 3: --jobs 1 and --jobs 2 equal value by value ({count_values(reps[1])} values)",
          compare(reps[1], reps[2]))

    if failures:
        print(f"\n{len(failures)} determinism check(s) failed: " + "; ".join(failures))
        return 1
    print("\ndeterminism: OK")
    return 0


def _same_second(a, b):
    with h5py.File(a, "r") as fa, h5py.File(b, "r") as fb:
        return fa.attrs["creation_time"] == fb.attrs["creation_time"]


if __name__ == "__main__":
    sys.exit(main())
