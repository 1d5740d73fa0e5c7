// Copyright (c) Cornerstone authors.
// The abstract syntax tree produced by the parser (queries/parse/parser.h)
// and consumed by the binder. Plain structs; ownership is by value and
// unique_ptr. Names are as written (not interned, not checked).
#ifndef CORNERSTONE_QUERIES_PARSE_AST_H_
#define CORNERSTONE_QUERIES_PARSE_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cornerstone::query {

// 1-based line and column (the column counts code points of the line) plus
// the byte offset in the statement text.
struct Position {
  int line = 1;
  int column = 1;
  size_t offset = 0;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  kLiteral,        // literal
  kParameter,      // $name: name
  kVariable,       // name
  kProperty,       // children[0].name
  kList,           // [children...]
  kMap,            // {map_keys[i]: children[i]}
  kUnary,          // unary_op children[0]
  kBinary,         // children[0] binary_op children[1]
  kFunctionCall,   // name(children...), distinct; name keeps its case and
                   // may be dotted ("toInteger", "algo.x")
  kCountStar,      // count(*)
  kCase,           // CASE [case_test] WHEN whens[i].first THEN whens[i].second ... [ELSE case_else] END
  kListComprehension,  // [name IN children[0] WHERE where | projection]
  kSubscript,      // children[0][children[1]]
  kSlice,          // children[0][slice_from .. slice_to] (either may be null)
  kQuantifier,     // all/any/none/single(name IN children[0] WHERE where)
  kReduce,         // reduce(accumulator = children[0], name IN children[1] | projection)
  kHasLabels,      // children[0]:A:B (label predicate in WHERE)
  kPatternPredicate,  // a relationship pattern used as a predicate: pattern
  kExists,         // EXISTS { MATCH ... } or exists(expr): see exists_*
  kPatternComprehension,  // [pattern WHERE where | projection]; the path
                          // variable, if any, is pattern->path_variable
};

enum class UnaryOp { kNot, kNegate, kPlus, kIsNull, kIsNotNull };

enum class BinaryOp {
  kOr, kXor, kAnd,
  kEq, kNe, kLt, kLe, kGt, kGe,
  kAdd, kSub, kMul, kDiv, kMod, kPow,
  kIn, kStartsWith, kEndsWith, kContains, kRegexMatch,
};

enum class QuantifierKind { kAll, kAny, kNone, kSingle };

struct Literal {
  enum class Kind { kNull, kBool, kInt, kFloat, kString } kind = Kind::kNull;
  bool bool_value = false;
  int64_t int_value = 0;
  double float_value = 0;
  std::string string_value;  // escapes already decoded; UTF-8
};

struct PatternPart;
struct SingleQuery;

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  Position pos;
  Literal literal;
  std::string name;  // parameter, variable, property key, function name, or
                     // comprehension / quantifier / reduce iteration variable
  std::vector<ExprPtr> children;
  std::vector<std::string> map_keys;  // kMap
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAnd;
  QuantifierKind quantifier = QuantifierKind::kAll;
  bool distinct = false;  // count(DISTINCT x)
  // kCase
  ExprPtr case_test;
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  ExprPtr case_else;
  // kListComprehension, kQuantifier, kReduce
  ExprPtr where;
  ExprPtr projection;
  std::string accumulator;  // kReduce
  // kSlice
  ExprPtr slice_from, slice_to;
  // kHasLabels
  std::vector<std::string> labels;
  // kPatternPredicate, kExists, kPatternComprehension
  std::shared_ptr<PatternPart> pattern;
  // kExists in its full form, EXISTS { MATCH ... [WITH ...] RETURN ... }:
  // the subquery (then `pattern` is null)
  std::shared_ptr<SingleQuery> subquery;
};

// ---- Patterns ----

struct NodePattern {
  Position pos;
  std::string variable;             // empty if anonymous
  std::vector<std::string> labels;  // (:A:B)
  ExprPtr properties;               // map literal or parameter, or null
};

enum class Direction {
  kRight,  // (a)-[]->(b)
  kLeft,   // (a)<-[]-(b)
  kBoth,   // (a)-[]-(b)
};

