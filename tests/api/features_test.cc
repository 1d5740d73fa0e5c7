// Copyright (c) Cornerstone authors.
// Prepared statements, explicit transactions, the bulk API and the
// transaction keywords, through the public headers only.
#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cornerstone/cornerstone.h"

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::Transaction;
using cornerstone::Value;
using cornerstone::ValueList;
using cornerstone::ValueMap;

namespace {

std::unique_ptr<Database> OpenDb() {
  auto db = Database::Open();
  REQUIRE(db.ok());
  return *std::move(db);
}

int64_t Count(Connection& conn, std::string_view q) {
  auto r = conn.Query(q);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  REQUIRE(r->Next());
  return *r->GetInt(0);
}

}  // namespace

TEST_CASE("prepared statements bind every kind of C++ value") {
  auto db = OpenDb();
  Connection conn(*db);
  auto stmt = conn.Prepare("RETURN $i AS i, $f AS f, $s AS s, $b AS b, $n AS n, $l AS l, $m AS m");
  REQUIRE(stmt.ok());
  stmt->Bind("i", int64_t{42})
      .Bind("f", 2.5)
      .Bind("s", "héllo")
      .Bind("b", true)
      .Bind("n", nullptr)
      .Bind("l", ValueList{1, "two", 3.0})
      .Bind("m", ValueMap{{"k", ValueList{}}});
  CHECK(stmt->bindings().size() == 7);
  for (int run = 0; run < 2; ++run) {  // runs again with the same bindings
    auto r = stmt->Execute();
    REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    REQUIRE(r->Next());
    CHECK(*r->GetInt(0) == 42);
    CHECK(*r->GetFloat(1) == 2.5);
    CHECK(*r->GetString(2) == "héllo");
    CHECK(*r->GetBool(3) == true);
    CHECK(r->Get(4).is_null());
    CHECK(r->Get(5).ToString() == "[1, 'two', 3.0]");
    CHECK(r->Get(6).ToString() == "{k: []}");
  }
  stmt->ClearBindings();
  CHECK(!stmt->Execute().ok());  // $i is no longer bound

  REQUIRE(conn.Query("UNWIND range(1, 5) AS i CREATE (:N {i: i})").ok());
  auto find = conn.Prepare("MATCH (n:N) WHERE n.i >= $min RETURN n.i ORDER BY n.i");
  REQUIRE(find.ok());
  find->Bind("min", 4);
  auto r = find->Execute();
  REQUIRE(r.ok());
  CHECK(r->num_rows() == 2);
  find->Bind("min", 2);  // rebinding replaces
  CHECK(find->Execute()->num_rows() == 4);
  CHECK(!conn.Prepare("MATCH (n RETURN n").ok());  // syntax errors surface at Prepare
}

TEST_CASE("explicit transactions commit together or roll back entirely") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Begin().ok());
  CHECK(conn.in_transaction());
  REQUIRE(conn.Query("CREATE (:T {i: 1})").ok());
  REQUIRE(conn.Query("CREATE (:T {i: 2})").ok());
  CHECK(Count(conn, "MATCH (t:T) RETURN count(t)") == 2);  // sees its own writes
  REQUIRE(conn.Rollback().ok());
  CHECK(!conn.in_transaction());
  CHECK(Count(conn, "MATCH (t:T) RETURN count(t)") == 0);

  REQUIRE(conn.Begin().ok());
  REQUIRE(conn.Query("CREATE (:T {i: 1})").ok());
  REQUIRE(conn.AddNodes({{{"T"}, {{"i", 2}}}}).ok());  // the bulk API joins the transaction
  REQUIRE(conn.Commit().ok());
  CHECK(Count(conn, "MATCH (t:T) RETURN count(t)") == 2);

  // An execution error rolls the whole transaction back and ends it.
  REQUIRE(conn.Begin().ok());
  REQUIRE(conn.Query("CREATE (:T {i: 3})").ok());
  auto bad = conn.Query("UNWIND [1, 0] AS x RETURN 1 / x");
  REQUIRE(!bad.ok());
  CHECK(std::string(bad.status().message()).find("transaction was rolled back") !=
        std::string::npos);
  CHECK(!conn.in_transaction());
  CHECK(Count(conn, "MATCH (t:T) RETURN count(t)") == 2);
}

TEST_CASE("BEGIN, COMMIT and ROLLBACK are statements too") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("begin;").ok());
  CHECK(conn.in_transaction());
  REQUIRE(conn.Query("CREATE (:K)").ok());
  REQUIRE(conn.Query("  ROLLBACK ").ok());
  CHECK(Count(conn, "MATCH (k:K) RETURN count(k)") == 0);
  REQUIRE(conn.Query("BEGIN").ok());
  REQUIRE(conn.Query("CREATE (:K)").ok());
  REQUIRE(conn.Query("Commit").ok());
  CHECK(Count(conn, "MATCH (k:K) RETURN count(k)") == 1);
}

TEST_CASE("a Transaction object rolls back when destroyed uncommitted") {
  auto db = OpenDb();
  Connection conn(*db);
  {
    auto txn = Transaction::Begin(conn);
    REQUIRE(txn.ok());
    CHECK(txn->active());
    REQUIRE(conn.Query("CREATE (:R)").ok());
  }
  CHECK(!conn.in_transaction());
  CHECK(Count(conn, "MATCH (r:R) RETURN count(r)") == 0);
  {
    auto txn = Transaction::Begin(conn);
    REQUIRE(txn.ok());
    REQUIRE(conn.Query("CREATE (:R)").ok());
    REQUIRE(txn->Commit().ok());
    CHECK(!txn->active());
    CHECK(txn->Commit().code() == absl::StatusCode::kFailedPrecondition);
  }
  CHECK(Count(conn, "MATCH (r:R) RETURN count(r)") == 1);
  {
    // A transaction object only ends its own transaction.
    auto txn = Transaction::Begin(conn);
    REQUIRE(txn.ok());
    REQUIRE(conn.Commit().ok());
    REQUIRE(conn.Begin().ok());
    REQUIRE(conn.Query("CREATE (:R)").ok());
  }
  CHECK(conn.in_transaction());
  REQUIRE(conn.Commit().ok());
  CHECK(Count(conn, "MATCH (r:R) RETURN count(r)") == 2);
}

