// Copyright (c) Cornerstone authors.
// CREATE, MERGE, SET/REMOVE, DELETE and index definitions. Each drains its
// input first (eager), then changes the graph row by row, then passes the
// rows on. The graph records every change, so a failing statement is rolled
// back by the caller.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/exec/eval.h"
#include "engine/exec/operator.h"

namespace cornerstone::engine {
namespace {

using query::BoundClause;
using query::ErrorKind;
using query::LogicalKind;
using query::SetItem;

// Converts a map value into a property list, validating each value. For
// MERGE (`merging` names what is merged), a null value is an error: the
// pattern could never match what it would create.
bool ToProperties(const Value& map, EvalContext& ctx, PropertyList* out,
                  const char* merging = nullptr) {
  if (map.is_null()) return true;
  if (map.kind() != Kind::kMap) {
    ctx.Fail(ErrorKind::kTypeError,
             absl::StrCat("Expected a map of properties, but got ", KindName(map.kind())));
    return false;
  }
  for (const auto& [k, v] : map.map_value()) {
    if (!CheckPropertyValue(v, ctx)) return false;
    if (v.is_null() && merging != nullptr) {
      ctx.Fail(ErrorKind::kSemanticError,
               absl::StrCat("MergeReadOwnWrites: cannot merge a ", merging,
                            " using a null property value for '", k, "'"));
      return false;
    }
    if (v.is_null()) continue;
    out->Set(ctx.graph().keys().Intern(k), v);
    ++ctx.stats().properties_set;
  }
  return true;
}

class EagerWriteOperator : public PhysicalOperator {
 public:
  explicit EagerWriteOperator(const query::LogicalOperator& op)
      : PhysicalOperator(op), clause_(*op.clause) {}
  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    done_ = false;
    rows_out_.clear();
    pos_ = 0;
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    if (!done_) {
      done_ = true;
      std::vector<Row> input_rows;
      while (input().Next(ctx, row)) input_rows.push_back(row);
      if (!ctx.ok()) return false;
      Apply(ctx, &input_rows);
      if (!ctx.ok()) return false;
      rows_out_ = std::move(input_rows);
    }
    if (pos_ >= rows_out_.size()) return false;
    row = std::move(rows_out_[pos_++]);
    return true;
  }

  // Changes the graph for all rows (in order); may rewrite the rows.
  virtual void Apply(EvalContext& ctx, std::vector<Row>* rows) = 0;

  const BoundClause& clause_;

 private:
  bool done_ = false;
  std::vector<Row> rows_out_;
  size_t pos_ = 0;
};

void CreatePattern(const query::BoundCreatePattern& p, EvalContext& ctx, Row& row,
                   bool merge = false) {
  Graph& g = ctx.graph();
  for (const query::BoundCreateNode& n : p.nodes) {
    if (n.bound_before) {
      const Value& v = row[n.slot];
      if (v.kind() != Kind::kNode || !g.NodeAlive(v.node_id())) {
        std::string what = absl::StrCat(TypeName(v), ", not a node");
        if (v.is_null()) what = "null";
        if (v.kind() == Kind::kNode) what = "a deleted node";
        ctx.Fail(ErrorKind::kSemanticError,
                 absl::StrCat("Failed to create relationship: `", n.name, "` is ", what));
        return;
      }
      continue;
    }
    PropertyList props;
    if (n.properties && !ToProperties(Evaluate(*n.properties, row, ctx), ctx, &props,
                                      merge ? "node" : nullptr)) {
      return;
    }
    std::vector<LabelId> labels;
    for (const std::string& l : n.labels) {
      LabelId id = g.labels().Intern(l);
      if (std::find(labels.begin(), labels.end(), id) == labels.end()) labels.push_back(id);
    }
    ctx.stats().labels_added += static_cast<int64_t>(labels.size());
    row[n.slot] = Value::Node(g.AddNode(labels, std::move(props)));
    ++ctx.stats().nodes_created;
  }
  for (const query::BoundCreateRel& r : p.rels) {
    PropertyList props;
    if (r.properties && !ToProperties(Evaluate(*r.properties, row, ctx), ctx, &props,
                                      merge ? "relationship" : nullptr)) {
      return;
    }
    NodeId from = row[p.nodes[r.from].slot].node_id();
    NodeId to = row[p.nodes[r.to].slot].node_id();
    absl::StatusOr<TypeId> type = g.InternType(r.type);
    if (!type.ok()) {
      ctx.Fail(ErrorKind::kRuntimeError, std::string(type.status().message()));
      return;
    }
    row[r.slot] = Value::Rel(g.AddRelationship(from, to, *type, std::move(props)));
    ++ctx.stats().relationships_created;
  }
  for (const auto& [slot, steps] : p.paths) row[slot] = BuildPath(steps, row, ctx);
}

class CreateOperator : public EagerWriteOperator {
 public:
  using EagerWriteOperator::EagerWriteOperator;

