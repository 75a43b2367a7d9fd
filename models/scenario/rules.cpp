// Cross-field rules: what a single key cannot check alone. Each rule is listed in words next to
// its record in schema.cpp (and so in docs/scenario-reference.md) and has a bad-input test. A
// rule only looks at values that were read without problems, so one mistake gives one message.

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "models/scenario/schema.h"

namespace models::scn {

namespace {

std::string iso(const sim::Date& d) { return sim::to_iso(d); }

class RuleChecker {
 public:
  RuleChecker(const Scenario& s, Reader& r) : s_(s), r_(r) {}

  void run() {
    horizon();
    power_priority();
    corridors();
    reinforcements();
    report_dates();
    zones();
    substations();
    outages();
    assessment_rules();
    templates();
    sites();
    orders();
    export_holds();
    operations();
    economics();
  }

 private:
  bool horizon_ok() const { return horizon_ok_; }

  void horizon() {
    if (!r_.ok("start") || !r_.ok("end")) return;
    if (!(s_.end > s_.start)) {
      r_.violation("end",
                   fmt::format("expected a date after start ({}), found '{}'", iso(s_.start), iso(s_.end)));
      return;
    }
    const sim::Date latest = sim::add_months(s_.start, 12 * Limits::kHorizonYears);
    if (s_.end > latest) {
      r_.violation("end", fmt::format("expected a date at most {} years after start (by {}), found '{}'",
                                      Limits::kHorizonYears, iso(latest), iso(s_.end)));
      return;
    }
    horizon_ok_ = true;
    if (!r_.ok("sample_interval")) return;
    const double days = horizon_days();
    const double samples = std::floor(days / s_.sample_interval_days);
    if (samples > Limits::kSamples) {
      r_.violation(
          "sample_interval",
          fmt::format("expected at most {} samples over the horizon of {} days, found {} samples of {}",
                      units::format_number(Limits::kSamples), days, units::format_number(samples),
                      r_.written("sample_interval",
                                 units::format_quantity(s_.sample_interval_days, units::Kind::Duration))));
    }
  }

  // Days from start to end, both included (the model's horizon ends at midnight after end).
  double horizon_days() const {
    return static_cast<double>(sim::days_from_civil(s_.end) - sim::days_from_civil(s_.start) + 1);
  }

  // A date within [lo, hi], described as `what`.
  void within(const std::string& path, const sim::Date& d, const sim::Date& lo, const sim::Date& hi,
              std::string_view what) {
    if (!r_.ok(path) || !r_.given(path)) return;
    if (d < lo || d > hi) {
      r_.violation(path, fmt::format("expected a date within [{}, {}] ({}), found '{}'", iso(lo), iso(hi),
                                     what, iso(d)));
    }
  }

  void not_after_end(const std::string& path, const sim::Date& d) {
    if (!horizon_ok() || !r_.ok(path) || !r_.given(path)) return;
    if (d > s_.end)
      r_.violation(path,
                   fmt::format("expected a date no later than end ({}), found '{}'", iso(s_.end), iso(d)));
  }

  void power_priority() {
    if (s_.power_sharing != PowerSharing::PriorityList || !r_.ok("power_priority") || !r_.ok("sites")) return;
    std::vector<std::string> missing;
    for (const Site& site : s_.sites) {
      if (site.name.empty()) continue;
      if (std::find(s_.power_priority.begin(), s_.power_priority.end(), site.name) ==
          s_.power_priority.end()) {
        missing.push_back(site.name);
      }
    }
    if (!missing.empty()) {
      r_.violation("power_priority",
                   fmt::format("expected every site with power_sharing: priority_list, found no entry "
                               "for {}",
                               name_list(missing)));
    }
  }

  void corridors() {
    for (std::size_t i = 0; i < s_.corridors.size(); ++i) {
      const Corridor& c = s_.corridors[i];
      const std::string path = index_path("corridors", i);
      if (r_.ok(join_path(path, "from")) && r_.ok(join_path(path, "to")) && c.from == c.to) {
        r_.violation(join_path(path, "to"),
                     fmt::format("expected a zone other than from ({}), found '{}'", c.from, c.to));
      }
    }
  }

