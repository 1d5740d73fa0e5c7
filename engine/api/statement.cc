// Copyright (c) Cornerstone authors.
// Connection::Impl: the one place where a statement goes through every
// stage (parse, bind, plan, execute), under the database lock, and where
// explicit transactions hold that lock.
#include <cctype>
#include <exception>
#include <optional>
#include <thread>
#include <utility>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/api/convert.h"
#include "engine/api/internal.h"
#include "engine/exec/context.h"
#include "engine/exec/executor.h"
#include "engine/storage/parallel.h"
#include "queries/bind/binder.h"
#include "queries/parse/parser.h"
#include "queries/plan/planner.h"

namespace cornerstone {
namespace {

using internal::Access;

int64_t MicrosSince(absl::Time start) { return absl::ToInt64Microseconds(absl::Now() - start); }

QueryStats ToPublic(const engine::WriteStats& s) {
  QueryStats q;
  q.nodes_created = s.nodes_created;
  q.nodes_deleted = s.nodes_deleted;
  q.relationships_created = s.relationships_created;
  q.relationships_deleted = s.relationships_deleted;
  q.properties_set = s.properties_set;
  q.labels_added = s.labels_added;
  q.labels_removed = s.labels_removed;
  q.indexes_added = s.indexes_added;
  return q;
}

// BEGIN, COMMIT or ROLLBACK as the whole statement (any case, optional ';').
ParsedStatement::Control ControlKeyword(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && (space(text.back()) || text.back() == ';')) text.remove_suffix(1);
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  if (text.size() > 8) return ParsedStatement::Control::kNone;
  std::string upper;
  for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "BEGIN") return ParsedStatement::Control::kBegin;
  if (upper == "COMMIT") return ParsedStatement::Control::kCommit;
  if (upper == "ROLLBACK") return ParsedStatement::Control::kRollback;
  return ParsedStatement::Control::kNone;
}

// Holds the database lock for one statement unless the connection's
// transaction already holds it. A streamed result takes over a shared lock.
class StatementLock {
 public:
  StatementLock(api::RwLock& lock, bool held, bool exclusive)
      : lock_(lock), mode_(held ? kNone : exclusive ? kExclusive : kShared) {
    if (mode_ == kExclusive) lock_.Lock();
    if (mode_ == kShared) holder_ = lock_.LockShared();
  }
  ~StatementLock() { Release(); }
  StatementLock(const StatementLock&) = delete;
  StatementLock& operator=(const StatementLock&) = delete;
  void Release() {
    if (mode_ == kExclusive) lock_.Unlock();
    if (mode_ == kShared) lock_.UnlockShared(holder_);
    mode_ = kNone;
  }
  // Hands a shared lock over to the caller (who unlocks it with the
  // returned holder); nullopt when none is held.
  std::optional<std::thread::id> Transfer() {
    if (mode_ != kShared) return std::nullopt;
    mode_ = kNone;
    return holder_;
  }

 private:
  enum Mode { kNone, kShared, kExclusive };
  api::RwLock& lock_;
  Mode mode_;
  std::thread::id holder_;
};

// The first clause of `statement` that writes, for the read-only error.
const char* WriteClauseName(const std::vector<query::Clause>& clauses) {
  for (const query::Clause& c : clauses) {
    switch (c.kind) {
      case query::ClauseKind::kCreate: return "CREATE";
      case query::ClauseKind::kMerge: return "MERGE";
      case query::ClauseKind::kSet: return "SET";
      case query::ClauseKind::kRemove: return "REMOVE";
      case query::ClauseKind::kDelete: return "DELETE";
      case query::ClauseKind::kCreateIndex: return "CREATE INDEX";
      case query::ClauseKind::kDropIndex: return "DROP INDEX";
      case query::ClauseKind::kForeach:
        if (const char* inner = WriteClauseName(c.body)) return inner;
        break;
      default: break;
    }
  }
  return nullptr;
}

