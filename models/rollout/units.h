#pragma once
// Fixed-point quantities the rollout model adds and subtracts many times. Power, rack space and
// land are kept as 64-bit integers so that a site's committed load after a million admissions,
// failures and retirements is exactly the sum of its parts (no floating-point drift), and so
// that the max-flow solver works on exact integer capacities.
//
//   power  milliwatts (1 MW = 1e9 mW; int64 holds 9.2e9 MW)
//   racks  micro-racks (1 rack = 1e6)
//   land   micro-hectares (1 ha = 1e6)

#include <cmath>
#include <cstdint>

namespace models::rollout {

using Milliwatts = std::int64_t;
using MicroRacks = std::int64_t;
using MicroHectares = std::int64_t;

inline constexpr double kMilliwattsPerMw = 1e9;
inline constexpr double kMicroPerUnit = 1e6;
// Capacities above this (1 TW) are treated as unlimited; it keeps sums of capacities far from
// int64 overflow.
inline constexpr Milliwatts kUnlimitedPower = 1'000'000'000'000'000;

inline Milliwatts to_milliwatts(double mw) {
  const double v = std::round(mw * kMilliwattsPerMw);
  if (v >= static_cast<double>(kUnlimitedPower)) return kUnlimitedPower;
  if (v <= -static_cast<double>(kUnlimitedPower)) return -kUnlimitedPower;
  return static_cast<Milliwatts>(v);
}
inline double to_mw(Milliwatts p) { return static_cast<double>(p) / kMilliwattsPerMw; }
inline std::int64_t to_micro(double x) { return static_cast<std::int64_t>(std::llround(x * kMicroPerUnit)); }
inline double from_micro(std::int64_t x) { return static_cast<double>(x) / kMicroPerUnit; }

}  // namespace models::rollout
