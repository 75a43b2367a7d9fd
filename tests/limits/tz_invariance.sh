#!/usr/bin/env bash
# Results do not depend on the machine's time zone: `sovsim run` of the minimal example under
# TZ=UTC, Asia/Seoul and America/Los_Angeles gives the same datasets (value by value), the same
# attributes (but the wall-clock creation_time and history) and the same printed dates; the
# creation_time is UTC.
#   tz_invariance.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
sovsim=$1 python=$2 source=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
zones=(UTC Asia/Seoul America/Los_Angeles)

# The zones must really apply (tzdata installed), or the test would compare UTC with UTC.
[[ $(TZ=Asia/Seoul date -d 2026-01-01T00:00:00Z +%z) == +0900 ]] ||
  { echo "FAIL: TZ=Asia/Seoul does not apply (is tzdata installed?)" >&2; exit 1; }
[[ $(TZ=America/Los_Angeles date -d 2026-01-01T00:00:00Z +%z) == -0800 ]] ||
  { echo "FAIL: TZ=America/Los_Angeles does not apply (is tzdata installed?)" >&2; exit 1; }

dirs=()
for tz in "${zones[@]}"; do
  dir=$work/${tz//\//-}
  mkdir -p "$dir"
  cp "$source/scenarios/examples/minimal.yaml" "$dir/minimal.yaml"
  # Same folder layout and command line in every zone, so command_line attributes compare equal.
  (cd "$dir" && TZ=$tz "$sovsim" run minimal.yaml -o out.h5 --quiet > headline.txt &&
    TZ=$tz "$sovsim" summary out.h5 | grep -v -e creation_time -e history > summary.txt &&
    TZ=$tz "$sovsim" summary out.h5 --format json | grep -v -e creation_time -e history > summary.json &&
    TZ=$tz "$sovsim" describe minimal.yaml > describe.yaml)
  dirs+=("$dir")
done
for f in headline.txt summary.txt summary.json describe.yaml; do
  for d in "${dirs[@]:1}"; do
    diff -u "${dirs[0]}/$f" "$d/$f" || { echo "FAIL: $f differs between time zones" >&2; exit 1; }
  done
done
"$python" "$source/tests/limits/compare_tz.py" "${dirs[@]/%//out.h5}"
echo "PASS"
