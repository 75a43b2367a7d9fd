#!/usr/bin/python3
"""Compares run files written under different time zones (tz_invariance.sh): every dataset value
by value (NaN equal to NaN), every attribute of every dataset and of the root, except the
wall-clock creation_time and history, which must be UTC ("...Z") and close to the current UTC
time. The time coordinate must start at the scenario's start, 00:00 UTC, in every file.

    compare_tz.py REFERENCE.h5 OTHER.h5...
"""

import datetime
import re
import sys

import h5py
import numpy as np

WALL_CLOCK = {"creation_time", "history"}


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None)
    return out


def same_values(a, b):
    if a.dtype.kind == "f":
        return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    return a.shape == b.shape and np.array_equal(a, b)


def same_attrs(a, b, skip=()):
    keys = set(a.keys()) | set(b.keys())
    bad = []
    for k in sorted(keys - set(skip)):
        if k not in a or k not in b:
            bad.append(k)
            continue
        x, y = np.asarray(a[k]), np.asarray(b[k])
        if x.dtype.kind in "OSU" or y.dtype.kind in "OSU":
            if text(a[k]) != text(b[k]):
                bad.append(k)
        elif not same_values(x, y):
            bad.append(k)
    return bad


def check_wall_clock(f, name):
    created = text(f.attrs["creation_time"])
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", created):
        sys.exit(f"FAIL: {name}: creation_time {created!r} is not an ISO UTC time")
    when = datetime.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    skew = abs((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds())
    if skew > 600:  # a local time written as UTC would be hours off (Seoul +9 h, Los Angeles -8 h)
        sys.exit(f"FAIL: {name}: creation_time {created} is {skew:.0f} s from the current UTC time")
    if not text(f.attrs["history"]).startswith(created + " "):
        sys.exit(f"FAIL: {name}: history does not start with creation_time")


def check_time(f, name):
    t = f["time"]
    units = text(t.attrs["units"])
    if units != "days since 2026-01-01 00:00:00":
        sys.exit(f"FAIL: {name}: time units {units!r}")
    if text(t.attrs["calendar"]) != "proleptic_gregorian":
        sys.exit(f"FAIL: {name}: time calendar {text(t.attrs['calendar'])!r}")
    values = t[...]
    if values[0] != 0 or not np.all(np.diff(values) == 1.0) or values[-1] != 730:
        sys.exit(f"FAIL: {name}: time is not 0, 1, ..., 730 days")


def main():
    files = sys.argv[1:]
    if len(files) < 2:
        sys.exit(__doc__)
    with h5py.File(files[0], "r") as ref:
        check_wall_clock(ref, files[0])
        check_time(ref, files[0])
        ref_sets = datasets(ref)
        for other_name in files[1:]:
            with h5py.File(other_name, "r") as other:
                check_wall_clock(other, other_name)
                check_time(other, other_name)
                other_sets = datasets(other)
                if set(ref_sets) != set(other_sets):
                    sys.exit(f"FAIL: {other_name}: datasets differ: {sorted(set(ref_sets) ^ set(other_sets))}")
                for name, d in ref_sets.items():
                    o = other_sets[name]
                    if d.dtype != o.dtype or not same_values(d[...], o[...]):
                        sys.exit(f"FAIL: {other_name}: dataset {name} differs from {files[0]}")
                    bad = same_attrs(d.attrs, o.attrs, skip={"DIMENSION_LIST", "REFERENCE_LIST"})
                    if bad:
                        sys.exit(f"FAIL: {other_name}: attributes {bad} of {name} differ")
                bad = same_attrs(ref.attrs, other.attrs, skip=WALL_CLOCK)
                if bad:
                    sys.exit(f"FAIL: {other_name}: root attributes {bad} differ")
    try:  # the time coordinate as a reader decodes it (CF dates), when xarray is there
        import xarray as xr
    except ImportError:
        xr = None
    if xr is not None:
        decoded = []
        for name in files:
            with xr.open_dataset(name) as ds:
                decoded.append(ds["time"].values.copy())
        first, last = str(decoded[0][0]), str(decoded[0][-1])
        if first != "2026-01-01T00:00:00.000000000" or last != "2028-01-01T00:00:00.000000000":
            sys.exit(f"FAIL: decoded time runs {decoded[0][0]} .. {decoded[0][-1]}")
        for name, d in zip(files[1:], decoded[1:]):
            if not np.array_equal(d, decoded[0]):
                sys.exit(f"FAIL: {name}: decoded time differs")
    print(f"{len(files)} files: {len(ref_sets)} datasets and their attributes identical; creation_time in UTC"
          + ("; decoded time identical" if xr is not None else "; xarray not found, decoded time not checked"))


if __name__ == "__main__":
    main()
