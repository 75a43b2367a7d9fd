#!/usr/bin/env bash
# A sweep as a Slurm array job of shards plus a dependent merge job, on a real single-node Slurm
# cluster started here on localhost (slurmctld, slurmd and munged from Debian), equals the local
# sweep; the MPI sbatch script is run too. The daemons are ours alone (own config, ports, state
# and munge socket under a temporary folder) and are always stopped by PID.
# Usage: sweep_slurm.sh SOVSIM PYTHON SOURCE_DIR WORK_DIR
set -euo pipefail
sovsim=$1 python=$2 src=$3 work=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client squeue:slurm-client munged:munge; do
  command -v "${tool%%:*}" > /dev/null ||
    fail "${tool%%:*} not found: apt-get install slurmctld slurmd slurm-client munge (or bash scripts/setup-debian.sh)"
done
[[ -r /etc/munge/munge.key ]] || fail "/etc/munge/munge.key missing: apt-get install munge"

rm -rf "$work" && mkdir -p "$work" && cd "$work"
tmp=$(mktemp -d /tmp/sovsim-slurm.XXXXXX)
chmod 755 "$tmp"  # munged (user munge) must reach its folder
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2> /dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
logs() { tail -n 20 "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/munge-log/munged.log 2> /dev/null || true; }

# munged's own checks: the socket folder open to all (755), the seed and log folders private.
mkdir -p "$tmp/munge" "$tmp/munge-lib" "$tmp/munge-log" "$tmp/state" "$tmp/spool"
chown munge: "$tmp/munge" "$tmp/munge-lib" "$tmp/munge-log"
chmod 755 "$tmp/munge"
chmod 700 "$tmp/munge-lib" "$tmp/munge-log"
socket=$tmp/munge/munge.socket
# Addresses, not names: a machine without /etc/hosts (a bare debootstrap) cannot resolve
# "localhost", and munged would otherwise look up the host name for its origin.
setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F --socket="$socket" --origin=127.0.0.1 \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munge-log/munged.log" \
  --seed-file="$tmp/munge-lib/munged.seed" &
pids+=($!)

port=$((20000 + ($$ % 5000) * 2))
cpus=$(nproc)
cat > "$tmp/slurm.conf" << CONF
ClusterName=sovsimtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$tmp/slurm.conf
for _ in $(seq 1 50); do [[ -S $socket ]] && break; sleep 0.1; done
[[ -S $socket ]] || fail "munged did not start: $(cat "$tmp/munge-log/munged.log" 2> /dev/null)"
slurmctld -D -f "$SLURM_CONF" > "$tmp/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" > "$tmp/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  sinfo -h -o %T 2> /dev/null | grep -q idle && break
  sleep 0.2
done
sinfo -h -o %T | grep -q idle || { logs; fail "the Slurm node did not become idle"; }

export SOVSIM=$sovsim
sweep=$src/tests/sweep/data/ishigami-mc.yaml
"$sovsim" sweep "$sweep" -o local.h5 --jobs 1 -q

# Route 1: array job of 4 shards + dependent merge job (the scripts users submit).
# Each job step has a deadline well inside ctest's (300 s), so that a cluster that never runs the
# jobs fails here with the daemons' logs and the daemons stopped, rather than being killed unseen.
timeout 100 bash "$src/scripts/slurm/submit-sweep.sh" "$sweep" 4 parts merged.h5 --wait > submit.txt ||
  { cat submit.txt; logs; fail "the array and merge jobs did not finish within 100 s"; }
cat submit.txt
[[ -e merged.h5 ]] || { tail -n 5 sovsim-*.out; fail "the merge job wrote no merged.h5"; }
ls parts
"$python" "$src/tests/sweep/compare_sweeps.py" local.h5 merged.h5
cmp local.h5 merged.h5

# Route 2: the MPI sbatch script (mpirun inside the allocation).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
timeout 100 sbatch --wait --ntasks=2 "$src/scripts/slurm/sweep-mpi.sbatch" "$sweep" mpi.h5 > /dev/null ||
  { cat sovsim-sweep-mpi-*.out; logs; fail "the MPI job failed or did not finish within 100 s"; }
"$python" "$src/tests/sweep/compare_sweeps.py" local.h5 mpi.h5
echo "sweep_slurm: OK"
