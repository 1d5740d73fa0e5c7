// Copyright (c) Cornerstone authors.
// kg.*: knowledge-graph procedures and functions. This file registers them
// and holds what they share (kg_internal.h) plus kg.sources; the lookup
// index is in kg_lookup.cc, connection explanations in kg_explain.cc and
// ownership arithmetic in kg_stake.cc.
#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/exec/builtins.h"
#include "engine/exec/context.h"
#include "engine/exec/kg_internal.h"

namespace cornerstone::engine {
namespace kg {

PropertyRef NodeProperty(const Graph& g, NodeId id, std::string_view key) {
  std::optional<KeyId> k = g.keys().Find(key);
  return k ? g.node(id).properties.Get(*k) : PropertyRef();
}

PropertyRef RelProperty(const Graph& g, RelId id, std::string_view key) {
  std::optional<KeyId> k = g.keys().Find(key);
  return k ? g.rel(id).properties.Get(*k) : PropertyRef();
}

std::string DisplayName(const Graph& g, NodeId id) {
  if (PropertyRef name = NodeProperty(g, id, "name"); name && name->kind() == Kind::kString) {
    return name->string_value();
  }
  if (PropertyRef aliases = NodeProperty(g, id, "aliases");
      aliases && aliases->kind() == Kind::kList) {
    for (const Value& a : aliases->list_value()) {
      if (a.kind() == Kind::kString) return a.string_value();
    }
  }
  return absl::StrCat("#", id);
}

std::string SourceOf(const Graph& g, RelId id) {
  PropertyRef s = RelProperty(g, id, "source");
  return s && s->kind() == Kind::kString ? s->string_value() : std::string();
}

bool ValidAt(const Graph& g, RelId id, const Value& date) {
  PropertyRef from = RelProperty(g, id, "valid_from");
  PropertyRef to = RelProperty(g, id, "valid_to");
  if (date.is_null()) return to == nullptr;
  // Compare returns 2 for incomparable values: such a bound is ignored.
  if (from != nullptr) {
    int c = Compare(*from, date);
    if (c == 1) return false;
  }
  if (to != nullptr) {
    int c = Compare(date, *to);
    if (c == 0 || c == 1) return false;
  }
  return true;
}

std::vector<std::string> DistinctSources(const Graph& g, const std::vector<RelId>& rels) {
  std::vector<std::string> out;
  for (RelId r : rels) {
    if (!g.RelAlive(r)) continue;
    std::string s = SourceOf(g, r);
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

namespace {

using query::ErrorKind;

// kg.sources(path or list of relationships) -> list of strings.
Value Sources(std::span<const Value> a, EvalContext& ctx) {
  std::vector<RelId> rels;
  if (a[0].kind() == Kind::kPath) {
    rels = a[0].path_value().rels;
  } else if (a[0].kind() == Kind::kRel) {
    rels.push_back(a[0].rel_id());
  } else if (a[0].kind() == Kind::kList) {
    for (const Value& v : a[0].list_value()) {
      if (v.is_null()) continue;
      if (v.kind() != Kind::kRel) {
        return ctx.Fail(ErrorKind::kTypeError,
                        absl::StrCat("Invalid argument type for kg.sources(): a list may hold "
                                     "only relationships, got ",
                                     KindName(v.kind())));
      }
      rels.push_back(v.rel_id());
    }
  } else {
    return ctx.Fail(ErrorKind::kTypeError,
                    absl::StrCat("Invalid argument type for kg.sources(): expected a path, a "
                                 "relationship or a list of relationships, got ",
                                 KindName(a[0].kind())));
  }
  List out;
  for (std::string& s : DistinctSources(ctx.graph(), rels)) {
    out.push_back(Value::String(std::move(s)));
  }
  return Value::MakeList(std::move(out));
}

const FunctionDef kSources = {"kg.sources", 1, 1, false, Sources};

}  // namespace
}  // namespace kg

void RegisterKgProcedures(ProcedureRegistry& registry) {
  registry.Add(kg::LookupProcedure());
  registry.Add(kg::ExplainProcedure());
}

const FunctionDef* FindKgFunction(std::string_view std_name) {
  absl::string_view name(std_name.data(), std_name.size());
  for (const FunctionDef* f : {&kg::kSources, &kg::kEffectiveStake}) {
    if (absl::EqualsIgnoreCase(name, f->name)) return f;
  }
  return nullptr;
}

std::vector<std::string> KgFunctionNames() {
  return {kg::kEffectiveStake.name, kg::kSources.name};
}

}  // namespace cornerstone::engine
