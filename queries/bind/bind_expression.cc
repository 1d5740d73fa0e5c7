// Copyright (c) Cornerstone authors.
// Binding expressions: variables to slots, parameters to constants,
// function names to definitions, aggregate calls to slots.
#include <algorithm>

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

}  // namespace

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
      return e;
    }
    case ExprKind::kVariable: {
      auto e = Make(BoundKind::kSlot, expr.pos);
      if (const Variable* v = Lookup(expr.name, expr.pos)) e->slot = v->slot;
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
      e->children.push_back(BindExpr(*expr.children[0], aggregates));
      return e;
    }
    case ExprKind::kBinary: {
      auto e = Make(BoundKind::kBinary, expr.pos);
      e->binary_op = expr.binary_op;
      e->children.push_back(BindExpr(*expr.children[0], aggregates));
      e->children.push_back(BindExpr(*expr.children[1], aggregates));
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
        e->children.push_back(BindExpr(*when, aggregates));
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
      if (expr.where) e->where = BindScoped(*expr.where, expr.name, e->slot, aggregates);
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
      e->projection = BindExpr(*expr.projection, aggregates);
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
      BindSubpattern(expr, e.get());
      return e;
    }
  }
  return Make(BoundKind::kConstant, expr.pos);
}

BoundExprPtr Binder::BindScoped(const Expr& expr, const std::string& var, Slot slot,
                                std::vector<BoundAggregate>* aggregates) {
  Scope saved = scope_;
  scope_[var] = Variable{slot, VarKind::kValue};
  BoundExprPtr e = BindExpr(expr, aggregates);
  scope_ = std::move(saved);
  return e;
}

BoundExprPtr Binder::BindFunction(const Expr& expr, std::vector<BoundAggregate>* aggregates) {
  const bool count_star = expr.kind == ExprKind::kCountStar;
  // exists((a)-->(b)) is the pattern predicate itself.
  if (!count_star && expr.children.size() == 1 &&
      expr.children[0]->kind == ExprKind::kPatternPredicate &&
      absl::AsciiStrToLower(expr.name) == "exists") {
    return BindExpr(*expr.children[0], aggregates);
  }
  const engine::AggregateDef* agg =
      count_star ? engine::FindAggregate("count") : engine::FindAggregate(expr.name);
  if (agg != nullptr) {
    std::string name = count_star ? "count(*)" : absl::StrCat(expr.name, "(...)");
    if (aggregates == nullptr) {
      Error(ErrorKind::kSyntaxError, expr.pos,
            absl::StrCat("Invalid use of aggregating function ", name, " in this context"));
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
  return e;
}

}  // namespace cornerstone::query
