// Copyright (c) Cornerstone authors.
// CountExpand's target side: a count of the last hop whose tests ask the
// new node for a label with few nodes, `(s:S)-[:P]->(:T {name: 'a'})`,
// switches, after a few hundred start nodes, from reading each start node's
// adjacency to finding every start node's passing relationships once from
// the T nodes. Each query here is answered both ways: counted (PROFILE says
// it took the target side) and enumerated (`WITH *` keeps a projection
// between the hop and the aggregate), and the two must agree; a few are
// also checked against numbers worked out from how the graph was built.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "cornerstone/cornerstone.h"
#include "query_rows.h"

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::testing::Rows;

namespace {

constexpr int kStarts = 2000;

std::string Plan(Database& db, const std::string& query) {
  Connection conn(db);
  auto r = conn.Query("PROFILE " + query);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  while (r->Next()) {
  }
  return r->plan();
}

void Run(Connection& conn, const std::string& statement) {
  auto r = conn.Query(statement);
  REQUIRE_MESSAGE(r.ok(), statement, ": ", r.status().ToString());
  while (r->Next()) {
  }
}

// S nodes 0..1999, all reached from one hub H by Q (so that the plans
// start there, not at the few T nodes). From S i: P to ta1 (T {name: 'a'})
// when i is even, a second, parallel one when i % 10 = 0; to ta2 (T {name:
// 'a', x: 1}) when i % 4 = 0; to tb (T {name: 'b'}) when i % 3 = 0; to u
// ({name: 'a'}, not a T) when i % 5 = 0; R to S i+1. One node is both S
// and T (i 5000), with a P self-loop; a hundred more T nodes have no
// relationships.
std::unique_ptr<Database> Build() {
  auto db = Database::Open();
  REQUIRE(db.ok());
  Connection conn(**db);
  Run(conn, "CREATE (:T {name: 'a', id: 1}), (:T {name: 'a', id: 2, x: 1}), "
            "(:T {name: 'b', id: 3}), ({name: 'a', id: 4}), (:H)");
  Run(conn, "UNWIND range(1, 100) AS j CREATE (:T {name: 'z', id: 100 + j})");
  Run(conn, "UNWIND range(0, " + std::to_string(kStarts - 1) + ") AS i CREATE (:S {i: i})");
  Run(conn, "MATCH (s:S), (t {id: 1}) WHERE s.i % 2 = 0 CREATE (s)-[:P {w: s.i % 3}]->(t)");
  Run(conn, "MATCH (s:S), (t {id: 1}) WHERE s.i % 10 = 0 CREATE (s)-[:P {w: 5}]->(t)");
  Run(conn, "MATCH (s:S), (t {id: 2}) WHERE s.i % 4 = 0 CREATE (s)-[:P {w: 7}]->(t)");
  Run(conn, "MATCH (s:S), (t {id: 3}) WHERE s.i % 3 = 0 CREATE (s)-[:P {w: 1}]->(t)");
  Run(conn, "MATCH (s:S), (t {id: 4}) WHERE s.i % 5 = 0 CREATE (s)-[:P {w: 1}]->(t)");
  Run(conn, "MATCH (a:S), (b:S) WHERE b.i = a.i + 1 CREATE (a)-[:R]->(b)");
  Run(conn, "CREATE (st:S:T {i: 5000, name: 'a'}), (st)-[:P {w: 9}]->(st)");
  Run(conn, "MATCH (h:H), (s:S) CREATE (h)-[:Q]->(s)");
  return std::move(*db);
}

// The query with its last hop counted, and the same enumerated.
struct Case {
  std::string match;   // MATCH ... (up to the RETURN)
  std::string result;  // the RETURN's items
};

}  // namespace

