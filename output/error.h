#pragma once
// The one error type of the output layer. HDF5 failures, OS failures (a missing or read-only
// directory, a failed rename) and misuse of the writer all become an Error whose message names
// the file, the object inside it and what failed, so the CLI can print it as it is.

#include <stdexcept>
#include <string>

namespace output {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace output
