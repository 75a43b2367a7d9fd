#!/usr/bin/env bash
# A sweep killed part-way (SIGKILL) keeps its completed runs; --resume runs only the missing
# ones and the final file equals that of an uninterrupted sweep. Also: without --resume, an
# existing journal is refused rather than thrown away.
# Usage: kill_resume.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
sovsim=$1 python=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
cat > slow.yaml <<'YAML'
title: slow Ishigami for the kill test
model: ishigami
seed: 11
replications: 4
design: {type: lhs, samples: 40}
parameters:
  - {key: x1, range: [-3.14, 3.14]}
  - {key: x2, range: [-3.14, 3.14]}
  - {key: x3, range: [-3.14, 3.14]}
  - {key: noise, values: [0.2]}
  - {key: cost_ms, values: [20]}
YAML
"$sovsim" sweep slow.yaml -o reference.h5 --jobs 2 -q

"$sovsim" sweep slow.yaml -o killed.h5 --jobs 2 -q &
pid=$!
# Wait until some runs are in the journal, then kill -9.
for _ in $(seq 1 200); do
  size=$(stat -c %s killed.h5.journal 2>/dev/null || echo 0)
  (( size > 2000 )) && break
  sleep 0.05
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
[[ ! -e killed.h5 ]] || fail "a killed sweep left its final file"
[[ -s killed.h5.journal ]] || fail "no journal after the kill"

if "$sovsim" sweep slow.yaml -o killed.h5 -q 2> err.txt; then fail "restart without --resume accepted an old journal"; fi
grep -q -- "--resume" err.txt || { cat err.txt; fail "no hint to use --resume"; }

"$sovsim" sweep slow.yaml -o killed.h5 --jobs 2 --resume 2> resume.txt
cat resume.txt
grep -q "resuming: [1-9][0-9]* of 160 runs already done" resume.txt || fail "resume did not reuse completed runs"
"$python" "$src/tests/sweep/compare_sweeps.py" reference.h5 killed.h5
[[ ! -e killed.h5.journal ]] || fail "journal left behind"

# SIGINT: a clean stop (exit 130), runs kept, resume completes.
"$sovsim" sweep slow.yaml -o interrupted.h5 --jobs 2 -q &
pid=$!
sleep 1
kill -INT "$pid"
set +e; wait "$pid"; rc=$?; set -e
[[ $rc -eq 130 ]] || fail "SIGINT gave exit $rc, expected 130"
"$sovsim" sweep slow.yaml -o interrupted.h5 --jobs 2 --resume -q
"$python" "$src/tests/sweep/compare_sweeps.py" reference.h5 interrupted.h5
echo "kill_resume: OK"
