#include "output/sweep/sensitivity_notes.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/sweep/sensitivity.h"

namespace output::sweep {

namespace sw = sim::sweep;

std::optional<SensitivityNotes> sensitivity_notes(const SweepFileContent& f) {
  const SweepVariable* note = f.variable("sensitivity_note");
  const SweepVariable* status = f.variable("sensitivity_status");
  const SweepDimension* indicator = f.dimension("indicator");
  const SweepDimension* parameter = f.dimension("parameter");
  if (!note || !indicator || !parameter) return std::nullopt;
  const SweepVariable* noise = f.variable("noise_share");
  const SweepVariable* first = f.variable("sobol_first_flag");
  const SweepVariable* total = f.variable("sobol_total_flag");
  const SweepVariable* mu_star = f.variable("morris_mu_star_flag");
  const SweepVariable* needed = f.variable("sobol_samples_needed");
  const bool morris = f.variable("morris_mu_star") != nullptr;
  if (morris) needed = f.variable("morris_trajectories_needed");
  SensitivityNotes notes;
  notes.design = morris ? "morris" : "sobol";
  const std::size_t d = parameter->labels.size();
  for (std::size_t i = 0; i < indicator->labels.size(); ++i) {
    IndicatorSensitivityNote n;
    n.indicator = indicator->labels[i];
    n.note = note->texts.at(i);
    n.status = status ? status->texts.at(i) : std::string();
    const bool withheld = n.status.starts_with("withheld") || n.note.starts_with("withheld");
    if (noise && !withheld) {
      const double share = noise->values.at(i);
      if (std::isnan(share)) {
        n.noise_text = "noise share not estimable with 1 replication per point (use replications >= 2)";
      } else {
        n.noise_share = share;
        n.noise_text = fmt::format("noise share {:.2f}", share);
        if (share > sw::kLargeNoiseShare) {
          n.noise_warning = true;
          n.noise_text += fmt::format(
              " (WARNING: above {:g}: the indices partly measure run-to-run noise; add replications)",
              sw::kLargeNoiseShare);
          ++notes.noisy;
        }
      }
    }
    for (std::size_t k = 0; k < d; ++k) {
      if (first && first->ints.at(i * d + k)) n.untrusted.push_back("S1 " + parameter->labels[k]);
      if (total && total->ints.at(i * d + k)) n.untrusted.push_back("ST " + parameter->labels[k]);
      if (mu_star && mu_star->ints.at(i * d + k)) n.untrusted.push_back("mu* " + parameter->labels[k]);
    }
    if (!n.untrusted.empty()) {
      ++notes.untrusted;
      std::string list;
      for (const std::string& u : n.untrusted) list += (list.empty() ? "" : ", ") + u;
      n.needed_of = morris ? "trajectories" : "base samples";
      if (needed && std::isfinite(needed->values.at(i))) n.needed = needed->values[i];
      const std::string rule =
          morris ? fmt::format(
                       "interval half-width > {:g} x max(mu*, {:g} x the largest mu*), or fewer "
                       "than 2 trajectories",
                       sw::kMorrisMaxRelativeHalfWidth, sw::kMorrisNegligibleShare)
                 : fmt::format("outside [{:g}, {:g}] or interval half-width > {:g}", sw::kIndexLow,
                               sw::kIndexHigh, sw::kMaxHalfWidth);
      const std::string how_many =
          n.needed
              ? fmt::format("about {} = {:g} {} would be needed", morris ? "r" : "N", *n.needed, n.needed_of)
              : std::string("the file does not say how many more samples would be needed");
      n.untrusted_text = fmt::format("NOT TO BE TRUSTED ({}): {}; {}", rule, list, how_many);
    }
    notes.indicators.push_back(std::move(n));
  }
  if (notes.noisy || notes.untrusted)
    notes.overall = fmt::format("{} indicator(s) with a large noise share, {} with indices not to be trusted",
                                notes.noisy, notes.untrusted);
  return notes;
}

std::optional<SensitivityNotes> read_sensitivity_notes(const std::filesystem::path& path) {
  return sensitivity_notes(read_sweep_file(path));
}

std::string withheld_reason(const SensitivityNotes& notes, const std::string& indicator) {
  for (const IndicatorSensitivityNote& n : notes.indicators) {
    if (n.indicator != indicator) continue;
    if (n.status == sw::status_name(sw::SensitivityStatus::WithheldNoValues))
      return "withheld: runs without a value";
    if (n.status == sw::status_name(sw::SensitivityStatus::WithheldNoVariance))
      return "withheld: no variance";
  }
  return "";
}

}  // namespace output::sweep
