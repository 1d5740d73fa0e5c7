// Copyright (c) Cornerstone authors.
// The graph the algo.* procedures run on: a projection of the storage (node
// labels or an explicit node list, relationship types) seen in one
// direction, as a Boost.Graph graph. Nothing is copied: a Projection is a
// node membership bitmap plus boost::filtered_graph over the Graph adapter
// of engine/storage/graph_traits.h, and a View orients the filtered edges
// (OUTGOING, INCOMING or BOTH) on the fly. With a single relationship type
// the filtered iterators run over that type's slice of each adjacency
// vector (the storage keeps them sorted by type), so no relationship record
// is read to learn a type.
//
//   vertex_descriptor  NodeId (identity vertex_index over 0..node_capacity-1,
//                      so vertex-indexed vectors need no translation).
//   vertices(view)     the projected live nodes, in id order; deleted nodes
//                      (tombstones) and nodes outside the projection never
//                      appear, neither as vertices nor at the end of an edge.
//   edge_descriptor    BglEdge with source/target in the view's orientation:
//                      for INCOMING, and for the incoming half of BOTH, the
//                      stored relationship is flipped (e.rel is unchanged).
//   View               bidirectional_tag: directed, any orientation.
//   UndirectedView     undirected_tag, both orientations; for algorithms that
//                      require an undirected graph (connected_components)
//                      or treat one specially (Brandes halves the scores).
//
// Cancellation: the vertex filter runs for every edge the algorithm looks
// at; every 1024 calls it asks EvalContext::Cancelled() and throws
// algo::Cancelled out of the BGL algorithm when the statement must stop.
// Callers catch it (see RunAlgorithm in algo_internal.h).
#ifndef CORNERSTONE_ENGINE_EXEC_ALGO_GRAPH_H_
#define CORNERSTONE_ENGINE_EXEC_ALGO_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_iterator.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>

#include "engine/exec/context.h"
#include "engine/storage/graph.h"
#include "engine/storage/graph_traits.h"

namespace cornerstone::engine::algo {

enum class Direction { kOutgoing, kIncoming, kBoth };

// Thrown from inside a BGL algorithm when the statement is cancelled; the
// EvalContext already holds the Cancelled error.
struct Cancelled {};

class Projection;

struct VertexFilter {
  const Projection* p = nullptr;
  bool operator()(NodeId v) const;
};

struct EdgeFilter {
  const Projection* p = nullptr;
  // False in iterators over one type's slice of an adjacency vector, where
  // every entry has the type already.
  bool check_type = true;
  bool operator()(const BglEdge& e) const;
};

using Filtered = boost::filtered_graph<Graph, EdgeFilter, VertexFilter>;

// Which nodes and relationships an algorithm sees. Not copyable: the
// filters point back to it.
class Projection {
 public:
  // `labels`: keep nodes with at least one of them (null: all labels).
  // `nodes`: keep only these nodes (null: all); combined with `labels` by
  // intersection. `types`: keep relationships of these types (null: all).
  // Names unknown to the graph match nothing, as in MATCH. Deleted nodes
  // are never kept. `ctx` may be null (no cancellation checks).
  Projection(const Graph& graph, EvalContext* ctx, const std::vector<std::string>* labels,
             const std::vector<NodeId>* nodes, const std::vector<std::string>* types);
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  const Graph& graph() const { return graph_; }
  const Filtered& filtered() const { return filtered_; }
  bool Contains(NodeId v) const { return v < member_.size() && member_[v] != 0; }
  bool all_types() const { return all_types_; }
  bool KeepsType(TypeId t) const {
    return all_types_ || (t < type_member_.size() && type_member_[t] != 0);
  }
  // The projected nodes in increasing id order.
  const std::vector<NodeId>& nodes() const { return nodes_; }
  // Set when the projection keeps exactly one relationship type that the
  // graph knows: then a node's edges are one contiguous slice of its
  // adjacency (Graph::Out/In(node, type)), and nothing reads relationship
  // records to learn their type.
  std::optional<TypeId> single_type() const { return single_type_; }

  // Counts every projected node's projected out- and in-degree once, so that
  // out_degree()/in_degree() on a View are O(1) afterwards (PageRank divides
  // by the out-degree of every edge's source, every iteration).
  void CountDegrees();
  bool has_degrees() const { return !out_degree_.empty(); }
  uint32_t counted_out_degree(NodeId v) const { return out_degree_[v]; }
  uint32_t counted_in_degree(NodeId v) const { return in_degree_[v]; }