TEST_CASE("the bulk API adds nodes and relationships without the parser") {
  auto db = OpenDb();
  Connection conn(*db);
  std::vector<cornerstone::NodeSpec> nodes;
  for (int i = 0; i < 1000; ++i) {
    nodes.push_back({{"Item", i % 2 == 0 ? "Even" : "Odd"},
                     {{"i", i}, {"name", "item " + std::to_string(i)}, {"skip", nullptr},
                      {"tags", ValueList{"a", "b"}}}});
  }
  auto ids = conn.AddNodes(nodes);
  REQUIRE(ids.ok());
  REQUIRE(ids->size() == 1000);
  std::vector<cornerstone::RelationshipSpec> rels;
  for (size_t i = 0; i + 1 < ids->size(); ++i) {
    rels.push_back({(*ids)[i], (*ids)[i + 1], "NEXT", {{"w", 0.5}}});
  }
  auto rel_ids = conn.AddRelationships(rels);
  REQUIRE(rel_ids.ok());
  CHECK(rel_ids->size() == 999);
  CHECK(Count(conn, "MATCH (n:Item:Even) RETURN count(n)") == 500);
  CHECK(Count(conn, "MATCH (:Item)-[r:NEXT]->(:Item) RETURN count(r)") == 999);
  auto r = conn.Query("MATCH (n:Item {i: 7}) RETURN n");
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  auto n = r->GetNode(0);
  REQUIRE(n.ok());
  CHECK(n->id == (*ids)[7]);
  CHECK(n->labels == std::vector<std::string>{"Item", "Odd"});
  CHECK(n->properties.count("skip") == 0);
  CHECK(n->properties.at("tags").ToString() == "['a', 'b']");
  auto schema = db->GetSchema();
  CHECK(schema.node_count == 1000);
  CHECK(schema.relationship_count == 999);
}

TEST_CASE("EXPLAIN returns a plan, PROFILE rows and a plan, stats count changes") {
  auto db = OpenDb();
  Connection conn(*db);
  auto e = conn.Query("EXPLAIN MATCH (n) RETURN n");
  REQUIRE(e.ok());
  CHECK(!e->plan().empty());
  CHECK(e->num_columns() == 0);
  auto c = conn.Query("CREATE (:A {x: 1})");
  REQUIRE(c.ok());
  CHECK(c->stats().nodes_created == 1);
  CHECK(std::string(cornerstone::Version()) == "0.1.0");
}

TEST_CASE("file databases: reopen, read-only, Save elsewhere, Checkpoint, ExportCypher") {
  char dir_template[] = "/tmp/cornerstone-api-XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  const std::string path = dir + "/kg.db";
  {
    auto db = Database::Open(path);
    REQUIRE_MESSAGE(db.ok(), db.status().ToString());
    CHECK((*db)->path() == path);
    Connection conn(**db);
    REQUIRE(conn.Query("CREATE (:P {name: 'a'})-[:R]->(:P {name: 'b'})").ok());
    REQUIRE(conn.AddNodes({{{"P"}, {{"name", "c"}}}}).ok());
    REQUIRE(conn.Begin().ok());
    REQUIRE(conn.Query("CREATE (:P {name: 'rolled back'})").ok());
    REQUIRE(conn.Rollback().ok());
    CHECK((*db)->Checkpoint().ok());
    REQUIRE(conn.Query("CREATE (:P {name: 'd'})").ok());  // only in the log
    CHECK((*db)->Save(dir + "/copy.db").ok());
    CHECK((*db)->ExportCypher(dir + "/export.cypher").ok());
  }
  {
    cornerstone::DatabaseOptions options;
    options.read_only = true;
    auto db = Database::Open(path, options);
    REQUIRE_MESSAGE(db.ok(), db.status().ToString());
    CHECK((*db)->read_only());
    Connection conn(**db);
    CHECK(Count(conn, "MATCH (p:P) RETURN count(p)") == 4);
    auto write = conn.Query("CREATE (:P)");
    CHECK(write.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(conn.AddNodes({{{"P"}, {}}}).status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK((*db)->Save().code() == absl::StatusCode::kFailedPrecondition);
    CHECK((*db)->Checkpoint().code() == absl::StatusCode::kFailedPrecondition);
  }
  {
    auto copy = Database::Open(dir + "/copy.db");
    REQUIRE_MESSAGE(copy.ok(), copy.status().ToString());
    Connection conn(**copy);
    CHECK(Count(conn, "MATCH (p:P) RETURN count(p)") == 4);
  }
  {
    auto fresh = Database::Open();
    REQUIRE(fresh.ok());
    CHECK((*fresh)->Save().code() == absl::StatusCode::kFailedPrecondition);  // no path
    CHECK((*fresh)->Checkpoint().code() == absl::StatusCode::kFailedPrecondition);
    cornerstone::DatabaseOptions options;
    options.read_only = true;
    CHECK(Database::Open(dir + "/missing.db", options).status().code() ==
          absl::StatusCode::kNotFound);
  }
  std::string cleanup = "rm -rf '" + dir + "'";
  CHECK(std::system(cleanup.c_str()) == 0);
}
