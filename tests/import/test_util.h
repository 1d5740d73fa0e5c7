// Copyright (c) Cornerstone authors.
// Helpers for the import tests: a temporary folder and query shortcuts.
#ifndef CORNERSTONE_TESTS_IMPORT_TEST_UTIL_H_
#define CORNERSTONE_TESTS_IMPORT_TEST_UTIL_H_

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cornerstone/database.h"

namespace cornerstone::testing {

class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "cs-import-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string Write(const std::string& name, const std::string& text) {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::string path_;
};

// The first column of the first row, as a Cypher literal ("" on error).
inline std::string Scalar(Database& db, const std::string& query) {
  Connection conn(db);
  auto r = conn.Query(query);
  if (!r.ok() || !r->Next()) return r.ok() ? "<no rows>" : std::string(r.status().message());
  return r->Get(0).ToString();
}

inline int64_t Count(Database& db, const std::string& query) {
  Connection conn(db);
  auto r = conn.Query(query);
  if (!r.ok() || !r->Next()) return -1;
  return r->Get(0).int_value();
}

// Every node and relationship as sorted literals, without ids: two graphs
// with the same dump are equal up to renumbering.
inline std::string Dump(Database& db) {
  Connection conn(db);
  std::vector<std::string> out;
  auto nodes = conn.Query("MATCH (n) RETURN n");
  while (nodes.ok() && nodes->Next()) out.push_back(nodes->Get(0).ToString());
  auto rels = conn.Query("MATCH (a)-[r]->(b) RETURN a, r, b");
  while (rels.ok() && rels->Next()) {
    out.push_back(rels->Get(0).ToString() + rels->Get(1).ToString() + rels->Get(2).ToString());
  }
  std::sort(out.begin(), out.end());
  std::string text;
  for (const std::string& line : out) text += line + "\n";
  return text;
}

}  // namespace cornerstone::testing

#endif  // CORNERSTONE_TESTS_IMPORT_TEST_UTIL_H_
