// Copyright (c) Cornerstone authors.
// Misuse of the C++ API never crashes: each case gets an error status.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "cornerstone/cornerstone.h"

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::Value;

namespace {

std::unique_ptr<Database> OpenDb() {
  auto db = Database::Open();
  REQUIRE(db.ok());
  return *std::move(db);
}

}  // namespace

TEST_CASE("querying a closed or destroyed database fails with FailedPrecondition") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("CREATE (:A)").ok());
  auto prepared = conn.Prepare("MATCH (n) RETURN count(n)");
  REQUIRE(prepared.ok());
  REQUIRE(db->Close().ok());
  CHECK(db->closed());
  CHECK(db->Close().ok());  // idempotent
  auto r = conn.Query("MATCH (n) RETURN n");
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(r.status().message() == "database is closed");
  CHECK(prepared->Execute().status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(conn.Begin().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(conn.AddNodes({{{"A"}, {}}}).status().code() == absl::StatusCode::kFailedPrecondition);

  Connection late(*db);  // a connection made after Close
  CHECK(late.Query("RETURN 1").status().code() == absl::StatusCode::kFailedPrecondition);

  db.reset();  // the Database object is gone; its connections stay safe
  CHECK(conn.Query("RETURN 1").status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("reading a column out of range, or without a current row, is OutOfRange") {
  auto db = OpenDb();
  Connection conn(*db);
  auto r = conn.Query("RETURN 1 AS one, 'x' AS two");
  REQUIRE(r.ok());
  CHECK(r->At(0).status().code() == absl::StatusCode::kOutOfRange);  // before Next()
  CHECK(r->Get(0).is_null());
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 1);
  CHECK(r->At(2).status().code() == absl::StatusCode::kOutOfRange);
  CHECK(r->GetInt(99).status().code() == absl::StatusCode::kOutOfRange);
  CHECK(r->Get(99).is_null());  // the unchecked accessor returns null, never UB
  CHECK(r->At("three").status().code() == absl::StatusCode::kNotFound);
  CHECK(*r->At("two") == Value("x"));
  CHECK(!r->Next());
  CHECK(!r->Next());
  CHECK(r->At(0).status().code() == absl::StatusCode::kOutOfRange);  // after the end
  CHECK(r->row().empty());

  cornerstone::Result empty;  // default-constructed
  CHECK(!empty.Next());
  CHECK(empty.num_columns() == 0);
  CHECK(empty.At(0).status().code() == absl::StatusCode::kOutOfRange);
}

TEST_CASE("reading a value as the wrong type is InvalidArgument naming both types") {
  auto db = OpenDb();
  Connection conn(*db);
  auto r = conn.Query("RETURN 'forty-two' AS s, 42 AS i, 1.5 AS f, null AS n, [1] AS l");
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  auto as_int = r->GetInt(0);
  REQUIRE(!as_int.ok());
  CHECK(as_int.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(as_int.status().message()).find("STRING") != std::string::npos);
  CHECK(std::string(as_int.status().message()).find("INTEGER") != std::string::npos);
  CHECK(r->GetFloat(1).status().code() == absl::StatusCode::kInvalidArgument);  // no coercion
  CHECK(r->GetString(2).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(r->GetBool(3).status().code() == absl::StatusCode::kInvalidArgument);  // null
  CHECK(r->GetNode(4).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(r->GetPath(1).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(r->GetRelationship(1).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(*r->GetFloat(2) == 1.5);
}

TEST_CASE("a result outlives its connection and its database") {
  cornerstone::Result kept;
  {
    auto db = OpenDb();
    Connection conn(*db);
    REQUIRE(conn.Query("CREATE (:P {name: 'a'})-[:R]->(:P {name: 'b'})").ok());
    auto r = conn.Query("MATCH p = (a)-[r]->(b) RETURN a, r, p, a.name");
    REQUIRE(r.ok());
    kept = *std::move(r);
  }
  REQUIRE(kept.Next());
  CHECK(kept.GetNode(0)->labels == std::vector<std::string>{"P"});
  CHECK(kept.GetRelationship(1)->type == "R");
  CHECK(kept.GetPath(2)->nodes.size() == 2);
  CHECK(*kept.GetString(3) == "a");
}

TEST_CASE("a prepared statement or transaction outliving its connection fails cleanly") {
  auto db = OpenDb();
  auto conn = std::make_unique<Connection>(*db);
  auto prepared = conn->Prepare("RETURN $x AS x");
  REQUIRE(prepared.ok());
  auto txn = cornerstone::Transaction::Begin(*conn);
  REQUIRE(txn.ok());
  conn.reset();  // rolls the transaction back, releases the lock
  CHECK(!txn->active());
  CHECK(txn->Commit().code() == absl::StatusCode::kFailedPrecondition);
  prepared->Bind("x", 1);
  CHECK(prepared->Execute().status().code() == absl::StatusCode::kFailedPrecondition);
  cornerstone::PreparedStatement unprepared;
  CHECK(unprepared.Execute().status().code() == absl::StatusCode::kFailedPrecondition);
  Connection other(*db);  // the lock was released
  CHECK(other.Query("CREATE (:Q)").ok());
}

TEST_CASE("transaction misuse is FailedPrecondition") {
  auto db = OpenDb();
  Connection conn(*db);
  CHECK(conn.Commit().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(conn.Rollback().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(conn.Query("COMMIT").status().code() == absl::StatusCode::kFailedPrecondition);
  REQUIRE(conn.Begin().ok());
  CHECK(conn.Begin().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(conn.Rollback().ok());
}

TEST_CASE("bad parameters and bulk values are InvalidArgument or NotFound") {
  auto db = OpenDb();
  Connection conn(*db);
  auto r = conn.Query("RETURN $missing");
  CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  cornerstone::Node node;
  auto p = conn.Query("RETURN $n", {{"n", Value(node)}});
  CHECK(p.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(conn.AddNodes({{{"A"}, {{"m", Value(cornerstone::ValueMap{{"k", 1}})}}}}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(conn.AddRelationships({{0, 1, "R", {}}}).status().code() == absl::StatusCode::kNotFound);
  auto ids = conn.AddNodes({{{"A"}, {}}});
  REQUIRE(ids.ok());
  CHECK(conn.AddRelationships({{(*ids)[0], (*ids)[0], "", {}}}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(conn.AddRelationships({{(*ids)[0], -5, "R", {}}}).status().code() ==
        absl::StatusCode::kNotFound);
  // Nothing of the failed calls was applied.
  auto count = conn.Query("MATCH (n) RETURN count(n)");
  REQUIRE(count.ok());
  REQUIRE(count->Next());
  CHECK(*count->GetInt(0) == 1);
}
