// Copyright (c) Cornerstone authors.
// Store: the write-ahead log (replay, torn and corrupt tails, checkpoints,
// stale logs), the lock file, read-only opens, and the public API wiring.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "engine/storage/serial.h"
#include "engine/storage/store.h"
#include "engine/storage/wal.h"
#include "tests/snapshot/test_util.h"

namespace cornerstone::snapshot_test {
namespace {

using engine::Store;
using engine::StoreOptions;

std::unique_ptr<Store> OpenStore(const std::string& path, Graph* g, StoreOptions options = {}) {
  options.sync = false;  // tests do not need the disk flush
  absl::StatusOr<std::unique_ptr<Store>> s = Store::Open(path, options, g);
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  return *std::move(s);
}

int64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? st.st_size : -1;
}

void Append(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << bytes;
}

void Truncate(const std::string& path, int64_t size) { REQUIRE(::truncate(path.c_str(), size) == 0); }

const char* kUpdates[] = {
    "MATCH (p:Person {name: 'Masayoshi Son'}) SET p.age = 67, p.tags = ['ceo', 'investor']",
    "MATCH (c:Company) WITH c ORDER BY c.name LIMIT 2 SET c:Listed REMOVE c.aliases",
    "MATCH ()-[r]->() WITH r ORDER BY id(r) LIMIT 3 DELETE r",
    "MATCH (n:Person) WITH n ORDER BY id(n) SKIP 1 LIMIT 1 DETACH DELETE n",
    "CREATE (a:New {k: 1})-[:LINKS {w: 2.5}]->(b:New {k: 2}), (a)-[:SELF]->(a)",
    "MATCH ()-[r:LINKS]->() SET r.w = null, r.note = 'x'",
    "CREATE INDEX ON :New(k)",
};

TEST_CASE("commits are logged and replayed exactly") {
  TempDir dir;
  const std::string path = dir.File("db.snap");
  std::string expected;
  {
    Graph g;
    auto store = OpenStore(path, &g);
    CHECK(FileSize(path + ".wal") == static_cast<int64_t>(engine::kWalHeaderSize));
    CHECK(FileSize(path + ".lock") == 0);
    REQUIRE(RunScript(g, ReadText(SourcePath("graphs/softbank.cypher")), store.get()).ok());
    for (const char* q : kUpdates) REQUIRE_MESSAGE(Run(g, q, store.get()).ok(), q);
    // A statement that fails is rolled back and logs nothing.
    int64_t before = FileSize(path + ".wal");
    CHECK(!Run(g, "MATCH (n) WITH n LIMIT 1 CREATE (n)-[:X]->(m) WITH m RETURN 1 / 0", store.get()).ok());
    CHECK(FileSize(path + ".wal") == before);
    // An explicit transaction spanning several changes.
    g.Begin();
    auto id = g.AddNode({}, {});
    g.SetNodeProperty(id, g.keys().Intern("tx"), engine::Value::Int(1));
    g.AddRelationship(id, 0, g.types().Intern("TX"), {});
    g.Commit();
    REQUIRE(store->LogCommit(g).ok());
    int64_t size = FileSize(path + ".wal");
    REQUIRE(store->LogCommit(g).ok());  // the same commit again: nothing to log
    CHECK(FileSize(path + ".wal") == size);
    expected = ExactDump(g);
  }
  CHECK(FileSize(path) == -1);  // no snapshot yet: all in the log
  Graph g;
  auto store = OpenStore(path, &g);
  CHECK(ExactDump(g) == expected);
}

// Writes a database with one record per statement; returns the dumps after
// each statement (dumps[0]: after the first).
std::vector<std::string> MakeLoggedDb(const std::string& path, std::vector<int64_t>* sizes) {
  std::vector<std::string> dumps;
  Graph g;
  auto store = OpenStore(path, &g);
  for (const char* q : {"CREATE (:A {i: 1})", "CREATE (:A {i: 2})", "MATCH (a:A) SET a.j = a.i",
                        "CREATE (:B)-[:R]->(:B)"}) {
    REQUIRE(Run(g, q, store.get()).ok());
    dumps.push_back(ExactDump(g));
    sizes->push_back(FileSize(path + ".wal"));
  }
  return dumps;
}

TEST_CASE("a torn or corrupt log tail is ignored, the transactions before it survive") {
  TempDir dir;
  const std::string path = dir.File("db.snap");
  std::vector<int64_t> sizes;
  auto dumps = MakeLoggedDb(path, &sizes);
  const std::string wal = path + ".wal";

  SUBCASE("garbage appended") {
    Append(wal, "\x10\x00\x00\x00garbage");
    {
      Graph g;
      auto store = OpenStore(path, &g);
      CHECK(ExactDump(g) == dumps.back());
      CHECK(FileSize(wal) == sizes.back());  // the tail was cut off
      REQUIRE(Run(g, "CREATE (:C)", store.get()).ok());
      dumps.push_back(ExactDump(g));
    }
    Graph g;
    auto store = OpenStore(path, &g);
    CHECK(ExactDump(g) == dumps.back());  // the new record follows the intact ones
  }
  SUBCASE("last record cut at every length") {
    for (int64_t len = sizes[2]; len < sizes[3]; ++len) {
      Truncate(wal, len);
      Graph g;
      {
        StoreOptions ro;
        ro.read_only = true;  // does not cut the tail, so the loop can go on
        auto store = OpenStore(path, &g, ro);
      }
      CHECK(ExactDump(g) == dumps[2]);
    }
  }
  SUBCASE("a flipped byte in the second record drops it and everything after") {
    std::string bytes = ReadText(wal);
    bytes[sizes[0] + 12] ^= 0x20;
    std::ofstream(wal, std::ios::binary | std::ios::trunc) << bytes;
    Graph g;
    auto store = OpenStore(path, &g);
    CHECK(ExactDump(g) == dumps[0]);
  }
}

TEST_CASE("checkpoints fold the log into the snapshot; a stale log is ignored") {
  TempDir dir;
  const std::string path = dir.File("db.snap");
  std::vector<int64_t> sizes;
  auto dumps = MakeLoggedDb(path, &sizes);
  const std::string wal = path + ".wal";
  const std::string old_log = ReadText(wal);
  {
    Graph g;
    auto store = OpenStore(path, &g);
    REQUIRE(store->Checkpoint(g).ok());
    CHECK(FileSize(wal) == static_cast<int64_t>(engine::kWalHeaderSize));
    CHECK(FileSize(path) > 0);
  }
  // A crash between the snapshot's rename and the log's reset leaves the
  // old log next to the new snapshot: it must not be applied twice.
  std::ofstream(wal, std::ios::binary | std::ios::trunc) << old_log;
  {
    Graph g;
    auto store = OpenStore(path, &g);
    CHECK(ExactDump(g) == dumps.back());
    REQUIRE(Run(g, "CREATE (:After)", store.get()).ok());
    dumps.push_back(ExactDump(g));
  }
  Graph g;
  auto store = OpenStore(path, &g);
  CHECK(ExactDump(g) == dumps.back());
}

TEST_CASE("automatic checkpoint past checkpoint_bytes") {
  TempDir dir;
  const std::string path = dir.File("db.snap");
  std::string expected;
  {
    Graph g;
    StoreOptions o;
    o.checkpoint_bytes = 2000;
    auto store = OpenStore(path, &g, o);
    for (int i = 0; i < 100; ++i) {
      REQUIRE(Run(g, "CREATE (:N {i: " + std::to_string(i) + ", s: 'some text to fill the log'})",
                  store.get()).ok());
    }
    CHECK(FileSize(path) > 0);
    CHECK(FileSize(path + ".wal") < 2000 + 200);
    expected = ExactDump(g);
  }
  Graph g;
  auto store = OpenStore(path, &g);
  CHECK(ExactDump(g) == expected);
}

TEST_CASE("bad logs are clear errors") {
  TempDir dir;
  const std::string path = dir.File("db.snap");
  std::vector<int64_t> sizes;
  MakeLoggedDb(path, &sizes);
  const std::string wal = path + ".wal";
  std::string bytes = ReadText(wal);
  SUBCASE("not a log") {
    std::ofstream(wal, std::ios::binary | std::ios::trunc) << "hello";
    Graph g;
    auto s = Store::Open(path, {}, &g);
    REQUIRE(!s.ok());
    CHECK(s.status().code() == absl::StatusCode::kDataLoss);
    CHECK(s.status().message().find("db.snap.wal") != std::string::npos);
  }
  SUBCASE("a log newer than its snapshot") {
    std::string header = engine::EncodeWalHeader(5);
    bytes.replace(0, header.size(), header);
    std::ofstream(wal, std::ios::binary | std::ios::trunc) << bytes;
    Graph g;
    auto s = Store::Open(path, {}, &g);
    REQUIRE(!s.ok());
    CHECK(s.status().message().find("newer snapshot") != std::string::npos);
  }
  SUBCASE("a corrupt snapshot") {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << "not a snapshot at all";
    Graph g;
    auto s = Store::Open(path, {}, &g);
    REQUIRE(!s.ok());
    CHECK(s.status().message().find("db.snap: not a Cornerstone snapshot") != std::string::npos);
  }
}

TEST_CASE("the lock file keeps a second writer out; read-only opens write nothing") {
  TempDir dir;
  const std::string path = dir.File("db.snap");
  {
    Graph g;
    auto store = OpenStore(path, &g);
    REQUIRE(Run(g, "CREATE (:A)", store.get()).ok());
    Graph g2;
    auto second = Store::Open(path, {}, &g2);
    REQUIRE(!second.ok());
    CHECK(second.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(second.status().message().find("database is locked") != std::string::npos);
    StoreOptions ro;
    ro.read_only = true;
    CHECK(!Store::Open(path, ro, &g2).ok());  // the writer is active
  }
  // After the writer closed: read-only open works and changes no file.
  ::unlink((path + ".lock").c_str());
  int64_t wal_size = FileSize(path + ".wal");
  Graph g;
  StoreOptions ro;
  ro.read_only = true;
  auto store = OpenStore(path, &g, ro);
  CHECK(g.node_count() == 1);
  CHECK(FileSize(path + ".lock") == -1);
  CHECK(FileSize(path + ".wal") == wal_size);
  CHECK(FileSize(path) == -1);
  g.Begin();
  g.AddNode({}, {});
  g.Commit();
  CHECK(store->LogCommit(g).code() == absl::StatusCode::kFailedPrecondition);
  CHECK(store->Checkpoint(g).code() == absl::StatusCode::kFailedPrecondition);
  Graph g3;
  CHECK(Store::Open(dir.File("missing.snap"), ro, &g3).status().code() ==
        absl::StatusCode::kNotFound);
  CHECK(FileSize(dir.File("missing.snap.lock")) == -1);
}

TEST_CASE("public API: Database::Open(path), Save, reopen") {
  TempDir dir;
  const std::string path = dir.File("api.snap");
  std::vector<std::vector<std::string>> before;
  auto answers = [](Database& db) {
    Connection conn(db);
    std::vector<std::vector<std::string>> out;
    for (const auto& q : SoftbankQueries()) {
      auto r = conn.Query(q);
      REQUIRE_MESSAGE(r.ok(), q, ": ", r.status().ToString());
      std::vector<std::string> rows;
      while (r->Next()) {
        std::string line;
        for (const auto& v : r->row()) line += v.ToString() + " | ";
        rows.push_back(line);
      }
      out.push_back(rows);
    }
    return out;
  };
  {
    DatabaseOptions o;
    o.sync = false;
    auto db = Database::Open(path, o);
    REQUIRE_MESSAGE(db.ok(), db.status().ToString());
    Connection conn(**db);
    for (const auto& st : SplitStatements(ReadText(SourcePath("graphs/softbank.cypher")))) {
      auto r = conn.Query(st.text);
      REQUIRE_MESSAGE(r.ok(), st.text, ": ", r.status().ToString());
    }
    before = answers(**db);
    REQUIRE((*db)->Save(dir.File("copy.snap")).ok());
  }
  for (const std::string& p : {path, dir.File("copy.snap")}) {
    auto db = Database::Open(p);
    REQUIRE_MESSAGE(db.ok(), db.status().ToString());
    CHECK(answers(**db) == before);
  }
}

}  // namespace
}  // namespace cornerstone::snapshot_test
