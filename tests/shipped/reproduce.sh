#!/usr/bin/env bash
# A run's file reproduces itself: its `scenario_resolved` attribute, saved to a file and run with
# the file's seed and run index, gives the same data, value by value (overrides included).
#   reproduce.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
sovsim=$1 python=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$sovsim" run "$src/scenarios/hvdc-late.yaml" --seed 42 --run-index 3 --set zones.capital.headroom=90MW \
  -q -o first.h5 > /dev/null
read -r seed run_index < <("$python" - first.h5 <<'PY'
import sys
import h5py
with h5py.File(sys.argv[1], "r") as f:
    open("resolved.yaml", "wb").write(f.attrs["scenario_resolved"])
    print(int(f.attrs["seed"]), int(f.attrs["run_index"]))
PY
)
"$sovsim" run resolved.yaml --seed "$seed" --run-index "$run_index" -q -o second.h5 > /dev/null
"$python" - first.h5 second.h5 <<'PY'
import sys
import h5py
import numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
names = []
a.visit(names.append)
for name in names:
    x, y = a[name], b[name]
    if isinstance(x, h5py.Dataset):
        assert x.shape == y.shape and x.dtype == y.dtype, name
        same = np.array_equal(x[()], y[()], equal_nan=x.dtype.kind == "f")
        assert same, f"{name} differs between the run and its reproduction"
b_names = []
b.visit(b_names.append)
assert sorted(names) == sorted(b_names), "the two files hold different variables"
print(f"reproduced {len(names)} variables exactly")
PY
