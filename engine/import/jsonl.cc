// Copyright (c) Cornerstone authors.
// JSON Lines export and import (format in cornerstone/import.h).
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/import/export.h"
#include "engine/import/json_read.h"

namespace cornerstone::engine {
namespace {

void AppendProperties(const Graph& g, const PropertyList& props, std::string* out) {
  out->append("\"properties\":{");
  bool first = true;
  for (const auto& [key, value] : props.entries()) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(g.keys().Name(key), out);
    out->push_back(':');
    AppendJson(value, out);
  }
  out->append("}}\n");
}

// Properties from a JSON object (null members are skipped).
absl::Status ToProperties(Graph& g, const Value* json, PropertyList* props) {
  if (json == nullptr || json->is_null()) return absl::OkStatus();
  if (json->kind() != Kind::kMap) return absl::InvalidArgumentError("\"properties\" is not an object");
  for (const auto& [key, value] : json->map_value()) {
    if (value.is_null()) continue;
    if (value.kind() == Kind::kMap) {
      return absl::InvalidArgumentError(absl::StrCat("property '", key, "' is a map"));
    }
    props->Set(g.keys().Intern(key), value);
  }
  return absl::OkStatus();
}

// The key of a node id in the file (integer or string).
std::string IdKey(const Value* v) {
  if (v == nullptr) return "";
  if (v->kind() == Kind::kInt) return absl::StrCat("i", v->int_value());
  if (v->kind() == Kind::kString) return absl::StrCat("s", v->string_value());
  return "";
}

absl::Status ImportLine(Graph& g, const Value& obj, absl::flat_hash_map<std::string, NodeId>* ids,
                        ImportReport* report) {
  if (obj.kind() != Kind::kMap) return absl::InvalidArgumentError("not a JSON object");
  const Value* type = obj.FindKey("type");
  std::string t = type && type->kind() == Kind::kString ? type->string_value() : "";
  PropertyList props;
  if (auto s = ToProperties(g, obj.FindKey("properties"), &props); !s.ok()) return s;
  if (t == "node") {
    std::vector<LabelId> labels;
    if (const Value* l = obj.FindKey("labels"); l != nullptr && l->kind() == Kind::kList) {
      for (const Value& name : l->list_value()) {
        if (name.kind() != Kind::kString) return absl::InvalidArgumentError("label is not a string");
        labels.push_back(g.labels().Intern(name.string_value()));
      }
    }
    std::string key = IdKey(obj.FindKey("id"));
    NodeId id = g.AddNode(labels, std::move(props));
    ++report->nodes;
    if (!key.empty() && !ids->try_emplace(key, id).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate node id ", key.substr(1)));
    }
    return absl::OkStatus();
  }
  if (t == "relationship") {
    const Value* label = obj.FindKey("label");
    if (label == nullptr || label->kind() != Kind::kString || label->string_value().empty()) {
      return absl::InvalidArgumentError("relationship without a \"label\"");
    }
    NodeId ends[2];
    const char* names[2] = {"start", "end"};
    for (int k = 0; k < 2; ++k) {
      const Value* end = obj.FindKey(names[k]);
      // Neo4j writes {"start":{"id":"0",...}}; we write the bare id.
      if (end != nullptr && end->kind() == Kind::kMap) end = end->FindKey("id");
      auto it = ids->find(IdKey(end));
      if (it == ids->end()) {
        return absl::InvalidArgumentError(
            absl::StrCat("dangling relationship: no node with the \"", names[k], "\" id"));
      }
      ends[k] = it->second;
    }
    absl::StatusOr<TypeId> type = g.InternType(label->string_value());
    if (!type.ok()) return type.status();
    g.AddRelationship(ends[0], ends[1], *type, std::move(props));
    ++report->relationships;
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError("\"type\" is neither \"node\" nor \"relationship\"");
}

}  // namespace

absl::StatusOr<ExportReport> ExportJsonLinesFromGraph(const Graph& g, const std::string& path) {
  FILE* f = fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return absl::PermissionDeniedError(absl::StrCat(path, ": cannot write: ", strerror(errno)));
  }
  ExportReport report;
  std::string line;
  for (NodeId id = 0; id < g.node_capacity(); ++id) {
    if (!g.NodeAlive(id)) continue;
    const NodeRecord& n = g.node(id);
    absl::StrAppend(&line, "{\"type\":\"node\",\"id\":", id, ",\"labels\":[");
    for (size_t i = 0; i < n.labels.size(); ++i) {
      if (i > 0) line.push_back(',');
      AppendJsonString(g.labels().Name(n.labels[i]), &line);
    }
    line.append("],");
    AppendProperties(g, n.properties, &line);
    fwrite(line.data(), 1, line.size(), f);
    line.clear();
    ++report.nodes;
  }
  for (RelId id = 0; id < g.rel_capacity(); ++id) {
    if (!g.RelAlive(id)) continue;
    const RelRecord& r = g.rel(id);
    absl::StrAppend(&line, "{\"type\":\"relationship\",\"id\":", id, ",\"label\":");
    AppendJsonString(g.types().Name(r.type), &line);
    absl::StrAppend(&line, ",\"start\":", r.source, ",\"end\":", r.target, ",");
    AppendProperties(g, r.properties, &line);
    fwrite(line.data(), 1, line.size(), f);
    line.clear();
    ++report.relationships;
  }
  if (fclose(f) != 0) return absl::DataLossError(absl::StrCat(path, ": write failed"));
  report.files.push_back(path);
  return report;
}

absl::StatusOr<ImportReport> ImportJsonLinesIntoGraph(Graph& g, const std::string& path) {
  if (g.in_transaction()) return absl::FailedPreconditionError("cannot import inside a transaction");
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open: ", strerror(errno)));
  auto start = std::chrono::steady_clock::now();
  ImportReport report;
  absl::flat_hash_map<std::string, NodeId> ids;
  std::string line;
  int64_t line_no = 0;
  g.Begin();
  while (std::getline(in, line)) {
    ++line_no;
    report.bytes += static_cast<int64_t>(line.size()) + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    absl::StatusOr<Value> obj = ParseJson(line);
    absl::Status s = obj.ok() ? ImportLine(g, *obj, &ids, &report) : obj.status();
    if (!s.ok()) {
      g.Rollback();
      // Parse errors start with "column: "; others are about the whole line.
      std::string where = obj.ok() ? absl::StrCat(path, ":", line_no, ":1: ")
                                   : absl::StrCat(path, ":", line_no, ":");
      return absl::InvalidArgumentError(absl::StrCat(where, s.message()));
    }
  }
  g.Commit();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace cornerstone::engine