struct RelPattern {
  Position pos;
  std::string variable;
  std::vector<std::string> types;  // [:A|B] (also accepts [:A|:B])
  ExprPtr properties;
  Direction direction = Direction::kBoth;
  bool var_length = false;         // any '*' present
  std::optional<int64_t> min_hops;  // *2 -> min=max=2; *1..3; *..3; * -> none
  std::optional<int64_t> max_hops;
};

struct PatternPart {
  Position pos;
  std::string path_variable;  // p = (...)
  enum class Shortest { kNone, kShortest, kAllShortest } shortest = Shortest::kNone;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
};

using Pattern = std::vector<PatternPart>;

// ---- Clauses ----

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // empty without AS
  std::string text;   // the expression's source text, trimmed, used as the
                      // column name when there is no alias
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct Projection {
  bool distinct = false;
  bool star = false;  // RETURN *, WITH * (items may follow: RETURN *, x)
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip;
  ExprPtr limit;
  ExprPtr where;  // WITH ... WHERE only
};

struct SetItem {
  enum class Kind {
    kProperty,     // target(property expr) = value
    kReplaceAll,   // variable = value
    kMergeAll,     // variable += value
    kLabels,       // variable:A:B
  } kind = Kind::kProperty;
  ExprPtr target;  // kProperty: a kProperty expression (e.g. n.name)
  std::string variable;
  std::vector<std::string> labels;
  ExprPtr value;
};

struct RemoveItem {
  enum class Kind { kProperty, kLabels } kind = Kind::kProperty;
  ExprPtr target;  // kProperty
  std::string variable;
  std::vector<std::string> labels;
};

struct YieldItem {
  std::string field;
  std::string alias;  // empty without AS
};

enum class ClauseKind {
  kMatch,        // [OPTIONAL] MATCH pattern [AS OF as_of] [WHERE where]
  kUnwind,       // UNWIND expr AS alias
  kWith,         // WITH projection
  kReturn,       // RETURN projection
  kCreate,       // CREATE pattern
  kMerge,        // MERGE pattern[0] [ON CREATE SET ...] [ON MATCH SET ...]
  kSet,          // SET set_items
  kRemove,       // REMOVE remove_items
  kDelete,       // [DETACH] DELETE exprs
  kCall,         // CALL name(args) [YIELD items [WHERE where]]
  kCreateIndex,  // CREATE INDEX [name] FOR (n:Label) ON (n.key)  |  CREATE INDEX ON :Label(key)
  kDropIndex,    // DROP INDEX ON :Label(key)
  kForeach,      // FOREACH (alias IN expr | body clauses)
};

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  Position pos;
  bool optional = false;  // OPTIONAL MATCH
  Pattern pattern;        // MATCH, CREATE, MERGE
  ExprPtr where;          // MATCH, CALL ... YIELD ... WHERE
  ExprPtr as_of;          // MATCH ... AS OF expr (Cornerstone extension)
  Projection projection;  // WITH, RETURN
  ExprPtr expr;           // UNWIND, FOREACH list
  std::string alias;      // UNWIND, FOREACH variable
  std::vector<SetItem> set_items;  // SET
  std::vector<SetItem> on_create;  // MERGE
  std::vector<SetItem> on_match;   // MERGE
  std::vector<RemoveItem> remove_items;
  std::vector<ExprPtr> exprs;  // DELETE targets, CALL arguments
  bool detach = false;
  std::string procedure;            // CALL
  bool implicit_args = false;       // CALL name (no parentheses): arguments from parameters
  bool has_yield = false;
  bool yield_star = false;
  std::vector<YieldItem> yield_items;
  std::string label, key;           // index clauses
  std::vector<Clause> body;         // FOREACH
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct Statement {
  enum class Mode { kNormal, kExplain, kProfile } mode = Mode::kNormal;
  std::vector<SingleQuery> queries;  // joined by UNION
  std::vector<bool> union_all;       // union_all[i] joins queries[i] and [i+1]
};

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_PARSE_AST_H_
