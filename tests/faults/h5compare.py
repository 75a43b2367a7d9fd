"""Value-by-value comparison of two sovsim HDF5 files (runs or sweeps), and completeness checks.

compare(a, b, skip_attributes=..., normalise=...) -> list of differences (empty when equal):
every object in the file (groups recursively, datasets), in link order; for each dataset its
dtype, shape, every value (NaN equal to NaN, strings byte for byte) and its dimension names;
every attribute of the root group and of every object, in creation order, by type and value.
Attributes in `skip_attributes` are left out; `normalise` maps an attribute name to a function
applied to both values before comparing (e.g. strip a timestamp).

DIMENSION_LIST and REFERENCE_LIST hold object references (addresses), which differ between
files with equal contents; the dimension names they resolve to are compared instead.

Usage as a script: h5compare.py A.h5 B.h5 [--skip NAME ...]  (exit 0 when equal).
"""
import sys

try:
    import h5py
    import numpy as np
except ImportError as e:  # pragma: no cover
    sys.exit(f"{e}: install Debian's python3-h5py and run with /usr/bin/python3")

REFERENCE_ATTRIBUTES = {"DIMENSION_LIST", "REFERENCE_LIST"}


def _same_value(x, y):
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape:
        return False
    if x.dtype.kind == "f" and y.dtype.kind == "f":
        return np.array_equal(x, y, equal_nan=True)
    if x.dtype.kind == "O" or y.dtype.kind == "O":  # variable-length strings
        return [v for v in x.ravel()] == [v for v in y.ravel()]
    return np.array_equal(x, y)


def _type_name(v):
    return str(np.asarray(v).dtype) if not isinstance(v, (bytes, str)) else type(v).__name__


def _attributes(obj, skip):
    return [(k, obj.attrs[k]) for k in obj.attrs.keys() if k not in skip and k not in REFERENCE_ATTRIBUTES]


def _dims(dataset):
    return [[scale.name for scale in dim.values()] for dim in dataset.dims]


def _compare_attributes(where, a, b, skip, normalise, problems):
    aa, ba = _attributes(a, skip), _attributes(b, skip)
    if [k for k, _ in aa] != [k for k, _ in ba]:
        problems.append(f"{where}: attribute names/order differ: {[k for k, _ in aa]} != {[k for k, _ in ba]}")
    bmap = dict(ba)
    for k, va in aa:
        if k not in bmap:
            continue
        vb = bmap[k]
        if k in normalise:
            va, vb = normalise[k](va), normalise[k](vb)
        if _type_name(va) != _type_name(vb) or not _same_value(va, vb):
            problems.append(f"{where}: attribute {k}: {str(va)[:80]!r} != {str(vb)[:80]!r}")


def compare(a_path, b_path, skip_attributes=(), normalise=None):
    """Differences between two files, [] when equal (see the module docstring)."""
    skip = set(skip_attributes)
    normalise = normalise or {}
    problems = []
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        _compare_attributes("/", a, b, skip, normalise, problems)

        def walk(ga, gb):
            if list(ga.keys()) != list(gb.keys()):
                problems.append(f"{ga.name}: members differ: {list(ga.keys())} != {list(gb.keys())}")
            for name in ga.keys():
                if name not in gb:
                    continue
                x, y = ga[name], gb[name]
                if isinstance(x, h5py.Group) != isinstance(y, h5py.Group):
                    problems.append(f"{x.name}: group in one file, dataset in the other")
                    continue
                if isinstance(x, h5py.Group):
                    _compare_attributes(x.name, x, y, skip, normalise, problems)
                    walk(x, y)
                    continue
                if x.dtype != y.dtype:
                    problems.append(f"{x.name}: dtype {x.dtype} != {y.dtype}")
                if x.shape != y.shape:
                    problems.append(f"{x.name}: shape {x.shape} != {y.shape}")
                elif not _same_value(x[()], y[()]):
                    problems.append(f"{x.name}: values differ")
                if _dims(x) != _dims(y):
                    problems.append(f"{x.name}: dims {_dims(x)} != {_dims(y)}")
                _compare_attributes(x.name, x, y, skip, normalise, problems)

        walk(a, b)
    return problems


def count_values(path):
    """Number of dataset elements in a file (to show that a comparison was not vacuous)."""
    sizes = []
    with h5py.File(path, "r") as f:
        f.visititems(lambda _, o: sizes.append(o.size) if isinstance(o, h5py.Dataset) else None)
    return sum(sizes)


def run_file_complete(path):
    """None when `path` is a complete, fully readable run file, else the reason it is not."""
    try:
        with h5py.File(path, "r") as f:
            if "rows_complete" not in f.attrs:
                return "no rows_complete attribute"
            rows = int(f.attrs["rows_complete"])
            if "time" not in f or f["time"].shape[0] != rows:
                return f"rows_complete {rows} != length of time {f['time'].shape if 'time' in f else None}"
            for name in f:
                f[name][()]  # every value readable
    except Exception as e:  # noqa: BLE001 - any failure to read is the finding
        return f"unreadable: {e}"
    return None


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    skips = [args[i + 1] for i, v in enumerate(args) if v == "--skip"]
    found = compare(args[0], args[1], skips)
    for p in found[:30]:
        print(f"{args[0]} vs {args[1]}: {p}")
    sys.exit(1 if found else 0)
