// Copyright (c) Cornerstone authors.
// Binding expressions: variables to slots, parameters to constants,
// function names to definitions, aggregate calls to slots.
#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/exec/eval.h"
#include "engine/exec/functions.h"
#include "queries/bind/binder_internal.h"

namespace cornerstone::query {
namespace {

engine::Value LiteralValue(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kNull: return engine::Value();
    case Literal::Kind::kBool: return engine::Value::Bool(lit.bool_value);
    case Literal::Kind::kInt: return engine::Value::Int(lit.int_value);
    case Literal::Kind::kFloat: return engine::Value::Float(lit.float_value);
    case Literal::Kind::kString: return engine::Value::String(lit.string_value);
  }
  return engine::Value();
}

// True when `e` reads no row slot other than its own iteration variables
// (`locals`) and calls nothing non-deterministic: it can be computed once.
bool IsClosed(const BoundExpr& e, std::vector<Slot>* locals) {
  switch (e.kind) {
    case BoundKind::kSlot:
      return std::find(locals->begin(), locals->end(), e.slot) != locals->end();
    case BoundKind::kExists:
    case BoundKind::kPatternComprehension:
    case BoundKind::kPath:
      return false;
    case BoundKind::kFunction:
      if (e.name == "rand") return false;
      break;
    default:
      break;
  }
  size_t before = locals->size();
  if (e.kind == BoundKind::kComprehension || e.kind == BoundKind::kQuantifier ||
      e.kind == BoundKind::kReduce) {
    locals->push_back(e.slot);
    if (e.acc_slot != kNoSlot) locals->push_back(e.acc_slot);
  }
  bool closed = true;
  for (const auto& c : e.children) closed = closed && (!c || IsClosed(*c, locals));
  if (e.where) closed = closed && IsClosed(*e.where, locals);
  if (e.projection) closed = closed && IsClosed(*e.projection, locals);
  locals->resize(before);
  return closed;
}

BoundExprPtr Make(BoundKind kind, Position pos) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

// Splits a pattern comprehension's WHERE into its AND-ed conjuncts, so the
// planner can test each as early as possible.
void SplitAnd(BoundExprPtr e, std::vector<BoundExprPtr>* out) {
  if (e->kind == BoundKind::kBinary && e->binary_op == BinaryOp::kAnd) {
    SplitAnd(std::move(e->children[0]), out);
    SplitAnd(std::move(e->children[1]), out);
    return;
  }
  out->push_back(std::move(e));
}

// Clauses that write; a full EXISTS subquery may not contain them.
bool IsUpdateClause(ClauseKind kind) {
  switch (kind) {
    case ClauseKind::kCreate:
    case ClauseKind::kMerge:
    case ClauseKind::kSet:
    case ClauseKind::kRemove:
    case ClauseKind::kDelete:
    case ClauseKind::kCreateIndex:
    case ClauseKind::kDropIndex:
    case ClauseKind::kForeach:
      return true;
    default:
      return false;
  }
}

// "a node", "a list": how errors name a type.
std::string KindNoun(engine::Kind kind) {
  std::string name = absl::AsciiStrToLower(engine::KindName(kind));
  const bool vowel = name[0] == 'a' || name[0] == 'e' || name[0] == 'i' || name[0] == 'o' ||
                     name[0] == 'u';
  return absl::StrCat(vowel ? "an " : "a ", name);
}

// Functions whose single argument must have one of a few types. A known
// type outside the set is a compile-time error (InvalidArgumentType);
// unknown types are checked when the function runs.
struct ArgumentRule {
  const char* function;  // lower case
  std::vector<engine::Kind> allowed;
};

const std::vector<ArgumentRule>& ArgumentRules() {
  using engine::Kind;
  static const auto* const kRules = new std::vector<ArgumentRule>{
      {"labels", {Kind::kNode}},
      {"type", {Kind::kRel}},
      {"startnode", {Kind::kRel}},
      {"endnode", {Kind::kRel}},
      {"nodes", {Kind::kPath}},
      {"relationships", {Kind::kPath}},
      {"length", {Kind::kPath, Kind::kString, Kind::kList}},
      {"size", {Kind::kString, Kind::kList}},
      {"keys", {Kind::kNode, Kind::kRel, Kind::kMap}},
      {"properties", {Kind::kNode, Kind::kRel, Kind::kMap}},
  };
  return *kRules;
}

// Structural equality of bound expressions; references to aggregates
// compare the aggregate calls.
bool SameExpr(const BoundExpr* a, const BoundExpr* b, const BoundProjection& bp) {
  if (a == nullptr || b == nullptr) return a == b;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case BoundKind::kConstant:
      return a->constant.kind() == b->constant.kind() &&
             engine::Equivalent(a->constant, b->constant);
    case BoundKind::kSlot: {
      if (a->slot == b->slot) return true;
      const BoundAggregate* x = bp.FindAggregate(a->slot);
      const BoundAggregate* y = bp.FindAggregate(b->slot);
      return x != nullptr && y != nullptr && x->def == y->def && x->distinct == y->distinct &&
             SameExpr(x->arg.get(), y->arg.get(), bp) && SameExpr(x->arg2.get(), y->arg2.get(), bp);
    }
    case BoundKind::kExists:
    case BoundKind::kPatternComprehension:
      return false;
    default:
      break;
  }
  if (a->name != b->name || a->unary_op != b->unary_op || a->binary_op != b->binary_op ||
      a->quantifier != b->quantifier || a->function != b->function || a->keys != b->keys ||
      a->labels != b->labels || a->has_test != b->has_test || a->has_else != b->has_else ||
      a->slot != b->slot || a->acc_slot != b->acc_slot ||
      a->children.size() != b->children.size() || a->path_steps.size() != b->path_steps.size()) {
    return false;
  }
  for (size_t i = 0; i < a->path_steps.size(); ++i) {
    if (a->path_steps[i].slot != b->path_steps[i].slot) return false;
  }
  for (size_t i = 0; i < a->children.size(); ++i) {
    if (!SameExpr(a->children[i].get(), b->children[i].get(), bp)) return false;
  }
  return SameExpr(a->where.get(), b->where.get(), bp) &&
         SameExpr(a->projection.get(), b->projection.get(), bp);
}

