// Copyright (c) Cornerstone authors.
// The public API, seen as a host sees it: only <cornerstone/cornerstone.h>.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "cornerstone/cornerstone.h"

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::Value;
using cornerstone::ValueType;

namespace {

std::unique_ptr<Database> OpenDb() {
  auto db = Database::Open();
  REQUIRE(db.ok());
  return *std::move(db);
}

// Runs a statement that must succeed and returns its rows.
std::vector<std::vector<Value>> Rows(Connection& conn, std::string_view q,
                                     const cornerstone::Params& params = {}) {
  auto r = conn.Query(q, params);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  std::vector<std::vector<Value>> rows;
  while (r->Next()) rows.push_back(r->row());
  return rows;
}

int64_t Count(Connection& conn, std::string_view q) {
  auto rows = Rows(conn, q);
  REQUIRE(rows.size() == 1);
  return *rows[0][0].AsInt();
}

}  // namespace

TEST_CASE("a query returns columns, typed rows and entities") {
  auto db = OpenDb();
  Connection conn(*db);
  auto created = conn.Query(
      "CREATE (a:Person {name: '손정의', born: 1957})-[:FOUNDED {year: 1981}]->"
      "(b:Company {name: 'SoftBank Group'})");
  REQUIRE(created.ok());
  CHECK(created->stats().nodes_created == 2);
  CHECK(created->stats().relationships_created == 1);
  CHECK(created->stats().ToString() ==
        "Created 2 nodes, created 1 relationship, set 4 properties, added 2 labels");

  auto r = conn.Query("MATCH (p)-[f:FOUNDED]->(c) RETURN p, f, c.name AS company, f.year / 2.0");
  REQUIRE(r.ok());
  CHECK(r->columns() == std::vector<std::string>{"p", "f", "company", "f.year / 2.0"});
  REQUIRE(r->Next());
  auto node = r->Get(0).AsNode();
  REQUIRE(node.ok());
  CHECK(node->labels == std::vector<std::string>{"Person"});
  CHECK(node->properties.at("name") == Value("손정의"));
  auto rel = r->Get(1).AsRelationship();
  REQUIRE(rel.ok());
  CHECK(rel->type == "FOUNDED");
  CHECK(rel->start_id == node->id);
  CHECK(*r->Get(2).AsString() == "SoftBank Group");
  CHECK(*r->Get(3).AsFloat() == 990.5);
  CHECK(r->Get(0).ToString() == "(:Person {born: 1957, name: '손정의'})");
  CHECK(!r->Next());
}

TEST_CASE("typed accessors refuse the wrong type") {
  auto db = OpenDb();
  Connection conn(*db);
  auto rows = Rows(conn, "RETURN 1 AS i, 1.0 AS f, 'x' AS s, null AS n");
  CHECK(!rows[0][0].AsFloat().ok());
  CHECK(!rows[0][1].AsInt().ok());
  CHECK(rows[0][0].AsString().status().message().find("INTEGER") != std::string::npos);
  CHECK(rows[0][3].is_null());
}

TEST_CASE("parameters are bound from C++ values") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("UNWIND range(1, 5) AS i CREATE (:N {i: i})").ok());
  cornerstone::Params params{{"min", Value(3)}, {"names", Value(cornerstone::ValueList{"a", "b"})}};
  auto rows = Rows(conn, "MATCH (n:N) WHERE n.i >= $min RETURN count(*), $names", params);
  CHECK(*rows[0][0].AsInt() == 3);
  CHECK(rows[0][1].ToString() == "['a', 'b']");

  auto missing = conn.Query("MATCH (n:N) WHERE n.i = $nope RETURN n");
  REQUIRE(!missing.ok());
  CHECK(missing.status().message().find("ParameterMissing") == 0);
}

