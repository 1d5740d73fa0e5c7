// Copyright (c) Cornerstone authors.
// The portable text export: a Cypher script that, run statement by
// statement on an empty database, recreates the graph exactly, ids
// included (deleted ids are recreated and deleted again at the end).
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/storage/store.h"
#include "engine/value/temporal.h"

namespace cornerstone::engine {
namespace {

std::string Name(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    out.push_back(c);
    if (c == '`') out.push_back('`');
  }
  out.push_back('`');
  return out;
}

// Throws std::invalid_argument for values a property cannot hold.
void Literal(const Value& v, std::string* out) {
  switch (v.kind()) {
    case Kind::kNull:
      out->append("null");
      return;
    case Kind::kBool:
      out->append(v.bool_value() ? "true" : "false");
      return;
    case Kind::kInt:
      if (v.int_value() == std::numeric_limits<int64_t>::min()) {
        out->append("(-9223372036854775807 - 1)");
      } else {
        absl::StrAppend(out, v.int_value());
      }
      return;
    case Kind::kFloat: {
      double d = v.float_value();
      if (std::isnan(d)) {
        out->append("(0.0 / 0.0)");
      } else if (std::isinf(d)) {
        out->append(d > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)");
      } else {
        out->append(FormatFloat(d));
      }
      return;
    }
    case Kind::kString:
      out->append(QuoteString(v.string_value()));
      return;
    case Kind::kList: {
      out->push_back('[');
      bool first = true;
      for (const Value& item : v.list_value()) {
        if (!first) out->append(", ");
        first = false;
        Literal(item, out);
      }
      out->push_back(']');
      return;
    }
    case Kind::kMap: {
      out->push_back('{');
      bool first = true;
      for (const auto& [key, item] : v.map_value()) {
        if (!first) out->append(", ");
        first = false;
        absl::StrAppend(out, Name(key), ": ");
        Literal(item, out);
      }
      out->push_back('}');
      return;
    }
    case Kind::kTemporal: {
      const Temporal& t = v.temporal_value();
      const char* fn = "date";
      switch (t.type) {
        case TemporalType::kDate: fn = "date"; break;
        case TemporalType::kLocalTime: fn = "localtime"; break;
        case TemporalType::kTime: fn = "time"; break;
        case TemporalType::kLocalDateTime: fn = "localdatetime"; break;
        case TemporalType::kDateTime: fn = "datetime"; break;
        case TemporalType::kDuration: fn = "duration"; break;
      }
      absl::StrAppend(out, fn, "(", QuoteString(TemporalToString(t)), ")");
      return;
    }
    default:
      throw std::invalid_argument(absl::StrCat("a property holds a ", KindName(v.kind())));
  }
}

void Properties(const Graph& g, const PropertyList& props, std::string* out) {
  if (props.empty()) return;
  out->append(" {");
  bool first = true;
  for (const auto& [key, value] : props.entries()) {
    if (!first) out->append(", ");
    first = false;
    absl::StrAppend(out, Name(g.keys().Name(key)), ": ");
    Literal(value, out);
  }
  out->push_back('}');
}

// "MATCH (a:`L`) WHERE id(a) = 3": the first label narrows the scan.
std::string MatchNode(const Graph& g, const char* var, NodeId id) {
  std::string label;
  if (g.NodeAlive(id) && !g.node(id).labels.empty()) {
    label = ":" + Name(g.labels().Name(g.node(id).labels[0]));
  }
  return absl::StrCat("MATCH (", var, label, ") WHERE id(", var, ") = ", id);
}

void IdList(const std::vector<uint64_t>& ids, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < ids.size(); ++i) absl::StrAppend(out, i ? ", " : "", ids[i]);
  out->push_back(']');
}

}  // namespace

absl::Status ExportCypher(const Graph& graph, std::ostream& out) {
  try {
    const Graph& g = graph;
    out << "// Cornerstone Cypher export: " << g.node_count() << " nodes, " << g.rel_count()
        << " relationships.\n// Run it statement by statement on an EMPTY database: node and "
           "relationship ids\n// are recreated as they were (deleted ids are created, then "
           "deleted at the end).\n";
    for (const auto& [label, key] : g.Indexes()) {
      out << "CREATE INDEX ON :" << Name(g.labels().Name(label)) << "("
          << Name(g.keys().Name(key)) << ");\n";
    }
    std::string line;
    std::vector<uint64_t> dead_nodes, dead_rels;
    for (NodeId id = 0; id < g.node_capacity(); ++id) {
      line = "CREATE (";
      if (g.NodeAlive(id)) {
        for (LabelId l : g.node(id).labels) absl::StrAppend(&line, ":", Name(g.labels().Name(l)));
        Properties(g, g.node(id).properties, &line);
      } else {
        dead_nodes.push_back(id);
      }
      line.append(");\n");
      out << line;
    }
    for (RelId id = 0; id < g.rel_capacity(); ++id) {
      const RelRecord& r = g.rel(id);
      line = absl::StrCat(MatchNode(g, "a", r.source), " ", MatchNode(g, "b", r.target),
                          " CREATE (a)-[:", Name(g.types().Name(r.type)));
      Properties(g, r.properties, &line);
      line.append("]->(b);\n");
      out << line;
      if (!r.alive) dead_rels.push_back(id);
    }
    if (!dead_rels.empty()) {
      line = "MATCH ()-[r]->() WHERE id(r) IN ";
      IdList(dead_rels, &line);
      line.append(" DELETE r;\n");
      out << line;
    }
    if (!dead_nodes.empty()) {
      line = "MATCH (n) WHERE id(n) IN ";
      IdList(dead_nodes, &line);
      line.append(" DELETE n;\n");
      out << line;
    }
    out.flush();
    if (!out) return absl::DataLossError("ExportCypher: writing the script failed");
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("ExportCypher: ", e.what()));
  }
  return absl::OkStatus();
}

}  // namespace cornerstone::engine
