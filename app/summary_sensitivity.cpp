#include "app/summary_sensitivity.h"

#include <fmt/format.h>

#include <cmath>

#include "output/sweep_writer.h"
#include "sim/sweep/sensitivity.h"

namespace sovsim::cli {

void print_sensitivity_notes(std::ostream& out, const std::filesystem::path& path) {
  const output::SweepFileContent f = output::read_sweep_file(path);
  const output::SweepVariable* note = f.variable("sensitivity_note");
  const output::SweepDimension* indicator = f.dimension("indicator");
  const output::SweepDimension* parameter = f.dimension("parameter");
  if (!note || !indicator || !parameter) return;
  const output::SweepVariable* noise = f.variable("noise_share");
  const output::SweepVariable* first = f.variable("sobol_first_flag");
  const output::SweepVariable* total = f.variable("sobol_total_flag");
  const output::SweepVariable* needed = f.variable("sobol_samples_needed");
  const std::size_t d = parameter->labels.size();
  out << "\nSensitivity: how each indicator's indices were computed\n";
  std::size_t noisy = 0, untrusted = 0;
  for (std::size_t i = 0; i < indicator->labels.size(); ++i) {
    out << fmt::format("  {}: {}", indicator->labels[i], note->texts.at(i));
    if (noise) {
      const double share = noise->values.at(i);
      if (std::isnan(share)) {
        if (note->texts[i].rfind("withheld", 0) != 0)
          out << "; noise share not estimable with 1 replication per point (use replications >= 2)";
      } else {
        out << fmt::format("; noise share {:.2f}", share);
        if (share > sim::sweep::kLargeNoiseShare) {
          out << fmt::format(
              " (WARNING: above {:g}: the indices partly measure run-to-run noise; add replications)",
              sim::sweep::kLargeNoiseShare);
          ++noisy;
        }
      }
    }
    out << "\n";
    if (first && total) {
      std::string flagged;
      for (std::size_t k = 0; k < d; ++k) {
        if (first->ints.at(i * d + k))
          flagged += (flagged.empty() ? "" : ", ") + ("S1 " + parameter->labels[k]);
        if (total->ints.at(i * d + k))
          flagged += (flagged.empty() ? "" : ", ") + ("ST " + parameter->labels[k]);
      }
      if (!flagged.empty()) {
        ++untrusted;
        out << fmt::format(
            "    NOT TO BE TRUSTED (outside [{:g}, {:g}] or interval half-width > {:g}): {}; about N = {:g} "
            "base samples would be needed\n",
            sim::sweep::kIndexLow, sim::sweep::kIndexHigh, sim::sweep::kMaxHalfWidth, flagged,
            needed ? needed->values.at(i) : std::nan(""));
      }
    }
  }
  if (noisy || untrusted)
    out << fmt::format("  {} indicator(s) with a large noise share, {} with indices not to be trusted\n",
                       noisy, untrusted);
}

}  // namespace sovsim::cli
