#pragma once
// Targets and observations during a run: each is a dated condition on an output quantity in a
// scope (models/scenario.h, Condition). The monitor evaluates the quantity from the model's state
// itself, never from sampled series:
//   - on its date: an event at the end of that day (00:00 UTC of the next day, Priority::First, so
//     before anything else of that instant) reads the quantity exactly then;
//   - the first instant the condition held: checked at the end of every instant in which an event
//     fired (the state is constant between instants), until it first holds. Facility energy grows
//     continuously between instants; its crossing is found exactly from the constant draw between
//     them.

#include <cstddef>
#include <vector>

#include "models/rollout/headline.h"
#include "models/rollout/world.h"

namespace models::rollout {

class ConditionMonitor {
 public:
  // Resolves the scopes of the scenario's targets and observations (throws std::invalid_argument for
  // an unknown name: the loader rejects those, but models are also built from C++).
  explicit ConditionMonitor(const Catalogue& catalogue);

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
    int buyer = -1;                  // buyer scope
    std::vector<std::size_t> sites;  // site, zone and national scopes: the sites summed
    double low = 0, high = 0;        // the condition holds when low <= quantity <= high
    sim::Ticks at = 0;               // the end of its date
  };
  double quantity(const World& w, const Spec& s, sim::Ticks now) const;

  std::size_t target_count_ = 0;
  std::vector<Spec> specs_;
  std::vector<ConditionOutcome> outcomes_;
  std::vector<std::size_t> pending_;  // conditions that have not held yet
};

}  // namespace models::rollout
