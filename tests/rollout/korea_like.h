#pragma once
// A synthetic Korea-sized scenario built in C++ (no YAML): ~260,000 GPUs in ~33,000 8-GPU units
// for 11 sites in 5 grid zones, 2025-11-01 .. 2032-12-31, daily samples, per-GPU failures.
// `scale` multiplies GPUs, units, hall and grid capacities, land and crews (scale 10: ten times
// the GPUs on the same sites). Shapes follow scenarios/korea-2025.yaml loosely; the figures are
// for timing and smoke tests, not results.

#include <cmath>
#include <string>
#include <vector>

#include "models/scenario.h"

namespace rollout_test {

inline models::Scenario korea_like(int scale = 1) {
  using models::Distribution;
  const double k = scale;
  models::Scenario s;
  s.name = "korea-like";
  s.start = {2025, 11, 1};
  s.end = {2032, 12, 31};
  s.seed = 2025;
  s.products = {
      {"hgx-b200", "HGX B200 8-GPU server", 8, 0.0143, 0.25, models::Cooling::Air, 4.5},
      {"gb300-tray", "GB300 NVL72 compute tray pair (8 GPUs)", 8, 0.0147, 0.11, models::Cooling::Liquid, 5.0},
      {"rtx-pro", "RTX PRO 6000 8-GPU server", 8, 0.0072, 0.25, models::Cooling::Air, 2.0},
  };
  s.buyers = {{"government", ""}, {"samsung", ""}, {"sk", ""}, {"hyundai", ""}, {"naver", ""}};
  auto zone = [&](const char* name, double headroom, double pass) {
    models::GridZone z;
    z.name = name;
    z.headroom_mw = headroom * k;
    z.assessment_pass_probability = pass;
    z.assessment_days = {Distribution::Kind::LognormalMedianP90, 90, 180, 0};
    z.reapply_days = 180;
    return z;
  };
  s.zones = {zone("capital", 60, 0.1), zone("chungcheong", 250, 0.7), zone("honam", 200, 0.7),
             zone("yeongnam", 260, 0.7), zone("gangwon", 80, 0.7)};
  s.corridors = {{"honam-capital", "honam", "capital", 120 * k},
                 {"yeongnam-capital", "yeongnam", "capital", 150 * k},
                 {"chungcheong-capital", "chungcheong", "capital", 100 * k},
                 {"gangwon-capital", "gangwon", "capital", 60 * k},
                 {"honam-yeongnam", "honam", "yeongnam", 80 * k}};
  s.reinforcements = {
      {"hvdc-east",
       {2029, 6, 1},
       "",
       "yeongnam-capital",
       "",
       models::ZoneLayer::Supply,
       300 * k,
       {Distribution::Kind::Uniform, 0, 365, 0}},
      {"solaseado-154kv",
       {2028, 12, 31},
       "honam",
       "",
       "",
       models::ZoneLayer::Supply,
       150 * k,
       {Distribution::Kind::Uniform, 0, 180, 0}},
      {"capital-upgrade",
       {2030, 1, 1},
       "capital",
       "",
       "",
       models::ZoneLayer::Supply,
       80 * k,
       Distribution::fixed(0)},
  };
  s.construction_templates = {
      {"ai-hall",
       {{"permits", {Distribution::Kind::LognormalMedianP90, 120, 240, 0}, {}},
        {"site-work", {Distribution::Kind::Triangular, 60, 90, 150}, {"permits"}},
        {"shell", {Distribution::Kind::Triangular, 240, 300, 420}, {"site-work"}},
        {"electrical", {Distribution::Kind::Triangular, 90, 120, 200}, {"shell"}},
        {"cooling", {Distribution::Kind::Triangular, 90, 130, 220}, {"shell"}},
        {"commissioning", {Distribution::Kind::Triangular, 30, 45, 90}, {"electrical", "cooling"}}}}};
  s.logistics.transit_days = {Distribution::Kind::LognormalMedianP90, 30, 60, 0};
  s.export_holds = {
      {"licence-review-2027", {2027, 3, 1}, {Distribution::Kind::Uniform, 60, 180, 0}, 0.3, {}}};
  s.operations.failure_classes = {
      {"gpu",
       0.45,
       0.5,
       Distribution::fixed(2.0 / 24),
       Distribution::fixed(1),
       {Distribution::Kind::Uniform, 3, 21, 0}},
      {"hbm",
       0.2,
       0.8,
       Distribution::fixed(2.0 / 24),
       Distribution::fixed(1),
       {Distribution::Kind::Uniform, 3, 21, 0}},
      {"network",
       0.2,
       0.3,
       {Distribution::Kind::Exponential, 0.1, 0, 0},
       Distribution::fixed(0.5),
       Distribution::fixed(7)},
      {"host", 0.15, 0.5, Distribution::fixed(2.0 / 24), Distribution::fixed(1), Distribution::fixed(10)}};

  struct SiteShape {
    const char* name;
    const char* zone;
    const char* buyer;
    const char* product;
    double gpus;           // at scale 1
    sim::Date first;       // first supplier release
    int quarters;          // releases, one per quarter
    double existing_mw;    // IT of existing halls (0: none)
    sim::Date build_from;  // planned start of the first new hall
    double connected_mw;   // connected at the start
    double applied_mw;     // applied for, 2025-06
    double installed_at_start;
  };
  // clang-format off
  const std::vector<SiteShape> shapes = {
      // name                zone           buyer         product       GPUs   first release  q  exist  build from     conn  appl  at start
      {"nhn-gwangju",        "honam",       "government", "hgx-b200",    7656, {2025, 11, 1},  1, 14,   {2030, 1, 1},  20,   0,    0},
      {"kakao-ansan",        "capital",     "government", "hgx-b200",    2424, {2025, 11, 1},  1, 5,    {2030, 1, 1},  7.5,  0,    0},
      {"naver-colo",         "capital",     "government", "hgx-b200",    3056, {2025, 11, 1},  1, 4.5,  {2030, 1, 1},  7,    0,    3056},
      {"gov-2026",           "chungcheong", "government", "hgx-b200",   10008, {2026, 4, 1},   4, 20,   {2030, 1, 1},  25,   0,    0},
      {"nacc-haenam",        "honam",       "government", "gb300-tray", 26856, {2028, 1, 1},  12, 0,    {2026, 7, 1},  0,    80,   0},
      {"samsung-existing",   "capital",     "samsung",    "rtx-pro",    15008, {2026, 1, 1},   8, 12,   {2027, 1, 1},  10,   40,   0},
      {"samsung-gumi",       "yeongnam",    "samsung",    "gb300-tray", 34992, {2029, 1, 1},   8, 0,    {2026, 3, 1},  0,    100,  0},
      {"sk-ulsan",           "yeongnam",    "sk",         "gb300-tray", 50000, {2027, 1, 1},  10, 0,    {2025, 9, 1},  0,    110,  0},
      {"hyundai-saemangeum", "honam",       "hyundai",    "gb300-tray", 50000, {2029, 1, 1},   8, 0,    {2027, 1, 1},  0,    110,  0},
      {"naver-sejong",       "chungcheong", "naver",      "gb300-tray", 54000, {2027, 1, 1},   8, 55,   {2026, 1, 1},  55,   150,  0},
      {"naver-colo-b200",    "capital",     "naver",      "hgx-b200",    6000, {2027, 1, 1},   6, 0,    {2026, 6, 1},  0,    15,   0},
  };
  // clang-format on
  int order_number = 0;
  for (const SiteShape& shape : shapes) {
    const models::Product& product = *std::find_if(s.products.begin(), s.products.end(),
                                                   [&](const auto& p) { return p.name == shape.product; });
    const auto units = static_cast<std::int64_t>(std::llround(shape.gpus * k / product.gpus_per_unit));
    const double it_mw = static_cast<double>(units) * product.it_power_mw_per_unit;
    models::Site site;
    site.name = shape.name;
    site.zone = shape.zone;
    site.install_crews = 4 * scale;
    site.units_per_crew_day = 12;
    site.burn_in_days = {models::Distribution::Kind::Triangular, 7, 14, 28};
    const double hall_mw = 40 * k;
    const int racks_per_hall =
        static_cast<int>(hall_mw / product.it_power_mw_per_unit * product.racks_per_unit) + 1;
    double remaining = it_mw * 1.05;
    if (shape.existing_mw > 0) {
      models::Hall h;
      h.name = "existing";
      h.it_capacity_mw = shape.existing_mw * k;
      h.racks =
          static_cast<int>(h.it_capacity_mw / product.it_power_mw_per_unit * product.racks_per_unit) + 1;
      h.cooling = product.cooling;
      h.pue = 1.5;
      h.land_ha = h.it_capacity_mw / 20;
      h.start = models::HallStart::Existing;
      site.halls.push_back(h);
      remaining -= h.it_capacity_mw;
    }
    for (int i = 0; remaining > 0; ++i) {
      models::Hall h;
      h.name = "hall-" + std::to_string(i + 1);
      h.it_capacity_mw = hall_mw;
      h.racks = racks_per_hall;
      h.cooling = product.cooling;
      h.pue = 1.25;
      h.land_ha = hall_mw / 20;
      h.construction = "ai-hall";
      if (i < 2) {
        h.start = models::HallStart::Planned;
        h.planned_start = sim::add_months(shape.build_from, 6 * i);
      } else {
        h.start = models::HallStart::OnDemand;
      }
      site.halls.push_back(h);
      remaining -= hall_mw;
    }
    double land = 0;
    for (const models::Hall& h : site.halls) land += h.land_ha;
    // The last on-demand hall of each site (where there is one) does not fit on the land.
    const models::Hall& last = site.halls.back();
    site.land_ha = land - (last.start == models::HallStart::OnDemand ? last.land_ha / 2 : 0);
    if (shape.connected_mw > 0) {
      models::GridConnection c;
      c.capacity_mw = shape.connected_mw * k;
      c.applied = {2020, 1, 1};
      c.connected_at_start = true;
      site.connections.push_back(c);
    }
    if (shape.applied_mw > 0) {
      models::GridConnection c;
      c.capacity_mw = shape.applied_mw * k;
      c.applied = {2025, 6, 1};
      c.lead_days = {models::Distribution::Kind::Triangular, 365, 540, 1000};
      site.connections.push_back(c);
    }
    s.sites.push_back(site);

    models::Order o;
    o.name = "order-" + std::to_string(++order_number);
    o.buyer = shape.buyer;
    o.product = shape.product;
    o.site = shape.name;
    const auto preinstalled =
        static_cast<std::int64_t>(std::llround(shape.installed_at_start * k / product.gpus_per_unit));
    o.installed_at_start = preinstalled;
    const std::int64_t shipped = units - preinstalled;
    for (int q = 0; q < shape.quarters && shipped > 0; ++q) {
      const std::int64_t part = shipped / shape.quarters + (q < shipped % shape.quarters ? 1 : 0);
      o.schedule.push_back({sim::add_months(shape.first, 3 * q), part});
    }
    s.orders.push_back(o);
  }
  return s;
}

}  // namespace rollout_test
