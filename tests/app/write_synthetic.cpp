// Writes the synthetic files of tests/app/synthetic.h, for the plotting tests (tests/python) and
// for looking at the figures by hand.
//
//   write_synthetic run OUT.h5 [--without VARIABLE]...
//   write_synthetic sweep OUT.h5 grid|sobol|morris
#include <exception>
#include <iostream>
#include <string>

#include "tests/app/synthetic.h"

int main(int argc, char** argv) {
  const std::string usage =
      "usage: write_synthetic run OUT.h5 [--without VARIABLE]...\n"
      "       write_synthetic sweep OUT.h5 grid|sobol|morris\n";
  if (argc < 3) {
    std::cerr << usage;
    return 2;
  }
  const std::string kind = argv[1];
  try {
    if (kind == "run") {
      sovsim::test::RunOptions options;
      for (int i = 3; i < argc; ++i) {
        if (std::string(argv[i]) != "--without" || i + 1 >= argc) {
          std::cerr << usage;
          return 2;
        }
        options.without.insert(argv[++i]);
      }
      sovsim::test::write_run(argv[2], options);
      return 0;
    }
    if (kind == "sweep" && argc == 4) {
      const std::string design = argv[3];
      if (design == "grid") {
        sovsim::test::write_sweep(argv[2], sovsim::test::SweepDesign::Grid);
      } else if (design == "sobol") {
        sovsim::test::write_sweep(argv[2], sovsim::test::SweepDesign::Sobol);
      } else if (design == "morris") {
        sovsim::test::write_sweep(argv[2], sovsim::test::SweepDesign::Morris);
      } else {
        std::cerr << usage;
        return 2;
      }
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "write_synthetic: " << e.what() << "\n";
    return 1;
  }
  std::cerr << usage;
  return 2;
}
