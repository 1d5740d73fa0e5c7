// Copyright (c) Cornerstone authors.
// Shared by the kg.* procedures and functions (kg_*.cc): property access by
// name, display names, temporal validity, and the definitions each file
// contributes to RegisterKgProcedures / FindKgFunction.
#ifndef CORNERSTONE_ENGINE_EXEC_KG_INTERNAL_H_
#define CORNERSTONE_ENGINE_EXEC_KG_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/exec/functions.h"
#include "engine/exec/procedures.h"
#include "engine/storage/graph.h"
#include "engine/value/value.h"

namespace cornerstone::engine::kg {

// A node's or relationship's property by key name; nullptr when absent (or
// the key was never interned). Preconditions: the entity is alive.
PropertyRef NodeProperty(const Graph& g, NodeId id, std::string_view key);
PropertyRef RelProperty(const Graph& g, RelId id, std::string_view key);

// How text output names a node: its `name` when a string, else its first
// string alias, else "#<id>".
std::string DisplayName(const Graph& g, NodeId id);

// The `source` of a relationship when it is a string, else "".
std::string SourceOf(const Graph& g, RelId id);

// Whether relationship `id` holds at `date` (a DATE value): its `valid_from`
// is absent or <= date, and its `valid_to` absent or > date (the half-open
// interval the AS OF semantics use). With `date` null: whether it has not
// ended, i.e. has no `valid_to`. Bounds that are not comparable with the
// date (not temporal) are ignored.
bool ValidAt(const Graph& g, RelId id, const Value& date);

// Distinct non-empty `source`s of `rels`, in order of first appearance.
std::vector<std::string> DistinctSources(const Graph& g, const std::vector<RelId>& rels);

// Each file's contributions.
ProcedureDef LookupProcedure();   // kg.lookup, kg_lookup.cc
ProcedureDef ExplainProcedure();  // kg.explain, kg_explain.cc
extern const FunctionDef kEffectiveStake;  // kg.effectiveStake, kg_stake.cc

}  // namespace cornerstone::engine::kg

#endif  // CORNERSTONE_ENGINE_EXEC_KG_INTERNAL_H_
