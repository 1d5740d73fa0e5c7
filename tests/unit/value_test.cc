// Copyright (c) Cornerstone authors.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "cornerstone/value.h"
#include "engine/value/value.h"

namespace cornerstone::engine {
namespace {

Value L(List l) { return Value::MakeList(std::move(l)); }
Value M(Map m) { return Value::MakeMap(std::move(m)); }
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

TEST_CASE("Equals is three-valued") {
  CHECK(Equals(Value::Int(1), Value::Null()) == Tri::kNull);
  CHECK(Equals(Value::Null(), Value::Null()) == Tri::kNull);
  CHECK(Equals(Value::Int(1), Value::Float(1.0)) == Tri::kTrue);
  CHECK(Equals(Value::Int(1), Value::String("1")) == Tri::kFalse);
  CHECK(Equals(Value::Float(kNaN), Value::Float(kNaN)) == Tri::kFalse);
  // Lists: a decided false element wins over a null one.
  CHECK(Equals(L({Value::Int(1), Value::Null()}), L({Value::Int(1), Value::Int(2)})) ==
        Tri::kNull);
  CHECK(Equals(L({Value::Int(2), Value::Null()}), L({Value::Int(1), Value::Int(2)})) ==
        Tri::kFalse);
  CHECK(Equals(L({Value::Null()}), L({Value::Int(1), Value::Int(2)})) == Tri::kFalse);
  CHECK(Equals(L({Value::Int(1), L({Value::Float(2.0)})}),
               L({Value::Float(1.0), L({Value::Int(2)})})) == Tri::kTrue);
  // Maps.
  CHECK(Equals(M({{"a", Value::Int(1)}}), M({{"a", Value::Float(1.0)}})) == Tri::kTrue);
  CHECK(Equals(M({{"a", Value::Int(1)}}), M({{"b", Value::Int(1)}})) == Tri::kFalse);
  CHECK(Equals(M({{"a", Value::Null()}}), M({{"a", Value::Null()}})) == Tri::kNull);
  // Graph entities by id.
  CHECK(Equals(Value::Node(3), Value::Node(3)) == Tri::kTrue);
  CHECK(Equals(Value::Node(3), Value::Rel(3)) == Tri::kFalse);
  CHECK(Equals(Value::Path({{1, 2}, {7}}), Value::Path({{1, 2}, {7}})) == Tri::kTrue);
  CHECK(Equals(Value::Path({{1, 2}, {7}}), Value::Path({{1, 2}, {8}})) == Tri::kFalse);
}

TEST_CASE("Compare numbers exactly across int and float") {
  CHECK(Compare(Value::Int(1), Value::Float(1.5)) == -1);
  CHECK(Compare(Value::Float(2.0), Value::Int(2)) == 0);
  CHECK(Compare(Value::Float(-0.5), Value::Int(0)) == -1);
  CHECK(Compare(Value::Float(-0.5), Value::Int(-1)) == 1);
  // 2^53 + 1 is not representable as a double; it must still be > 2^53.
  const int64_t big = (int64_t{1} << 53) + 1;
  CHECK(Compare(Value::Int(big), Value::Float(9007199254740992.0)) == 1);
  CHECK(Equals(Value::Int(big), Value::Float(9007199254740992.0)) == Tri::kFalse);
  CHECK(Compare(Value::Int(std::numeric_limits<int64_t>::max()), Value::Float(9.3e18)) == -1);
  CHECK(Compare(Value::Int(std::numeric_limits<int64_t>::min()), Value::Float(-kInf)) == 1);
  CHECK(Compare(Value::Int(1), Value::Float(kNaN)) == 2);
  CHECK(Compare(Value::Int(1), Value::Null()) == 2);
  CHECK(Compare(Value::Int(1), Value::String("a")) == 2);
  CHECK(Compare(M({}), M({})) == 2);
}

TEST_CASE("Compare strings, booleans and lists") {
  CHECK(Compare(Value::String("a"), Value::String("b")) == -1);
  CHECK(Compare(Value::String("Z"), Value::String("a")) == -1);
  CHECK(Compare(Value::String("\xEA\xB0\x80"), Value::String("z")) == 1);  // 가 > z
  CHECK(Compare(Value::Bool(false), Value::Bool(true)) == -1);
  CHECK(Compare(L({Value::Int(1), Value::Int(2)}), L({Value::Int(1), Value::Int(3)})) == -1);
  CHECK(Compare(L({Value::Int(1)}), L({Value::Int(1), Value::Int(0)})) == -1);
  CHECK(Compare(L({Value::Int(2)}), L({Value::Int(1), Value::Null()})) == 1);
  CHECK(Compare(L({Value::Int(1), Value::Null()}), L({Value::Int(1), Value::Int(2)})) == 2);
}

TEST_CASE("OrderCompare is a total order across kinds") {
  std::vector<Value> sorted = {
      M({{"a", Value::Int(1)}}), Value::Node(1), Value::Rel(1), L({Value::Int(1)}),
      Value::Path({{1}, {}}), Value::String("a"), Value::Bool(false), Value::Bool(true),
      Value::Float(-kInf), Value::Int(1), Value::Float(1.5), Value::Float(kInf),
      Value::Float(kNaN), Value::Null()};
  for (size_t i = 0; i < sorted.size(); ++i) {
    for (size_t j = 0; j < sorted.size(); ++j) {
      int c = OrderCompare(sorted[i], sorted[j]);
      CAPTURE(i);
      CAPTURE(j);
      CHECK((i < j ? c < 0 : (i == j ? c == 0 : c > 0)));
    }
  }
  CHECK(OrderCompare(Value::Float(-0.0), Value::Float(0.0)) == 0);
  CHECK(OrderCompare(Value::Int(1), Value::Float(1.0)) == 0);
  CHECK(OrderCompare(L({Value::Int(1), Value::Null()}), L({Value::Int(1), Value::Int(2)})) > 0);
  std::vector<Value> shuffled(sorted.rbegin(), sorted.rend());
  std::stable_sort(shuffled.begin(), shuffled.end(),
                   [](const Value& a, const Value& b) { return OrderCompare(a, b) < 0; });
  for (size_t i = 0; i < sorted.size(); ++i) CHECK(OrderCompare(shuffled[i], sorted[i]) == 0);
}

TEST_CASE("Equivalent and HashValue agree") {
  CHECK(Equivalent(Value::Int(1), Value::Float(1.0)));
  CHECK(HashValue(Value::Int(1)) == HashValue(Value::Float(1.0)));
  CHECK(HashValue(Value::Int(0)) == HashValue(Value::Float(-0.0)));
  CHECK(Equivalent(Value::Null(), Value::Null()));
  CHECK(Equivalent(Value::Float(kNaN), Value::Float(kNaN)));
  CHECK(HashValue(Value::Float(kNaN)) == HashValue(Value::Float(-kNaN)));
  CHECK_FALSE(Equivalent(Value::Int(1), Value::String("1")));
  CHECK_FALSE(Equivalent(Value::Null(), Value::Int(0)));
  CHECK(Equivalent(L({Value::Int(1), Value::Null()}), L({Value::Float(1.0), Value::Null()})));
  CHECK(HashValue(L({Value::Int(1), Value::Null()})) ==
        HashValue(L({Value::Float(1.0), Value::Null()})));
  CHECK(HashValue(M({{"k", Value::Int(2)}})) == HashValue(M({{"k", Value::Float(2.0)}})));

  absl::flat_hash_set<Value, ValueHash, ValueEquivalent> set;
  set.insert(Value::Int(1));
  set.insert(Value::Float(1.0));
  set.insert(Value::Null());
  set.insert(Value::Null());
  set.insert(Value::Float(kNaN));
  set.insert(Value::Float(kNaN));
  set.insert(Value::Float(1.5));
  CHECK(set.size() == 4);

  std::vector<Value> a = {Value::Int(1), Value::String("x")};
  std::vector<Value> b = {Value::Float(1.0), Value::String("x")};
  CHECK(ValueVectorEquivalent{}(a, b));
  CHECK(ValueVectorHash{}(a) == ValueVectorHash{}(b));
  CHECK_FALSE(ValueVectorEquivalent{}(a, {Value::Int(1)}));
}

// {a: m, b: m} shares m twice; 60 rounds make a tree of 2^60 leaves out of
// 60 maps. Every relation must answer in time linear in the distinct maps
// (these would not finish otherwise), and answer as for the tree.
Value SharedTree(int rounds, Value leaf) {
  Value m = leaf;
  for (int i = 0; i < rounds; ++i) m = M({{"a", m}, {"b", m}});
  return m;
}
Value SharedListTree(int rounds, Value leaf) {
  Value l = leaf;
  for (int i = 0; i < rounds; ++i) l = L({l, l});
  return l;
}

TEST_CASE("relations on values with shared sub-values take linear time") {
  const Value x = SharedTree(60, Value::Int(1));
  const Value y = SharedTree(60, Value::Float(1.0));  // built apart: no shared address
  const Value z = SharedTree(60, Value::Int(2));
  const Value n = SharedTree(60, Value::Null());
  CHECK(Equals(x, x) == Tri::kTrue);
  CHECK(Equals(x, y) == Tri::kTrue);
  CHECK(Equals(x, z) == Tri::kFalse);
  CHECK(Equals(n, n) == Tri::kNull);
  CHECK(Equals(x, n) == Tri::kNull);
  CHECK(Equivalent(x, y));
  CHECK(Equivalent(n, SharedTree(60, Value::Null())));
  CHECK_FALSE(Equivalent(x, z));
  CHECK(HashValue(x) == HashValue(y));
  CHECK(HashValue(x) != HashValue(z));
  CHECK(OrderCompare(x, y) == 0);
  CHECK(OrderCompare(x, z) < 0);
  CHECK(OrderCompare(z, x) > 0);

  const Value lx = SharedListTree(60, Value::Int(1));
  const Value ly = SharedListTree(60, Value::Float(1.0));
  const Value lz = SharedListTree(60, Value::Int(2));
  CHECK(Compare(lx, ly) == 0);
  CHECK(Compare(lx, lz) == -1);
  CHECK(Compare(SharedListTree(60, Value::Null()), lx) == 2);
  CHECK(Equals(lx, ly) == Tri::kTrue);
  CHECK(OrderCompare(lz, lx) > 0);
  CHECK(HashValue(lx) == HashValue(ly));

  // Small values hash and compare the same way whether or not the walk got
  // long enough to remember results: a tree just past the threshold and
  // the same tree inside a larger one agree.
  const Value small = SharedTree(13, Value::Int(7));
  const Value again = SharedTree(13, Value::Float(7.0));
  CHECK(HashValue(small) == HashValue(again));
  CHECK(HashValue(L({small, x})) == HashValue(L({again, y})));
  CHECK(Equivalent(L({small, x}), L({again, y})));
}

TEST_CASE("MakeMap sorts keys, last duplicate wins") {
  Value m = M({{"b", Value::Int(1)}, {"a", Value::Int(2)}, {"b", Value::Int(3)}});
  REQUIRE(m.map_value().size() == 2);
  CHECK(m.map_value()[0].first == "a");
  CHECK(m.FindKey("b")->int_value() == 3);
  CHECK(m.FindKey("c") == nullptr);
  CHECK(ToDebugString(m) == "{a: 2, b: 3}");
}

TEST_CASE("FormatFloat") {
  CHECK(FormatFloat(1.0) == "1.0");
  CHECK(FormatFloat(-1.5) == "-1.5");
  CHECK(FormatFloat(0.1) == "0.1");
  CHECK(FormatFloat(1e20) == "1.0e+20");
  CHECK(FormatFloat(1.5e-7) == "1.5e-07");
  CHECK(FormatFloat(100.0) == "100.0");
  CHECK(FormatFloat(-0.0) == "-0.0");
  CHECK(FormatFloat(kNaN) == "NaN");
  CHECK(FormatFloat(kInf) == "Infinity");
  CHECK(FormatFloat(-kInf) == "-Infinity");
  CHECK(FormatFloat(1.0 / 3) == "0.3333333333333333");
}

TEST_CASE("QuoteString and ToDebugString") {
  CHECK(QuoteString("it's") == "'it\\'s'");
  CHECK(QuoteString("a\\b\n\t\r") == "'a\\\\b\\n\\t\\r'");
  CHECK(QuoteString("손정의") == "'손정의'");
  CHECK(ToDebugString(L({Value::Int(1), Value::String("a"), Value::Null(), Value::Bool(true),
                         Value::Float(2.0)})) == "[1, 'a', null, true, 2.0]");
  CHECK(ToDebugString(M({{"my key", Value::Int(1)}, {"x", M({})}})) == "{`my key`: 1, x: {}}");
  CHECK(ToDebugString(Value::Node(12)) == "(#12)");
  CHECK(ToDebugString(Value::Rel(3)) == "[#3]");
  CHECK(std::string(KindName(Kind::kRel)) == "RELATIONSHIP");
  CHECK(Value::FromTri(Tri::kNull).is_null());
  CHECK(Value::FromTri(Tri::kTrue).bool_value());
}

}  // namespace
}  // namespace cornerstone::engine

