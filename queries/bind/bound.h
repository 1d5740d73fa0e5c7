// Copyright (c) Cornerstone authors.
// The binder's output: expressions with variables resolved to row slots and
// functions resolved to definitions, and one QueryGraph per MATCH.
//
// Rows: every variable of a single query (user-named or hidden) owns one
// slot in a flat row (std::vector<engine::Value>). Slots are never reused,
// so operators only ever add to a row.
#ifndef CORNERSTONE_QUERIES_BIND_BOUND_H_
#define CORNERSTONE_QUERIES_BIND_BOUND_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/value/value.h"
#include "queries/parse/ast.h"

namespace cornerstone::engine {
struct FunctionDef;
struct AggregateDef;
struct ProcedureDef;
class ProcedureRegistry;
}  // namespace cornerstone::engine

namespace cornerstone::query {

using Slot = int32_t;
inline constexpr Slot kNoSlot = -1;

enum class VarKind { kValue, kNode, kRel, kRelList, kPath };

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;
struct QueryGraph;
struct BoundSingleQuery;

enum class BoundKind {
  kConstant,       // constant
  kSlot,           // the value in row[slot]
  kProperty,       // children[0].name (node, relationship or map)
  kList,           // [children...]
  kMap,            // {keys[i]: children[i]}
  kUnary,          // unary_op children[0]
  kBinary,         // children[0] binary_op children[1]
  kFunction,       // function(children...)
  kCase,           // children: [test]? (when, then)* [else]?  see has_test/has_else
  kComprehension,  // [row[slot] IN children[0] WHERE where | projection]
  kQuantifier,     // all/any/none/single(row[slot] IN children[0] WHERE where)
  kReduce,         // reduce(row[acc_slot] = children[0], row[slot] IN children[1] | projection)
  kSubscript,      // children[0][children[1]]
  kSlice,          // children[0][from..to]; children[1]/[2] may be null
  kHasLabels,      // children[0]:labels
  kPath,           // builds a path from path_steps
  kExists,         // true when `subgraph` (or `subquery`) matches from the current row
  kPatternComprehension,  // [projection for each match of `subgraph` from the current row]
};

// One element of a named path: a node slot, a relationship slot, or a slot
// holding the list of relationships of a variable-length hop.
struct PathStep {
  Slot slot;
  VarKind kind;  // kNode, kRel or kRelList
};

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  Position pos;
  engine::Value constant;
  Slot slot = kNoSlot;
  Slot acc_slot = kNoSlot;
  std::string name;  // property key, function name (as written)
  std::vector<BoundExprPtr> children;
  std::vector<std::string> keys;    // kMap
  std::vector<std::string> labels;  // kHasLabels
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAnd;
  QuantifierKind quantifier = QuantifierKind::kAll;
  const engine::FunctionDef* function = nullptr;
  bool has_test = false, has_else = false;
  BoundExprPtr where, projection;
  std::vector<PathStep> path_steps;
  std::shared_ptr<QueryGraph> subgraph;  // kExists, kPatternComprehension
  // kExists in its full form (EXISTS { MATCH ... RETURN ... }); then
  // `subgraph` is null.
  std::shared_ptr<BoundSingleQuery> subquery;
};

// An aggregate call extracted from a projection: its value lands in `slot`.
struct BoundAggregate {
  const engine::AggregateDef* def = nullptr;
  std::string name;
  bool distinct = false;
  BoundExprPtr arg;  // null for count(*)
  BoundExprPtr arg2;  // percentileCont / percentileDisc: the percentile
  Slot slot = kNoSlot;
};

// ---- Query graph (one per MATCH) ----

struct QueryNode {
  Slot slot = kNoSlot;
  bool bound_before = false;  // variable bound by an earlier clause
  std::vector<std::string> labels;
  // Property equalities from the pattern's map: key = value.
  std::vector<std::pair<std::string, BoundExprPtr>> properties;
};

struct QueryRel {
  Slot slot = kNoSlot;  // kRel (single hop) or kRelList (variable length)
  bool bound_before = false;
  int from = 0, to = 0;  // indexes into QueryGraph::nodes, in pattern order
  Direction direction = Direction::kRight;  // relative to from -> to
  std::vector<std::string> types;
  std::vector<std::pair<std::string, BoundExprPtr>> properties;
  bool var_length = false;
  int64_t min_hops = 1, max_hops = 1;  // max_hops < 0: unbounded
  // shortestPath(...) / allShortestPaths(...): the only relationship of its
  // pattern part (always variable length), with the part's path variable
  // (kNoSlot when unnamed) and steps (empty when unnamed).
  PatternPart::Shortest shortest = PatternPart::Shortest::kNone;
  Slot path_slot = kNoSlot;
  std::vector<PathStep> path_steps;
};

