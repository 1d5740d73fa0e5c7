// Copyright (c) Cornerstone authors.
#include "graph_state.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "compare.h"

namespace cornerstone_tck {
namespace {

constexpr const char* kKeys[] = {"+nodes",      "-nodes",      "+relationships",
                                 "-relationships", "+properties", "-properties",
                                 "+labels",     "-labels"};

// Properties of `a` that are not in `b` with the same value.
int64_t PropertiesNotIn(const TckValue& a, const TckValue* b) {
  int64_t count = 0;
  for (const auto& [key, value] : a.entries) {
    bool same = false;
    if (b != nullptr) {
      for (const auto& [other_key, other_value] : b->entries) {
        if (other_key == key) {
          same = Compare(value, other_value) == 0;
          break;
        }
      }
    }
    if (!same) ++count;
  }
  return count;
}

// Adds the entities and property triples of `from` missing in `to`.
void CountMissing(const std::map<int64_t, TckValue>& from, const std::map<int64_t, TckValue>& to,
                  int64_t* entities, int64_t* properties) {
  for (const auto& [id, entity] : from) {
    auto it = to.find(id);
    const TckValue* other = it == to.end() ? nullptr : &it->second;
    if (other == nullptr) ++*entities;
    *properties += PropertiesNotIn(entity, other);
  }
}

absl::Status Collect(cornerstone::Connection& conn, const char* query, bool nodes,
                     GraphState* state) {
  absl::StatusOr<cornerstone::Result> result = conn.Query(query);
  if (!result.ok()) return result.status();
  while (result->Next()) {
    if (result->num_columns() != 1) return absl::InternalError("snapshot: expected 1 column");
    const cornerstone::Value& value = result->Get(0);
    if (nodes && value.type() == cornerstone::ValueType::kNode) {
      const cornerstone::Node& node = value.node_value();
      state->nodes[node.id] = FromEngineValue(value);
      state->labels.insert(node.labels.begin(), node.labels.end());
    } else if (!nodes && value.type() == cornerstone::ValueType::kRelationship) {
      state->relationships[value.relationship_value().id] = FromEngineValue(value);
    } else {
      return absl::InternalError(std::string("snapshot: unexpected value from ") + query);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<GraphState> TakeSnapshot(cornerstone::Connection& conn) {
  GraphState state;
  if (absl::Status s = Collect(conn, "MATCH (n) RETURN n", true, &state); !s.ok()) return s;
  if (absl::Status s = Collect(conn, "MATCH ()-[r]->() RETURN r", false, &state); !s.ok()) {
    return s;
  }
  for (auto& [id, value] : state.nodes) Canonicalize(&value, false);
  for (auto& [id, value] : state.relationships) Canonicalize(&value, false);
  return state;
}

SideEffects Diff(const GraphState& before, const GraphState& after) {
  SideEffects out;
  for (const char* key : kKeys) out[key] = 0;
  int64_t added_props = 0;
  int64_t removed_props = 0;
  CountMissing(after.nodes, before.nodes, &out["+nodes"], &added_props);
  CountMissing(before.nodes, after.nodes, &out["-nodes"], &removed_props);
  CountMissing(after.relationships, before.relationships, &out["+relationships"], &added_props);
  CountMissing(before.relationships, after.relationships, &out["-relationships"],
               &removed_props);
  out["+properties"] = added_props;
  out["-properties"] = removed_props;
  for (const std::string& label : after.labels) {
    if (before.labels.count(label) == 0) ++out["+labels"];
  }
  for (const std::string& label : before.labels) {
    if (after.labels.count(label) == 0) ++out["-labels"];
  }
  return out;
}

std::string CompareSideEffects(const SideEffects& expected, const SideEffects& actual) {
  std::string out;
  auto count = [](const SideEffects& effects, const std::string& key) -> int64_t {
    auto it = effects.find(key);
    return it == effects.end() ? 0 : it->second;
  };
  std::set<std::string> keys;
  for (const char* key : kKeys) keys.insert(key);
  for (const auto& [key, value] : expected) keys.insert(key);
  for (const std::string& key : keys) {
    int64_t want = count(expected, key);
    int64_t got = count(actual, key);
    if (want == got) continue;
    if (!out.empty()) out += "; ";
    out += key + " expected " + std::to_string(want) + ", got " + std::to_string(got);
  }
  return out;
}

}  // namespace cornerstone_tck
