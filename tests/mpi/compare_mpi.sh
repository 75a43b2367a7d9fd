#!/usr/bin/env bash
# sovsim compare under real `mpirun -n 2` writes the same file as with one local thread, and
# prints the comparison once (rank 0).
# Usage: compare_mpi.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR MPIEXEC
set -euo pipefail
sovsim=$1 python=$2 src=$3 work=$4 mpiexec=$5
rm -rf "$work" && mkdir -p "$work" && cd "$work"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_plm=isolated
export OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_rmaps_base_oversubscribe=1
cp "$src/scenarios/examples/minimal.yaml" .
printf 'base: minimal.yaml\nname: minimal-sooner\nlogistics: {transit_time: {lognormal: {median: 10 days, p90: 20 days}}}\n' > sooner.yaml
"$sovsim" compare minimal.yaml sooner.yaml --replications 12 --jobs 1 -q -o local.h5 > local.txt
"$mpiexec" -n 2 --oversubscribe "$sovsim" compare minimal.yaml sooner.yaml --replications 12 -q -o mpi.h5 > mpi.txt
"$python" "$src/tests/sweep/compare_sweeps.py" local.h5 mpi.h5
cmp local.h5 mpi.h5
cmp local.txt mpi.txt || { echo "mpirun printed another table (once per rank?)"; diff local.txt mpi.txt; exit 1; }
grep -q "minimal-sooner (sooner.yaml) against minimal" mpi.txt
echo "compare_mpi: OK"
