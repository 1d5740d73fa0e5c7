// Copyright (c) Cornerstone authors.
#include "engine/api/convert.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/exec/limits.h"

namespace cornerstone::api {
namespace {

ValueMap PublicProperties(const engine::PropertyList& props, const engine::Graph& g) {
  ValueMap out;
  for (const auto& [key, value] : props.entries()) out.emplace(g.keys().Name(key), ToPublic(value, g));
  return out;
}

Node PublicNode(engine::NodeId id, const engine::Graph& g) {
  Node n;
  n.id = static_cast<int64_t>(id);
  if (!g.NodeAlive(id)) return n;  // deleted by the statement that returns it
  const engine::NodeRecord& rec = g.node(id);
  for (engine::LabelId l : rec.labels) n.labels.push_back(g.labels().Name(l));
  n.properties = PublicProperties(rec.properties, g);
  return n;
}

Relationship PublicRel(engine::RelId id, const engine::Graph& g) {
  Relationship r;
  r.id = static_cast<int64_t>(id);
  if (id >= g.rel_capacity()) return r;
  const engine::RelRecord& rec = g.rel(id);
  r.start_id = static_cast<int64_t>(rec.source);
  r.end_id = static_cast<int64_t>(rec.target);
  if (!g.RelAlive(id)) return r;
  r.type = g.types().Name(rec.type);
  r.properties = PublicProperties(rec.properties, g);
  return r;
}

}  // namespace

Value ToPublic(const engine::Value& v, const engine::Graph& g) {
  using engine::Kind;
  switch (v.kind()) {
    case Kind::kNull: return Value();
    case Kind::kBool: return Value(v.bool_value());
    case Kind::kInt: return Value(v.int_value());
    case Kind::kFloat: return Value(v.float_value());
    case Kind::kString: return Value(v.string_value());
    case Kind::kList: {
      ValueList l;
      l.reserve(v.list_value().size());
      for (const engine::Value& x : v.list_value()) l.push_back(ToPublic(x, g));
      return Value(std::move(l));
    }
    case Kind::kMap: {
      ValueMap m;
      for (const auto& [k, x] : v.map_value()) m.emplace(k, ToPublic(x, g));
      return Value(std::move(m));
    }
    case Kind::kNode: return Value(PublicNode(v.node_id(), g));
    case Kind::kRel: return Value(PublicRel(v.rel_id(), g));
    case Kind::kPath: {
      Path p;
      for (engine::NodeId n : v.path_value().nodes) p.nodes.push_back(PublicNode(n, g));
      for (engine::RelId r : v.path_value().rels) p.relationships.push_back(PublicRel(r, g));
      return Value(std::move(p));
    }
    case Kind::kTemporal: return Value(engine::TemporalToString(v.temporal_value()));
  }
  return Value();
}

absl::Status CheckParameter(const std::string& name, const Value& v, int64_t max_bytes,
                            int64_t* total_bytes) {
  auto too_large = [&] {
    return absl::ResourceExhaustedError(absl::StrCat(
        "ParameterTooLarge: the parameters (at $", name, ") are larger than ",
        engine::FormatBytes(max_bytes), " (limit: QueryOptions::max_parameter_bytes)"));
  };
  std::vector<std::pair<const Value*, int>> stack = {{&v, 0}};
  while (!stack.empty()) {
    auto [x, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxParameterDepth) {
      return absl::InvalidArgumentError(absl::StrCat(
          "ParameterTooDeep: parameter $", name, " nests lists or maps more than ",
          kMaxParameterDepth, " levels deep"));
    }
    *total_bytes += static_cast<int64_t>(sizeof(engine::Value));
    switch (x->type()) {
      case ValueType::kString:
        *total_bytes += static_cast<int64_t>(x->string_value().size());
        break;
      case ValueType::kList:
        for (const Value& e : x->list_value()) stack.push_back({&e, depth + 1});
        break;
      case ValueType::kMap:
        for (const auto& [k, e] : x->map_value()) {
          *total_bytes += static_cast<int64_t>(k.size() + sizeof(std::string));
          stack.push_back({&e, depth + 1});
        }
        break;
      default: break;
    }
    if (max_bytes > 0 && *total_bytes > max_bytes) return too_large();
  }
  return absl::OkStatus();
}

absl::StatusOr<engine::Value> FromPublic(const Value& v) {
  switch (v.type()) {
    case ValueType::kNull: return engine::Value();
    case ValueType::kBool: return engine::Value::Bool(v.bool_value());
    case ValueType::kInt: return engine::Value::Int(v.int_value());
    case ValueType::kFloat: return engine::Value::Float(v.float_value());
    case ValueType::kString: return engine::Value::String(v.string_value());
    case ValueType::kList: {
      engine::List l;
      for (const Value& x : v.list_value()) {
        absl::StatusOr<engine::Value> e = FromPublic(x);
        if (!e.ok()) return e.status();
        l.push_back(*std::move(e));
      }
      return engine::Value::MakeList(std::move(l));
    }
    case ValueType::kMap: {
      engine::Map m;
      for (const auto& [k, x] : v.map_value()) {
        absl::StatusOr<engine::Value> e = FromPublic(x);
        if (!e.ok()) return e.status();
        m.emplace_back(k, *std::move(e));
      }
      return engine::Value::MakeMap(std::move(m));
    }
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(ValueTypeName(v.type()), " values cannot be passed as parameters"));
  }
}

}  // namespace cornerstone::api
