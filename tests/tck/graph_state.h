// Copyright (c) Cornerstone authors. Graph snapshots for the side-effect
// check (FORMAT.md, "side_effects"), taken through queries only.
#ifndef CORNERSTONE_TESTS_TCK_GRAPH_STATE_H_
#define CORNERSTONE_TESTS_TCK_GRAPH_STATE_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "cornerstone/cornerstone.h"
#include "scenario.h"
#include "tck_value.h"

namespace cornerstone_tck {

// Every node and relationship by id, as a TckValue (labels or type plus
// properties), and the set of label names in use.
struct GraphState {
  std::map<int64_t, TckValue> nodes;
  std::map<int64_t, TckValue> relationships;
  std::set<std::string> labels;
};

// Reads the whole graph with `MATCH (n) RETURN n` and
// `MATCH ()-[r]->() RETURN r`. Entity ids identify entities across two
// snapshots (the engine never reuses them).
absl::StatusOr<GraphState> TakeSnapshot(cornerstone::Connection& conn);

// The side effects between two snapshots: all eight keys, each counted as
// FORMAT.md defines (properties as (entity, key, value) triples, labels as
// the set of label names in use).
SideEffects Diff(const GraphState& before, const GraphState& after);

// "" when `actual` matches `expected` (missing keys mean 0), otherwise e.g.
// "+nodes expected 1, got 2; -labels expected 0, got 1".
std::string CompareSideEffects(const SideEffects& expected, const SideEffects& actual);

}  // namespace cornerstone_tck

#endif  // CORNERSTONE_TESTS_TCK_GRAPH_STATE_H_