 protected:
  void Apply(EvalContext& ctx, std::vector<Row>* rows) override {
    for (Row& row : *rows) {
      CreatePattern(clause_.create, ctx, row);
      if (!ctx.ok()) return;
    }
  }
};

void SetProperty(EvalContext& ctx, const Value& target, const std::string& key, Value value) {
  Graph& g = ctx.graph();
  if (target.is_null()) return;
  if (!CheckPropertyValue(value, ctx)) return;
  KeyId k = g.keys().Intern(key);
  if (target.kind() == Kind::kNode) {
    if (!g.NodeAlive(target.node_id())) return;
    g.SetNodeProperty(target.node_id(), k, std::move(value));
  } else if (target.kind() == Kind::kRel) {
    if (!g.RelAlive(target.rel_id())) return;
    g.SetRelProperty(target.rel_id(), k, std::move(value));
  } else {
    ctx.Fail(ErrorKind::kTypeError,
             absl::StrCat("SET needs a node or relationship, but got ", KindName(target.kind())));
    return;
  }
  ++ctx.stats().properties_set;
}

void ApplySetItem(const query::BoundSetItem& item, EvalContext& ctx, Row& row) {
  Graph& g = ctx.graph();
  switch (item.kind) {
    case SetItem::Kind::kProperty: {
      Value target = Evaluate(*item.target, row, ctx);
      Value value = item.remove ? Value() : Evaluate(*item.value, row, ctx);
      if (ctx.ok()) SetProperty(ctx, target, item.key, std::move(value));
      return;
    }
    case SetItem::Kind::kReplaceAll:
    case SetItem::Kind::kMergeAll: {
      const Value& target = row[item.slot];
      if (target.is_null()) return;
      Value value = Evaluate(*item.value, row, ctx);
      if (value.kind() == Kind::kNode || value.kind() == Kind::kRel) {
        // SET a = b copies b's properties.
        Map m;
        const PropertyList& props = value.kind() == Kind::kNode ? g.node(value.node_id()).properties
                                                                : g.rel(value.rel_id()).properties;
        for (const auto& [k, v] : props.entries()) m.emplace_back(g.keys().Name(k), v);
        value = Value::MakeMap(std::move(m));
      }
      if (!value.is_null() && value.kind() != Kind::kMap) {
        ctx.Fail(ErrorKind::kTypeError,
                 absl::StrCat("SET expects a map, but got ", KindName(value.kind())));
        return;
      }
      if (item.kind == SetItem::Kind::kReplaceAll) {
        const PropertyList& props = target.kind() == Kind::kNode ? g.node(target.node_id()).properties
                                                                 : g.rel(target.rel_id()).properties;
        std::vector<std::string> keys;
        for (const auto& [k, v] : props.entries()) keys.push_back(g.keys().Name(k));
        for (const std::string& k : keys) {
          if (value.is_null() || value.FindKey(k) == nullptr) SetProperty(ctx, target, k, Value());
        }
      }
      if (value.is_null()) return;
      for (const auto& [k, v] : value.map_value()) SetProperty(ctx, target, k, v);
      return;
    }
    case SetItem::Kind::kLabels: {
      const Value& target = row[item.slot];
      if (target.is_null()) return;
      if (!g.NodeAlive(target.node_id())) return;
      for (const std::string& l : item.labels) {
        if (item.remove) {
          auto id = g.labels().Find(l);
          if (id && g.RemoveLabel(target.node_id(), *id)) ++ctx.stats().labels_removed;
        } else if (g.AddLabel(target.node_id(), g.labels().Intern(l))) {
          ++ctx.stats().labels_added;
        }
      }
      return;
    }
  }
}

class SetOperator : public EagerWriteOperator {
 public:
  using EagerWriteOperator::EagerWriteOperator;

 protected:
  void Apply(EvalContext& ctx, std::vector<Row>* rows) override {
    for (Row& row : *rows) {
      for (const auto& item : clause_.set_items) {
        ApplySetItem(item, ctx, row);
        if (!ctx.ok()) return;
      }
    }
  }
};

class DeleteOperator : public EagerWriteOperator {
 public:
  using EagerWriteOperator::EagerWriteOperator;

