// Copyright (c) Cornerstone authors.
// Fuzz target: parse + bind + plan + execute one statement on the fixed
// graph graphs/fixtures/tiny.cypher (8 nodes, 10 relationships), through the
// public API with a time budget (and the row and memory budgets where
// QueryOptions has them). Each input runs in an explicit transaction that
// is rolled back, so every input sees the same graph; afterwards the graph
// must still have its 8 nodes and 10 relationships.
//
// Where the fixture is: $CS_FUZZ_TINY, else graphs/fixtures/tiny.cypher
// relative to the current folder or to the source tree this was built from.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "cornerstone/database.h"
#include "tools/fuzz/fuzz_util.h"

namespace {

using cornerstone::fuzz::Die;

std::string ReadTiny() {
  std::string candidates[] = {
      std::getenv("CS_FUZZ_TINY") != nullptr ? std::getenv("CS_FUZZ_TINY") : "",
      "graphs/fixtures/tiny.cypher",
      CS_SOURCE_ROOT "/graphs/fixtures/tiny.cypher",
  };
  for (const std::string& path : candidates) {
    if (path.empty()) continue;
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  Die("cannot find graphs/fixtures/tiny.cypher (set CS_FUZZ_TINY)");
}

struct Fixture {
  std::unique_ptr<cornerstone::Database> db;
  std::unique_ptr<cornerstone::Connection> conn;
  cornerstone::Params params;
};

Fixture& GetFixture() {
  static Fixture* const fixture = [] {
    auto* f = new Fixture;
    auto db = cornerstone::Database::Open();
    if (!db.ok()) Die("open", db.status().message());
    f->db = std::move(*db);
    f->conn = std::make_unique<cornerstone::Connection>(*f->db);
    for (const cornerstone::ScriptStatement& s : cornerstone::SplitStatements(ReadTiny())) {
      auto r = f->conn->Query(s.text);
      if (!r.ok()) Die(s.text, r.status().message());
    }
    // A few parameters, so that queries using $x get past the binder.
    using cornerstone::Value;
    f->params["x"] = Value(int64_t{1});
    f->params["name"] = Value(std::string("Ann"));
    f->params["f"] = Value(0.5);
    f->params["b"] = Value(true);
    f->params["n"] = Value();
    f->params["list"] = Value(cornerstone::ValueList{Value(int64_t{1}), Value(std::string("a"))});
    f->params["map"] = Value(cornerstone::ValueMap{{"name", Value(std::string("Bob"))}});
    return f;
  }();
  return *fixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return -1;  // long inputs only slow the fuzzer down
  Fixture& f = GetFixture();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cornerstone::QueryOptions options;
  cornerstone::fuzz::SetBudgets(options, /*timeout_ms=*/100, /*max_rows=*/10000,
                                /*memory_bytes=*/int64_t{64} << 20);
  if (absl::Status s = f.conn->Begin(); !s.ok()) Die("Begin", s.message());
  absl::StatusOr<cornerstone::Result> result = f.conn->Query(text, f.params, options);
  if (result.ok()) {
    size_t rows = 0;
    while (result->Next() && rows++ < 10000) {
      for (const cornerstone::Value& v : result->row()) (void)v.ToString();
    }
    (void)result->plan();
  } else if (result.status().message().empty()) {
    Die("an error without a message");
  }
  // The statement may have ended the transaction itself (an execution error
  // rolls it back; COMMIT/ROLLBACK end it); roll back whatever is left.
  if (f.conn->in_transaction()) {
    if (absl::Status s = f.conn->Rollback(); !s.ok()) Die("Rollback", s.message());
  }
  cornerstone::Value nodes = cornerstone::fuzz::Scalar(*f.conn, "MATCH (n) RETURN count(n)");
  cornerstone::Value rels = cornerstone::fuzz::Scalar(*f.conn, "MATCH ()-[r]->() RETURN count(r)");
  if (nodes.ToString() != "8" || rels.ToString() != "10") {
    Die("the fixture changed after a rollback:", nodes.ToString() + " nodes, " + rels.ToString() +
                                                     " relationships");
  }
  return 0;
}
