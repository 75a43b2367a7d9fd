#!/usr/bin/env bash
# A sweep under real `mpirun -n 2` writes the same file as the 1-thread local sweep.
# Usage: sweep_mpi.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR MPIEXEC
set -euo pipefail
sovsim=$1 python=$2 src=$3 work=$4 mpiexec=$5
rm -rf "$work" && mkdir -p "$work" && cd "$work"
# Running as root in a sandbox without ssh (docs/sweeps.md, "MPI").
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_plm=isolated
export OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_rmaps_base_oversubscribe=1
for sweep in ishigami-sobol ishigami-mc; do
  file=$src/tests/sweep/data/$sweep.yaml
  "$sovsim" sweep "$file" -o "local-$sweep.h5" --jobs 1 -q
  "$mpiexec" -n 2 --oversubscribe "$sovsim" sweep "$file" -o "mpi-$sweep.h5" -q
  "$python" "$src/tests/sweep/compare_sweeps.py" "local-$sweep.h5" "mpi-$sweep.h5"
  cmp "local-$sweep.h5" "mpi-$sweep.h5"
done
# Three ranks, more runs than ranks, runs of unequal cost: still the same file.
"$mpiexec" -n 3 --oversubscribe "$sovsim" sweep "$src/tests/sweep/data/ishigami-mc.yaml" -o mpi3.h5 -q
cmp local-ishigami-mc.h5 mpi3.h5
echo "sweep_mpi: OK"
