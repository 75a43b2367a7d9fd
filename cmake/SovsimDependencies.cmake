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

# libdeflate: the output writer deflates its chunks itself (output/chunk_encoder.h). It writes the
# zlib format HDF5's deflate filter reads, in about two thirds of zlib's time (docs/performance.md,
# "libdeflate for the run file's chunks"). Debian 12's package has a pkg-config file and no CMake
# package.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(LIBDEFLATE QUIET IMPORTED_TARGET libdeflate)
endif()
if(NOT TARGET PkgConfig::LIBDEFLATE)
  sovsim_missing("libdeflate (and pkg-config to find it)" "libdeflate-dev pkg-config")
endif()

# zlib: HDF5's deflate filter (the static HDF5 below needs it named) and the tests, which inflate
# the writer's chunks with it; zlib1g-dev comes with libhdf5-dev.
find_package(ZLIB QUIET)
if(NOT ZLIB_FOUND)
  sovsim_missing("zlib" "zlib1g-dev")
endif()

# Debian's shared HDF5 depends on libcurl (for its S3 driver, which sovsim never uses), and so
# brought 31 of the 51 libraries the dynamic loader relocated at every start: about 15 ms of each
# process (docs/performance.md, "Start-up"). The static archive, from the same libhdf5-dev
# package, pulls in only the objects sovsim calls, which need zlib and libsz alone.
option(SOVSIM_STATIC_HDF5 "Link Debian's static HDF5 archive (same package, faster start-up)" ON)
set(HDF5_USE_STATIC_LIBRARIES ${SOVSIM_STATIC_HDF5})
# FindHDF5 caches the library paths it found: a build directory configured before (or with the
# other value) would keep them, so they are forgotten when the choice changes.
if(NOT "${SOVSIM_STATIC_HDF5}" STREQUAL "${SOVSIM_STATIC_HDF5_CONFIGURED}")
  get_cmake_property(cached_variables CACHE_VARIABLES)
  foreach(variable IN LISTS cached_variables)
    if(variable MATCHES "^HDF5_.*_LIBRARY")
      unset(${variable} CACHE)
    endif()
  endforeach()
  set(SOVSIM_STATIC_HDF5_CONFIGURED "${SOVSIM_STATIC_HDF5}" CACHE INTERNAL "")
endif()
find_package(HDF5 QUIET COMPONENTS C HL)
if(NOT HDF5_FOUND OR NOT TARGET hdf5::hdf5 OR NOT TARGET hdf5::hdf5_hl)
  sovsim_missing("HDF5 with its high-level library" "libhdf5-dev")
endif()
# The one target every part of sovsim links for HDF5 (the writer, its tests).
add_library(sovsim_hdf5 INTERFACE)
add_library(sovsim::hdf5 ALIAS sovsim_hdf5)
target_link_libraries(sovsim_hdf5 INTERFACE hdf5::hdf5_hl hdf5::hdf5)
if(SOVSIM_STATIC_HDF5)
  # The static targets carry no dependencies of their own: HDF5's deflate and szip filters need
  # zlib and libsz (libaec's), both installed with libhdf5-dev.
  find_library(SOVSIM_LIBSZ NAMES sz)
  if(NOT SOVSIM_LIBSZ)
    sovsim_missing("zlib and libsz for the static HDF5 (or configure with -DSOVSIM_STATIC_HDF5=OFF)"
                   "libhdf5-dev")
  endif()
  target_link_libraries(sovsim_hdf5 INTERFACE ${SOVSIM_LIBSZ} ZLIB::ZLIB ${CMAKE_DL_LIBS} m)
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