std::string WriteClauseName(const query::Statement& statement) {
  for (const query::SingleQuery& q : statement.queries) {
    if (const char* name = WriteClauseName(q.clauses)) return name;
  }
  return "CALL";  // a writing procedure
}

// -1: the fallback.
int64_t Pick(int64_t value, int64_t fallback) { return value >= 0 ? value : fallback; }

absl::Status WithSuffix(const absl::Status& s, std::string_view suffix) {
  return absl::Status(s.code(), absl::StrCat(std::string(s.message()), std::string(suffix)));
}

// Converting rows to public values copies every shared sub-value once per
// place it appears, and recurses once per nesting level. A hostile query
// can make either explode (WITH {a: m, b: m} AS m, 60 times over, is 2^60
// elements in a few bytes), so each row's shape is measured first (linear
// in its distinct values): an error when a value nests too deeply or the
// rows measured with one `*elements` count copy out to more elements than
// the memory budget holds.
absl::Status CheckCopyOut(const std::vector<engine::Value>& row,
                          const std::vector<std::string>& columns, int64_t memory_limit_bytes,
                          int64_t* elements) {
  const int64_t max_elements = memory_limit_bytes > 0
                                   ? memory_limit_bytes / static_cast<int64_t>(sizeof(Value))
                                   : INT64_MAX;
  for (size_t c = 0; c < row.size(); ++c) {
    engine::ValueShape shape =
        engine::ShapeOf(row[c], api::kMaxParameterDepth, max_elements - *elements);
    if (shape.exceeded && shape.depth > api::kMaxParameterDepth) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "ValueTooDeep: column `", columns[c], "` nests lists or maps more than ",
          api::kMaxParameterDepth, " levels deep"));
    }
    *elements += shape.elements;
    if (shape.exceeded || *elements > max_elements) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "MemoryLimitExceeded: the query's result needs more than ",
          engine::FormatBytes(memory_limit_bytes),
          " once its shared values are copied out (limit: QueryOptions::memory_limit_bytes)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

namespace api {

// A read-only statement whose rows are produced as the host reads them
// (QueryOptions::stream). It owns everything its cursor refers to and,
// outside an explicit transaction, a shared lock on the database, which
// Close() (at the last row, on an error, or when a later statement of the
// connection or the connection's end closes it) releases.
struct Stream {
  std::shared_ptr<Database::Impl> db;
  std::shared_ptr<const query::Statement> statement;
  std::unique_ptr<query::LogicalPlan> plan;
  engine::Cancellation cancellation;
  std::unique_ptr<engine::Cursor> cursor;
  std::optional<std::thread::id> shared_holder;
  std::vector<std::string> columns;
  int64_t memory_limit_bytes = 0;
  absl::Time start;
  std::vector<engine::Value> row;
  bool open = true;
  absl::Status closed_because;  // why it was closed before its last row

  void Close(absl::Status why) {
    if (!open) return;
    open = false;
    closed_because = std::move(why);
    cursor.reset();
    plan.reset();
    if (shared_holder) db->lock.UnlockShared(*shared_holder);
    shared_holder.reset();
  }
  ~Stream() { Close(absl::OkStatus()); }
};

bool NextStreamed(Result::Impl* impl) {
  Stream& s = *impl->stream;
  absl::Status status;
  bool got = false;
  if (!s.open) {
    status = s.closed_because;
  } else {
    engine::CancellationScope scope(&s.cancellation);
    try {
      got = s.cursor->Next(&s.row);
      if (!got) status = s.cursor->status();
    } catch (const std::exception& e) {
      status = absl::InternalError(absl::StrCat("RuntimeError: ", e.what()));
    }
  }
  // The same guard as for whole results, per row.
  if (got) {
    int64_t elements = 0;
    status = CheckCopyOut(s.row, s.columns, s.memory_limit_bytes, &elements);
    got = status.ok();
  }
  if (got) {
    std::vector<Value> out;
    out.reserve(s.row.size());
    try {
      for (const engine::Value& v : s.row) out.push_back(ToPublic(v, s.db->graph));
    } catch (const std::exception& e) {
      got = false;
      status = absl::ResourceExhaustedError(absl::StrCat("RuntimeError: ", e.what()));
    }
    if (got) {
      impl->rows.resize(1);
      impl->rows[0] = std::move(out);
      impl->next = 1;
      ++impl->streamed;
      return true;
    }
  }
  // The end, or an error: release everything now, not when the Result goes.
  if (s.open && s.cursor != nullptr && status.ok()) {
    impl->stats = cornerstone::ToPublic(s.cursor->stats());
  }
  impl->timing.execute_us = MicrosSince(s.start);
  impl->status = status;
  s.Close(status);
  impl->stream.reset();
  impl->rows.clear();
  impl->next = 1;
  return false;
}

}  // namespace api

