#!/usr/bin/env bash
# A scenario at the documented limits (docs/limits.md), made by make_limit_scenario.py:
#   1. the full at-limits scenario (1,000 sites, 10,000 orders, 1e7 units, 1e8 GPUs) passes
#      `sovsim validate`: it is valid, within the node budget and the 1 MiB file limit, and
#      within the failure-candidate and output limits; so does the samples preset (999,897
#      samples over 100 years);
#   2. the same structure scaled down (preset small) runs to completion with --check (every
#      invariant at every sample), its output holds no NaN or infinity, and every GPU ordered
#      entered service. Wall time and peak RSS are printed for the log, not asserted.
#   run_at_limits.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
sovsim=$1 python=$2 source=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work"

"$python" "$source/tests/limits/make_limit_scenario.py" at-limits --preset at-limits
"$sovsim" validate at-limits/scenario.yaml
"$python" "$source/tests/limits/make_limit_scenario.py" samples --preset samples
"$sovsim" validate samples/scenario.yaml

"$python" "$source/tests/limits/make_limit_scenario.py" small --preset small
"$sovsim" validate small/scenario.yaml
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -f "small preset: %e s wall, peak RSS %M KB" \
    "$sovsim" run small/scenario.yaml --check --quiet -o small.h5 > small.headline
else
  "$sovsim" run small/scenario.yaml --check --quiet -o small.h5 > small.headline
fi
[[ -s small.h5 ]] || { echo "FAIL: no output file" >&2; exit 1; }
"$python" "$source/tests/shipped/check_finite.py" small.h5
"$python" - small.h5 <<'PY'
import sys
import h5py
with h5py.File(sys.argv[1], "r") as f:
    assert f["site"].shape == (20,), f["site"].shape
    assert f["buyer"].shape == (5,), f["buyer"].shape
    entered = f["gpus_entered_service"][-1, :].sum()
    total = f["gpus"][-1, :, :].sum()
    assert total == 50_000, total
    assert entered == 50_000, entered
    print(f"small preset: {f['time'].shape[0]} samples, {int(entered)} GPUs entered service")
PY
echo "PASS"
