// Copyright (c) Cornerstone authors.
// Database and the thin public Connection methods (the statement pipeline
// is in statement.cc, results in result.cc, bulk insertion in bulk.cc).
#include "cornerstone/database.h"

#include <algorithm>
#include <fstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/api/convert.h"
#include "engine/api/internal.h"
#include "engine/exec/functions.h"
#include "engine/storage/store.h"

namespace cornerstone {

using internal::Access;

// ---- Database ----

Database::Database(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

Database::~Database() { Close().IgnoreError(); }

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  return Access::MakeDatabase(std::move(impl));
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                       const DatabaseOptions& options) {
  if (path.empty() || path == ":memory:") return Open(options);
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  impl->path = path;
  engine::StoreOptions store_options;
  store_options.read_only = options.read_only;
  store_options.wal = options.wal;
  store_options.sync = options.sync;
  store_options.checkpoint_bytes = options.checkpoint_bytes;
  absl::StatusOr<std::unique_ptr<engine::Store>> store =
      engine::Store::Open(path, store_options, &impl->graph);
  if (!store.ok()) return store.status();
  impl->store = *std::move(store);
  return Access::MakeDatabase(std::move(impl));
}

absl::Status Database::Save(const std::string& path) {
  if (absl::Status s = impl_->LockExclusive(); !s.ok()) return s;
  absl::Status status = impl_->CheckUsable(false);
  if (status.ok()) {
    if (!path.empty() && path != impl_->path) {
      status = engine::SaveSnapshot(impl_->graph, path);
    } else if (impl_->store == nullptr) {
      status = absl::FailedPreconditionError("an in-memory database is saved to a path: Save(path)");
    } else if (impl_->options.read_only) {
      status = absl::FailedPreconditionError("database is read-only");
    } else {
      status = impl_->store->Checkpoint(impl_->graph);
    }
  }
  impl_->lock.Unlock();
  return status;
}

absl::Status Database::Checkpoint() {
  if (absl::Status s = impl_->LockExclusive(); !s.ok()) return s;
  absl::Status status = impl_->CheckUsable(true);
  if (status.ok()) {
    status = impl_->store == nullptr
                 ? absl::FailedPreconditionError("an in-memory database has no log to checkpoint")
                 : impl_->store->Checkpoint(impl_->graph);
  }
  impl_->lock.Unlock();
  return status;
}

absl::Status Database::RegisterTableProcedure(std::string_view signature,
                                              const std::vector<std::vector<Value>>& rows) {
  absl::StatusOr<engine::ProcedureDef> def = engine::ParseProcedureSignature(signature);
  if (!def.ok()) return def.status();
  const size_t width = def->inputs.size() + def->outputs.size();
  std::vector<std::vector<engine::Value>> table;
  for (const auto& row : rows) {
    if (row.size() != width) {
      return absl::InvalidArgumentError(absl::StrCat("a row of ", def->name, " has ", row.size(),
                                                     " values, expected ", width));
    }
    std::vector<engine::Value> values;
    for (const Value& v : row) {
      absl::StatusOr<engine::Value> e = api::FromPublic(v);
      if (!e.ok()) return e.status();
      values.push_back(*std::move(e));
    }
    table.push_back(std::move(values));
  }
  impl_->procedures.Add(engine::TableProcedure(*std::move(def), std::move(table)));
  return absl::OkStatus();
}

absl::Status Database::ExportCypher(const std::string& path) const {
  const std::thread::id holder = impl_->lock.LockShared();
  absl::Status status = impl_->CheckUsable(false);
  if (status.ok()) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
      status = absl::PermissionDeniedError(absl::StrCat("cannot write ", path));
    } else {
      status = engine::ExportCypher(impl_->graph, out);
      out.close();
      if (status.ok() && !out) status = absl::DataLossError(absl::StrCat("writing ", path, " failed"));
    }
  }
  impl_->lock.UnlockShared(holder);
  return status;
}

absl::Status Database::Close() {
  if (impl_->closed.load()) return absl::OkStatus();
  if (absl::Status s = impl_->LockExclusive(); !s.ok()) return s;
  absl::Status status;
  if (!impl_->closed.load()) {
    if (impl_->store != nullptr && !impl_->options.read_only) {
      status = impl_->store->Checkpoint(impl_->graph);
    }
    impl_->store.reset();  // releases the file lock
    impl_->closed.store(true);
  }
  impl_->lock.Unlock();
  return status;
}

bool Database::closed() const { return impl_->closed.load(); }
const std::string& Database::path() const { return impl_->path; }
bool Database::read_only() const { return impl_->options.read_only; }

Schema Database::GetSchema() const {
  const std::thread::id holder = impl_->lock.LockShared();
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
  impl_->lock.UnlockShared(holder);
  auto by_name = [](const Schema::Count& a, const Schema::Count& b) { return a.name < b.name; };
  std::sort(s.labels.begin(), s.labels.end(), by_name);
  std::sort(s.relationship_types.begin(), s.relationship_types.end(), by_name);
  std::sort(s.property_keys.begin(), s.property_keys.end());
  std::sort(s.indexes.begin(), s.indexes.end());
  return s;
}

// ---- Connection ----

Connection::Connection(Database& db)
    : impl_(std::make_shared<Impl>(Access::Get(db))) {}

Connection::Connection(Database& db, const QueryOptions& defaults)
    : impl_(std::make_shared<Impl>(Access::Get(db))) {
  impl_->defaults = defaults;
}

Connection::~Connection() = default;  // Impl's destructor rolls back

absl::StatusOr<Result> Connection::Query(std::string_view text, const Params& params) {
  return Query(text, params, QueryOptions());
}

absl::StatusOr<Result> Connection::Query(std::string_view text, const Params& params,
                                         const QueryOptions& options) {
  absl::StatusOr<ParsedStatement> parsed = Impl::Parse(text);
  if (!parsed.ok()) return parsed.status();
  return impl_->Run(*parsed, params, options);
}

absl::StatusOr<PreparedStatement> Connection::Prepare(std::string_view text) {
  absl::StatusOr<ParsedStatement> parsed = Impl::Parse(text);
  if (!parsed.ok()) return parsed.status();
  PreparedStatement p;
  auto& impl = Access::Get(p);
  impl = std::make_unique<PreparedStatement::Impl>();
  impl->conn = impl_;
  impl->parsed = *std::move(parsed);
  return p;
}

absl::Status Connection::Begin() { return impl_->Begin(); }
absl::Status Connection::Commit() { return impl_->Commit(); }
absl::Status Connection::Rollback() { return impl_->Rollback(); }
bool Connection::in_transaction() const { return impl_->in_transaction; }
void Connection::Interrupt() { impl_->interrupted.store(true); }

absl::StatusOr<std::vector<int64_t>> Connection::AddNodes(const std::vector<NodeSpec>& nodes) {
  return impl_->AddNodes(nodes);
}

absl::StatusOr<std::vector<int64_t>> Connection::AddRelationships(
    const std::vector<RelationshipSpec>& relationships) {
  return impl_->AddRelationships(relationships);
}

// ---- Misc ----

const std::vector<std::string>& FunctionNames() {
  static const auto* names = new std::vector<std::string>(engine::AllFunctionNames());
  return *names;
}

const char* Version() { return "0.1.0"; }

}  // namespace cornerstone
