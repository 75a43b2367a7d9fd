#!/usr/bin/env bash
# Runs one shipped file with --check and checks its output for NaN and infinity.
#   run_shipped.sh run   SOVSIM PYTHON scenarios/X.yaml       WORK_DIR
#   run_shipped.sh sweep SOVSIM PYTHON scenarios/X.sweep.yaml WORK_DIR
# A sweep runs one shard of about 4 runs (the shard count is derived from --list), so that every
# shipped sweep is exercised end to end without its full cost.
set -euo pipefail
kind=$1 sovsim=$2 python=$3 file=$4 work=$5
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work" && cd "$work"

"$sovsim" validate "$file" > /dev/null
case $kind in
  run)
    "$sovsim" run "$file" --check -q -o out.h5 > headline.txt
    ;;
  sweep)
    "$sovsim" sweep "$file" --list > design.csv
    runs=$(($(wc -l < design.csv) - 1))
    shards=$(((runs + 3) / 4))
    "$sovsim" sweep "$file" --check -q --jobs 2 --shard "0/$shards" -o out.h5
    ;;
  *) echo "run_shipped.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac
[[ -s out.h5 ]] || { echo "FAIL: no output file" >&2; exit 1; }
"$python" "$here/check_finite.py" out.h5