  void reinforcements() {
    for (std::size_t i = 0; i < s_.reinforcements.size(); ++i) {
      const Reinforcement& x = s_.reinforcements[i];
      const std::string path = index_path("reinforcements", i);
      if (!r_.ok(path)) continue;
      one_grid_element(path, x.layer);
      if (horizon_ok()) within(join_path(path, "date"), x.date, s_.start, s_.end, "the horizon");
    }
  }

  void report_dates() {
    if (!horizon_ok()) return;
    for (std::size_t i = 0; i < s_.report_dates.size(); ++i) {
      const std::string path = index_path("report_dates", i);
      if (r_.ok(path))
        within(join_path(path, "date"), s_.report_dates[i].date, s_.start, s_.end, "the horizon");
    }
  }

  // A reinforcement or an outage names exactly one of a zone, a corridor and a substation, and
  // `layer: local_network` only with a zone.
  void one_grid_element(const std::string& path, ZoneLayer layer) {
    std::vector<std::string> named;
    for (const char* key : {"zone", "corridor", "substation"}) {
      if (r_.given(join_path(path, key))) named.push_back(key);
    }
    if (named.size() != 1) {
      r_.violation(path, fmt::format("expected exactly one of zone, corridor and substation, found {}",
                                     named.empty() ? std::string("none") : name_list(named)));
    } else if (named[0] != "zone" && r_.ok(join_path(path, "layer")) && layer == ZoneLayer::LocalNetwork) {
      r_.violation(join_path(path, "layer"),
                   fmt::format("expected layer local_network only with zone, found it with {}", named[0]));
    }
  }

  void zones() {
    for (std::size_t i = 0; i < s_.zones.size(); ++i) {
      const std::string path = join_path(index_path("zones", i), "background_load");
      if (!r_.ok(path)) continue;
      const std::vector<LoadStep>& steps = s_.zones[i].background_load;
      for (std::size_t k = 1; k < steps.size(); ++k) {
        if (!(steps[k].date > steps[k - 1].date)) {
          r_.violation(join_path(index_path(path, k), "date"),
                       fmt::format("expected a date after the previous step's ({}), found '{}'",
                                   iso(steps[k - 1].date), iso(steps[k].date)));
          break;
        }
      }
    }
  }

  void substations() {
    for (std::size_t i = 0; i < s_.substations.size(); ++i) {
      const std::string path = index_path("substations", i);
      if (s_.substations[i].energised)
        not_after_end(join_path(path, "energised"), *s_.substations[i].energised);
    }
  }

  void outages() {
    for (std::size_t i = 0; i < s_.outages.size(); ++i) {
      const std::string path = index_path("outages", i);
      if (!r_.ok(path)) continue;
      one_grid_element(path, s_.outages[i].layer);
      if (horizon_ok())
        within(join_path(path, "start"), s_.outages[i].start, s_.start, s_.end, "the horizon");
    }
  }

  void assessment_rules() {
    for (std::size_t i = 0; i < s_.assessment_rules.size(); ++i) {
      const std::string path = index_path("assessment_rules", i);
      if (!r_.ok(path)) continue;
      bool any = false;
      for (const char* key : {"threshold", "pass_probability", "assessment_time"}) {
        any = any || r_.given(join_path(path, key));
      }
      if (!any) {
        r_.violation(path,
                     "expected at least one of threshold, pass_probability and assessment_time, found none");
      }
    }
  }

  // The zone of the substation named by a connection of `site`, when both were read.
  void connection_substation(const Site& site, const std::string& site_path, const std::string& cpath,
                             const GridConnection& c) {
    const std::string key = join_path(cpath, "substation");
    if (c.substation.empty() || !r_.ok(key) || !r_.ok(join_path(site_path, "zone"))) return;
    for (const Substation& b : s_.substations) {
      if (b.name == c.substation && !b.zone.empty() && b.zone != site.zone) {
        r_.violation(key, fmt::format("expected a substation in the site's zone ({}), found '{}' in zone {}",
                                      site.zone, c.substation, b.zone));
      }
    }
  }

  void templates() {
    for (std::size_t i = 0; i < s_.construction_templates.size(); ++i) {
      const std::string path = join_path(index_path("construction_templates", i), "tasks");
      if (!r_.ok(path)) continue;
      const std::vector<ConstructionTask>& tasks = s_.construction_templates[i].tasks;
      std::map<std::string, std::size_t> index;
      for (std::size_t t = 0; t < tasks.size(); ++t) index.emplace(tasks[t].name, t);
      // Depth-first search; `state` 0 unvisited, 1 on the stack, 2 done.
      std::vector<int> state(tasks.size(), 0);
      std::vector<std::size_t> stack;
      for (std::size_t t = 0; t < tasks.size(); ++t) {
        if (state[t] == 0 && find_cycle(tasks, index, t, state, stack, path)) return;
      }
    }
  }

