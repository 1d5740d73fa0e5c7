// Copyright (c) Cornerstone authors.
#include "dot.h"

// GCC 12 at -O2 warns (wrongly) that write_graphviz's edge iterator, a
// boost::optional inside Boost's headers, may be used uninitialized.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#pragma GCC diagnostic pop

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "printers.h"
#include "strings.h"

namespace cornerstone::shell {
namespace {

struct VertexInfo {
  std::string caption;
  std::string tooltip;
  std::string color;
};
struct EdgeInfo {
  std::string caption;
  std::string tooltip;
};
using PictureGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VertexInfo, EdgeInfo>;

// Soft fill colours, one per label (by order of first appearance).
constexpr const char* kPalette[] = {"#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#ede9fe",
                                    "#ccfbf1", "#fee2e2", "#e0e7ff", "#f3f4f6", "#ffedd5"};

// "key: value" lines of `props`, for a tooltip.
std::string PropertyLines(const ValueMap& props) {
  std::string text;
  for (const auto& [key, value] : props) {
    absl::StrAppend(&text, text.empty() ? "" : "\n", key, ": ", CellText(value));
  }
  return text;
}

std::string NodeCaption(const Node& node) {
  std::string caption;
  for (const std::string& label : node.labels) absl::StrAppend(&caption, ":", label);
  for (const char* key : {"name", "title"}) {
    auto it = node.properties.find(key);
    if (it != node.properties.end() && !it->second.is_null()) {
      absl::StrAppend(&caption, caption.empty() ? "" : "\n", CellText(it->second));
      break;
    }
  }
  return caption.empty() ? absl::StrCat("(id ", node.id, ")") : caption;
}

class VertexWriter {
 public:
  explicit VertexWriter(const PictureGraph& g) : g_(g) {}
  template <typename Vertex>
  void operator()(std::ostream& out, const Vertex& v) const {
    const VertexInfo& info = g_[v];
    out << "[label=" << DotQuote(info.caption);
    if (!info.color.empty()) out << ", fillcolor=" << DotQuote(info.color);
    if (!info.tooltip.empty()) out << ", tooltip=" << DotQuote(info.tooltip);
    out << "]";
  }

 private:
  const PictureGraph& g_;
};

class EdgeWriter {
 public:
  explicit EdgeWriter(const PictureGraph& g) : g_(g) {}
  template <typename Edge>
  void operator()(std::ostream& out, const Edge& e) const {
    const EdgeInfo& info = g_[e];
    out << "[label=" << DotQuote(info.caption);
    if (!info.tooltip.empty()) out << ", tooltip=" << DotQuote(info.tooltip);
    out << "]";
  }

 private:
  const PictureGraph& g_;
};

struct GraphWriter {
  void operator()(std::ostream& out) const {
    out << "rankdir=LR;\n"
        << "node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", "
           "fontsize=11];\n"
        << "edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
  }
};

}  // namespace

std::string DotQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      // dropped: DOT has no use for it
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

void ResultGraph::AddNode(const Node& node) {
  if (node_ids_.insert(node.id).second) nodes_.push_back(node);
}

void ResultGraph::AddRelationship(const Relationship& rel) {
  if (relationship_ids_.insert(rel.id).second) relationships_.push_back(rel);
}

void ResultGraph::Add(const Value& value) {
  switch (value.type()) {
    case ValueType::kNode:
      AddNode(value.node_value());
      break;
    case ValueType::kRelationship:
      AddRelationship(value.relationship_value());
      break;
    case ValueType::kPath:
      for (const Node& n : value.path_value().nodes) AddNode(n);
      for (const Relationship& r : value.path_value().relationships) AddRelationship(r);
      break;
    case ValueType::kList:
      for (const Value& v : value.list_value()) Add(v);
      break;
    case ValueType::kMap:
      for (const auto& [key, v] : value.map_value()) Add(v);
      break;
    default:
      break;
  }
}

std::string ResultGraph::ToDot() const {
  PictureGraph g;
  std::unordered_map<int64_t, PictureGraph::vertex_descriptor> vertex_of;
  std::vector<std::string> labels_seen;
  auto color_of = [&](const Node& node) -> std::string {
    if (node.labels.empty()) return "#ffffff";
    auto it = std::find(labels_seen.begin(), labels_seen.end(), node.labels[0]);
    size_t index = static_cast<size_t>(it - labels_seen.begin());
    if (it == labels_seen.end()) labels_seen.push_back(node.labels[0]);
    return kPalette[index % std::size(kPalette)];
  };
  for (const Node& node : nodes_) {
    vertex_of[node.id] =
        boost::add_vertex(VertexInfo{NodeCaption(node), PropertyLines(node.properties),
                                     color_of(node)},
                          g);
  }
  auto vertex = [&](int64_t id) {
    auto it = vertex_of.find(id);
    if (it != vertex_of.end()) return it->second;
    auto v = boost::add_vertex(VertexInfo{absl::StrCat("(id ", id, ")"), "", "#ffffff"}, g);
    vertex_of[id] = v;
    return v;
  };
  for (const Relationship& rel : relationships_) {
    boost::add_edge(vertex(rel.start_id), vertex(rel.end_id),
                    EdgeInfo{rel.type, PropertyLines(rel.properties)}, g);
  }
  std::ostringstream out;
  boost::write_graphviz(out, g, VertexWriter(g), EdgeWriter(g), GraphWriter());
  return out.str();
}

}  // namespace cornerstone::shell
