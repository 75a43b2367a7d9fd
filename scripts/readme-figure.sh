#!/usr/bin/env bash
# Regenerates the README's figure (docs/figures/korea-2026-rollout.png) from the current code: one
# run of scenarios/korea-2026.yaml at its own seed, then scripts/plot.py's rollout figure.
# Usage: scripts/readme-figure.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/sovsim" run "$root/scenarios/korea-2026.yaml" -o "$work/korea-2026.h5" --quiet > "$work/headline.txt"
/usr/bin/python3 "$root/scripts/plot.py" "$work/korea-2026.h5" -o "$work/figures" > /dev/null
cp "$work/figures/rollout.png" "$root/docs/figures/korea-2026-rollout.png"
head -12 "$work/headline.txt"
echo "wrote docs/figures/korea-2026-rollout.png"