bool ContainsAggregate(const BoundExpr& e, const BoundProjection& bp) {
  if (e.kind == BoundKind::kSlot && bp.FindAggregate(e.slot) != nullptr) return true;
  for (const auto& c : e.children) {
    if (c && ContainsAggregate(*c, bp)) return true;
  }
  return (e.where && ContainsAggregate(*e.where, bp)) ||
         (e.projection && ContainsAggregate(*e.projection, bp));
}

}  // namespace

BoundExprPtr Binder::BindPredicate(const Expr& expr, std::vector<BoundAggregate>* aggregates) {
  predicate_position_ = true;
  BoundExprPtr e = BindExpr(expr, aggregates);
  predicate_position_ = false;
  if (!ok()) return e;
  std::optional<engine::Kind> kind = StaticKind(*e);
  if (kind && *kind != engine::Kind::kBool && *kind != engine::Kind::kNull) {
    Error(ErrorKind::kSyntaxError, expr.pos,
          absl::StrCat("InvalidArgumentType: Type mismatch: expected a boolean but was ",
                       KindNoun(*kind)));
  }
  return e;
}

std::optional<engine::Kind> Binder::StaticKind(const BoundExpr& e) const {
  using engine::Kind;
  switch (e.kind) {
    case BoundKind::kConstant:
      if (!e.name.empty()) return std::nullopt;  // a parameter
      return e.constant.kind();
    case BoundKind::kSlot: {
      auto it = slot_types_.find(e.slot);
      if (it == slot_types_.end()) return std::nullopt;
      return it->second;
    }
    case BoundKind::kList:
    case BoundKind::kComprehension:
    case BoundKind::kPatternComprehension:
      return Kind::kList;
    case BoundKind::kMap:
      return Kind::kMap;
    case BoundKind::kHasLabels:
    case BoundKind::kExists:
    case BoundKind::kQuantifier:
      return Kind::kBool;
    case BoundKind::kPath:
      return Kind::kPath;
    case BoundKind::kUnary:
      if (e.unary_op == UnaryOp::kNot || e.unary_op == UnaryOp::kIsNull ||
          e.unary_op == UnaryOp::kIsNotNull) {
        return Kind::kBool;
      }
      return std::nullopt;
    case BoundKind::kBinary:
      switch (e.binary_op) {
        case BinaryOp::kAdd: case BinaryOp::kSub: case BinaryOp::kMul: case BinaryOp::kDiv:
        case BinaryOp::kMod: case BinaryOp::kPow:
          return std::nullopt;
        default:
          return Kind::kBool;
      }
    default:
      return std::nullopt;
  }
}

