#!/usr/bin/env bash
# The limits of docs/limits.md that the bad-input corpus (tests/bad_input) does not already
# prove, each hit by a generated input: `sovsim validate` must exit with 2 and print the
# limit's message. No timing is asserted (the corpus bounds the time of its own cases).
#   limit_messages.sh SOVSIM WORK_DIR
set -euo pipefail
sovsim=$1 work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failures=0

# expect NAME MESSAGE ARGS...: `sovsim validate ARGS...` exits with 2 and prints MESSAGE.
expect() {
  local name=$1 message=$2
  shift 2
  local status=0
  "$sovsim" validate "$@" > "$name.out" 2> "$name.err" || status=$?
  if [[ $status -ne 2 ]] || ! grep -qF -- "$message" "$name.err"; then
    echo "FAIL: $name: exit $status, expected 2 and: $message" >&2
    head -c 2000 "$name.err" >&2
    failures=$((failures + 1))
  else
    echo "ok: $name: $(head -n 1 "$name.err")"
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
{ echo "base: base.yaml"; echo "orders:"; for i in $(seq 0 10000); do
  echo "  - {name: o$i, buyer: gov, product: rack, site: s}"; done; } > too-many-orders.yaml
expect too-many-orders "orders: expected at most 10000 orders, found 10001; that is the limit" too-many-orders.yaml

# A CSV schedule of 10,001 rows; the list limit is 10,000.
{ echo "date,units"; for i in $(seq 0 10000); do echo "2027-01-01,1"; done; } > rows.csv
printf 'base: base.yaml\norders: [{name: o, buyer: gov, product: rack, site: s, schedule: rows.csv}]\n' \
  > too-many-rows.yaml
expect too-many-rows "orders[0].schedule: expected at most 10000 shipments, found 10001; that is the limit" \
  too-many-rows.yaml

# CSV fields count towards the node budget: 70,000 rows of 3 budget units each > 200,000.
{ echo "date,units"; for i in $(seq 0 69999); do echo "2027-01-01,1"; done; } > huge.csv
printf 'base: base.yaml\norders: [{name: o, buyer: gov, product: rack, site: s, schedule: huge.csv}]\n' \
  > csv-budget.yaml
expect csv-budget "the scenario has more than 200000 YAML nodes and CSV fields; that is the limit" csv-budget.yaml

# A sweep file of 1.5 MiB.
{ echo "base: base.yaml"; for i in $(seq 0 37000); do
  echo "# padding padding padding padding padding"; done; } > huge.sweep.yaml
expect sweep-file-size "huge.sweep.yaml: cannot read the sweep file: the file is 1.5 MiB (" \
  huge.sweep.yaml

# A Sobol' design of 21 parameters; the limit is 20.
{ echo "base: base.yaml"; echo "design: {type: sobol, samples: 8}"; echo "parameters:"; for i in $(seq 0 20); do
  echo "  - {key: zones.z.headroom$i, range: [1 MW, 2 MW]}"; done; } > sobol-dims.sweep.yaml
expect sobol-dims "sobol design: at most 20 parameters are supported, found 21" sobol-dims.sweep.yaml

# A grid whose product overflows 64 bits is refused by the run limit, not by the memory.
{ echo "base: base.yaml"; echo "design: {type: grid}"; echo "parameters:"; for i in $(seq 0 5); do
  echo "  - {key: zones.z.headroom$i, range: [1 MW, 2 MW], steps: 100000}"; done; } > grid-overflow.sweep.yaml
expect grid-overflow "design: expected at most 1000000 runs (design points x replications), found 2^64 or more" \
  grid-overflow.sweep.yaml

# Replications of a run: at most 1,000,000.
status=0
"$sovsim" run base.yaml --replications 1000001 -o reps.h5 > reps.out 2> reps.err || status=$?
if [[ $status -ne 2 ]] || ! grep -qF "replications: expected a whole number in [1, 1000000], found '1000001'" reps.err ||
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
