#!/usr/bin/env bash
# sovsim compare interrupted part-way (SIGINT: exit 130, completed runs kept in the journal) and
# completed with --resume writes the same file as an uninterrupted comparison.
# Usage: compare_resume.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
sovsim=$1 python=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
cp "$src/scenarios/examples/minimal.yaml" .
printf 'base: minimal.yaml\nname: minimal-sooner\nlogistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n' > sooner.yaml
args=(minimal.yaml sooner.yaml --replications 300 --jobs 1 -q)
"$sovsim" compare "${args[@]}" -o reference.h5 > reference.txt

"$sovsim" compare "${args[@]}" -o interrupted.h5 > /dev/null &
pid=$!
for _ in $(seq 1 400); do
  size=$(stat -c %s interrupted.h5.journal 2>/dev/null || echo 0)
  (( size > 20000 )) && break
  sleep 0.05
done
kill -INT "$pid"
set +e; wait "$pid"; rc=$?; set -e
[[ $rc -eq 130 ]] || fail "SIGINT gave exit $rc, expected 130 (did the comparison finish before the signal?)"
[[ ! -e interrupted.h5 ]] || fail "an interrupted comparison left its final file"
"$sovsim" compare "${args[@]}" -o interrupted.h5 --resume > resumed.txt 2> resume.err
grep -q "resuming: [1-9][0-9]* of 600 runs already done" resume.err || { cat resume.err; fail "resume did not reuse completed runs"; }
"$python" "$src/tests/sweep/compare_sweeps.py" reference.h5 interrupted.h5
cmp reference.txt resumed.txt || fail "the resumed comparison prints another table"
[[ ! -e interrupted.h5.journal ]] || fail "journal left behind"
echo "compare_resume: OK"
