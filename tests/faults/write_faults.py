"""Faults while writing: a missing or read-only output directory, and a file-size limit.

Usage: write_faults.py SOVSIM SOURCE_DIR WORK_DIR dirs|fsize|diskfull [--trials N] [--seed S]

dirs  - For `sovsim run`, `sovsim sweep` and `sovsim run --replications`: an output path in a
        missing directory, and in a read-only directory. Each must exit non-zero, say why on
        stderr ("does not exist", "permission denied"), and create nothing (the missing directory
        stays missing, the read-only one stays empty).
        Read-only as root: root writes into a mode 0555 directory anyway (CAP_DAC_OVERRIDE), so
        as root the command runs as user `nobody` through `setpriv --reuid=nobody --regid=nogroup
        --clear-groups` in a directory owned by nobody with mode 0555; a control run in the same
        directory with mode 0755 must succeed, which shows that the mode, not the user switch, is
        what stops the write. Without setpriv or a `nobody` user the case is skipped with a note.
fsize - RLIMIT_FSIZE (what `ulimit -f` sets), with SIGXFSZ at its default disposition (the
        program must ignore it itself so that the write fails with EFBIG instead of the process
        being killed). N trials with a limit drawn log-uniformly (fixed seed) between 1 KiB and
        1.1 x the output's size, so the limit is hit at different points (file creation, a
        flush, the final write, the close), for `sovsim run` of the Korea scenario, and N trials
        for a Korea sweep (limits from 256 bytes, hitting the journal or the final file). Each
        must exit 1 with a message naming the cause ("File too large", EFBIG or the file-size
        limit), leave no file at the final path and no .partial file (unless the limit was not
        reached: exit 0 and a complete file). A sweep keeps its journal; `--resume` without the
        limit then completes it, equal to an uninterrupted sweep.
diskfull - A full disk (ENOSPC): the output directory is a tmpfs of N KiB, mounted in a private
        mount namespace (`unshare --mount`, with `--user --map-root-user` when not root), N drawn
        log-uniformly between 16 KiB and 1.1 x the output's size, for N trials of `sovsim run`
        and N of `sovsim sweep`. The same checks as fsize, with "No space left on device" as the
        message; for a sweep, the tmpfs is then enlarged (remount) and `--resume` must complete
        it, equal to an uninterrupted sweep. Where no tmpfs can be mounted (a container without
        the capability), the test says so and exits 77 (ctest: skipped).
"""
import argparse
import math
import os
import pwd
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from faultlib import Outcomes, copy_korea, describe_rc, run, sanitizer_report, usage_args
from h5compare import compare, run_file_complete

EFBIG_MESSAGE = re.compile(r"File too large|EFBIG|file.size limit", re.IGNORECASE)
ENOSPC_MESSAGE = re.compile(r"No space left on device|ENOSPC", re.IGNORECASE)
SKIPPED = 77  # ctest's SKIP_RETURN_CODE


def listing(path):
    return sorted(p.name for p in Path(path).iterdir()) if Path(path).exists() else None


