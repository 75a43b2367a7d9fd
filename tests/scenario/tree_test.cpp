#include "models/scenario/tree.h"

#include <gtest/gtest.h>

namespace models::scn {
namespace {

struct Parsed {
  std::optional<Node> node;
  std::vector<std::string> problems;
};

Parsed parse(const std::string& text, std::size_t node_limit = 1000) {
  Sources sources;
  const int source = sources.add({Source::Role::Scenario, "t.yaml", "t.yaml", text, {}});
  Diagnostics diags;
  Budget budget{node_limit, 32};
  Parsed p;
  p.node = parse_yaml(text, source, budget, diags);
  p.problems = diags.format(sources);
  return p;
}

Node yaml(const std::string& text) {
  Parsed p = parse(text);
  EXPECT_TRUE(p.problems.empty()) << p.problems.front();
  return p.node.value_or(Node{});
}

TEST(Tree, KeepsLinesColumnsAndQuoting) {
  const Node n = yaml("a: 1\nb:\n  - \"x\"\n  - {c: d}\ne:\n");
  ASSERT_EQ(n.kind, Node::Kind::Map);
  ASSERT_EQ(n.entries.size(), 3u);
  EXPECT_EQ(n.entries[0].key_origin.line, 1);
  EXPECT_EQ(n.entries[0].value.origin.column, 4);
  const Node& b = n.entries[1].value;
  ASSERT_EQ(b.kind, Node::Kind::List);
  EXPECT_TRUE(b.items[0].quoted);
  EXPECT_EQ(b.items[0].origin.line, 3);
  EXPECT_EQ(b.items[1].find("c")->text, "d");
  // "e:" with nothing after it is a null located at its key.
  EXPECT_EQ(n.entries[2].value.kind, Node::Kind::Null);
  EXPECT_EQ(n.entries[2].value.origin.line, 5);
}

TEST(Tree, ExpandsAliasesByCopying) {
  const Node n = yaml("a: &x {k: 1}\nb: *x\n");
  EXPECT_EQ(n.find("b")->find("k")->text, "1");
}

TEST(Tree, ReportsProblemsWithTheirLocation) {
  EXPECT_EQ(parse("a: 1\na: 2\n").problems,
            std::vector<std::string>{"t.yaml:2:1: a: duplicate key; first given at line 1, column 1"});
  EXPECT_EQ(parse("a: [1\n").problems,
            std::vector<std::string>{"t.yaml:2:1: YAML syntax error: end of sequence flow not found"});
  EXPECT_EQ(parse("a: 1\n---\nb: 2\n").problems,
            std::vector<std::string>{"t.yaml:2:1: expected one YAML document, found a second one"});
  EXPECT_EQ(parse("a: &x [*x]\n").problems,
            std::vector<std::string>{"t.yaml:1:8: a[0]: an alias may not refer to a node that contains it"});
  EXPECT_EQ(parse("{a: 1}: 2\n").problems,
            std::vector<std::string>{"t.yaml:1:1: expected a plain key, found a list or map used as a key"});
  EXPECT_EQ(
      parse("a: [1, 2, 3, 4]\n", 4).problems,
      std::vector<std::string>{"t.yaml:1:8: a[1]: the scenario has more than 4 YAML nodes (each use of an "
                               "alias counted); that is the limit"});  // the map, its key, the list, 1
}

TEST(Tree, EmptyDocumentIsNull) {
  EXPECT_EQ(yaml("").kind, Node::Kind::Null);
  EXPECT_EQ(yaml("# only a comment\n").kind, Node::Kind::Null);
}

TEST(Tree, MergeRuleMapsByKeyListsWholeNullRemoves) {
  const Node merged = merge(yaml("a: {x: 1, y: 2}\nl: [1, 2, 3]\nk: 1\nr: 5\n"),
                            yaml("a: {y: 3, z: 4}\nl: [9]\nr: ~\nn: new\n"));
  EXPECT_EQ(write_yaml(merged), "a:\n  x: 1\n  y: 3\n  z: 4\nl:\n  - 9\nk: 1\nn: new\n");
  // The merged nodes keep their own origins: y from the override (line 1), x from the base.
  EXPECT_EQ(merged.find("a")->find("x")->origin.line, 1);
  EXPECT_EQ(merged.find("n")->origin.line, 4);
}

TEST(Tree, ADistributionOfAnotherFormReplacesTheBasesAndOneOfTheSameFormIsPatched) {
  const Node base = yaml("burn_in: {lognormal: {median: 30 days, p90: 60 days}}\n");
  EXPECT_EQ(
      write_yaml(merge(base, yaml("burn_in: {triangular: {low: 1 day, mode: 2 days, high: 3 days}}\n"))),
      "burn_in:\n  triangular:\n    low: 1 day\n    mode: 2 days\n    high: 3 days\n");
  EXPECT_EQ(write_yaml(merge(base, yaml("burn_in: {lognormal: {p90: 90 days}}\n"))),
            "burn_in:\n  lognormal:\n    median: 30 days\n    p90: 90 days\n");
  // Not a distribution: one-key maps still merge by key.
  EXPECT_EQ(write_yaml(merge(yaml("a: {x: 1}\n"), yaml("a: {y: 2}\n"))), "a:\n  x: 1\n  y: 2\n");
}

TEST(Tree, NamedListsMergeByNamePatchAppendAndRemove) {
  const Node base = yaml(
      "sites:\n  - {name: a, land: 1, halls: [{name: h1, racks: 10}, {name: h2, racks: 20}]}\n"
      "  - {name: b, land: 2}\n  - {name: c, land: 3}\n");
  const Node over = yaml(
      "sites:\n  - {name: a, halls: [{name: h2, racks: 25}, {name: h3, racks: 5}]}\n"
      "  - {remove: b}\n  - {name: d, land: 4}\n");
  const Node merged = merge(base, over);
  EXPECT_EQ(write_yaml(merged),
            "sites:\n"
            "  - name: a\n    land: 1\n    halls:\n      - name: h1\n        racks: 10\n"
            "      - name: h2\n        racks: 25\n      - name: h3\n        racks: 5\n"
            "  - name: c\n    land: 3\n  - name: d\n    land: 4\n");
}

TEST(Tree, ReplaceFormAndUnnamedListsReplaceWhole) {
  const Node base = yaml("sites: [{name: a}, {name: b}]\nl: [{x: 1}, {x: 2}]\n");
  const Node merged = merge(base, yaml("sites: {replace: [{name: z}]}\nl: [{x: 9}]\n"));
  EXPECT_EQ(write_yaml(merged), "sites:\n  - name: z\nl:\n  - x: 9\n");
  // A name twice in the variant is not merged (the reader reports the duplicate).
  const Node twice = merge(base, yaml("sites: [{name: a}, {name: a}]\n"));
  EXPECT_EQ(twice.find("sites")->items.size(), 2u);
}

TEST(Tree, RemovingAnEntryTheBaseDoesNotHaveIsReported) {
  Diagnostics diags;
  const Node merged =
      merge(yaml("sites: [{name: a}, {name: b}]\n"), yaml("sites:\n  - {remove: x}\n"), &diags);
  EXPECT_EQ(merged.find("sites")->items.size(), 2u);
  ASSERT_EQ(diags.count(), 1u);
  EXPECT_EQ(diags.kept()[0].path, "sites");
  EXPECT_EQ(
      diags.kept()[0].message,
      "expected the name of an entry of the base's list to remove, found 'x'; the base's entries: a, b");
  EXPECT_EQ(diags.kept()[0].where.line, 2);
}

TEST(Tree, SetOnAnUnknownEntrySuggestsNearestNamesAndListsThemAll) {
  Node root = yaml("sites: [{name: nacc-haenam}, {name: sk-ulsan}, {name: sk-existing}]\n");
  const auto path = parse_key_path("sites.sk.land");
  ASSERT_TRUE(path);
  EXPECT_EQ(
      set_at_path(root, *path, Node::scalar("1 ha")),
      "'sites' has no entry named 'sk'; did you mean 'sk-ulsan' or 'sk-existing'? (its entries: nacc-haenam, "
      "sk-ulsan, sk-existing)");
  const auto typo = parse_key_path("sites.nacc-haenma.land");
  EXPECT_EQ(
      set_at_path(root, *typo, Node::scalar("1 ha")),
      "'sites' has no entry named 'nacc-haenma'; did you mean 'nacc-haenam'? (its entries: nacc-haenam, "
      "sk-ulsan, sk-existing)");
}

TEST(Tree, KeyPaths) {
  const auto p = parse_key_path("sites[2].halls.h1.pue");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->size(), 5u);
  EXPECT_EQ((*p)[0].key, "sites");
  EXPECT_EQ((*p)[1].index, 2u);
  EXPECT_EQ((*p)[3].key, "h1");
  EXPECT_EQ(format_key_path(*p), "sites[2].halls.h1.pue");
  for (const char* bad : {"", ".a", "a.", "a..b", "a[", "a[x]", "a[1", "[1]", "a]b"}) {
    EXPECT_FALSE(parse_key_path(bad)) << bad;
  }
}

TEST(Tree, SetAtPathByNameIndexAndNewKey) {
  Node doc = yaml("sites:\n  - {name: a, land: 1 ha}\n  - {name: b, land: 2 ha}\nx: 1\n");
  EXPECT_EQ(set_at_path(doc, *parse_key_path("sites.b.land"), Node::scalar("5 ha")), "");
  EXPECT_EQ(set_at_path(doc, *parse_key_path("sites[0].zone"), Node::scalar("south")), "");
  EXPECT_EQ(set_at_path(doc, *parse_key_path("logistics.transit_time"), Node::scalar("20 days")), "");
  EXPECT_EQ(set_at_path(doc, *parse_key_path("x"), Node{}), "");
  EXPECT_EQ(write_yaml(doc),
            "sites:\n  - name: a\n    land: 1 ha\n    zone: south\n  - name: b\n    land: 5 ha\nlogistics:\n"
            "  transit_time: 20 days\n");
  EXPECT_EQ(set_at_path(doc, *parse_key_path("sites.c.land"), Node::scalar("1 ha")),
            "'sites' has no entry named 'c' (its entries: a, b)");
  EXPECT_EQ(set_at_path(doc, *parse_key_path("sites[2]"), Node::scalar("1 ha")),
            "'sites' has 2 entries; index 2 is out of range");
  EXPECT_EQ(set_at_path(doc, *parse_key_path("sites[0].land.x"), Node::scalar("1")),
            "'sites[0].land' is a single value, not a map with key 'x'");
  EXPECT_EQ(set_at_path(doc, *parse_key_path("logistics[0]"), Node::scalar("1")),
            "'logistics' is not a list; it cannot take index [0]");
}

TEST(Tree, WriterQuotesWhatWouldReadBackDifferently) {
  for (const char* plain : {"korea-2025", "40 MW", "2027-11-01", "a b", "x:y"}) {
    EXPECT_FALSE(needs_quotes(plain)) << plain;
  }
  for (const char* quoted :
       {"", "null", "~", "true", "no", "8", "1e5", "-x", "a: b", "a #b", "[x", "a,b", " a"}) {
    EXPECT_TRUE(needs_quotes(quoted)) << quoted;
  }
  Node n = Node::map();
  n.set("t", Node::scalar("say \"hi\"\n\tback\\slash", {}, true));
  EXPECT_EQ(write_yaml(n), "t: \"say \\\"hi\\\"\\n\\tback\\\\slash\"\n");
  EXPECT_EQ(yaml(write_yaml(n)).find("t")->text, "say \"hi\"\n\tback\\slash");
}

}  // namespace
}  // namespace models::scn
