// Copyright (c) Cornerstone authors.
#include "engine/exec/eval.h"

#include <cmath>
#include <limits>
#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/container/flat_hash_map.h"
#include "engine/exec/functions.h"
#include "engine/exec/temporal_functions.h"
#include "engine/exec/operator.h"
#include "queries/plan/planner.h"

namespace cornerstone::engine {

struct EvalContext::SubplanCache {
  struct Entry {
    query::LogicalOperatorPtr logical;
    PhysicalOperatorPtr physical;
  };
  absl::flat_hash_map<const query::BoundExpr*, Entry> plans;

  PhysicalOperator* Get(const query::BoundExpr& e, const Graph& graph) {
    Entry& entry = plans[&e];
    if (!entry.physical) {
      entry.logical = e.subquery ? query::PlanSubquery(*e.subquery, graph)
                                 : query::PlanSubpattern(*e.subgraph, graph);
      entry.physical = MapOperator(*entry.logical);
    }
    return entry.physical.get();
  }
};

EvalContext::EvalContext(Graph& graph)
    : graph_(graph), subplans_(std::make_unique<SubplanCache>()) {}
EvalContext::~EvalContext() = default;
namespace {

using query::BinaryOp;
using query::BoundExpr;
using query::BoundKind;
using query::ErrorKind;
using query::UnaryOp;

Value TypeMismatch(EvalContext& ctx, std::string_view what, const Value& v) {
  return ctx.Fail(ErrorKind::kTypeError,
                  absl::StrCat(std::string(what), ", but got ", KindName(v.kind())));
}

// The bytes of a list being built element by element (a list or pattern
// comprehension), checked against the memory budget every 1 MiB. Elements
// are shared, except strings, which own their characters:
// [x IN range(1, 100000) | s] holds 100,000 copies of s.
class BuildBudget {
 public:
  // Counts `v`; false (MemoryLimitExceeded recorded) past the budget.
  bool Add(const Value& v, EvalContext& ctx) {
    built_ += static_cast<int64_t>(sizeof(Value)) +
              (v.kind() == Kind::kString ? static_cast<int64_t>(v.string_value().size()) : 0);
    if (built_ - checked_ < EvalContext::kSmallBuild) return true;
    checked_ = built_;
    return ctx.Fits(built_);
  }

