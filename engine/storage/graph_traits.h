// Copyright (c) Cornerstone authors.
// Boost.Graph adapter: a `const Graph&` is a BGL graph, without copying.
//
// Models IncidenceGraph, BidirectionalGraph, AdjacencyGraph, VertexListGraph
// and EdgeListGraph, directed with parallel edges.
//   vertex_descriptor  NodeId. vertices(g) is 0 .. node_capacity() - 1:
//                      deleted nodes stay in the range as isolated vertices
//                      (no edges), so vertex ids equal node ids and
//                      vertex-indexed arrays need no translation. Filter
//                      with g.NodeAlive(v) where that matters.
//   edge_descriptor    BglEdge {rel, source, target}; edges(g) visits live
//                      relationships in id order.
//   vertex_index       get(boost::vertex_index, g): the identity map.
// Edge weights come from the caller, e.g. a function_property_map over
// BglEdge reading g.rel(e.rel).properties.
// The graph must not be mutated while BGL iterators are in use.
#ifndef CORNERSTONE_ENGINE_STORAGE_GRAPH_TRAITS_H_
#define CORNERSTONE_ENGINE_STORAGE_GRAPH_TRAITS_H_

#include <cstddef>
#include <utility>

#include <boost/graph/adjacency_iterator.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>

#include "engine/storage/graph.h"

namespace cornerstone::engine {

struct BglEdge {
  RelId rel = 0;
  NodeId source = 0;
  NodeId target = 0;
  friend bool operator==(const BglEdge&, const BglEdge&) = default;
};

struct BglTraversalTag : boost::bidirectional_graph_tag,
                         boost::adjacency_graph_tag,
                         boost::vertex_list_graph_tag,
                         boost::edge_list_graph_tag {};

// Iterates one adjacency vector of `node`, yielding BglEdge. `outgoing`
// tells whether `node` is the source (out-edges) or the target (in-edges).
class BglIncidentIterator
    : public boost::iterator_facade<BglIncidentIterator, BglEdge,
                                    boost::random_access_traversal_tag, BglEdge> {
 public:
  BglIncidentIterator() = default;
  BglIncidentIterator(const Adjacency* pos, NodeId node, bool outgoing)
      : pos_(pos), node_(node), outgoing_(outgoing) {}

 private:
  friend class boost::iterator_core_access;
  BglEdge dereference() const {
    return outgoing_ ? BglEdge{pos_->rel, node_, pos_->other}
                     : BglEdge{pos_->rel, pos_->other, node_};
  }
  bool equal(const BglIncidentIterator& o) const { return pos_ == o.pos_; }
  void increment() { ++pos_; }
  void decrement() { --pos_; }
  void advance(std::ptrdiff_t n) { pos_ += n; }
  std::ptrdiff_t distance_to(const BglIncidentIterator& o) const { return o.pos_ - pos_; }

  const Adjacency* pos_ = nullptr;
  NodeId node_ = 0;
  bool outgoing_ = true;
};

// Iterates the live relationships of a graph in id order.
class BglEdgeIterator
    : public boost::iterator_facade<BglEdgeIterator, BglEdge, boost::forward_traversal_tag,
                                    BglEdge> {
 public:
  BglEdgeIterator() = default;
  BglEdgeIterator(const Graph* g, RelId id) : g_(g), id_(id) { SkipDead(); }

 private:
  friend class boost::iterator_core_access;
  void SkipDead() {
    while (id_ < g_->rel_capacity() && !g_->RelAlive(id_)) ++id_;
  }
  BglEdge dereference() const {
    const RelRecord& r = g_->rel(id_);
    return BglEdge{id_, r.source, r.target};
  }
  bool equal(const BglEdgeIterator& o) const { return id_ == o.id_; }
  void increment() {
    ++id_;
    SkipDead();
  }

  const Graph* g_ = nullptr;
  RelId id_ = 0;
};

}  // namespace cornerstone::engine

