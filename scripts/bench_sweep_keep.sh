#!/usr/bin/env bash
# Per-run cost of a sweep for each `keep` level, two sovsim binaries alternated (docs/performance.md).
#   scripts/bench_sweep_keep.sh BEFORE_BINARY AFTER_BINARY [ROUNDS] [SCENARIO] [REPLICATIONS]
# Runs a REPLICATIONS-run Monte Carlo sweep of SCENARIO (default scenarios/korea-2026.yaml, 32)
# with --jobs 1 for keep: headline, bands and series, alternating the binaries ROUNDS times
# (default 5), and prints per binary and level the median wall and CPU (user+sys) milliseconds per
# run, the median peak RSS, and the load average at the start of each round.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 rounds=${3:-5} scenario=${4:-scenarios/korea-2026.yaml} reps=${5:-32}
work=$(mktemp -d /tmp/sovsim-keep.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The scenario's folder (its base and CSV schedules with it).
cp -r "$(dirname "$scenario")"/. "$work/"
for keep in headline bands series; do
  printf 'base: %s\nseed: 3\nreplications: %s\nkeep: %s\n' "$(basename "$scenario")" "$reps" "$keep" \
    > "$work/$keep.sweep.yaml"
done
for round in $(seq "$rounds"); do
  echo "round $round load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  for keep in headline bands series; do
    for which in before after; do
      bin=$before; [[ $which == after ]] && bin=$after
      /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$bin" sweep "$work/$keep.sweep.yaml" -o "$work/out.h5" \
        --jobs 1 -q > /dev/null
      echo "$which $keep $(cat "$work/t")" >> "$work/all"
    done
  done
done
echo "binary keep runs  wall-ms/run cpu-ms/run peak-RSS-KB  (medians of $rounds alternated rounds)"
for which in before after; do
  for keep in headline bands series; do
    med() { sort -n | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
    rows=$(grep "^$which $keep " "$work/all")
    wall=$(awk '{print $3}' <<< "$rows" | med)
    cpu=$(awk '{print $4+$5}' <<< "$rows" | med)
    rss=$(awk '{print $6}' <<< "$rows" | med)
    awk -v w="$which" -v k="$keep" -v n="$reps" -v a="$wall" -v c="$cpu" -v m="$rss" \
      'BEGIN{printf "%s %s %d %.1f %.1f %d\n", w, k, n, 1000*a/n, 1000*c/n, m}'
  done
done
