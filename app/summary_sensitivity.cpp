#include "app/summary_sensitivity.h"

#include <fmt/format.h>

namespace sovsim::cli {

void print_sensitivity_notes(std::ostream& out, const SensitivityNotes& notes) {
  out << "\nSensitivity: how each indicator's indices were computed\n";
  for (const IndicatorSensitivityNote& n : notes.indicators) {
    out << fmt::format("  {}: {}", n.indicator, n.note);
    if (!n.noise_text.empty()) out << "; " << n.noise_text;
    out << "\n";
    if (!n.untrusted_text.empty()) out << "    " << n.untrusted_text << "\n";
  }
  if (!notes.overall.empty()) out << "  " << notes.overall << "\n";
}

}  // namespace sovsim::cli
