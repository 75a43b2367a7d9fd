#!/usr/bin/env bash
# Regenerates every <case>.expected from the current `sovsim validate` (review the diff before
# committing: the expected files pin the exact messages).
#   tests/bad_input/update-expected.sh [path/to/sovsim]
set -euo pipefail
sovsim=$(realpath "${1:-build/sovsim}")
cd "$(dirname "$0")"
for yaml in [!_]*.yaml; do
  case=${yaml%.yaml}
  args=()
  if [[ -f $case.args ]]; then mapfile -t args <"$case.args"; fi
  "$sovsim" validate "${args[@]}" "$yaml" >/dev/null 2>"$case.expected" || true
done
