# Compile options shared by every sovsim target, applied through an interface library so that
# third-party headers keep their own flags.
add_library(sovsim_options INTERFACE)
add_library(sovsim::options ALIAS sovsim_options)
# -Wmissing-field-initializers is off: scenario and recorder types are aggregates whose members
# all have defaults, meant to be built with designated initializers naming only what differs,
# and GCC 12 warns on every such initializer.
target_compile_options(sovsim_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                       -Wno-missing-field-initializers $<$<BOOL:${SOVSIM_WERROR}>:-Werror>)
# GCC 12 reports -Wrestrict false positives inside libstdc++ for `"literal" + std::string` at -O2
# (GCC bug 105329, fixed in GCC 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(sovsim_options INTERFACE -Wno-restrict)
endif()
target_compile_features(sovsim_options INTERFACE cxx_std_20)
if(SOVSIM_SANITIZE)
  target_compile_options(sovsim_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                         -fno-omit-frame-pointer -g)
  target_link_options(sovsim_options INTERFACE -fsanitize=address,undefined)
endif()
# SOVSIM_FUZZ (clang only; tests/fuzz, scripts/ci-fuzz.sh): every sovsim library is instrumented
# for libFuzzer's coverage feedback and built with ASan and UBSan; the fuzz targets themselves add
# -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt).
option(SOVSIM_FUZZ "Build the tests/fuzz targets with libFuzzer, ASan and UBSan (clang only)" OFF)
if(SOVSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SOVSIM_FUZZ needs clang: CC=clang CXX=clang++ cmake -DSOVSIM_FUZZ=ON ...")
  endif()
  target_compile_options(sovsim_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
  target_link_options(sovsim_options INTERFACE -fsanitize=address,undefined)
endif()
