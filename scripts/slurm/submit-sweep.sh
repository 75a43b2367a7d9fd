#!/usr/bin/env bash
# Submits a sweep as an array of N shards and a merge job that runs when all of them succeeded.
#
#   scripts/slurm/submit-sweep.sh SWEEP.yaml N PARTS_DIR OUT.h5 [extra sbatch options...]
#
# Prints the two job ids. Pass --wait as an extra option to block until the merge is done.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sweep=$1 shards=$2 parts=$3 out=$4
shift 4
wait_flag=()
extra=()
for a in "$@"; do
  if [[ $a == --wait ]]; then wait_flag=(--wait); else extra+=("$a"); fi
done
array=$(sbatch --parsable "${extra[@]}" --array=0-$((shards - 1)) "$here/sweep-array.sbatch" "$sweep" "$parts")
array=${array%%;*}
echo "array job $array"
merge=$(sbatch --parsable "${extra[@]}" "${wait_flag[@]}" --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
  "$here/merge.sbatch" "$parts" "$out")
echo "merge job ${merge%%;*}"
