// Copyright (c) Cornerstone authors.
// Shared by the libFuzzer targets in tools/fuzz: a scratch folder per
// process (on /dev/shm when there is one, so writing an input costs no disk
// I/O), file helpers, and QueryOptions limits when the engine has them.
#ifndef CORNERSTONE_TOOLS_FUZZ_FUZZ_UTIL_H_
#define CORNERSTONE_TOOLS_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "cornerstone/database.h"

namespace cornerstone::fuzz {

// Stops the process with a message: the fuzzer reports it as a crash.
[[noreturn]] inline void Die(std::string_view what, absl::string_view detail = "") {
  std::fprintf(stderr, "fuzz invariant broken: %.*s %.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// A folder private to this process, removed at exit.
inline const std::string& ScratchDir() {
  static const std::string* const dir = [] {
    std::filesystem::path base = std::filesystem::exists("/dev/shm")
                                     ? std::filesystem::path("/dev/shm")
                                     : std::filesystem::temp_directory_path();
    std::string templ = (base / "cs-fuzz-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) Die("mkdtemp failed");
    auto* d = new std::string(templ);
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(ScratchDir(), ignored);
    });
    return d;
  }();
  return *dir;
}

inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) Die("cannot write", path);
}

// Empties the scratch folder (between inputs).
inline void ClearScratch() {
  for (const auto& entry : std::filesystem::directory_iterator(ScratchDir())) {
    std::filesystem::remove_all(entry.path());
  }
}

// Sets the row and memory budgets when QueryOptions has them (they are
// part of the resource limits work; the time limit always exists).
template <typename Options>
void SetBudgets(Options& options, int64_t timeout_ms, int64_t max_rows, int64_t memory_bytes) {
  options.timeout_ms = timeout_ms;
  if constexpr (requires { options.max_rows; }) options.max_rows = max_rows;
  if constexpr (requires { options.memory_limit_bytes; }) {
    options.memory_limit_bytes = memory_bytes;
  }
  (void)max_rows;
  (void)memory_bytes;
}

// Runs `query` (which must succeed) and returns its first value.
inline Value Scalar(Connection& conn, std::string_view query) {
  absl::StatusOr<Result> r = conn.Query(query);
  if (!r.ok()) Die(query, r.status().message());
  if (!r->Next()) Die(query, "no rows");
  return r->Get(0);
}

// Reads every row of a query that may fail, touching each value so that a
// bad node or relationship in the graph shows up as a sanitizer report.
inline void Drain(Connection& conn, std::string_view query) {
  QueryOptions options;
  SetBudgets(options, 2000, 10000, int64_t{256} << 20);
  absl::StatusOr<Result> r = conn.Query(query, {}, options);
  if (!r.ok()) return;
  while (r->Next()) {
    for (const Value& v : r->row()) (void)v.ToString();
  }
}

// Opens `path` read-only; if that fails it must say why. Whatever opened
// must be a graph every query can walk and that can be saved again (`what`
// names the input in the failure message).
inline void CheckOpens(const std::string& path, std::string_view what) {
  DatabaseOptions options;
  options.read_only = true;
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path, options);
  if (!db.ok()) {
    if (db.status().message().empty()) Die("an error without a message");
    return;
  }
  Connection conn(**db);
  (void)(*db)->GetSchema();
  for (const char* query : {
           "MATCH (n) RETURN n, labels(n), keys(n) LIMIT 200",
           "MATCH (a)-[r]->(b) RETURN a, r, b, type(r), properties(r) LIMIT 200",
           "MATCH (a)<-[r]-(b) RETURN id(a), id(r), id(b) LIMIT 200",
           "MATCH (n) OPTIONAL MATCH (n)-[r]-() RETURN id(n), count(r)",
           "MATCH p = (a)-[*1..3]-(b) RETURN p LIMIT 100",
           "MATCH (n) WHERE n.name IS NOT NULL RETURN n.name ORDER BY n.name LIMIT 50",
       }) {
    Drain(conn, query);
  }
  std::string copy = ScratchDir() + "/copy.snap";
  if (absl::Status s = (*db)->Save(copy); !s.ok() && s.code() != absl::StatusCode::kInvalidArgument) {
    Die(std::string("Save of a loaded ") + std::string(what) + " failed:", s.message());
  }
}

}  // namespace cornerstone::fuzz

#endif  // CORNERSTONE_TOOLS_FUZZ_FUZZ_UTIL_H_