 protected:
  void Apply(EvalContext& ctx, std::vector<Row>* rows) override {
    std::vector<NodeId> nodes;
    std::vector<RelId> rels;
    for (Row& row : *rows) {
      for (const auto& e : clause_.exprs) {
        Value v = Evaluate(*e, row, ctx);
        if (!ctx.ok()) return;
        switch (v.kind()) {
          case Kind::kNull: break;
          case Kind::kNode: nodes.push_back(v.node_id()); break;
          case Kind::kRel: rels.push_back(v.rel_id()); break;
          case Kind::kPath:
            nodes.insert(nodes.end(), v.path_value().nodes.begin(), v.path_value().nodes.end());
            rels.insert(rels.end(), v.path_value().rels.begin(), v.path_value().rels.end());
            break;
          default:
            ctx.Fail(ErrorKind::kTypeError,
                     absl::StrCat("DELETE needs a node, relationship or path, but got ",
                                  KindName(v.kind())));
            return;
        }
      }
    }
    Graph& g = ctx.graph();
    for (RelId r : rels) {
      if (!g.RelAlive(r)) continue;
      g.DeleteRelationship(r);
      ++ctx.stats().relationships_deleted;
    }
    for (NodeId n : nodes) {
      if (!g.NodeAlive(n)) continue;
      size_t rels_before = g.rel_count();
      absl::Status s = g.DeleteNode(n, clause_.detach);
      if (!s.ok()) {
        ctx.Fail(query::QueryError(
            ErrorKind::kConstraintVerificationFailed,
            "Cannot delete a node that still has relationships; use DETACH DELETE"));
        return;
      }
      ++ctx.stats().nodes_deleted;
      ctx.stats().relationships_deleted += static_cast<int64_t>(rels_before - g.rel_count());
    }
  }
};

// MERGE: per input row, match the pattern (children[1]); if nothing
// matches, create it. ON MATCH / ON CREATE items apply accordingly.
class MergeOperator : public EagerWriteOperator {
 public:
  using EagerWriteOperator::EagerWriteOperator;

 protected:
  void Apply(EvalContext& ctx, std::vector<Row>* rows) override {
    PhysicalOperator& inner = *children_[1];
    std::vector<Row> out;
    for (Row& row : *rows) {
      inner.Open(ctx);
      Row probe = row;
      size_t before = out.size();
      while (inner.Next(ctx, probe)) out.push_back(probe);
      if (!ctx.ok()) return;
      if (out.size() > before) {
        for (size_t i = before; i < out.size(); ++i) {
          for (const auto& item : clause_.on_match) ApplySetItem(item, ctx, out[i]);
        }
      } else {
        CreatePattern(clause_.create, ctx, row, /*merge=*/true);
        for (const auto& item : clause_.set_items) ApplySetItem(item, ctx, row);
        out.push_back(row);
      }
      if (!ctx.ok()) return;
    }
    *rows = std::move(out);
  }
};

// FOREACH: runs the body (children[1]) once per list element, per row; the
// rows pass through unchanged.
class ForeachOperator : public EagerWriteOperator {
 public:
  using EagerWriteOperator::EagerWriteOperator;

 protected:
  void Apply(EvalContext& ctx, std::vector<Row>* rows) override {
    PhysicalOperator& body = *children_[1];
    for (Row& row : *rows) {
      Value list = Evaluate(*op_.expr, row, ctx);
      if (!ctx.ok() || list.is_null()) continue;
      if (list.kind() != Kind::kList) {
        ctx.Fail(ErrorKind::kTypeError,
                 absl::StrCat("FOREACH expects a list, but got ", KindName(list.kind())));
        return;
      }
      for (const Value& x : list.list_value()) {
        Row r = row;
        r[op_.slot] = x;
        body.Open(ctx);
        while (body.Next(ctx, r)) {
        }
        if (!ctx.ok()) return;
      }
    }
  }
};

class IndexOperator : public EagerWriteOperator {
 public:
  using EagerWriteOperator::EagerWriteOperator;

 protected:
  void Apply(EvalContext& ctx, std::vector<Row>*) override {
    Graph& g = ctx.graph();
    if (op_.kind == LogicalKind::kDropIndex) {
      ctx.Fail(ErrorKind::kSemanticError, "DROP INDEX is not supported yet");
      return;
    }
    LabelId label = g.labels().Intern(clause_.label);
    KeyId key = g.keys().Intern(clause_.key);
    if (g.HasIndex(label, key)) return;
    g.CreateIndex(label, key);
    ++ctx.stats().indexes_added;
  }
};

}  // namespace

PhysicalOperatorPtr MakeWriteOperator(const query::LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kCreate: return std::make_unique<CreateOperator>(op);
    case LogicalKind::kSetItems: return std::make_unique<SetOperator>(op);
    case LogicalKind::kDelete: return std::make_unique<DeleteOperator>(op);
    case LogicalKind::kMerge: return std::make_unique<MergeOperator>(op);
    case LogicalKind::kForeach: return std::make_unique<ForeachOperator>(op);
    case LogicalKind::kCreateIndex:
    case LogicalKind::kDropIndex: return std::make_unique<IndexOperator>(op);
    default: return nullptr;
  }
}

}  // namespace cornerstone::engine
