// Copyright (c) Cornerstone authors.
// Streamed results (QueryOptions::stream): rows produced as the host reads
// them, the same rows as a whole result, errors that end a stream, and the
// lock a stream holds (writers wait for it; the same thread gets an error,
// never a deadlock). Meant to run under ThreadSanitizer too.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cornerstone/cornerstone.h"

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::QueryOptions;
using cornerstone::Result;
using cornerstone::Value;

namespace {

std::unique_ptr<Database> OpenDb() {
  auto db = Database::Open();
  REQUIRE(db.ok());
  return *std::move(db);
}

QueryOptions Streamed() {
  QueryOptions o;
  o.stream = true;
  return o;
}

// 1000 :N nodes with i = 0..999.
void MakeNodes(Connection& conn) {
  REQUIRE(conn.Query("UNWIND range(0, 999) AS i CREATE (:N {i: i})").ok());
}

std::vector<std::vector<Value>> ReadAll(Result& r) {
  std::vector<std::vector<Value>> rows;
  while (r.Next()) rows.push_back(r.row());
  return rows;
}

bool Same(const std::vector<std::vector<Value>>& a, const std::vector<std::vector<Value>>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size()) return false;
    for (size_t j = 0; j < a[i].size(); ++j) {
      if (a[i][j].ToString() != b[i][j].ToString()) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a streamed result reads the first rows of a billion without computing the rest") {
  auto db = OpenDb();
  Connection conn(*db);
  MakeNodes(conn);
  const char* query = "MATCH (a:N), (b:N), (c:N) RETURN a.i, b.i, c.i";  // 10^9 rows
  QueryOptions small = Streamed();
  small.memory_limit_bytes = 16 << 20;
  auto r = conn.Query(query, {}, small);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->columns() == std::vector<std::string>{"a.i", "b.i", "c.i"});
  for (int i = 0; i < 10; ++i) REQUIRE(r->Next());
  CHECK(r->num_rows() == 10);
  CHECK(r->GetInt(0).ok());
  CHECK(r->status().ok());
  // Whole, the same query holds every row and stops at the budget.
  QueryOptions whole;
  whole.memory_limit_bytes = 16 << 20;
  auto w = conn.Query(query, {}, whole);
  REQUIRE(!w.ok());
  CHECK(w.status().code() == absl::StatusCode::kResourceExhausted);
}

TEST_CASE("streamed and whole results have the same rows in the same order") {
  auto db = OpenDb();
  Connection conn(*db);
  MakeNodes(conn);
  REQUIRE(conn.Query("MATCH (a:N), (b:N) WHERE b.i = a.i + 1 AND a.i % 7 = 0 "
                     "CREATE (a)-[:NEXT {w: a.i}]->(b)").ok());
  for (const char* query : {
           "MATCH (n:N) RETURN n.i ORDER BY n.i DESC LIMIT 25",
           "MATCH (n:N) RETURN n.i % 10 AS k, count(*) AS c, collect(n.i)[0] AS first ORDER BY k",
           "MATCH p = (a:N)-[r:NEXT]->(b) RETURN p, r, a, b.i ORDER BY r.w",
           "MATCH (n:N) WHERE n.i < 5 RETURN n.i AS x UNION MATCH (n:N) WHERE n.i < 8 RETURN n.i AS x",
           "UNWIND [3, 1, 2, 1] AS x RETURN DISTINCT x",
           "MATCH (n:N) WHERE n.i > 2000 RETURN n",  // no rows
           "RETURN 1 AS one",
       }) {
    const std::string text = query;
    CAPTURE(text);
    auto whole = conn.Query(query);
    REQUIRE_MESSAGE(whole.ok(), whole.status().message());
    auto streamed = conn.Query(query, {}, Streamed());
    REQUIRE_MESSAGE(streamed.ok(), streamed.status().message());
    CHECK(streamed->columns() == whole->columns());
    auto a = ReadAll(*whole);
    auto b = ReadAll(*streamed);
    CHECK(Same(a, b));
    CHECK(streamed->num_rows() == a.size());
    CHECK(streamed->status().ok());
    CHECK_FALSE(streamed->Next());  // stays at the end
    CHECK_FALSE(streamed->At(0).ok());
  }
}

