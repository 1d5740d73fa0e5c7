// Copyright (c) Cornerstone authors. Unit tests of the TCK runner's own
// parts: JSON, the value notation, structural comparison, side effects.
#include <cmath>
#include <string>
#include <vector>

#include "compare.h"
#include "cornerstone/cornerstone.h"
#include "doctest/doctest.h"
#include "graph_state.h"
#include "json.h"
#include "scenario.h"
#include "tck_value.h"

namespace cornerstone_tck {
namespace {

TckValue Parse(const std::string& text, bool unordered = false) {
  absl::StatusOr<TckValue> v = ParseTckValue(text);
  REQUIRE_MESSAGE(v.ok(), text);
  Canonicalize(&*v, unordered);
  return *v;
}

bool Same(const std::string& a, const std::string& b, bool unordered = false) {
  return Compare(Parse(a, unordered), Parse(b, unordered)) == 0;
}

TEST_CASE("json: values, escapes and errors") {
  absl::StatusOr<Json> j =
      ParseJson(R"({"a": [1, -2.5e1, true, null], "s": "x\"\\\n\u00e9\ud83d\ude00"})");
  REQUIRE(j.ok());
  const Json* a = j->Find("a");
  REQUIRE(a != nullptr);
  CHECK(a->items().size() == 4);
  CHECK(a->items()[1].number() == -25.0);
  CHECK(a->items()[2].bool_value());
  CHECK(a->items()[3].is_null());
  CHECK(j->Find("s")->str() == "x\"\\\n\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(j->Find("missing") == nullptr);
  CHECK_FALSE(ParseJson("{\"a\": }").ok());
  CHECK_FALSE(ParseJson("[1, 2").ok());
  CHECK_FALSE(ParseJson("{} x").ok());
}

TEST_CASE("value notation: scalars") {
  CHECK(Parse("null").kind == TckValue::Kind::kNull);
  CHECK(Parse("-9223372036854775808").int_value == INT64_MIN);
  CHECK_FALSE(ParseTckValue("9223372036854775808").ok());
  CHECK(Parse("1e-305").kind == TckValue::Kind::kFloat);
  CHECK(Parse(".5").float_value == 0.5);
  CHECK(Parse("-0.5").float_value == -0.5);
  CHECK(Parse("1.2635418652381264e305").float_value == 1.2635418652381264e305);
  CHECK(std::isnan(Parse("NaN").float_value));
  CHECK(Parse("'it\\'s \\\\ \\n'").text == "it's \\ \\n");
  CHECK(Parse("'a\nb'").text == "a\nb");
  CHECK_FALSE(ParseTckValue("'open").ok());
  CHECK_FALSE(ParseTckValue("1 2").ok());
}

TEST_CASE("value notation: structures") {
  TckValue node = Parse("(:B:A {name: 'x', n: 1})");
  CHECK(node.labels == std::vector<std::string>{"A", "B"});
  CHECK(node.entries.size() == 2);
  CHECK(node.entries[0].first == "n");
  CHECK(Parse("[:T {k: [1, 2]}]").text == "T");
  TckValue path = Parse("<(:A)-[:R]->(:B)<-[:S]-()>");
  CHECK(path.items.size() == 5);
  CHECK(path.forward == std::vector<bool>{true, false});
  CHECK(Parse("<(:A)>").items.size() == 1);
  CHECK_FALSE(ParseTckValue("{a: 1, a: 2}").ok());
  CHECK(RenderTckValue(Parse("<(:A {x: 1.0})-[:R]->()>")) == "<(:A {x: 1.0})-[:R]->()>");
}

TEST_CASE("compare: the FORMAT.md rules") {
  CHECK_FALSE(Same("1", "1.0"));
  CHECK(Same("NaN", "NaN"));
  CHECK(Same("-0.0", "0.0"));
  CHECK(Same("0.1", "0.1000000000000000055511151231257827"));  // same double
  CHECK_FALSE(Same("0.1", "0.10000000000000002"));
  CHECK(Same("{b: 1, a: 2}", "{a: 2, b: 1}"));
  CHECK_FALSE(Same("{a: null}", "{}"));
  CHECK_FALSE(Same("[1, 2]", "[2, 1]"));
  CHECK(Same("[1, 2]", "[2, 1]", true));
  CHECK(Same("{k: [[3, 1], 2]}", "{k: [2, [1, 3]]}", true));
  CHECK_FALSE(Same("[1, 1, 2]", "[1, 2, 2]", true));
  CHECK(Same("(:A:B)", "(:B:A)"));
  CHECK_FALSE(Same("(:A)", "(:A {p: 1})"));
  CHECK_FALSE(Same("[:T]", "[:U]"));
  CHECK_FALSE(Same("<(:A)-[:R]->(:B)>", "<(:A)<-[:R]-(:B)>"));
  CHECK_FALSE(Same("'a'", "'A'"));
}

TEST_CASE("compare: rows as multiset or sequence") {
  std::vector<Row> a = {{Parse("1")}, {Parse("2")}, {Parse("2")}};
  std::vector<Row> b = {{Parse("2")}, {Parse("1")}, {Parse("2")}};
  std::vector<Row> c = {{Parse("2")}, {Parse("1")}, {Parse("1")}};
  CHECK(CompareRows(a, b, false).empty());
  CHECK_FALSE(CompareRows(a, b, true).empty());
  CHECK_FALSE(CompareRows(a, c, false).empty());
  CHECK_FALSE(CompareRows(a, {}, false).empty());
}

TEST_CASE("engine values convert with path directions") {
  cornerstone::Node a{1, {"A"}, {}};
  cornerstone::Node b{2, {"B"}, {{"x", cornerstone::Value(int64_t{1})}}};
  cornerstone::Relationship r{7, "R", 2, 1, {}};  // points from b to a
  TckValue v = FromEngineValue(cornerstone::Value(cornerstone::Path{{a, b}, {r}}));
  Canonicalize(&v, false);
  CHECK(Compare(v, Parse("<(:A)<-[:R]-(:B {x: 1})>")) == 0);
  absl::StatusOr<cornerstone::Value> param = ToEngineValue(Parse("{a: [1, 'x', 2.5]}"));
  REQUIRE(param.ok());
  CHECK(param->ToString() == "{a: [1, 'x', 2.5]}");
  CHECK_FALSE(ToEngineValue(Parse("(:A)")).ok());
}

TEST_CASE("side effects: entities, property triples, label names") {
  GraphState before;
  before.nodes[0] = Parse("(:A {p: 1, q: 2})");
  before.nodes[1] = Parse("(:B)");
  before.labels = {"A", "B"};
  GraphState after;
  after.nodes[0] = Parse("(:A:C {p: 1, q: 3})");
  after.nodes[2] = Parse("(:A {r: 1})");
  after.labels = {"A", "C"};
  SideEffects d = Diff(before, after);
  CHECK(d["+nodes"] == 1);
  CHECK(d["-nodes"] == 1);
  CHECK(d["+properties"] == 2);  // q: 3 and r: 1
  CHECK(d["-properties"] == 1);  // q: 2
  CHECK(d["+labels"] == 1);
  CHECK(d["-labels"] == 1);
  CHECK(CompareSideEffects({{"+nodes", 1}, {"-nodes", 1}, {"+properties", 2},
                            {"-properties", 1}, {"+labels", 1}, {"-labels", 1}},
                           d)
            .empty());
  CHECK_FALSE(CompareSideEffects({}, d).empty());
}

TEST_CASE("scenario records") {
  absl::StatusOr<Json> j = ParseJson(
      R"({"id": "x/y/Z1#1", "feature": "x/y/Z1.feature", "query": "RETURN 1 AS a",)"
      R"( "params": {"p": "[1]"}, "expect": {"kind": "error", "phase": "runtime",)"
      R"( "type": "TypeError", "detail": "*"}, "side_effects": null, "control": []})");
  REQUIRE(j.ok());
  absl::StatusOr<Scenario> s = ScenarioFromJson(*j);
  REQUIRE(s.ok());
  CHECK(s->category == "x/y");
  CHECK(s->expect.kind == Expect::Kind::kError);
  CHECK_FALSE(s->side_effects.has_value());
  CHECK(s->params.size() == 1);
  CHECK_FALSE(ScenarioFromJson(*ParseJson(R"({"id": "a", "query": "x"})")).ok());
}

}  // namespace
}  // namespace cornerstone_tck
