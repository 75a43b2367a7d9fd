// docs/scenario-reference.md, generated from the schema table so that the two cannot drift.

#include <fmt/format.h>

#include <set>

#include "models/scenario/schema.h"

namespace models::scn {

namespace {

std::string code(std::string_view s) { return fmt::format("`{}`", s); }

std::string kind_text(const FieldInfo& f) {
  switch (f.type) {
    case Type::Text:
      return "text";
    case Type::Identifier:
      return "name";
    case Type::FilePath:
      return "file path";
    case Type::Integer:
      return "integer";
    case Type::Number:
      return "number";
    case Type::Quantity:
      return std::string(units::kind_name(f.unit));
    case Type::Distribution:
      return fmt::format("{} or distribution", units::kind_name(f.unit));
    case Type::Date:
      return "date";
    case Type::Bool:
      return "true or false";
    case Type::Choice: {
      std::string out = "one of ";
      for (std::size_t i = 0; i < f.choices.size(); ++i) {
        out += (i ? ", " : "") + code(f.choices[i]);
        if (i < f.choice_meanings.size()) out += fmt::format(" ({})", f.choice_meanings[i]);
      }
      return out;
    }
    case Type::Value:
      return "number, optionally with a unit";
    case Type::ValueList:
      return "list of numbers, each optionally with a unit";
    case Type::FilePathList:
      return "list of file paths";
    case Type::TextList:
      return "list of names";
    case Type::ValueMaps:
      return "list of maps `{KEY: value}`";
    case Type::Ref:
      return fmt::format("name of a {}", f.ref_noun);
    case Type::RefList:
      return fmt::format("list of {} names", f.ref_noun);
    case Type::Record:
      return fmt::format("map ({})", code(f.record->path));
    case Type::List: {
      std::string out = fmt::format("list of {} ({})", plural(f.record->name), code(f.record->path));
      if (!f.csv_columns.empty()) {
        std::string header;
        for (std::size_t i = 0; i < f.csv_columns.size(); ++i) header += (i ? "," : "") + f.csv_columns[i];
        out += fmt::format(", or a CSV file path (columns {})", code(header));
      }
      return out;
    }
  }
  return "?";
}

std::string presence_text(const FieldInfo& f) {
  if (f.required) return "required";
  if (!f.condition.empty()) return f.condition;
  if (f.type == Type::Record) return "optional (defaults below)";
  if (!f.default_text.empty()) return "default " + code(f.default_text);
  return "optional";
}

std::string allowed_text(const FieldInfo& f) {
  std::vector<std::string> parts;
  if (f.type == Type::Integer || f.type == Type::Number || f.type == Type::Quantity ||
      f.type == Type::Distribution) {
    const std::string unit = f.type == Type::Quantity || f.type == Type::Distribution
                                 ? std::string(units::canonical_symbol(f.unit))
                                 : "";
    const std::string range = f.range.describe(unit);
    if (!range.empty()) parts.push_back(range);
  }
  if (f.type == Type::Identifier || f.type == Type::Ref) parts.push_back("`[a-z0-9_-]`, 1 to 64 characters");
  if (f.type == Type::Text) parts.push_back("at most 10000 characters");
  if (f.type == Type::FilePath || f.type == Type::FilePathList)
    parts.push_back("relative to the folder of the file naming it (`..` allowed), or absolute");
  if (f.type == Type::Value || f.type == Type::ValueList || f.type == Type::ValueMaps)
    parts.push_back("finite; any unit of the units table");
  if (f.min_items > 0 && f.min_items == f.max_items) {
    parts.push_back(fmt::format("exactly {}", f.min_items));
  } else {
    if (f.min_items > 0) parts.push_back(fmt::format("at least {}", f.min_items));
    if (f.max_items > 0) parts.push_back(fmt::format("at most {}", f.max_items));
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
}

std::string cell(std::string s) {
  std::string out;
  for (const char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void write_record(std::string& out, const RecordInfo& r, std::set<const RecordInfo*>& done) {
  if (!done.insert(&r).second) return;
  out += r.path.empty() ? "## Top level\n\n" : fmt::format("## `{}`: {}\n\n", r.path, r.name);
  out += r.description + "\n\n";
  out += "| key | kind | required / default | allowed | meaning |\n|---|---|---|---|---|\n";
  for (const FieldInfo& f : r.fields) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", code(f.key), cell(kind_text(f)),
                       cell(presence_text(f)), cell(allowed_text(f)), cell(f.description));
  }
  out += "\n";
  if (!r.rules.empty()) {
    out += "Rules:\n\n";
    for (const std::string& rule : r.rules) out += "- " + rule + "\n";
    out += "\n";
  }
  for (const FieldInfo& f : r.fields) {
    if (f.record != nullptr) write_record(out, *f.record, done);
  }
}

}  // namespace

std::string record_reference_markdown(const RecordInfo& top) {
  std::string out;
  std::set<const RecordInfo*> done;
  write_record(out, top, done);
  return out;
}

std::string reference_markdown() {
  std::string out =
      "# Scenario file reference\n\n"
      "<!-- Generated by `sovsim describe --reference > docs/scenario-reference.md`; do not edit. A test "
      "fails "
      "when this file differs from what the schema table (models/scenario/schema.cpp) generates. -->\n\n"
      "Every key of a scenario file, with its kind, default and allowed values. How units, "
      "distributions, bases, CSV files and overrides work is explained in "
      "[scenario-format.md](scenario-format.md).\n\n"
      "Ranges are in the canonical unit of each kind; any accepted unit of that kind may be written.\n\n"
      "## Units\n\n| kind | canonical unit | accepted units | example |\n|---|---|---|---|\n";
  for (const units::Kind kind :
       {units::Kind::Power, units::Kind::Energy, units::Kind::Area, units::Kind::Duration, units::Kind::Price,
        units::Kind::CapacityCharge, units::Kind::EmissionFactor, units::Kind::Compute, units::Kind::Rate}) {
    out += fmt::format("| {} | {} | {} | {} |\n", units::kind_name(kind), code(units::canonical_symbol(kind)),
                       cell(units::accepted_symbols(kind)), code(units::example(kind)));
  }
  out += "\nA month is 365.25/12 days and a year 365.25 days.\n\n";
  out += "## Limits\n\n| what | limit |\n|---|---|\n";
  out += fmt::format("| size of each scenario, base or CSV file | {} MiB |\n",
                     Limits::kFileBytes / (1024 * 1024));
  out += fmt::format("| YAML nodes and CSV fields in one load (each use of an alias counted) | {} |\n",
                     Limits::kNodes);
  out += fmt::format("| nesting of lists and maps | {} levels |\n", Limits::kDepth);
  out += fmt::format("| chain of bases | {} |\n", Limits::kBaseChain);
  out += fmt::format("| `--set` overrides | {} |\n", Limits::kOverrides);
  out += fmt::format("| GPUs in all orders | {} |\n", units::format_number(Limits::kGpus));
  out += fmt::format("| units in all orders (`schedule` and `installed_at_start`) | {} |\n",
                     units::format_number(Limits::kUnits));
  out += fmt::format("| horizon (`end` - `start`) | {} years |\n", Limits::kHorizonYears);
  out += fmt::format("| samples over the horizon | {} |\n", units::format_number(Limits::kSamples));
  out += fmt::format(
      "| candidate failures in a run, on average (`failures_per_gpu_day` x GPUs x horizon days) | {} |\n",
      units::format_number(Limits::kFailureCandidates));
  out += fmt::format("| output of a run (samples x values per row x 8 bytes) | {} GiB |\n",
                     Limits::kOutputBytes / static_cast<double>(1ull << 30));
  out += fmt::format("| earliest `schedule` date | {} years before `start` |\n",
                     Limits::kScheduleYearsBeforeStart);
  out += "| problems listed per file | 50, then a count of the rest |\n\n";
  out += "List lengths are limited per list; see the tables.\n\n";
  out += record_reference_markdown(scenario_schema().info());
  while (out.ends_with("\n\n")) out.pop_back();
  return out;
}

}  // namespace models::scn
