// Copyright (c) Cornerstone authors.
// Export round trips: CSV, JSON Lines and GraphML each preserve the graph.
#include <doctest/doctest.h>

#include <string>

#include "cornerstone/database.h"
#include "cornerstone/import.h"
#include "tests/import/test_util.h"

namespace cornerstone {
namespace {

using testing::Dump;
using testing::TempDir;

constexpr char kGraph[] = R"(
CREATE (a:Person:Founder {name: 'Kim, "Pablo"', born: 1963, score: 0.1, tags: ['x', 'y z'],
                          ok: true, empty: '', note: 'two
lines & <xml>'}),
       (b:Person {name: '김민준', big: 1.0e20, neg: -0.5, ints: [1, 2, 3]}),
       (c:Company {name: 'Acme', cap: 100.0, flags: [true, false]}),
       (d {name: ' padded '}),
       (e:Empty),
       (a)-[:KNOWS {since: 2010, w: 1.5}]->(b),
       (b)-[:KNOWS]->(a),
       (a)-[:FOUNDED {pct: 12.5, note: 'a;b'}]->(c),
       (c)-[:SELF]->(c),
       (a)-[:KNOWS {since: 2011}]->(b)
)";

std::unique_ptr<Database> Source() {
  auto db = Database::Open();
  REQUIRE(db.ok());
  Connection conn(**db);
  auto r = conn.Query(kGraph);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return *std::move(db);
}

TEST_CASE("CSV round trip") {
  TempDir dir;
  auto src = Source();
  auto exported = ExportCsv(*src, dir.path() + "/csv");
  REQUIRE_MESSAGE(exported.ok(), exported.status().message());
  CHECK(exported->nodes == 5);
  CHECK(exported->relationships == 5);
  auto options = ExportedDirectoryOptions(dir.path() + "/csv");
  REQUIRE(options.ok());
  auto dst = Database::Open();
  REQUIRE(dst.ok());
  auto imported = ImportCsv(**dst, *options);
  REQUIRE_MESSAGE(imported.ok(), imported.status().message());
  CHECK(Dump(**dst) == Dump(*src));
}

TEST_CASE("JSON Lines round trip") {
  TempDir dir;
  auto src = Source();
  auto exported = ExportJsonLines(*src, dir.path() + "/g.jsonl");
  REQUIRE_MESSAGE(exported.ok(), exported.status().message());
  auto dst = Database::Open();
  REQUIRE(dst.ok());
  auto imported = ImportJsonLines(**dst, dir.path() + "/g.jsonl");
  REQUIRE_MESSAGE(imported.ok(), imported.status().message());
  CHECK(imported->nodes == 5);
  CHECK(Dump(**dst) == Dump(*src));
}

TEST_CASE("GraphML round trip") {
  TempDir dir;
  auto src = Source();
  auto exported = ExportGraphml(*src, dir.path() + "/g.graphml");
  REQUIRE_MESSAGE(exported.ok(), exported.status().message());
  auto dst = Database::Open();
  REQUIRE(dst.ok());
  auto imported = ImportGraphml(**dst, dir.path() + "/g.graphml");
  REQUIRE_MESSAGE(imported.ok(), imported.status().message());
  CHECK(imported->relationships == 5);
  CHECK(Dump(**dst) == Dump(*src));
}

TEST_CASE("JSON Lines and GraphML errors roll back") {
  TempDir dir;
  auto db = Database::Open();
  REQUIRE(db.ok());
  std::string jsonl = dir.Write("bad.jsonl",
                                "{\"type\":\"node\",\"id\":1,\"labels\":[\"A\"],\"properties\":{}}\n"
                                "{\"type\":\"node\",\"id\":2,\"labels\":[\"A\"] \"properties\":{}}\n");
  auto r = ImportJsonLines(**db, jsonl);
  REQUIRE(!r.ok());
  std::string m(r.status().message());
  CHECK(m.substr(m.rfind('/') + 1) == "bad.jsonl:2:38: expected ',' or '}'");
  std::string graphml = dir.Write("bad.graphml",
                                  "<graphml><graph><node id=\"a\"/>"
                                  "<edge source=\"a\" target=\"b\"/></graph></graphml>");
  auto g = ImportGraphml(**db, graphml);
  REQUIRE(!g.ok());
  CHECK(std::string(g.status().message()).find("dangling edge: no node 'b'") != std::string::npos);
  CHECK(testing::Count(**db, "MATCH (n) RETURN count(n)") == 0);
}

}  // namespace
}  // namespace cornerstone