  bool find_cycle(const std::vector<ConstructionTask>& tasks, const std::map<std::string, std::size_t>& index,
                  std::size_t t, std::vector<int>& state, std::vector<std::size_t>& stack,
                  const std::string& path) {
    state[t] = 1;
    stack.push_back(t);
    for (const std::string& before : tasks[t].after) {
      const auto it = index.find(before);
      if (it == index.end()) continue;  // an unknown name, reported as such
      const std::size_t u = it->second;
      if (state[u] == 1) {
        std::string cycle;
        for (auto k = std::find(stack.begin(), stack.end(), u); k != stack.end(); ++k) {
          cycle += tasks[*k].name + " -> ";
        }
        cycle += tasks[u].name;
        r_.violation(join_path(index_path(path, t), "after"),
                     fmt::format("expected tasks without a cycle, found {} (each after the next)", cycle));
        return true;
      }
      if (state[u] == 0 && find_cycle(tasks, index, u, state, stack, path)) return true;
    }
    stack.pop_back();
    state[t] = 2;
    return false;
  }

  void sites() {
    for (std::size_t i = 0; i < s_.sites.size(); ++i) {
      const Site& site = s_.sites[i];
      const std::string path = index_path("sites", i);
      for (std::size_t h = 0; h < site.halls.size(); ++h) hall(site, path, h);
      for (std::size_t c = 0; c < site.connections.size(); ++c) {
        const std::string cpath = index_path(join_path(path, "connections"), c);
        if (!r_.ok(cpath)) continue;
        if (r_.ok(join_path(cpath, "connected_at_start")) && !site.connections[c].connected_at_start) {
          for (const char* key : {"applied", "lead_time"}) {
            if (!r_.given(join_path(cpath, key))) {
              r_.violation(r_.origin(cpath), join_path(cpath, key),
                           "required key is missing (connected_at_start is false)");
            }
          }
        }
        not_after_end(join_path(cpath, "applied"), site.connections[c].applied);
        connection_substation(site, path, cpath, site.connections[c]);
      }
      for (std::size_t g = 0; g < site.generation.size(); ++g) {
        const std::string gpath = index_path(join_path(path, "generation"), g);
        not_after_end(join_path(gpath, "available_from"), site.generation[g].available_from);
        daily_shape(site.generation[g], gpath);
      }
    }
  }

  void daily_shape(const OnSiteGeneration& g, const std::string& path) {
    const std::string shape = join_path(path, "daily_shape");
    if (!r_.ok(shape) || g.daily_shape.empty()) return;
    if (r_.given(join_path(path, "capacity_factor"))) {
      r_.violation(join_path(path, "capacity_factor"),
                   "expected either capacity_factor or daily_shape, found both (the shape's mean is the "
                   "capacity factor)");
    }
    if (g.daily_shape.size() != 24) {
      r_.violation(shape, fmt::format("expected 24 rows (hours 0 to 23), found {}", g.daily_shape.size()));
      return;
    }
    for (std::size_t h = 0; h < 24; ++h) {
      const std::string hour = join_path(index_path(shape, h), "hour");
      if (r_.ok(hour) && g.daily_shape[h].hour != static_cast<int>(h)) {
        r_.violation(hour, fmt::format("expected hour {} (rows in order 0 to 23), found {}", h,
                                       g.daily_shape[h].hour));
        return;
      }
    }
  }

  // Dated changes: strictly ascending, within [start, end].
  template <class Change>
  void dated_changes(const std::vector<Change>& changes, const std::string& path) {
    if (!horizon_ok() || !r_.ok(path)) return;
    for (std::size_t k = 0; k < changes.size(); ++k) {
      const std::string date = join_path(index_path(path, k), "date");
      if (k > 0 && r_.ok(date) && r_.ok(join_path(index_path(path, k - 1), "date")) &&
          !(changes[k].date > changes[k - 1].date)) {
        r_.violation(date, fmt::format("expected a date after the previous change ({}), found '{}'",
                                       iso(changes[k - 1].date), iso(changes[k].date)));
      }
      within(date, changes[k].date, s_.start, s_.end, "start to end");
    }
  }

