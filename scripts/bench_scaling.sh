#!/usr/bin/env bash
# Parallel efficiency of a sweep: one worker against two threads and two MPI ranks, alternated
# (docs/performance.md, "Cluster scaling").
#   scripts/bench_scaling.sh [BINARY] [ROUNDS] [SCENARIO] [REPLICATIONS]
# Runs a REPLICATIONS-run Monte Carlo sweep of SCENARIO (defaults: build/sovsim, 3 rounds,
# scenarios/korea-2026.yaml, 1,800 runs, about a minute of work per round on one core with the
# default daily failure counts) with
# --jobs 1, --jobs 2 and `mpirun -n 2` (skipped without mpirun), the order reversed every other
# round. Prints per round and layout the wall and CPU seconds, the efficiency T1 / (2 T2) and the
# share of the two cores kept busy, CPU / (2 T2). On a machine whose speed changes between rounds
# the efficiency moves with it; the busy share is what sovsim's own scheduling and serial parts
# decide. Set Open MPI's variables yourself if your machine needs them (as root in a container:
# docs/sweeps.md, "MPI").
set -euo pipefail
# BINARY and SCENARIO as given are relative to where the script was started; the defaults are the
# repository's.
from=$PWD
in_caller_dir() { if [[ $1 == /* ]]; then echo "$1"; else echo "$from/$1"; fi; }
cd "$(dirname "$0")/.."
bin=$PWD/build/sovsim scenario=$PWD/scenarios/korea-2026.yaml rounds=${2:-3} reps=${4:-1800}
[[ -n ${1:-} ]] && bin=$(in_caller_dir "$1")
[[ -n ${3:-} ]] && scenario=$(in_caller_dir "$3")
[[ -x $bin ]] || { echo "bench_scaling.sh: $bin is not an executable" >&2; exit 2; }
work=$(mktemp -d /tmp/sovsim-scaling.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The scenario's folder (its base and CSV schedules with it).
cp -r "$(dirname "$scenario")"/. "$work/"
printf 'base: %s\nseed: 3\nreplications: %s\nkeep: headline\n' "$(basename "$scenario")" "$reps" \
  > "$work/scaling.sweep.yaml"
layouts=(threads1 threads2)
command -v mpirun > /dev/null && layouts+=(ranks2)

run_layout() {
  local layout=$1
  local -a cmd
  case $layout in
    threads1) cmd=("$bin" sweep scaling.sweep.yaml -o "$layout.h5" --jobs 1 -q) ;;
    threads2) cmd=("$bin" sweep scaling.sweep.yaml -o "$layout.h5" --jobs 2 -q) ;;
    ranks2) cmd=(mpirun -n 2 --bind-to none "$bin" sweep scaling.sweep.yaml -o "$layout.h5" -q) ;;
  esac
  (cd "$work" && /usr/bin/time -f "%e %U %S" -o "$work/t" "${cmd[@]}" > /dev/null) || {
    echo "bench_scaling.sh: the $layout sweep failed (its message is above)" >&2
    exit 1
  }
  echo "$round $layout $(cat "$work/t")" >> "$work/all"
}

for round in $(seq "$rounds"); do
  echo "round $round load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  order=("${layouts[@]}")
  if ((round % 2 == 0)); then
    mapfile -t order < <(printf '%s\n' "${layouts[@]}" | tac)
  fi
  for layout in "${order[@]}"; do run_layout "$layout"; done
done

echo "round layout wall-s cpu-s efficiency busy  ($reps runs of $(basename "$scenario"))"
awk -v layouts="${layouts[*]}" '
  { wall[$1, $2] = $3; cpu[$1, $2] = $4 + $5; if ($1 > rounds) rounds = $1 }
  END {
    n = split(layouts, names, " ")
    for (r = 1; r <= rounds; ++r) {
      t1 = wall[r, "threads1"]
      printf "%d threads1 %.2f %.2f - -\n", r, t1, cpu[r, "threads1"]
      for (i = 2; i <= n; ++i) {
        t2 = wall[r, names[i]]
        printf "%d %s %.2f %.2f %.3f %.3f\n", r, names[i], t2, cpu[r, names[i]], t1 / (2 * t2), cpu[r, names[i]] / (2 * t2)
      }
    }
  }' "$work/all"
# The layouts must agree: the same sweep and seed give the same file whoever ran which run. A
# difference is a bug, not a timing: the script then fails.
command -v h5diff > /dev/null || { echo "bench_scaling.sh: no h5diff; files not compared" >&2; exit 0; }
status=0
for layout in "${layouts[@]}"; do
  [[ $layout == threads1 ]] && continue
  if ! h5diff -q "$work/threads1.h5" "$work/$layout.h5" > /dev/null; then
    echo "bench_scaling.sh: the $layout file differs from the one-worker file (h5diff)" >&2
    status=1
  fi
done
exit "$status"
