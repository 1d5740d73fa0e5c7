// Copyright (c) Cornerstone authors.
// GraphML export and import (format in cornerstone/import.h).
//
// Boost.Graph's write_graphml writes every key on every element, so it
// cannot leave a property out (null) or tell an absent value from "" or 0;
// the writer below emits only present properties. The reader uses
// Boost.PropertyTree's XML parser (header-only), as Boost's read_graphml
// does internally, and honours <default> values of keys.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/import/columns.h"
#include "engine/import/export.h"
#include "engine/import/json_read.h"

namespace cornerstone::engine {
namespace {

void AppendXml(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '&': out->append("&amp;"); break;
      case '"': out->append("&quot;"); break;
      case '\r': out->append("&#13;"); break;
      default: out->push_back(c);
    }
  }
}

// GraphML attr.type for a column type ("int" -> "long", lists as strings).
std::string GraphmlType(const std::string& column_type) {
  if (column_type == "int") return "long";
  if (column_type == "float") return "double";
  if (column_type == "boolean") return "boolean";
  return "string";
}

std::string ListElementType(const std::string& column_type) {
  if (column_type.size() < 2 || column_type.substr(column_type.size() - 2) != "[]") return "";
  return GraphmlType(column_type.substr(0, column_type.size() - 2));
}


// Keys: (domain, property key, column type) -> GraphML key id.
using KeyMap = std::map<std::tuple<bool, KeyId, std::string>, std::string>;

void CollectKeys(const PropertyList& props, bool edge, KeyMap* keys) {
  for (const auto& [key, value] : props.entries()) {
    auto k = std::make_tuple(edge, key, ColumnTypeOf(value));
    if (!keys->count(k)) (*keys)[k] = absl::StrCat(edge ? "e" : "n", keys->size());
  }
}

void AppendData(const Graph& g, const PropertyList& props, bool edge, const KeyMap& keys,
                std::string* out) {
  for (const auto& [key, value] : props.entries()) {
    const std::string& id = keys.at(std::make_tuple(edge, key, ColumnTypeOf(value)));
    absl::StrAppend(out, "<data key=\"", id, "\">");
    AppendXml(ScalarText(value), out);
    out->append("</data>");
  }
  (void)g;
}

struct KeyDef {
  bool edge = false;
  std::string name, type, list;  // list: element type of a JSON list
  bool has_default = false;
  std::string default_text;
};

using boost::property_tree::ptree;

// An XML attribute (names like "attr.name" hold the path separator '.').
std::string Attr(const ptree& element, const char* name, const std::string& fallback = "") {
  auto attrs = element.get_child_optional("<xmlattr>");
  if (!attrs) return fallback;
  return attrs->get<std::string>(ptree::path_type(name, '/'), fallback);
}

absl::StatusOr<Value> Convert(const KeyDef& key, const std::string& text) {
  if (!key.list.empty()) return ParseJson(text);
  csv::Column column;
  if (key.type == "int" || key.type == "long") {
    column.type = csv::FieldType::kInt;
  } else if (key.type == "float" || key.type == "double") {
    column.type = csv::FieldType::kFloat;
  } else if (key.type == "boolean") {
    column.type = csv::FieldType::kBool;
  }
  Value v;
  if (absl::Status s = csv::ParseField(text, column, ';', &v); !s.ok()) return s;
  return v;
}

// Reads the <data> children of `element` (plus key defaults) into `props`;
// `labels_or_type` gets the text of the `labels` (nodes) or `label` (edges)
// attribute.
absl::Status ReadData(Graph& g, const ptree& element, bool edge,
                      const absl::flat_hash_map<std::string, KeyDef>& keys,
                      PropertyList* props, std::string* labels_or_type) {
  std::vector<const KeyDef*> seen;
  for (const auto& [tag, child] : element) {
    if (tag != "data") continue;
    std::string id = Attr(child, "key", "");
    auto it = keys.find(id);
    if (it == keys.end()) return absl::InvalidArgumentError(absl::StrCat("unknown key '", id, "'"));
    const KeyDef& key = it->second;
    std::string text = child.get_value<std::string>();
    seen.push_back(&key);
    if (key.name == (edge ? "label" : "labels") && key.type == "string" && id == key.name) {
      *labels_or_type = text;
      continue;
    }
    absl::StatusOr<Value> v = Convert(key, text);
    if (!v.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("key '", key.name, "': ", v.status().message()));
    }
    if (!v->is_null()) props->Set(g.keys().Intern(key.name), *std::move(v));
  }
  for (const auto& [id, key] : keys) {
    if (!key.has_default || key.edge != edge) continue;
    if (std::find(seen.begin(), seen.end(), &key) != seen.end()) continue;
    absl::StatusOr<Value> v = Convert(key, key.default_text);
    if (v.ok() && !v->is_null()) props->Set(g.keys().Intern(key.name), *std::move(v));
  }
  return absl::OkStatus();
}

