// Copyright (c) Cornerstone authors.
// The logical plan: a tree of operators over rows of slots. Every operator
// but the leaves reads rows from children[0]; kOptional and kMerge run
// children[1] once per input row, with kArgument as its leaf.
//
// Expressions are borrowed from the BoundStatement, which the LogicalPlan
// owns, so a plan is self-contained.
#ifndef CORNERSTONE_QUERIES_PLAN_LOGICAL_PLAN_H_
#define CORNERSTONE_QUERIES_PLAN_LOGICAL_PLAN_H_

#include <memory>
#include <string>
#include <vector>

#include "queries/bind/bound.h"

namespace cornerstone::query {

enum class LogicalKind {
  kSingleRow,    // one empty row
  kArgument,     // the current row of the enclosing kOptional / kMerge
  kAllNodesScan, // for each input row, every node -> slot
  kLabelScan,    // for each input row, every node with `label` -> slot that passes
                 // `predicates` (comparisons of its properties with constants)
  kIndexSeek,    // nodes with `label` and key = expr -> slot
  kRelTypeScan,  // for each input row, every relationship of types[0]: rel_slot, its
                 // source -> from_slot, target -> to_slot (both new)
  kExpand,       // from_slot -[rel_slot]- to_slot (into: to_slot already bound)
  kVarExpand,    // from_slot -[rel_slot: list]- to_slot, min..max hops
  kFilter,       // predicate
  kProject,      // items: expr -> slot
  kAggregate,    // groups by all non-aggregate items, fills aggregate slots
  kDistinct,     // on the item slots
  kSort,
  kSkip,
  kLimit,
  kUnwind,       // expr -> slot, one row per element
  kOptional,     // children[1] per row; no rows: null `slots`
  kCreate,
  kMerge,        // children[1] matches; no rows: create, then ON CREATE
  kSetItems,     // SET / REMOVE
  kDelete,
  kCreateIndex,
  kDropIndex,
  kEager,        // materializes its input before passing it on
  kForeach,      // children[1] (body on an Argument) per element of expr, per row
  kCall,         // a procedure per input row; clause->output_slots, filter in clause->expr
  kShortestPath, // shortest from_slot -[rel_slot: list]- to_slot paths (both ends bound),
                 // min..max hops; path in path_slot; `predicates` must hold
};

struct LogicalOperator {
  LogicalKind kind = LogicalKind::kSingleRow;
  std::vector<std::unique_ptr<LogicalOperator>> children;
  double estimated_rows = 1;

  Slot slot = kNoSlot;  // scans, seeks, unwind
  std::string label, key;
  const BoundExpr* expr = nullptr;  // seek value, filter predicate, unwind list, skip, limit

  // kExpand / kVarExpand
  Slot from_slot = kNoSlot, rel_slot = kNoSlot, to_slot = kNoSlot;
  bool into = false;
  Direction direction = Direction::kRight;  // relative to from -> to
  std::vector<std::string> types;
  int64_t min_hops = 1, max_hops = 1;
  // Relationship slots (single or list) bound earlier in the same MATCH that
  // this expansion must not reuse (relationship isomorphism).
  std::vector<std::pair<Slot, bool>> distinct_from;  // (slot, is_list)
  // Property equalities every expanded relationship must satisfy.
  const std::vector<std::pair<std::string, BoundExprPtr>>* rel_properties = nullptr;
  bool reversed = false;  // kVarExpand: expanding against pattern order
  // kExpand / kVarExpand: the relationship (list) variable was bound by an
  // earlier clause; only that relationship (those relationships) may match.
  bool rel_bound = false;
  // MATCH ... AS OF: the date every expanded relationship must be valid at
  // (kExpand, kVarExpand, kShortestPath); null without AS OF.
  const BoundExpr* valid_at = nullptr;
  // kShortestPath: all shortest paths (allShortestPaths) or one; the named
  // path (kNoSlot when unnamed) and its steps; WHERE conjuncts over the path.
  bool all_shortest = false;
  Slot path_slot = kNoSlot;
  const std::vector<PathStep>* path_steps = nullptr;
  // kShortestPath: WHERE conjuncts over the path; kLabelScan: comparisons
  // of the scanned node's properties with constants (FoldScanFilters).
  std::vector<const BoundExpr*> predicates;