struct QueryGraph {
  std::vector<QueryNode> nodes;
  std::vector<QueryRel> rels;
  // Named paths: slot of the path and its steps.
  std::vector<std::pair<Slot, std::vector<PathStep>>> paths;
  // WHERE split into conjuncts.
  std::vector<BoundExprPtr> predicates;
  // MATCH ... AS OF expr: every relationship matched must be valid at this
  // date (valid_from <= d < valid_to, a missing bound is open). Null when
  // the MATCH has no AS OF.
  BoundExprPtr valid_at;
};

// ---- Clauses ----

struct BoundItem {
  BoundExprPtr expr;
  std::string name;  // column / variable name
  Slot slot = kNoSlot;
};

struct BoundSort {
  BoundExprPtr expr;
  bool descending = false;
};

struct BoundProjection {
  std::vector<BoundItem> items;
  std::vector<BoundAggregate> aggregates;  // empty: no aggregation
  bool distinct = false;
  std::vector<BoundSort> order_by;
  BoundExprPtr skip, limit;
  BoundExprPtr where;  // WITH ... WHERE

  // The aggregate whose result lands in `slot`, or null.
  const BoundAggregate* FindAggregate(Slot slot) const {
    for (const BoundAggregate& a : aggregates) {
      if (a.slot == slot) return &a;
    }
    return nullptr;
  }
};

struct BoundCreateNode {
  Slot slot = kNoSlot;
  bool bound_before = false;
  std::string name;  // the variable as written ("" when anonymous), for errors
  std::vector<std::string> labels;
  BoundExprPtr properties;  // map expression or null
};

struct BoundCreateRel {
  Slot slot = kNoSlot;
  int from = 0, to = 0;  // indexes into nodes; direction already applied
  std::string type;
  BoundExprPtr properties;
};

struct BoundCreatePattern {
  std::vector<BoundCreateNode> nodes;
  std::vector<BoundCreateRel> rels;
  std::vector<std::pair<Slot, std::vector<PathStep>>> paths;
};

struct BoundSetItem {
  SetItem::Kind kind = SetItem::Kind::kProperty;
  BoundExprPtr target;  // kProperty: the entity expression
  std::string key;      // kProperty
  Slot slot = kNoSlot;  // kReplaceAll / kMergeAll / kLabels
  std::vector<std::string> labels;
  BoundExprPtr value;
  bool remove = false;  // REMOVE n.k (kProperty) / REMOVE n:L (kLabels)
};

enum class BoundClauseKind {
  kMatch, kUnwind, kProjection, kCreate, kMerge, kSet, kDelete, kCreateIndex, kDropIndex,
  kForeach, kCall,
};

struct BoundClause {
  BoundClauseKind kind = BoundClauseKind::kMatch;
  bool optional = false;
  QueryGraph graph;                  // kMatch, kMerge (the pattern to match)
  std::vector<Slot> new_slots;       // kMatch optional: slots to null out
  BoundExprPtr expr;                 // kUnwind
  Slot slot = kNoSlot;               // kUnwind
  BoundProjection projection;        // kProjection
  bool is_return = false;            // kProjection: RETURN
  BoundCreatePattern create;         // kCreate, kMerge
  std::vector<BoundSetItem> set_items;  // kSet; kMerge: on_create
  std::vector<BoundSetItem> on_match;   // kMerge
  std::vector<BoundExprPtr> exprs;   // kDelete
  bool detach = false;
  std::string label, key;            // index clauses
  std::vector<BoundClause> body;     // kForeach (expr, slot: the list and variable)
  const engine::ProcedureDef* procedure = nullptr;  // kCall (arguments in exprs,
  std::vector<Slot> output_slots;    // one per output; kNoSlot when not yielded;
                                     // filter in expr)
};

struct BoundSingleQuery {
  std::vector<BoundClause> clauses;
  std::vector<std::string> columns;  // empty for queries without RETURN
  std::vector<Slot> column_slots;
  int num_slots = 0;
  std::vector<std::string> slot_names;  // by slot; "" for hidden slots
  bool updates = false;
};

struct BoundStatement {
  Statement::Mode mode = Statement::Mode::kNormal;
  std::vector<BoundSingleQuery> queries;
  bool union_distinct = false;  // any UNION without ALL
  bool updates = false;
};

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_BIND_BOUND_H_