  // Throws Cancelled when the statement must stop; cheap (checks every
  // 1024th call).
  void Tick() const {
    if ((++ticks_ & 1023u) == 0 && ctx_ != nullptr && ctx_->Cancelled()) throw Cancelled{};
  }

 private:
  const Graph& graph_;
  EvalContext* ctx_;
  std::vector<uint8_t> member_;  // by NodeId
  std::vector<NodeId> nodes_;
  bool all_types_ = true;
  std::vector<uint8_t> type_member_;  // by TypeId
  std::optional<TypeId> single_type_;
  std::vector<uint32_t> out_degree_, in_degree_;
  mutable uint32_t ticks_ = 0;
  Filtered filtered_;
};

inline bool VertexFilter::operator()(NodeId v) const {
  p->Tick();
  return p->Contains(v);
}

inline bool EdgeFilter::operator()(const BglEdge& e) const {
  if (!check_type || p->all_types()) return true;
  // Reading the type costs a relationship record (a cache miss on a large
  // graph): test the cheap node membership first, as most edges a type
  // projection drops also lead out of its node set.
  if (!p->Contains(e.source) || !p->Contains(e.target)) return false;
  return p->KeepsType(p->graph().rel(e.rel).type);
}

// The filtered out- and in-edges of v: with a single relationship type,
// over that type's slice of the adjacency only.
inline std::pair<Filtered::out_edge_iterator, Filtered::out_edge_iterator> ProjectedOut(
    NodeId v, const Projection& p) {
  const Filtered& fg = p.filtered();
  if (!p.single_type()) return out_edges(v, fg);
  auto adj = p.graph().Out(v, *p.single_type());
  Filtered::OutEdgePred pred(EdgeFilter{&p, false}, fg.m_vertex_pred, fg);
  BglIncidentIterator first(adj.data(), v, true), last(adj.data() + adj.size(), v, true);
  return {Filtered::out_edge_iterator(pred, first, last),
          Filtered::out_edge_iterator(pred, last, last)};
}

inline std::pair<Filtered::in_edge_iterator, Filtered::in_edge_iterator> ProjectedIn(
    NodeId v, const Projection& p) {
  const Filtered& fg = p.filtered();
  if (!p.single_type()) return in_edges(v, fg);
  auto adj = p.graph().In(v, *p.single_type());
  Filtered::InEdgePred pred(EdgeFilter{&p, false}, fg.m_vertex_pred, fg);
  BglIncidentIterator first(adj.data(), v, false), last(adj.data() + adj.size(), v, false);
  return {Filtered::in_edge_iterator(pred, first, last),
          Filtered::in_edge_iterator(pred, last, last)};
}

inline BglEdge Flip(const BglEdge& e) { return BglEdge{e.rel, e.target, e.source}; }

// The edges of range A, then those of range B, each flipped or not.
template <class A, class B>
class JoinedEdgeIterator
    : public boost::iterator_facade<JoinedEdgeIterator<A, B>, BglEdge,
                                    boost::forward_traversal_tag, BglEdge> {
 public:
  JoinedEdgeIterator() = default;
  JoinedEdgeIterator(A a, A a_end, bool flip_a, B b, B b_end, bool flip_b)
      : a_(a), a_end_(a_end), b_(b), b_end_(b_end), flip_a_(flip_a), flip_b_(flip_b) {}

 private:
  friend class boost::iterator_core_access;
  BglEdge dereference() const {
    if (a_ != a_end_) return flip_a_ ? Flip(*a_) : *a_;
    return flip_b_ ? Flip(*b_) : *b_;
  }
  bool equal(const JoinedEdgeIterator& o) const { return a_ == o.a_ && b_ == o.b_; }
  void increment() {
    if (a_ != a_end_) {
      ++a_;
    } else {
      ++b_;
    }
  }

  A a_{}, a_end_{};
  B b_{}, b_end_{};
  bool flip_a_ = false, flip_b_ = false;
};

// A projection seen in one direction. kUndirected selects undirected_tag
// (then the direction is always BOTH).
template <bool kUndirected>
class ViewT {
 public:
  ViewT(const Projection& p, Direction d) : p_(&p), d_(kUndirected ? Direction::kBoth : d) {}
  const Projection& projection() const { return *p_; }
  Direction direction() const { return d_; }