TEST_CASE("errors name their kind and position, with a caret") {
  auto db = OpenDb();
  Connection conn(*db);
  auto r = conn.Query("MATCH (n RETURN n");
  REQUIRE(!r.ok());
  std::string m(r.status().message());
  CHECK(m.find("SyntaxError at 1:10") == 0);
  CHECK(m.find("\n  MATCH (n RETURN n\n           ^") != std::string::npos);

  auto unknown = conn.Query("RETURN nosuch(1)");
  REQUIRE(!unknown.ok());
  CHECK(unknown.status().message().find("SyntaxError") == 0);  // compile-time, as Neo4j and the TCK classify it

  // A type error in a constant expression is found before running ...
  auto constant = conn.Query("RETURN 1 + 'a' + true - 1");
  REQUIRE(!constant.ok());
  CHECK(constant.status().message().find("SyntaxError at 1:8: InvalidArgumentType") == 0);
  // ... and one that depends on data when it runs.
  auto type = conn.Query("UNWIND [1, 'a'] AS x RETURN x - 1");
  REQUIRE(!type.ok());
  CHECK(type.status().message().find("TypeError") == 0);

  auto string = conn.Query("RETURN 'unterminated");
  REQUIRE(!string.ok());
  CHECK(string.status().message().find("SyntaxError at 1:8") == 0);
}

TEST_CASE("a failing statement leaves the graph exactly as it was") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("CREATE (:A {v: 1})-[:R]->(:B {v: 2})").ok());
  auto bad = conn.Query(
      "MATCH (a:A) SET a.v = 10 CREATE (a)-[:R]->(:C) WITH a UNWIND [1, 0] AS x "
      "CREATE (:D {v: 1 / x})");
  REQUIRE(!bad.ok());
  CHECK(Count(conn, "MATCH (n) RETURN count(n)") == 2);
  CHECK(Count(conn, "MATCH ()-[r]->() RETURN count(r)") == 1);
  CHECK(Count(conn, "MATCH (a:A) RETURN a.v") == 1);
  CHECK(db->GetSchema().labels.size() == 2);

  auto undetached = conn.Query("MATCH (a:A) DELETE a");
  REQUIRE(!undetached.ok());
  CHECK(Count(conn, "MATCH (n) RETURN count(n)") == 2);
  REQUIRE(conn.Query("MATCH (a:A) DETACH DELETE a").ok());
  CHECK(Count(conn, "MATCH (n) RETURN count(n)") == 1);
}

TEST_CASE("node ids stay stable across deletes") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("UNWIND range(1, 3) AS i CREATE (:N {i: i})").ok());
  int64_t id3 = *Rows(conn, "MATCH (n:N {i: 3}) RETURN id(n)")[0][0].AsInt();
  REQUIRE(conn.Query("MATCH (n:N {i: 1}) DELETE n").ok());
  REQUIRE(conn.Query("CREATE (:N {i: 4})").ok());
  CHECK(*Rows(conn, "MATCH (n:N {i: 3}) RETURN id(n)")[0][0].AsInt() == id3);
}

TEST_CASE("the schema lists labels, types, keys and indexes with counts") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("CREATE INDEX ON :Person(name)").ok());
  REQUIRE(conn.Query("CREATE (:Person {name: 'a'})-[:KNOWS]->(:Person {name: 'b'})").ok());
  cornerstone::Schema s = db->GetSchema();
  CHECK(s.node_count == 2);
  CHECK(s.relationship_count == 1);
  REQUIRE(s.labels.size() == 1);
  CHECK(s.labels[0].name == "Person");
  CHECK(s.labels[0].count == 2);
  CHECK(s.relationship_types[0].name == "KNOWS");
  CHECK(s.property_keys == std::vector<std::string>{"name"});
  CHECK(s.indexes == std::vector<std::string>{":Person(name)"});
}

