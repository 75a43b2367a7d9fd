#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan, every sovsim library
# instrumented) in build-fuzz/ and runs each for a fixed time. Fails on any crash, sanitizer
# report, leak, out-of-memory or timeout, and says where the failing input was saved.
#
# Usage: scripts/ci-fuzz.sh [SECONDS [TARGET...]]     (default: 60 seconds each, all targets)
#   SOVSIM_FUZZ_BUILD_DIR   build folder (default build-fuzz)
#   SOVSIM_FUZZ_ARGS        extra libFuzzer options, e.g. "-jobs=2 -workers=2"
#
# Each run starts from a fresh corpus folder, build-fuzz/fuzz/corpus/TARGET, filled with copies of
# the seeds (build-fuzz/tests/fuzz/TARGET.seeds, written by tests/fuzz/CMakeLists.txt); libFuzzer
# adds the inputs it finds there, never in the repository.
set -euo pipefail

budget="${1:-60}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_scenario fuzz_sweep fuzz_override)
if ! [[ "$budget" =~ ^[0-9]+$ ]] || ((budget < 1)); then
  echo "usage: scripts/ci-fuzz.sh [SECONDS [TARGET...]]" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build="${SOVSIM_FUZZ_BUILD_DIR:-build-fuzz}"
for tool in clang clang++; do
  command -v "$tool" >/dev/null || {
    echo "ci-fuzz: $tool not found; apt-get install clang libfuzzer-14-dev (scripts/setup-debian.sh)" >&2
    exit 2
  }
done

mkdir -p "$build"
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DSOVSIM_FUZZ=ON -DSOVSIM_BENCHMARKS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/ci-fuzz-configure.log" 2>&1 || {
  cat "$build/ci-fuzz-configure.log" >&2
  exit 2
}
cmake --build "$build" --target "${targets[@]}"

work="$build/fuzz"
export TMPDIR="$root/$work/tmp"  # fuzz_scenario's private folders
mkdir -p "$TMPDIR"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
read -r -a extra <<<"${SOVSIM_FUZZ_ARGS:-}"

failed=()
summary=()
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/$t"
  seeds="$build/tests/fuzz/$t.seeds"
  corpus="$work/corpus/$t"
  artifacts="$work/artifacts/$t"
  log="$work/$t.log"
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  while IFS= read -r seed; do
    [[ -n "$seed" ]] || continue
    rel="${seed#"$root"/}"
    cp "$seed" "$corpus/seed--${rel//\//--}"
  done <"$seeds"
  nseeds=$(find "$corpus" -type f | wc -l)

  echo "== $t: $budget s from $nseeds seeds (log: $log)"
  status=0
  "$bin" -max_total_time="$budget" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict=tests/fuzz/loaders.dict -artifact_prefix="$artifacts/" "${extra[@]}" "$corpus" >"$log" 2>&1 ||
    status=$?

  grep '^stat::' "$log" || true
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  seconds=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  rate="?"
  [[ -n "$runs" && -n "$seconds" && "$seconds" -gt 0 ]] && rate=$((runs / seconds))
  found=$(find "$artifacts" -type f | sort)
  reports=$(grep -cE '^==[0-9]+==ERROR|runtime error:|^SUMMARY: |deadly signal|ALARM: working on the last Unit' "$log" || true)

  if ((status != 0)) || [[ -n "$found" ]] || ((reports > 0)); then
    failed+=("$t")
    summary+=("$t: FAILED (exit $status) after ${runs:-?} runs")
    echo "-- $t FAILED (exit status $status); the end of $log:" >&2
    tail -n 60 "$log" >&2
    if [[ -n "$found" ]]; then
      echo "-- the failing input(s) were saved as:" >&2
      for f in $found; do echo "     $f" >&2; done
      echo "-- reproduce with: $bin <file>" >&2
      echo "-- after fixing the bug, keep each input as a regression test (run by ctest in every build):" >&2
      for f in $found; do echo "     cp $f tests/fuzz/regressions/$t/" >&2; done
    fi
  else
    summary+=("$t: ok, ${runs:-?} runs in ${seconds:-?} s (${rate} exec/s), corpus $nseeds -> $size inputs")
  fi
done

echo "== ci-fuzz summary ($budget s each)"
printf '   %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "ci-fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
