// Copyright (c) Cornerstone authors.
// Binding patterns: MATCH into a QueryGraph, CREATE and MERGE into create
// patterns.
#include "absl/strings/str_cat.h"
#include "queries/bind/binder_internal.h"

namespace cornerstone::query {
namespace {

const char* KindName(VarKind kind) {
  switch (kind) {
    case VarKind::kValue: return "a value";
    case VarKind::kNode: return "a node";
    case VarKind::kRel: return "a relationship";
    case VarKind::kRelList: return "a list of relationships";
    case VarKind::kPath: return "a path";
  }
  return "a value";
}

// Splits a predicate into its AND-ed conjuncts.
void SplitConjuncts(BoundExprPtr e, std::vector<BoundExprPtr>* out) {
  if (e->kind == BoundKind::kBinary && e->binary_op == BinaryOp::kAnd) {
    SplitConjuncts(std::move(e->children[0]), out);
    SplitConjuncts(std::move(e->children[1]), out);
    return;
  }
  out->push_back(std::move(e));
}

}  // namespace

void Binder::BindProperties(const Expr* map, Position pos,
                            std::vector<std::pair<std::string, BoundExprPtr>>* out) {
  if (map == nullptr) return;
  if (map->kind != ExprKind::kMap) {
    Error(ErrorKind::kSyntaxError, pos,
          "a property map in MATCH must be a map literal, e.g. {name: $name}");
    return;
  }
  for (size_t i = 0; i < map->children.size(); ++i) {
    out->emplace_back(map->map_keys[i], BindExpr(*map->children[i]));
  }
}

void Binder::BindSubpattern(const Expr& expr, BoundExpr* out) {
  Scope saved = scope_;
  auto graph = std::make_shared<QueryGraph>();
  std::map<std::string, int> node_index;
  BindPatternPart(*expr.pattern, graph.get(), &node_index,
                  expr.kind == ExprKind::kPatternPredicate ? "a pattern expression" : "EXISTS");
  if (ok() && expr.kind == ExprKind::kPatternPredicate) {
    for (const auto& [name, var] : scope_) {
      if (!saved.contains(name)) {
        Error(ErrorKind::kSyntaxError, expr.pos,
              absl::StrCat("PatternExpressions are not allowed to introduce new variables: `",
                           name, "`"));
        break;
      }
    }
  }
  if (ok() && expr.where) SplitConjuncts(BindPredicate(*expr.where), &graph->predicates);
  scope_ = std::move(saved);
  out->subgraph = std::move(graph);
}

void Binder::BindMatch(const Clause& clause, BoundClause* out) {
  out->optional = clause.optional;
  int first_new = num_slots_;
  // AS OF sees only the variables bound before this MATCH.
  if (clause.as_of) BindAsOf(*clause.as_of, &out->graph);
  if (!ok()) return;
  std::map<std::string, int> node_index;
  for (const PatternPart& part : clause.pattern) {
    BindPatternPart(part, &out->graph, &node_index);
    if (!ok()) return;
  }
  if (clause.where) {
    SplitConjuncts(BindPredicate(*clause.where), &out->graph.predicates);
  }
  for (Slot s = first_new; s < num_slots_; ++s) out->new_slots.push_back(s);
}

void Binder::BindAsOf(const Expr& expr, QueryGraph* graph) {
  graph->valid_at = BindExpr(expr);
  if (!ok()) return;
  // A constant (a literal, a parameter, date('...')) is checked now; other
  // expressions when the MATCH runs.
  const BoundExpr& e = *graph->valid_at;
  if (e.kind != BoundKind::kConstant || e.constant.is_null()) return;
  const engine::Value& v = e.constant;
  if (v.kind() != engine::Kind::kTemporal || !v.temporal_value().has_date()) {
    Error(ErrorKind::kTypeError, expr.pos,
          absl::StrCat("AS OF expects a DATE, LOCAL DATETIME or DATETIME, but was ",
                       engine::TypeName(v)));
  }
}

void Binder::BindShortest(const PatternPart& part, QueryGraph* graph) {
  const char* name =
      part.shortest == PatternPart::Shortest::kShortest ? "shortestPath" : "allShortestPaths";
  if (part.rels.size() != 1) {
    Error(ErrorKind::kSyntaxError, part.pos,
          absl::StrCat(name, "(...) requires a pattern containing a single relationship"));
    return;
  }
  const RelPattern& rp = part.rels[0];
  QueryRel& qr = graph->rels.back();
  if (!rp.var_length) {
    Error(ErrorKind::kSyntaxError, rp.pos,
          absl::StrCat(name, "(...) requires a variable-length relationship, e.g. -[*..5]-"));
    return;
  }
  if (qr.min_hops > 1) {
    Error(ErrorKind::kSyntaxError, rp.pos,
          absl::StrCat(name, "(...) does not support a minimal length different from 0 or 1"));
    return;
  }
  if (qr.bound_before) {
    Error(ErrorKind::kSyntaxError, rp.pos,
          absl::StrCat(name, "(...) cannot use the relationship variable `", rp.variable,
                       "` bound earlier"));
    return;
  }
  qr.shortest = part.shortest;
  if (!part.path_variable.empty()) {
    qr.path_slot = graph->paths.back().first;
    qr.path_steps = graph->paths.back().second;
  }
}

void Binder::BindPatternPart(const PatternPart& part, QueryGraph* graph,
                             std::map<std::string, int>* node_index, const char* context) {
  if (part.shortest != PatternPart::Shortest::kNone && context != nullptr) {
    Error(ErrorKind::kSyntaxError, part.pos,
          absl::StrCat(part.shortest == PatternPart::Shortest::kShortest ? "shortestPath"
                                                                         : "allShortestPaths",
                       "(...) is only allowed in MATCH, not in ", context));
    return;
  }
  std::vector<PathStep> steps;
  std::vector<int> indexes;
  for (const NodePattern& np : part.nodes) {
    int index;
    auto seen = node_index->find(np.variable);
    if (!np.variable.empty() && seen != node_index->end()) {
      index = seen->second;
    } else {
      QueryNode qn;
      auto in_scope = np.variable.empty() ? scope_.end() : scope_.find(np.variable);
      if (in_scope != scope_.end()) {
        // A plain value (e.g. WITH coalesce(a, b) AS x) may hold a node:
        // that is checked when the pattern runs.
        if (in_scope->second.kind != VarKind::kNode && in_scope->second.kind != VarKind::kValue) {
          Error(ErrorKind::kSyntaxError, np.pos,
                absl::StrCat("Type mismatch: `", np.variable, "` is ",
                             KindName(in_scope->second.kind), ", not a node"));
          return;
        }
        auto known = slot_types_.find(in_scope->second.slot);
        if (known != slot_types_.end() && known->second != engine::Kind::kNode) {
          Error(ErrorKind::kSyntaxError, np.pos,
                absl::StrCat("VariableTypeConflict: `", np.variable, "` holds a value of type ",
                             engine::KindName(known->second), ", not a node"));
          return;
        }
        qn.slot = in_scope->second.slot;
        qn.bound_before = true;
      } else {
        qn.slot = Declare(np.variable, VarKind::kNode).slot;
      }
      index = static_cast<int>(graph->nodes.size());
      graph->nodes.push_back(std::move(qn));
      if (!np.variable.empty()) (*node_index)[np.variable] = index;
    }
    QueryNode& qn = graph->nodes[index];
    for (const std::string& l : np.labels) qn.labels.push_back(l);
    BindProperties(np.properties.get(), np.pos, &qn.properties);
    indexes.push_back(index);
    if (!ok()) return;
  }
  for (size_t i = 0; i < part.rels.size(); ++i) {
    const RelPattern& rp = part.rels[i];
    QueryRel qr;
    qr.from = indexes[i];
    qr.to = indexes[i + 1];
    qr.direction = rp.direction;
    qr.types = rp.types;
    qr.var_length = rp.var_length;
    if (rp.var_length) {
      qr.min_hops = rp.min_hops.value_or(1);
      qr.max_hops = rp.max_hops.value_or(-1);
      // [*2..1] is allowed and matches nothing.
      if (qr.min_hops < 0) {
        Error(ErrorKind::kSyntaxError, rp.pos, "invalid variable-length range");
        return;
      }
    }
    VarKind kind = rp.var_length ? VarKind::kRelList : VarKind::kRel;
    auto in_scope = rp.variable.empty() ? scope_.end() : scope_.find(rp.variable);
    if (in_scope != scope_.end()) {
      for (const QueryRel& other : graph->rels) {
        if (other.slot == in_scope->second.slot) {
          Error(ErrorKind::kSyntaxError, rp.pos,
                absl::StrCat("RelationshipUniquenessViolation: the relationship variable `",
                             rp.variable, "` is used for more than one relationship of the "
                             "pattern"));
          return;
        }
      }
      // A var-length relationship may also be a list of relationships made
      // by the query (WITH [r1, r2] AS rs MATCH (a)-[rs*]->(b)): the pattern
      // then matches exactly that path, checked when it runs.
      const bool rel_list_value = rp.var_length && in_scope->second.kind == VarKind::kValue;
      if (in_scope->second.kind != kind && !rel_list_value) {
        Error(ErrorKind::kSyntaxError, rp.pos,
              absl::StrCat("Type mismatch: `", rp.variable, "` is ",
                           KindName(in_scope->second.kind)));
        return;
      }
      qr.slot = in_scope->second.slot;
      qr.bound_before = true;
    } else {
      qr.slot = Declare(rp.variable, kind).slot;
    }
    BindProperties(rp.properties.get(), rp.pos, &qr.properties);
    graph->rels.push_back(std::move(qr));
    if (!ok()) return;
  }
  if (!part.path_variable.empty()) {
    for (size_t i = 0; i < indexes.size(); ++i) {
      steps.push_back(PathStep{graph->nodes[indexes[i]].slot, VarKind::kNode});
      if (i < part.rels.size()) {
        const QueryRel& qr = graph->rels[graph->rels.size() - part.rels.size() + i];
        steps.push_back(PathStep{qr.slot, qr.var_length ? VarKind::kRelList : VarKind::kRel});
      }
    }
    if (scope_.contains(part.path_variable)) {
      Error(ErrorKind::kSyntaxError, part.pos,
            absl::StrCat("Variable `", part.path_variable, "` already declared"));
      return;
    }
    graph->paths.emplace_back(Declare(part.path_variable, VarKind::kPath).slot, std::move(steps));
  }
  if (part.shortest != PatternPart::Shortest::kNone) BindShortest(part, graph);
}

void Binder::BindCreate(const Pattern& pattern, BoundCreatePattern* out, bool merge) {
  std::map<std::string, int> node_index;
  for (const PatternPart& part : pattern) {
    if (part.shortest != PatternPart::Shortest::kNone) {
      Error(ErrorKind::kSyntaxError, part.pos,
            absl::StrCat(part.shortest == PatternPart::Shortest::kShortest ? "shortestPath"
                                                                           : "allShortestPaths",
                         "(...) is only allowed in MATCH"));
      return;
    }
    std::vector<int> indexes;
    for (const NodePattern& np : part.nodes) {
      auto seen = np.variable.empty() ? node_index.end() : node_index.find(np.variable);
      auto in_scope = np.variable.empty() ? scope_.end() : scope_.find(np.variable);
      bool declared = seen != node_index.end() || in_scope != scope_.end();
      if (declared && part.rels.empty()) {
        Error(ErrorKind::kSyntaxError, np.pos,
              absl::StrCat("VariableAlreadyBound: Variable `", np.variable,
                           "` already declared; a pattern of a single node creates a new node"));
        return;
      }
      if (declared && (!np.labels.empty() || np.properties)) {
        Error(ErrorKind::kSyntaxError, np.pos,
              absl::StrCat("Variable `", np.variable, "` already declared"));
        return;
      }
      if (seen != node_index.end()) {
        indexes.push_back(seen->second);
        continue;
      }
      BoundCreateNode cn;
      cn.name = np.variable;
      if (in_scope != scope_.end()) {
        // A value of unknown type (WITH list[i] AS n) is checked when the
        // relationship is created.
        if (in_scope->second.kind != VarKind::kNode && in_scope->second.kind != VarKind::kValue) {
          Error(ErrorKind::kSyntaxError, np.pos,
                absl::StrCat("Type mismatch: `", np.variable, "` is not a node"));
          return;
        }
        cn.slot = in_scope->second.slot;
        cn.bound_before = true;
      } else {
        if (np.properties) cn.properties = BindExpr(*np.properties);
        cn.slot = Declare(np.variable, VarKind::kNode).slot;
        cn.labels = np.labels;
      }
      int index = static_cast<int>(out->nodes.size());
      out->nodes.push_back(std::move(cn));
      if (!np.variable.empty()) node_index[np.variable] = index;
      indexes.push_back(index);
      if (!ok()) return;
    }
    std::vector<PathStep> steps;
    for (size_t i = 0; i < part.rels.size(); ++i) {
      const RelPattern& rp = part.rels[i];
      if (rp.types.size() != 1) {
        Error(ErrorKind::kSyntaxError, rp.pos,
              "Exactly one relationship type must be specified for CREATE");
        return;
      }
      if (rp.direction == Direction::kBoth && !merge) {
        Error(ErrorKind::kSyntaxError, rp.pos,
              "Only directed relationships are supported in CREATE");
        return;
      }
      if (rp.var_length) {
        Error(ErrorKind::kSyntaxError, rp.pos,
              "Variable length relationships cannot be used in CREATE");
        return;
      }
      if (!rp.variable.empty() && scope_.contains(rp.variable)) {
        Error(ErrorKind::kSyntaxError, rp.pos,
              absl::StrCat("Variable `", rp.variable, "` already declared"));
        return;
      }
      BoundCreateRel cr;
      cr.type = rp.types[0];
      cr.from = indexes[i];
      cr.to = indexes[i + 1];
      if (rp.direction == Direction::kLeft) std::swap(cr.from, cr.to);
      if (rp.properties) cr.properties = BindExpr(*rp.properties);
      cr.slot = Declare(rp.variable, VarKind::kRel).slot;
      out->rels.push_back(std::move(cr));
    }
    if (!part.path_variable.empty()) {
      size_t first_rel = out->rels.size() - part.rels.size();
      for (size_t i = 0; i < indexes.size(); ++i) {
        steps.push_back(PathStep{out->nodes[indexes[i]].slot, VarKind::kNode});
        if (i < part.rels.size()) {
          steps.push_back(PathStep{out->rels[first_rel + i].slot, VarKind::kRel});
        }
      }
      out->paths.emplace_back(Declare(part.path_variable, VarKind::kPath).slot, std::move(steps));
    }
    if (!ok()) return;
  }
}

void Binder::BindMerge(const Clause& clause, BoundClause* out) {
  // Match side first (declares the variables), then the create side reuses
  // the same slots: each variable is bound on either path.
  Scope before = scope_;
  std::map<std::string, int> node_index;
  int first_new = num_slots_;
  for (const PatternPart& part : clause.pattern) {
    BindPatternPart(part, &out->graph, &node_index, "MERGE");
    if (!ok()) return;
  }
  // A null property value (MERGE ({num: null})) is an error when MERGE
  // would create the entity: at run time (MergeOperator), as the TCK says.
  for (Slot s = first_new; s < num_slots_; ++s) out->new_slots.push_back(s);
  Scope after = scope_;
  scope_ = before;
  BindCreate(clause.pattern, &out->create, /*merge=*/true);
  if (!ok()) return;
  // Point the create side's new variables at the match side's slots.
  std::map<Slot, Slot> remap;
  for (const auto& [name, var] : scope_) {
    if (!before.contains(name)) remap[var.slot] = after.at(name).slot;
  }
  for (auto& n : out->create.nodes) {
    if (remap.contains(n.slot)) n.slot = remap[n.slot];
  }
  for (auto& r : out->create.rels) {
    if (remap.contains(r.slot)) r.slot = remap[r.slot];
  }
  for (auto& [slot, steps] : out->create.paths) {
    if (remap.contains(slot)) slot = remap[slot];
    for (PathStep& step : steps) {
      if (remap.contains(step.slot)) step.slot = remap[step.slot];
    }
  }
  // Anonymous entities of the create side keep their own slots.
  scope_ = std::move(after);
  BindSetItems(clause.on_create, &out->set_items);
  BindSetItems(clause.on_match, &out->on_match);
}

}  // namespace cornerstone::query
