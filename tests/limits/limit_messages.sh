#!/usr/bin/env bash
# The limits of docs/limits.md that the bad-input corpus (tests/bad_input) does not already
# prove, each hit by a generated input: `sovsim validate` must exit with 2 and print the
# limit's message. No timing is asserted (the corpus bounds the time of its own cases).
#   limit_messages.sh SOVSIM WORK_DIR
set -euo pipefail
sovsim=$1 work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failures=0

# expect NAME MESSAGE ARGS...: `sovsim validate ARGS...` exits with 2 and prints MESSAGE (a fixed
# string, or an extended regular expression when called as `match=-E expect ...`).
expect() {
  local name=$1 message=$2
  shift 2
  local status=0
  "$sovsim" validate "$@" > "$name.out" 2> "$name.err" || status=$?
  if [[ $status -ne 2 ]] || ! grep -q "${match:--F}" -- "$message" "$name.err"; then
    echo "FAIL: $name: exit $status, expected 2 and: $message" >&2
    head -c 2000 "$name.err" >&2
    failures=$((failures + 1))
  else
    echo "ok: $name: $(head -n 1 "$name.err")"
  fi
}

# expect_command NAME MESSAGE OUTPUT ARGS...: `sovsim ARGS...` exits with 2, prints MESSAGE and
# leaves no OUTPUT (nor its .partial or .journal).
expect_command() {
  local name=$1 message=$2 output=$3
  shift 3
  local status=0
  "$sovsim" "$@" > "$name.out" 2> "$name.err" || status=$?
  if [[ $status -ne 2 ]] || ! grep -q "${match:--F}" -- "$message" "$name.err" ||
    [[ -e $output || -e $output.partial || -e $output.journal ]]; then
    echo "FAIL: $name: exit $status, expected 2, no $output and: $message" >&2
    head -c 2000 "$name.err" >&2
    failures=$((failures + 1))
  else
    echo "ok: $name: $(head -n 1 "$name.err")"
  fi
}

# expect_valid NAME FILE: `sovsim validate FILE` accepts it (the other side of a limit).
expect_valid() {
  if ! "$sovsim" validate "$2" > "$1.out" 2> "$1.err"; then
    echo "FAIL: $1: $2 should be valid" >&2
    head -c 2000 "$1.err" >&2
    failures=$((failures + 1))
  else
    echo "ok: $1: $(head -n 1 "$1.out")"
  fi
}

cat > base.yaml <<'EOF'
name: limits
start: 2026-01-01
end: 2030-12-31
products: [{name: rack, gpus_per_unit: 72, it_power_per_unit: 130 kW, cooling: liquid}]
buyers: [{name: gov}]
zones: [{name: z, headroom: 200 MW}]
sites:
  - name: s
    zone: z
    land: 10 ha
    halls: [{name: h, it_capacity: 40 MW, racks: 300, start: existing}]
    connections: [{capacity: 40 MW, connected_at_start: true}]
orders: [{name: o, buyer: gov, product: rack, site: s, schedule: [{date: 2027-01-01, units: 100}]}]
EOF
"$sovsim" validate base.yaml > /dev/null

# Chain of bases: chain0 -> chain1 -> ... -> chain9 -> base.yaml is 10 deep; the limit is 8.
for i in $(seq 0 9); do echo "base: chain$((i + 1)).yaml" > "chain$i.yaml"; done
echo "base: base.yaml" > chain10.yaml
expect base-chain "expected at most 8 nested bases, found more; that is the limit" chain0.yaml

# --set overrides: 1,001; the limit is 1,000.
sets=()
for i in $(seq 1 1001); do sets+=(--set "seed=$i"); done
expect overrides "--set: expected at most 1000 overrides, found 1001" base.yaml "${sets[@]}"

# A text of 10,001 characters; the limit is 10,000.
printf 'base: base.yaml\ntitle: %s\n' "$(printf '%*s' 10001 '' | tr ' ' t)" > long-text.yaml
expect long-text "title: expected a text of at most 10000 characters, found 10001" long-text.yaml