void Binder::CheckArgumentKinds(const BoundExpr& call) {
  if (call.children.size() != 1 || !call.children[0]) return;
  const std::string name = absl::AsciiStrToLower(call.name);
  for (const ArgumentRule& rule : ArgumentRules()) {
    if (name != rule.function) continue;
    std::optional<engine::Kind> kind = StaticKind(*call.children[0]);
    if (!kind || *kind == engine::Kind::kNull) return;
    if (std::find(rule.allowed.begin(), rule.allowed.end(), *kind) != rule.allowed.end()) return;
    std::string expected;
    for (size_t i = 0; i < rule.allowed.size(); ++i) {
      absl::StrAppend(&expected, i == 0 ? "" : i + 1 == rule.allowed.size() ? " or " : ", ",
                      KindNoun(rule.allowed[i]));
    }
    Error(ErrorKind::kSyntaxError, call.pos,
          absl::StrCat("InvalidArgumentType: ", call.name, "() expects ", expected, ", but got ",
                       KindNoun(*kind)));
    return;
  }
}

void Binder::CheckAmbiguousAggregation(const BoundExpr& e, const BoundProjection& bp,
                                       const Scope& before) {
  if (!ok() || !ContainsAggregate(e, bp)) return;
  // Grouping keys that make a variable usable outside aggregates: a
  // variable (`n`) or a property of one (`n.age`).
  std::vector<const BoundExpr*> keys;
  for (const BoundItem& item : bp.items) {
    const BoundExpr* k = item.expr.get();
    if (ContainsAggregate(*k, bp)) continue;
    if (k->kind == BoundKind::kSlot ||
        (k->kind == BoundKind::kProperty && k->children[0]->kind == BoundKind::kSlot)) {
      keys.push_back(k);
    }
  }
  std::map<Slot, const std::pair<const std::string, Variable>*> vars;
  for (const auto& entry : before) vars[entry.second.slot] = &entry;
  // Walks `e` outside aggregate calls; reports the first variable use that
  // is not a grouping key.
  const BoundExpr* bad = nullptr;
  auto walk = [&](auto&& self, const BoundExpr& x) -> void {
    if (bad != nullptr) return;
    if (x.kind == BoundKind::kSlot && bp.FindAggregate(x.slot) != nullptr) return;
    for (const BoundExpr* k : keys) {
      if (SameExpr(&x, k, bp)) return;
    }
    if (x.kind == BoundKind::kSlot && vars.contains(x.slot)) {
      bad = &x;
      return;
    }
    for (const auto& c : x.children) {
      if (c) self(self, *c);
    }
    if (x.where) self(self, *x.where);
    if (x.projection) self(self, *x.projection);
  };
  walk(walk, e);
  if (bad != nullptr) {
    Error(ErrorKind::kSyntaxError, bad->pos,
          absl::StrCat("AmbiguousAggregationExpression: `", vars.at(bad->slot)->first,
                       "` is used next to an aggregate but is not a grouping key; "
                       "project it (or the expression using it) on its own"));
  }
}

