#!/bin/bash
# Writes the real output files the end-to-end tests read: scenarios/examples/minimal.yaml as one
# run (run.h5) and as a small sweep (sweep.h5: 2 grid points x 3 replications, keep: series), and
# one run of scenarios/korea-2026.yaml (korea.h5: corridors and a substation, which minimal lacks).
# Usage: write_files.sh SOVSIM SOURCE_DIR OUT_DIR
set -euo pipefail
sovsim=$1 source=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
cp "$source/scenarios/examples/minimal.yaml" "$out/minimal.yaml"
cat > "$out/minimal.sweep.yaml" <<'YAML'
title: minimal sweep for the end-to-end tests
base: minimal.yaml
seed: 3
replications: 3
design: {type: grid}
keep: series
series_interval: 30 days
parameters:
  - {key: zones.region.headroom, values: [2 MW, 50 MW]}
YAML
"$sovsim" run "$out/minimal.yaml" -o "$out/run.h5" --quiet > "$out/run.txt"
"$sovsim" run "$source/scenarios/korea-2026.yaml" -o "$out/korea.h5" --quiet > "$out/korea.txt"
"$sovsim" sweep "$out/minimal.sweep.yaml" -o "$out/sweep.h5" --quiet
# A comparison of variants (sovsim compare): the minimal example against faster transit.
printf 'base: minimal.yaml\nname: minimal-sooner\nlogistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n' \
  > "$out/sooner.yaml"
"$sovsim" compare "$out/minimal.yaml" "$out/sooner.yaml" --replications 4 -o "$out/compare.h5" --quiet \
  > "$out/compare.txt"
echo "wrote $out/run.h5, $out/korea.h5, $out/sweep.h5 and $out/compare.h5"
