#include <iostream>

#include "app/cli.h"
#include "output/library.h"

int main(int argc, char** argv) {
  output::keep_library_out_of_exit();
  sovsim::cli::Args args(argv + 1, argv + argc);
  return sovsim::cli::main_dispatch(args, {std::cout, std::cerr});
}
