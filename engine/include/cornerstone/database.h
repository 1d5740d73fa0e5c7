// Copyright (c) Cornerstone authors. Public API: databases, connections and
// results.
//
//   auto db = cornerstone::Database::Open();            // in memory
//   cornerstone::Connection conn(**db);
//   auto result = conn.Query("MATCH (p:Person) RETURN p.name");
//   if (!result.ok()) { /* result.status().message() */ }
//   while (result->Next()) std::cout << result->Get(0).ToString() << "\n";
//
// Errors are absl::Status values; no exception escapes these functions. A
// query error's message starts with its kind and, when it has one, the
// position, then the reason, e.g.
//   SyntaxError at 1:10: expected ')' but found 'RETURN'
//     MATCH (n RETURN n
//              ^
#ifndef CORNERSTONE_DATABASE_H_
#define CORNERSTONE_DATABASE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cornerstone/value.h"

namespace cornerstone {

// Query parameters, referenced as $name in query text.
using Params = std::map<std::string, Value>;

struct DatabaseOptions {
  bool read_only = false;  // never write the file, its log or a lock
  bool wal = true;         // file databases: log each commit to PATH.wal
  bool sync = true;        // fsync the log on every commit
  int64_t checkpoint_bytes = 64 << 20;  // fold the log into the snapshot past this size
};

// What is in a graph, for the shell's :schema and for tools.
struct Schema {
  struct Count {
    std::string name;
    int64_t count = 0;
  };
  int64_t node_count = 0;
  int64_t relationship_count = 0;
  std::vector<Count> labels;               // sorted by name
  std::vector<Count> relationship_types;   // sorted by name
  std::vector<std::string> property_keys;  // sorted
  std::vector<std::string> indexes;        // e.g. ":Company(name)"
};

class Connection;

// A graph held in memory. Thread safety: a Database may be shared by many
// Connections; statements are serialized by an internal lock.
class Database {
 public:
  // Opens an empty in-memory database.
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const DatabaseOptions& options = {});

  // Opens the database stored at `path` (a snapshot file plus its log
  // PATH.wal), or creates an empty one that will be saved there. Errors:
  // NotFound (read-only open of a missing file), DataLoss (not a snapshot,
  // truncated, checksum mismatch), FailedPrecondition (newer format version,
  // "database is locked" by another process).
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const std::string& path, const DatabaseOptions& options = {});

  // Writes a snapshot of the whole graph atomically to `path` (default: the
  // database's own path, which also truncates its log).
  absl::Status Save(const std::string& path = "");
  // Folds the log into the snapshot (file databases only).
  absl::Status Checkpoint();
  // Writes a Cypher script that recreates the graph exactly.
  absl::Status ExportCypher(const std::string& path) const;

  // The file this database lives in; empty for in-memory databases.
  const std::string& path() const;
  bool read_only() const;

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A summary of labels, relationship types and property keys with counts.
  Schema GetSchema() const;

  struct Impl;  // engine-private

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  friend class Connection;
  std::unique_ptr<Impl> impl_;
};

// Counters of what a statement changed.
struct QueryStats {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t properties_set = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  int64_t indexes_added = 0;
  bool ContainsUpdates() const;
  // "Created 2 nodes, set 3 properties" or "" when nothing changed.
  std::string ToString() const;
};

// Time spent in each stage of one statement, in microseconds.
struct QueryTiming {
  int64_t parse_us = 0;
  int64_t plan_us = 0;  // bind + plan
  int64_t execute_us = 0;
};

// The rows of one statement. Iterate with Next() then Get()/row().
// Thread safety: not thread-safe; owned by one thread at a time.
class Result {
 public:
  Result();
  ~Result();
  Result(Result&&) noexcept;
  Result& operator=(Result&&) noexcept;

  const std::vector<std::string>& columns() const;
  size_t num_columns() const { return columns().size(); }

  // Advances to the next row; returns false after the last one.
  bool Next();
  // The current row (valid after Next() returned true).
  const std::vector<Value>& row() const;
  const Value& Get(size_t column) const { return row()[column]; }

  const QueryStats& stats() const;
  const QueryTiming& timing() const;
  // For EXPLAIN/PROFILE statements: the plan as an indented operator tree
  // (PROFILE adds rows per operator); empty otherwise.
  const std::string& plan() const;

  struct Impl;  // engine-private

 private:
  friend class Connection;
  std::unique_ptr<Impl> impl_;
};

// A session on a Database. Thread safety: one Connection per thread.
class Connection {
 public:
  // `db` must outlive the connection.
  explicit Connection(Database& db);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement (a trailing ';' is allowed). On error the graph is
  // left exactly as it was before the statement.
  absl::StatusOr<Result> Query(std::string_view text, const Params& params = {});

  // Explicit transactions: statements between Begin() and Commit() are
  // applied together or (Rollback(), or an error in Commit) not at all.
  absl::Status Begin();
  absl::Status Commit();
  absl::Status Rollback();
  bool in_transaction() const;

  // Stops the statement running on this connection (from any thread); it
  // returns a Cancelled status. No effect when nothing runs.
  void Interrupt();

 private:
  Database& db_;
};

// One statement of a script, with where it starts in the script (1-based).
struct ScriptStatement {
  std::string text;  // without the terminating ';'
  int line = 1;
  int column = 1;
};

// Splits a script into statements at ';' outside strings, escaped names and
// comments (// and /* */). Statements that are empty or only comments are
// dropped. `*complete` (if given) is set to false when the text ends inside
// an unterminated statement (no ';' after the last non-blank token), in
// which case that last statement is still returned.
std::vector<ScriptStatement> SplitStatements(std::string_view script,
                                             bool* complete = nullptr);

// The keywords and built-in function names the language knows, for
// completion and highlighting in tools.
const std::vector<std::string>& Keywords();
const std::vector<std::string>& FunctionNames();

// "0.1.0"
const char* Version();

}  // namespace cornerstone

#endif  // CORNERSTONE_DATABASE_H_
