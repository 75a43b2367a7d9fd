"""Compares two sweep files' contents: every dataset (values, NaN equal to NaN), its
dimensions and attributes, and the root attributes. Usage: compare_sweeps.py A.h5 B.h5
Exit 0 when equal; otherwise prints the first differences and exits 1."""
import sys

try:
    import h5py
    import numpy as np
except ImportError as e:  # pragma: no cover
    sys.exit(f"{e}: install Debian's python3-h5py and run with /usr/bin/python3")

IGNORED_ATTRIBUTES = {"DIMENSION_LIST", "REFERENCE_LIST"}  # object references differ by address


def attrs(obj):
    out = {}
    for k, v in obj.attrs.items():
        if k in IGNORED_ATTRIBUTES:
            continue
        out[k] = repr(v.tolist() if hasattr(v, "tolist") else v)  # repr: NaN equals NaN
    return out


def same(x, y):
    if x.dtype.kind == "f":
        return x.shape == y.shape and np.array_equal(x, y, equal_nan=True)
    return x.shape == y.shape and np.array_equal(x, y)


def main(a_path, b_path):
    problems = []
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        ra, rb = attrs(a), attrs(b)
        for k in sorted(set(ra) | set(rb)):
            if ra.get(k) != rb.get(k):
                problems.append(f"root attribute {k}: {ra.get(k)!r:.80} != {rb.get(k)!r:.80}")
        if list(a.keys()) != list(b.keys()):
            problems.append(f"datasets differ: {list(a.keys())} != {list(b.keys())}")
        for name in a.keys():
            if name not in b:
                continue
            x, y = a[name], b[name]
            if not same(x[()], y[()]):
                problems.append(f"{name}: values differ")
            if attrs(x) != attrs(y):
                problems.append(f"{name}: attributes differ")
            dims_a = [d[0].name if len(d) else None for d in x.dims]
            dims_b = [d[0].name if len(d) else None for d in y.dims]
            if dims_a != dims_b:
                problems.append(f"{name}: dims {dims_a} != {dims_b}")
    for p in problems[:20]:
        print(f"{a_path} vs {b_path}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
