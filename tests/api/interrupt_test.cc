// Copyright (c) Cornerstone authors.
// Cancellation: a query that would run for many minutes stops within 100 ms
// of Connection::Interrupt(), and at its per-query time limit.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "cornerstone/cornerstone.h"

using cornerstone::Connection;
using cornerstone::Database;
using Clock = std::chrono::steady_clock;

namespace {

double MillisBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// 2000 nodes, each linked to the next 5: the cross product of three scans is
// 8e9 rows, and the unbounded variable-length paths are countless.
std::unique_ptr<Database> BigGraph() {
  auto db = Database::Open();
  REQUIRE(db.ok());
  Connection conn(**db);
  std::vector<cornerstone::NodeSpec> nodes(2000, cornerstone::NodeSpec{{"N"}, {}});
  auto ids = conn.AddNodes(nodes);
  REQUIRE(ids.ok());
  std::vector<cornerstone::RelationshipSpec> rels;
  for (size_t i = 0; i < ids->size(); ++i) {
    for (size_t k = 1; k <= 5; ++k) {
      rels.push_back({(*ids)[i], (*ids)[(i + k) % ids->size()], "L", {}});
    }
  }
  REQUIRE(conn.AddRelationships(rels).ok());
  return *std::move(db);
}

// Runs `query` on `conn` in a thread, interrupts it after 300 ms, and returns
// the milliseconds between Interrupt() and the query's return.
double InterruptLatency(Connection& conn, const char* query) {
  std::optional<absl::StatusOr<cornerstone::Result>> result;
  Clock::time_point returned;
  std::thread runner([&] {
    result = conn.Query(query);
    returned = Clock::now();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Clock::time_point interrupted = Clock::now();
  conn.Interrupt();
  runner.join();
  REQUIRE(result.has_value());
  REQUIRE(!result->ok());
  CHECK(result->status().code() == absl::StatusCode::kCancelled);
  CHECK(std::string(result->status().message()).rfind("Cancelled: ", 0) == 0);
  return MillisBetween(interrupted, returned);
}

}  // namespace

TEST_CASE("Interrupt() stops a huge cross product and an unbounded path search") {
  auto db = BigGraph();
  Connection conn(*db);
  double cross = InterruptLatency(conn, "MATCH (a), (b), (c) RETURN count(*)");
  // An explicit bound: [*] would stop at once with VarLengthLimitExceeded.
  double paths = InterruptLatency(conn, "MATCH p = (a)-[*..1000]->(b) RETURN count(p)");
  std::printf("interrupt latency: cross product %.2f ms, variable-length paths %.2f ms\n", cross,
              paths);
  CHECK(cross < 100);
  CHECK(paths < 100);
  // The connection works normally afterwards (the interrupt does not stick).
  auto r = conn.Query("MATCH (n) RETURN count(n)");
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 2000);
  conn.Interrupt();  // nothing running: no effect on the next statement
  CHECK(conn.Query("RETURN 1").ok());
}

TEST_CASE("a per-query timeout cancels at the deadline") {
  auto db = BigGraph();
  Connection conn(*db);
  cornerstone::QueryOptions options;
  options.timeout_ms = 200;
  Clock::time_point start = Clock::now();
  auto r = conn.Query("MATCH (a), (b), (c) RETURN count(*)", {}, options);
  double elapsed = MillisBetween(start, Clock::now());
  std::printf("timeout of 200 ms: returned after %.2f ms\n", elapsed);
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kCancelled);
  CHECK(elapsed >= 200);
  CHECK(elapsed < 300);
  // A statement that finishes in time is unaffected by the limit.
  CHECK(conn.Query("MATCH (n) RETURN count(n)", {}, options).ok());

  // The database-wide default applies when the query does not set one.
  cornerstone::DatabaseOptions db_options;
  db_options.query_timeout_ms = 150;
  auto limited = Database::Open(db_options);
  REQUIRE(limited.ok());
  Connection c2(**limited);
  REQUIRE(c2.Query("UNWIND range(1, 300) AS i CREATE (:N)").ok());
  start = Clock::now();
  auto slow = c2.Query("MATCH (a), (b), (c), (d) RETURN count(*)");
  elapsed = MillisBetween(start, Clock::now());
  CHECK(slow.status().code() == absl::StatusCode::kCancelled);
  CHECK(elapsed < 250);
}