 private:
  int64_t built_ = 0;
  int64_t checked_ = 0;  // built_ when last checked
};

// Three-valued boolean operand: 0 false, 1 true, 2 null, -1 type error.
int TriOf(const Value& v) {
  if (v.is_null()) return 2;
  if (v.kind() == Kind::kBool) return v.bool_value() ? 1 : 0;
  return -1;
}

Value Arithmetic(BinaryOp op, const Value& a, const Value& b, EvalContext& ctx) {
  if (a.is_null() || b.is_null()) return Value();
  if (op == BinaryOp::kAdd) {
    if (a.kind() == Kind::kList || b.kind() == Kind::kList) {
      const size_t n = (a.kind() == Kind::kList ? a.list_value().size() : 1) +
                       (b.kind() == Kind::kList ? b.list_value().size() : 1);
      if (!ctx.FitsBuilt(static_cast<int64_t>(n * sizeof(Value)))) return Value();
      List out;
      out.reserve(n);
      if (a.kind() == Kind::kList) out = a.list_value(); else out.push_back(a);
      if (b.kind() == Kind::kList) {
        out.insert(out.end(), b.list_value().begin(), b.list_value().end());
      } else {
        out.push_back(b);
      }
      return Value::MakeList(std::move(out));
    }
    if (a.kind() == Kind::kString || b.kind() == Kind::kString) {
      const Value& other = a.kind() == Kind::kString ? b : a;
      if (other.kind() != Kind::kString && !other.is_number() && other.kind() != Kind::kBool) {
        return TypeMismatch(ctx, "Cannot add a string and this value", other);
      }
      // The other operand as text; strings are not copied (they may be long).
      std::string scratch;
      auto text = [&scratch](const Value& v) -> std::string_view {
        if (v.kind() == Kind::kString) return v.string_value();
        if (v.kind() == Kind::kInt) scratch = absl::StrCat(v.int_value());
        if (v.kind() == Kind::kFloat) scratch = FormatFloat(v.float_value());
        if (v.kind() == Kind::kBool) scratch = v.bool_value() ? "true" : "false";
        return scratch;
      };
      const std::string_view left = text(a), right = text(b);
      if (!ctx.FitsBuilt(static_cast<int64_t>(left.size() + right.size()))) return Value();
      std::string out;
      out.reserve(left.size() + right.size());
      out.append(left).append(right);
      return Value::String(std::move(out));
    }
  }
  if (a.kind() == Kind::kTemporal || b.kind() == Kind::kTemporal) {
    return TemporalArithmetic(op, a, b, ctx);
  }
  if (!a.is_number() || !b.is_number()) {
    const Value& bad = a.is_number() ? b : a;
    return TypeMismatch(ctx, "Arithmetic needs numbers", bad);
  }
  if (op == BinaryOp::kPow) return Value::Float(std::pow(a.number_value(), b.number_value()));
  if (a.kind() == Kind::kInt && b.kind() == Kind::kInt) {
    int64_t x = a.int_value(), y = b.int_value(), r = 0;
    switch (op) {
      case BinaryOp::kAdd:
        if (__builtin_add_overflow(x, y, &r)) break;
        return Value::Int(r);
      case BinaryOp::kSub:
        if (__builtin_sub_overflow(x, y, &r)) break;
        return Value::Int(r);
      case BinaryOp::kMul:
        if (__builtin_mul_overflow(x, y, &r)) break;
        return Value::Int(r);
      case BinaryOp::kDiv:
      case BinaryOp::kMod:
        if (y == 0) return ctx.Fail(ErrorKind::kArgumentError, "/ by zero (division by zero)");
        if (x == std::numeric_limits<int64_t>::min() && y == -1) {
          if (op == BinaryOp::kMod) return Value::Int(0);
          break;
        }
        return Value::Int(op == BinaryOp::kDiv ? x / y : x % y);
      default:
        break;
    }
    return ctx.Fail(ErrorKind::kArgumentError, "integer overflow");
  }
  double x = a.number_value(), y = b.number_value();
  switch (op) {
    case BinaryOp::kAdd: return Value::Float(x + y);
    case BinaryOp::kSub: return Value::Float(x - y);
    case BinaryOp::kMul: return Value::Float(x * y);
    case BinaryOp::kDiv: return Value::Float(x / y);
    case BinaryOp::kMod: return Value::Float(std::fmod(x, y));
    default: return Value();
  }
}

Value In(const Value& needle, const Value& haystack, EvalContext& ctx) {
  if (haystack.is_null()) return Value();
  if (haystack.kind() != Kind::kList) return TypeMismatch(ctx, "IN expects a list", haystack);
  bool saw_null = false;
  for (const Value& v : haystack.list_value()) {
    Tri t = Equals(needle, v);
    if (t == Tri::kTrue) return Value::Bool(true);
    if (t == Tri::kNull) saw_null = true;
  }
  return saw_null ? Value() : Value::Bool(false);
}

Value Binary(const BoundExpr& e, Row& row, EvalContext& ctx) {
  BinaryOp op = e.binary_op;
  if (op == BinaryOp::kAnd || op == BinaryOp::kOr || op == BinaryOp::kXor) {
    int a = TriOf(Evaluate(*e.children[0], row, ctx));
    if (op == BinaryOp::kAnd && a == 0) return Value::Bool(false);
    if (op == BinaryOp::kOr && a == 1) return Value::Bool(true);
    int b = TriOf(Evaluate(*e.children[1], row, ctx));
    if (a < 0 || b < 0) return ctx.Fail(ErrorKind::kTypeError, "AND, OR and XOR need booleans");
    if (op == BinaryOp::kAnd) {
      if (b == 0) return Value::Bool(false);
      return (a == 2 || b == 2) ? Value() : Value::Bool(true);
    }
    if (op == BinaryOp::kOr) {
      if (b == 1) return Value::Bool(true);
      return (a == 2 || b == 2) ? Value() : Value::Bool(false);
    }
    if (a == 2 || b == 2) return Value();
    return Value::Bool(a != b);
  }
  Value a = Evaluate(*e.children[0], row, ctx);
  Value b = Evaluate(*e.children[1], row, ctx);
  switch (op) {
    case BinaryOp::kEq: return Value::FromTri(Equals(a, b));
    case BinaryOp::kNe: {
      Tri t = Equals(a, b);
      return t == Tri::kNull ? Value() : Value::Bool(t == Tri::kFalse);
    }
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe: {
      int c = Compare(a, b);
      if (c == 2) {
        // NaN is a number that compares false with every number.
        bool nan = (a.kind() == Kind::kFloat && std::isnan(a.float_value()) && b.is_number()) ||
                   (b.kind() == Kind::kFloat && std::isnan(b.float_value()) && a.is_number());
        return nan ? Value::Bool(false) : Value();
      }
      bool r = op == BinaryOp::kLt ? c < 0 : op == BinaryOp::kLe ? c <= 0
               : op == BinaryOp::kGt ? c > 0 : c >= 0;
      return Value::Bool(r);
    }
    case BinaryOp::kIn: return In(a, b, ctx);
    case BinaryOp::kStartsWith:
    case BinaryOp::kEndsWith:
    case BinaryOp::kContains: {
      if (a.kind() != Kind::kString || b.kind() != Kind::kString) return Value();
      const std::string& s = a.string_value();
      const std::string& t = b.string_value();
      bool r = op == BinaryOp::kStartsWith ? absl::StartsWith(s, t)
               : op == BinaryOp::kEndsWith ? absl::EndsWith(s, t)
                                           : absl::StrContains(s, t);
      return Value::Bool(r);
    }
    case BinaryOp::kRegexMatch: {
      if (a.kind() != Kind::kString || b.kind() != Kind::kString) return Value();
      try {
        std::regex re(b.string_value(), std::regex::ECMAScript);
        return Value::Bool(std::regex_match(a.string_value(), re));
      } catch (const std::regex_error&) {
        return ctx.Fail(ErrorKind::kArgumentError,
                        absl::StrCat("invalid regular expression '", b.string_value(), "'"));
      }
    }
    default:
      return Arithmetic(op, a, b, ctx);
  }
}

Value Unary(const BoundExpr& e, Row& row, EvalContext& ctx) {
  Value v = Evaluate(*e.children[0], row, ctx);
  switch (e.unary_op) {
    case UnaryOp::kIsNull: return Value::Bool(v.is_null());
    case UnaryOp::kIsNotNull: return Value::Bool(!v.is_null());
    case UnaryOp::kNot: {
      int t = TriOf(v);
      if (t < 0) return TypeMismatch(ctx, "NOT needs a boolean", v);
      return t == 2 ? Value() : Value::Bool(t == 0);
    }
    case UnaryOp::kNegate:
      if (v.is_null()) return v;
      if (v.kind() == Kind::kInt) {
        if (v.int_value() == std::numeric_limits<int64_t>::min()) {
          return ctx.Fail(ErrorKind::kArgumentError, "integer overflow");
        }
        return Value::Int(-v.int_value());
      }
      if (v.kind() == Kind::kFloat) return Value::Float(-v.float_value());
      return TypeMismatch(ctx, "Unary minus needs a number", v);
    case UnaryOp::kPlus:
      if (v.is_null() || v.is_number()) return v;
      return TypeMismatch(ctx, "Unary plus needs a number", v);
  }
  return Value();
}

// Resolves a possibly negative list index; false when out of range.
bool ListIndex(int64_t i, size_t size, size_t* out) {
  int64_t n = static_cast<int64_t>(size);
  if (i < 0) i += n;
  if (i < 0 || i >= n) return false;
  *out = static_cast<size_t>(i);
  return true;
}

Value Subscript(const BoundExpr& e, Row& row, EvalContext& ctx) {
  Value c = Evaluate(*e.children[0], row, ctx);
  Value i = Evaluate(*e.children[1], row, ctx);
  if (c.is_null() || i.is_null()) return Value();
  if (c.kind() == Kind::kList) {
    if (i.kind() != Kind::kInt) return TypeMismatch(ctx, "List index must be an integer", i);
    size_t index;
    return ListIndex(i.int_value(), c.list_value().size(), &index) ? c.list_value()[index]
                                                                   : Value();
  }
  if (c.kind() == Kind::kMap || c.kind() == Kind::kNode || c.kind() == Kind::kRel) {
    if (i.kind() != Kind::kString) return TypeMismatch(ctx, "Map key must be a string", i);
    return PropertyOf(c, i.string_value(), ctx);
  }
  return TypeMismatch(ctx, "Subscript needs a list or a map", c);
}

Value Slice(const BoundExpr& e, Row& row, EvalContext& ctx) {
  Value c = Evaluate(*e.children[0], row, ctx);
  if (c.is_null()) return Value();
  if (c.kind() != Kind::kList) return TypeMismatch(ctx, "Slice needs a list", c);
  int64_t n = static_cast<int64_t>(c.list_value().size());
  int64_t bounds[2] = {0, n};
  for (int k = 0; k < 2; ++k) {
    if (!e.children[k + 1]) continue;
    Value b = Evaluate(*e.children[k + 1], row, ctx);
    if (b.is_null()) return Value();
    if (b.kind() != Kind::kInt) return TypeMismatch(ctx, "Slice bounds must be integers", b);
    int64_t x = b.int_value();
    if (x < 0) x += n;
    bounds[k] = std::clamp<int64_t>(x, 0, n);
  }
  if (bounds[1] <= bounds[0]) return Value::MakeList({});
  const List& l = c.list_value();
  return Value::MakeList(List(l.begin() + bounds[0], l.begin() + bounds[1]));
}

Value Case(const BoundExpr& e, Row& row, EvalContext& ctx) {
  size_t i = 0;
  Value test;
  if (e.has_test) test = Evaluate(*e.children[i++], row, ctx);
  size_t end = e.children.size() - (e.has_else ? 1 : 0);
  for (; i < end; i += 2) {
    Value when = Evaluate(*e.children[i], row, ctx);
    bool hit = e.has_test ? Equals(test, when) == Tri::kTrue
                          : (when.kind() == Kind::kBool && when.bool_value());
    if (hit) return Evaluate(*e.children[i + 1], row, ctx);
  }
  return e.has_else ? Evaluate(*e.children.back(), row, ctx) : Value();
}

Value IterateList(const BoundExpr& e, Row& row, EvalContext& ctx) {
  Value list = Evaluate(*e.children[0], row, ctx);
  if (list.is_null()) return Value();
  if (list.kind() != Kind::kList) return TypeMismatch(ctx, "Expected a list", list);
  List out;
  BuildBudget budget;
  int matches = 0;
  size_t nulls = 0;
  bool saw_null = false;
  for (const Value& x : list.list_value()) {
    row[e.slot] = x;
    if (e.where) {
      Value p = Evaluate(*e.where, row, ctx);
      if (p.is_null()) {
        saw_null = true;
        ++nulls;
        continue;
      }
      if (p.kind() != Kind::kBool) return TypeMismatch(ctx, "WHERE needs a boolean", p);
      if (!p.bool_value()) continue;
    }
    ++matches;
    if (e.kind == BoundKind::kComprehension) {
      out.push_back(e.projection ? Evaluate(*e.projection, row, ctx) : x);
      if (!budget.Add(out.back(), ctx)) return Value();
    }
    if (!ctx.ok()) return Value();
  }
  if (e.kind == BoundKind::kComprehension) return Value::MakeList(std::move(out));
  size_t n = list.list_value().size();
  switch (e.quantifier) {
    case query::QuantifierKind::kAll:
      if (static_cast<size_t>(matches) + nulls < n) return Value::Bool(false);
      return saw_null ? Value() : Value::Bool(true);
    case query::QuantifierKind::kAny:
      if (matches > 0) return Value::Bool(true);
      return saw_null ? Value() : Value::Bool(false);
    case query::QuantifierKind::kNone:
      if (matches > 0) return Value::Bool(false);
      return saw_null ? Value() : Value::Bool(true);
    case query::QuantifierKind::kSingle:
      if (matches > 1) return Value::Bool(false);
      if (saw_null) return Value();
      return Value::Bool(matches == 1);
  }
  return Value();
}

Value Reduce(const BoundExpr& e, Row& row, EvalContext& ctx) {
  Value acc = Evaluate(*e.children[0], row, ctx);
  Value list = Evaluate(*e.children[1], row, ctx);
  if (list.is_null()) return Value();
  if (list.kind() != Kind::kList) return TypeMismatch(ctx, "reduce() expects a list", list);
  size_t i = 0;
  for (const Value& x : list.list_value()) {
    row[e.acc_slot] = std::move(acc);  // a long string accumulator is not copied
    row[e.slot] = x;
    acc = Evaluate(*e.projection, row, ctx);
    if (!ctx.ok()) return Value();
    // The accumulator is the one way a query nests values without bound
    // (reduce(l = [], i IN range(1, 100000) | [l])); comparing, printing and
    // destroying values recurses per level, so stop it early. Checked every
    // 16 steps (each step adds at most the parser's 500 levels).
    if ((++i & 15) == 0 && (acc.kind() == Kind::kList || acc.kind() == Kind::kMap) &&
        NestedDeeperThan(acc, 500)) {
      return ctx.Fail(absl::ResourceExhaustedError(
          "ValueTooDeep: reduce() built a value nesting lists or maps more than 500 levels "
          "deep"));
    }
  }
  return acc;
}

bool HasLabels(const Value& v, const std::vector<std::string>& labels, EvalContext& ctx) {
  const Graph& g = ctx.graph();
  if (!g.NodeAlive(v.node_id())) return false;
  for (const std::string& l : labels) {
    auto id = ctx.LabelIdOf(l);
    if (!id || !g.HasLabel(v.node_id(), *id)) return false;
  }
  return true;
}

// EXISTS: runs the subquery's plan from the current row; true on the first
// match.
Value Exists(const BoundExpr& e, Row& row, EvalContext& ctx) {
  PhysicalOperator* plan = ctx.subplans().Get(e, ctx.graph());
  plan->Open(ctx);
  Row probe = row;
  bool found = plan->Next(ctx, probe);
  return ctx.ok() ? Value::Bool(found) : Value();
}

// Pattern comprehension: runs the pattern's plan from the current row and
// collects the projection of every match, in match order. Null when a
// variable the pattern starts from is null (e.g. from OPTIONAL MATCH), as
// in Neo4j.
Value PatternComprehension(const BoundExpr& e, Row& row, EvalContext& ctx) {
  for (const query::QueryNode& n : e.subgraph->nodes) {
    if (n.bound_before && row[n.slot].is_null()) return Value();
  }
  for (const query::QueryRel& r : e.subgraph->rels) {
    if (r.bound_before && row[r.slot].is_null()) return Value();
  }
  PhysicalOperator* plan = ctx.subplans().Get(e, ctx.graph());
  plan->Open(ctx);
  Row probe = row;
  List out;
  BuildBudget budget;
  while (plan->Next(ctx, probe)) {
    out.push_back(Evaluate(*e.projection, probe, ctx));
    if (!ctx.ok() || !budget.Add(out.back(), ctx)) return Value();
  }
  return ctx.ok() ? Value::MakeList(std::move(out)) : Value();
}

}  // namespace


namespace {

// `plan_key`, when given, is `key` as a string of the plan, whose id the
// context caches.
Value PropertyIn(const Value& v, std::string_view key, const std::string* plan_key,
                 EvalContext& ctx) {
  const Graph& g = ctx.graph();
  switch (v.kind()) {
    case Kind::kNull: return Value();
    case Kind::kMap: {
      const Value* found = v.FindKey(key);
      return found ? *found : Value();
    }
    case Kind::kNode:
    case Kind::kRel: {
      bool node = v.kind() == Kind::kNode;
      uint64_t eid = node ? v.node_id() : v.rel_id();
      if (node ? !g.NodeAlive(eid) : !g.RelAlive(eid)) {
        return ctx.Fail(ErrorKind::kEntityNotFound,
                        absl::StrCat("DeletedEntityAccess: cannot read property '", std::string(key),
                                     "' of a ", node ? "node" : "relationship",
                                     " deleted by this query"));
      }
      auto id = plan_key != nullptr ? ctx.KeyIdOf(*plan_key) : g.keys().Find(key);
      if (!id) return Value();
      PropertyRef found = node ? g.node(eid).properties.Get(*id) : g.rel(eid).properties.Get(*id);
      return found ? *found : Value();
    }
    case Kind::kTemporal: return TemporalProperty(v, key, ctx);
    default:
      return TypeMismatch(ctx, absl::StrCat("Cannot access property '", std::string(key),
                                            "' of a value that is not a node, relationship or map"),
                          v);
  }
}

}  // namespace

Value PropertyOf(const Value& v, std::string_view key, EvalContext& ctx) {
  return PropertyIn(v, key, nullptr, ctx);
}

Value PlanPropertyOf(const Value& v, const std::string& plan_key, EvalContext& ctx) {
  return PropertyIn(v, plan_key, &plan_key, ctx);
}

bool CheckPropertyValue(const Value& v, EvalContext& ctx) {
  switch (v.kind()) {
    case Kind::kMap:
    case Kind::kNode:
    case Kind::kRel:
    case Kind::kPath:
      TypeMismatch(ctx, "Property values can only be of primitive types or lists of them", v);
      return false;
    case Kind::kList:
      for (const Value& x : v.list_value()) {
        if (x.kind() == Kind::kList || !CheckPropertyValue(x, ctx)) {
          if (ctx.ok()) {
            TypeMismatch(ctx, "Property values can only be of primitive types or lists of them", x);
          }
          return false;
        }
      }
      return true;
    default:
      return true;
  }
}

Value BuildPath(const std::vector<query::PathStep>& steps, const Row& row, EvalContext& ctx) {
  PathData p;
  const Graph& g = ctx.graph();
  for (const query::PathStep& s : steps) {
    const Value& v = row[s.slot];
    if (v.is_null()) return Value();
    if (s.kind == query::VarKind::kNode) {
      if (p.nodes.empty()) p.nodes.push_back(v.node_id());
      continue;
    }
    auto step = [&](RelId r) {
      NodeId cur = p.nodes.back();
      const RelRecord& rec = g.rel(r);
      p.rels.push_back(r);
      p.nodes.push_back(rec.source == cur ? rec.target : rec.source);
    };
    if (s.kind == query::VarKind::kRel) {
      step(v.rel_id());
    } else {
      for (const Value& r : v.list_value()) step(r.rel_id());
    }
  }
  return Value::Path(std::move(p));
}

bool EvaluatePredicate(const BoundExpr& expr, Row& row, EvalContext& ctx) {
  Value v = Evaluate(expr, row, ctx);
  if (v.kind() == Kind::kBool) return v.bool_value();
  if (!v.is_null()) TypeMismatch(ctx, "A predicate must be a boolean", v);
  return false;
}

Value Evaluate(const BoundExpr& e, Row& row, EvalContext& ctx) {
  switch (e.kind) {
    case BoundKind::kConstant: return e.constant;
    case BoundKind::kSlot: return row[e.slot];
    case BoundKind::kProperty: {
      const query::BoundExpr& of = *e.children[0];
      // n.key on a variable: read the slot in place, no copy.
      if (of.kind == BoundKind::kSlot) return PlanPropertyOf(row[of.slot], e.name, ctx);
      return PlanPropertyOf(Evaluate(of, row, ctx), e.name, ctx);
    }
    case BoundKind::kList: {
      List l;
      l.reserve(e.children.size());
      for (const auto& c : e.children) l.push_back(Evaluate(*c, row, ctx));
      return Value::MakeList(std::move(l));
    }
    case BoundKind::kMap: {
      Map m;
      m.reserve(e.children.size());
      for (size_t i = 0; i < e.children.size(); ++i) {
        m.emplace_back(e.keys[i], Evaluate(*e.children[i], row, ctx));
      }
      return Value::MakeMap(std::move(m));
    }
    case BoundKind::kUnary: return Unary(e, row, ctx);
    case BoundKind::kBinary: return Binary(e, row, ctx);
    case BoundKind::kFunction: {
      Value args[8];
      std::vector<Value> many;
      Value* argv = args;
      if (e.children.size() > 8) {
        many.resize(e.children.size());
        argv = many.data();
      }
      bool any_null = false;
      for (size_t i = 0; i < e.children.size(); ++i) {
        argv[i] = Evaluate(*e.children[i], row, ctx);
        any_null |= argv[i].is_null();
      }
      if (!ctx.ok()) return Value();
      if (any_null && !e.function->handles_null) return Value();
      return e.function->fn(std::span<const Value>(argv, e.children.size()), ctx);
    }
    case BoundKind::kCase: return Case(e, row, ctx);
    case BoundKind::kComprehension:
    case BoundKind::kQuantifier: return IterateList(e, row, ctx);
    case BoundKind::kReduce: return Reduce(e, row, ctx);
    case BoundKind::kSubscript: return Subscript(e, row, ctx);
    case BoundKind::kSlice: return Slice(e, row, ctx);
    case BoundKind::kHasLabels: {
      Value v = Evaluate(*e.children[0], row, ctx);
      if (v.is_null()) return Value();
      if (v.kind() != Kind::kNode) return TypeMismatch(ctx, "Label predicates need a node", v);
      return Value::Bool(HasLabels(v, e.labels, ctx));
    }
    case BoundKind::kPath: return BuildPath(e.path_steps, row, ctx);
    case BoundKind::kExists: return Exists(e, row, ctx);
    case BoundKind::kPatternComprehension: return PatternComprehension(e, row, ctx);
  }
  return Value();
}

Value EvalContext::Fail(query::ErrorKind kind, std::string_view message) {
  return Fail(query::QueryError(kind, message));
}

Value EvalContext::Fail(absl::Status status) {
  if (status_.ok()) status_ = std::move(status);
  return Value();
}

}  // namespace cornerstone::engine
