#!/usr/bin/env bash
# A row of `sovsim sweep --list` replayed with `sovsim run --from-table TABLE --row R` gives the
# same indicators as run R of the sweep; `sovsim run --replications N` equals the same sweep
# written as a file; bad tables are refused with the file, line and problem.
#   from_table.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
sovsim=$1 python=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work/scn" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# A copy of the Korea scenario, in a folder of our own for the sweep files.
cp -r "$src/scenarios/korea-2025.yaml" "$src/scenarios/schedules" scn/
cat > scn/grid.sweep.yaml <<'YAML'
base: korea-2025.yaml
seed: 11
replications: 2
design: {type: lhs, samples: 3}
parameters:
  - {key: zones.capital.headroom, range: [50 MW, 400 MW]}
  - {key: operations.power_provisioning, range: [0.76, 1.0]}
keep: headline
YAML
"$sovsim" sweep scn/grid.sweep.yaml --list > design.csv
"$sovsim" sweep scn/grid.sweep.yaml -q --jobs 2 -o sweep.h5
for row in 0 3 5; do
  "$sovsim" run scn/korea-2025.yaml --from-table design.csv --row "$row" -q -o "row-$row.h5" > /dev/null
done
"$python" - sweep.h5 row-0.h5 row-3.h5 row-5.h5 <<'PY'
import sys
import h5py
import numpy as np
sweep, rows = sys.argv[1], sys.argv[2:]
with h5py.File(sweep, "r") as s:
    for path in rows:
        r = int(path.split("-")[1].split(".")[0])
        with h5py.File(path, "r") as f:
            assert int(f.attrs["seed"]) == int(s["seed"][r]), (path, f.attrs["seed"], s["seed"][r])
            # The same quantity has the same name in run and sweep files (the output schema).
            for name in ("energy_total_twh", "emissions_total_mt", "peak_power_demand_mw",
                         "date_operational_50pct", "gpus_operational_at_end"):
                a, b = float(s[name][r]), float(f[name][()])
                assert a == b or (np.isnan(a) and np.isnan(b)), f"run {r}: {name} {a} in the sweep, {b} in the replay"
            idle = float(s["gpu_days_national_waiting_power"][r])
            replay = float(f["gpu_days_national"][list(f["state"][:].astype(str)).index("waiting_power")])
            assert idle == replay, f"run {r}: waiting_power GPU-days {idle} vs {replay}"
print("from-table replays match the sweep")
PY

# --replications N is the Monte Carlo sweep of the scenario as is.
cat > scn/mc.sweep.yaml <<'YAML'
base: korea-2025.yaml
seed: 5
replications: 3
keep: bands
YAML
"$sovsim" sweep scn/mc.sweep.yaml -q --jobs 1 -o mc-sweep.h5
"$sovsim" run scn/korea-2025.yaml --seed 5 --replications 3 --jobs 2 -q -o mc-run.h5 > summary.txt
grep -q "date_operational_50pct" summary.txt || fail "--replications did not print the summary"
"$python" - mc-sweep.h5 mc-run.h5 <<'PY'
import sys
import h5py
import numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    for name in ("seed", "energy_total_twh", "date_operational_50pct", "energy_total_twh_quantile",
                 "it_power_national_mw_quantile"):
        x, y = a[name][()], b[name][()]
        assert np.array_equal(x, y, equal_nan=True), f"{name} differs"
print("--replications equals the sweep file")
PY

# Bad tables: exit 2, the file and line named, no output file.
expect_bad() {
  local pattern=$1 table=$2 row=$3
  local rc=0
  "$sovsim" run scn/korea-2025.yaml --from-table "$table" --row "$row" -q -o bad.h5 > /dev/null 2> err.txt || rc=$?
  [[ $rc -eq 2 ]] || fail "$table row $row: exit code $rc, expected 2"
  grep -q "$pattern" err.txt || { cat err.txt; fail "message lacks '$pattern'"; }
  [[ ! -e bad.h5 ]] || fail "left bad.h5 behind"
}
expect_bad "no row for run 99" design.csv 99
expect_bad "no such table file" missing.csv 0
printf 'run,seed,zones.capital.headroom [MW]\n0,1\n' > short-row.csv
expect_bad "short-row.csv:2: expected 3 fields" short-row.csv 0
printf 'run,seed,zones.capital.headroom [MW]\n0,x,100\n' > bad-seed.csv
expect_bad "bad-seed.csv:2: seed: expected a whole number, found 'x'" bad-seed.csv 0
printf 'run,seed,zones.capital.headroom [MW]\n0,1,lots\n' > bad-value.csv
expect_bad "zones.capital.headroom" bad-value.csv 0
"$sovsim" run scn/korea-2025.yaml --from-table design.csv -q -o bad.h5 2> err.txt && fail "--from-table without --row accepted"
grep -q "go together" err.txt || fail "no message for --from-table without --row"
"$sovsim" run scn/korea-2025.yaml --replications 2 --set zones.capital.headroom=1MW -q -o bad.h5 2> err.txt &&
  fail "--replications with --set accepted"
grep -q "write a sweep file" err.txt || fail "no message for --replications with --set"
echo "from_table.sh: all checks passed"
