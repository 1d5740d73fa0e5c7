// Copyright (c) Cornerstone authors.
// Build-time generator: runs a Cypher script through the public API and
// saves the graph as a snapshot.
//   make_snapshot INPUT.cypher OUTPUT.snap
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cornerstone/database.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: make_snapshot INPUT.cypher OUTPUT.snap\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "make_snapshot: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::stringstream script;
  script << in.rdbuf();
  auto db = cornerstone::Database::Open();
  if (!db.ok()) {
    std::cerr << "make_snapshot: " << db.status().message() << "\n";
    return 1;
  }
  cornerstone::Connection conn(**db);
  for (const auto& st : cornerstone::SplitStatements(script.str())) {
    auto result = conn.Query(st.text);
    if (!result.ok()) {
      std::cerr << argv[1] << ":" << st.line << ":" << st.column << ": "
                << result.status().message() << "\n";
      return 1;
    }
  }
  absl::Status saved = (*db)->Save(argv[2]);
  if (!saved.ok()) {
    std::cerr << "make_snapshot: " << saved.message() << "\n";
    return 1;
  }
  return 0;
}
