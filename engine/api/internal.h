// Copyright (c) Cornerstone authors.
// The private state behind the public API classes, shared by the files of
// engine/api.
#ifndef CORNERSTONE_ENGINE_API_INTERNAL_H_
#define CORNERSTONE_ENGINE_API_INTERNAL_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cornerstone/database.h"
#include "engine/api/rw_lock.h"
#include "engine/exec/builtins.h"
#include "engine/exec/procedures.h"
#include "engine/storage/graph.h"
#include "engine/storage/store.h"
#include "queries/parse/ast.h"

namespace cornerstone {

// Shared by the Database and its Connections (which keep it alive).
struct Database::Impl {
  api::RwLock lock;
  engine::Graph graph;                  // guarded by `lock`
  std::unique_ptr<engine::Store> store;  // null for in-memory databases
  std::string path;
  DatabaseOptions options;
  std::atomic<bool> closed{false};  // set under the exclusive lock
  engine::ProcedureRegistry procedures;  // thread-safe on its own

  Impl() { engine::RegisterBuiltinProcedures(procedures); }

  // FailedPrecondition when closed; with `update`, also when read-only.
  absl::Status CheckUsable(bool update) const;
  // After graph.Commit(): logs the change (file databases).
  absl::Status LogCommit();
  // Takes `lock` exclusively, unless this thread holds it shared (an open
  // streamed result): then FailedPrecondition instead of waiting for ever.
  absl::Status LockExclusive();
};

namespace api {
struct Stream;  // statement.cc
}

struct Result::Impl {
  std::vector<std::string> columns;
  // All rows; for a streamed result, only the current one.
  std::vector<std::vector<Value>> rows;
  size_t next = 0;  // index of the row Next() moves to
  QueryStats stats;
  QueryTiming timing;
  std::string plan;
  // Streamed results (QueryOptions::stream): the running statement until
  // its last row, rows read so far, and the error that ended it early.
  std::shared_ptr<api::Stream> stream;
  bool is_stream = false;
  size_t streamed = 0;
  absl::Status status;
};

// A statement ready to run: text plus (unless it is BEGIN/COMMIT/ROLLBACK)
// its syntax tree.
struct ParsedStatement {
  enum class Control { kNone, kBegin, kCommit, kRollback };
  Control control = Control::kNone;
  std::string text;
  std::shared_ptr<const query::Statement> statement;
  int64_t parse_us = 0;
};

struct Connection::Impl {
  explicit Impl(std::shared_ptr<Database::Impl> database) : db(std::move(database)) {}
  ~Impl();

  // Parses `text` (recognizing the transaction keywords).
  static absl::StatusOr<ParsedStatement> Parse(std::string_view text);
  absl::StatusOr<Result> Run(const ParsedStatement& parsed, const Params& params,
                             const QueryOptions& options);

  absl::Status Begin();
  absl::Status Commit();
  absl::Status Rollback();

  absl::StatusOr<std::vector<int64_t>> AddNodes(const std::vector<NodeSpec>& nodes);
  absl::StatusOr<std::vector<int64_t>> AddRelationships(
      const std::vector<RelationshipSpec>& rels);

  // The options a statement runs with: each -1 field of `options` taken
  // from `defaults`, then from the database's options.
  QueryOptions Effective(const QueryOptions& options) const;

  // Ends the connection's streamed result, if one is open: its Next()
  // returns false and its status() says why. Every statement, transaction
  // call and bulk insert of the connection does this first.
  void CloseStream(std::string_view why);

  std::shared_ptr<Database::Impl> db;
  QueryOptions defaults;  // the connection's (Connection(db, defaults))
  std::weak_ptr<api::Stream> stream;  // the open streamed result
  bool in_transaction = false;  // then this connection holds db->lock exclusively
  uint64_t transaction_serial = 0;  // counts Begin() calls
  std::atomic<bool> interrupted{false};
};

struct PreparedStatement::Impl {
  std::weak_ptr<Connection::Impl> conn;
  ParsedStatement parsed;
  Params params;
};

namespace internal {

// Reaches the private state of the public classes.
struct Access {
  static const std::shared_ptr<Database::Impl>& Get(const Database& d) { return d.impl_; }
  static const std::shared_ptr<Connection::Impl>& Get(const Connection& c) { return c.impl_; }
  static std::unique_ptr<Result::Impl>& Get(Result& r) { return r.impl_; }
  static const std::unique_ptr<Result::Impl>& Get(const Result& r) { return r.impl_; }
  static std::unique_ptr<PreparedStatement::Impl>& Get(PreparedStatement& p) { return p.impl_; }
  static std::unique_ptr<Database> MakeDatabase(std::shared_ptr<Database::Impl> impl) {
    return std::unique_ptr<Database>(new Database(std::move(impl)));
  }
  static Transaction MakeTransaction(std::weak_ptr<Connection::Impl> conn, uint64_t serial) {
    Transaction t;
    t.conn_ = std::move(conn);
    t.serial_ = serial;
    return t;
  }
};

}  // namespace internal

namespace api {

// A Result holding nothing (for BEGIN/COMMIT/ROLLBACK and the bulk API).
Result EmptyResult();

// The next row of a streamed result into impl->rows[0]; false at the end
// or on an error (impl->status), after which the stream is closed.
bool NextStreamed(Result::Impl* impl);

}  // namespace api
}  // namespace cornerstone

#endif  // CORNERSTONE_ENGINE_API_INTERNAL_H_
