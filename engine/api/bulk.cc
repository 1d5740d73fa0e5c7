// Copyright (c) Cornerstone authors.
// Bulk insertion (Connection::AddNodes / AddRelationships): straight into
// the graph, without the parser, atomically per call.
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/api/convert.h"
#include "engine/api/internal.h"

namespace cornerstone {
namespace {

bool Scalar(const Value& v) {
  switch (v.type()) {
    case ValueType::kBool:
    case ValueType::kInt:
    case ValueType::kFloat:
    case ValueType::kString:
      return true;
    default:
      return false;
  }
}

// A property list from public values; InvalidArgument for values a property
// cannot hold.
absl::StatusOr<engine::PropertyList> Properties(engine::Graph& g, const ValueMap& props) {
  engine::PropertyList out;
  for (const auto& [key, value] : props) {
    if (value.is_null()) continue;
    bool ok = Scalar(value);
    if (value.type() == ValueType::kList) {
      ok = true;
      for (const Value& e : value.list_value()) ok = ok && Scalar(e);
    }
    if (!ok) {
      return absl::InvalidArgumentError(absl::StrCat(
          "TypeError: property '", key, "' cannot hold a ", ValueTypeName(value.type()),
          value.type() == ValueType::kList ? " of non-scalar values" : ""));
    }
    absl::StatusOr<engine::Value> v = api::FromPublic(value);
    if (!v.ok()) return v.status();
    out.Set(g.keys().Intern(key), *std::move(v));
  }
  return out;
}

// Runs `insert` inside the connection's transaction, or inside its own
// (exclusive lock, Begin, Commit or Rollback, LogCommit).
template <typename F>
absl::StatusOr<std::vector<int64_t>> Atomically(Connection::Impl& conn, F insert) {
  Database::Impl& db = *conn.db;
  conn.CloseStream("the result was closed by a later statement on its connection");
  if (conn.in_transaction) {
    if (absl::Status s = db.CheckUsable(true); !s.ok()) return s;
    absl::StatusOr<std::vector<int64_t>> ids = insert(db.graph);
    if (!ids.ok()) {
      conn.Rollback().IgnoreError();
      return absl::Status(ids.status().code(),
                          absl::StrCat(std::string(ids.status().message()),
                                       " (the transaction was rolled back)"));
    }
    return ids;
  }
  if (absl::Status s = db.LockExclusive(); !s.ok()) return s;
  absl::StatusOr<std::vector<int64_t>> ids;
  if (absl::Status s = db.CheckUsable(true); !s.ok()) {
    ids = s;
  } else {
    db.graph.Begin();
    ids = insert(db.graph);
    if (ids.ok()) {
      db.graph.Commit();
      if (absl::Status logged = db.LogCommit(); !logged.ok()) ids = logged;
    } else {
      db.graph.Rollback();
    }
  }
  db.lock.Unlock();
  return ids;
}

}  // namespace

absl::StatusOr<std::vector<int64_t>> Connection::Impl::AddNodes(const std::vector<NodeSpec>& nodes) {
  return Atomically(*this, [&](engine::Graph& g) -> absl::StatusOr<std::vector<int64_t>> {
    std::vector<int64_t> ids;
    ids.reserve(nodes.size());
    std::vector<engine::LabelId> labels;
    for (const NodeSpec& n : nodes) {
      labels.clear();
      for (const std::string& l : n.labels) {
        if (l.empty()) return absl::InvalidArgumentError("a label cannot be empty");
        engine::LabelId id = g.labels().Intern(l);
        if (std::find(labels.begin(), labels.end(), id) == labels.end()) labels.push_back(id);
      }
      absl::StatusOr<engine::PropertyList> props = Properties(g, n.properties);
      if (!props.ok()) return props.status();
      ids.push_back(static_cast<int64_t>(g.AddNode(labels, *std::move(props))));
    }
    return ids;
  });
}

absl::StatusOr<std::vector<int64_t>> Connection::Impl::AddRelationships(
    const std::vector<RelationshipSpec>& rels) {
  return Atomically(*this, [&](engine::Graph& g) -> absl::StatusOr<std::vector<int64_t>> {
    std::vector<int64_t> ids;
    ids.reserve(rels.size());
    for (const RelationshipSpec& r : rels) {
      if (r.type.empty()) return absl::InvalidArgumentError("a relationship type cannot be empty");
      for (int64_t end : {r.start_id, r.end_id}) {
        if (end < 0 || !g.NodeAlive(static_cast<engine::NodeId>(end))) {
          return absl::NotFoundError(absl::StrCat("node ", end, " does not exist"));
        }
      }
      absl::StatusOr<engine::PropertyList> props = Properties(g, r.properties);
      if (!props.ok()) return props.status();
      absl::StatusOr<engine::TypeId> type = g.InternType(r.type);
      if (!type.ok()) return type.status();
      ids.push_back(static_cast<int64_t>(g.AddRelationship(
          static_cast<engine::NodeId>(r.start_id), static_cast<engine::NodeId>(r.end_id), *type,
          *std::move(props))));
    }
    return ids;
  });
}

}  // namespace cornerstone