# A name of 65 characters; the limit is 64.
printf 'base: base.yaml\nname: %s\n' "$(printf '%*s' 65 '' | tr ' ' n)" > long-name.yaml
expect long-name "(at most 64 characters), found 'nnnn" long-name.yaml

# 10,001 orders; the list limit is 10,000.
{ echo "base: base.yaml"; echo "orders:"; echo "  replace:"; for i in $(seq 0 10000); do
  echo "  - {name: o$i, buyer: gov, product: rack, site: s}"; done; } > too-many-orders.yaml
expect too-many-orders "orders: expected at most 10000 orders, found 10001; that is the limit" too-many-orders.yaml

# A CSV schedule of 10,001 rows; the list limit is 10,000.
{ echo "date,units"; for i in $(seq 0 10000); do echo "2027-01-01,1"; done; } > rows.csv
printf 'base: base.yaml\norders: {replace: [{name: o, buyer: gov, product: rack, site: s, schedule: rows.csv}]}\n' \
  > too-many-rows.yaml
expect too-many-rows "orders[0].schedule: expected at most 10000 shipments, found 10001; that is the limit" \
  too-many-rows.yaml

# CSV fields count towards the node budget: 70,000 rows of 3 budget units each > 200,000.
{ echo "date,units"; for i in $(seq 0 69999); do echo "2027-01-01,1"; done; } > huge.csv
printf 'base: base.yaml\norders: {replace: [{name: o, buyer: gov, product: rack, site: s, schedule: huge.csv}]}\n' \
  > csv-budget.yaml
expect csv-budget "the scenario has more than 200000 YAML nodes and CSV fields; that is the limit" csv-budget.yaml

# A sweep file of 1.5 MiB.
{ echo "base: base.yaml"; for i in $(seq 0 37000); do
  echo "# padding padding padding padding padding"; done; } > huge.sweep.yaml
expect sweep-file-size "huge.sweep.yaml: cannot read the sweep file: the file is 1.5 MiB (" \
  huge.sweep.yaml

# A Sobol' design of 1834 parameters; the limit is 1833 (Boost's 3667 sequence dimensions / 2).
{ echo "base: base.yaml"; echo "design: {type: sobol, samples: 8}"; echo "parameters:"; for i in $(seq 0 1833); do
  echo "  - {key: zones.z.headroom$i, range: [1 MW, 2 MW]}"; done; } > sobol-dims.sweep.yaml
expect sobol-dims "sobol design: at most 1833 parameters are supported (Saltelli's scheme uses 2 x parameters of the Sobol' sequence's 3667 dimensions), found 1834" sobol-dims.sweep.yaml

# A grid whose product overflows 64 bits is refused by the run limit, not by the memory.
{ echo "base: base.yaml"; echo "design: {type: grid}"; echo "parameters:"; for i in $(seq 0 5); do
  echo "  - {key: zones.z.headroom$i, range: [1 MW, 2 MW], steps: 100000}"; done; } > grid-overflow.sweep.yaml
expect grid-overflow "design: expected at most 1000000 runs (design points x replications), found 2^64 or more" \
  grid-overflow.sweep.yaml

# Output of one run: 400 sites sampled hourly for 100 years write 876,577 rows of about 10,800
# values (per site, per zone, per buyer, national, the time; the exact width follows the output
# schema, so the message is matched by its shape): about 70 GiB; the limit is 64 GiB. Every 2
# hours it is half that and valid.
{ echo "base: base.yaml"; echo "end: 2125-12-31"; echo "sample_interval: 1 hour"; echo "orders: []"
  echo "sites:"; echo "  replace:"; for i in $(seq 0 399); do echo "  - {name: s$i, zone: z, land: 1 ha}"; done; } > output-size.yaml
output_message="sample_interval: expected at most 64 GiB of output per run \\(samples x values per row x 8 bytes\\), \
found 876577 samples of '1 hour' x [0-9]+ values per row \\(400 sites\\) x 8 bytes = [0-9.]+ GiB; that is the limit \
\\(a coarser sample_interval writes fewer samples\\)"
match=-E expect output-size "$output_message" output-size.yaml
match=-E expect_command run-output-size "$output_message" output-size.h5 run output-size.yaml -o output-size.h5
sed 's/^sample_interval: 1 hour$/sample_interval: 2 hours/' output-size.yaml > output-size-2h.yaml
expect_valid output-size-2h output-size-2h.yaml

