#include "sim/sweep/paired.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace sim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// -1: a before b, +1: a after b, 0: equal, nullopt-like 2: no order known.
constexpr int kUnordered = 2;
int order(double a, double b, bool censored_is_beyond) {
  const bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) {
    if (!censored_is_beyond || (na && nb)) return kUnordered;
    return na ? 1 : -1;  // the censored one lies beyond
  }
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace

std::string_view preference_name(Preference p) {
  switch (p) {
    case Preference::Lower:
      return "lower";
    case Preference::Higher:
      return "higher";
    case Preference::None:
      break;
  }
  return "none";
}

Preference parse_preference(std::string_view text) {
  if (text == "lower") return Preference::Lower;
  if (text == "higher") return Preference::Higher;
  return Preference::None;
}

PairedDifference paired_difference(std::span<const double> reference, std::span<const double> variant,
                                   const IndicatorRule& rule, RandomStream& bootstrap, std::size_t resamples,
                                   double level) {
  if (reference.size() != variant.size())
    throw std::invalid_argument("paired_difference: reference and variant have different replications");
  PairedDifference d;
  d.replications = reference.size();
  std::vector<double> differences;
  std::size_t lower = 0, higher = 0, equal = 0, unordered = 0;
  for (std::size_t r = 0; r < reference.size(); ++r) {
    const double a = reference[r], b = variant[r];
    const bool na = std::isnan(a), nb = std::isnan(b);
    if (na && nb) {
      ++d.censored_both;
    } else if (na) {
      ++d.censored_reference;
    } else if (nb) {
      ++d.censored_variant;
    } else {
      ++d.valued;
      differences.push_back(b - a);
    }
    switch (order(b, a, rule.censored_is_beyond)) {
      case -1:
        ++lower;
        break;
      case 1:
        ++higher;
        break;
      case 0:
        ++equal;
        break;
      default:
        ++unordered;
    }
  }
  const double n = static_cast<double>(d.replications);
  const auto share = [&](std::size_t k) { return d.replications == 0 ? kNaN : static_cast<double>(k) / n; };
  d.share_equal = share(equal);
  d.share_undetermined = share(unordered);
  if (rule.preference == Preference::None) {
    d.share_better = d.share_worse = kNaN;
  } else {
    const bool lower_better = rule.preference == Preference::Lower;
    d.share_better = share(lower_better ? lower : higher);
    d.share_worse = share(lower_better ? higher : lower);
  }

  d.mean = mean(differences);
  const std::vector<double> qs = quantiles(differences, kQuantileLevels);
  for (std::size_t k = 0; k < kQuantileCount; ++k) d.quantile[k] = qs[k];
  d.mean_low = d.mean_high = kNaN;
  if (differences.size() >= 2 && resamples > 0) {
    const std::size_t m = differences.size();
    std::vector<double> means(resamples);
    for (std::size_t b = 0; b < resamples; ++b) {
      double sum = 0;
      for (std::size_t i = 0; i < m; ++i) sum += differences[bootstrap.below(m)];
      means[b] = sum / static_cast<double>(m);
    }
    const double levels[] = {(1 - level) / 2, (1 + level) / 2};
    const std::vector<double> interval = quantiles(means, levels);
    d.mean_low = interval[0];
    d.mean_high = interval[1];
  }
  return d;
}

std::vector<PairedDifference> paired_differences(const Eigen::MatrixXd& runs, std::size_t points,
                                                 std::size_t replications, std::size_t variants,
                                                 std::span<const IndicatorRule> rules) {
  if (variants == 0 || points % variants != 0)
    throw std::invalid_argument("paired_differences: the points are not variants x design points");
  if (static_cast<std::size_t>(runs.rows()) != points * replications ||
      static_cast<std::size_t>(runs.cols()) != rules.size())
    throw std::invalid_argument("paired_differences: runs is not (points x replications) x indicators");
  const std::size_t design_points = points / variants;
  std::vector<PairedDifference> out;
  out.reserve(points * rules.size());
  std::vector<double> reference(replications), variant(replications);
  for (std::size_t p = 0; p < points; ++p) {
    const std::size_t base = p % design_points;  // the same design point on variant 0
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const auto col = static_cast<Eigen::Index>(i);
      for (std::size_t r = 0; r < replications; ++r) {
        reference[r] = runs(static_cast<Eigen::Index>(base * replications + r), col);
        variant[r] = runs(static_cast<Eigen::Index>(p * replications + r), col);
      }
      RandomStream stream(StreamKey{kPairedBootstrapSeed, p, "sweep.paired_bootstrap", i});
      out.push_back(paired_difference(reference, variant, rules[i], stream));
    }
  }
  return out;
}

}  // namespace sim::sweep
