#pragma once
// Targets and observations during a run: each is a dated condition on an output quantity in a
// scope (models/scenario.h, Condition). The monitor evaluates the quantity from the model's state
// itself, never from sampled series:
//   - on its date: an event at the end of that day (00:00 UTC of the next day, Priority::First, so
//     before anything else of that instant) reads the quantity exactly then;
//   - the first instant the condition held: checked at the end of every instant in which an event
//     fired (the state is constant between instants), until it first holds. Facility energy grows
//     continuously between instants; its crossing is found exactly from the constant draw between
//     them. Any other quantity is re-evaluated only when what it reads has changed since it was last
//     evaluated (the change counters of Accounting and World::site_fields_changes): most instants of
//     a run are failure candidates and repairs, which change none of what most conditions read. A
//     condition that did not hold with the same values still does not, so the first-met dates are
//     the same as with an evaluation at every instant. With `verify` (the run's --check), every
//     skipped evaluation is made anyway and must give the last value (else InvariantViolation).

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/rollout/headline.h"
#include "models/rollout/world.h"

namespace models::rollout {

// Whether GPU failures (failures, repairs, spares) change the quantity: the operational counts and
// what follows from them. A sweep that keeps no condition on such a quantity, and nothing else they
// change, runs without them (RunOptions::failure_process).
bool changed_by_failures(ConditionQuantity q);

class ConditionMonitor {
 public:
  // Resolves the scopes of the scenario's targets and observations (throws std::invalid_argument for
  // an unknown name: the loader rejects those, but models are also built from C++).
  explicit ConditionMonitor(const Catalogue& catalogue, bool verify = false);

  // Schedules each condition's evaluation at the end of its date (Event::Condition, index k over
  // targets then observations).
  void schedule(World& w) const;
  // The instant `instant` is over (the next event is at `now` > instant): checks the conditions that
  // have not held yet.
  void instant_ended(const World& w, sim::Ticks instant, sim::Ticks now);
  // Event::Condition k: the end of condition k's date.
  void on_date(const World& w, std::size_t k);
  // Outcomes so far, split into targets and observations.
  void fill(Headline& h) const;

  bool empty() const { return specs_.empty(); }

 private:
  struct Spec {
    ConditionQuantity quantity = ConditionQuantity::GpusEnteredService;
    int buyer = -1;                      // buyer scope
    std::vector<std::size_t> sites;      // site, zone and national scopes: the sites summed
    double low = 0, high = 0;            // the condition holds when low <= quantity <= high
    sim::Ticks at = 0;                   // the end of its date
    std::size_t source = kEveryInstant;  // change_source(quantity)
  };
  double quantity(const World& w, const Spec& s, sim::Ticks now) const;
  // The change counters conditions read: what a quantity reads changed iff its counter did.
  using ChangeCounts = std::array<std::uint64_t, 4>;
  static ChangeCounts change_counts(const World& w);
  // The counter of what the quantity reads; kEveryInstant for facility energy, which grows
  // between instants.
  static constexpr std::size_t kEveryInstant = 4;
  static std::size_t change_source(ConditionQuantity q);

  struct LastEvaluation {
    bool done = false;
    std::uint64_t changes = 0;  // changes(w, quantity) when evaluated
    double value = 0;
  };

  std::size_t target_count_ = 0;
  bool verify_ = false;
  std::vector<Spec> specs_;
  std::vector<ConditionOutcome> outcomes_;
  std::vector<std::size_t> pending_;   // conditions that have not held yet
  std::vector<LastEvaluation> last_;   // per condition, its last evaluation while pending
  ChangeCounts seen_{};                // the counters at the end of the last instant
  unsigned pending_sources_ = ~0u;     // bit i: a pending condition reads counter i
  bool every_instant_pending_ = true;  // a pending condition is evaluated at every instant
};

}  // namespace models::rollout
