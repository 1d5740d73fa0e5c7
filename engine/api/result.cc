// Copyright (c) Cornerstone authors.
// Result, QueryStats, PreparedStatement and Transaction.
#include <cctype>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/api/internal.h"

namespace cornerstone {
namespace {

using internal::Access;

const std::vector<Value> kNoRow;
const std::vector<std::string> kNoColumns;
const QueryStats kNoStats;
const QueryTiming kNoTiming;
const std::string kNoPlan;
const Params kNoParams;
const Value kNull;

}  // namespace

namespace api {

Result EmptyResult() {
  Result r;
  Access::Get(r) = std::make_unique<Result::Impl>();
  return r;
}

}  // namespace api

// ---- Result ----

Result::Result() = default;
Result::~Result() = default;
Result::Result(Result&&) noexcept = default;
Result& Result::operator=(Result&&) noexcept = default;

const std::vector<std::string>& Result::columns() const {
  return impl_ ? impl_->columns : kNoColumns;
}

size_t Result::num_rows() const {
  if (!impl_) return 0;
  return impl_->is_stream ? impl_->streamed : impl_->rows.size();
}

const absl::Status& Result::status() const {
  static const absl::Status kOk;
  return impl_ ? impl_->status : kOk;
}

bool Result::Next() {
  if (impl_ && impl_->stream) return api::NextStreamed(impl_.get());
  if (!impl_ || impl_->next >= impl_->rows.size()) {
    if (impl_) impl_->next = impl_->rows.size() + 1;
    return false;
  }
  ++impl_->next;
  return true;
}

const std::vector<Value>& Result::row() const {
  if (!impl_ || impl_->next == 0 || impl_->next > impl_->rows.size()) return kNoRow;
  return impl_->rows[impl_->next - 1];
}

const Value& Result::Get(size_t column) const {
  const std::vector<Value>& r = row();
  return column < r.size() ? r[column] : kNull;
}

absl::StatusOr<Value> Result::At(size_t column) const {
  if (!impl_ || impl_->next == 0 || impl_->next > impl_->rows.size()) {
    return absl::OutOfRangeError("no current row: call Next() first (it returned false?)");
  }
  if (column >= impl_->columns.size()) {
    return absl::OutOfRangeError(absl::StrCat("column ", column, " is out of range: the result has ",
                                              impl_->columns.size(), " columns"));
  }
  return impl_->rows[impl_->next - 1][column];
}

absl::StatusOr<Value> Result::At(std::string_view column_name) const {
  const std::vector<std::string>& cols = columns();
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i] == column_name) return At(i);
  }
  return absl::NotFoundError(absl::StrCat("no column named '", std::string(column_name), "'"));
}

namespace {

// Reads column `c` of the current row of `r` with `as` (a Value::AsX).
template <typename T>
absl::StatusOr<T> Typed(const Result& r, size_t c, absl::StatusOr<T> (Value::*as)() const) {
  absl::StatusOr<Value> v = r.At(c);
  if (!v.ok()) return v.status();
  absl::StatusOr<T> t = ((*v).*as)();
  if (!t.ok()) {
    return absl::Status(t.status().code(),
                        absl::StrCat("column ", c, " ('", r.columns()[c],
                                     "'): ", std::string(t.status().message())));
  }
  return t;
}

}  // namespace

absl::StatusOr<bool> Result::GetBool(size_t c) const { return Typed(*this, c, &Value::AsBool); }
absl::StatusOr<int64_t> Result::GetInt(size_t c) const { return Typed(*this, c, &Value::AsInt); }
absl::StatusOr<double> Result::GetFloat(size_t c) const {
  return Typed(*this, c, &Value::AsFloat);
}
absl::StatusOr<std::string> Result::GetString(size_t c) const {
  return Typed(*this, c, &Value::AsString);
}
absl::StatusOr<Node> Result::GetNode(size_t c) const { return Typed(*this, c, &Value::AsNode); }
absl::StatusOr<Relationship> Result::GetRelationship(size_t c) const {
  return Typed(*this, c, &Value::AsRelationship);
}
absl::StatusOr<Path> Result::GetPath(size_t c) const { return Typed(*this, c, &Value::AsPath); }