namespace cornerstone {
namespace {

TEST_CASE("public Value accessors") {
  Value v(int64_t{42});
  CHECK(*v.AsInt() == 42);
  auto f = v.AsFloat();
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.status().message() == "expected FLOAT but value is INTEGER");
  CHECK(Value("x").AsInt().status().message() == "expected INTEGER but value is STRING");
  CHECK(*Value("x").AsString() == "x");
  CHECK(std::string(ValueTypeName(ValueType::kRelationship)) == "RELATIONSHIP");
  CHECK(Value(1) == Value(int64_t{1}));
  CHECK_FALSE(Value(1) == Value(1.0));
  CHECK(Value(ValueList{1, "a"}) == Value(ValueList{1, "a"}));
}

TEST_CASE("public ToString of scalars, lists and maps") {
  CHECK(Value().ToString() == "null");
  CHECK(Value(true).ToString() == "true");
  CHECK(Value(42).ToString() == "42");
  CHECK(Value(-1.5).ToString() == "-1.5");
  CHECK(Value(1.0).ToString() == "1.0");
  CHECK(Value("it's").ToString() == "'it\\'s'");
  CHECK(Value("소프트뱅크").ToString() == "'소프트뱅크'");
  CHECK(Value(ValueList{1, "a"}).ToString() == "[1, 'a']");
  CHECK(Value(ValueMap{{"b", Value()}, {"a", 1}}).ToString() == "{a: 1, b: null}");
  CHECK(Value(ValueMap{{"이름", "손"}, {"has space", 1}}).ToString() ==
        "{`has space`: 1, 이름: '손'}");
}

TEST_CASE("public ToString of nodes, relationships and paths") {
  Node son{1, {"Person", "Founder"}, {{"year", 1957}, {"name", "Masayoshi Son"}}};
  CHECK(Value(son).ToString() == "(:Person:Founder {name: 'Masayoshi Son', year: 1957})");
  CHECK(Value(Node{}).ToString() == "()");
  CHECK(Value(Node{2, {}, {{"x", 1}}}).ToString() == "({x: 1})");
  Relationship inv{7, "INVESTED_IN", 1, 2, {{"amount_usd", int64_t{500000000}}}};
  CHECK(Value(inv).ToString() == "[:INVESTED_IN {amount_usd: 500000000}]");

  Node a{10, {"A"}, {{"x", 1}}};
  Node b{11, {"B"}, {}};
  Node c{12, {"C"}, {}};
  Relationship r{1, "R", 10, 11, {}};
  Relationship s{2, "S", 12, 11, {}};
  Path p{{a, b, c}, {r, s}};
  CHECK(Value(p).ToString() == "<(:A {x: 1})-[:R]->(:B)<-[:S]-(:C)>");
  CHECK(Value(Path{{a}, {}}).ToString() == "<(:A {x: 1})>");
  CHECK(Value(p) == Value(p));
  CHECK(*Value(p).AsPath().value().nodes[2].labels.begin() == "C");
}

}  // namespace
}  // namespace cornerstone
