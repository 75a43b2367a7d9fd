"""The sample run written by write_sample_file (tests/output/sample_run.h restated), and the
shared checks of the reader tests. Change both files together."""

import importlib
import shutil
import sys

EPOCH = "2025-11-01"
SITES = ["Seoul", "Gwangju-광주", "Ulsan"]
ZONES = ["north", "south"]
# name, dims after time, units, long_name
SERIES = [
    ("total", (), "1", "GPUs in the country"),
    ("gpus", ("site",), "1", "GPUs installed"),
    ("power", ("site", "zone"), "MW", "power drawn"),
    ("state", ("site",), "1", "site state"),
]
STATICS = {"headline": ((), [1.25], "GW"), "capacity": (("site",), [100.0, 250.5, 40.0], "MW")}
ROOT_ATTRIBUTES = {
    "Conventions": "CF-1.10",
    "format_version": "1.0",
    "title": "sovsim output test",
    "random_seed": 42,
    "discount_rate": 0.035,
    "scenario": "name: test\nsites:\n  - Gwangju-광주\n",
    "empty": "",
}
AXIS_LABELS = {"site": SITES, "zone": ZONES}


def require(module, debian_package):
    """Imports a module or exits non-zero naming the Debian package that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        sys.exit(f"FAIL: cannot import {module} ({error}); install it with: apt-get install {debian_package}"
                 f" and run this test with /usr/bin/python3, not a pyenv/venv python")


def require_program(program, debian_package):
    path = shutil.which(program)
    if path is None:
        sys.exit(f"FAIL: {program} not found on PATH; install it with: apt-get install {debian_package}")
    return path


np = require("numpy", "python3-numpy")


def expected_values(series_index, rows):
    """Element k of series s at row r is 1000 s + r + k/8; power (s=2) at row 2, element 1 is NaN."""
    _, dims, _, _ = SERIES[series_index]
    shape = (rows,) + tuple(len(AXIS_LABELS[d]) for d in dims)
    extent = int(np.prod(shape[1:], dtype=int))
    flat = 1000.0 * series_index + np.arange(rows)[:, None] + np.arange(extent)[None, :] / 8.0
    if series_index == 2 and rows > 2:
        flat[2, 1] = np.nan
    return flat.reshape(shape)


def expected_times(rows):
    return np.datetime64(EPOCH, "ns") + np.arange(rows) * np.timedelta64(1, "D")


class Checks:
    """Collects every mismatch so one run reports them all, then fails loudly."""

    def __init__(self, name):
        self.name = name
        self.failures = []

    def equal(self, what, got, expected):
        """Exact equality; NaN equals NaN; a string must be str (not bytes), an int an integer."""
        if isinstance(expected, np.ndarray):
            got = np.asarray(got)
            ok = got.shape == expected.shape and np.array_equal(got, expected, equal_nan=expected.dtype.kind == "f")
        elif isinstance(expected, str):
            ok = isinstance(got, str) and got == expected
        elif isinstance(expected, int):
            ok = isinstance(got, (int, np.integer)) and got == expected
        elif isinstance(expected, float):
            ok = isinstance(got, (float, np.floating)) and got == expected
        else:
            ok = got == expected
        if not ok:
            self.failures.append(f"{what}: got {got!r}, expected {expected!r}")

    def true(self, what, condition):
        if not condition:
            self.failures.append(what)

    def finish(self):
        if self.failures:
            print(f"FAIL {self.name}: {len(self.failures)} mismatches", file=sys.stderr)
            for failure in self.failures:
                print("  " + failure, file=sys.stderr)
            sys.exit(1)
        print(f"OK {self.name}")


def file_argument():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} FILE.h5")
    return sys.argv[1]
