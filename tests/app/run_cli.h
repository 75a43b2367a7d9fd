#pragma once
// Runs the sovsim command line in-process (main_dispatch) and captures its exit code and output:
// the one runner the app tests share.
#include <sstream>
#include <string>

#include "app/cli.h"

namespace sovsim::cli {

struct Result {
  int code = -1;
  std::string out, err;
};

inline Result sovsim(const Args& args) {
  std::ostringstream out, err;
  Result r;
  r.code = main_dispatch(args, {out, err});
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace sovsim::cli