void Binder::ReplaceProjected(BoundExprPtr& e, const BoundProjection& bp) {
  if (!ok() || !e || e->kind == BoundKind::kConstant) return;
  for (const BoundItem& item : bp.items) {
    if (item.expr && SameExpr(e.get(), item.expr.get(), bp)) {
      Position pos = e->pos;
      e = Make(BoundKind::kSlot, pos);
      e->slot = item.slot;
      return;
    }
  }
  // The arguments of an aggregate that is not a column are read per input
  // row: they stay as written (and may only use projected variables).
  for (auto& c : e->children) ReplaceProjected(c, bp);
  ReplaceProjected(e->where, bp);
  ReplaceProjected(e->projection, bp);
}

const Variable* Binder::Lookup(const std::string& name, Position pos) {
  auto it = scope_.find(name);
  if (it == scope_.end()) {
    Error(ErrorKind::kSyntaxError, pos, absl::StrCat("Variable `", name, "` not defined"));
    return nullptr;
  }
  return &it->second;
}

BoundExprPtr Binder::BindExpr(const Expr& expr, std::vector<BoundAggregate>* aggregates) {
  BoundExprPtr e = BindExprNode(expr, aggregates);
  if (ok()) Fold(e);
  return e;
}

void Binder::Fold(BoundExprPtr& e) {
  if (e->kind == BoundKind::kConstant || e->kind == BoundKind::kSlot) return;
  std::vector<Slot> locals;
  if (!IsClosed(*e, &locals)) return;
  static engine::Graph* const kNoGraph = new engine::Graph();
  engine::EvalContext ctx(*kNoGraph);
  engine::Row row(num_slots_);
  engine::Value v = engine::Evaluate(*e, row, ctx);
  if (!ctx.ok()) {
    // A type error in a constant expression is known before running: report
    // it now, as openCypher does (InvalidArgumentType). Other errors (e.g.
    // division by zero) stay runtime errors.
    std::string message(ctx.status().message());
    if (message.substr(0, 9) == "TypeError" &&
        message.find("InvalidArgumentValue") == std::string::npos) {
      Error(ErrorKind::kSyntaxError, e->pos,
            absl::StrCat("InvalidArgumentType: ", message.substr(11)));
    }
    return;
  }
  Position pos = e->pos;
  e = Make(BoundKind::kConstant, pos);
  e->constant = std::move(v);
}