  void economics() {
    dated_changes(s_.economics.price_changes, "economics.price_changes");
    dated_changes(s_.economics.emission_factor_changes, "economics.emission_factor_changes");
  }

  void hall(const Site& site, const std::string& site_path, std::size_t h) {
    const Hall& hall = site.halls[h];
    const std::string path = index_path(join_path(site_path, "halls"), h);
    if (!r_.ok(path)) return;
    const std::string land = join_path(path, "land");
    if (r_.ok(join_path(site_path, "land")) && r_.ok(land) && hall.land_ha > site.land_ha) {
      r_.violation(land,
                   fmt::format("expected at most the site's land ({}), found {}",
                               units::format_quantity(site.land_ha, units::Kind::Area),
                               r_.written(land, units::format_quantity(hall.land_ha, units::Kind::Area))));
    }
    if (!r_.ok(join_path(path, "start"))) return;
    const char* start = hall.start == HallStart::Planned ? "planned" : "on_demand";
    if (hall.start == HallStart::Planned && !r_.given(join_path(path, "planned_start"))) {
      r_.violation(r_.origin(path), join_path(path, "planned_start"),
                   "required key is missing (start is planned)");
    }
    if (hall.start != HallStart::Existing && !r_.given(join_path(path, "construction"))) {
      r_.violation(r_.origin(path), join_path(path, "construction"),
                   fmt::format("required key is missing (start is {})", start));
    }
    if (hall.planned_start) not_after_end(join_path(path, "planned_start"), *hall.planned_start);
  }

  // Units installed at the start are in service from the start, so a later service date would
  // contradict them.
  void service_opens(const Order& o, const std::string& path) {
    if (!o.service_opens) return;
    const std::string key = join_path(path, "service_opens");
    not_after_end(key, *o.service_opens);
    if (o.installed_at_start > 0 && r_.ok(key) && r_.ok(join_path(path, "installed_at_start")) &&
        r_.ok("start") && *o.service_opens > s_.start) {
      r_.violation(
          key, fmt::format("expected a date no later than start ({}) for an order with installed_at_start "
                           "{} (those units are in service from the start), found '{}'",
                           iso(s_.start), o.installed_at_start, iso(*o.service_opens)));
    }
  }

  void orders() {
    std::map<std::string, std::size_t> products;
    for (std::size_t i = 0; i < s_.products.size(); ++i) products.emplace(s_.products[i].name, i);
    std::map<std::string, std::size_t> sites;
    for (std::size_t i = 0; i < s_.sites.size(); ++i) sites.emplace(s_.sites[i].name, i);
    const sim::Date earliest = sim::add_months(s_.start, -12 * Limits::kScheduleYearsBeforeStart);
    double gpus = 0;
    double all_units = 0;
    bool counted = true;
    for (std::size_t i = 0; i < s_.orders.size(); ++i) {
      const Order& o = s_.orders[i];
      const std::string path = index_path("orders", i);
      const std::string schedule = join_path(path, "schedule");
      if (r_.ok(schedule)) {
        for (std::size_t k = 0; k < o.schedule.size(); ++k) {
          const std::string date = join_path(index_path(schedule, k), "date");
          if (k > 0 && r_.ok(date) && r_.ok(join_path(index_path(schedule, k - 1), "date")) &&
              !(o.schedule[k].date > o.schedule[k - 1].date)) {
            r_.violation(date, fmt::format("expected a date after the previous entry's ({}), found '{}'",
                                           iso(o.schedule[k - 1].date), iso(o.schedule[k].date)));
          } else if (horizon_ok()) {
            within(date, o.schedule[k].date, earliest, s_.end,
                   fmt::format("from {} years before start to end", Limits::kScheduleYearsBeforeStart));
          }
        }
      }
      service_opens(o, path);
      double units = static_cast<double>(o.installed_at_start);
      for (const Shipment& sh : o.schedule) units += static_cast<double>(sh.units);
      all_units += units;
      const auto product = products.find(o.product);
      const auto site = sites.find(o.site);
      if (product == products.end() || !r_.ok(join_path(path, "product"))) {
        counted = false;
        continue;
      }
      gpus += units * s_.products[product->second].gpus_per_unit;
      if (site == sites.end() || !r_.ok(join_path(path, "site"))) continue;
      cooling(product->second, site->second, path);
    }
    if (counted && gpus > Limits::kGpus) {
      r_.violation(r_.origin("orders"), "orders",
                   fmt::format("expected at most {} GPUs in all orders, found {}; that is the limit",
                               units::format_number(Limits::kGpus), units::format_number(gpus)));
    }
    // A run keeps one record per unit (and its events), so units bound a run's memory.
    if (all_units > Limits::kUnits) {
      r_.violation(r_.origin("orders"), "orders",
                   fmt::format("expected at most {} units in all orders, found {}; that is the limit",
                               units::format_number(Limits::kUnits), units::format_number(all_units)));
    }
    // Candidate failures come at rate failures_per_gpu_day x GPUs ordered over the whole horizon
    // (thinning, models/rollout/operations.h), whatever the GPUs do; their expected number bounds a
    // run's time, as units bound its memory.
    const std::string rate = "operations.failures_per_gpu_day";
    if (counted && gpus <= Limits::kGpus && horizon_ok() && r_.ok(rate)) {
      const double lambda = s_.operations.failures_per_gpu_day;
      const double candidates = lambda * gpus * horizon_days();
      if (candidates > Limits::kFailureCandidates) {
        r_.violation(
            r_.origin("orders"), "orders",
            fmt::format("expected at most {} candidate failures per run on average (failures_per_gpu_day x "
                        "GPUs in all orders x days of the horizon), found {} = {} per GPU-day x {} GPUs x {} "
                        "days; that is the limit",
                        units::format_number(Limits::kFailureCandidates),
                        units::format_number(std::round(candidates)), units::format_number(lambda),
                        units::format_number(gpus), units::format_number(horizon_days())));
      }
    }
  }

