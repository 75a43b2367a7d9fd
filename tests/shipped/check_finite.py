"""No NaN or infinity in any numeric variable of a sovsim file, except where the variable
declares a NaN _FillValue (a milestone never reached, a statistic with no data).

Usage: check_finite.py FILE.h5
"""
import sys

import h5py
import numpy as np


def main(path):
    problems = []
    checked = 0

    def visit(name, obj):
        nonlocal checked
        if not isinstance(obj, h5py.Dataset) or obj.dtype.kind not in "fiu":
            return
        values = obj[()]
        checked += 1
        bad = ~np.isfinite(values) if obj.dtype.kind == "f" else np.zeros(np.shape(values), bool)
        fill = obj.attrs.get("_FillValue")
        if fill is not None and np.isnan(np.asarray(fill, dtype=float)).all():
            bad &= ~np.isnan(values)
        if np.any(bad):
            problems.append(f"{name}: {int(np.sum(bad))} values are NaN or infinite")

    with h5py.File(path, "r") as f:
        f.visititems(visit)
    if checked == 0:
        problems.append("no numeric variable found")
    for p in problems:
        print(f"{path}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
