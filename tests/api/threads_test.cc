// Copyright (c) Cornerstone authors.
// One Database, 8 reader threads and 1 writer thread, each with its own
// Connection. Readers must always see a consistent graph: the fixed items
// unchanged, and the writer's nodes only in whole transactions (pairs).
// Meant to run under ThreadSanitizer too (-Db_sanitize=thread).
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cornerstone/cornerstone.h"

using cornerstone::Connection;
using cornerstone::Database;

TEST_CASE("8 readers and 1 writer on one database") {
  auto opened = Database::Open();
  REQUIRE(opened.ok());
  std::unique_ptr<Database> db = *std::move(opened);
  {
    Connection setup(*db);
    std::vector<cornerstone::NodeSpec> items;
    for (int i = 0; i < 200; ++i) items.push_back({{"Item"}, {{"i", i}}});
    REQUIRE(setup.AddNodes(items).ok());
    // Item i -[:L {w: i}]-> Item i + 100: few enough that the aggregate below
    // starts from a RelationshipTypeScan and reads the type's columns.
    REQUIRE(setup
                .Query("MATCH (a:Item), (b:Item) WHERE a.i < 100 AND b.i = a.i + 100 "
                       "CREATE (a)-[:L {w: a.i}]->(b)")
                .ok());
  }
  constexpr int kWrites = 60;
  constexpr int kReaders = 8;
  std::atomic<bool> writer_done{false};
  std::atomic<int> errors{0};
  std::atomic<int64_t> reads{0};

  std::thread writer([&] {
    Connection conn(*db);
    for (int i = 0; i < kWrites; ++i) {
      // Two nodes per transaction; every third one is rolled back.
      auto txn = cornerstone::Transaction::Begin(conn);
      if (!txn.ok()) { ++errors; continue; }
      if (!conn.Query("CREATE (:W {i: $i})", {{"i", i}}).ok()) ++errors;
      if (!conn.AddNodes({{{"W"}, {{"i", i}}}}).ok()) ++errors;
      if (i % 3 == 2) {
        if (!txn->Rollback().ok()) ++errors;
      } else if (!txn->Commit().ok()) {
        ++errors;
      }
      if (!conn.Query("MATCH (n:Item {i: $i}) SET n.touched = true", {{"i", i}}).ok()) ++errors;
    }
    writer_done = true;
  });

  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&, t] {
      Connection conn(*db);
      int64_t last_w = 0;
      auto stmt = conn.Prepare("MATCH (n:Item) WHERE n.i >= $min RETURN count(n), sum(n.i)");
      if (!stmt.ok()) { ++errors; return; }
      stmt->Bind("min", 0);
      for (int round = 0; !writer_done || round < 20; ++round) {
        auto items = stmt->Execute();
        if (!items.ok() || !items->Next() || *items->GetInt(0) != 200 ||
            *items->GetInt(1) != 199 * 200 / 2) {
          ++errors;
        }
        // Readers build the graph's columns (Graph::Column, RelColumn) at
        // the same time, again after each write.
        auto links = conn.Query(
            "MATCH (a)-[r:L]->(b) WITH a.i AS k, sum(r.w) AS s RETURN count(*), sum(s)");
        if (!links.ok() || !links->Next() || *links->GetInt(0) != 100 ||
            *links->GetInt(1) != 99 * 100 / 2) {
          ++errors;
        }
        auto w = conn.Query("MATCH (w:W) RETURN count(w)");
        if (!w.ok() || !w->Next()) { ++errors; continue; }
        int64_t count = *w->GetInt(0);
        if (count % 2 != 0 || count < last_w) ++errors;  // whole transactions, never undone
        last_w = count;
        if (t % 2 == 0) (void)db->GetSchema();
        ++reads;
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  CHECK(errors.load() == 0);
  CHECK(reads.load() >= kReaders * 20);
  Connection conn(*db);
  auto w = conn.Query("MATCH (w:W) RETURN count(w)");
  REQUIRE(w.ok());
  REQUIRE(w->Next());
  CHECK(*w->GetInt(0) == 2 * (kWrites - kWrites / 3));
  auto touched = conn.Query("MATCH (n:Item) WHERE n.touched RETURN count(n)");
  REQUIRE(touched.ok());
  REQUIRE(touched->Next());
  CHECK(*touched->GetInt(0) == kWrites);
}
