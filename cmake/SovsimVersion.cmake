# The version and git revision are regenerated at every build (not only at configure time), so
# `sovsim --version` and the provenance in output files name the code that actually ran.
set(SOVSIM_VERSION_CPP ${CMAKE_BINARY_DIR}/generated/sovsim_version.cpp)
add_custom_target(sovsim_version_stamp
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${SOVSIM_VERSION_CPP}
          -DVERSION=${PROJECT_VERSION} -P ${CMAKE_SOURCE_DIR}/cmake/WriteVersion.cmake
  BYPRODUCTS ${SOVSIM_VERSION_CPP}
  COMMENT "Stamping sovsim version"
  VERBATIM)
