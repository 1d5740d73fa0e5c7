// Copyright (c) Cornerstone authors. Public API: databases, connections,
// prepared statements, transactions and results.
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
//
// Concurrency model. A Database has one readers/writer lock. A read-only
// statement holds it shared (many run in parallel); a statement that
// changes the graph, a bulk insert and Save/Checkpoint hold it exclusively.
// A Connection in an explicit transaction holds it exclusively from Begin()
// until Commit()/Rollback(): statements of other connections wait, so a
// transaction never sees or exposes partial changes. Consequently a thread
// must not use a second Connection while its first is in a transaction (it
// would wait for itself).
//
// Ownership. Connection, PreparedStatement, Transaction and Result keep what
// they need alive internally: destroying a Database (or calling Close())
// makes later statements on its connections fail with FailedPrecondition
// "database is closed" instead of crashing, and a Result stays readable
// after its Connection and Database are gone.
#ifndef CORNERSTONE_DATABASE_H_
#define CORNERSTONE_DATABASE_H_

#include <cstddef>
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
  bool read_only = false;  // never write the file, its log or a lock; refuse updates
  bool wal = true;         // file databases: log each commit to PATH.wal
  bool sync = true;        // fsync the log on every commit
  int64_t checkpoint_bytes = 64 << 20;  // fold the log into the snapshot past this size
  int64_t query_timeout_ms = 0;         // default time limit per statement; 0: none
  // Threads a statement may use (today: the relationship scan and grouping
  // of a large fused aggregation, as in MATCH (a)-[r:T]->() RETURN a.k,
  // sum(r.x)); 0 (or less): the machine's cores. Results do not depend on it.
  int threads = 0;

  // Default resource limits per statement (QueryOptions overrides each; 0:
  // none). A statement past one fails with ResourceExhausted naming it and
  // changes nothing; see SECURITY.md for the reasoning behind the defaults.
  // Approximate bytes of intermediate results (sort buffers, grouping and
  // DISTINCT tables, collect() lists, the rows of the result).
  int64_t query_memory_limit_bytes = int64_t{1} << 30;  // 1 GiB
  int64_t query_max_rows = 0;  // rows a statement may return
  // Hops of a variable-length pattern without an upper bound ([*], [*2..]):
  // a longer path is an error (VarLengthLimitExceeded), never a silently
  // shorter answer. Explicit upper bounds ([*..500]) are honoured as written.
  int64_t query_max_var_length = 100;
  // Total size of a statement's parameters, checked before they are copied.
  int64_t max_parameter_bytes = int64_t{256} << 20;  // 256 MiB
};

// Per-statement options. For each limit, -1 uses the Connection's default,
// then the DatabaseOptions one; 0 means none.
struct QueryOptions {
  // Time limit in milliseconds, after which the statement fails with
  // Cancelled; -1 uses DatabaseOptions::query_timeout_ms, 0 means none.
  int64_t timeout_ms = -1;
  // Limits as in DatabaseOptions (query_memory_limit_bytes, query_max_rows,
  // query_max_var_length, max_parameter_bytes).
  int64_t memory_limit_bytes = -1;
  int64_t max_rows = -1;
  int64_t max_var_length = -1;
  int64_t max_parameter_bytes = -1;
  // Refuse statements that write (CREATE, MERGE, SET, REMOVE, DELETE,
  // FOREACH with updates, CREATE/DROP INDEX, writing procedures) before
  // anything runs: FailedPrecondition "ReadOnlyViolation: ...". A read-only
  // Database refuses them too.
  bool read_only = false;
  // Stream the rows: Result::Next() runs the statement until its next row
  // instead of the whole result being computed first, so a host can read a
  // billion rows in constant memory or stop after the first ten. Applies to
  // statements that do not write (writes, EXPLAIN and PROFILE run whole as
  // usual). While a streamed result is open it holds the database's read
  // lock (outside an explicit transaction): writers on other threads wait
  // until it is read to the end or destroyed, and a write from the same
  // thread fails with FailedPrecondition instead of waiting for ever. The
  // connection's next statement (or Begin/Commit/Rollback, a bulk insert,
  // the connection's end) closes it: its Next() then returns false and
  // Result::status() says so. An error while streaming ends it the same
  // way (the rows already read stay valid).
  bool stream = false;
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

// A node for Connection::AddNodes.
struct NodeSpec {
  std::vector<std::string> labels;
  ValueMap properties;  // null values are skipped
};

// A relationship for Connection::AddRelationships, between existing nodes.
struct RelationshipSpec {
  int64_t start_id = 0;  // the node the relationship points away from
  int64_t end_id = 0;    // the node it points to
  std::string type;
  ValueMap properties;  // null values are skipped
};

class Connection;
class PreparedStatement;
class Transaction;
namespace internal {
struct Access;  // engine-private
}  // namespace internal

// A graph held in memory, optionally backed by a file. Thread safety: one
// Database may be shared by any number of threads and Connections (see the
// concurrency model above). All methods are thread-safe.
class Database {
 public:
  // Opens an empty in-memory database.
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const DatabaseOptions& options = {});

