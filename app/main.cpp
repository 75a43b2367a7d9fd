#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  sovsim::cli::Args args(argv + 1, argv + argc);
  return sovsim::cli::main_dispatch(args, {std::cout, std::cerr});
}