TEST_CASE("an error while streaming ends the stream; the rows read stay valid") {
  auto db = OpenDb();
  Connection conn(*db);
  auto r = conn.Query("UNWIND [1, 2, true, 4] AS v RETURN v * 2 AS d", {}, Streamed());
  REQUIRE(r.ok());  // the error is in the third row, not yet computed
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 2);
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 4);
  CHECK_FALSE(r->Next());
  CHECK(r->status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(r->num_rows() == 2);
  CHECK_FALSE(r->Next());
  // The same query whole fails at Query().
  CHECK_FALSE(conn.Query("UNWIND [1, 2, true, 4] AS v RETURN v * 2 AS d").ok());
  // The connection works on, and the database is not locked.
  CHECK(conn.Query("CREATE (:After)").ok());
}

TEST_CASE("limits, timeouts and Interrupt() end a stream with their error") {
  auto db = OpenDb();
  Connection conn(*db);
  MakeNodes(conn);
  QueryOptions o = Streamed();
  o.max_rows = 5;
  auto r = conn.Query("MATCH (n:N) RETURN n.i", {}, o);
  REQUIRE(r.ok());
  auto rows = ReadAll(*r);
  CHECK(rows.size() == 5);
  CHECK(r->status().code() == absl::StatusCode::kResourceExhausted);

  o = Streamed();
  o.timeout_ms = 50;
  r = conn.Query("MATCH (a:N), (b:N), (c:N) WHERE a.i + b.i + c.i < 0 RETURN a", {}, o);
  REQUIRE(r.ok());
  CHECK_FALSE(r->Next());
  CHECK(r->status().code() == absl::StatusCode::kCancelled);

  r = conn.Query("MATCH (a:N), (b:N), (c:N) RETURN a.i", {}, Streamed());
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  std::thread([&conn] { conn.Interrupt(); }).join();
  bool ended = false;
  for (int i = 0; i < 100000 && !ended; ++i) ended = !r->Next();
  CHECK(ended);
  CHECK(r->status().code() == absl::StatusCode::kCancelled);
}

