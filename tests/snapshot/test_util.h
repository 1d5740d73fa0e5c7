// Copyright (c) Cornerstone authors.
// Helpers for the snapshot tests: run Cypher on an engine Graph through the
// internal pipeline, and dump a graph canonically for comparisons.
#ifndef CORNERSTONE_TESTS_SNAPSHOT_TEST_UTIL_H_
#define CORNERSTONE_TESTS_SNAPSHOT_TEST_UTIL_H_

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cornerstone/database.h"
#include "engine/exec/executor.h"
#include "engine/storage/graph.h"
#include "engine/storage/store.h"
#include "queries/bind/binder.h"
#include "queries/parse/parser.h"
#include "queries/plan/planner.h"

namespace cornerstone::snapshot_test {

using engine::Graph;

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string SourcePath(const std::string& relative) {
  return std::string(CS_SOURCE_DIR) + "/" + relative;
}

// A fresh empty folder under /tmp, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/cs_snapshot_XXXXXX";
    path_ = ::mkdtemp(tmpl) ? tmpl : "/tmp";
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Runs one statement as its own transaction; returns the rows, each value
// as debug text. With `store`, logs the commit like the Database does.
inline absl::StatusOr<std::vector<std::string>> Run(Graph& g, const std::string& text,
                                                    engine::Store* store = nullptr) {
  absl::StatusOr<query::Statement> parsed = query::Parse(text);
  if (!parsed.ok()) return parsed.status();
  absl::StatusOr<query::BoundStatement> bound = query::Bind(*parsed, text, {});
  if (!bound.ok()) return bound.status();
  absl::StatusOr<std::unique_ptr<query::LogicalPlan>> plan = query::Plan(*std::move(bound), g);
  if (!plan.ok()) return plan.status();
  engine::ExecOutput out;
  g.Begin();
  absl::Status s = engine::Execute(**plan, g, false, &out);
  if (!s.ok()) {
    g.Rollback();
    return s;
  }
  g.Commit();
  if (store != nullptr) {
    s = store->LogCommit(g);
    if (!s.ok()) return s;
  }
  std::vector<std::string> rows;
  for (const auto& row : out.rows) {
    std::string line;
    for (const engine::Value& v : row) line += engine::ToDebugString(v) + " | ";
    rows.push_back(line);
  }
  return rows;
}

inline absl::Status RunScript(Graph& g, const std::string& script,
                              engine::Store* store = nullptr) {
  for (const ScriptStatement& st : SplitStatements(script)) {
    absl::StatusOr<std::vector<std::string>> r = Run(g, st.text, store);
    if (!r.ok()) return r.status();
  }
  return absl::OkStatus();
}

inline std::string Props(const Graph& g, const engine::PropertyList& p) {
  std::vector<std::string> parts;
  for (const auto& [k, v] : p.entries()) {
    parts.push_back(g.keys().Name(k) + "=" + engine::ToDebugString(v));
  }
  std::sort(parts.begin(), parts.end());
  std::string s;
  for (const auto& part : parts) s += " " + part;
  return s;
}

// What queries can observe, by name (independent of dictionary ids).
inline std::string LogicalDump(const Graph& g) {
  std::string s = "nodes " + std::to_string(g.node_capacity()) + "/" +
                  std::to_string(g.node_count()) + " rels " +
                  std::to_string(g.rel_capacity()) + "/" + std::to_string(g.rel_count()) + "\n";
  std::vector<std::string> indexes;
  for (const auto& [l, k] : g.Indexes()) indexes.push_back(g.labels().Name(l) + "." + g.keys().Name(k));
  std::sort(indexes.begin(), indexes.end());
  for (const auto& i : indexes) s += "index " + i + "\n";
  for (engine::NodeId n = 0; n < g.node_capacity(); ++n) {
    if (!g.NodeAlive(n)) {
      s += "n" + std::to_string(n) + " dead\n";
      continue;
    }
    s += "n" + std::to_string(n);
    for (engine::LabelId l : g.node(n).labels) s += " :" + g.labels().Name(l);
    s += Props(g, g.node(n).properties);
    std::vector<engine::RelId> out, in;
    for (const auto& a : g.Out(n)) out.push_back(a.rel);
    for (const auto& a : g.In(n)) in.push_back(a.rel);
    std::sort(out.begin(), out.end());
    std::sort(in.begin(), in.end());
    s += " out";
    for (auto r : out) s += " " + std::to_string(r);
    s += " in";
    for (auto r : in) s += " " + std::to_string(r);
    s += "\n";
  }
  for (engine::RelId r = 0; r < g.rel_capacity(); ++r) {
    if (!g.RelAlive(r)) {
      s += "r" + std::to_string(r) + " dead\n";
      continue;
    }
    const auto& rec = g.rel(r);
    s += "r" + std::to_string(r) + " " + std::to_string(rec.source) + "-" +
         g.types().Name(rec.type) + "->" + std::to_string(rec.target) + Props(g, rec.properties) +
         "\n";
  }
  for (engine::LabelId l = 0; l < g.labels().size(); ++l) {
    if (g.LabelCount(l) == 0) continue;
    s += "label " + g.labels().Name(l) + " " + std::to_string(g.LabelCount(l)) + "\n";
  }
  for (engine::TypeId t = 0; t < g.types().size(); ++t) {
    if (g.TypeCount(t) == 0) continue;
    s += "type " + g.types().Name(t) + " " + std::to_string(g.TypeCount(t)) + "\n";
  }
  return s;
}

// Everything, ids included: dictionaries in order, adjacency in order.
inline std::string ExactDump(const Graph& g) {
  std::string s = LogicalDump(g);
  for (const auto* d : {&g.labels(), &g.types(), &g.keys()}) {
    s += "dict";
    for (uint32_t i = 0; i < d->size(); ++i) s += " " + d->Name(i);
    s += "\n";
  }
  for (const auto& [l, k] : g.Indexes()) s += "idx " + std::to_string(l) + "," + std::to_string(k) + "\n";
  for (engine::NodeId n = 0; n < g.node_capacity(); ++n) {
    s += "adj" + std::to_string(n);
    for (const auto& a : g.Out(n)) {
      s += " o" + std::to_string(a.type) + ":" + std::to_string(a.other) + ":" + std::to_string(a.rel);
    }
    for (const auto& a : g.In(n)) {
      s += " i" + std::to_string(a.type) + ":" + std::to_string(a.other) + ":" + std::to_string(a.rel);
    }
    s += "\n";
  }
  for (engine::LabelId l = 0; l < g.labels().size(); ++l) {
    s += "li" + std::to_string(l);
    for (auto n : g.NodesWithLabel(l)) s += " " + std::to_string(n);
    s += "\n";
  }
  return s;
}

// Queries over the SoftBank graph whose answers must survive a round trip.
inline const std::vector<std::string>& SoftbankQueries() {
  static const std::vector<std::string> q = {
      "MATCH (n) RETURN id(n), labels(n), properties(n) ORDER BY id(n)",
      "MATCH (a)-[r]->(b) RETURN id(r), type(r), id(a), id(b), properties(r) ORDER BY id(r)",
      "MATCH (c:Company) RETURN c.name ORDER BY c.name",
      "MATCH (p:Person {name: 'Masayoshi Son'})-[r]->(x) RETURN type(r), x.name ORDER BY type(r), x.name",
      "MATCH (n) RETURN labels(n)[0] AS l, count(*) ORDER BY l",
      "MATCH (a)-[*1..2]->(b:Company) RETURN count(*)",
  };
  return q;
}

}  // namespace cornerstone::snapshot_test

#endif  // CORNERSTONE_TESTS_SNAPSHOT_TEST_UTIL_H_
