#include "models/scenario/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "models/scenario/conditions.h"
#include "models/scenario/files.h"
#include "models/scenario/record.h"
#include "models/scenario/schema.h"
#include "models/scenario/tree.h"

namespace models {

namespace fs = std::filesystem;
using scn::Budget;
using scn::Diagnostics;
using scn::Limits;
using scn::Node;
using scn::Origin;
using scn::quote;
using scn::Source;

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

class Loader {
 public:
  Loader(fs::path root, const std::vector<std::string>& overrides, std::span<const ModelRule> model_rules)
      : root_(std::move(root)),
        overrides_(overrides),
        model_rules_(model_rules),
        budget_{Limits::kNodes, Limits::kDepth} {}

  LoadResult load_file(const fs::path& file) {
    const std::string display = file.generic_string();
    const int source =
        sources_.add({Source::Role::Scenario, display, file.filename().generic_string(), "", {}});
    const scn::FileText read = scn::read_text_file(file, Limits::kFileBytes);
    if (!read.text) {
      diags_.add({source, 0, 0}, "", "cannot read the scenario file: " + read.problem);
      return finish(std::nullopt);
    }
    doc_ = parse(source, *read.text);
    if (!doc_) return finish(std::nullopt);
    return load(*std::move(doc_));
  }

  LoadResult load_text(const std::string& text, const std::string& display) {
    if (!read_text(text, display)) return finish(std::nullopt);
    return load(*std::move(doc_));
  }

  // The first half of load_text: the text parsed and its bases merged, kept in doc_ (empty when
  // that failed, with the problems in diags_). A copy of this Loader finishes the load with
  // with_overrides(...).load(...), exactly as load_text would have.
  bool read_text(const std::string& text, const std::string& display) {
    const int source = sources_.add(
        {Source::Role::Scenario, display, fs::path(display).filename().generic_string(), "", {}});
    if (text.size() > Limits::kFileBytes) {
      diags_.add({source, 0, 0}, "",
                 fmt::format("the scenario is {} bytes; the limit is {}", text.size(), Limits::kFileBytes));
      return false;
    }
    doc_ = parse(source, text);
    return doc_.has_value();
  }

  const std::optional<Node>& document() const { return doc_; }

  void set_overrides(const std::vector<std::string>& overrides) {
    overrides_ = overrides;
    provenance_.overrides = overrides;
  }
  void set_describe(bool describe) { describe_ = describe; }

  LoadResult finish_failed() { return finish(std::nullopt); }

  // The second half: overrides, schema, references and rules on a parsed, merged document.
  LoadResult load(Node doc) {
    if (!apply_overrides(doc)) return finish(std::nullopt);  // only when there are too many

    Scenario scenario;
    scn::Reader reader(diags_, sources_,
                       [this](const Node& written, const std::string& key_path, const scn::FieldInfo& field) {
                         return load_csv(written, key_path, field);
                       });
    scn::scenario_schema().parse(doc, "", scenario, reader);
    reader.resolve_references();
    scn::resolve_conditions(scenario, reader);
    scn::check_rules(scenario, reader);
    if (!diags_.empty()) return finish(std::nullopt);
    for (const ModelRule rule : model_rules_) rule(scenario, reader);
    if (!diags_.empty()) return finish(std::nullopt);
    return finish(std::move(scenario));
  }

  // The document parsed from `text` with its bases merged, or empty (problems in diags_).
  std::optional<Node> parse(int source, const std::string& text) {
    provenance_.path = sources_.at(source).display;
    provenance_.text = text;
    provenance_.overrides = overrides_;
    std::optional<Node> doc = parse_document(source, text);
    if (!doc) return std::nullopt;
    chain_.push_back(canonical(root_ / sources_.at(source).relative));
    doc = resolve_base(std::move(*doc), source);
    if (!doc || !diags_.empty()) return std::nullopt;
    return doc;
  }

  LoadResult finish(std::optional<Scenario> scenario) {
    LoadResult result;
    if (scenario && describe_) provenance_.resolved_yaml = describe_scenario(*scenario);
    result.scenario = std::move(scenario);
    result.provenance = std::move(provenance_);
    result.errors = diags_.format(sources_);
    return result;
  }

  static fs::path canonical(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : c;
  }

  // The folder in which paths written in `source` resolve and to which its CSV files are
  // confined: the scenario's own folder, or a base's own folder (a base may live elsewhere).
  fs::path folder_of(int source) const {
    const auto it = folders_.find(source);
    return it == folders_.end() ? root_ : it->second;
  }

  // How messages name a file written as `written` in `source`.
  std::string display_of(int source, const std::string& written) const {
    fs::path dir;
    if (source >= 0 && sources_.at(source).role != Source::Role::Override) {
      dir = fs::path(sources_.at(source).display).parent_path();
    } else {
      dir = fs::path(sources_.at(0).display).parent_path();
    }
    return (dir / written).lexically_normal().generic_string();
  }

