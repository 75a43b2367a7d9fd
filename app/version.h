#pragma once
// Generated at build time by cmake/WriteVersion.cmake.
namespace sovsim {
const char* version();
const char* git_revision();
}  // namespace sovsim