# Failure candidates: 1 per GPU-day x 720,000 GPUs x 1,826 days > 1e9 (also bad_input/too-many-failures);
# `run` refuses it before it starts. At 0.5 per GPU-day it is valid.
printf 'base: base.yaml\noperations: {failures_per_gpu_day: 1}\norders: {replace: [{name: o, buyer: gov, product: rack, site: s, installed_at_start: 10000}]}\n' \
  > failures.yaml
expect_command run-failures "orders: expected at most 1000000000 candidate failures per run on average \
(failures_per_gpu_day x GPUs in all orders x days of the horizon), found 1314720000 = 1 per GPU-day x 720000 GPUs \
x 1826 days; that is the limit" failures.h5 run failures.yaml -o failures.h5
sed 's/failures_per_gpu_day: 1}/failures_per_gpu_day: 0.5}/' failures.yaml > failures-half.yaml
expect_valid failures-half failures-half.yaml

# Series a sweep keeps in memory: 1,000,000 runs x 25 series (17 national, 8 per buyer) x 1,827 daily
# steps = 340 GiB; the
# limit is 16 GiB (also bad_input/too-much-kept.sweep, through `validate`). `sweep`, a shard and
# `run --replications` (keep: bands) refuse it before any run; a series_interval of a year is valid.
printf 'base: base.yaml\nreplications: 1000000\nkeep: series\n' > kept.sweep.yaml
kept_message="keep: expected at most 16 GiB of series kept in memory until the file is written (runs x series x \
time steps x 8 bytes), found 1000000 runs x 25 series x 1827 time steps (every sample) x 8 bytes = 340.3 GiB; \
that is the limit (keep: headline keeps no series; a coarser series_interval keeps fewer time steps)"
expect_command sweep-kept "kept.sweep.yaml:3:7: $kept_message" kept.h5 sweep kept.sweep.yaml -o kept.h5 -q
expect_command shard-kept "kept.sweep.yaml:3:7: $kept_message" kept-0.h5 sweep kept.sweep.yaml --shard 0/4 \
  -o kept-0.h5 -q
expect_command replications-kept "base.yaml --replications 1000000:5:7: $kept_message" reps-kept.h5 \
  run base.yaml --replications 1000000 -o reps-kept.h5 -q
printf 'base: base.yaml\nreplications: 1000000\nkeep: series\nseries_interval: 1 year\n' > kept-yearly.sweep.yaml
expect_valid kept-yearly kept-yearly.sweep.yaml
# The time axis comes from design point 0 when a parameter sets sample_interval: within the
# limit on the base's daily axis (3.4 GiB), over it hourly (81.6 GiB); the model refuses it
# before its first run.
printf 'base: base.yaml\nreplications: 10000\nkeep: series\nparameters: [{key: sample_interval, values: [1 hour]}]\n' \
  > kept-point.sweep.yaml
expect_command sweep-kept-point "sovsim sweep: kept-point.sweep.yaml:3:7: keep: expected at most 16 GiB of series kept in memory \
until the file is written (runs x series x time steps x 8 bytes), found 10000 runs x 25 series x 43825 time steps" \
  kept-point.h5 sweep kept-point.sweep.yaml -o kept-point.h5 -q

# Replications of a run: at most 1,000,000.
status=0
"$sovsim" run base.yaml --replications 1000001 -o reps.h5 > reps.out 2> reps.err || status=$?
if [[ $status -ne 2 ]] || ! grep -qF -e "--replications: expected a whole number from 1 to 1000000, found '1000001'" reps.err ||
  [[ -e reps.h5 ]]; then
  echo "FAIL: run --replications 1000001: exit $status" >&2
  cat reps.err >&2
  failures=$((failures + 1))
else
  echo "ok: run --replications: $(head -n 1 reps.err)"
fi

if [[ $failures -ne 0 ]]; then
  echo "$failures limit(s) without their message" >&2
  exit 1
fi
echo "PASS"