TEST_CASE("a count from the target side answers as the enumeration does") {
  auto db = Build();
  const std::vector<Case> cases = {
      {"MATCH (:H)-[:Q]->(s:S)-[:P]->(:T {name: 'a'})", "count(*) AS n"},
      {"MATCH (:H)-[:Q]->(s:S)-[:P]->(t:T {name: 'a'})", "s.i % 10 AS k, count(*) AS n"},
      {"MATCH (:H)-[:Q]->(s:S)-[r:P]->(:T {name: 'a'}) WHERE r.w = 5", "count(*) AS n"},
      {"MATCH (:H)-[:Q]->(s:S)-[:P]->(t:T) WHERE t.x = 1", "count(*) AS n"},
      {"MATCH (:H)-[:Q]->(s:S)-[:P]->(:T:S)", "count(*) AS n"},
      {"MATCH (:H)-[:Q]->(s:S)-[:P]->(:Nope)", "count(*) AS n"},
      {"MATCH (:H)-[:Q]->(s:S)-[:P]->(:T {name: 'c'})", "count(*) AS n"},
      // Isomorphism: the count leaves out the relationship r0 bound already.
      {"MATCH (:H)-[:Q]->(s:S)-[r0:P]->(:T {name: 'b'}), (s)-[:P]->(:T)", "count(*) AS n"},
      {"MATCH (:H)-[:Q]->(s:S)-[r0:P]->(:T), (s)-[:P]->(:T {name: 'a'})", "count(*) AS n"},
      // ... and those of a variable-length path.
      {"MATCH (:H)-[:Q]->(s:S)-[rs:P*1..1]->(:T), (s)-[:P]->(:T {name: 'a'})", "count(*) AS n"},
      {"MATCH (:H)-[:Q]->(a:S)-[:R*1..2]->(s:S)-[:P]->(:T {name: 'a'})", "count(*) AS n"},
      // Incoming: the hop enters the start node.
      {"MATCH (:H)-[:Q]->(s:S)<-[:R]-(:S)-[:P]->(:T {name: 'b'})", "count(*) AS n"},
  };
  for (const Case& c : cases) {
    const std::string counted = c.match + " RETURN " + c.result;
    const std::string enumerated = c.match + " WITH * RETURN " + c.result;
    CAPTURE(counted);
    const std::vector<std::string> expected = Rows(*db, enumerated);
    REQUIRE(!expected.empty());
    CHECK(Rows(*db, counted) == expected);
  }
  // Worked out from Build(): even i, i % 10 = 0 twice, i % 4 = 0, and the
  // self-loop.
  CHECK(Rows(*db, cases[0].match + " RETURN count(*)") == std::vector<std::string>{"1701 | "});
  // Per i % 10: even k 200 + 100 (i % 4 = 0 for half), k = 0 another 200;
  // odd k only the self-loop's node (5000).
  CHECK(Rows(*db, cases[1].match + " RETURN s.i % 10 AS k, count(*) AS n ORDER BY k") ==
        std::vector<std::string>{"0 | 501 | ", "2 | 300 | ", "4 | 300 | ", "6 | 300 | ",
                                 "8 | 300 | "});
  CHECK(Rows(*db, cases[2].match + " RETURN count(*)") == std::vector<std::string>{"200 | "});
  CHECK(Rows(*db, cases[5].match + " RETURN count(*)") == std::vector<std::string>{"0 | "});
  // i % 3 = 0 and, other than r0: i % 6 = 0 (334), i % 30 = 0 (67), i % 12
  // = 0 (167).
  CHECK(Rows(*db, cases[7].match + " RETURN count(*)") == std::vector<std::string>{"568 | "});
  // Not vacuous: these counted from the target side.
  for (size_t i : {0, 1, 2, 3, 4, 6, 7, 8, 9, 10}) {
    const std::string q = cases[i].match + " RETURN " + cases[i].result;
    const std::string plan = Plan(*db, q);
    CHECK_MESSAGE(plan.find("from the target side") != std::string::npos, q, "\n", plan);
  }
}

TEST_CASE("a count with few start nodes reads their own lists") {
  auto db = Build();
  const std::string q = "MATCH (:H)-[:Q]->(s:S {i: 10})-[:P]->(:T {name: 'a'}) RETURN count(*) AS n";
  CHECK(Rows(*db, q) == std::vector<std::string>{"2 | "});
  const std::string plan = Plan(*db, q);
  CHECK_MESSAGE(plan.find("from the target side") == std::string::npos, plan);
}
