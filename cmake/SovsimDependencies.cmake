# Every dependency comes from a Debian 12 package; a missing one stops configuration and names
# the package to install. scripts/setup-debian.sh installs all of them.

function(sovsim_missing what debian_package)
  message(FATAL_ERROR
    "sovsim needs ${what}, which was not found.\n"
    "Install it with:  apt-get install ${debian_package}\n"
    "or install everything sovsim needs with:  bash scripts/setup-debian.sh")
endfunction()

find_package(Boost 1.74 QUIET COMPONENTS program_options)
if(NOT Boost_FOUND)
  sovsim_missing("Boost >= 1.74 (Graph, Program Options)" "libboost-graph-dev libboost-program-options-dev")
endif()
if(NOT EXISTS "${Boost_INCLUDE_DIRS}/boost/graph/adjacency_list.hpp")
  sovsim_missing("Boost Graph" "libboost-graph-dev")
endif()

find_package(Eigen3 3.3 QUIET NO_MODULE)
if(NOT Eigen3_FOUND)
  sovsim_missing("Eigen 3" "libeigen3-dev")
endif()

find_package(HDF5 QUIET COMPONENTS C HL)
if(NOT HDF5_FOUND OR NOT TARGET hdf5::hdf5 OR NOT TARGET hdf5::hdf5_hl)
  sovsim_missing("HDF5 with its high-level library" "libhdf5-dev")
endif()

find_package(yaml-cpp QUIET)
if(NOT yaml-cpp_FOUND)
  sovsim_missing("yaml-cpp" "libyaml-cpp-dev")
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  sovsim_missing("nlohmann-json (JSON output of summary, discover and compare)" "nlohmann-json3-dev")
endif()

find_package(fmt QUIET)
if(NOT fmt_FOUND)
  sovsim_missing("{fmt}" "libfmt-dev")
endif()

find_package(Threads REQUIRED)

if(BUILD_TESTING OR NOT DEFINED BUILD_TESTING)
  find_package(GTest QUIET)
  if(NOT GTest_FOUND)
    sovsim_missing("GoogleTest" "libgtest-dev libgmock-dev")
  endif()
endif()

if(SOVSIM_BENCHMARKS)
  find_package(benchmark QUIET)
  if(NOT benchmark_FOUND)
    sovsim_missing("Google Benchmark (or configure with -DSOVSIM_BENCHMARKS=OFF)" "libbenchmark-dev")
  endif()
endif()

set(SOVSIM_HAVE_MPI OFF)
if(NOT SOVSIM_MPI STREQUAL "OFF")
  find_package(MPI QUIET COMPONENTS CXX)
  if(MPI_CXX_FOUND)
    set(SOVSIM_HAVE_MPI ON)
  elseif(SOVSIM_MPI STREQUAL "ON")
    sovsim_missing("OpenMPI (SOVSIM_MPI=ON)" "openmpi-bin libopenmpi-dev")
  endif()
endif()
message(STATUS "sovsim: MPI sweeps ${SOVSIM_HAVE_MPI}")