TEST_CASE("a streamed row whose shared values would copy out to 2^60 elements ends the stream") {
  auto db = OpenDb();
  Connection conn(*db);
  std::string query = "UNWIND [1, 2] AS i WITH i, {} AS m ";
  for (int k = 0; k < 60; ++k) query += "WITH i, {a: m, b: m} AS m ";
  query += "RETURN i, CASE i WHEN 1 THEN 'small' ELSE m END AS v";
  auto r = conn.Query(query, {}, Streamed());
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  REQUIRE(r->Next());
  CHECK(*r->GetString(1) == "small");
  CHECK_FALSE(r->Next());
  CHECK(r->status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(std::string(r->status().message()).rfind("MemoryLimitExceeded: the query's result", 0) == 0);
}

TEST_CASE("the connection's next statement closes its open stream") {
  auto db = OpenDb();
  Connection conn(*db);
  MakeNodes(conn);
  auto r = conn.Query("MATCH (n:N) RETURN n.i", {}, Streamed());
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  REQUIRE(conn.Query("CREATE (:M)").ok());  // a write on the same connection: no deadlock
  CHECK_FALSE(r->Next());
  CHECK(r->status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(r->status().message()) ==
        "the result was closed by a later statement on its connection");

  // So do the transaction calls and bulk inserts, and the connection's end.
  r = conn.Query("MATCH (n:N) RETURN n.i", {}, Streamed());
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  REQUIRE(conn.AddNodes({{{"Bulk"}, {}}}).ok());
  CHECK_FALSE(r->Next());
  auto conn2 = std::make_unique<Connection>(*db);
  r = conn2->Query("MATCH (n:N) RETURN n.i", {}, Streamed());
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  conn2.reset();
  CHECK_FALSE(r->Next());
  CHECK(std::string(r->status().message()) == "the result's connection was closed");
  CHECK(conn.Query("CREATE (:Free)").ok());  // the lock was released
}

TEST_CASE("writes, EXPLAIN and PROFILE with stream = true run whole") {
  auto db = OpenDb();
  Connection conn(*db);
  auto r = conn.Query("UNWIND range(1, 3) AS i CREATE (n:W {i: i}) RETURN n.i", {}, Streamed());
  REQUIRE(r.ok());
  CHECK(r->num_rows() == 3);
  CHECK(r->stats().nodes_created == 3);
  auto e = conn.Query("EXPLAIN MATCH (n:W) RETURN n", {}, Streamed());
  REQUIRE(e.ok());
  CHECK_FALSE(e->plan().empty());
}

TEST_CASE("inside a transaction a stream sees the transaction's writes; Commit closes it") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("BEGIN").ok());
  REQUIRE(conn.Query("UNWIND range(1, 10) AS i CREATE (:T {i: i})").ok());
  auto r = conn.Query("MATCH (t:T) RETURN t.i ORDER BY t.i", {}, Streamed());
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 1);
  REQUIRE(conn.Query("COMMIT").ok());
  CHECK_FALSE(r->Next());
  Connection other(*db);
  auto c = other.Query("MATCH (t:T) RETURN count(t)");
  REQUIRE(c.ok());
  REQUIRE(c->Next());
  CHECK(*c->GetInt(0) == 10);
}

TEST_CASE("an open stream holds off writers of other threads and refuses its own thread's") {
  auto db = OpenDb();
  Connection conn(*db);
  MakeNodes(conn);
  auto r = conn.Query("MATCH (n:N) RETURN n.i", {}, Streamed());
  REQUIRE(r.ok());
  REQUIRE(r->Next());

  // The same thread, another connection: an error, not a deadlock.
  Connection mine(*db);
  auto w = mine.Query("CREATE (:Mine)");
  REQUIRE(!w.ok());
  CHECK(w.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(w.status().message()).find("streamed result") != std::string::npos);
  CHECK(!mine.Query("BEGIN").ok());
  CHECK(!mine.AddNodes({{{"Mine"}, {}}}).ok());

  // Another thread's write waits for the stream.
  std::atomic<bool> written{false};
  std::thread writer([&] {
    Connection c(*db);
    auto created = c.Query("CREATE (:Late)");
    CHECK(created.ok());
    written = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK_FALSE(written.load());
  // Reads from this thread still run with that writer waiting (a writer-
  // preferring lock would otherwise make them wait for it, and it for us).
  auto read = mine.Query("MATCH (l:Late) RETURN count(l)");
  REQUIRE(read.ok());
  REQUIRE(read->Next());
  CHECK(*read->GetInt(0) == 0);
  size_t rows = 1;
  while (r->Next()) ++rows;
  CHECK(rows == 1000);  // a consistent snapshot: the writer did not get in
  CHECK(r->status().ok());
  writer.join();
  CHECK(written.load());
  CHECK(mine.Query("CREATE (:Mine)").ok());
}

TEST_CASE("a stream may outlive its Database object") {
  auto db = OpenDb();
  auto conn = std::make_unique<Connection>(*db);
  MakeNodes(*conn);
  auto r = conn->Query("MATCH (n:N) RETURN n.i", {}, Streamed());
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  db.reset();  // Close() cannot take the lock this thread reads under: refused, no hang
  size_t rows = 1;
  while (r->Next()) ++rows;
  CHECK(rows == 1000);
  conn.reset();
}
