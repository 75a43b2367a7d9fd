#!/bin/bash
# sovsim summary in every format and every scripts/plot.py figure on the real run and sweep files
# of write_files.sh; fails when a figure is skipped or a format fails.
# Usage: summary_and_plots.sh SOVSIM PYTHON SOURCE_DIR FILES_DIR
set -euo pipefail
sovsim=$1 python=$2 source=$3 files=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$files"
for f in run sweep compare; do
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
# A comparison: the table of what the variant changes, and its values in csv and json.
grep -q "^minimal-sooner (sooner.yaml) against minimal" compare-summary.txt || fail "compare summary lacks its table"
grep -q "gpu_days_national_in_transit" compare.txt || fail "sovsim compare printed no change in transit"
grep -q "^paired_difference_mean,variant=minimal-sooner;indicator=gpu_days_national_in_transit,-" compare-summary.csv \
  || fail "compare CSV lacks the paired difference"
"$python" - compare-summary.json <<'PY' || fail "compare JSON lacks the paired differences"
import json, sys
names = [i["name"] for i in json.load(open(sys.argv[1]))["indicators"]]
assert "paired_difference_mean" in names and "paired_share_better" in names, names
PY
# Targets in csv and json: a comparison of two scenarios with the same target (every variant of a
# sweep keeps one set of targets).
cat > with-target.yaml <<'YAML'
base: minimal.yaml
name: minimal-target
targets:
  - {name: half-by-2027, description: "half the GPUs in service by 2027 (test)", quantity: gpus_entered_service,
     comparison: at_least, threshold: 64, date: 2027-01-01}
YAML
printf 'base: with-target.yaml\nname: minimal-target-sooner\nlogistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n' \
  > with-target-sooner.yaml
"$sovsim" compare with-target.yaml with-target-sooner.yaml --replications 3 -o target.h5 -q --format csv > target.csv \
  2> target.err || { cat target.err; fail "compare with a target failed"; }
grep -q "^target_probability,point=0;target=half-by-2027," target.csv || fail "csv lacks target_probability"
"$sovsim" summary target.h5 > target.txt
grep -q "half-by-2027 .* -> " target.txt || fail "the comparison table lacks the target's P(met) per variant"
"$sovsim" summary target.h5 --format json > target.json
"$python" -c "import json,sys; d=json.load(open(sys.argv[1])); assert 'target_probability' in [i['name'] for i in d['indicators']]" \
  target.json || fail "json lacks target_probability"
# Every figure, none skipped.
for f in run sweep compare; do
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
for png in compare_differences compare_bands compare_idle_by_buyer; do
  test -s "fig-compare/$png.png" || fail "fig-compare/$png.png not written"
done
echo "summary_and_plots: OK"
