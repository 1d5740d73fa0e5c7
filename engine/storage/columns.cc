// Copyright (c) Cornerstone authors.
// Columns: a numeric property of a label's nodes or of a type's
// relationships copied into one contiguous array, and a type's
// relationships with their ends, so that an operator reading one property
// of many entities reads 8 bytes per entity in order instead of each
// entity's record and property list.
#include <cmath>
#include <limits>

#include "engine/storage/graph.h"

namespace cornerstone::engine {
namespace {

// The column of the values `get(i)` returns for i in [0, n) (nullptr:
// absent). Its type is the first value's; a value of another kind leaves
// it kNone.
template <typename Get>
std::shared_ptr<PropertyColumn> BuildColumn(size_t n, Get get) {
  auto col = std::make_shared<PropertyColumn>();
  Kind kind = Kind::kNull;
  for (size_t i = 0; i < n && kind == Kind::kNull; ++i) {
    if (PropertyRef v = get(i)) kind = v->kind();
  }
  if (kind != Kind::kInt && kind != Kind::kFloat) return col;
  bool all_present = true;
  col->present.resize(n);
  if (kind == Kind::kInt) {
    col->ints.resize(n);
  } else {
    col->floats.resize(n);
  }
  for (size_t i = 0; i < n; ++i) {
    PropertyRef v = get(i);
    if (v == nullptr) {
      all_present = false;
      if (kind == Kind::kFloat) col->floats[i] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    if (v->kind() != kind) return std::make_shared<PropertyColumn>();  // kNone
    col->present[i] = 1;
    if (kind == Kind::kInt) {
      col->ints[i] = v->int_value();
    } else {
      col->floats[i] = v->float_value();
    }
  }
  if (all_present) col->present = {};
  col->type = kind == Kind::kInt ? PropertyColumn::Type::kInt : PropertyColumn::Type::kFloat;
  return col;
}

}  // namespace

Graph::ColumnCache& Graph::Columns() const {
  if (columns_version_ != version_) {
    columns_ = ColumnCache{};
    columns_version_ = version_;
  }
  return columns_;
}

std::shared_ptr<const PropertyColumn> Graph::Column(LabelId label, KeyId key) const {
  std::lock_guard<std::mutex> lock(columns_mu_);
  auto [it, inserted] = Columns().nodes.try_emplace(std::make_pair(label, key));
  if (inserted) {
    const std::vector<NodeId>& nodes = NodesWithLabel(label);
    auto col = BuildColumn(nodes.size(),
                           [&](size_t i) { return nodes_[nodes[i]].properties.Get(key); });
    col->ids = nodes;
    it->second = std::move(col);
  }
  return it->second;
}

std::shared_ptr<const TypeTable> Graph::Relationships(TypeId type) const {
  std::lock_guard<std::mutex> lock(columns_mu_);
  auto [it, inserted] = Columns().types.try_emplace(type);
  if (inserted) {
    auto table = std::make_shared<TypeTable>();
    const size_t n = type < type_counts_.size() ? type_counts_[type] : 0;
    table->rels.reserve(n);
    table->sources.reserve(n);
    table->targets.reserve(n);
    for (RelId id = 0; id < rels_.size(); ++id) {
      const RelRecord& r = rels_[id];
      if (!r.alive || r.type != type) continue;
      table->rels.push_back(id);
      table->sources.push_back(r.source);
      table->targets.push_back(r.target);
    }
    it->second = std::move(table);
  }
  return it->second;
}

std::shared_ptr<const PropertyColumn> Graph::RelColumn(TypeId type, KeyId key) const {
  std::shared_ptr<const TypeTable> table = Relationships(type);
  std::lock_guard<std::mutex> lock(columns_mu_);
  auto [it, inserted] = Columns().rels.try_emplace(std::make_pair(type, key));
  if (inserted) {
    const std::vector<RelId>& ids = table->rels;
    it->second = BuildColumn(ids.size(),
                             [&](size_t i) { return rels_[ids[i]].properties.Get(key); });
  }
  return it->second;
}

}  // namespace cornerstone::engine
