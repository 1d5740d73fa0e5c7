// Copyright (c) Cornerstone authors.
// Writes the binary seed inputs and the dictionary for tools/fuzz/run:
//   fuzz_seeds OUT_DIR SOURCE_ROOT
// OUT_DIR/snapshot/*  snapshots of the empty graph, graphs/fixtures/tiny and
//                     graphs/softbank (the build's real snapshot format)
// OUT_DIR/wal/*       logs of the same scripts run statement by statement,
//                     plus updates, deletes and an index (one record each)
// OUT_DIR/cypher.dict every keyword and function name, quoted for libFuzzer
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cornerstone/database.h"

namespace fs = std::filesystem;

namespace {

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool Run(cornerstone::Connection& conn, const std::string& script) {
  for (const cornerstone::ScriptStatement& s : cornerstone::SplitStatements(script)) {
    auto r = conn.Query(s.text);
    if (!r.ok()) {
      std::cerr << "fuzz_seeds: " << r.status().message() << "\n";
      return false;
    }
  }
  return true;
}

// Runs `script` on a fresh file database in `work`, copies its log to
// `wal_out` (before closing folds it away), then saves a snapshot.
bool MakeSeeds(const fs::path& work, const std::string& script, const fs::path& wal_out,
               const fs::path& snap_out) {
  fs::remove_all(work);
  fs::create_directories(work);
  cornerstone::DatabaseOptions options;
  options.sync = false;
  std::string db_path = (work / "seed.db").string();
  auto db = cornerstone::Database::Open(db_path, options);
  if (!db.ok()) {
    std::cerr << "fuzz_seeds: " << db.status().message() << "\n";
    return false;
  }
  {
    cornerstone::Connection conn(**db);
    if (!Run(conn, script)) return false;
  }
  fs::copy_file(db_path + ".wal", wal_out, fs::copy_options::overwrite_existing);
  if (absl::Status s = (*db)->Save(snap_out.string()); !s.ok()) {
    std::cerr << "fuzz_seeds: " << s.message() << "\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fuzz_seeds OUT_DIR SOURCE_ROOT\n";
    return 2;
  }
  fs::path out = argv[1], root = argv[2];
  fs::create_directories(out / "snapshot");
  fs::create_directories(out / "wal");
  fs::path work = out / "work";
  const std::string updates =
      "CREATE INDEX FOR (p:Person) ON (p.name);\n"
      "MATCH (n:Person {name: 'Ann'}) SET n.age = 35, n.tags = ['a', 'b'], n:Admin;\n"
      "MATCH (n:Person {name: 'Bob'}) REMOVE n.age;\n"
      "MATCH (a:Person {name: 'Eve'}) DETACH DELETE a;\n"
      "MATCH ()-[r:KNOWS]->() WHERE r.since = 2015 SET r.weight = 1.5;\n"
      "CREATE (:Thing {when: date('2024-01-02'), d: duration('P1D'), m: 'x'})"
      "-[:REL {list: [1, 2, 3]}]->(:Thing);\n";
  struct Seed {
    std::string name, script;
  };
  std::vector<Seed> seeds = {
      {"empty", "RETURN 1;"},
      {"tiny", Read(root / "graphs" / "fixtures" / "tiny.cypher")},
      {"tiny-updates", Read(root / "graphs" / "fixtures" / "tiny.cypher") + updates},
      {"softbank", Read(root / "graphs" / "softbank.cypher")},
  };
  for (const Seed& seed : seeds) {
    if (seed.script.empty()) {
      std::cerr << "fuzz_seeds: no script for " << seed.name << "\n";
      return 1;
    }
    if (!MakeSeeds(work, seed.script, out / "wal" / (seed.name + ".wal"),
                   out / "snapshot" / (seed.name + ".snap"))) {
      return 1;
    }
  }
  fs::remove_all(work);

  std::ofstream dict(out / "cypher.dict");
  auto quote = [&](const std::string& word) {
    dict << '"';
    for (char c : word) {
      if (c == '"' || c == '\\') dict << '\\';
      dict << c;
    }
    dict << "\"\n";
  };
  for (const std::string& k : cornerstone::Keywords()) quote(k);
  for (const std::string& f : cornerstone::FunctionNames()) quote(f + "(");
  for (const char* p : {"(", ")", "[", "]", "{", "}", "-[", "]->", "<-[", "]-", "->", "<-", "--",
                        "*", "*1..3", "..", ":", ",", ".", "$", "|", "=", "<>", "<=", ">=", "=~",
                        "+=", "'", "\"", "`", "//", "/*", "*/", "\\u", "0x", "1e9", "null",
                        "9223372036854775807", "-9223372036854775808", "1.0e308", "n.name",
                        ":Person", ":KNOWS", "(n)", "(a)-[r]->(b)", "count(*)", "p = "}) {
    quote(p);
  }
  std::cout << "fuzz_seeds: wrote " << out.string() << "\n";
  return 0;
}
