// Copyright (c) Cornerstone authors.
// Binding statements and clauses. Patterns are in bind_pattern.cc,
// expressions in bind_expression.cc.
#include "queries/bind/binder.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "queries/bind/binder_internal.h"

namespace cornerstone::query {

absl::StatusOr<BoundStatement> Bind(const Statement& statement, std::string_view text,
                                    const ParamMap& params,
                                    const engine::ProcedureRegistry* procedures) {
  Binder binder(text, params, procedures);
  return binder.BindStatement(statement);
}

void Binder::Error(ErrorKind kind, Position pos, std::string_view message) {
  if (status_.ok()) status_ = QueryError(kind, text_, pos, message);
}

absl::StatusOr<BoundStatement> Binder::BindStatement(const Statement& statement) {
  BoundStatement out;
  out.mode = statement.mode;
  for (size_t i = 0; i < statement.queries.size(); ++i) {
    scope_.clear();
    num_slots_ = 0;
    slot_names_.clear();
    constants_.clear();
    slot_types_.clear();
    updates_ = false;
    if (i > 1 && statement.union_all[i - 1] != statement.union_all[i - 2]) {
      const SingleQuery& q = statement.queries[i];
      Position pos = q.clauses.empty() ? Position{} : q.clauses.front().pos;
      return QueryError(ErrorKind::kSyntaxError, text_, pos,
                        "InvalidClauseComposition: UNION and UNION ALL cannot be mixed in one "
                        "query");
    }
    out.queries.push_back(BindSingleQuery(statement.queries[i]));
    if (!ok()) return status_;
    out.updates |= out.queries.back().updates;
    if (i > 0) {
      if (!statement.union_all[i - 1]) out.union_distinct = true;
      if (out.queries[i].columns != out.queries[0].columns) {
        return QueryError(ErrorKind::kSyntaxError,
                          "All sub queries in an UNION must have the same return column names");
      }
    }
  }
  return out;
}

BoundSingleQuery Binder::BindSingleQuery(const SingleQuery& query) {
  BoundSingleQuery out;
  for (size_t i = 0; i < query.clauses.size() && ok(); ++i) {
    BindClause(query.clauses[i], i + 1 == query.clauses.size(), &out);
  }
  if (!ok()) return out;
  const Clause& last = query.clauses.back();
  if ((last.kind == ClauseKind::kMatch || last.kind == ClauseKind::kWith ||
       last.kind == ClauseKind::kUnwind ||
       (last.kind == ClauseKind::kCall && query.clauses.size() > 1 &&
        !out.clauses.back().procedure->outputs.empty())) &&
      ok()) {
    Error(ErrorKind::kSyntaxError, last.pos,
          "Query cannot conclude with MATCH, WITH or UNWIND (must be RETURN or an update clause)");
  }
  out.num_slots = num_slots_;
  out.slot_names = slot_names_;
  out.updates = updates_;
  return out;
}

void Binder::BindClause(const Clause& clause, bool last, BoundSingleQuery* out) {
  BoundClause bound;
  switch (clause.kind) {
    case ClauseKind::kMatch:
      bound.kind = BoundClauseKind::kMatch;
      BindMatch(clause, &bound);
      break;
    case ClauseKind::kUnwind: {
      bound.kind = BoundClauseKind::kUnwind;
      bound.expr = BindExpr(*clause.expr);
      bound.slot = Declare(clause.alias, VarKind::kValue).slot;
      break;
    }
    case ClauseKind::kWith:
    case ClauseKind::kReturn:
      if (clause.kind == ClauseKind::kReturn && !last) {
        Error(ErrorKind::kSyntaxError, clause.pos, "RETURN can only be used at the end of a query");
        return;
      }
      bound.kind = BoundClauseKind::kProjection;
      bound.is_return = clause.kind == ClauseKind::kReturn;
      BindProjection(clause, &bound);
      if (bound.is_return) {
        for (const BoundItem& item : bound.projection.items) {
          out->columns.push_back(item.name);
          out->column_slots.push_back(item.slot);
        }
      }
      break;
    case ClauseKind::kCreate:
      bound.kind = BoundClauseKind::kCreate;
      updates_ = true;
      BindCreate(clause.pattern, &bound.create);
      break;
    case ClauseKind::kMerge:
      bound.kind = BoundClauseKind::kMerge;
      updates_ = true;
      BindMerge(clause, &bound);
      break;
    case ClauseKind::kSet:
      bound.kind = BoundClauseKind::kSet;
      updates_ = true;
      BindSetItems(clause.set_items, &bound.set_items);
      break;
    case ClauseKind::kRemove:
      bound.kind = BoundClauseKind::kSet;
      updates_ = true;
      BindRemoveItems(clause.remove_items, &bound.set_items);
      break;
    case ClauseKind::kDelete:
      bound.kind = BoundClauseKind::kDelete;
      updates_ = true;
      bound.detach = clause.detach;
      for (const auto& e : clause.exprs) {
        if (e->kind == ExprKind::kHasLabels) {
          // DELETE n:Label reads as a label test, which is not deletable.
          Error(ErrorKind::kSyntaxError, e->pos,
                "InvalidDelete: DELETE takes nodes, relationships or paths; to remove a label "
                "use REMOVE n:Label");
          return;
        }
        bound.exprs.push_back(BindExpr(*e));
        if (!ok()) return;
        std::optional<engine::Kind> kind = StaticKind(*bound.exprs.back());
        if (kind && *kind != engine::Kind::kNode && *kind != engine::Kind::kRel &&
            *kind != engine::Kind::kPath && *kind != engine::Kind::kNull) {
          Error(ErrorKind::kSyntaxError, e->pos,
                absl::StrCat("InvalidArgumentType: DELETE expects a node, relationship or path, "
                             "but got ",
                             absl::AsciiStrToLower(engine::KindName(*kind))));
          return;
        }
      }
      break;
    case ClauseKind::kCreateIndex:
    case ClauseKind::kDropIndex:
      bound.kind = clause.kind == ClauseKind::kCreateIndex ? BoundClauseKind::kCreateIndex
                                                           : BoundClauseKind::kDropIndex;
      updates_ = true;
      bound.label = clause.label;
      bound.key = clause.key;
      break;
    case ClauseKind::kCall:
      bound.kind = BoundClauseKind::kCall;
      BindCall(clause, last && out->clauses.empty(), &bound, out);
      if (!ok()) return;
      break;
    case ClauseKind::kForeach: {
      bound.kind = BoundClauseKind::kForeach;
      updates_ = true;
      bound.expr = BindExpr(*clause.expr);
      Scope saved = scope_;
      bound.slot = Declare(clause.alias, VarKind::kValue).slot;
      BoundSingleQuery body;
      for (const Clause& c : clause.body) {
        if (c.kind != ClauseKind::kCreate && c.kind != ClauseKind::kMerge &&
            c.kind != ClauseKind::kSet && c.kind != ClauseKind::kRemove &&
            c.kind != ClauseKind::kDelete && c.kind != ClauseKind::kForeach) {
          Error(ErrorKind::kSyntaxError, c.pos,
                "FOREACH may only contain CREATE, MERGE, SET, REMOVE, DELETE and FOREACH");
          return;
        }
        BindClause(c, false, &body);
        if (!ok()) return;
      }
      bound.body = std::move(body.clauses);
      scope_ = std::move(saved);
      break;
    }
  }
  out->clauses.push_back(std::move(bound));
}

Variable Binder::Declare(const std::string& name, VarKind kind) {
  Variable v{NewSlot(), kind};
  if (!name.empty()) {
    scope_[name] = v;
    slot_names_[v.slot] = name;
  }
  return v;
}

void Binder::BindProjection(const Clause& clause, BoundClause* out) {
  const Projection& proj = clause.projection;
  BoundProjection& bp = out->projection;
  bp.distinct = proj.distinct;
  Scope next;
  if (proj.star) {
    bool any = false;
    for (const auto& [name, var] : scope_) {
      auto e = std::make_unique<BoundExpr>();
      e->kind = BoundKind::kSlot;
      e->slot = var.slot;
      Variable nv{NewSlot(), var.kind};
      slot_names_[nv.slot] = name;
      if (auto known = slot_types_.find(var.slot); known != slot_types_.end()) {
        slot_types_[nv.slot] = known->second;
      }
      bp.items.push_back(BoundItem{std::move(e), name, nv.slot});
      next[name] = nv;
      any = true;
    }
    if (!any && proj.items.empty()) {
      Error(ErrorKind::kSyntaxError, clause.pos,
            "RETURN * is not allowed when there are no variables in scope");
      return;
    }
  }
  for (const ProjectionItem& item : proj.items) {
    std::string name = item.alias;
    if (name.empty()) {
      if (clause.kind == ClauseKind::kWith && item.expr->kind != ExprKind::kVariable) {
        Error(ErrorKind::kSyntaxError, item.expr->pos,
              "Expression in WITH must be aliased (use AS)");
        return;
      }
      name = item.expr->kind == ExprKind::kVariable ? item.expr->name : item.text;
    }
    if (next.contains(name)) {
      Error(ErrorKind::kSyntaxError, item.expr->pos,
            absl::StrCat("Multiple result columns with the same name `", name, "` are not supported"));
      return;
    }
    BoundExprPtr e = BindExpr(*item.expr, &bp.aggregates);
    VarKind kind = VarKind::kValue;
    if (!ok()) return;
    if (item.expr->kind == ExprKind::kVariable) kind = scope_.at(item.expr->name).kind;
    Variable nv{NewSlot(), kind};
    slot_names_[nv.slot] = name;
    if (e->kind == BoundKind::kConstant) constants_[nv.slot] = e->constant;
    if (kind == VarKind::kValue) {
      std::optional<engine::Kind> static_kind = StaticKind(*e);
      if (static_kind && *static_kind != engine::Kind::kNull) slot_types_[nv.slot] = *static_kind;
    }
    bp.items.push_back(BoundItem{std::move(e), name, nv.slot});
    next[name] = nv;
  }
  if (!ok()) return;
  for (const BoundItem& item : bp.items) CheckAmbiguousAggregation(*item.expr, bp, scope_);
  if (!ok()) return;

  // ORDER BY and WITH ... WHERE see the projected names and the variables
  // before the projection. After aggregation or DISTINCT the earlier
  // variables may only appear inside an expression equal to a projected one
  // (checked below); aggregates in ORDER BY are computed with the
  // projection's.
  Scope visible = scope_;
  for (const auto& [name, var] : next) visible[name] = var;
  std::swap(scope_, visible);
  std::vector<BoundAggregate>* order_aggregates =
      bp.aggregates.empty() ? nullptr : &bp.aggregates;
  // After aggregation or DISTINCT only the projected columns exist: a part
  // of ORDER BY / WHERE equal to a projected expression reads its column,
  // and other uses of earlier variables are undefined.
  const bool grouped = !bp.aggregates.empty() || bp.distinct;
  const size_t own_aggregates = bp.aggregates.size();
  // `visible` now holds the scope before the projection.
  Scope hidden;  // earlier variables not visible after a grouping projection
  for (const auto& [name, var] : visible) {
    if (!next.contains(name)) hidden[name] = var;
  }
  auto restrict = [&](BoundExprPtr& e) {
    if (!ok() || !grouped) return;
    // An undefined variable is reported before an ambiguous aggregation
    // expression, which is checked on the expression as written.
    CheckAmbiguousAggregation(*e, bp, hidden);
    absl::Status ambiguous = status_;
    status_ = absl::OkStatus();
    ReplaceProjected(e, bp);
    std::map<Slot, const std::pair<const std::string, Variable>*> slots;
    for (const auto& entry : hidden) slots[entry.second.slot] = &entry;
    std::vector<const BoundExpr*> stack{e.get()};
    while (!stack.empty() && ok()) {
      const BoundExpr* x = stack.back();
      stack.pop_back();
      if (x->kind == BoundKind::kSlot) {
        if (auto it = slots.find(x->slot); it != slots.end()) {
          Error(ErrorKind::kSyntaxError, x->pos,
                absl::StrCat("UndefinedVariable: Variable `", it->second->first,
                             "` not defined (after ", bp.distinct ? "DISTINCT" : "aggregation",
                             " only the projected columns can be used)"));
        }
        for (size_t i = own_aggregates; i < bp.aggregates.size(); ++i) {
          const BoundAggregate& a = bp.aggregates[i];
          if (a.slot != x->slot) continue;
          if (a.arg) stack.push_back(a.arg.get());
          if (a.arg2) stack.push_back(a.arg2.get());
        }
      }
      for (const auto& c : x->children) {
        if (c) stack.push_back(c.get());
      }
      if (x->where) stack.push_back(x->where.get());
      if (x->projection) stack.push_back(x->projection.get());
    }
    if (ok()) status_ = ambiguous;
  };
  for (const SortItem& s : proj.order_by) {
    bp.order_by.push_back(BoundSort{BindExpr(*s.expr, order_aggregates), s.descending});
    restrict(bp.order_by.back().expr);
  }
  if (proj.where) {
    bp.where = BindPredicate(*proj.where);
    restrict(bp.where);
  }
  std::swap(scope_, visible);

  Scope empty;
  std::swap(scope_, empty);
  if (proj.skip) bp.skip = BindExpr(*proj.skip);
  if (proj.limit) bp.limit = BindExpr(*proj.limit);
  std::swap(scope_, empty);
  for (const BoundExprPtr* count : {&bp.skip, &bp.limit}) {
    // Literal counts are checked now; parameters when the query runs.
    const Expr* written = count == &bp.skip ? proj.skip.get() : proj.limit.get();
    if (!ok() || !*count || (*count)->kind != BoundKind::kConstant ||
        written->kind == ExprKind::kParameter) {
      continue;
    }
    const engine::Value& v = (*count)->constant;
    const char* what = count == &bp.skip ? "SKIP" : "LIMIT";
    if (v.kind() == engine::Kind::kInt && v.int_value() < 0) {
      Error(ErrorKind::kSyntaxError, (*count)->pos,
            absl::StrCat("NegativeIntegerArgument: ", what, " must not be negative, got ",
                         v.int_value()));
    } else if (v.kind() != engine::Kind::kInt) {
      Error(ErrorKind::kSyntaxError, (*count)->pos,
            absl::StrCat("InvalidArgumentType: ", what, " expects an integer, got ",
                         engine::KindName(v.kind())));
    }
  }

  scope_ = std::move(next);
}

Slot Binder::EntitySlot(const std::string& name, Position pos, bool node_only) {
  const Variable* v = Lookup(name, pos);
  if (v == nullptr) return kNoSlot;
  if (v->kind != VarKind::kNode && (node_only || v->kind != VarKind::kRel)) {
    Error(ErrorKind::kSyntaxError, pos,
          absl::StrCat("Type mismatch: `", name, "` is not a ", node_only ? "node" : "node or relationship"));
    return kNoSlot;
  }
  return v->slot;
}

void Binder::BindSetItems(const std::vector<SetItem>& items, std::vector<BoundSetItem>* out) {
  for (const SetItem& item : items) {
    BoundSetItem b;
    b.kind = item.kind;
    switch (item.kind) {
      case SetItem::Kind::kProperty:
        b.target = BindExpr(*item.target->children[0]);
        b.key = item.target->name;
        b.value = BindExpr(*item.value);
        break;
      case SetItem::Kind::kReplaceAll:
      case SetItem::Kind::kMergeAll:
        b.slot = EntitySlot(item.variable, item.value->pos, false);
        b.value = BindExpr(*item.value);
        break;
      case SetItem::Kind::kLabels:
        b.slot = EntitySlot(item.variable, Position{}, true);
        b.labels = item.labels;
        break;
    }
    out->push_back(std::move(b));
  }
}

void Binder::BindRemoveItems(const std::vector<RemoveItem>& items,
                             std::vector<BoundSetItem>* out) {
  for (const RemoveItem& item : items) {
    BoundSetItem b;
    b.remove = true;
    if (item.kind == RemoveItem::Kind::kProperty) {
      b.kind = SetItem::Kind::kProperty;
      b.target = BindExpr(*item.target->children[0]);
      b.key = item.target->name;
    } else {
      b.kind = SetItem::Kind::kLabels;
      b.slot = EntitySlot(item.variable, Position{}, true);
      b.labels = item.labels;
    }
    out->push_back(std::move(b));
  }
}

}  // namespace cornerstone::query
