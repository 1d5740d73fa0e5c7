// Copyright (c) Cornerstone authors.
// The public API: the one place where a statement goes through every stage
// (Connection::Query), and where engine values become public values.
#include "cornerstone/database.h"

#include <exception>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "engine/api/convert.h"
#include "engine/exec/executor.h"
#include "engine/exec/functions.h"
#include "engine/storage/graph.h"
#include "queries/bind/binder.h"
#include "queries/parse/parser.h"
#include "queries/plan/planner.h"

namespace cornerstone {

struct Database::Impl {
  absl::Mutex mu;
  engine::Graph graph ABSL_GUARDED_BY(mu);
};

struct Result::Impl {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  size_t next = 0;  // index of the row Next() moves to
  QueryStats stats;
  QueryTiming timing;
  std::string plan;
};

namespace {

const std::vector<Value> kNoRow;
const std::vector<std::string> kNoColumns;
const QueryStats kNoStats;
const QueryTiming kNoTiming;
const std::string kNoPlan;

int64_t MicrosSince(absl::Time start) {
  return absl::ToInt64Microseconds(absl::Now() - start);
}

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

// Runs parse, bind, plan and execute; fills `impl`. The caller holds the
// database lock.
absl::Status RunStatement(engine::Graph& graph, std::string_view text, const Params& params,
                          Result::Impl* impl) {
  absl::Time start = absl::Now();
  absl::StatusOr<query::Statement> parsed = query::Parse(text);
  impl->timing.parse_us = MicrosSince(start);
  if (!parsed.ok()) return parsed.status();

  start = absl::Now();
  query::ParamMap engine_params;
  for (const auto& [name, value] : params) {
    absl::StatusOr<engine::Value> v = api::FromPublic(value);
    if (!v.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("ArgumentError: parameter $", name, ": ", v.status().message()));
    }
    engine_params.emplace(name, *std::move(v));
  }
  absl::StatusOr<query::BoundStatement> bound = query::Bind(*parsed, text, engine_params);
  if (!bound.ok()) return bound.status();
  const query::Statement::Mode mode = bound->mode;
  absl::StatusOr<std::unique_ptr<query::LogicalPlan>> plan =
      query::Plan(*std::move(bound), graph);
  impl->timing.plan_us = MicrosSince(start);
  if (!plan.ok()) return plan.status();
  if (mode == query::Statement::Mode::kExplain) {
    // EXPLAIN returns the plan only: no columns, no rows.
    impl->plan = (*plan)->ToString();
    return absl::OkStatus();
  }
  impl->columns = (*plan)->columns;

  start = absl::Now();
  engine::ExecOutput out;
  graph.Begin();
  absl::Status status =
      engine::Execute(**plan, graph, mode == query::Statement::Mode::kProfile, &out);
  if (!status.ok()) {
    graph.Rollback();
    return status;
  }
  graph.Commit();
  impl->rows.reserve(out.rows.size());
  for (const auto& row : out.rows) {
    std::vector<Value> public_row;
    public_row.reserve(row.size());
    for (const engine::Value& v : row) public_row.push_back(api::ToPublic(v, graph));
    impl->rows.push_back(std::move(public_row));
  }
  impl->stats = ToPublic(out.stats);
  impl->plan = std::move(out.profile);
  impl->timing.execute_us = MicrosSince(start);
  return absl::OkStatus();
}

}  // namespace

// ---- Database ----

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const DatabaseOptions&) {
  return std::unique_ptr<Database>(new Database(std::make_unique<Impl>()));
}

Schema Database::GetSchema() const {
  absl::MutexLock lock(&impl_->mu);
  const engine::Graph& g = impl_->graph;
  Schema s;
  s.node_count = static_cast<int64_t>(g.node_count());
  s.relationship_count = static_cast<int64_t>(g.rel_count());
  for (uint32_t l = 0; l < g.labels().size(); ++l) {
    if (g.LabelCount(l) > 0) {
      s.labels.push_back({g.labels().Name(l), static_cast<int64_t>(g.LabelCount(l))});
    }
  }
  for (uint32_t t = 0; t < g.types().size(); ++t) {
    if (g.TypeCount(t) > 0) {
      s.relationship_types.push_back({g.types().Name(t), static_cast<int64_t>(g.TypeCount(t))});
    }
  }
  for (uint32_t k = 0; k < g.keys().size(); ++k) s.property_keys.push_back(g.keys().Name(k));
  for (const auto& [label, key] : g.Indexes()) {
    s.indexes.push_back(absl::StrCat(":", g.labels().Name(label), "(", g.keys().Name(key), ")"));
  }
  auto by_name = [](const Schema::Count& a, const Schema::Count& b) { return a.name < b.name; };
  std::sort(s.labels.begin(), s.labels.end(), by_name);
  std::sort(s.relationship_types.begin(), s.relationship_types.end(), by_name);
  std::sort(s.property_keys.begin(), s.property_keys.end());
  std::sort(s.indexes.begin(), s.indexes.end());
  return s;
}

// ---- Connection ----

Connection::Connection(Database& db) : db_(db) {}
Connection::~Connection() = default;

absl::StatusOr<Result> Connection::Query(std::string_view text, const Params& params) {
  Result result;
  result.impl_ = std::make_unique<Result::Impl>();
  absl::MutexLock lock(&db_.impl_->mu);
  absl::Status status;
  try {
    status = RunStatement(db_.impl_->graph, text, params, result.impl_.get());
  } catch (const std::exception& e) {
    // Nothing inside is meant to throw; if something does (e.g. bad_alloc),
    // undo the statement and report it instead of crashing the host.
    if (db_.impl_->graph.in_transaction()) db_.impl_->graph.Rollback();
    status = absl::InternalError(absl::StrCat("RuntimeError: ", e.what()));
  }
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                       const DatabaseOptions& options) {
  if (path.empty() || path == ":memory:") return Open(options);
  return absl::UnimplementedError("snapshots are not implemented yet");
}

absl::Status Database::Save(const std::string&) {
  return absl::UnimplementedError("snapshots are not implemented yet");
}

absl::Status Database::Checkpoint() {
  return absl::UnimplementedError("snapshots are not implemented yet");
}

absl::Status Database::ExportCypher(const std::string&) const {
  return absl::UnimplementedError("export is not implemented yet");
}

const std::string& Database::path() const { return kNoPlan; }
bool Database::read_only() const { return false; }

absl::Status Connection::Begin() {
  return absl::UnimplementedError("explicit transactions are not implemented yet");
}
absl::Status Connection::Commit() {
  return absl::UnimplementedError("explicit transactions are not implemented yet");
}
absl::Status Connection::Rollback() {
  return absl::UnimplementedError("explicit transactions are not implemented yet");
}
bool Connection::in_transaction() const { return false; }
void Connection::Interrupt() {}

// ---- Result ----

Result::Result() = default;
Result::~Result() = default;
Result::Result(Result&&) noexcept = default;
Result& Result::operator=(Result&&) noexcept = default;

const std::vector<std::string>& Result::columns() const {
  return impl_ ? impl_->columns : kNoColumns;
}

bool Result::Next() {
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

// ---- Misc ----

const std::vector<std::string>& FunctionNames() {
  static const auto* names = new std::vector<std::string>(engine::AllFunctionNames());
  return *names;
}

const char* Version() { return "0.1.0"; }

}  // namespace cornerstone
