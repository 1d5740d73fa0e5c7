// Copyright (c) Cornerstone authors.
// algo.*: graph algorithms from Boost.Graph run on the storage. This file
// holds what every procedure shares (the projection, the config map, node
// arguments, edge weights) and algo.list; the algorithms are in
// algo_paths.cc, algo_centrality.cc and algo_components.cc.
#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/exec/algo_internal.h"
#include "engine/exec/builtins.h"

namespace cornerstone::engine {
namespace algo {

Projection::Projection(const Graph& graph, EvalContext* ctx,
                       const std::vector<std::string>* labels, const std::vector<NodeId>* nodes,
                       const std::vector<std::string>* types)
    : graph_(graph),
      ctx_(ctx),
      member_(graph.node_capacity(), 0),
      filtered_(graph, EdgeFilter{this}, VertexFilter{this}) {
  if (labels != nullptr) {
    for (const std::string& name : *labels) {
      std::optional<uint32_t> label = graph.labels().Find(name);
      if (!label) continue;
      for (NodeId id : graph.NodesWithLabel(*label)) member_[id] = 1;
    }
  } else {
    for (NodeId id = 0; id < graph.node_capacity(); ++id) member_[id] = graph.NodeAlive(id);
  }
  if (nodes != nullptr) {
    // Intersect: 2 marks "listed and kept so far".
    for (NodeId id : *nodes) {
      if (member_[id] != 0) member_[id] = 2;
    }
    for (uint8_t& m : member_) m = m == 2 ? 1 : 0;
  }
  for (NodeId id = 0; id < member_.size(); ++id) {
    if (member_[id] != 0) nodes_.push_back(id);
  }
  if (types != nullptr) {
    all_types_ = false;
    type_member_.assign(graph.types().size(), 0);
    size_t kept = 0;
    for (const std::string& name : *types) {
      std::optional<uint32_t> t = graph.types().Find(name);
      if (!t || type_member_[*t] != 0) continue;
      type_member_[*t] = 1;
      single_type_ = *t;
      ++kept;
    }
    if (kept != 1) single_type_.reset();
  }
}

void Projection::CountDegrees() {
  if (has_degrees()) return;
  std::vector<uint32_t> out(member_.size(), 0), in(member_.size(), 0);
  for (NodeId v : nodes_) {
    auto [first, last] = ProjectedOut(v, *this);
    for (; first != last; ++first) {
      ++out[v];
      ++in[first->target];
    }
  }
  out_degree_ = std::move(out);
  in_degree_ = std::move(in);
}

namespace {

std::string KindOf(const Value& v) { return TypeName(v); }

// STRING or LIST OF STRING.
absl::StatusOr<std::vector<std::string>> StringList(const Value& v, std::string_view key) {
  std::vector<std::string> out;
  if (v.kind() == Kind::kString) {
    out.push_back(v.string_value());
    return out;
  }
  if (v.kind() == Kind::kList) {
    for (const Value& item : v.list_value()) {
      if (item.kind() != Kind::kString) {
        return absl::InvalidArgumentError(absl::StrCat("config `", std::string(key),
                                                       "` must be a list of strings, but holds a ",
                                                       KindOf(item)));
      }
      out.push_back(item.string_value());
    }
    return out;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "config `", std::string(key), "` must be a string or a list of strings, got ", KindOf(v)));
}

absl::Status WrongType(std::string_view key, std::string_view expected, const Value& v) {
  return absl::InvalidArgumentError(absl::StrCat("config `", std::string(key), "` must be ",
                                                 std::string(expected), ", got ", KindOf(v)));
}

absl::Status OutOfRange(std::string_view key, std::string_view expected, const Value& v) {
  return absl::InvalidArgumentError(absl::StrCat("config `", std::string(key), "` must be ",
                                                 std::string(expected), ", got ",
                                                 v.is_number() ? absl::StrCat(v.number_value())
                                                               : KindOf(v)));
}

}  // namespace

absl::StatusOr<Config> ParseConfig(const Value& config, const Graph& graph,
                                   std::initializer_list<std::string_view> allowed) {
  Config out;
  if (config.is_null()) return out;
  if (config.kind() != Kind::kMap) {
    return absl::InvalidArgumentError(
        absl::StrCat("the config argument must be a map, got ", KindOf(config)));
  }
  for (const auto& [key, v] : config.map_value()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::vector<std::string> names(allowed.begin(), allowed.end());
      return absl::InvalidArgumentError(
          absl::StrCat("unknown config key `", key, "`",
                       names.empty() ? std::string("; this procedure takes no configuration")
                                     : absl::StrCat("; allowed keys: ", absl::StrJoin(names, ", "))));
    }
    if (v.is_null()) continue;
    if (key == "labels") {
      auto list = StringList(v, key);
      if (!list.ok()) return list.status();
      out.labels = std::move(*list);
    } else if (key == "relTypes") {
      auto list = StringList(v, key);
      if (!list.ok()) return list.status();
      out.rel_types = std::move(*list);
    } else if (key == "nodes") {
      if (v.kind() != Kind::kList) return WrongType(key, "a list of nodes", v);
      std::vector<NodeId> ids;
      for (const Value& item : v.list_value()) {
        if (item.kind() != Kind::kNode) {
          return absl::InvalidArgumentError(
              absl::StrCat("config `nodes` must be a list of nodes, but holds a ", KindOf(item)));
        }
        if (!graph.NodeAlive(item.node_id())) {
          return absl::InvalidArgumentError("config `nodes` holds a deleted node");
        }
        ids.push_back(item.node_id());
      }
      out.nodes = std::move(ids);
    } else if (key == "direction") {
      if (v.kind() != Kind::kString) return WrongType(key, "'OUTGOING', 'INCOMING' or 'BOTH'", v);
      std::string d = absl::AsciiStrToUpper(v.string_value());
      if (d == "OUTGOING") {
        out.direction = Direction::kOutgoing;
      } else if (d == "INCOMING") {
        out.direction = Direction::kIncoming;
      } else if (d == "BOTH") {
        out.direction = Direction::kBoth;
      } else {
        return absl::InvalidArgumentError(absl::StrCat(
            "config `direction` must be 'OUTGOING', 'INCOMING' or 'BOTH', got '",
            v.string_value(), "'"));
      }
    } else if (key == "weight") {
      if (v.kind() != Kind::kString) return WrongType(key, "a property name (STRING)", v);
      out.weight = v.string_value();
    } else if (key == "defaultWeight") {
      if (!v.is_number()) return WrongType(key, "a number", v);
      double w = v.number_value();
      if (!(w >= 0) || std::isinf(w)) return OutOfRange(key, "a finite number >= 0", v);
      out.default_weight = w;
    } else if (key == "damping") {
      if (!v.is_number()) return WrongType(key, "a number", v);
      double d = v.number_value();
      if (!(d >= 0 && d < 1)) return OutOfRange(key, "at least 0 and below 1", v);
      out.damping = d;
    } else if (key == "iterations") {
      if (v.kind() != Kind::kInt) return WrongType(key, "an INTEGER", v);
      if (v.int_value() < 1 || v.int_value() > 1000000) {
        return OutOfRange(key, "between 1 and 1000000", v);
      }
      out.iterations = v.int_value();
    } else if (key == "maxDepth") {
      if (v.kind() != Kind::kInt) return WrongType(key, "an INTEGER", v);
      if (v.int_value() < 0) return OutOfRange(key, "at least 0", v);
      out.max_depth = v.int_value();
    } else if (key == "normalized") {
      if (v.kind() != Kind::kBool) return WrongType(key, "a BOOLEAN", v);
      out.normalized = v.bool_value();
    }
  }
  return out;
}

