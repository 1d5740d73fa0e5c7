// Copyright (c) Cornerstone authors.
// Property columns: a numeric property of a label's nodes copied into one
// contiguous array, so that a scan comparing it with a constant reads 8
// bytes per node in order instead of each node's property list.
#include <cmath>
#include <limits>

#include "engine/storage/graph.h"

namespace cornerstone::engine {
namespace {

std::shared_ptr<const NodeColumn> BuildColumn(const Graph& g, LabelId label, KeyId key) {
  auto col = std::make_shared<NodeColumn>();
  col->nodes = g.NodesWithLabel(label);
  const size_t n = col->nodes.size();
  // The type is the first value's; any other kind leaves the column unusable.
  Kind kind = Kind::kNull;
  for (NodeId id : col->nodes) {
    const Value* v = g.node(id).properties.Get(key);
    if (v == nullptr) continue;
    kind = v->kind();
    break;
  }
  if (kind != Kind::kInt && kind != Kind::kFloat) return col;  // kNone
  bool all_present = true;
  if (kind == Kind::kInt) {
    col->ints.resize(n);
    col->present.resize(n);
  } else {
    col->floats.resize(n);
  }
  for (size_t i = 0; i < n; ++i) {
    const Value* v = g.node(col->nodes[i]).properties.Get(key);
    if (v == nullptr) {
      all_present = false;
      if (kind == Kind::kFloat) col->floats[i] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    if (v->kind() != kind) {
      col->ints = {};
      col->floats = {};
      col->present = {};
      return col;  // kNone
    }
    if (kind == Kind::kInt) {
      col->ints[i] = v->int_value();
      col->present[i] = 1;
    } else {
      col->floats[i] = v->float_value();
    }
  }
  if (all_present) col->present = {};
  col->type = kind == Kind::kInt ? NodeColumn::Type::kInt : NodeColumn::Type::kFloat;
  return col;
}

}  // namespace

std::shared_ptr<const NodeColumn> Graph::Column(LabelId label, KeyId key) const {
  std::lock_guard<std::mutex> lock(columns_mu_);
  if (columns_version_ != version_) {
    columns_.clear();
    columns_version_ = version_;
  }
  auto [it, inserted] = columns_.try_emplace(std::make_pair(label, key));
  if (inserted) it->second = BuildColumn(*this, label, key);
  return it->second;
}

}  // namespace cornerstone::engine