  void cooling(std::size_t product_index, std::size_t site_index, const std::string& order_path) {
    const Product& product = s_.products[product_index];
    const Site& site = s_.sites[site_index];
    const std::string site_path = index_path("sites", site_index);
    if (!r_.ok(join_path(index_path("products", product_index), "cooling")) ||
        !r_.ok(join_path(site_path, "halls"))) {
      return;
    }
    for (std::size_t h = 0; h < site.halls.size(); ++h) {
      if (!r_.ok(join_path(index_path(join_path(site_path, "halls"), h), "cooling"))) return;
      if (site.halls[h].cooling == product.cooling) return;
    }
    const bool liquid = product.cooling == Cooling::Liquid;
    r_.violation(
        join_path(order_path, "site"),
        fmt::format("expected a site with {}-cooled hall for product {}, found site {}, which has {}",
                    liquid ? "a liquid" : "an air", quote(product.name), quote(site.name),
                    site.halls.empty() ? "no halls"
                    : liquid           ? "no liquid-cooled hall"
                                       : "no air-cooled hall"));
  }

  void export_holds() {
    if (!horizon_ok()) return;
    for (std::size_t i = 0; i < s_.export_holds.size(); ++i) {
      within(join_path(index_path("export_holds", i), "start"), s_.export_holds[i].start, s_.start, s_.end,
             "the horizon");
    }
  }

  void operations() {
    const Operations& o = s_.operations;
    if (r_.ok("operations.power_provisioning") && r_.ok("operations.average_to_peak_power") &&
        o.power_provisioning < o.average_to_peak_power) {
      r_.violation("operations.power_provisioning",
                   fmt::format("expected at least average_to_peak_power ({}): units would draw more on "
                               "average than the power reserved for them, found {}",
                               units::format_number(o.average_to_peak_power),
                               units::format_number(o.power_provisioning)));
    }
    const std::vector<FailureClass>& classes = s_.operations.failure_classes;
    const std::string path = "operations.failure_classes";
    if (classes.empty() || !r_.ok(path)) return;
    double sum = 0;
    for (std::size_t i = 0; i < classes.size(); ++i) {
      if (!r_.ok(join_path(index_path(path, i), "share"))) return;
      sum += classes[i].share;
    }
    if (std::fabs(sum - 1) > 1e-6) {
      r_.violation(
          path, fmt::format("expected shares that sum to 1, found a sum of {}", units::format_number(sum)));
    }
  }

  const Scenario& s_;
  Reader& r_;
  bool horizon_ok_ = false;
};

}  // namespace

void check_rules(const Scenario& scenario, Reader& reader) { RuleChecker(scenario, reader).run(); }

}  // namespace models::scn
