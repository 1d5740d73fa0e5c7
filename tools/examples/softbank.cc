// Copyright (c) Cornerstone authors.
// A C++ host program: loads the SoftBank graph (a snapshot file, or the
// Cypher script) and asks the headline question with a parameter.
//
//   softbank_cpp graphs/softbank.cypher ["SoftBank Group"]
//   softbank_cpp build/graphs/softbank.snap
#include <cornerstone/cornerstone.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

constexpr char kQuestion[] =
    "MATCH p = (:Company {name: $company})-[:MANAGES|INVESTED_IN|ACQUIRED|OWNS_STAKE*1..3]->(h)"
    "-[:PURSUES]->(:Ambition {name: 'AGI'}) "
    "RETURN h.name, [r IN relationships(p) | type(r)] AS via, p";

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Opens a snapshot read-only, or runs a script into an in-memory database.
absl::StatusOr<std::unique_ptr<cornerstone::Database>> Load(const std::string& path) {
  if (EndsWith(path, ".snap")) {
    cornerstone::DatabaseOptions options;
    options.read_only = true;
    return cornerstone::Database::Open(path, options);
  }
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::stringstream script;
  script << in.rdbuf();
  auto db = cornerstone::Database::Open();
  if (!db.ok()) return db.status();
  cornerstone::Connection conn(**db);
  for (const cornerstone::ScriptStatement& s : cornerstone::SplitStatements(script.str())) {
    auto r = conn.Query(s.text);
    if (!r.ok()) return r.status();
  }
  return db;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " softbank.cypher|softbank.snap [company]\n";
    return 2;
  }
  auto db = Load(argv[1]);
  if (!db.ok()) {
    std::cerr << db.status().message() << "\n";
    return 1;
  }
  cornerstone::Connection conn(**db);
  auto question = conn.Prepare(kQuestion);
  if (!question.ok()) {
    std::cerr << question.status().message() << "\n";
    return 1;
  }
  question->Bind("company", argc > 2 ? argv[2] : "SoftBank Group");
  auto result = question->Execute();
  if (!result.ok()) {
    std::cerr << result.status().message() << "\n";
    return 1;
  }
  int answers = 0;
  while (result->Next()) {
    auto name = result->GetString(0);
    auto path = result->GetPath(2);
    if (!name.ok() || !path.ok()) return 1;
    std::cout << "answer: " << *name << "\nvia:    " << result->Get(1).ToString() << "\npath:   ";
    for (size_t i = 0; i < path->nodes.size(); ++i) {
      auto n = path->nodes[i].properties.find("name");
      std::cout << (n == path->nodes[i].properties.end() ? "?" : n->second.ToString());
      if (i < path->relationships.size()) {
        std::cout << " -[:" << path->relationships[i].type << "]-> ";
      }
    }
    std::cout << "\n";
    ++answers;
  }
  return answers > 0 ? 0 : 1;
}