const QueryStats& Result::stats() const { return impl_ ? impl_->stats : kNoStats; }
const QueryTiming& Result::timing() const { return impl_ ? impl_->timing : kNoTiming; }
const std::string& Result::plan() const { return impl_ ? impl_->plan : kNoPlan; }

// ---- QueryStats ----

bool QueryStats::ContainsUpdates() const {
  return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
         properties_set || labels_added || labels_removed || indexes_added;
}

std::string QueryStats::ToString() const {
  std::vector<std::string> parts;
  auto add = [&](int64_t n, const char* verb, const char* noun) {
    if (n == 0) return;
    parts.push_back(absl::StrCat(verb, " ", n, " ", noun, n == 1 ? "" : "s"));
  };
  add(nodes_created, "created", "node");
  add(relationships_created, "created", "relationship");
  add(properties_set, "set", "property");
  add(labels_added, "added", "label");
  add(labels_removed, "removed", "label");
  add(nodes_deleted, "deleted", "node");
  add(relationships_deleted, "deleted", "relationship");
  add(indexes_added, "added", "index");
  std::string s = absl::StrJoin(parts, ", ");
  // "propertys" / "indexs" read badly: fix the two irregular plurals.
  for (auto [bad, good] : {std::pair{"propertys", "properties"}, std::pair{"indexs", "indexes"}}) {
    size_t at = s.find(bad);
    if (at != std::string::npos) s.replace(at, std::string_view(bad).size(), good);
  }
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(s[0]));
  return s;
}

// ---- PreparedStatement ----

PreparedStatement::PreparedStatement() = default;
PreparedStatement::~PreparedStatement() = default;
PreparedStatement::PreparedStatement(PreparedStatement&&) noexcept = default;
PreparedStatement& PreparedStatement::operator=(PreparedStatement&&) noexcept = default;

PreparedStatement& PreparedStatement::Bind(const std::string& name, Value value) {
  if (impl_) impl_->params[name] = std::move(value);
  return *this;
}

void PreparedStatement::ClearBindings() {
  if (impl_) impl_->params.clear();
}

const Params& PreparedStatement::bindings() const { return impl_ ? impl_->params : kNoParams; }

absl::StatusOr<Result> PreparedStatement::Execute(const QueryOptions& options) {
  if (!impl_) return absl::FailedPreconditionError("the statement was not prepared");
  std::shared_ptr<Connection::Impl> conn = impl_->conn.lock();
  if (!conn) return absl::FailedPreconditionError("the statement's connection is closed");
  return conn->Run(impl_->parsed, impl_->params, options);
}

// ---- Transaction ----

absl::StatusOr<Transaction> Transaction::Begin(Connection& conn) {
  const std::shared_ptr<Connection::Impl>& impl = Access::Get(conn);
  absl::Status s = impl->Begin();
  if (!s.ok()) return s;
  return Access::MakeTransaction(impl, impl->transaction_serial);
}

Transaction::~Transaction() { Rollback().IgnoreError(); }

Transaction::Transaction(Transaction&& other) noexcept
    : conn_(std::move(other.conn_)), serial_(other.serial_) {
  other.conn_.reset();
}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    Rollback().IgnoreError();
    conn_ = std::move(other.conn_);
    serial_ = other.serial_;
    other.conn_.reset();
  }
  return *this;
}

bool Transaction::active() const {
  std::shared_ptr<Connection::Impl> conn = conn_.lock();
  return conn && conn->in_transaction && conn->transaction_serial == serial_;
}

absl::Status Transaction::Commit() {
  if (!active()) return absl::FailedPreconditionError("the transaction is no longer active");
  absl::Status s = conn_.lock()->Commit();
  conn_.reset();
  return s;
}

absl::Status Transaction::Rollback() {
  if (!active()) return absl::FailedPreconditionError("the transaction is no longer active");
  absl::Status s = conn_.lock()->Rollback();
  conn_.reset();
  return s;
}

}  // namespace cornerstone
