#!/usr/bin/env bash
# Installs every Debian 12 package sovsim needs to build, test, run sweeps and plot.
# Idempotent and non-interactive; run as root. Usage: scripts/setup-debian.sh
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build make pkg-config git ca-certificates
  # libraries found with find_package
  libboost-graph-dev libboost-program-options-dev libeigen3-dev
  libhdf5-dev hdf5-tools libdeflate-dev libyaml-cpp-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # clusters: MPI (optional at build time, used by the sweep tests) and a local Slurm for tests
  openmpi-bin libopenmpi-dev slurmctld slurmd slurm-client munge
  # external readers used by the output tests and the plotting script (Debian's /usr/bin/python3)
  python3 python3-h5py python3-xarray python3-netcdf4 python3-pandas python3-matplotlib netcdf-bin
  # R with ncdf4, for the R reader test (tests/e2e/test_ncdf4.R)
  r-base-core r-cran-ncdf4
  # formatting
  clang-format
  # fuzzing (CI)
  clang libfuzzer-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "setup-debian: all ${#packages[@]} packages already installed" >&2
  exit 0
fi
echo "setup-debian: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