 private:
  const Projection* p_;
  Direction d_;
};

using View = ViewT<false>;
using UndirectedView = ViewT<true>;

}  // namespace cornerstone::engine::algo

namespace boost {

template <bool kUndirected>
struct graph_traits<cornerstone::engine::algo::ViewT<kUndirected>> {
 private:
  using FTraits = graph_traits<cornerstone::engine::algo::Filtered>;
  using Self = cornerstone::engine::algo::ViewT<kUndirected>;

 public:
  using vertex_descriptor = cornerstone::engine::NodeId;
  using edge_descriptor = cornerstone::engine::BglEdge;
  using directed_category = std::conditional_t<kUndirected, undirected_tag, bidirectional_tag>;
  using edge_parallel_category = allow_parallel_edge_tag;
  struct traversal_category
      : std::conditional_t<kUndirected, incidence_graph_tag, bidirectional_graph_tag>,
        adjacency_graph_tag,
        vertex_list_graph_tag,
        edge_list_graph_tag {};
  using out_edge_iterator = cornerstone::engine::algo::JoinedEdgeIterator<
      FTraits::out_edge_iterator, FTraits::in_edge_iterator>;
  using in_edge_iterator = cornerstone::engine::algo::JoinedEdgeIterator<
      FTraits::in_edge_iterator, FTraits::out_edge_iterator>;
  using edge_iterator = cornerstone::engine::algo::JoinedEdgeIterator<FTraits::edge_iterator,
                                                                      FTraits::edge_iterator>;
  using vertex_iterator = std::vector<cornerstone::engine::NodeId>::const_iterator;
  using adjacency_iterator =
      typename adjacency_iterator_generator<Self, vertex_descriptor, out_edge_iterator>::type;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  using degree_size_type = std::size_t;
  static vertex_descriptor null_vertex() { return ~vertex_descriptor{0}; }
};

template <bool kUndirected>
struct graph_traits<const cornerstone::engine::algo::ViewT<kUndirected>>
    : graph_traits<cornerstone::engine::algo::ViewT<kUndirected>> {};

template <bool kUndirected>
struct property_map<cornerstone::engine::algo::ViewT<kUndirected>, vertex_index_t> {
  using type = typed_identity_property_map<cornerstone::engine::NodeId>;
  using const_type = type;
};

template <bool kUndirected>
struct property_map<const cornerstone::engine::algo::ViewT<kUndirected>, vertex_index_t>
    : property_map<cornerstone::engine::algo::ViewT<kUndirected>, vertex_index_t> {};

}  // namespace boost

