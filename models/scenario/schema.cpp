// THE table of scenario keys. Every key a scenario file may hold is declared here once, with
// its kind, unit, default or requirement, allowed range and meaning; the loader, `describe` and
// docs/scenario-reference.md all follow it. Cross-field rules are listed with their record (in
// words) and checked in rules.cpp; each has a bad-input test.

#include "models/scenario/schema.h"

#include <fmt/format.h>

#include <tuple>

#include "models/scenario/conditions.h"

namespace models::scn {

namespace {

using U = units::Kind;

FieldInfo name_key(const std::string& what) {
  return {.key = "name",
          .type = Type::Identifier,
          .required = true,
          .description = fmt::format("identifier of the {}, unique among them", what)};
}

FieldInfo description_key() {
  return {.key = "description", .type = Type::Text, .description = "free text: what it is, sources"};
}

FieldInfo list_key(std::string key, std::size_t max_items, std::string description) {
  return {.key = std::move(key),
          .type = Type::List,
          .default_text = "[]",
          .max_items = max_items,
          .description = std::move(description)};
}

// Shifts of dates (Adjustments and the per-list shifts): at most 10 years either way.
constexpr double kMaxShiftDays = 3650;
FieldInfo layer_key() {
  return {.key = "layer",
          .type = Type::Choice,
          .default_text = "supply",
          .condition = "used with `zone`",
          .choices = {"supply", "local_network"},
          .description = "which capacity of the zone: its supply headroom or its local network"};
}

FieldInfo ref_key(std::string key, std::string list, std::string noun, bool required,
                  std::string description) {
  return {.key = std::move(key),
          .type = Type::Ref,
          .required = required,
          .ref = std::move(list),
          .ref_noun = std::move(noun),
          .description = std::move(description)};
}

const RecordSchema<Product>& product_schema() {
  static const RecordSchema<Product> s = [] {
    RecordSchema<Product> r("product", "products[]",
                            "A system type in the supplier's catalogue, as shipped: a server or a rack.");
    r.add(name_key("product"), &Product::name);
    r.add(description_key(), &Product::description);
    r.add({.key = "gpus_per_unit",
           .type = Type::Integer,
           .range = Range::closed(1, 10000),
           .default_text = "8",
           .description = "GPUs in one shipped unit"},
          &Product::gpus_per_unit);
    r.add({.key = "it_power_per_unit",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::above_to(0, 10),
           .required = true,
           .description = "peak IT power of one unit, including its share of network fabric"},
          &Product::it_power_mw_per_unit);
    r.add({.key = "racks_per_unit",
           .type = Type::Number,
           .range = Range::above_to(0, 100),
           .default_text = "1",
           .description = "floor space of one unit, in racks (0.25: four servers per rack)"},
          &Product::racks_per_unit);
    r.add({.key = "cooling",
           .type = Type::Choice,
           .default_text = "air",
           .choices = {"air", "liquid"},
           .description = "the cooling a hall must offer to house it"},
          &Product::cooling);
    r.add({.key = "compute_per_gpu",
           .type = Type::Quantity,
           .unit = U::Compute,
           .range = Range::at_least(0),
           .default_text = "0 PFLOP/s",
           .description = "dense FP8 compute of one GPU, for \"compute delivered\""},
          &Product::compute_pflops_per_gpu);
    return r;
  }();
  return s;
}

const RecordSchema<Buyer>& buyer_schema() {
  static const RecordSchema<Buyer> s = [] {
    RecordSchema<Buyer> r("buyer", "buyers[]", "An organisation that orders systems.");
    r.add(name_key("buyer"), &Buyer::name);
    r.add(description_key(), &Buyer::description);
    r.add({.key = "schedule_shift",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::closed(-kMaxShiftDays, kMaxShiftDays),
           .default_text = "0 days",
           .description = "moves every shipment date of the buyer's orders (negative: earlier); added to "
                          "`adjustments.schedule_shift` and the order's own shift"},
          &Buyer::schedule_shift_days);
    return r;
  }();
  return s;
}

const RecordSchema<LoadStep>& load_step_schema() {
  static const RecordSchema<LoadStep> s = [] {
    RecordSchema<LoadStep> r("load step", "zones[].background_load[]",
                             "Load from a date on, until the next step (a row of a CSV schedule).");
    r.add({.key = "date", .type = Type::Date, .required = true, .description = "from when"}, &LoadStep::date);
    r.add({.key = "load",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .required = true,
           .description = "load from that date"},
          &LoadStep::load_mw);
    r.flow();
    return r;
  }();
  return s;
}

const RecordSchema<GridZone>& zone_schema() {
  static const RecordSchema<GridZone> s = [] {
    RecordSchema<GridZone> r(
        "zone", "zones[]",
        "A grid region in two layers: its supply (generation and transmission room for new load, "
        "also what it can export over corridors) and its local network (the substations and lines "
        "that deliver power, local or imported, to its sites); with a grid impact assessment for "
        "large connections and the rest of the country's load growth in it.");
    r.add(name_key("zone"), &GridZone::name);
    r.add(description_key(), &GridZone::description);
    r.add({.key = "headroom",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .required = true,
           .description = "supply: generation and transmission room for new load at the start"},
          &GridZone::headroom_mw);
    r.add({.key = "local_network",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .description = "what the zone's local network (substations, lines) can deliver to its sites, from "
                          "local supply and imports together; absent: unlimited"},
          &GridZone::local_network_mw);
    r.add({.key = "local_security_margin",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .default_text = "0 MW",
           .description = "N-1 margin held back from the local network (the rating of its largest element)"},
          &GridZone::local_security_margin_mw);
    FieldInfo background =
        list_key("background_load", 10000,
                 "the rest of the country's new load in the zone, drawing on the same "
                 "supply headroom: a step schedule of MW from each date, inline or a CSV file");
    background.csv_columns = {"date", "load"};
    r.add(background, &GridZone::background_load, load_step_schema());
    r.add({.key = "assessment_pass_probability",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .default_text = "1",
           .description = "probability that a grid impact assessment passes"},
          &GridZone::assessment_pass_probability);
    r.add({.key = "assessment_time",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "90 days",
           .description = "review time of a grid impact assessment"},
          &GridZone::assessment_days);
    r.add({.key = "reapply_after",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "180 days",
           .description = "wait before a failed application is filed again"},
          &GridZone::reapply_days);
    return r;
  }();
  return s;
}

const RecordSchema<Corridor>& corridor_schema() {
  static const RecordSchema<Corridor> s = [] {
    RecordSchema<Corridor> r("corridor", "corridors[]",
                             "A transmission corridor between two zones, usable in both directions.");
    r.add(name_key("corridor"), &Corridor::name);
    r.add(ref_key("from", "zones", "zone", true, "one end"), &Corridor::from);
    r.add(ref_key("to", "zones", "zone", true, "the other end"), &Corridor::to);
    r.add({.key = "limit",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .required = true,
           .description = "transfer limit at the start"},
          &Corridor::limit_mw);
    r.add({.key = "security_margin",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .default_text = "0 MW",
           .description = "N-1 margin held back from the limit (the rating of its largest single circuit)"},
          &Corridor::security_margin_mw);
    r.add({.key = "transfer_cost",
           .type = Type::Number,
           .range = Range::closed(0, 1000),
           .default_text = "1",
           .description = "relative cost of moving power over it (e.g. length in hundreds of km); flows "
                          "prefer local supply, then the cheapest paths"},
          &Corridor::transfer_cost);
    r.rule("`from` and `to` are different zones.");
    return r;
  }();
  return s;
}

const RecordSchema<Substation>& substation_schema() {
  static const RecordSchema<Substation> s = [] {
    RecordSchema<Substation> r(
        "substation", "substations[]",
        "A named substation in a zone, shared by the connections that name it: none of "
        "them is energised before it, and together they draw at most its capacity.");
    r.add(name_key("substation"), &Substation::name);
    r.add(description_key(), &Substation::description);
    r.add(ref_key("zone", "zones", "zone", true, "the zone whose local network it belongs to"),
          &Substation::zone);
    r.add({.key = "capacity",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .required = true,
           .description = "transformer capacity"},
          &Substation::capacity_mw);
    r.add({.key = "security_margin",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .default_text = "0 MW",
           .description = "N-1 margin held back from the capacity (the rating of its largest transformer)"},
          &Substation::security_margin_mw);
    r.add({.key = "energised",
           .type = Type::Date,
           .description = "planned energisation; absent: in service at the start"},
          &Substation::energised);
    r.add({.key = "delay",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "0 days",
           .description = "slip relative to `energised`, one draw for all its connections"},
          &Substation::delay_days);
    r.rule("`energised` is not after end.");
    return r;
  }();
  return s;
}

const RecordSchema<Reinforcement>& reinforcement_schema() {
  static const RecordSchema<Reinforcement> s = [] {
    RecordSchema<Reinforcement> r("reinforcement", "reinforcements[]",
                                  "A dated change of a zone's supply headroom or local network, a corridor's "
                                  "limit or a substation's capacity.");
    r.add(name_key("reinforcement"), &Reinforcement::name);
    r.add({.key = "date", .type = Type::Date, .required = true, .description = "planned completion"},
          &Reinforcement::date);
    FieldInfo zone = ref_key("zone", "zones", "zone", false, "the zone whose capacity (see `layer`) changes");
    zone.condition = "exactly one of `zone`, `corridor` and `substation`";
    r.add(zone, &Reinforcement::zone);
    FieldInfo corridor =
        ref_key("corridor", "corridors", "corridor", false, "the corridor whose limit changes");
    corridor.condition = zone.condition;
    r.add(corridor, &Reinforcement::corridor);
    FieldInfo substation =
        ref_key("substation", "substations", "substation", false, "the substation whose capacity changes");
    substation.condition = zone.condition;
    r.add(substation, &Reinforcement::substation);
    r.add(layer_key(), &Reinforcement::layer);
    r.add({.key = "added",
           .type = Type::Quantity,
           .unit = U::Power,
           .required = true,
           .description = "change of headroom, limit or capacity (negative for a reduction; it blocks new "
                          "load but never disconnects energised load)"},
          &Reinforcement::added_mw);
    r.add({.key = "delay",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "0 days",
           .description = "slip relative to `date`"},
          &Reinforcement::delay_days);
    r.rule("Exactly one of `zone`, `corridor` and `substation` is given.");
    r.rule("`date` lies within [start, end].");
    return r;
  }();
  return s;
}

const RecordSchema<Outage>& outage_schema() {
  static const RecordSchema<Outage> s = [] {
    RecordSchema<Outage> r("outage", "outages[]",
                           "A physical outage of part of a zone layer, a corridor or a substation: the only "
                           "event that curtails energised load.");
    r.add(name_key("outage"), &Outage::name);
    r.add({.key = "start", .type = Type::Date, .required = true, .description = "when it begins"},
          &Outage::start);
    r.add({.key = "duration",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::above(0),
           .required = true,
           .description = "how long it lasts"},
          &Outage::duration_days);
    FieldInfo zone = ref_key("zone", "zones", "zone", false, "the zone whose capacity (see `layer`) is lost");
    zone.condition = "exactly one of `zone`, `corridor` and `substation`";
    r.add(zone, &Outage::zone);
    FieldInfo corridor =
        ref_key("corridor", "corridors", "corridor", false, "the corridor that loses capacity");
    corridor.condition = zone.condition;
    r.add(corridor, &Outage::corridor);
    FieldInfo substation =
        ref_key("substation", "substations", "substation", false, "the substation that loses capacity");
    substation.condition = zone.condition;
    r.add(substation, &Outage::substation);
    r.add(layer_key(), &Outage::layer);
    r.add({.key = "lost",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::above(0),
           .required = true,
           .description = "capacity out of service"},
          &Outage::lost_mw);
    r.rule("Exactly one of `zone`, `corridor` and `substation` is given.");
    r.rule("`start` lies within [start, end].");
    return r;
  }();
  return s;
}

const RecordSchema<AssessmentRule>& assessment_rule_schema() {
  static const RecordSchema<AssessmentRule> s = [] {
    RecordSchema<AssessmentRule> r(
        "assessment rule", "assessment_rules[]",
        "A dated change of the grid impact assessment for applications filed from `from` on, in some zones "
        "and for some site classes. Each value given replaces the one in force; of several rules that apply, "
        "the one with the latest `from` wins, then the later in the list.");
    r.add(name_key("assessment rule"), &AssessmentRule::name);
    r.add({.key = "from",
           .type = Type::Date,
           .required = true,
           .description = "in force for applications filed from"},
          &AssessmentRule::from);
    r.add({.key = "zones",
           .type = Type::RefList,
           .default_text = "[]",
           .ref = "zones",
           .ref_noun = "zone",
           .max_items = 100,
           .description = "zones it applies in; empty: all"},
          &AssessmentRule::zones);
    r.add({.key = "site_class",
           .type = Type::Identifier,
           .description = "the site class (`sites[].class`) it applies to; absent: all"},
          &AssessmentRule::site_class);
    r.add({.key = "threshold",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .description = "a site's connections below this (cumulative) are exempt; absent: unchanged"},
          &AssessmentRule::threshold_mw);
    r.add({.key = "pass_probability",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .description = "probability that an assessment passes; absent: unchanged"},
          &AssessmentRule::pass_probability);
    r.add({.key = "assessment_time",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .description = "review time; absent: unchanged"},
          &AssessmentRule::assessment_days);
    r.rule("At least one of `threshold`, `pass_probability` and `assessment_time` is given.");
    return r;
  }();
  return s;
}

const RecordSchema<ConstructionTask>& task_schema() {
  static const RecordSchema<ConstructionTask> s = [] {
    RecordSchema<ConstructionTask> r("task", "construction_templates[].tasks[]",
                                     "One task of a construction task graph.");
    r.add(name_key("task within its template"), &ConstructionTask::name);
    r.add({.key = "duration",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .required = true,
           .description = "how long the task takes"},
          &ConstructionTask::duration_days);
    r.add({.key = "after",
           .type = Type::RefList,
           .default_text = "[]",
           .ref_local = true,
           .ref_noun = "task",
           .max_items = 100,
           .description = "tasks of the same template that must finish first"},
          &ConstructionTask::after);
    return r;
  }();
  return s;
}

const RecordSchema<ConstructionTemplate>& template_schema() {
  static const RecordSchema<ConstructionTemplate> s = [] {
    RecordSchema<ConstructionTemplate> r(
        "construction template", "construction_templates[]",
        "A task graph for building a hall; the hall is ready when its last task "
        "ends (the end of the critical path).");
    r.add(name_key("construction template"), &ConstructionTemplate::name);
    FieldInfo tasks{.key = "tasks",
                    .type = Type::List,
                    .required = true,
                    .min_items = 1,
                    .max_items = 100,
                    .description = "the tasks"};
    r.add(tasks, &ConstructionTemplate::tasks, task_schema());
    r.rule("The tasks' `after` links form no cycle (no task follows itself, directly or through others).");
    return r;
  }();
  return s;
}

const RecordSchema<Hall>& hall_schema() {
  static const RecordSchema<Hall> s = [] {
    RecordSchema<Hall> r("hall", "sites[].halls[]",
                         "A hall or phase of a site: the unit of construction and capacity.");
    r.add(name_key("hall within its site"), &Hall::name);
    r.add({.key = "it_capacity",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::above(0),
           .required = true,
           .description = "IT load it can cool and feed"},
          &Hall::it_capacity_mw);
    r.add({.key = "racks",
           .type = Type::Integer,
           .range = Range::closed(1, 1e6),
           .required = true,
           .description = "floor space, in racks"},
          &Hall::racks);
    r.add({.key = "cooling",
           .type = Type::Choice,
           .default_text = "liquid",
           .choices = {"air", "liquid"},
           .description = "the cooling it offers"},
          &Hall::cooling);
    r.add({.key = "pue",
           .type = Type::Number,
           .range = Range::closed(1, 5),
           .default_text = "1.25",
           .description = "power usage effectiveness: facility power / IT power"},
          &Hall::pue);
    r.add({.key = "land",
           .type = Type::Quantity,
           .unit = U::Area,
           .range = Range::at_least(0),
           .default_text = "0 ha",
           .description = "land it occupies; the site's land caps the halls that can be built"},
          &Hall::land_ha);
    r.add({.key = "start",
           .type = Type::Choice,
           .default_text = "planned",
           .choices = {"planned", "on_demand", "existing"},
           .description =
               "planned: construction starts on `planned_start`; on_demand: when units would not fit "
               "elsewhere; existing: built and ready at the start"},
          &Hall::start);
    r.add({.key = "planned_start",
           .type = Type::Date,
           .condition = "required when `start` is planned; ignored otherwise",
           .description = "when construction starts (may precede the scenario's start)"},
          &Hall::planned_start);
    FieldInfo construction = ref_key("construction", "construction_templates", "construction template", false,
                                     "the task graph that builds it");
    construction.condition = "required when `start` is planned or on_demand; ignored when existing";
    r.add(construction, &Hall::construction);
    r.rule(
        "`start: planned` requires `planned_start` and `construction`; `start: on_demand` requires "
        "`construction`.");
    r.rule(
        "`land` is at most the site's `land` (the sum over halls may exceed it: land then caps which halls "
        "get built, a model behaviour).");
    r.rule("`planned_start` is not after end.");
    return r;
  }();
  return s;
}

const RecordSchema<GridConnection>& connection_schema() {
  static const RecordSchema<GridConnection> s = [] {
    RecordSchema<GridConnection> r("connection", "sites[].connections[]",
                                   "A request to the grid operator for (more) supply at a site.");
    r.add({.key = "capacity",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::above(0),
           .required = true,
           .description = "supply the site may draw once connected (adds to earlier connections)"},
          &GridConnection::capacity_mw);
    r.add({.key = "applied",
           .type = Type::Date,
           .condition = "required unless `connected_at_start` is true",
           .description = "application date (may precede the scenario's start)"},
          &GridConnection::applied, [](const GridConnection& c) { return !c.connected_at_start; });
    r.add({.key = "lead_time",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .condition = "required unless `connected_at_start` is true",
           .description = "from a passed review to energisation"},
          &GridConnection::lead_days, [](const GridConnection& c) { return !c.connected_at_start; });
    r.add({.key = "connected_at_start",
           .type = Type::Bool,
           .default_text = "false",
           .description = "already energised at the start: no review, no lead time"},
          &GridConnection::connected_at_start);
    r.add(ref_key("substation", "substations", "substation", false,
                  "the substation that feeds it (in the site's zone); absent: the zone's local network"),
          &GridConnection::substation);
    r.add({.key = "tranches",
           .type = Type::Integer,
           .range = Range::closed(1, 100),
           .default_text = "1",
           .description = "staged supply: energised in this many equal parts"},
          &GridConnection::tranches);
    r.add({.key = "tranche_interval",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::above(0),
           .default_text = "365 days",
           .description = "time between tranches"},
          &GridConnection::tranche_interval_days);
    r.rule("Unless `connected_at_start` is true, `applied` and `lead_time` are given.");
    r.rule("`applied` is not after end.");
    r.rule("`substation` lies in the site's zone.");
    return r;
  }();
  return s;
}

const RecordSchema<HourlyAvailability>& hourly_availability_schema() {
  static const RecordSchema<HourlyAvailability> s = [] {
    RecordSchema<HourlyAvailability> r("hourly availability", "sites[].generation[].daily_shape[]",
                                       "The availability of an on-site plant in one hour of the day (a row "
                                       "of a CSV daily shape).");
    r.add({.key = "hour",
           .type = Type::Integer,
           .range = Range::closed(0, 23),
           .required = true,
           .description = "hour of the scenario's calendar day (0: 00:00 to 01:00)"},
          &HourlyAvailability::hour);
    r.add({.key = "factor",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .required = true,
           .description = "power available in that hour, as a fraction of nameplate"},
          &HourlyAvailability::factor);
    r.flow();
    return r;
  }();
  return s;
}

const RecordSchema<OnSiteGeneration>& generation_schema() {
  static const RecordSchema<OnSiteGeneration> s = [] {
    RecordSchema<OnSiteGeneration> r(
        "generation", "sites[].generation[]",
        "On-site generation: a nameplate capacity, a capacity credit (the firm part, counted when the "
        "site's power is allocated) and an availability (a capacity factor or an hourly daily shape, "
        "for energy and emissions).");
    r.add({.key = "technology",
           .type = Type::Choice,
           .default_text = "other",
           .choices = {"solar", "wind", "gas", "fuel_cell", "diesel", "other"},
           .description = "what the plant is; sets the default capacity credit"},
          &OnSiteGeneration::technology);
    r.add({.key = "capacity",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::above(0),
           .required = true,
           .description = "nameplate power"},
          &OnSiteGeneration::capacity_mw);
    r.add({.key = "available_from",
           .type = Type::Date,
           .required = true,
           .description = "when it starts supplying (may precede the scenario's start)"},
          &OnSiteGeneration::available_from);
    r.add({.key = "capacity_credit",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .condition = "when absent: 0 for solar and wind, 1 for gas, fuel_cell, diesel and other",
           .description = "share of nameplate counted as firm supply when the site's grid power is "
                          "allocated and units are admitted"},
          &OnSiteGeneration::capacity_credit);
    r.add({.key = "capacity_factor",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .condition = "when absent: 1, or the daily shape's; not with `daily_shape`",
           .description = "mean power available / nameplate, flat over the day (for energy and emissions)"},
          &OnSiteGeneration::capacity_factor);
    FieldInfo shape = list_key("daily_shape", 24,
                               "power available in each hour of the day (24 rows, hours 0 to 23), repeated "
                               "every day; inline or as a CSV file");
    shape.csv_columns = {"hour", "factor"};
    r.add(shape, &OnSiteGeneration::daily_shape, hourly_availability_schema());
    r.add({.key = "emission_factor",
           .type = Type::Quantity,
           .unit = U::EmissionFactor,
           .range = Range::at_least(0),
           .default_text = "0 tCO2/MWh",
           .description =
               "emissions of the energy it supplies (0 for solar or wind, ~0.4 tCO2/MWh for gas engines)"},
          &OnSiteGeneration::emission_factor_t_per_mwh);
    r.rule("`available_from` is not after end.");
    r.rule(
        "`daily_shape`, when given, has 24 rows with hours 0 to 23 in order, and `capacity_factor` is "
        "then not given.");
    return r;
  }();
  return s;
}

const RecordSchema<Site>& site_schema() {
  static const RecordSchema<Site> s = [] {
    RecordSchema<Site> r("site", "sites[]",
                         "A data-centre site: land, halls, grid connections, installation crews.");
    r.add(name_key("site"), &Site::name);
    r.add(description_key(), &Site::description);
    r.add(ref_key("zone", "zones", "zone", true, "the grid zone it draws from"), &Site::zone);
    r.add({.key = "class",
           .type = Type::Identifier,
           .default_text = "ai-dc",
           .description = "what kind of load it is, for dated assessment rules"},
          &Site::site_class);
    r.add({.key = "land",
           .type = Type::Quantity,
           .unit = U::Area,
           .range = Range::above(0),
           .required = true,
           .description = "usable land"},
          &Site::land_ha);
    r.add({.key = "install_crews",
           .type = Type::Integer,
           .range = Range::closed(1, 10000),
           .default_text = "1",
           .description = "installation crews working in parallel"},
          &Site::install_crews);
    r.add({.key = "units_per_crew_day",
           .type = Type::Number,
           .range = Range::above_to(0, 1e6),
           .default_text = "10",
           .description = "units one crew installs per day"},
          &Site::units_per_crew_day);
    r.add({.key = "burn_in",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "14 days",
           .description = "from installed to operational"},
          &Site::burn_in_days);
    r.add({.key = "planned_start_shift",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::closed(-kMaxShiftDays, kMaxShiftDays),
           .default_text = "0 days",
           .description = "moves the planned start of every planned hall of the site (negative: earlier); "
                          "added to `adjustments.planned_start_shift`"},
          &Site::planned_start_shift_days);
    r.add(list_key("halls", 100, "halls or phases"), &Site::halls, hall_schema());
    r.add(list_key("connections", 100, "grid connections"), &Site::connections, connection_schema());
    r.add(list_key("generation", 100, "on-site generation"), &Site::generation, generation_schema());
    return r;
  }();
  return s;
}

const RecordSchema<Shipment>& shipment_schema() {
  static const RecordSchema<Shipment> s = [] {
    RecordSchema<Shipment> r("shipment", "orders[].schedule[]",
                             "Units the supplier releases for shipment on a date (a row of a CSV schedule).");
    r.add({.key = "date", .type = Type::Date, .required = true, .description = "release date"},
          &Shipment::date);
    r.add({.key = "units",
           .type = Type::Integer,
           .range = Range::closed(0, Limits::kGpus),
           .required = true,
           .description = "units released"},
          &Shipment::units);
    r.flow();
    return r;
  }();
  return s;
}

const RecordSchema<Order>& order_schema() {
  static const RecordSchema<Order> s = [] {
    RecordSchema<Order> r("order", "orders[]",
                          "Who bought how many of what, for which site, on what schedule.");
    r.add(name_key("order"), &Order::name);
    r.add(ref_key("buyer", "buyers", "buyer", true, "who bought it"), &Order::buyer);
    r.add(ref_key("product", "products", "product", true, "what was bought"), &Order::product);
    r.add(ref_key("site", "sites", "site", true, "where it goes"), &Order::site);
    r.add({.key = "installed_at_start",
           .type = Type::Integer,
           .range = Range::closed(0, Limits::kGpus),
           .default_text = "0",
           .description = "units already installed and operational at the start (not in `schedule`)"},
          &Order::installed_at_start);
    r.add({.key = "schedule_shift",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::closed(-kMaxShiftDays, kMaxShiftDays),
           .default_text = "0 days",
           .description = "moves every shipment date of this order (negative: earlier); added to its buyer's "
                          "and `adjustments.schedule_shift`"},
          &Order::schedule_shift_days);
    r.add({.key = "service_opens",
           .type = Type::Date,
           .description = "no unit enters service before this date (e.g. a programme's first allocation): a "
                          "unit whose burn-in ends earlier stays in burn-in, drawing power, until then; "
                          "absent: on its burn-in's end"},
          &Order::service_opens);
    FieldInfo schedule = list_key("schedule", 10000, "releases for shipment, inline or as a CSV file");
    schedule.csv_columns = {"date", "units"};
    r.add(schedule, &Order::schedule, shipment_schema());
    r.rule("`schedule` dates are strictly ascending and lie within [start - 2 years, end].");
    r.rule("The order's site has a hall with the product's cooling.");
    r.rule(
        "`service_opens` is not after end, and not after start when `installed_at_start` > 0 (units "
        "installed "
        "at the start are in service from the start).");
    return r;
  }();
  return s;
}

const RecordSchema<ExportHold>& export_hold_schema() {
  static const RecordSchema<ExportHold> s = [] {
    RecordSchema<ExportHold> r(
        "export hold", "export_holds[]",
        "An export-licence hold: with `probability`, shipments of the named buyers released "
        "in [start, start + duration) are held until the hold ends.");
    r.add(name_key("export hold"), &ExportHold::name);
    r.add({.key = "start", .type = Type::Date, .required = true, .description = "when the hold begins"},
          &ExportHold::start);
    r.add({.key = "duration",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .required = true,
           .description = "how long it lasts"},
          &ExportHold::duration_days);
    r.add({.key = "probability",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .default_text = "1",
           .description = "probability that the hold happens in a run"},
          &ExportHold::probability);
    r.add({.key = "buyers",
           .type = Type::RefList,
           .default_text = "[]",
           .ref = "buyers",
           .ref_noun = "buyer",
           .max_items = 100,
           .description = "buyers affected; empty: all"},
          &ExportHold::buyers);
    r.rule("`start` lies within [start, end] of the scenario.");
    return r;
  }();
  return s;
}

const RecordSchema<Logistics>& logistics_schema() {
  static const RecordSchema<Logistics> s = [] {
    RecordSchema<Logistics> r("logistics", "logistics", "Shipping from the supplier to the sites.");
    r.add({.key = "transit_time",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "30 days",
           .description = "supplier release to arrival at the site, customs included"},
          &Logistics::transit_days);
    return r;
  }();
  return s;
}

const RecordSchema<FailureClass>& failure_class_schema() {
  static const RecordSchema<FailureClass> s = [] {
    RecordSchema<FailureClass> r("failure class", "operations.failure_classes[]",
                                 "A class of failures and how it is repaired.");
    r.add(name_key("failure class"), &FailureClass::name);
    r.add({.key = "share",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .required = true,
           .description = "its share of all failures"},
          &FailureClass::share);
    r.add({.key = "replacement_fraction",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .default_text = "0.5",
           .description = "fraction that needs a part swap rather than a reset"},
          &FailureClass::replacement_fraction);
    r.add({.key = "reset_time",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "2 hours",
           .description = "automated remediation"},
          &FailureClass::reset_days);
    r.add({.key = "spare_swap_time",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "1 day",
           .description = "swap from on-site spares"},
          &FailureClass::spare_swap_days);
    r.add({.key = "rma_time",
           .type = Type::Distribution,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "10 days",
           .description = "vendor replacement when no spare is left"},
          &FailureClass::rma_days);
    return r;
  }();
  return s;
}

const RecordSchema<Operations>& operations_schema() {
  static const RecordSchema<Operations> s = [] {
    RecordSchema<Operations> r("operations", "operations", "Failures, repairs and end of life.");
    r.add({.key = "failures_per_gpu_day",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .default_text = "0.0005",
           .description = "failures per operational GPU per day"},
          &Operations::failures_per_gpu_day);
    r.add({.key = "failure_process",
           .type = Type::Choice,
           .default_text = "daily",
           .choices = {"per_gpu", "daily"},
           .description =
               "`daily`: a site's failures of a day drawn as one Poisson count of its operational "
               "GPU-days at one instant of the day, spares taken at each failure's own instant, repairs "
               "ending together sharing one event: the same rates and results within sampling error, a "
               "sixth of the events; `per_gpu`: every failure its own event at its own instant, exact "
               "in time at about twice a run's cost (docs/model.md section 9)"},
          &Operations::failure_process);
    r.add(list_key("failure_classes", 20, "how failures divide into classes"), &Operations::failure_classes,
          failure_class_schema());
    r.add({.key = "spare_fraction",
           .type = Type::Number,
           .range = Range::closed(0, 1),
           .default_text = "0.03",
           .description = "spare parts held per installed unit"},
          &Operations::spare_fraction);
    r.add({.key = "service_life",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::above(0),
           .default_text = "6 years",
           .description = "retired after this long in service"},
          &Operations::service_life_days);
    r.add({.key = "average_to_peak_power",
           .type = Type::Number,
           .range = Range::above_to(0, 1),
           .default_text = "0.76",
           .description = "mean draw of an operational GPU over its peak"},
          &Operations::average_to_peak_power);
    r.add({.key = "power_provisioning",
           .type = Type::Number,
           .range = Range::above_to(0, 1),
           .default_text = "1",
           .description = "share of a unit's peak facility power (IT peak x PUE) reserved against the "
                          "site's supply; below 1 when the operator oversubscribes and caps power"},
          &Operations::power_provisioning);
    r.rule("When `failure_classes` is not empty, their shares sum to 1 (within 1e-6).");
    r.rule("`power_provisioning` is at least `average_to_peak_power`.");
    return r;
  }();
  return s;
}

const RecordSchema<PriceChange>& price_change_schema() {
  static const RecordSchema<PriceChange> s = [] {
    RecordSchema<PriceChange> r("price change", "economics.price_changes[]",
                                "The grid tariff from a date on, until the next change.");
    r.add({.key = "date", .type = Type::Date, .required = true, .description = "first day of the new tariff"},
          &PriceChange::date);
    r.add({.key = "electricity_price",
           .type = Type::Quantity,
           .unit = U::Price,
           .range = Range::at_least(0),
           .required = true,
           .description = "energy price of grid electricity"},
          &PriceChange::electricity_price_krw_per_mwh);
    r.add({.key = "capacity_charge",
           .type = Type::Quantity,
           .unit = U::CapacityCharge,
           .range = Range::at_least(0),
           .required = true,
           .description = "charge per MW of contracted connection capacity per month"},
          &PriceChange::capacity_charge_krw_per_mw_month);
    r.flow();
    return r;
  }();
  return s;
}

const RecordSchema<EmissionFactorChange>& emission_factor_change_schema() {
  static const RecordSchema<EmissionFactorChange> s = [] {
    RecordSchema<EmissionFactorChange> r("emission factor change", "economics.emission_factor_changes[]",
                                         "The grid's emission factor from a date on, until the next change.");
    r.add({.key = "date", .type = Type::Date, .required = true, .description = "first day of the new factor"},
          &EmissionFactorChange::date);
    r.add({.key = "emission_factor",
           .type = Type::Quantity,
           .unit = U::EmissionFactor,
           .range = Range::at_least(0),
           .required = true,
           .description = "emissions of grid electricity"},
          &EmissionFactorChange::emission_factor_t_per_mwh);
    r.flow();
    return r;
  }();
  return s;
}

const RecordSchema<Economics>& economics_schema() {
  static const RecordSchema<Economics> s = [] {
    RecordSchema<Economics> r("economics", "economics",
                              "The grid tariff (energy price and capacity charge) and the grid's emission "
                              "factor: values from the start, then dated changes.");
    r.add({.key = "electricity_price",
           .type = Type::Quantity,
           .unit = U::Price,
           .range = Range::at_least(0),
           .default_text = "182.6 KRW/kWh",
           .description = "energy price of grid electricity from the start"},
          &Economics::electricity_price_krw_per_mwh);
    r.add({.key = "capacity_charge",
           .type = Type::Quantity,
           .unit = U::CapacityCharge,
           .range = Range::at_least(0),
           .default_text = "0 KRW/MW/month",
           .description = "charge per MW of contracted (energised) connection capacity per month (365.25/12 "
                          "days), from the start"},
          &Economics::capacity_charge_krw_per_mw_month);
    r.add({.key = "emission_factor",
           .type = Type::Quantity,
           .unit = U::EmissionFactor,
           .range = Range::at_least(0),
           .default_text = "417.3 gCO2/kWh",
           .description = "emissions of grid electricity from the start"},
          &Economics::emission_factor_t_per_mwh);
    FieldInfo prices = list_key("price_changes", 1000, "dated tariff changes; inline or as a CSV file");
    prices.csv_columns = {"date", "electricity_price", "capacity_charge"};
    r.add(prices, &Economics::price_changes, price_change_schema());
    FieldInfo factors =
        list_key("emission_factor_changes", 1000, "dated emission-factor changes; inline or as a CSV file");
    factors.csv_columns = {"date", "emission_factor"};
    r.add(factors, &Economics::emission_factor_changes, emission_factor_change_schema());
    r.rule(
        "`price_changes` and `emission_factor_changes` dates are strictly ascending and lie within "
        "[start, end].");
    return r;
  }();
  return s;
}

// Keys a target and an observation share (models/scenario/conditions.h): one mechanism, two lists.
template <class Schema>
void condition_keys(Schema& r, const std::string& what) {
  r.add(name_key(what), &Condition::name);
  r.add({.key = "description",
         .type = Type::Text,
         .description = "what it is, with its bibliography key in brackets, e.g. [nacc-plan-2026]"},
        &Condition::description);
  r.add({.key = "quantity",
         .type = Type::Choice,
         .required = true,
         .choices = {std::begin(kConditionQuantityNames), std::end(kConditionQuantityNames)},
         .description = "the output quantity: GPUs that have entered service (cumulative), GPUs operational, "
                        "compute of operational GPUs, facility power reserved, average facility draw, "
                        "facility energy since the start, energised grid connection capacity, halls ready"},
        &Condition::quantity);
  for (const auto& [key, list, noun] :
       {std::tuple{"buyer", "buyers", "buyer"}, std::tuple{"site", "sites", "site"},
        std::tuple{"zone", "zones", "zone"}}) {
    FieldInfo scope =
        ref_key(key, list, noun, false,
                fmt::format("scope: the quantity of this {} only (none of buyer, site and zone: "
                            "national)",
                            noun));
    scope.condition = "at most one of `buyer`, `site` and `zone`";
    if (std::string_view(key) == "buyer") r.add(scope, &Condition::buyer);
    if (std::string_view(key) == "site") r.add(scope, &Condition::site);
    if (std::string_view(key) == "zone") r.add(scope, &Condition::zone);
  }
  r.add({.key = "date",
         .type = Type::Date,
         .required = true,
         .description = "the quantity is evaluated at the end of this day (00:00 UTC of the next)"},
        &Condition::date);
  r.rule(
      "At most one of `buyer`, `site` and `zone` is given; with `buyer`, the quantity is one of "
      "gpus_entered_service, gpus_operational, compute_pflops (the others are not kept per buyer).");
  r.rule("`date` lies within [start, end].");
}

const RecordSchema<Condition>& target_schema() {
  static const RecordSchema<Condition> s = [] {
    RecordSchema<Condition> r(
        "target", "targets[]",
        "A published milestone the scenario is measured against: a dated condition on an output quantity "
        "in a scope. A run reports whether it was met on its date, the date it was first met and the "
        "shortfall; a sweep the probability of meeting it with a Wilson 95 % interval.");
    condition_keys(r, "target");
    r.add({.key = "comparison",
           .type = Type::Choice,
           .required = true,
           .choices = {"at_least", "at_most"},
           .description = "met when the quantity is at least / at most the threshold"},
          &Condition::comparison);
    r.add({.key = "threshold",
           .type = Type::Text,
           .required = true,
           .description = "a number for counts (GPUs, halls), else a quantity in the unit kind of `quantity` "
                          "(PFLOP/s, MW, MWh)"},
          &Condition::value_text);
    r.add({.key = "source",
           .type = Type::Text,
           .description = "bibliography key of the target (docs/sources.md)"},
          &Condition::source);
    r.rule("`threshold` is a number (counts) or a quantity of the unit kind of `quantity`.");
    return r;
  }();
  return s;
}

const RecordSchema<Condition>& observation_schema() {
  static const RecordSchema<Condition> s = [] {
    RecordSchema<Condition> r(
        "observation", "observations[]",
        "A dated, sourced, countable fact the model's runs should reproduce: the same kind of dated "
        "condition as a target, with the observed value and a tolerance. A run reports the model's value "
        "against it; a sweep keeps the runs consistent with all observations (history matching by "
        "rejection).");
    condition_keys(r, "observation");
    r.add(
        {.key = "comparison",
         .type = Type::Choice,
         .default_text = "within",
         .choices = {"at_least", "at_most", "within"},
         .description = "within: |model - value| within the tolerance; at_least / at_most: a one-sided fact "
                        "(model >= value - tolerance / model <= value + tolerance)"},
        &Condition::comparison);
    r.add({.key = "value",
           .type = Type::Text,
           .required = true,
           .description = "the observed value: a number for counts, else a quantity of the unit kind of "
                          "`quantity`"},
          &Condition::value_text);
    r.add({.key = "tolerance",
           .type = Type::Text,
           .description = "absolute tolerance, in the unit kind of `value` (default 0)"},
          &Condition::tolerance_text);
    r.add({.key = "relative_tolerance",
           .type = Type::Number,
           .range = Range::closed(0, 10),
           .default_text = "0",
           .description = "tolerance as a fraction of |value|; the larger of the two tolerances applies"},
          &Condition::relative_tolerance);
    r.add({.key = "source",
           .type = Type::Text,
           .required = true,
           .description = "bibliography key of the observed value (docs/sources.md)"},
          &Condition::source);
    r.rule(
        "`value` and `tolerance` are numbers (counts) or quantities of the unit kind of `quantity`; "
        "`tolerance` is not negative.");
    return r;
  }();
  return s;
}

const RecordSchema<ReportDate>& report_date_schema() {
  static const RecordSchema<ReportDate> s = [] {
    RecordSchema<ReportDate> r("report date", "report_dates[]",
                               "A fixed date at whose end every run reports the GPU-days in service so far "
                               "and the GPUs in service: indicators that always have a value, next to the "
                               "milestone dates that a run may never reach.");
    r.add(name_key("report date"), &ReportDate::name);
    r.add({.key = "date",
           .type = Type::Date,
           .required = true,
           .description = "reported at the end of this day"},
          &ReportDate::date);
    r.rule("`date` is within the horizon.");
    return r;
  }();
  return s;
}

}  // namespace

FieldInfo factor_key(std::string key, std::string description) {
  return {.key = std::move(key),
          .type = Type::Number,
          .range = Range::above_to(0, 100),
          .default_text = "1",
          .description = std::move(description)};
}

const RecordSchema<Adjustments>& adjustments_schema() {
  static const RecordSchema<Adjustments> s = [] {
    RecordSchema<Adjustments> r(
        "adjustments", "adjustments",
        "Scale factors and shifts over whole lists, for sensitivity studies and variants: one number "
        "changes every construction task, every grid connection's lead time, every shipment date, ... "
        "The values written elsewhere stay as they are (and `describe` shows them so); the model runs "
        "on them scaled (every parameter of a duration distribution multiplied, i.e. the distribution "
        "of factor x duration) and with dates moved by the shifts, rounded to whole days. A shipment "
        "moved before the start is released at the start; one moved past the end never ships.");
    r.add(factor_key("construction_duration_factor", "multiplies every construction task's duration"),
          &Adjustments::construction_duration_factor);
    r.add(factor_key("grid_lead_time_factor", "multiplies every grid connection's `lead_time`"),
          &Adjustments::grid_lead_time_factor);
    r.add(factor_key("assessment_time_factor", "multiplies every zone's `assessment_time`"),
          &Adjustments::assessment_time_factor);
    r.add(factor_key("transit_time_factor", "multiplies `logistics.transit_time`"),
          &Adjustments::transit_time_factor);
    r.add(factor_key("installation_rate_factor", "multiplies every site's `units_per_crew_day`"),
          &Adjustments::installation_rate_factor);
    r.add(factor_key("burn_in_factor", "multiplies every site's `burn_in`"), &Adjustments::burn_in_factor);
    r.add({.key = "background_load_factor",
           .type = Type::Number,
           .range = Range::closed(0, 100),
           .default_text = "1",
           .description = "multiplies every zone's `background_load` (the load of each step; 0: no competing "
                          "load), for the uncertain growth of the rest of the country's data-centre demand"},
          &Adjustments::background_load_factor);
    r.add({.key = "schedule_shift",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::closed(-kMaxShiftDays, kMaxShiftDays),
           .default_text = "0 days",
           .description = "moves every shipment date of every order (negative: earlier); added to the "
                          "buyers' and orders' own shifts"},
          &Adjustments::schedule_shift_days);
    r.add({.key = "planned_start_shift",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::closed(-kMaxShiftDays, kMaxShiftDays),
           .default_text = "0 days",
           .description = "moves the planned start of every planned hall (negative: earlier); added to the "
                          "sites' own shifts"},
          &Adjustments::planned_start_shift_days);
    return r;
  }();
  return s;
}

const RecordSchema<Scenario>& scenario_schema() {
  static const RecordSchema<Scenario> s = [] {
    RecordSchema<Scenario> r("scenario", "", "A scenario file is a YAML map with these keys.");
    r.add_unbound({.key = "base",
                   .type = Type::FilePath,
                   .description =
                       "a scenario this file is a variant of; see scenario-format.md for the merge "
                       "rule"});
    r.add({.key = "name",
           .type = Type::Identifier,
           .required = true,
           .description = "identifier of the scenario; the default output file is <name>.h5"},
          &Scenario::name);
    r.add({.key = "title", .type = Type::Text, .description = "one-line title"}, &Scenario::title);
    r.add(description_key(), &Scenario::description);
    r.add({.key = "start",
           .type = Type::Date,
           .required = true,
           .description = "first day simulated (00:00 UTC)"},
          &Scenario::start);
    r.add(
        {.key = "end", .type = Type::Date, .required = true, .description = "last day simulated (inclusive)"},
        &Scenario::end);
    r.add({.key = "sample_interval",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::above(0),
           .default_text = "1 day",
           .description = "time between recorded samples"},
          &Scenario::sample_interval_days);
    r.add({.key = "seed",
           .type = Type::Integer,
           .range = Range::closed(0, 9007199254740992.0),
           .default_text = "1",
           .description = "master seed of the random streams"},
          &Scenario::seed);
    r.add({.key = "power_sharing",
           .type = Type::Choice,
           .default_text = "connection_queue",
           .choices = {"connection_queue", "pro_rata", "priority_list"},
           .description = "how scarce grid power is shared: first applied first served, the same fraction of "
                          "demand for every site, or in the order of `power_priority`"},
          &Scenario::power_sharing);
    r.add({.key = "power_priority",
           .type = Type::RefList,
           .default_text = "[]",
           .condition = "used with `power_sharing: priority_list`",
           .ref = "sites",
           .ref_noun = "site",
           .max_items = 1000,
           .description = "site names, highest priority first"},
          &Scenario::power_priority);
    r.add({.key = "assessment_threshold",
           .type = Type::Quantity,
           .unit = U::Power,
           .range = Range::at_least(0),
           .default_text = "10 MW",
           .description = "connections of this size or more need a grid impact assessment"},
          &Scenario::assessment_threshold_mw);
    r.add(
        {.key = "power_reservation",
         .type = Type::Choice,
         .default_text = "contracted",
         .choices = {"contracted", "housed"},
         .description = "what an energised connection reserves on the network, in queue order: its whole "
                        "contracted capacity, or only the facility power of the hardware housed at the site"},
        &Scenario::power_reservation);
    r.add({.key = "background_priority",
           .type = Type::Choice,
           .default_text = "ahead",
           .choices = {"ahead", "behind"},
           .description =
               "zones' background load is served before any new allocation to the modelled "
               "sites (ahead), or takes what they leave (behind); never before their energised load"},
          &Scenario::background_priority);
    r.add({.key = "on_demand_lead_time",
           .type = Type::Quantity,
           .unit = U::Duration,
           .range = Range::at_least(0),
           .default_text = "0 days",
           .description =
               "on-demand halls count demand this long before the supplier releases a shipment (0: at "
               "release), so construction can start ahead of the units"},
          &Scenario::on_demand_lead_days);
    r.add(list_key("products", 100, "the product catalogue"), &Scenario::products, product_schema());
    r.add(list_key("buyers", 100, "the buyers"), &Scenario::buyers, buyer_schema());
    r.add(list_key("zones", 100, "grid zones"), &Scenario::zones, zone_schema());
    r.add(list_key("corridors", 1000, "transmission corridors"), &Scenario::corridors, corridor_schema());
    r.add(list_key("substations", 1000, "named substations shared by connections"), &Scenario::substations,
          substation_schema());
    r.add(list_key("reinforcements", 1000, "dated grid reinforcements"), &Scenario::reinforcements,
          reinforcement_schema());
    r.add(list_key("outages", 1000, "physical outages"), &Scenario::outages, outage_schema());
    r.add(list_key("assessment_rules", 100, "dated changes of the grid impact assessment"),
          &Scenario::assessment_rules, assessment_rule_schema());
    r.add(list_key("construction_templates", 100, "task graphs for building halls"),
          &Scenario::construction_templates, template_schema());
    r.add(list_key("sites", 1000, "data-centre sites"), &Scenario::sites, site_schema());
    r.add(list_key("orders", 10000, "orders"), &Scenario::orders, order_schema());
    r.add(list_key("export_holds", 100, "export-licence holds"), &Scenario::export_holds,
          export_hold_schema());
    r.add(list_key("targets", 1000, "published milestones, each a dated condition on an output quantity"),
          &Scenario::targets, target_schema());
    r.add(list_key("observations", 1000, "dated, sourced facts the runs should reproduce"),
          &Scenario::observations, observation_schema());
    r.add(list_key("report_dates", 100,
                   "fixed dates for always-finite indicators (GPU-days in service by the date, GPUs in "
                   "service on it); none given: the end of every calendar year within the horizon"),
          &Scenario::report_dates, report_date_schema());
    r.add({.key = "logistics", .description = "shipping"}, &Scenario::logistics, logistics_schema());
    r.add({.key = "operations", .description = "failures, repairs and end of life"}, &Scenario::operations,
          operations_schema());
    r.add({.key = "economics", .description = "prices and emission factors"}, &Scenario::economics,
          economics_schema());
    r.add({.key = "adjustments", .description = "scale factors and shifts over whole lists"},
          &Scenario::adjustments, adjustments_schema());
    r.rule("`end` is after `start`, at most 100 years later.");
    r.rule("The horizon holds at most 1000000 samples of `sample_interval`.");
    r.rule(
        "A run's output holds at most 64 GiB of time series: samples x values per row (27 per site, 19 per "
        "zone, 2 per buyer and per corridor, 16 national, and the time) x 8 bytes.");
    r.rule("`power_sharing: priority_list` requires `power_priority` to name every site.");
    r.rule(
        "All orders together hold at most 1e8 GPUs (units times `gpus_per_unit`, with "
        "`installed_at_start`) and at most 1e7 units.");
    r.rule(
        "A run has at most 1e9 candidate failures on average: `operations.failures_per_gpu_day` x GPUs in "
        "all "
        "orders x days from `start` to `end`.");
    r.rule(
        "Names are unique within each list (halls within their site, tasks within their template), and every "
        "reference names an existing entry.");
    return r;
  }();
  return s;
}

}  // namespace models::scn