  std::optional<Node> parse_document(int source, const std::string& text) {
    std::optional<Node> doc = scn::parse_yaml(text, source, budget_, diags_);
    if (!doc) return std::nullopt;
    if (doc->kind == Node::Kind::Null) {
      diags_.add({source, 1, 1}, "", "the file is empty; expected a map of scenario keys");
      return std::nullopt;
    }
    if (doc->kind != Node::Kind::Map) {
      diags_.add(doc->origin, "",
                 fmt::format("expected a map of scenario keys, found {}",
                             doc->kind == Node::Kind::List ? "a list" : quote(doc->text)));
      return std::nullopt;
    }
    return doc;
  }

  // Replaces `doc` by its base (recursively) with `doc` merged over it.
  std::optional<Node> resolve_base(Node doc, int source) {
    const Node* base = doc.find("base");
    if (base == nullptr) return doc;
    const Origin at = base->origin;
    if (base->kind != Node::Kind::Scalar) {
      diags_.add(at, "base",
                 fmt::format("expected a file path, found {}",
                             base->kind == Node::Kind::Null ? "nothing" : "a list or map"));
      return std::nullopt;
    }
    const std::string written = base->text;
    // A base may be anywhere; only the CSV files of each scenario are confined to that
    // scenario's own folder (files.h).
    const scn::NamedScenarioFile named = scn::named_scenario_file(written, folder_of(source));
    if (!named.path) {
      diags_.add(at, "base", named.problem);
      return std::nullopt;
    }
    const fs::path full = *named.path;
    const std::string relative = full.lexically_relative(root_).generic_string();
    const std::string display = display_of(source, written);
    const fs::path real = canonical(full);
    if (std::find(chain_.begin(), chain_.end(), real) != chain_.end()) {
      std::string cycle;
      for (int s = 0; s <= source; ++s) {
        if (sources_.at(s).role == Source::Role::Scenario || sources_.at(s).role == Source::Role::Base) {
          cycle += sources_.at(s).display + " -> ";
        }
      }
      diags_.add(at, "base",
                 fmt::format("expected a base that does not include this file again, found the cycle {}{}",
                             cycle, display));
      return std::nullopt;
    }
    if (static_cast<int>(chain_.size()) > Limits::kBaseChain) {
      diags_.add(
          at, "base",
          fmt::format("expected at most {} nested bases, found more; that is the limit", Limits::kBaseChain));
      return std::nullopt;
    }
    const scn::FileText read = scn::read_text_file(full, Limits::kFileBytes);
    if (!read.text) {
      diags_.add(at, "base", fmt::format("cannot read {}: {}", quote(written), read.problem));
      return std::nullopt;
    }
    const int base_source = sources_.add(
        {Source::Role::Base, display, relative.empty() ? full.generic_string() : relative, *read.text, at});
    folders_[base_source] = full.parent_path();
    provenance_.bases.push_back({sources_.at(base_source).relative, *read.text});
    std::optional<Node> base_doc = parse_document(base_source, *read.text);
    if (!base_doc) return std::nullopt;
    chain_.push_back(real);
    std::optional<Node> resolved = resolve_base(std::move(*base_doc), base_source);
    chain_.pop_back();
    if (!resolved) return std::nullopt;
    doc.erase("base");
    return scn::merge(std::move(*resolved), std::move(doc), &diags_);
  }

  bool apply_overrides(Node& doc) {
    if (overrides_.size() > Limits::kOverrides) {
      diags_.add(
          {}, "--set",
          fmt::format("expected at most {} overrides, found {}", Limits::kOverrides, overrides_.size()));
      return false;
    }
    for (const std::string& text : overrides_) {
      const int source = sources_.add({Source::Role::Override, "--set " + text, "", text, {}});
      const std::size_t eq = text.find('=');
      if (eq == std::string::npos || eq == 0) {
        diags_.add({source, 0, 0}, "", fmt::format("expected KEY.PATH=VALUE, found {}", quote(text)));
        continue;
      }
      const std::string key = text.substr(0, eq);
      const std::optional<std::vector<scn::PathStep>> path = scn::parse_key_path(key);
      if (!path) {
        diags_.add(
            {source, 1, 1}, "",
            fmt::format("expected a key path such as 'sites.nacc-haenam.land' or 'sites[2].land', found {}",
                        quote(key)));
        continue;
      }
      if (path->front().key == "base") {
        diags_.add({source, 1, 1}, key, "the base cannot be overridden; write a variant file instead");
        continue;
      }
      // Parsed behind spaces standing for "KEY.PATH=", so columns count from the start of the option.
      std::optional<Node> value =
          scn::parse_yaml(std::string(eq + 1, ' ') + text.substr(eq + 1), source, budget_, diags_);
      if (!value) continue;
      const std::size_t last = key.find_last_of(".]");
      const Origin key_at{source, 1, static_cast<int>(last == std::string::npos ? 0 : last + 1) + 1};
      const std::string problem = scn::set_at_path(doc, *path, std::move(*value), key_at);
      if (!problem.empty()) diags_.add({source, 1, 1}, key, problem);
    }
    return true;  // the other keys are still worth checking
  }