  // Opens the database stored at `path` (a snapshot file plus its log
  // PATH.wal), or creates an empty one that will be saved there. "" and
  // ":memory:" open an in-memory database. Errors: NotFound (read-only open
  // of a missing file), DataLoss (not a snapshot, truncated, checksum
  // mismatch), FailedPrecondition (newer format version, "database is
  // locked" by another process).
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const std::string& path, const DatabaseOptions& options = {});

  // Writes a snapshot of the whole graph atomically to `path` (default: the
  // database's own path, which also truncates its log). Errors:
  // FailedPrecondition (no path given for an in-memory database, read-only
  // database saved onto its own path, closed), or the I/O error.
  absl::Status Save(const std::string& path = "");
  // Folds the log into the snapshot. FailedPrecondition for in-memory,
  // read-only or closed databases.
  absl::Status Checkpoint();
  // Writes a Cypher script that recreates the graph exactly.
  absl::Status ExportCypher(const std::string& path) const;

  // Closes the database: waits for running statements (and an open
  // transaction) to finish, folds the log into the snapshot for file
  // databases, and releases the file lock. Afterwards every statement on
  // its connections fails with FailedPrecondition "database is closed".
  // Idempotent; the destructor calls it.
  absl::Status Close();
  bool closed() const;

  // The file this database lives in; empty for in-memory databases.
  const std::string& path() const;
  bool read_only() const;

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A summary of labels, relationship types and property keys with counts.
  Schema GetSchema() const;

  // Registers a procedure that answers from a fixed table, callable with
  // CALL (for tests, the openCypher TCK, and hosts with static lookups).
  // `signature` is in openCypher notation, e.g.
  //   "my.lookup(name :: STRING?) :: (city :: STRING?, code :: INTEGER?)"
  // and each row holds the input values followed by the output values; a
  // call yields the outputs of every row whose inputs equal its arguments.
  // Replaces a procedure of the same name. Errors: InvalidArgument for a bad
  // signature or a row of the wrong width. Thread-safe.
  absl::Status RegisterTableProcedure(std::string_view signature,
                                      const std::vector<std::vector<Value>>& rows);

  struct Impl;  // engine-private

 private:
  explicit Database(std::shared_ptr<Impl> impl);
  friend struct internal::Access;
  std::shared_ptr<Impl> impl_;
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

// The rows of one statement. Iterate with Next() then Get()/At()/row().
//
// Rows are computed when the statement runs (to completion, under the
// database lock, so a result is a consistent snapshot) and held by the
// Result; Next() walks them one by one. Nodes, relationships and paths are
// copies. A Result depends on nothing else: it stays valid after its
// Connection and Database are destroyed.
// Thread safety: not thread-safe; owned by one thread at a time.
class Result {
 public:
  Result();
  ~Result();
  Result(Result&&) noexcept;
  Result& operator=(Result&&) noexcept;

