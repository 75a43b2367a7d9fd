#pragma once
// Applying a scenario's scale factors and shifts (models::Adjustments, Buyer/Order/Site shifts).
//
// The loader keeps the values as written next to the factors, so that `describe` round-trips and a
// factor set with --set or swept is validated by the same table as any other key. The model runs on
// adjusted(scenario): every affected duration distribution scaled (all parameters of a fixed,
// uniform, triangular, lognormal or exponential distribution are multiplied: the distribution of
// k·X), rates scaled, dates shifted by whole days (rounded to the nearest day), and the factors
// reset to 1 and the shifts to 0, so adjusted(adjusted(s)) == adjusted(s).

#include "models/scenario.h"

namespace models {

// The distribution of k·X for X ~ d (k > 0).
Distribution scaled(const Distribution& d, double k);

// The scenario the model runs on. A shifted shipment may fall before the start (it is then released
// at the start, as any earlier shipment) or after the end (it never ships within the horizon).
Scenario adjusted(const Scenario& scenario);

// True when every factor is 1 and every shift 0.
bool has_adjustments(const Scenario& scenario);

}  // namespace models