absl::Status ReadGraph(Graph& g, const ptree& root, const std::string& path,
                       ImportReport* report) {
  const ptree* graphml = root.get_child_optional("graphml").get_ptr();
  if (graphml == nullptr) return absl::InvalidArgumentError(absl::StrCat(path, ": no <graphml>"));
  absl::flat_hash_map<std::string, KeyDef> keys;
  for (const auto& [tag, k] : *graphml) {
    if (tag != "key") continue;
    KeyDef def;
    std::string id = Attr(k, "id", "");
    def.edge = Attr(k, "for", "node") == "edge";
    def.name = Attr(k, "attr.name", id);
    def.type = Attr(k, "attr.type", "string");
    def.list = Attr(k, "attr.list", "");
    if (auto d = k.get_child_optional("default")) {
      def.has_default = true;
      def.default_text = d->get_value<std::string>();
    }
    keys[id] = def;
  }
  const ptree* graph = graphml->get_child_optional("graph").get_ptr();
  if (graph == nullptr) return absl::InvalidArgumentError(absl::StrCat(path, ": no <graph>"));
  absl::flat_hash_map<std::string, NodeId> ids;
  for (const auto& [tag, n] : *graph) {
    if (tag != "node") continue;
    std::string id = Attr(n, "id", "");
    PropertyList props;
    std::string labels_text;
    if (auto s = ReadData(g, n, false, keys, &props, &labels_text); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": node '", id, "': ", s.message()));
    }
    std::vector<LabelId> labels;
    size_t start = 0;
    while (start < labels_text.size()) {
      size_t end = labels_text.find(':', start);
      if (end == std::string::npos) end = labels_text.size();
      if (end > start) {
        LabelId l = g.labels().Intern(std::string_view(labels_text).substr(start, end - start));
        if (std::find(labels.begin(), labels.end(), l) == labels.end()) labels.push_back(l);
      }
      start = end + 1;
    }
    if (!ids.try_emplace(id, g.AddNode(labels, std::move(props))).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": duplicate node id '", id, "'"));
    }
    ++report->nodes;
  }
  for (const auto& [tag, e] : *graph) {
    if (tag != "edge") continue;
    NodeId ends[2];
    const char* attrs[2] = {"source", "target"};
    for (int k = 0; k < 2; ++k) {
      std::string id = Attr(e, attrs[k]);
      auto it = ids.find(id);
      if (it == ids.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ": dangling edge: no node '", id, "'"));
      }
      ends[k] = it->second;
    }
    PropertyList props;
    std::string type = "RELATED_TO";  // GraphML edges need not have a type
    if (auto s = ReadData(g, e, true, keys, &props, &type); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": edge: ", s.message()));
    }
    absl::StatusOr<TypeId> type_id = g.InternType(type);
    if (!type_id.ok()) {
      return absl::ResourceExhaustedError(
          absl::StrCat(path, ": edge: ", type_id.status().message()));
    }
    g.AddRelationship(ends[0], ends[1], *type_id, std::move(props));
    ++report->relationships;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ExportReport> ExportGraphmlFromGraph(const Graph& g, const std::string& path) {
  KeyMap keys;
  for (NodeId id = 0; id < g.node_capacity(); ++id) {
    if (g.NodeAlive(id)) CollectKeys(g.node(id).properties, false, &keys);
  }
  for (RelId id = 0; id < g.rel_capacity(); ++id) {
    if (g.RelAlive(id)) CollectKeys(g.rel(id).properties, true, &keys);
  }
  FILE* f = fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return absl::PermissionDeniedError(absl::StrCat(path, ": cannot write: ", strerror(errno)));
  }
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "<key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n"
      "<key id=\"label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n";
  for (const auto& [k, id] : keys) {
    const auto& [edge, key, type] = k;
    absl::StrAppend(&out, "<key id=\"", id, "\" for=\"", edge ? "edge" : "node",
                    "\" attr.name=\"");
    AppendXml(g.keys().Name(key), &out);
    std::string element = ListElementType(type);
    absl::StrAppend(&out, "\" attr.type=\"", GraphmlType(type), "\"");
    if (!element.empty()) absl::StrAppend(&out, " attr.list=\"", element, "\"");
    out.append("/>\n");
  }
  out.append("<graph id=\"G\" edgedefault=\"directed\">\n");
  ExportReport report;
  for (NodeId id = 0; id < g.node_capacity(); ++id) {
    if (!g.NodeAlive(id)) continue;
    const NodeRecord& n = g.node(id);
    absl::StrAppend(&out, "<node id=\"n", id, "\">");
    if (!n.labels.empty()) {
      out.append("<data key=\"labels\">");
      for (LabelId l : n.labels) {
        out.push_back(':');
        AppendXml(g.labels().Name(l), &out);
      }
      out.append("</data>");
    }
    AppendData(g, n.properties, false, keys, &out);
    out.append("</node>\n");
    ++report.nodes;
    if (out.size() > (1 << 20)) fwrite(out.data(), 1, out.size(), f), out.clear();
  }
  for (RelId id = 0; id < g.rel_capacity(); ++id) {
    if (!g.RelAlive(id)) continue;
    const RelRecord& r = g.rel(id);
    absl::StrAppend(&out, "<edge id=\"e", id, "\" source=\"n", r.source, "\" target=\"n",
                    r.target, "\"><data key=\"label\">");
    AppendXml(g.types().Name(r.type), &out);
    out.append("</data>");
    AppendData(g, r.properties, true, keys, &out);
    out.append("</edge>\n");
    ++report.relationships;
    if (out.size() > (1 << 20)) fwrite(out.data(), 1, out.size(), f), out.clear();
  }
  out.append("</graph>\n</graphml>\n");
  fwrite(out.data(), 1, out.size(), f);
  if (fclose(f) != 0) return absl::DataLossError(absl::StrCat(path, ": write failed"));
  report.files.push_back(path);
  return report;
}

absl::StatusOr<ImportReport> ImportGraphmlIntoGraph(Graph& g, const std::string& path) {
  if (g.in_transaction()) return absl::FailedPreconditionError("cannot import inside a transaction");
  auto start = std::chrono::steady_clock::now();
  ptree root;
  try {
    boost::property_tree::read_xml(path, root);
  } catch (const boost::property_tree::xml_parser_error& e) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ":", e.line(), ":1: ", e.message()));
  }
  ImportReport report;
  g.Begin();
  absl::Status s = ReadGraph(g, root, path, &report);
  if (!s.ok()) {
    g.Rollback();
    return s;
  }
  g.Commit();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace cornerstone::engine
