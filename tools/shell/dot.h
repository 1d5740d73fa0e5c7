// Copyright (c) Cornerstone authors. Pictures of query results: the nodes
// and relationships a result holds, as a Graphviz DOT document.
#ifndef CORNERSTONE_TOOLS_SHELL_DOT_H_
#define CORNERSTONE_TOOLS_SHELL_DOT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "cornerstone/cornerstone.h"

namespace cornerstone::shell {

// The distinct nodes and relationships of some values, in first-seen order.
class ResultGraph {
 public:
  // Adds the nodes and relationships in `value`: itself, the elements of a
  // path, and recursively those inside lists and maps.
  void Add(const Value& value);

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Relationship>& relationships() const { return relationships_; }

  // A DOT digraph: one box per node captioned with its labels and its name
  // (or title) and with every property in its tooltip; one edge per
  // relationship labelled with its type. The endpoints of a relationship
  // whose nodes are not in the result appear as "(id N)".
  std::string ToDot() const;

 private:
  void AddNode(const Node& node);
  void AddRelationship(const Relationship& rel);

  std::vector<Node> nodes_;
  std::vector<Relationship> relationships_;
  std::unordered_set<int64_t> node_ids_;
  std::unordered_set<int64_t> relationship_ids_;
};

// `text` as a DOT double-quoted string, quotes included: '"' and '\'
// escaped, newlines as DOT's \n line breaks.
std::string DotQuote(std::string_view text);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_DOT_H_