absl::StatusOr<NodeId> NodeArgument(const Value& v, std::string_view name, const Graph& graph) {
  if (v.is_null()) {
    return absl::InvalidArgumentError(
        absl::StrCat("argument `", std::string(name), "` is null; expected a node"));
  }
  if (v.kind() != Kind::kNode) {  // (the CALL operator checks types; kept for direct callers)
    return absl::InvalidArgumentError(absl::StrCat(
        "argument `", std::string(name), "` must be a node, got ", KindName(v.kind())));
  }
  if (!graph.NodeAlive(v.node_id())) {
    return absl::InvalidArgumentError(
        absl::StrCat("argument `", std::string(name), "` is a deleted node"));
  }
  return v.node_id();
}

std::unique_ptr<Projection> MakeProjection(const Config& config, EvalContext& ctx) {
  return std::make_unique<Projection>(ctx.graph(), &ctx,
                                      config.labels ? &*config.labels : nullptr,
                                      config.nodes ? &*config.nodes : nullptr,
                                      config.rel_types ? &*config.rel_types : nullptr);
}

WeightReader::WeightReader(const Graph& graph, const Config& config)
    : graph_(&graph), name_(config.weight), default_(config.default_weight) {
  if (std::optional<uint32_t> key = graph.keys().Find(config.weight)) key_ = *key;
}

double WeightReader::operator()(const BglEdge& e) const {
  PropertyRef v = key_ ? graph_->rel(e.rel).properties.Get(*key_) : PropertyRef();
  if (v == nullptr) {
    if (default_) return *default_;
    throw WeightError{absl::StrCat("relationship ", e.rel, " has no `", name_,
                                   "` property (set defaultWeight to use one)")};
  }
  if (!v->is_number()) {
    throw WeightError{absl::StrCat("relationship ", e.rel, " has a ", KindOf(*v), " `", name_,
                                   "`; weights must be numbers")};
  }
  double w = v->number_value();
  if (!(w >= 0) || std::isinf(w)) {
    throw WeightError{absl::StrCat("relationship ", e.rel, " has weight `", name_, "` = ",
                                   w, "; weights must be finite and >= 0")};
  }
  return w;
}

}  // namespace algo

void RegisterAlgoProcedures(ProcedureRegistry& registry) {
  algo::RegisterPathProcedures(registry);
  algo::RegisterCentralityProcedures(registry);
  algo::RegisterComponentProcedures(registry);

  // algo.list lists every procedure of this registry (algo.*, kg.* and any a
  // host registered), sorted by name. The registry outlives its
  // definitions, so the pointer stays valid.
  ProcedureDef list;
  list.name = "algo.list";
  list.outputs = {{"name", "STRING"}, {"signature", "STRING"}};
  const ProcedureRegistry* reg = &registry;
  list.run = [reg](std::span<const Value>, EvalContext&, algo::Rows* rows) {
    for (const ProcedureDef* def : reg->All()) {
      rows->push_back({Value::String(def->name), Value::String(Signature(*def))});
    }
    return absl::OkStatus();
  };
  registry.Add(std::move(list));
}

}  // namespace cornerstone::engine
