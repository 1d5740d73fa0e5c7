// Copyright (c) Cornerstone authors.
// Snapshot round trips (SoftBank, a generated graph, every value kind,
// tombstones), the Cypher export, and corruption handling.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <boost/crc.hpp>

#include "engine/storage/serial.h"
#include "engine/storage/snapshot.h"
#include "engine/storage/store.h"
#include "tests/snapshot/test_util.h"
#include "tools/bench/snapshot/gen_loader.h"

namespace cornerstone::snapshot_test {
namespace {

using engine::DecodeSnapshot;
using engine::EncodeSnapshot;
using engine::Value;

void LoadSoftbank(Graph& g) {
  REQUIRE(RunScript(g, ReadText(SourcePath("graphs/softbank.cypher"))).ok());
  REQUIRE(g.node_count() > 20);
}

std::vector<std::vector<std::string>> Answers(Graph& g, const std::vector<std::string>& queries) {
  std::vector<std::vector<std::string>> out;
  for (const auto& q : queries) {
    auto rows = Run(g, q);
    REQUIRE_MESSAGE(rows.ok(), q, ": ", rows.status().ToString());
    out.push_back(*rows);
  }
  return out;
}

void CheckRoundTrip(Graph& g, const std::vector<std::string>& queries) {
  absl::StatusOr<std::string> bytes = EncodeSnapshot(g, 7);
  REQUIRE(bytes.ok());
  Graph copy;
  engine::SnapshotInfo info;
  absl::Status s = DecodeSnapshot(*bytes, "mem", &copy, &info);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(info.generation == 7);
  CHECK(info.node_count == g.node_count());
  CHECK(ExactDump(copy) == ExactDump(g));
  CHECK(Answers(copy, queries) == Answers(g, queries));
}

TEST_CASE("SoftBank graph: save, open, identical graph and query results") {
  Graph g;
  LoadSoftbank(g);
  CheckRoundTrip(g, SoftbankQueries());

  TempDir dir;
  std::string path = dir.File("softbank.snap");
  REQUIRE(engine::SaveSnapshot(g, path).ok());
  Graph loaded;
  absl::Status s = engine::LoadSnapshot(path, &loaded);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(ExactDump(loaded) == ExactDump(g));
  CHECK(Answers(loaded, SoftbankQueries()) == Answers(g, SoftbankQueries()));
  CHECK(!engine::LoadSnapshot(path, &loaded).ok());  // not empty any more
  // Saving again replaces the file atomically; no temporary file is left.
  REQUIRE(engine::SaveSnapshot(loaded, path).ok());
  struct stat st;
  CHECK(::stat((path + ".tmp").c_str(), &st) != 0);
}

TEST_CASE("deleted nodes and relationships, every value kind, indexes") {
  Graph g;
  LoadSoftbank(g);
  REQUIRE(Run(g, "MATCH (n:Person) WITH n ORDER BY id(n) LIMIT 1 DETACH DELETE n").ok());
  REQUIRE(Run(g, "MATCH ()-[r]->() WITH r ORDER BY id(r) SKIP 3 LIMIT 2 DELETE r").ok());
  REQUIRE(Run(g, "CREATE (:Weird:`odd label` {i: -9223372036854775807 - 1, f: 0.0 / 0.0, "
                 "inf: -1.0 / 0.0, z: -0.0, s: 'é\\n\\'q', l: [1, 2.5, 'x'], b: false, "
                 "big: 9223372036854775807, d: date('2024-02-29'), "
                 "dt: datetime('2024-10-01T12:30:00+09:00'), du: duration('P1Y2M3DT4H')})")
              .ok());
  REQUIRE(Run(g, "CREATE (a:Temp)-[:T {w: 1}]->(b:Temp) DETACH DELETE a").ok());
  REQUIRE(Run(g, "CREATE INDEX ON :Weird(s)").ok());
  CHECK(g.node_count() < g.node_capacity());
  CheckRoundTrip(g, {"MATCH (n:Weird) RETURN properties(n)", "MATCH (n:Weird {s: 'é\\n\\'q'}) RETURN id(n)",
                     "MATCH (n) RETURN count(*)", "MATCH ()-[r]->() RETURN count(r)"});
}

TEST_CASE("empty graph round trip") {
  Graph g;
  CheckRoundTrip(g, {"MATCH (n) RETURN count(n)"});
}

TEST_CASE("generated graph (gen.py --sf 0.01) round trip") {
  // The benchmark kit beside the checkout (CS_BENCH_KIT overrides, as for
  // tools/bench/vs_kuzu).
  const char* kit = std::getenv("CS_BENCH_KIT");
  const std::string gen =
      (kit != nullptr ? std::string(kit) : std::string(CS_SOURCE_DIR) + "/../shared/bench") +
      "/gen.py";
  if (::access(gen.c_str(), R_OK) != 0) {
    MESSAGE("skipped: ", gen, " not found");
    return;
  }
  TempDir dir;
  std::string cmd = "python3 " + gen + " --sf 0.01 --out " + dir.path() + "/csv > /dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  Graph g;
  absl::Status s = gen_loader::LoadGenerated(dir.path() + "/csv", &g);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  REQUIRE(g.rel_count() > 50000);
  g.CreateIndex(g.labels().Intern("Person"), g.keys().Intern("name"));
  CheckRoundTrip(g, {"MATCH (p:Person) RETURN count(p), min(p.born), max(p.name)",
                     "MATCH (:Fund)-[r:INVESTED_IN]->(c:Company) WITH c.name AS name, count(r) AS n, "
                     "sum(r.amount_usd) AS total RETURN name, n, total ORDER BY total DESC, name LIMIT 20",
                     "MATCH (p:Person {name: 'Ada Abara'})-[:KNOWS]->(q) RETURN q.name ORDER BY q.name",
                     // Counted last hops (CountExpand skips start nodes by
                     // MayHaveType, rebuilt on open), and the same enumerated.
                     "MATCH (:Fund)-[:INVESTED_IN]->(c:Company)-[:PURSUES]->(a) RETURN count(*)",
                     "MATCH (:Fund)-[:INVESTED_IN]->(c:Company)-[:PURSUES]->(a) WITH * RETURN count(*)",
                     "MATCH (a:Ambition)<-[:PURSUES]-(c)<-[:OWNS_STAKE]-(o) RETURN count(*)"});
  CHECK(Answers(g, {"MATCH (:Fund)-[:INVESTED_IN]->(c:Company)-[:PURSUES]->(a) RETURN count(*)"}) ==
        Answers(g, {"MATCH (:Fund)-[:INVESTED_IN]->(c:Company)-[:PURSUES]->(a) WITH * RETURN count(*)"}));
}

TEST_CASE("Cypher export recreates the graph exactly") {
  Graph g;
  LoadSoftbank(g);
  REQUIRE(Run(g, "MATCH (n:Person) WITH n ORDER BY id(n) LIMIT 1 DETACH DELETE n").ok());
  REQUIRE(Run(g, "MATCH ()-[r]->() WITH r ORDER BY id(r) SKIP 3 LIMIT 2 DELETE r").ok());
  REQUIRE(Run(g, "CREATE (:`we``ird` {i: -9223372036854775807 - 1, nan: 0.0 / 0.0, "
                 "s: 'a\\\\b\\'c', l: [1, 2], d: date('2024-02-29')})")
              .ok());
  std::stringstream script;
  REQUIRE(engine::ExportCypher(g, script).ok());
  Graph copy;
  absl::Status s = RunScript(copy, script.str());
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(LogicalDump(copy) == LogicalDump(g));
}

TEST_CASE("CRC-32 is the standard one (boost::crc_32_type)") {
  std::mt19937 rng(1);
  std::string data(100000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (size_t len : {0, 1, 7, 8, 9, 63, 1000, 100000}) {
    boost::crc_32_type crc;
    crc.process_bytes(data.data() + 3, std::min(len, data.size() - 3));
    CHECK(engine::serial::Crc32(data.data() + 3, std::min(len, data.size() - 3)) == crc.checksum());
  }
}

// ---- Corruption ----

std::string Softbank() {
  Graph g;
  LoadSoftbank(g);
  absl::StatusOr<std::string> bytes = EncodeSnapshot(g, 1);
  REQUIRE(bytes.ok());
  return *bytes;
}

absl::Status Decode(const std::string& bytes) {
  Graph g;
  return DecodeSnapshot(bytes, "f.snap", &g);
}

// Recomputes both checksums so that a change reaches the deserializer.
void Reseal(std::string& b) {
  using namespace engine::serial;  // NOLINT
  PutU64(b.data() + 32, b.size() - engine::kSnapshotHeaderSize);
  PutU32(b.data() + 40, Crc32(b.data() + engine::kSnapshotHeaderSize,
                              b.size() - engine::kSnapshotHeaderSize));
  PutU32(b.data() + 68, Crc32(b.data(), 68));
}

TEST_CASE("truncation at every offset is a clear error") {
  const std::string good = Softbank();
  REQUIRE(Decode(good).ok());
  for (size_t len = 0; len < good.size(); len += (len < 200 ? 1 : 37)) {
    absl::Status s = Decode(good.substr(0, len));
    REQUIRE_MESSAGE(!s.ok(), "length ", len);
    CHECK(s.code() == absl::StatusCode::kDataLoss);
    CHECK(s.message().find("f.snap") != std::string::npos);
  }
  CHECK(Decode(good.substr(0, good.size() - 1)).message().find("truncated") != std::string::npos);
  CHECK(Decode("").message().find("empty") != std::string::npos);
  CHECK(Decode(good + "x").code() == absl::StatusCode::kDataLoss);
}

TEST_CASE("flipped bits in header and payload are detected") {
  const std::string good = Softbank();
  for (size_t i = 0; i < good.size(); i += (i < engine::kSnapshotHeaderSize ? 1 : 11)) {
    for (int bit : {0, 5}) {
      std::string bad = good;
      bad[i] ^= static_cast<char>(1 << bit);
      absl::Status s = Decode(bad);
      REQUIRE_MESSAGE(!s.ok(), "byte ", i, " bit ", bit);
    }
  }
  std::string bad = good;
  bad[good.size() / 2] ^= 4;
  CHECK(Decode(bad).message().find("checksum mismatch") != std::string::npos);
  bad = good;
  bad[9] ^= 1;
  CHECK(Decode(bad).message().find("header") != std::string::npos);
}

TEST_CASE("hostile payloads with valid checksums never crash or over-allocate") {
  const std::string good = Softbank();
  std::mt19937 rng(42);
  int accepted = 0;
  for (int trial = 0; trial < 1000; ++trial) {
    std::string bad = good;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      size_t pos = engine::kSnapshotHeaderSize + rng() % (good.size() - engine::kSnapshotHeaderSize);
      if (rng() % 2) {
        bad[pos] ^= static_cast<char>(1 << (rng() % 8));
      } else {
        bad[pos] = static_cast<char>(rng() % 2 ? 0xff : 0x7f);  // huge counts
      }
    }
    if (trial % 10 == 0) bad.resize(engine::kSnapshotHeaderSize + rng() % (good.size() - engine::kSnapshotHeaderSize));
    Reseal(bad);
    absl::Status s = Decode(bad);  // must return, either way
    if (s.ok()) ++accepted;
    else CHECK(s.code() == absl::StatusCode::kDataLoss);
  }
  MESSAGE(accepted, " of 1000 mutated payloads still decoded (e.g. a changed string)");
  // Counts near 2^64 or 2^63 at every offset, checksums valid: each must be
  // refused before anything is allocated (no ResourceExhausted).
  // Every offset in the structural part, a sample in the property values.
  for (size_t at = engine::kSnapshotHeaderSize; at + 8 <= good.size();
       at += at < 3000 ? 1 : 13) {
    for (char fill : {'\xff', '\x7f'}) {
      std::string bad = good;
      bad.replace(at, 8, std::string(8, fill));
      Reseal(bad);
      absl::Status s = Decode(bad);
      REQUIRE_MESSAGE((s.ok() || s.code() == absl::StatusCode::kDataLoss), "offset ", at, ": ",
                      s.ToString());
    }
  }
}

TEST_CASE("random bytes, wrong magic, newer and older versions") {
  std::mt19937 rng(7);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  CHECK(Decode(noise).message().find("not a Cornerstone snapshot") != std::string::npos);
  CHECK(Decode("hello").code() == absl::StatusCode::kDataLoss);

  std::string good = Softbank();
  std::string newer = good;
  engine::serial::PutU32(newer.data() + 8, engine::kSnapshotFormatVersion + 1);
  Reseal(newer);
  absl::Status s = Decode(newer);
  CHECK(s.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(s.message().find("newer format version") != std::string::npos);
  std::string older = good;
  engine::serial::PutU32(older.data() + 8, 0);
  Reseal(older);
  CHECK(Decode(older).message().find("unsupported older format version") != std::string::npos);
  std::string flags = good;
  engine::serial::PutU32(flags.data() + 12, 1);
  Reseal(flags);
  CHECK(!Decode(flags).ok());
}

TEST_CASE("files: missing, a directory, empty") {
  TempDir dir;
  Graph g;
  CHECK(engine::LoadSnapshot(dir.File("missing.snap"), &g).code() == absl::StatusCode::kNotFound);
  absl::Status s = engine::LoadSnapshot(dir.path(), &g);
  CHECK(s.code() == absl::StatusCode::kDataLoss);
  CHECK(s.message().find("directory") != std::string::npos);
  std::fclose(std::fopen(dir.File("empty.snap").c_str(), "w"));
  s = engine::LoadSnapshot(dir.File("empty.snap"), &g);
  CHECK(s.message().find("empty.snap: not a snapshot: the file is empty") != std::string::npos);
  // Saving into a folder that does not exist fails cleanly.
  CHECK(!engine::SaveSnapshot(g, dir.File("no/such/folder.snap")).ok());
}

}  // namespace
}  // namespace cornerstone::snapshot_test