  const std::vector<std::string>& columns() const;
  size_t num_columns() const { return columns().size(); }
  // Number of rows in the result (independent of the iteration position);
  // for a streamed result (QueryOptions::stream), the rows read so far.
  size_t num_rows() const;

  // Advances to the next row; returns false after the last one, or, for a
  // streamed result, when an error ended it (see status()).
  bool Next();
  // OK, or why a streamed result ended before its last row (the query's
  // error: Cancelled, ResourceExhausted, InvalidArgument for a type error
  // in a row, FailedPrecondition when a later statement closed it).
  // Results that are not streamed are whole: their errors come from
  // Query()/Execute() and this is always OK.
  const absl::Status& status() const;
  // The current row (valid after Next() returned true; empty otherwise).
  const std::vector<Value>& row() const;
  // Unchecked-by-status access: a null Value when there is no current row
  // or `column` is out of range. Prefer At() when either can happen.
  const Value& Get(size_t column) const;

  // Checked access to the current row. Errors: OutOfRange (no current row,
  // column index out of range), NotFound (no column of that name).
  absl::StatusOr<Value> At(size_t column) const;
  absl::StatusOr<Value> At(std::string_view column_name) const;
  // Typed reads of the current row: also InvalidArgument when the value
  // has another type (Value::AsInt etc.; null is not an integer).
  absl::StatusOr<bool> GetBool(size_t column) const;
  absl::StatusOr<int64_t> GetInt(size_t column) const;
  absl::StatusOr<double> GetFloat(size_t column) const;
  absl::StatusOr<std::string> GetString(size_t column) const;
  absl::StatusOr<Node> GetNode(size_t column) const;
  absl::StatusOr<Relationship> GetRelationship(size_t column) const;
  absl::StatusOr<Path> GetPath(size_t column) const;

  const QueryStats& stats() const;
  const QueryTiming& timing() const;
  // For EXPLAIN/PROFILE statements: the plan as an indented operator tree
  // (PROFILE adds rows per operator); empty otherwise.
  const std::string& plan() const;

  struct Impl;  // engine-private

 private:
  friend struct internal::Access;
  std::unique_ptr<Impl> impl_;
};

// A session on a Database: runs statements, holds an explicit transaction.
// Thread safety: one Connection per thread; only Interrupt() may be called
// from another thread.
class Connection {
 public:
  // The connection keeps the database's state alive; when the Database is
  // destroyed or closed first, statements fail with FailedPrecondition.
  explicit Connection(Database& db);
  // With default options for every statement of this connection, e.g. a
  // read-only connection for untrusted queries:
  //   QueryOptions guarded;
  //   guarded.read_only = true;
  //   guarded.timeout_ms = 1000;
  //   Connection conn(db, guarded);
  // A statement's own QueryOptions override each field that is not -1
  // (read_only: either one makes the statement read-only).
  Connection(Database& db, const QueryOptions& defaults);
  // Rolls back an open transaction.
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement (a trailing ';' is allowed). On error the graph is
  // left exactly as it was before the statement; inside an explicit
  // transaction an execution error (not a syntax or semantic error, which
  // is found before anything runs) rolls back the whole transaction and
  // ends it (the message says so). The statements BEGIN, COMMIT and ROLLBACK (whole statements, any
  // case) call Begin(), Commit() and Rollback() and return an empty result.
  // Errors: the query's error (InvalidArgument for syntax, semantic, type and
  // argument errors), Cancelled (Interrupt() or timeout), ResourceExhausted
  // (a limit of QueryOptions: MemoryLimitExceeded, RowLimitExceeded,
  // VarLengthLimitExceeded, ParameterTooLarge; parameters nested more than
  // 500 levels deep are InvalidArgument "ParameterTooDeep"),
  // FailedPrecondition (database closed; update on a read-only database or
  // connection).
  absl::StatusOr<Result> Query(std::string_view text, const Params& params = {});
  absl::StatusOr<Result> Query(std::string_view text, const Params& params,
                               const QueryOptions& options);