void Connection::Impl::CloseStream(std::string_view why) {
  if (std::shared_ptr<api::Stream> s = stream.lock()) {
    s->Close(absl::FailedPreconditionError(std::string(why)));
  }
  stream.reset();
}

absl::Status Database::Impl::LockExclusive() {
  if (lock.HeldSharedByMe()) {
    return absl::FailedPreconditionError(
        "this thread is reading a streamed result of this database (QueryOptions::stream): "
        "read it to the end or destroy it before writing");
  }
  lock.Lock();
  return absl::OkStatus();
}

absl::Status Database::Impl::CheckUsable(bool update) const {
  if (closed.load()) return absl::FailedPreconditionError("database is closed");
  if (update && options.read_only) {
    return absl::FailedPreconditionError("database is read-only");
  }
  return absl::OkStatus();
}

absl::Status Database::Impl::LogCommit() {
  return store == nullptr ? absl::OkStatus() : store->LogCommit(graph);
}

QueryOptions Connection::Impl::Effective(const QueryOptions& o) const {
  const DatabaseOptions& d = db->options;
  QueryOptions e;
  e.timeout_ms = Pick(o.timeout_ms, Pick(defaults.timeout_ms, d.query_timeout_ms));
  e.memory_limit_bytes =
      Pick(o.memory_limit_bytes, Pick(defaults.memory_limit_bytes, d.query_memory_limit_bytes));
  e.max_rows = Pick(o.max_rows, Pick(defaults.max_rows, d.query_max_rows));
  e.max_var_length =
      Pick(o.max_var_length, Pick(defaults.max_var_length, d.query_max_var_length));
  e.max_parameter_bytes =
      Pick(o.max_parameter_bytes, Pick(defaults.max_parameter_bytes, d.max_parameter_bytes));
  e.read_only = o.read_only || defaults.read_only;
  e.stream = o.stream;
  return e;
}

Connection::Impl::~Impl() {
  CloseStream("the result's connection was closed");
  if (in_transaction) Rollback().IgnoreError();
}

absl::StatusOr<ParsedStatement> Connection::Impl::Parse(std::string_view text) {
  ParsedStatement p;
  p.text = std::string(text);
  p.control = ControlKeyword(text);
  if (p.control != ParsedStatement::Control::kNone) return p;
  absl::Time start = absl::Now();
  absl::StatusOr<query::Statement> parsed = query::Parse(p.text);
  p.parse_us = MicrosSince(start);
  if (!parsed.ok()) return parsed.status();
  p.statement = std::make_shared<const query::Statement>(*std::move(parsed));
  return p;
}

