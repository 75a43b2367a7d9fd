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
# Bad input: every rank stops, rank 0 names the file, line and key, the exit is non-zero, and no
# rank waits for ever for the others (timeout gives 124).
printf 'base: missing.yaml\nreplications: 2\n' > bad.sweep.yaml
rc=0
timeout 120 "$mpiexec" -n 2 --oversubscribe "$sovsim" sweep bad.sweep.yaml -o bad.h5 -q 2> bad.err || rc=$?
if [[ $rc == 0 || $rc == 124 ]] || ! grep -q "bad.sweep.yaml:1:7: base: no such scenario file: 'missing.yaml'" bad.err \
  || [[ -e bad.h5 || -e bad.h5.journal ]]; then
  echo "bad input under mpirun: exit $rc, stderr:"; cat bad.err; exit 1
fi
echo "sweep_mpi: OK"
