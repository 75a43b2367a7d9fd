"""Helpers shared by the fault and determinism tests: the binary under test, running it with
files for stdout/stderr, timing, and the outcome table."""
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import OrderedDict
from pathlib import Path

SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM}


def usage_args(doc):
    """SOVSIM SOURCE_DIR WORK_DIR [extra...] from argv; the work dir is emptied."""
    if len(sys.argv) < 4:
        sys.exit(doc)
    sovsim, src, work = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    # Test this one binary throughout, even if the build tree is relinked meanwhile.
    local = work / "sovsim"
    shutil.copy2(sovsim, local)
    return str(local), src, work, sys.argv[4:]


def copy_korea(src, folder):
    """The Korea scenario and its schedules in `folder` (a sweep's base must sit beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / "scenarios" / "korea-2025.yaml", folder / "korea-2025.yaml")
    shutil.copytree(src / "scenarios" / "schedules", folder / "schedules", dirs_exist_ok=True)
    return folder / "korea-2025.yaml"


def _child_setup(fsize=None):
    def setup():
        # A child of a non-interactive shell may inherit SIGINT ignored; start from the defaults.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if fsize is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return setup


def start(cmd, cwd, tag, fsize=None):
    """Starts cmd with stdout/stderr to cwd/tag.out/.err; returns the Popen."""
    out = open(Path(cwd) / f"{tag}.out", "wb")
    err = open(Path(cwd) / f"{tag}.err", "wb")
    try:
        return subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                preexec_fn=_child_setup(fsize))
    finally:
        out.close()
        err.close()


def run(cmd, cwd, tag, fsize=None, timeout=1800):
    """Runs cmd to the end; returns (exit code, stderr text, seconds). Under a file-size limit the
    output goes through pipes (a limit applies to files, so a long message written to a file
    would itself hit it) and is saved to the tag files afterwards."""
    t0 = time.monotonic()
    if fsize is not None:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL,
                           preexec_fn=_child_setup(fsize), timeout=timeout)
        (Path(cwd) / f"{tag}.out").write_bytes(p.stdout)
        (Path(cwd) / f"{tag}.err").write_bytes(p.stderr)
        return p.returncode, p.stderr.decode(errors="replace"), time.monotonic() - t0
    p = start(cmd, cwd, tag, fsize)
    try:
        rc = p.wait(timeout=timeout)
    except BaseException:
        p.kill()
        p.wait()
        raise
    return rc, read_text(Path(cwd) / f"{tag}.err"), time.monotonic() - t0


def read_text(path):
    try:
        return Path(path).read_text(errors="replace")
    except FileNotFoundError:
        return ""


def describe_rc(rc):
    if rc is None:
        return "running"
    if rc < 0:
        try:
            return f"killed by {signal.Signals(-rc).name}"
        except ValueError:
            return f"killed by signal {-rc}"
    return f"exit {rc}"


class Outcomes:
    """One outcome per trial, counted per fault kind, and the failures; prints the table."""

    def __init__(self):
        self.kinds = OrderedDict()
        self.failed = set()
        self.failures = []

    def fail(self, kind, trial, message):
        """Records a failed check of a trial (call before add())."""
        self.failed.add((kind, trial))
        self.failures.append(f"{kind}, trial {trial}: {message}")
        print(f"  FAILURE: {message}", flush=True)

    def add(self, kind, outcome, trial=0):
        """Counts the trial's outcome; a trial with failed checks is counted as FAILED."""
        counts = self.kinds.setdefault(kind, OrderedDict())
        key = (outcome, (kind, trial) in self.failed)
        counts[key] = counts.get(key, 0) + 1

    def print_table(self, title):
        print(f"\n{title}")
        for kind, counts in self.kinds.items():
            n = sum(counts.values())
            failed = sum(v for (_, bad), v in counts.items() if bad)
            parts = "; ".join(f"{v} {o}{' [FAILED]' if bad else ''}" for (o, bad), v in counts.items())
            print(f"  {kind}: {n} trials, {failed} failed: {parts}")
        for f in self.failures:
            print(f"FAIL: {f}")
        sys.stdout.flush()
        return 1 if self.failures else 0


SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "Segmentation fault")


def sanitizer_report(err):
    """The first line of a sanitizer report (or a crash) in stderr, else None. Under ASan a
    segmentation fault exits 1, so the exit code alone does not show it."""
    for line in err.splitlines():
        if any(m in line for m in SANITIZER_MARKERS):
            return line.strip()[:200]
    return None


class Calibration:
    """The wall time of one uninterrupted run (or sweep), re-measured every `every` trials so that
    the delays follow the machine's load (other tests, other users): the median of the last three
    measurements."""

    def __init__(self, measure, every=5):
        self.measure, self.every, self.samples, self.trials = measure, every, [], 0

    def add(self, seconds):
        self.samples.append(seconds)

    def seconds(self):
        return statistics.median(self.samples[-3:])

    def before_trial(self):
        if self.trials and self.trials % self.every == 0:
            self.samples.append(self.measure())
            print(f"  (re-measured: {self.samples[-1]:.2f} s; delays now scaled to {self.seconds():.2f} s)",
                  flush=True)
        self.trials += 1
        return self.seconds()


def stratified_delays(rng, n, calibration):
    """Trial i's delay, T * 1.15 * (i + u_i) / n with T measured just before the trial."""
    offsets = [rng.random() for _ in range(n)]
    for i in range(n):
        yield i, calibration.before_trial() * 1.15 * (i + offsets[i]) / n


def signal_and_wait(proc, sig, delay, timeout):
    time.sleep(delay)
    proc.send_signal(sig)  # the child is not reaped before wait(), so its pid cannot be reused
    try:
        return proc.wait(timeout=timeout)
    except BaseException:
        proc.kill()
        proc.wait()
        raise


def korea_monte_carlo(sovsim, src, work, title, seed, replications, slow_replications, slow_run_seconds=1.5):
    """Copies the Korea scenario to work/in, times one run of it (in work/probe) and writes
    work/in/mc.sweep.yaml, a Monte Carlo sweep (keep: bands) of `replications` runs, or of
    `slow_replications` when one run takes longer than `slow_run_seconds` (sanitizer builds).
    Returns (seconds of one run, replications)."""
    inputs = work / "in"
    copy_korea(src, inputs)
    probe = work / "probe"
    probe.mkdir()
    rc, err, one_run = run([sovsim, "run", "../in/korea-2025.yaml", "-o", "one.h5", "-q"], probe, "run")
    if rc != 0:
        sys.exit(f"FAIL: probe run gave {describe_rc(rc)}:\n{err}")
    n = replications if one_run < slow_run_seconds else slow_replications
    (inputs / "mc.sweep.yaml").write_text(
        f"title: {title}\nbase: korea-2025.yaml\nseed: {seed}\nreplications: {n}\nkeep: bands\n")
    return one_run, n