namespace cornerstone::engine::algo {

template <bool U>
using ViewTraits = boost::graph_traits<ViewT<U>>;

// Empty ranges of the filtered graph's iterators (their predicates set, so
// that nothing is left uninitialized).
inline Filtered::out_edge_iterator EmptyOut(const Filtered& fg) {
  return {Filtered::OutEdgePred(fg.m_edge_pred, fg.m_vertex_pred, fg), BglIncidentIterator(),
          BglIncidentIterator()};
}
inline Filtered::in_edge_iterator EmptyIn(const Filtered& fg) {
  return {Filtered::InEdgePred(fg.m_edge_pred, fg.m_vertex_pred, fg), BglIncidentIterator(),
          BglIncidentIterator()};
}

template <bool U>
std::pair<typename ViewTraits<U>::out_edge_iterator, typename ViewTraits<U>::out_edge_iterator>
out_edges(NodeId v, const ViewT<U>& view) {
  using It = typename ViewTraits<U>::out_edge_iterator;
  const Projection& p = view.projection();
  const Filtered& fg = p.filtered();
  Filtered::out_edge_iterator o = EmptyOut(fg), oe = o;
  Filtered::in_edge_iterator i = EmptyIn(fg), ie = i;
  if (view.direction() != Direction::kIncoming) std::tie(o, oe) = ProjectedOut(v, p);
  if (view.direction() != Direction::kOutgoing) std::tie(i, ie) = ProjectedIn(v, p);
  return {It(o, oe, false, i, ie, true), It(oe, oe, false, ie, ie, true)};
}

template <bool U>
std::pair<typename ViewTraits<U>::in_edge_iterator, typename ViewTraits<U>::in_edge_iterator>
in_edges(NodeId v, const ViewT<U>& view) {
  using It = typename ViewTraits<U>::in_edge_iterator;
  const Projection& p = view.projection();
  const Filtered& fg = p.filtered();
  Filtered::in_edge_iterator i = EmptyIn(fg), ie = i;
  Filtered::out_edge_iterator o = EmptyOut(fg), oe = o;
  if (view.direction() != Direction::kIncoming) std::tie(i, ie) = ProjectedIn(v, p);
  if (view.direction() != Direction::kOutgoing) std::tie(o, oe) = ProjectedOut(v, p);
  return {It(i, ie, false, o, oe, true), It(ie, ie, false, oe, oe, true)};
}

template <class It>
std::size_t CountRange(std::pair<It, It> r) {
  std::size_t n = 0;
  for (; r.first != r.second; ++r.first) ++n;
  return n;
}

template <bool U>
std::size_t out_degree(NodeId v, const ViewT<U>& view) {
  const Projection& p = view.projection();
  if (!p.has_degrees()) return CountRange(out_edges(v, view));
  switch (view.direction()) {
    case Direction::kOutgoing: return p.counted_out_degree(v);
    case Direction::kIncoming: return p.counted_in_degree(v);
    case Direction::kBoth: break;
  }
  return std::size_t{p.counted_out_degree(v)} + p.counted_in_degree(v);
}

template <bool U>
std::size_t in_degree(NodeId v, const ViewT<U>& view) {
  const Projection& p = view.projection();
  if (!p.has_degrees()) return CountRange(in_edges(v, view));
  switch (view.direction()) {
    case Direction::kOutgoing: return p.counted_in_degree(v);
    case Direction::kIncoming: return p.counted_out_degree(v);
    case Direction::kBoth: break;
  }
  return std::size_t{p.counted_out_degree(v)} + p.counted_in_degree(v);
}

template <bool U>
std::size_t degree(NodeId v, const ViewT<U>& view) {
  return U ? out_degree(v, view) : out_degree(v, view) + in_degree(v, view);
}

template <bool U>
std::pair<typename ViewTraits<U>::adjacency_iterator, typename ViewTraits<U>::adjacency_iterator>
adjacent_vertices(NodeId v, const ViewT<U>& view) {
  using It = typename ViewTraits<U>::adjacency_iterator;
  auto [first, last] = out_edges(v, view);
  return {It(first, &view), It(last, &view)};
}

template <bool U>
std::pair<typename ViewTraits<U>::vertex_iterator, typename ViewTraits<U>::vertex_iterator>
vertices(const ViewT<U>& view) {
  const std::vector<NodeId>& nodes = view.projection().nodes();
  return {nodes.begin(), nodes.end()};
}

// Vertex-indexed maps are sized by this: ids up to the graph's capacity.
template <bool U>
std::size_t num_vertices(const ViewT<U>& view) {
  return view.projection().graph().node_capacity();
}

// Every projected relationship once in the view's orientation (both
// orientations for a directed BOTH view).
template <bool U>
std::pair<typename ViewTraits<U>::edge_iterator, typename ViewTraits<U>::edge_iterator> edges(
    const ViewT<U>& view) {
  using It = typename ViewTraits<U>::edge_iterator;
  auto [first, last] = edges(view.projection().filtered());
  bool flip_first = !U && view.direction() == Direction::kIncoming;
  bool both = !U && view.direction() == Direction::kBoth;
  Filtered::edge_iterator second = first, second_end = first;
  if (both) std::tie(second, second_end) = edges(view.projection().filtered());
  return {It(first, last, flip_first, second, second_end, true),
          It(last, last, flip_first, second_end, second_end, true)};
}

template <bool U>
std::size_t num_edges(const ViewT<U>& view) {
  return CountRange(edges(view));
}

template <bool U>
NodeId source(const BglEdge& e, const ViewT<U>&) {
  return e.source;
}
template <bool U>
NodeId target(const BglEdge& e, const ViewT<U>&) {
  return e.target;
}

template <bool U>
boost::typed_identity_property_map<NodeId> get(boost::vertex_index_t, const ViewT<U>&) {
  return {};
}

}  // namespace cornerstone::engine::algo

#endif  // CORNERSTONE_ENGINE_EXEC_ALGO_GRAPH_H_