BoundExprPtr Binder::BindExprNode(const Expr& expr, std::vector<BoundAggregate>* aggregates) {
  const bool predicate_position = std::exchange(predicate_position_, false);
  if (!ok()) return Make(BoundKind::kConstant, expr.pos);
  switch (expr.kind) {
    case ExprKind::kLiteral: {
      auto e = Make(BoundKind::kConstant, expr.pos);
      e->constant = LiteralValue(expr.literal);
      return e;
    }
    case ExprKind::kParameter: {
      auto it = params_.find(expr.name);
      auto e = Make(BoundKind::kConstant, expr.pos);
      if (it == params_.end()) {
        Error(ErrorKind::kParameterMissing, expr.pos,
              absl::StrCat("Expected parameter: $", expr.name));
      } else {
        e->constant = it->second;
      }
      // Marks the constant as a parameter: its type is not checked at
      // compile time (StaticKind), as parameters are typed when they run.
      e->name = absl::StrCat("$", expr.name);
      return e;
    }
    case ExprKind::kVariable: {
      auto e = Make(BoundKind::kSlot, expr.pos);
      if (const Variable* v = Lookup(expr.name, expr.pos)) {
        e->slot = v->slot;
        switch (v->kind) {
          case VarKind::kNode: slot_types_[v->slot] = engine::Kind::kNode; break;
          case VarKind::kRel: slot_types_[v->slot] = engine::Kind::kRel; break;
          case VarKind::kRelList: slot_types_[v->slot] = engine::Kind::kList; break;
          case VarKind::kPath: slot_types_[v->slot] = engine::Kind::kPath; break;
          case VarKind::kValue: break;
        }
      }
      return e;
    }
    case ExprKind::kProperty: {
      auto e = Make(BoundKind::kProperty, expr.pos);
      e->name = expr.name;
      e->children.push_back(BindExpr(*expr.children[0], aggregates));
      const BoundExpr& base = *e->children[0];
      if (base.kind == BoundKind::kSlot && constants_.contains(base.slot)) {
        const engine::Value& v = constants_.at(base.slot);
        if (v.kind() == engine::Kind::kBool || v.is_number() || v.kind() == engine::Kind::kString ||
            v.kind() == engine::Kind::kList) {
          Error(ErrorKind::kTypeError, expr.pos,
                absl::StrCat("InvalidArgumentType: cannot read property '", expr.name,
                             "' of a ", engine::KindName(v.kind())));
        }
      }
      if (ok()) {
        // Only nodes, relationships, maps and temporal values have
        // properties; other types known now are reported now.
        using engine::Kind;
        std::optional<Kind> kind = StaticKind(base);
        if (kind && (*kind == Kind::kPath || *kind == Kind::kList || *kind == Kind::kBool ||
                     *kind == Kind::kInt || *kind == Kind::kFloat || *kind == Kind::kString)) {
          Error(*kind == Kind::kPath ? ErrorKind::kSyntaxError : ErrorKind::kTypeError, expr.pos,
                absl::StrCat("InvalidArgumentType: cannot read property '", expr.name, "' of ",
                             KindNoun(*kind)));
        }
      }
      return e;
    }
    case ExprKind::kList:
    case ExprKind::kMap: {
      auto e = Make(expr.kind == ExprKind::kList ? BoundKind::kList : BoundKind::kMap, expr.pos);
      for (const auto& c : expr.children) e->children.push_back(BindExpr(*c, aggregates));
      e->keys = expr.map_keys;
      return e;
    }
    case ExprKind::kUnary: {
      auto e = Make(BoundKind::kUnary, expr.pos);
      e->unary_op = expr.unary_op;
      e->children.push_back(expr.unary_op == UnaryOp::kNot
                                ? BindPredicate(*expr.children[0], aggregates)
                                : BindExpr(*expr.children[0], aggregates));
      return e;
    }
    case ExprKind::kBinary: {
      auto e = Make(BoundKind::kBinary, expr.pos);
      e->binary_op = expr.binary_op;
      const bool logical = expr.binary_op == BinaryOp::kAnd || expr.binary_op == BinaryOp::kOr ||
                           expr.binary_op == BinaryOp::kXor;
      for (int i = 0; i < 2; ++i) {
        e->children.push_back(logical ? BindPredicate(*expr.children[i], aggregates)
                                      : BindExpr(*expr.children[i], aggregates));
      }
      return e;
    }
    case ExprKind::kFunctionCall:
    case ExprKind::kCountStar:
      return BindFunction(expr, aggregates);
    case ExprKind::kCase: {
      auto e = Make(BoundKind::kCase, expr.pos);
      if (expr.case_test) {
        e->has_test = true;
        e->children.push_back(BindExpr(*expr.case_test, aggregates));
      }
      for (const auto& [when, then] : expr.whens) {
        e->children.push_back(expr.case_test ? BindExpr(*when, aggregates)
                                             : BindPredicate(*when, aggregates));
        e->children.push_back(BindExpr(*then, aggregates));
      }
      if (expr.case_else) {
        e->has_else = true;
        e->children.push_back(BindExpr(*expr.case_else, aggregates));
      }
      return e;
    }
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier: {
      auto e = Make(expr.kind == ExprKind::kQuantifier ? BoundKind::kQuantifier
                                                        : BoundKind::kComprehension,
                    expr.pos);
      e->quantifier = expr.quantifier;
      e->children.push_back(BindExpr(*expr.children[0], aggregates));
      e->slot = NewSlot();
      if (expr.where) {
        predicate_position_ = true;
        e->where = BindScoped(*expr.where, expr.name, e->slot, aggregates);
      }
      if (expr.projection) {
        e->projection = BindScoped(*expr.projection, expr.name, e->slot, aggregates);
      }
      return e;
    }
    case ExprKind::kReduce: {
      auto e = Make(BoundKind::kReduce, expr.pos);
      e->children.push_back(BindExpr(*expr.children[0], aggregates));
      e->children.push_back(BindExpr(*expr.children[1], aggregates));
      e->slot = NewSlot();
      e->acc_slot = NewSlot();
      Scope saved = scope_;
      scope_[expr.accumulator] = Variable{e->acc_slot, VarKind::kValue};
      scope_[expr.name] = Variable{e->slot, VarKind::kValue};
      slot_names_[e->acc_slot] = expr.accumulator;
      slot_names_[e->slot] = expr.name;
      ++list_iteration_depth_;
      e->projection = BindExpr(*expr.projection, nullptr);
      --list_iteration_depth_;
      scope_ = std::move(saved);
      return e;
    }
    case ExprKind::kSubscript: {
      auto e = Make(BoundKind::kSubscript, expr.pos);
      e->children.push_back(BindExpr(*expr.children[0], aggregates));
      e->children.push_back(BindExpr(*expr.children[1], aggregates));
      return e;
    }
    case ExprKind::kSlice: {
      auto e = Make(BoundKind::kSlice, expr.pos);
      e->children.push_back(BindExpr(*expr.children[0], aggregates));
      e->children.push_back(expr.slice_from ? BindExpr(*expr.slice_from, aggregates) : nullptr);
      e->children.push_back(expr.slice_to ? BindExpr(*expr.slice_to, aggregates) : nullptr);
      return e;
    }
    case ExprKind::kHasLabels: {
      auto e = Make(BoundKind::kHasLabels, expr.pos);
      e->children.push_back(BindExpr(*expr.children[0], aggregates));
      e->labels = expr.labels;
      return e;
    }
    case ExprKind::kPatternPredicate:
    case ExprKind::kExists: {
      auto e = Make(BoundKind::kExists, expr.pos);
      if (expr.kind == ExprKind::kPatternPredicate && !predicate_position) {
        // Neo4j 5 and openCypher 9 allow a bare pattern only as a predicate.
        Error(ErrorKind::kSyntaxError, expr.pos,
              "UnexpectedSyntax: a pattern expression can only be used as a predicate (in WHERE, "
              "with AND, OR, XOR, NOT, or in exists(...)); to count matches use "
              "size([p = pattern | p])");
        return e;
      }
      if (!expr.subquery) {
        BindSubpattern(expr, e.get());
        return e;
      }
      // EXISTS { MATCH ... [WITH ...] RETURN ... }: the clauses see the
      // outer variables; their own variables stay local.
      Scope saved = scope_;
      const bool saved_updates = updates_;
      auto query = std::make_shared<BoundSingleQuery>();
      const std::vector<Clause>& clauses = expr.subquery->clauses;
      for (size_t i = 0; i < clauses.size() && ok(); ++i) {
        if (IsUpdateClause(clauses[i].kind)) {
          Error(ErrorKind::kSyntaxError, clauses[i].pos,
                "InvalidClauseComposition: an EXISTS subquery cannot update the graph");
          break;
        }
        BindClause(clauses[i], i + 1 == clauses.size(), query.get());
      }
      scope_ = std::move(saved);
      updates_ = saved_updates;
      e->subquery = std::move(query);
      return e;
    }
    case ExprKind::kPatternComprehension: {
      // [p = (a)-->(b) WHERE ... | projection]: the pattern is matched from
      // the current row like a pattern predicate (outer variables are
      // anchors); its new variables, the path variable included, are local.
      auto e = Make(BoundKind::kPatternComprehension, expr.pos);
      Scope saved = scope_;
      auto graph = std::make_shared<QueryGraph>();
      std::map<std::string, int> node_index;
      BindPatternPart(*expr.pattern, graph.get(), &node_index, "a pattern comprehension");
      if (ok() && expr.where) SplitAnd(BindPredicate(*expr.where), &graph->predicates);
      // Aggregates cannot be computed per match.
      if (ok()) e->projection = BindExpr(*expr.projection);
      scope_ = std::move(saved);
      e->subgraph = std::move(graph);
      return e;
    }
  }
  return Make(BoundKind::kConstant, expr.pos);
}

