// Copyright (c) Cornerstone authors.
// The planner: turns a bound statement into a logical plan. For each MATCH
// it picks the start node with the smallest estimated cardinality (bound
// variable, then index seek, then label scan, then all nodes), expands
// along the pattern from there, and places each WHERE conjunct right after
// the operator that binds the last variable it needs.
#ifndef CORNERSTONE_QUERIES_PLAN_PLANNER_H_
#define CORNERSTONE_QUERIES_PLAN_PLANNER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "engine/storage/graph.h"
#include "queries/bind/bound.h"
#include "queries/plan/logical_plan.h"

namespace cornerstone::query {

// `graph` supplies statistics (label counts, indexes) only.
// Plans a pattern to be matched from a given row (its leaf is kArgument),
// for EXISTS subqueries and pattern predicates.
LogicalOperatorPtr PlanSubpattern(const QueryGraph& graph, const engine::Graph& stats);

// Plans the clauses of a full EXISTS { MATCH ... RETURN ... } subquery on a
// kArgument leaf (the current row).
LogicalOperatorPtr PlanSubquery(const BoundSingleQuery& query, const engine::Graph& stats);

absl::StatusOr<std::unique_ptr<LogicalPlan>> Plan(BoundStatement statement,
                                                  const engine::Graph& graph);

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_PLAN_PLANNER_H_
