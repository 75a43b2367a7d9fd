#!/usr/bin/env bash
# The same sweep gives the same file whatever the layout: 1 thread, 2 threads, 3 shards merged;
# --list prints one CSV row per run; merge rejects overlapping, missing and foreign parts.
# Usage: cli_layouts.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
sovsim=$1 python=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work"
compare() { "$python" "$src/tests/sweep/compare_sweeps.py" "$1" "$2"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

for sweep in ishigami-sobol ishigami-mc; do
  file=$src/tests/sweep/data/$sweep.yaml
  "$sovsim" sweep "$file" -o "$sweep-1.h5" --jobs 1 -q
  "$sovsim" sweep "$file" -o "$sweep-2.h5" --jobs 2 -q
  for i in 0 1 2; do "$sovsim" sweep "$file" --shard "$i/3" -o "$sweep-part-$i.h5" -q; done
  "$sovsim" merge "$sweep"-part-*.h5 -o "$sweep-merged.h5"
  compare "$sweep-1.h5" "$sweep-2.h5"
  compare "$sweep-1.h5" "$sweep-merged.h5"
  cmp "$sweep-1.h5" "$sweep-merged.h5" || fail "$sweep: merged file differs in bytes"
  [[ ! -e "$sweep-1.h5.journal" ]] || fail "journal left behind after a complete sweep"
done

# --list: header + one row per run (16 points x 8 replications).
"$sovsim" sweep "$src/tests/sweep/data/ishigami-mc.yaml" --list > design.csv
[[ $(head -1 design.csv) == "run,point,replication,seed,x1,x2,x3,noise" ]] || fail "bad --list header: $(head -1 design.csv)"
[[ $(wc -l < design.csv) -eq 129 ]] || fail "--list: expected 129 lines, found $(wc -l < design.csv)"

# SLURM_ARRAY_TASK_ID as the shard index.
SLURM_ARRAY_TASK_ID=1 "$sovsim" sweep "$src/tests/sweep/data/ishigami-mc.yaml" --shard /3 -o env-part.h5 -q
compare ishigami-mc-part-1.h5 env-part.h5

# merge: missing, overlapping and foreign parts are refused with a clear message, no output.
expect_refusal() {
  local pattern=$1; shift
  if "$sovsim" merge "$@" -o bad.h5 2> err.txt; then fail "merge accepted $*"; fi
  grep -q "$pattern" err.txt || { cat err.txt; fail "merge message lacks '$pattern'"; }
  [[ ! -e bad.h5 ]] || fail "merge left bad.h5"
}
expect_refusal "runs are missing" ishigami-mc-part-0.h5 ishigami-mc-part-1.h5
expect_refusal "is in both" ishigami-mc-part-0.h5 ishigami-mc-part-1.h5 ishigami-mc-part-2.h5 env-part.h5
expect_refusal "belongs to another sweep" ishigami-mc-part-0.h5 ishigami-sobol-part-1.h5
echo "cli_layouts: OK"