namespace boost {

template <>
struct graph_traits<cornerstone::engine::Graph> {
  using vertex_descriptor = cornerstone::engine::NodeId;
  using edge_descriptor = cornerstone::engine::BglEdge;
  using directed_category = bidirectional_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  using traversal_category = cornerstone::engine::BglTraversalTag;
  using out_edge_iterator = cornerstone::engine::BglIncidentIterator;
  using in_edge_iterator = cornerstone::engine::BglIncidentIterator;
  using vertex_iterator = counting_iterator<cornerstone::engine::NodeId>;
  using edge_iterator = cornerstone::engine::BglEdgeIterator;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  using degree_size_type = std::size_t;
  using adjacency_iterator =
      adjacency_iterator_generator<cornerstone::engine::Graph, vertex_descriptor,
                                   out_edge_iterator>::type;
  static vertex_descriptor null_vertex() { return ~vertex_descriptor{0}; }
};

template <>
struct graph_traits<const cornerstone::engine::Graph>
    : graph_traits<cornerstone::engine::Graph> {};

template <>
struct property_map<cornerstone::engine::Graph, vertex_index_t> {
  using type = typed_identity_property_map<cornerstone::engine::NodeId>;
  using const_type = type;
};

template <>
struct property_map<const cornerstone::engine::Graph, vertex_index_t>
    : property_map<cornerstone::engine::Graph, vertex_index_t> {};

}  // namespace boost

namespace cornerstone::engine {

using BglTraits = boost::graph_traits<Graph>;

// Preconditions below: v < g.node_capacity().
inline std::pair<BglTraits::out_edge_iterator, BglTraits::out_edge_iterator> out_edges(
    NodeId v, const Graph& g) {
  auto adj = g.Out(v);
  return {BglIncidentIterator(adj.data(), v, true),
          BglIncidentIterator(adj.data() + adj.size(), v, true)};
}

inline std::pair<BglTraits::in_edge_iterator, BglTraits::in_edge_iterator> in_edges(
    NodeId v, const Graph& g) {
  auto adj = g.In(v);
  return {BglIncidentIterator(adj.data(), v, false),
          BglIncidentIterator(adj.data() + adj.size(), v, false)};
}

inline std::pair<BglTraits::adjacency_iterator, BglTraits::adjacency_iterator>
adjacent_vertices(NodeId v, const Graph& g) {
  auto [first, last] = out_edges(v, g);
  return {BglTraits::adjacency_iterator(first, &g), BglTraits::adjacency_iterator(last, &g)};
}

inline std::size_t out_degree(NodeId v, const Graph& g) { return g.Out(v).size(); }
inline std::size_t in_degree(NodeId v, const Graph& g) { return g.In(v).size(); }
inline std::size_t degree(NodeId v, const Graph& g) { return out_degree(v, g) + in_degree(v, g); }

inline NodeId source(const BglEdge& e, const Graph&) { return e.source; }
inline NodeId target(const BglEdge& e, const Graph&) { return e.target; }

inline std::pair<BglTraits::vertex_iterator, BglTraits::vertex_iterator> vertices(
    const Graph& g) {
  return {BglTraits::vertex_iterator(0), BglTraits::vertex_iterator(g.node_capacity())};
}
inline std::size_t num_vertices(const Graph& g) { return g.node_capacity(); }

inline std::pair<BglTraits::edge_iterator, BglTraits::edge_iterator> edges(const Graph& g) {
  return {BglEdgeIterator(&g, 0), BglEdgeIterator(&g, g.rel_capacity())};
}
inline std::size_t num_edges(const Graph& g) { return g.rel_count(); }

inline boost::typed_identity_property_map<NodeId> get(boost::vertex_index_t, const Graph&) {
  return {};
}
inline NodeId get(boost::vertex_index_t, const Graph&, NodeId v) { return v; }

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_STORAGE_GRAPH_TRAITS_H_