absl::StatusOr<Result> Connection::Impl::Run(const ParsedStatement& parsed, const Params& params,
                                             const QueryOptions& query_options) {
  const QueryOptions options = Effective(query_options);
  const absl::Time begin = absl::Now();
  CloseStream("the result was closed by a later statement on its connection");
  interrupted.store(false);  // an Interrupt() before this statement is moot
  switch (parsed.control) {
    case ParsedStatement::Control::kNone: break;
    case ParsedStatement::Control::kBegin: {
      absl::Status s = Begin();
      if (!s.ok()) return s;
      return api::EmptyResult();
    }
    case ParsedStatement::Control::kCommit: {
      absl::Status s = Commit();
      if (!s.ok()) return s;
      return api::EmptyResult();
    }
    case ParsedStatement::Control::kRollback: {
      absl::Status s = Rollback();
      if (!s.ok()) return s;
      return api::EmptyResult();
    }
  }
  absl::Status usable = db->CheckUsable(false);
  if (!usable.ok()) return usable;

  Result result = api::EmptyResult();
  Result::Impl* impl = Access::Get(result).get();
  impl->timing.parse_us = parsed.parse_us;

  absl::Time start = absl::Now();
  // Sizes and depths first, so an oversized parameter is refused before it
  // is copied.
  int64_t param_bytes = 0;
  for (const auto& [name, value] : params) {
    absl::Status s = api::CheckParameter(name, value, options.max_parameter_bytes, &param_bytes);
    if (!s.ok()) return s;
  }
  query::ParamMap engine_params;
  for (const auto& [name, value] : params) {
    absl::StatusOr<engine::Value> v = api::FromPublic(value);
    if (!v.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "ArgumentError: parameter $", name, ": ", std::string(v.status().message())));
    }
    engine_params.emplace(name, *std::move(v));
  }
  // Time limit, interrupt and limits cover binding too: the binder folds
  // constant expressions (e.g. range(1, 1000000000000)) by evaluating them.
  engine::Cancellation cancellation;
  cancellation.interrupted = &interrupted;
  cancellation.clock = begin;
  if (options.timeout_ms > 0) {
    cancellation.deadline = begin + absl::Milliseconds(options.timeout_ms);
  }
  cancellation.limits.memory_bytes = options.memory_limit_bytes;
  cancellation.limits.max_rows = options.max_rows;
  cancellation.limits.max_var_length = options.max_var_length;
  cancellation.limits.threads = db->options.threads > 0 ? db->options.threads : engine::DefaultThreads();
  engine::CancellationScope scope(&cancellation);
  absl::StatusOr<query::BoundStatement> bound =
      query::Bind(*parsed.statement, parsed.text, engine_params, &db->procedures);
  if (!bound.ok()) return bound.status();
  const query::Statement::Mode mode = bound->mode;
  const bool update = bound->updates;
  if (update && mode != query::Statement::Mode::kExplain &&
      (options.read_only || db->options.read_only)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "ReadOnlyViolation: the statement writes (", WriteClauseName(*parsed.statement), ") but ",
        options.read_only ? "runs read-only (QueryOptions::read_only)"
                          : "the database is open read-only (DatabaseOptions::read_only)",
        "; nothing was executed"));
  }

  const bool streamed = options.stream && !update && mode == query::Statement::Mode::kNormal;
  if (update && !in_transaction && mode != query::Statement::Mode::kExplain &&
      db->lock.HeldSharedByMe()) {
    return db->LockExclusive();  // the error: waiting would never end
  }
  StatementLock lock(db->lock, in_transaction, update);
  if (absl::Status s = db->CheckUsable(update && mode != query::Statement::Mode::kExplain);
      !s.ok()) {
    return s;
  }
  engine::Graph& graph = db->graph;
  absl::StatusOr<std::unique_ptr<query::LogicalPlan>> plan =
      query::Plan(*std::move(bound), graph);
  impl->timing.plan_us = MicrosSince(start);
  if (!plan.ok()) return plan.status();
  if (mode == query::Statement::Mode::kExplain) {
    impl->plan = (*plan)->ToString();  // EXPLAIN: the plan only, no columns or rows
    return result;
  }
  impl->columns = (*plan)->columns;
  if (streamed) {
    auto stream = std::make_shared<api::Stream>();
    stream->db = db;
    stream->statement = parsed.statement;
    stream->plan = *std::move(plan);
    stream->cancellation = cancellation;
    stream->columns = impl->columns;
    stream->memory_limit_bytes = options.memory_limit_bytes;
    stream->start = absl::Now();
    {
      engine::CancellationScope own(&stream->cancellation);  // the cursor keeps its limits
      stream->cursor = std::make_unique<engine::Cursor>(*stream->plan, graph, false);
    }
    stream->shared_holder = lock.Transfer();
    impl->is_stream = true;
    impl->stream = stream;
    this->stream = stream;
    return result;
  }

  start = absl::Now();
  const bool own_transaction = update && !in_transaction;
  engine::ExecOutput out;
  absl::Status status;
  try {
    if (own_transaction) graph.Begin();
    status = engine::Execute(**plan, graph, mode == query::Statement::Mode::kProfile, &out);
  } catch (const std::exception& e) {
    // Nothing inside is meant to throw; if something does (e.g. bad_alloc),
    // undo the statement and report it instead of crashing the host.
    status = absl::InternalError(absl::StrCat("RuntimeError: ", e.what()));
  }
  int64_t elements = 0;
  for (size_t r = 0; status.ok() && r < out.rows.size(); ++r) {
    status = CheckCopyOut(out.rows[r], impl->columns, options.memory_limit_bytes, &elements);
  }
  if (!status.ok()) {
    if (own_transaction) {
      graph.Rollback();
    } else if (in_transaction) {
      Rollback().IgnoreError();
      status = WithSuffix(status, " (the transaction was rolled back)");
    }
    out = engine::ExecOutput();
#if defined(__GLIBC__)
    // A statement stopped by a limit or a timeout may have held up to its
    // memory budget: hand the freed memory back to the system instead of leaving
    // it in the allocator's free lists.
    if (status.code() == absl::StatusCode::kResourceExhausted ||
        status.code() == absl::StatusCode::kCancelled) {
      malloc_trim(0);
    }
#endif
    return status;
  }
  if (own_transaction) {
    graph.Commit();
    absl::Status logged = db->LogCommit();
    if (!logged.ok()) return logged;
  }
  try {
    impl->rows.reserve(out.rows.size());
    for (const auto& row : out.rows) {
      std::vector<Value> public_row;
      public_row.reserve(row.size());
      for (const engine::Value& v : row) public_row.push_back(api::ToPublic(v, graph));
      impl->rows.push_back(std::move(public_row));
    }
  } catch (const std::exception& e) {
    return absl::ResourceExhaustedError(absl::StrCat("RuntimeError: ", e.what()));
  }
  impl->stats = ToPublic(out.stats);
  impl->plan = std::move(out.profile);
  impl->timing.execute_us = MicrosSince(start);
  return result;
}

absl::Status Connection::Impl::Begin() {
  CloseStream("the result was closed by a later statement on its connection");
  if (in_transaction) {
    return absl::FailedPreconditionError("a transaction is already active on this connection");
  }
  if (absl::Status s = db->CheckUsable(false); !s.ok()) return s;
  if (absl::Status s = db->LockExclusive(); !s.ok()) return s;
  if (absl::Status s = db->CheckUsable(false); !s.ok()) {
    db->lock.Unlock();
    return s;
  }
  db->graph.Begin();
  in_transaction = true;
  ++transaction_serial;
  return absl::OkStatus();
}

absl::Status Connection::Impl::Commit() {
  CloseStream("the result was closed by a later statement on its connection");
  if (!in_transaction) return absl::FailedPreconditionError("no transaction is active");
  db->graph.Commit();
  absl::Status logged = db->LogCommit();
  in_transaction = false;
  db->lock.Unlock();
  return logged;
}

absl::Status Connection::Impl::Rollback() {
  CloseStream("the result was closed by a later statement on its connection");
  if (!in_transaction) return absl::FailedPreconditionError("no transaction is active");
  db->graph.Rollback();
  in_transaction = false;
  db->lock.Unlock();
  return absl::OkStatus();
}

}  // namespace cornerstone
