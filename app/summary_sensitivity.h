#pragma once
// `sovsim summary` of a Sobol' or Morris sweep: the table's section of sensitivity notes. The notes
// themselves (a struct per indicator) are read by output/sweep/sensitivity_notes.h; their names
// are brought here for the printers.

#include <ostream>

#include "output/sweep/sensitivity_notes.h"

namespace sovsim::cli {

using output::sweep::IndicatorSensitivityNote;
using output::sweep::read_sensitivity_notes;
using output::sweep::SensitivityNotes;
using output::sweep::withheld_reason;

// The table's section.
void print_sensitivity_notes(std::ostream& out, const SensitivityNotes& notes);

}  // namespace sovsim::cli