TEST_CASE("EXPLAIN returns a plan and runs nothing; PROFILE runs and counts rows") {
  auto db = OpenDb();
  Connection conn(*db);
  auto explain = conn.Query("EXPLAIN CREATE (:X)");
  REQUIRE(explain.ok());
  CHECK(explain->plan().find("Create") != std::string::npos);
  CHECK(explain->columns().empty());
  CHECK(Count(conn, "MATCH (n) RETURN count(n)") == 0);
  auto profile = conn.Query("PROFILE UNWIND [1, 2, 3] AS x RETURN x");
  REQUIRE(profile.ok());
  CHECK(profile->plan().find("Unwind (x)  [3 rows, ") != std::string::npos);
  CHECK(profile->plan().find(" ms]") != std::string::npos);
}

TEST_CASE("PROFILE counts the rows a fused aggregate read from its input's columns") {
  auto db = OpenDb();
  Connection conn(*db);
  // Padding makes INV the cheapest start (a RelationshipTypeScan).
  REQUIRE(conn.Query("UNWIND range(1, 40) AS k CREATE (:C {name: 'pad'}), (:F {name: 'pad'})").ok());
  REQUIRE(conn.Query("MATCH (c:C {name: 'pad'}), (f:F {name: 'pad'}) CREATE (c)-[:OTHER]->(f)").ok());
  REQUIRE(conn.Query("CREATE (a:F {name: 'a'}), (a)-[:INV]->(:C), (a)-[:INV]->(:P), "
                     "(:C {name: 'c'})-[:INV]->(:C)")
              .ok());
  auto profile = conn.Query("PROFILE MATCH (i:F)-[r:INV]->(:C) RETURN i.name AS who, count(*) AS n");
  REQUIRE(profile.ok());
  const std::string plan = profile->plan();
  INFO(plan);
  REQUIRE(plan.find("reading its input's columns") != std::string::npos);
  // Three relationships scanned, two from an :F, one of those to a :C.
  CHECK(plan.find("RelationshipTypeScan (i)-[r:INV]->(_1)  [3 rows, ") != std::string::npos);
  CHECK(plan.find("Filter (i:F properties)  [2 rows, ") != std::string::npos);
  CHECK(plan.find("Filter (_1:C properties)  [1 rows, ") != std::string::npos);
  CHECK(plan.find("SingleRow  [1 rows, ") != std::string::npos);
}

TEST_CASE("random bytes are an error, never a crash") {
  auto db = OpenDb();
  Connection conn(*db);
  std::mt19937 rng(20261129);
  for (int i = 0; i < 2000; ++i) {
    std::string junk(rng() % 64, '\0');
    for (char& c : junk) c = static_cast<char>(rng() % 256);
    auto r = conn.Query(junk);
    if (!r.ok()) CHECK(!r.status().message().empty());
  }
  // Fragments of real queries shuffled together exercise deeper stages.
  const char* parts[] = {"MATCH", "(n)", "-[r*]-", "RETURN", "n", ",", "count(*)", "WITH",
                         "UNWIND", "[1,2]", "AS", "x", "WHERE", "x", "=", "null", "CREATE",
                         "(:A {v: 1})", "DELETE", "ORDER BY", "LIMIT", "-1", "SKIP", "1",
                         "OPTIONAL", "{", "}", "DISTINCT", "collect(x)", "SET n.v = 1"};
  for (int i = 0; i < 3000; ++i) {
    std::string q;
    int n = 1 + static_cast<int>(rng() % 10);
    for (int k = 0; k < n; ++k) q += std::string(parts[rng() % std::size(parts)]) + " ";
    auto r = conn.Query(q);
    if (!r.ok()) CHECK(!r.status().message().empty());
  }
}

TEST_CASE("SplitStatements respects strings and comments") {
  bool complete = true;
  auto statements = cornerstone::SplitStatements(
      "CREATE (:A {s: 'a;b'}); // c;\nMATCH (n)\nRETURN n; /* ; */ RETURN 1", &complete);
  REQUIRE(statements.size() == 3);
  CHECK(statements[0].text == "CREATE (:A {s: 'a;b'})");
  CHECK(statements[1].line == 2);
  CHECK(!complete);
}
