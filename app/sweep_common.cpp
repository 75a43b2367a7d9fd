#include "app/sweep_common.h"

#include <fmt/format.h>

#include "app/version.h"
#include "sim/random.h"

namespace sovsim::cli::sweep {
namespace {

namespace sw = sim::sweep;

std::string join_names(const std::vector<sw::Quantity>& qs) {
  std::string out;
  for (const auto& q : qs) out += (out.empty() ? "" : " ") + q.name;
  return out;
}

}  // namespace

output::Attributes provenance(const sw::Plan& plan, const sw::Design& design, const sw::ModelOutputs& outputs,
                              const std::string& sweep_text, const std::string& base_resolved_yaml) {
  output::Attributes a;
  a.emplace_back("title", plan.title.empty() ? std::string("sovsim sweep") : plan.title);
  a.emplace_back("sovsim_version", fmt::format("{} (git {})", sovsim::version(), sovsim::git_revision()));
  a.emplace_back("sweep_hash", sw::plan_hash(plan));
  a.emplace_back("sweep_plan", sw::serialize(plan));
  a.emplace_back("sweep_file", sweep_text);
  if (!base_resolved_yaml.empty()) a.emplace_back("base_scenario", base_resolved_yaml);
  a.emplace_back("model", plan.model);
  a.emplace_back("design", std::string(sw::design_name(plan.design.kind)));
  a.emplace_back("replications", static_cast<std::int64_t>(plan.replications));
  a.emplace_back("random_seed", static_cast<std::int64_t>(plan.master_seed));
  a.emplace_back("random_numbers", std::string(sw::random_numbers_name(plan.random_numbers)));
  a.emplace_back("runs", static_cast<std::int64_t>(sw::run_count(plan, design)));
  a.emplace_back("keep", std::string(sw::keep_name(plan.keep)));
  a.emplace_back("indicators", join_names(outputs.indicators));
  a.emplace_back("series", join_names(outputs.series));
  for (const auto& [name, value] : outputs.attributes) a.emplace_back(name, value);
  return a;
}

std::string design_table_csv(const sw::Plan& plan, const sw::Design& design) {
  std::string out = "run,point,replication,seed";
  // The unit rides in the header ("zones.capital.headroom [MW]") so that a row can be replayed
  // with `sovsim run --from-table`, and external tools still see plain numbers.
  for (const auto& p : plan.parameters) {
    out += "," + p.name + (p.units.empty() || p.units == "1" ? "" : " [" + p.units + "]");
  }
  if (!plan.variants.empty()) out += ",variant";
  out += "\n";
  const std::uint64_t total = sw::run_count(plan, design);
  for (std::uint64_t r = 0; r < total; ++r) {
    const std::uint64_t pt = r / plan.replications, re = r % plan.replications;
    out += fmt::format("{},{},{},{}", r, pt, re, sw::seed_of_run(plan, pt, re));
    for (std::size_t k = 0; k < design.dims; ++k) out += fmt::format(",{}", design.value(pt, k));
    if (!plan.variants.empty()) out += "," + plan.variants[design.variant_of(pt)].name;
    out += "\n";
  }
  return out;
}

}  // namespace sovsim::cli::sweep