def dirs_case(sovsim, src, work, outcomes):
    inputs = work / "in"
    copy_korea(src, inputs)
    (inputs / "hl.sweep.yaml").write_text("base: korea-2025.yaml\nseed: 5\nreplications: 2\nkeep: headline\n")
    commands = {
        "run": [sovsim, "run", str(inputs / "korea-2025.yaml"), "-q", "-o"],
        "sweep": [sovsim, "sweep", str(inputs / "hl.sweep.yaml"), "--jobs", "2", "-q", "-o"],
        "run --replications": [sovsim, "run", str(inputs / "korea-2025.yaml"), "--replications", "2", "-q", "-o"],
    }

    # Missing directory.
    for label, cmd in commands.items():
        kind = f"missing output directory, {label}"
        d = work / f"missing-{label.replace(' ', '').replace('-', '')}"
        d.mkdir()
        rc, err, _ = run(cmd + ["nowhere/out.h5"], d, "cmd")
        problems = []
        if sanitizer_report(err):
            problems.append(f"sanitizer report or crash: {sanitizer_report(err)}")
        if rc == 0:
            problems.append("exit 0")
        if not re.search(r"does not exist|No such file or directory", err):
            problems.append(f"message does not say the directory is missing: {err!r}")
        if (d / "nowhere").exists():
            problems.append("the missing directory was created")
        print(f"{kind}: {describe_rc(rc)}; stderr: {err.strip()!r}")
        for p in problems:
            outcomes.fail(kind, 0, p)
        outcomes.add(kind, f"refused ({describe_rc(rc)})" + ("" if problems else ", nothing created"))

    # Read-only directory.
    as_root = os.geteuid() == 0
    prefix = []
    if as_root:
        setpriv = shutil.which("setpriv")
        try:
            nobody = pwd.getpwnam("nobody")
        except KeyError:
            nobody = None
        if not setpriv or not nobody:
            print("NOTE: read-only directory case SKIPPED: running as root (chmod does not stop root) and "
                  "setpriv or user nobody is missing")
            return
        prefix = [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
        print(f"read-only directory: running as root, so each command runs as nobody via: {' '.join(prefix)}")
    for label, cmd in commands.items():
        kind = f"read-only output directory, {label}"
        d = work / f"readonly-{label.replace(' ', '').replace('-', '')}"
        d.mkdir()
        if as_root:
            os.chown(d, nobody.pw_uid, nobody.pw_gid)
        # Control: writable, as the same user, succeeds.
        os.chmod(d, 0o755)
        rc, err, _ = run(prefix + cmd + [str(d / "control.h5")], work, f"control-{d.name}")
        if rc != 0 or not (d / "control.h5").exists():
            print(f"NOTE: read-only case for {label} SKIPPED: the control run in the writable directory "
                  f"failed ({describe_rc(rc)}): {err.strip()!r}")
            outcomes.add(kind, "skipped (control run failed)")
            continue
        (d / "control.h5").unlink()
        os.chmod(d, 0o555)
        if not as_root:
            try:
                (d / "probe").touch()
                (d / "probe").unlink()
                print(f"NOTE: read-only case for {label} SKIPPED: mode 0555 does not stop this user's writes")
                outcomes.add(kind, "skipped (mode 0555 not enforced)")
                continue
            except PermissionError:
                pass
        rc, err, _ = run(prefix + cmd + [str(d / "out.h5")], work, f"cmd-{d.name}")
        os.chmod(d, 0o755)
        problems = []
        if sanitizer_report(err):
            problems.append(f"sanitizer report or crash: {sanitizer_report(err)}")
        if rc == 0:
            problems.append("exit 0")
        if not re.search(r"permission denied", err, re.IGNORECASE):
            problems.append(f"message does not say permission denied: {err!r}")
        if listing(d):
            problems.append(f"files created: {listing(d)}")
        print(f"{kind}: {describe_rc(rc)}; stderr: {err.strip()!r}")
        for p in problems:
            outcomes.fail(kind, 0, p)
        outcomes.add(kind, f"refused ({describe_rc(rc)})" + ("" if problems else ", nothing created"))


def check_final_file(reference, final, completed, problems):
    """A file at the final path must equal the reference; a completed command must have left one."""
    if final.exists():
        diffs = compare(reference, final)
        if diffs:
            problems.append(f"the final file differs from the one written without the fault: {diffs[:3]}")
    elif completed:
        problems.append("no final file after the command completed")


def failing_step(message):
    """'cannot flush' from "sovsim run: error: cannot flush 'out.h5.partial' (H5C...)"."""
    text = re.sub(r"^sovsim \w+: (error: )?", "", message)
    return re.split(r" '| \(|: ", text)[0][:50] or "(no message)"


def log_uniform(rng, low, high):
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def fsize_case(sovsim, src, work, trials, seed, outcomes):
    rng = random.Random(seed)
    inputs = work / "in"
    copy_korea(src, inputs)
    (inputs / "hl.sweep.yaml").write_text(
        "title: file-size limit test\nbase: korea-2025.yaml\nseed: 5\nreplications: 4\nkeep: headline\n")

    # Runs.
    run_cmd = [sovsim, "run", "../in/korea-2025.yaml", "-o", "out.h5"]
    ref = work / "run-reference"
    ref.mkdir()
    rc, err, seconds = run(run_cmd, ref, "run")
    if rc != 0:
        sys.exit(f"FAIL: uninterrupted run: {describe_rc(rc)}: {err}")
    size = os.path.getsize(ref / "out.h5")
    print(f"uninterrupted run: {seconds:.2f} s, {size} bytes; limits from 1 KiB to {int(size * 1.1)} bytes")
    kind = "file-size limit during a run"
    for i in range(trials):
        limit = log_uniform(rng, 1024, size * 1.1)
        d = work / f"run-{i:02d}"
        d.mkdir()
        rc, err, _ = run(run_cmd, d, "run", fsize=limit)
        problems = []
        if sanitizer_report(err):
            problems.append(f"sanitizer report or crash: {sanitizer_report(err)}")
        first = err.strip().splitlines()[0] if err.strip() else ""
        where = failing_step(first)
        if rc == 0:
            outcome = "limit not reached: complete file"
            # This run's own size: the number of flushes, and so the file's size, depends on how
            # fast the run goes (freed space is not reused; docs/output-format.md).
            written = os.path.getsize(d / "out.h5") if (d / "out.h5").exists() else 0
            if written > limit:
                problems.append(f"exit 0 although the output ({written} bytes) exceeds the limit")
            if run_file_complete(d / "out.h5"):
                problems.append(f"exit 0 with an incomplete file: {run_file_complete(d / 'out.h5')}")
        else:
            outcome = f"{describe_rc(rc)} at '{where}'"
            if rc != 1:
                problems.append(f"{describe_rc(rc)}, expected exit 1; stderr: {err.strip()[-300:]!r}")
            if not EFBIG_MESSAGE.search(err):
                problems.append(f"the message does not name the file-size limit: {err!r}")
            if (d / "out.h5").exists():
                problems.append("a file at the final path")
        if (d / "out.h5.partial").exists():
            problems.append(".partial file left")
        extra = [x for x in listing(d) if x not in ("run.out", "run.err", "out.h5")]
        if extra:
            problems.append(f"stray files: {extra}")
        print(f"  trial {i:2d}: limit {limit:8d} bytes: {describe_rc(rc)}: {first[:150]}", flush=True)
        for p in problems:
            outcomes.fail(kind, i, p)
        outcomes.add(kind, outcome, i)
        if not problems:
            shutil.rmtree(d)

    # Sweeps: the journal and the final file are both subject to the limit.
    sweep_cmd = [sovsim, "sweep", "../in/hl.sweep.yaml", "-o", "out.h5", "--jobs", "2"]
    ref = work / "sweep-reference"
    ref.mkdir()
    rc, err, seconds = run(sweep_cmd, ref, "sweep")
    if rc != 0:
        sys.exit(f"FAIL: uninterrupted sweep: {describe_rc(rc)}: {err}")
    size = os.path.getsize(ref / "out.h5")
    print(f"\nuninterrupted sweep: {seconds:.2f} s, {size} bytes; limits from 256 bytes to {int(size * 1.1)} bytes")
    kind = "file-size limit during a sweep"
    for i in range(trials):
        limit = log_uniform(rng, 256, size * 1.1)
        d = work / f"sweep-{i:02d}"
        d.mkdir()
        rc, err, _ = run(sweep_cmd, d, "sweep", fsize=limit)
        problems = []
        if sanitizer_report(err):
            problems.append(f"sanitizer report or crash: {sanitizer_report(err)}")
        first = next((l for l in err.splitlines() if "error" in l), err.strip().splitlines()[0] if err.strip() else "")
        where = failing_step(first)
        resumed = None
        if rc == 0:
            outcome = "limit not reached: complete file"
            if size > limit:
                problems.append(f"exit 0 although the output ({size} bytes) exceeds the limit")
        else:
            outcome = f"{describe_rc(rc)} at '{where}'"
            if rc != 1:
                problems.append(f"{describe_rc(rc)}, expected exit 1; stderr: {err.strip()[-300:]!r}")
            if not EFBIG_MESSAGE.search(err):
                problems.append(f"the message does not name the file-size limit: {err!r}")
            if (d / "out.h5").exists():
                problems.append("a file at the final path")
            if (d / "out.h5.partial").exists():
                problems.append(".partial file left")
            rrc, rerr, _ = run(sweep_cmd + ["--resume"], d, "resume")
            m = re.search(r"resuming: (\d+) of", rerr)
            resumed = int(m.group(1)) if m else 0
            if rrc != 0:
                problems.append(f"--resume without the limit: {describe_rc(rrc)}: {rerr!r}")
            if sanitizer_report(rerr):
                problems.append(f"--resume: sanitizer report or crash: {sanitizer_report(rerr)}")
        check_final_file(ref / "out.h5", d / "out.h5", rc == 0 or resumed is not None, problems)
        if (d / "out.h5.journal").exists():
            problems.append("journal left after the sweep completed")
        extra = [x for x in listing(d) if x not in ("sweep.out", "sweep.err", "resume.out", "resume.err", "out.h5")]
        if extra:
            problems.append(f"stray files: {extra}")
        print(f"  trial {i:2d}: limit {limit:8d} bytes: {describe_rc(rc)}"
              f"{'' if resumed is None else f', resume found {resumed} runs done'}: {first[:150]}", flush=True)
        for p in problems:
            outcomes.fail(kind, i, p)
        outcomes.add(kind, outcome + ("" if resumed is None else ", resumed"), i)
        if not problems:
            shutil.rmtree(d)


def unshare_prefix():
    """The command prefix that gives a child a private mount namespace in which it may mount."""
    return ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--user", "--map-root-user", "--mount"]


def can_mount_tmpfs(work):
    probe = work / "mount-probe"
    probe.mkdir(exist_ok=True)
    p = subprocess.run(unshare_prefix() + ["sh", "-c", f"mount -t tmpfs -o size=64k tmpfs '{probe}'"],
                       capture_output=True, text=True)
    return p.returncode == 0, (p.stderr or p.stdout).strip()


# Runs in the private namespace: mount a tmpfs of $1 bytes on $2, run the command (the rest) in
# it, keep its exit code, listing and final file in $3 (outside the tmpfs, which vanishes with
# the namespace). With RESUME_SIZE set, enlarge the tmpfs and run the command again with
# --resume (a sweep's journal is on the full disk).
IN_NAMESPACE = r"""
set -u
size=$1 mnt=$2 keep=$3; shift 3
mount -t tmpfs -o "size=$size" tmpfs "$mnt" || exit 90
cd "$mnt"
"$@" > "$keep/cmd.out" 2> "$keep/cmd.err"; echo $? > "$keep/cmd.rc"
ls -A > "$keep/listing.after-fault"
if [ -n "${RESUME_SIZE:-}" ] && [ ! -e out.h5 ]; then
  mount -o "remount,size=$RESUME_SIZE" "$mnt" || exit 91
  "$@" --resume > "$keep/resume.out" 2> "$keep/resume.err"; echo $? > "$keep/resume.rc"
fi
ls -A > "$keep/listing"
if [ -e out.h5 ]; then cp out.h5 "$keep/out.h5"; fi
exit 0
"""


def on_full_disk(cmd, size, d, resume_size=None):
    """Runs cmd (writing out.h5 in its working directory) on a tmpfs of `size` bytes. Returns
    (rc, stderr, listing after the fault, resume rc or None, resume stderr, final listing)."""
    mnt = d / "mnt"
    mnt.mkdir()
    env = dict(os.environ)
    if resume_size:
        env["RESUME_SIZE"] = str(resume_size)
    p = subprocess.run(unshare_prefix() + ["sh", "-c", IN_NAMESPACE, "sh", str(size), str(mnt), str(d), *cmd],
                       env=env, capture_output=True, text=True, timeout=1800)
    if p.returncode != 0:
        sys.exit(f"FAIL: the tmpfs script failed ({p.returncode}): {p.stderr}")
    mnt.rmdir()

    def text(name):
        return (d / name).read_text(errors="replace") if (d / name).exists() else ""

    resume_rc = int(text("resume.rc")) if text("resume.rc") else None
    return (int(text("cmd.rc")), text("cmd.err"), text("listing.after-fault").split(), resume_rc,
            text("resume.err"), text("listing").split())


def diskfull_case(sovsim, src, work, trials, seed, outcomes):
    ok, why = can_mount_tmpfs(work)
    if not ok:
        print(f"SKIPPED: cannot mount a tmpfs in a private mount namespace here: {why}")
        return SKIPPED
    rng = random.Random(seed)
    inputs = work / "in"
    copy_korea(src, inputs)
    for keep in ("headline", "bands"):
        (inputs / f"{keep}.sweep.yaml").write_text(
            f"title: disk-full test\nbase: korea-2025.yaml\nseed: 5\nreplications: 4\nkeep: {keep}\n")
    # With headline indicators the final file is the larger write; with bands (the runs' series
    # are journaled) the journal is.
    cases = [("run", [sovsim, "run", str(inputs / "korea-2025.yaml"), "-o", "out.h5"], None)] + [
        (f"sweep (keep: {keep})", [sovsim, "sweep", str(inputs / f"{keep}.sweep.yaml"), "-o", "out.h5", "--jobs", "2"],
         64 << 20) for keep in ("headline", "bands")]
    for label, cmd, resume_size in cases:
        tag = re.sub(r"\W+", "-", label).strip("-")
        ref = work / f"{tag}-reference"
        ref.mkdir()
        rc, err, seconds = run(cmd, ref, "cmd")
        if rc != 0:
            sys.exit(f"FAIL: {label} on an ample disk: {describe_rc(rc)}: {err}")
        size = os.path.getsize(ref / "out.h5")
        print(f"\n{label} on an ample disk: {seconds:.2f} s, {size} bytes; tmpfs sizes from 16 KiB to "
              f"{int(size * 1.1)} bytes", flush=True)
        kind = f"disk full during a {label}"
        for i in range(trials):
            fs_size = log_uniform(rng, 16 << 10, size * 1.1)
            d = work / f"full-{tag}-{i:02d}"
            d.mkdir()
            rc, err, after_fault, rrc, rerr, final_listing = on_full_disk(cmd, fs_size, d, resume_size)
            problems = []
            for e in (err, rerr):
                if sanitizer_report(e):
                    problems.append(f"sanitizer report or crash: {sanitizer_report(e)}")
            first = next((l for l in err.splitlines() if "error" in l), err.strip().splitlines()[0] if err.strip() else "")
            if rc == 0:
                outcome = "space sufficed: complete file"
                if "out.h5" not in after_fault:
                    problems.append("exit 0 but no file at the final path")
            else:
                outcome = f"{describe_rc(rc)} at '{failing_step(first)}'"
                if rc != 1:
                    problems.append(f"{describe_rc(rc)}, expected exit 1; stderr: {err.strip()[-300:]!r}")
                if not ENOSPC_MESSAGE.search(err):
                    problems.append(f"the message does not say the disk is full: {err!r}")
                if "out.h5" in after_fault:
                    problems.append("a file at the final path after the failure")
                if "out.h5.partial" in after_fault:
                    problems.append(".partial file left")
                if label == "run" and after_fault:
                    problems.append(f"files left after the failed run: {after_fault}")
                if label.startswith("sweep"):
                    outcome += ", resumed"
                    if rrc != 0:
                        problems.append(f"--resume with space: {describe_rc(rrc)}: {rerr[-300:]!r}")
            check_final_file(ref / "out.h5", d / "out.h5", rc == 0 or rrc is not None, problems)
            if [x for x in final_listing if x != "out.h5"]:
                problems.append(f"files left beside the final file: {final_listing}")
            print(f"  trial {i:2d}: tmpfs {fs_size:8d} bytes: {describe_rc(rc)}"
                  f"{'' if rrc is None else f', --resume {describe_rc(rrc)}'}: {first[:150]}", flush=True)
            for p in problems:
                outcomes.fail(kind, i, p)
            outcomes.add(kind, outcome, i)
            if not problems:
                shutil.rmtree(d)
    return 0


def main():
    sovsim, src, work, rest = usage_args(__doc__)
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=["dirs", "fsize", "diskfull"])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20251031)
    a = parser.parse_args(rest)
    outcomes = Outcomes()
    t0 = time.monotonic()
    if a.case == "dirs":
        os.chmod(work, 0o755)
        dirs_case(sovsim, src, work, outcomes)
    elif a.case == "fsize":
        fsize_case(sovsim, src, work, a.trials, a.seed, outcomes)
    elif diskfull_case(sovsim, src, work, a.trials, a.seed, outcomes) == SKIPPED:
        return SKIPPED
    return outcomes.print_table(f"Outcomes ({time.monotonic() - t0:.0f} s):")


if __name__ == "__main__":
    sys.exit(main())