  // Parses `text` once for repeated execution with different parameters.
  // Errors: the syntax error.
  absl::StatusOr<PreparedStatement> Prepare(std::string_view text);

  // Explicit transactions: statements between Begin() and Commit() are
  // applied together or (Rollback(), or an error in a statement) not at
  // all. Begin() waits for the database's writer lock and holds it until
  // Commit() or Rollback() (or the Connection's destruction, which rolls
  // back). On a read-only database a transaction can only read. Errors:
  // FailedPrecondition (Begin inside a transaction, Commit/Rollback outside
  // one, closed database), or Commit's log write error.
  absl::Status Begin();
  absl::Status Commit();
  absl::Status Rollback();
  bool in_transaction() const;

  // Stops the statement running on this connection (callable from any
  // thread); it returns a Cancelled status within milliseconds. No effect
  // when nothing runs. Waiting for the database lock is not interrupted.
  void Interrupt();

  // Bulk insertion without the parser, atomic per call (or part of the
  // open transaction). Returns the new ids, in order. Property values must
  // be null (skipped), booleans, integers, floats, strings or lists of
  // those. Errors: InvalidArgument (bad property value, empty relationship
  // type), NotFound (a relationship endpoint is not a live node),
  // FailedPrecondition (closed or read-only database).
  absl::StatusOr<std::vector<int64_t>> AddNodes(const std::vector<NodeSpec>& nodes);
  absl::StatusOr<std::vector<int64_t>> AddRelationships(
      const std::vector<RelationshipSpec>& relationships);

  struct Impl;  // engine-private

 private:
  friend struct internal::Access;
  std::shared_ptr<Impl> impl_;
};

// A parsed statement with $name parameters, bound from C++ values and run
// any number of times. Belongs to the Connection that prepared it (and runs
// in its transaction); Execute() fails with FailedPrecondition once that
// connection is gone. Thread safety: as its Connection.
class PreparedStatement {
 public:
  PreparedStatement();
  ~PreparedStatement();
  PreparedStatement(PreparedStatement&&) noexcept;
  PreparedStatement& operator=(PreparedStatement&&) noexcept;

  // Binds $name (without the '$') to `value`, replacing an earlier binding.
  // Nodes, relationships and paths are rejected at Execute().
  PreparedStatement& Bind(const std::string& name, Value value);
  void ClearBindings();
  const Params& bindings() const;

  // Runs the statement with the current bindings. Errors: as
  // Connection::Query (e.g. ParameterMissing for an unbound $name).
  absl::StatusOr<Result> Execute(const QueryOptions& options = {});

  struct Impl;  // engine-private

 private:
  friend struct internal::Access;
  std::unique_ptr<Impl> impl_;
};

// RAII explicit transaction: rolls back when destroyed without Commit().
//
//   auto txn = cornerstone::Transaction::Begin(conn);
//   if (!txn.ok()) return txn.status();
//   ... conn.Query(...) ...
//   absl::Status s = txn->Commit();
//
// Holds the database writer lock like Connection::Begin(). Only affects the
// transaction it began (not a later one on the same connection).
class Transaction {
 public:
  // Errors: as Connection::Begin().
  static absl::StatusOr<Transaction> Begin(Connection& conn);
  ~Transaction();
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) noexcept;

  // Errors: FailedPrecondition when already ended (committed, rolled back,
  // or rolled back by a failed statement) or the connection is gone.
  absl::Status Commit();
  absl::Status Rollback();
  bool active() const;

 private:
  friend struct internal::Access;
  Transaction() = default;
  std::weak_ptr<Connection::Impl> conn_;
  uint64_t serial_ = 0;
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
