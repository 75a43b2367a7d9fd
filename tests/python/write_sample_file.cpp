// Writes the sample run of tests/output/sample_run.h for the Python reader tests.
//
//   write_sample_file OUT.h5 ROWS               a committed file
//   write_sample_file OUT.h5 ROWS --killed      OUT.h5.partial as a SIGKILLed run leaves it,
//                                               flushed every 100 rows
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#include "output/error.h"
#include "tests/output/sample_run.h"

namespace {

int write_killed(const std::string& path, std::size_t rows) {
  const pid_t child = ::fork();
  if (child < 0) return 1;
  if (child == 0) {
    try {
      output::WriterOptions options;
      options.flush_rows = 100;
      options.chunk_bytes = 512;  // every series' chunks end every 64 rows: flushed at row 128
      options.flush_min_interval = std::chrono::milliseconds(0);
      output::NetcdfWriter writer(path, output::test::sample_attributes(), options);
      const sim::RecordingSchema schema = output::test::sample_schema();
      writer.begin(schema);
      for (std::size_t r = 0; r < rows; ++r) {
        writer.append(sim::days(static_cast<std::int64_t>(r)), output::test::sample_row(schema, r));
      }
      ::raise(SIGKILL);
    } catch (const std::exception& e) {
      std::cerr << e.what() << '\n';
    }
    ::_exit(1);
  }
  int status = 0;
  if (::waitpid(child, &status, 0) != child || !WIFSIGNALED(status)) {
    std::cerr << "the writer process was not killed as planned\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4 || (argc == 4 && std::string(argv[3]) != "--killed")) {
    std::cerr << "usage: write_sample_file OUT.h5 ROWS [--killed]\n";
    return 2;
  }
  const std::string path = argv[1];
  const std::size_t rows = std::strtoull(argv[2], nullptr, 10);
  if (argc == 4) return write_killed(path, rows);
  try {
    output::NetcdfWriter writer(path, output::test::sample_attributes());
    output::test::write_sample(writer, rows);
    writer.commit();
  } catch (const output::Error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}
