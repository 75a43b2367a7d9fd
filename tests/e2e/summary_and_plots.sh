#!/bin/bash
# sovsim summary in every format and every scripts/plot.py figure on the real run and sweep files
# of write_files.sh; fails when a figure is skipped or a format fails.
# Usage: summary_and_plots.sh SOVSIM PYTHON SOURCE_DIR FILES_DIR
set -euo pipefail
sovsim=$1 python=$2 source=$3 files=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$files"
for f in run sweep; do
  "$sovsim" summary "$f.h5" > "$f-summary.txt"
  "$sovsim" summary "$f.h5" --format csv > "$f-summary.csv"
  "$sovsim" summary "$f.h5" --format json > "$f-summary.json"
  "$python" -c "import json,sys; json.load(open(sys.argv[1]))" "$f-summary.json" || fail "$f: JSON does not parse"
done
# summary of a run prints what `sovsim run` printed: GPUs entered service and operational at the
# end, the electricity cost, dates, and zones by name.
for name in gpus_ordered gpus_entered_service_at_end gpus_operational_at_end electricity_cost_total_krw \
            date_operational_50pct peak_power_demand_mw energy_total_twh; do
  grep -q "^  $name " run-summary.txt || fail "run summary lacks $name"
done
grep -Eq "^  date_operational_50pct +20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]" run-summary.txt || fail "run date not a date"
grep -q "region" run-summary.txt || fail "run summary does not name the zone"
# A sweep's medians with dates as dates.
grep -Eq "^  date_operational_50pct +20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] +20" sweep-summary.txt \
  || fail "sweep summary: date_operational_50pct not shown as dates"
grep -q "date_operational_50pct,point=1;statistic=q50,20" sweep-summary.csv || fail "sweep CSV dates"
# Every figure, none skipped.
for f in run sweep; do
  "$python" "$source/scripts/plot.py" "$f.h5" -o "fig-$f" 2> "plot-$f.err" > "plot-$f.out" \
    || { cat "plot-$f.err" >&2; fail "plot.py $f failed"; }
  if grep -qi "skip" "plot-$f.err"; then cat "plot-$f.err" >&2; fail "plot.py skipped a figure of the $f file"; fi
done
for png in rollout rollout_by_buyer idle_by_reason power_by_site power_by_zone land_by_site; do
  test -s "fig-run/$png.png" || fail "fig-run/$png.png not written"
done
for png in sweep_rollout sweep_idle sweep_power sweep_indicators; do
  test -s "fig-sweep/$png.png" || fail "fig-sweep/$png.png not written"
done
echo "summary_and_plots: OK"