  // kFilter without expr: the node in `slot` must have `labels` and the
  // property equalities in `node_properties` (except index skip_property).
  std::vector<std::string> labels;
  const std::vector<std::pair<std::string, BoundExprPtr>>* node_properties = nullptr;
  int skip_property = -1;

  const BoundProjection* projection = nullptr;  // kProject, kAggregate, kDistinct, kSort
  const std::vector<std::pair<Slot, std::vector<PathStep>>>* paths = nullptr;  // kProject of paths
  std::vector<Slot> slots;  // kOptional / kMerge: slots to null or bind
  const BoundClause* clause = nullptr;  // write operators
  // kLimit in an updating query: keep pulling the input after the limit, so
  // every update below it happens (LIMIT 0 still writes).
  bool drain_input = false;
  // kAggregate in a query that writes nothing: the grouping keys are
  // functions of the entities they read, so the operator may find a row's
  // group by those entities' ids instead of evaluating the keys per row.
  bool keys_fixed_per_entity = false;
  // kAggregate over a counting kExpand: each input row stands for
  // row[multiplicity_slot] (an integer) rows that differ only in slots no
  // aggregate reads.
  Slot multiplicity_slot = kNoSlot;
  // kAggregate over a RelationshipTypeScan (and label filters on its ends)
  // that reads the relationships from the graph's columns in one loop
  // instead of pulling its input (FuseTypeAggregates in the planner).
  bool fused_scan = false;
  // kProject over a fused_scan kAggregate of the same projection: the
  // grouping keys that are properties of the end arrive in their slots.
  bool keys_from_input = false;
  // kExpand (not into) that counts instead of enumerating: per input row it
  // counts the expansions that pass `counted` (filters and Expand(Into)
  // operators, in order, detached from the plan above it), emits the row
  // once with the count in to_slot, and skips rows that count 0. Planned
  // under an aggregate that reads neither to_slot nor a relationship slot
  // bound here (PlanCountingExpansions in the planner).
  // kExpand: the MATCH pattern it belongs to (for re-planning its start).
  const QueryGraph* match_graph = nullptr;
  bool counting = false;
  // kSort under SKIP/LIMIT: only the first skip + limit rows are needed
  // (top-k); null when the sort has no limit above it. Also a fused_scan
  // kAggregate under a Project and a top-k Sort of its projection
  // (KeepTopGroups in the planner), with the sort's keys in top_keys.
  const BoundExpr* top_skip = nullptr;
  const BoundExpr* top_limit = nullptr;
  // One ORDER BY key of the sort above a fused aggregate: an aggregate
  // (index into projection->aggregates) or a grouping key that is a
  // property of the end (index into projection->items).
  struct TopKey {
    bool aggregate = false;
    size_t index = 0;
    bool descending = false;
  };
  std::vector<TopKey> top_keys;  // empty: the aggregate emits every group
  std::vector<std::unique_ptr<LogicalOperator>> counted;

  // One line for EXPLAIN, e.g. "Expand(All) (a)-[:KNOWS]->(b)". Slots are
  // shown by name when `slot_names` (BoundSingleQuery::slot_names) is given.
  std::string Describe(const std::vector<std::string>* slot_names = nullptr) const;
};

using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

struct LogicalPlan {
  BoundStatement statement;
  std::vector<LogicalOperatorPtr> roots;  // one per UNION branch
  std::vector<std::string> columns;

  // The plan as an indented tree, one operator per line, root first.
  std::string ToString() const;
};

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_PLAN_LOGICAL_PLAN_H_