BoundExprPtr Binder::BindScoped(const Expr& expr, const std::string& var, Slot slot,
                                std::vector<BoundAggregate>* aggregates) {
  // The body runs once per list element: aggregates cannot be computed there.
  (void)aggregates;
  Scope saved = scope_;
  scope_[var] = Variable{slot, VarKind::kValue};
  slot_names_[slot] = var;  // for EXPLAIN
  ++list_iteration_depth_;
  BoundExprPtr e = BindExpr(expr, nullptr);
  --list_iteration_depth_;
  scope_ = std::move(saved);
  return e;
}

BoundExprPtr Binder::BindFunction(const Expr& expr, std::vector<BoundAggregate>* aggregates) {
  const bool count_star = expr.kind == ExprKind::kCountStar;
  // exists((a)-->(b)) is the pattern predicate itself.
  if (!count_star && expr.children.size() == 1 &&
      expr.children[0]->kind == ExprKind::kPatternPredicate &&
      absl::AsciiStrToLower(expr.name) == "exists") {
    predicate_position_ = true;
    return BindExpr(*expr.children[0], aggregates);
  }
  const engine::AggregateDef* agg =
      count_star ? engine::FindAggregate("count") : engine::FindAggregate(expr.name);
  if (agg != nullptr) {
    std::string name = count_star ? "count(*)" : absl::StrCat(expr.name, "(...)");
    if (aggregates == nullptr) {
      Error(ErrorKind::kSyntaxError, expr.pos,
            list_iteration_depth_ > 0
                ? absl::StrCat("InvalidAggregation: aggregating function ", name,
                               " cannot be used inside a list comprehension, quantifier or "
                               "reduce(), which run once per list element")
                : absl::StrCat("Invalid use of aggregating function ", name, " in this context"));
      return Make(BoundKind::kConstant, expr.pos);
    }
    const bool percentile = agg->kind == engine::AggregateKind::kPercentileCont ||
                            agg->kind == engine::AggregateKind::kPercentileDisc;
    const size_t arity = percentile ? 2 : 1;
    if (!count_star && expr.children.size() != arity) {
      Error(ErrorKind::kSyntaxError, expr.pos,
            absl::StrCat("Function ", expr.name, "() takes ", arity, " argument(s)"));
      return Make(BoundKind::kConstant, expr.pos);
    }
    BoundAggregate a;
    a.def = agg;
    a.name = name;
    a.distinct = expr.distinct;
    if (!count_star) {
      // Aggregates may not nest.
      a.arg = BindExpr(*expr.children[0], nullptr);
      if (arity == 2) a.arg2 = BindExpr(*expr.children[1], nullptr);
    }
    a.slot = NewSlot();
    auto e = Make(BoundKind::kSlot, expr.pos);
    e->slot = a.slot;
    aggregates->push_back(std::move(a));
    return e;
  }
  const engine::FunctionDef* fn = engine::FindFunction(expr.name);
  if (fn == nullptr) {
    Error(ErrorKind::kSyntaxError, expr.pos,
          absl::StrCat("Unknown function '", expr.name, "'"));
    return Make(BoundKind::kConstant, expr.pos);
  }
  int n = static_cast<int>(expr.children.size());
  if (n < fn->min_args || (fn->max_args >= 0 && n > fn->max_args)) {
    std::string expected =
        fn->min_args == fn->max_args
            ? absl::StrCat(fn->min_args)
            : absl::StrCat(fn->min_args, " to ",
                           fn->max_args < 0 ? std::string("any") : absl::StrCat(fn->max_args));
    Error(ErrorKind::kSyntaxError, expr.pos,
          absl::StrCat("Function ", fn->name, "() takes ", expected, " argument(s) but got ", n));
    return Make(BoundKind::kConstant, expr.pos);
  }
  auto e = Make(BoundKind::kFunction, expr.pos);
  e->function = fn;
  e->name = fn->name;
  for (const auto& c : expr.children) e->children.push_back(BindExpr(*c, aggregates));
  if (ok()) CheckArgumentKinds(*e);
  return e;
}

}  // namespace cornerstone::query