  std::optional<Node> load_csv(const Node& written, const std::string& key_path,
                               const scn::FieldInfo& field) {
    const int from = written.origin.source;
    const bool in_base = from >= 0 && sources_.at(from).role == Source::Role::Base;
    const scn::ConfinedPath confined = scn::confine_path(written.text, folder_of(from), "");
    // Paths are recorded relative to the scenario's folder (a base elsewhere: relative to it too).
    scn::ConfinedPath path = confined;
    if (confined.path && in_base)
      path.relative = confined.path->lexically_normal().lexically_relative(root_).generic_string();
    if (!path.path) {
      diags_.add(written.origin, key_path, path.problem);
      return std::nullopt;
    }
    const scn::FileText read = scn::read_text_file(*path.path, Limits::kFileBytes);
    if (!read.text) {
      diags_.add(written.origin, key_path,
                 fmt::format("cannot read {}: {}", quote(written.text), read.problem));
      return std::nullopt;
    }
    const std::string display = display_of(written.origin.source, written.text);
    const int source = sources_.add({Source::Role::Csv, display, path.relative, *read.text, written.origin});
    const bool seen = std::any_of(provenance_.csv_files.begin(), provenance_.csv_files.end(),
                                  [&](const ScenarioFile& f) { return f.path == path.relative; });
    if (!seen) provenance_.csv_files.push_back({path.relative, *read.text});
    return scn::parse_csv(*read.text, source, field.csv_columns, key_path, budget_, diags_);
  }

  fs::path root_;
  std::map<int, fs::path> folders_;  // a base's own folder, by source
  std::vector<std::string> overrides_;
  std::span<const ModelRule> model_rules_;
  scn::Sources sources_;
  Diagnostics diags_;
  Budget budget_;
  std::vector<fs::path> chain_;
  ScenarioProvenance provenance_;
  std::optional<Node> doc_;  // read_text's result, until a load takes it
  bool describe_ = true;     // fill provenance_.resolved_yaml
};

}  // namespace

LoadResult load_scenario(const fs::path& file, const std::vector<std::string>& overrides,
                         std::span<const ModelRule> model_rules) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::absolute(file, ec), ec).parent_path();
  return Loader(std::move(root), overrides, model_rules).load_file(file);
}

LoadResult load_scenario_text(const std::string& text, const std::string& display, const fs::path& folder,
                              const std::vector<std::string>& overrides,
                              std::span<const ModelRule> model_rules) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::absolute(folder, ec), ec);
  return Loader(std::move(root), overrides, model_rules).load_text(text, display);
}

struct PreparedScenario::State {
  Loader loader;  // after read_text: sources, budget and diagnostics of the parse, and the document
};

PreparedScenario::PreparedScenario(std::shared_ptr<const State> state) : state_(std::move(state)) {}
PreparedScenario::~PreparedScenario() = default;

PreparedScenario prepare_scenario_text(const std::string& text, const std::string& display,
                                       const fs::path& folder, std::span<const ModelRule> model_rules) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::absolute(folder, ec), ec);
  auto state = std::make_shared<PreparedScenario::State>(
      PreparedScenario::State{Loader(std::move(root), {}, model_rules)});
  state->loader.read_text(text, display);
  return PreparedScenario(std::move(state));
}

LoadResult PreparedScenario::load(const std::vector<std::string>& overrides, bool describe) const {
  Loader loader = state_->loader;  // a copy: each load has its own sources, budget and problems
  loader.set_overrides(overrides);
  loader.set_describe(describe);
  if (!loader.document()) return loader.finish_failed();
  return loader.load(*loader.document());
}

ScenarioError::ScenarioError(std::vector<std::string> errors)
    : std::runtime_error(join_lines(errors)), errors_(std::move(errors)) {}

LoadResult load_scenario_or_throw(const fs::path& file, const std::vector<std::string>& overrides,
                                  std::span<const ModelRule> model_rules) {
  LoadResult r = load_scenario(file, overrides, model_rules);
  if (!r.ok()) throw ScenarioError(r.errors);
  return r;
}

std::string describe_scenario(const Scenario& scenario) {
  return scn::write_yaml(scn::scenario_schema().emit(scenario));
}

std::string scenario_reference_markdown() { return scn::reference_markdown(); }

}  // namespace models
