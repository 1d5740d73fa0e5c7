// Copyright (c) Cornerstone authors.
// The algo.* procedures (BGL over the storage) against straightforward
// loops over the adjacency vectors, on a generated graph shaped like the
// benchmark's (power-law degrees with low-id hubs, several labels and
// relationship types, plus deleted nodes, self-loops and parallel edges).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <boost/graph/graph_concepts.hpp>

#include "engine/exec/algo_graph.h"
#include "engine/exec/builtins.h"
#include "engine/exec/context.h"
#include "engine/storage/graph.h"

namespace cornerstone::engine {
namespace {

using algo::UndirectedView;
using algo::View;
using Rows = std::vector<std::vector<Value>>;

BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<View>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<View>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<View>));
BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<View>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<View>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<UndirectedView>));
BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<UndirectedView>));

constexpr const char* kTypes[] = {"KNOWS", "INVESTED_IN", "OWNS_STAKE"};
constexpr const char* kLabels[] = {"Person", "Company", "Fund"};

// n nodes with one of three labels; m relationships whose ends are drawn
// with a power law towards low ids; each has a `w` weight in 1..10 (some
// rels of OWNS_STAKE lack it). Then a few nodes are deleted.
void Generate(Graph& g, size_t n, size_t m, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  KeyId w = g.keys().Intern("w");
  for (size_t i = 0; i < n; ++i) {
    LabelId l = g.labels().Intern(kLabels[i % 3]);
    g.AddNode(std::span<const LabelId>(&l, 1), PropertyList());
  }
  for (size_t i = 0; i < m; ++i) {
    NodeId s = static_cast<NodeId>(n * std::pow(u(rng), 2.0));
    NodeId t = u(rng) < 0.5 ? (s + 1 + static_cast<NodeId>(8 * u(rng))) % n
                            : static_cast<NodeId>(n * std::pow(u(rng), 3.0));
    if (i % 997 == 0) t = s;  // a few self-loops
    TypeId type = g.types().Intern(kTypes[i % 3]);
    PropertyList p;
    if (i % 3 != 2 || i % 2 == 0) p.Set(w, Value::Int(1 + static_cast<int64_t>(10 * u(rng))));
    g.AddRelationship(s, t, type, std::move(p));
    if (i % 1009 == 0) g.AddRelationship(s, t, type, PropertyList());  // parallel edge
  }
  for (NodeId id = 7; id < n; id += 97) REQUIRE(g.DeleteNode(id, true).ok());
}

struct Fixture {
  Graph g;
  ProcedureRegistry registry;
  explicit Fixture(size_t n, size_t m, uint32_t seed = 42) {
    Generate(g, n, m, seed);
    RegisterAlgoProcedures(registry);
  }
  Rows Call(const std::string& name, std::vector<Value> args) {
    const ProcedureDef* def = registry.Find(name);
    REQUIRE(def != nullptr);
    EvalContext ctx(g);
    Rows rows;
    absl::Status s = def->run(args, ctx, &rows);
    INFO(std::string(s.message()));
    REQUIRE(s.ok());
    return rows;
  }
};

Value Config(Map m) { return Value::MakeMap(std::move(m)); }
Value Strings(std::vector<std::string> names) {
  List l;
  for (auto& s : names) l.push_back(Value::String(s));
  return Value::MakeList(std::move(l));
}

// The hand-written side: which relationships and nodes count, and the
// neighbours of a node in a direction.
struct Filter {
  std::set<std::string> types;   // empty: all
  std::set<std::string> labels;  // empty: all
  bool out = true, in = false;
};

bool NodeIn(const Graph& g, NodeId v, const Filter& f) {
  if (!g.NodeAlive(v)) return false;
  if (f.labels.empty()) return true;
  for (LabelId l : g.node(v).labels) {
    if (f.labels.count(g.labels().Name(l))) return true;
  }
  return false;
}

// (neighbour, rel) pairs of v.
std::vector<std::pair<NodeId, RelId>> Neighbours(const Graph& g, NodeId v, const Filter& f) {
  std::vector<std::pair<NodeId, RelId>> out;
  auto take = [&](std::span<const Adjacency> adj) {
    for (const Adjacency& a : adj) {
      if (!f.types.empty() && !f.types.count(g.types().Name(a.type))) continue;
      if (!NodeIn(g, a.other, f)) continue;
      out.push_back({a.other, a.rel});
    }
  };
  if (f.out) take(g.Out(v));
  if (f.in) take(g.In(v));
  return out;
}

std::vector<int64_t> HandBfs(const Graph& g, NodeId s, const Filter& f) {
  std::vector<int64_t> depth(g.node_capacity(), -1);
  if (!NodeIn(g, s, f)) return depth;
  std::deque<NodeId> queue{s};
  depth[s] = 0;
  while (!queue.empty()) {
    NodeId v = queue.front();
    queue.pop_front();
    for (auto [w, rel] : Neighbours(g, v, f)) {
      if (depth[w] < 0) {
        depth[w] = depth[v] + 1;
        queue.push_back(w);
      }
    }
  }
  return depth;
}

Value ConfigOf(const Filter& f) {
  Map m;
  if (!f.types.empty()) m.push_back({"relTypes", Strings({f.types.begin(), f.types.end()})});
  if (!f.labels.empty()) m.push_back({"labels", Strings({f.labels.begin(), f.labels.end()})});
  m.push_back({"direction", Value::String(f.out && f.in ? "BOTH" : f.out ? "OUTGOING"
                                                                          : "INCOMING")});
  return Config(std::move(m));
}

std::vector<Filter> Filters() {
  std::vector<Filter> out;
  out.push_back({});
  out.push_back({{}, {}, false, true});
  out.push_back({{}, {}, true, true});
  out.push_back({{"KNOWS", "OWNS_STAKE"}, {}, true, false});
  out.push_back({{}, {"Person", "Fund"}, true, true});
  out.push_back({{"INVESTED_IN"}, {"Company"}, false, true});
  return out;
}

TEST_CASE("algo.bfs depths equal a hand-written BFS") {
  Fixture fx(3000, 15000);
  for (const Filter& f : Filters()) {
    for (NodeId s : {NodeId{0}, NodeId{1}, NodeId{5}, NodeId{123}, NodeId{2999}}) {
      if (!fx.g.NodeAlive(s)) continue;
      std::vector<int64_t> expected = HandBfs(fx.g, s, f);
      Rows rows = fx.Call("algo.bfs", {Value::Node(s), ConfigOf(f)});
      std::vector<int64_t> got(fx.g.node_capacity(), -1);
      int64_t last = 0;
      for (const auto& row : rows) {
        NodeId v = row[0].node_id();
        CHECK(got[v] == -1);  // each node once
        got[v] = row[1].int_value();
        CHECK(got[v] >= last);  // in BFS order
        last = got[v];
        CHECK(fx.g.NodeAlive(v));
      }
      CHECK(got == expected);
    }
  }
}

TEST_CASE("algo.degree equals counting the adjacency") {
  Fixture fx(3000, 15000);
  for (const Filter& f : Filters()) {
    Rows rows = fx.Call("algo.degree", {ConfigOf(f)});
    size_t live = 0;
    for (NodeId v = 0; v < fx.g.node_capacity(); ++v) live += NodeIn(fx.g, v, f);
    CHECK(rows.size() == live);
    for (const auto& row : rows) {
      NodeId v = row[0].node_id();
      REQUIRE(NodeIn(fx.g, v, f));
      CHECK(row[1].float_value() == static_cast<double>(Neighbours(fx.g, v, f).size()));
    }
  }
}

// Component labels -> the partition they define, as sorted member lists.
std::set<std::vector<NodeId>> Partition(const std::map<NodeId, int64_t>& label) {
  std::map<int64_t, std::vector<NodeId>> groups;
  for (auto [v, c] : label) groups[c].push_back(v);
  std::set<std::vector<NodeId>> out;
  for (auto& [c, members] : groups) out.insert(members);
  return out;
}

std::map<NodeId, int64_t> Components(const Rows& rows) {
  std::map<NodeId, int64_t> out;
  for (const auto& row : rows) out[row[0].node_id()] = row[1].int_value();
  return out;
}

TEST_CASE("algo.wcc equals union-find over the relationships") {
  Fixture fx(3000, 3200);  // sparse, so that there are many components
  for (const Filter& base : Filters()) {
    Filter f = base;
    f.out = true;
    f.in = false;
    std::vector<NodeId> parent(fx.g.node_capacity());
    for (NodeId v = 0; v < parent.size(); ++v) parent[v] = v;
    std::function<NodeId(NodeId)> find = [&](NodeId v) {
      return parent[v] == v ? v : parent[v] = find(parent[v]);
    };
    for (NodeId v = 0; v < fx.g.node_capacity(); ++v) {
      if (!NodeIn(fx.g, v, f)) continue;
      for (auto [w, rel] : Neighbours(fx.g, v, f)) parent[find(v)] = find(w);
    }
    std::map<NodeId, int64_t> expected;
    for (NodeId v = 0; v < fx.g.node_capacity(); ++v) {
      if (NodeIn(fx.g, v, f)) expected[v] = static_cast<int64_t>(find(v));
    }
    Map m;
    if (!f.types.empty()) m.push_back({"relTypes", Strings({f.types.begin(), f.types.end()})});
    if (!f.labels.empty()) m.push_back({"labels", Strings({f.labels.begin(), f.labels.end()})});
    std::map<NodeId, int64_t> got = Components(fx.Call("algo.wcc", {Config(m)}));
    CHECK(got.size() == expected.size());
    CHECK(Partition(got) == Partition(expected));
    CHECK(Partition(got).size() > 10);
    // Numbered 0, 1, ... in the order of the smallest member.
    int64_t next = 0;
    std::set<int64_t> seen;
    for (auto [v, c] : got) {
      if (seen.insert(c).second) CHECK(c == next++);
    }
  }
}

TEST_CASE("algo.scc equals mutual reachability") {
  Fixture fx(400, 700);
  Filter f;
  // Reachability sets by hand; v and w share an SCC iff each reaches the
  // other.
  size_t n = fx.g.node_capacity();
  std::vector<std::vector<int64_t>> reach(n);
  for (NodeId v = 0; v < n; ++v) reach[v] = HandBfs(fx.g, v, f);
  std::map<NodeId, int64_t> expected;
  for (NodeId v = 0; v < n; ++v) {
    if (!fx.g.NodeAlive(v)) continue;
    NodeId rep = v;
    for (NodeId w = 0; w < v; ++w) {
      if (reach[v][w] >= 0 && reach[w][v] >= 0) {
        rep = w;
        break;
      }
    }
    expected[v] = static_cast<int64_t>(rep);
  }
  std::map<NodeId, int64_t> got = Components(fx.Call("algo.scc", {Value::Null()}));
  CHECK(Partition(got) == Partition(expected));
  size_t nontrivial = 0;
  for (const auto& members : Partition(got)) nontrivial += members.size() > 1;
  CHECK(nontrivial > 0);
}

TEST_CASE("algo.pageRank equals a hand-written power iteration") {
  Fixture fx(3000, 15000);
  for (const Filter& f : Filters()) {
    size_t cap = fx.g.node_capacity();
    std::vector<NodeId> nodes;
    for (NodeId v = 0; v < cap; ++v) {
      if (NodeIn(fx.g, v, f)) nodes.push_back(v);
    }
    const double d = 0.85;
    std::vector<double> rank(cap, 1.0 / nodes.size());
    for (int it = 0; it < 20; ++it) {
      std::vector<double> next(cap, 0);
      for (NodeId v : nodes) next[v] = 1 - d;
      for (NodeId v : nodes) {
        auto out = Neighbours(fx.g, v, f);
        for (auto [w, rel] : out) next[w] += d * rank[v] / out.size();
      }
      rank = next;
    }
    Rows rows = fx.Call("algo.pageRank", {ConfigOf(f)});
    REQUIRE(rows.size() == nodes.size());
    double max_error = 0;
    for (const auto& row : rows) {
      max_error = std::max(max_error, std::abs(row[1].float_value() - rank[row[0].node_id()]));
    }
    CHECK(max_error < 1e-9);
  }
}

// Betweenness by definition: for every ordered pair (s, t), the fraction of
// shortest s-t paths through v, from BFS distances and path counts.
TEST_CASE("algo.betweenness equals the definition") {
  Fixture fx(150, 400);
  for (const Filter& f : {Filter{}, Filter{{}, {}, true, true}, Filter{{"KNOWS"}, {}, true, false}}) {
    size_t n = fx.g.node_capacity();
    std::vector<std::vector<int64_t>> dist(n);
    std::vector<std::vector<double>> sigma(n, std::vector<double>(n, 0));
    for (NodeId s = 0; s < n; ++s) {
      dist[s] = HandBfs(fx.g, s, f);
      if (dist[s][s] < 0) continue;
      // Path counts in BFS order (nodes by distance).
      std::vector<NodeId> order;
      for (NodeId v = 0; v < n; ++v) {
        if (dist[s][v] >= 0) order.push_back(v);
      }
      std::sort(order.begin(), order.end(),
                [&](NodeId a, NodeId b) { return dist[s][a] < dist[s][b]; });
      sigma[s][s] = 1;
      for (NodeId v : order) {
        for (auto [w, rel] : Neighbours(fx.g, v, f)) {
          if (dist[s][w] == dist[s][v] + 1) sigma[s][w] += sigma[s][v];
        }
      }
    }
    std::vector<double> expected(n, 0);
    for (NodeId s = 0; s < n; ++s) {
      for (NodeId t = 0; t < n; ++t) {
        if (s == t || dist[s][s] < 0 || dist[s][t] <= 0) continue;
        for (NodeId v = 0; v < n; ++v) {
          if (v == s || v == t || dist[s][v] < 0 || dist[v][t] < 0) continue;
          if (dist[s][v] + dist[v][t] == dist[s][t]) {
            expected[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
          }
        }
      }
    }
    bool undirected = f.out && f.in;
    if (undirected) {
      for (double& x : expected) x /= 2;  // each unordered pair once
    }
    Rows rows = fx.Call("algo.betweenness", {ConfigOf(f)});
    double max_error = 0, total = 0;
    for (const auto& row : rows) {
      max_error = std::max(max_error, std::abs(row[1].float_value() - expected[row[0].node_id()]));
      total += row[1].float_value();
    }
    CHECK(max_error < 1e-6);
    CHECK(total > 0);
  }
}

// Hand-written Dijkstra over `w` (O(n^2), fine for the test's sizes).
std::vector<double> HandDijkstra(const Graph& g, NodeId s, const Filter& f, double missing) {
  size_t n = g.node_capacity();
  KeyId w = *g.keys().Find("w");
  std::vector<double> dist(n, std::numeric_limits<double>::infinity());
  std::vector<bool> done(n, false);
  dist[s] = 0;
  for (;;) {
    NodeId best = n;
    for (NodeId v = 0; v < n; ++v) {
      if (!done[v] && std::isfinite(dist[v]) && (best == n || dist[v] < dist[best])) best = v;
    }
    if (best == n) break;
    done[best] = true;
    for (auto [other, rel] : Neighbours(g, best, f)) {
      PropertyRef x = g.rel(rel).properties.Get(w);
      double weight = x ? x->number_value() : missing;
      dist[other] = std::min(dist[other], dist[best] + weight);
    }
  }
  return dist;
}

TEST_CASE("algo.shortestPath and algo.allShortestPaths: costs, paths and counts") {
  Fixture fx(600, 2400);
  std::mt19937 rng(7);
  for (const Filter& f : Filters()) {
    for (int trial = 0; trial < 25; ++trial) {
      NodeId s = rng() % 600, t = rng() % 600;
      if (!fx.g.NodeAlive(s) || !fx.g.NodeAlive(t)) continue;
      std::vector<int64_t> depth = HandBfs(fx.g, s, f);
      Rows one = fx.Call("algo.shortestPath", {Value::Node(s), Value::Node(t), ConfigOf(f)});
      if (depth[t] < 0) {
        CHECK(one.empty());
        continue;
      }
      REQUIRE(one.size() == 1);
      CHECK(one[0][1].float_value() == static_cast<double>(depth[t]));
      // Every path is a real walk from s to t of that length, each hop
      // allowed by the filter.
      Rows all = fx.Call("algo.allShortestPaths", {Value::Node(s), Value::Node(t), ConfigOf(f)});
      std::set<std::vector<RelId>> distinct;
      for (const auto& row : all) {
        const PathData& p = row[0].path_value();
        REQUIRE(p.nodes.size() == p.rels.size() + 1);
        CHECK(p.nodes.front() == s);
        CHECK(p.nodes.back() == t);
        CHECK(static_cast<int64_t>(p.rels.size()) == depth[t]);
        for (size_t i = 0; i < p.rels.size(); ++i) {
          auto nb = Neighbours(fx.g, p.nodes[i], f);
          CHECK(std::find(nb.begin(), nb.end(), std::make_pair(p.nodes[i + 1], p.rels[i])) !=
                nb.end());
        }
        distinct.insert(p.rels);
      }
      CHECK(distinct.size() == all.size());
      // As many paths as the BFS path count (parallel relationships are
      // distinct paths).
      std::vector<double> sigma(fx.g.node_capacity(), 0);
      sigma[s] = 1;
      std::vector<NodeId> order;
      for (NodeId v = 0; v < fx.g.node_capacity(); ++v) {
        if (depth[v] >= 0) order.push_back(v);
      }
      std::stable_sort(order.begin(), order.end(),
                       [&](NodeId a, NodeId b) { return depth[a] < depth[b]; });
      for (NodeId v : order) {
        for (auto [w, rel] : Neighbours(fx.g, v, f)) {
          if (depth[w] == depth[v] + 1) sigma[w] += sigma[v];
        }
      }
      CHECK(static_cast<double>(all.size()) == sigma[t]);
      // Weighted, missing weights counting 2.5.
      Map m = ConfigOf(f).map_value();
      m.push_back({"weight", Value::String("w")});
      m.push_back({"defaultWeight", Value::Float(2.5)});
      Rows weighted = fx.Call("algo.shortestPath", {Value::Node(s), Value::Node(t), Config(m)});
      REQUIRE(weighted.size() == 1);
      double expected = HandDijkstra(fx.g, s, f, 2.5)[t];
      CHECK(weighted[0][1].float_value() == doctest::Approx(expected));
    }
  }
}

TEST_CASE("a cancelled statement stops the algorithm") {
  Fixture fx(2000, 8000);
  std::atomic<bool> interrupted{true};
  Cancellation cancellation;
  cancellation.interrupted = &interrupted;
  CancellationScope scope(&cancellation);
  for (const char* name : {"algo.pageRank", "algo.betweenness", "algo.wcc", "algo.scc"}) {
    EvalContext ctx(fx.g);
    Rows rows;
    std::vector<Value> args{Value::Null()};
    absl::Status s = fx.registry.Find(name)->run(args, ctx, &rows);
    CHECK(absl::IsCancelled(s));
    CHECK(absl::IsCancelled(ctx.status()));
  }
  EvalContext ctx(fx.g);
  Rows rows;
  std::vector<Value> args{Value::Node(0), Value::Null()};
  absl::Status s = fx.registry.Find("algo.bfs")->run(args, ctx, &rows);
  CHECK(absl::IsCancelled(s));
}

}  // namespace
}  // namespace cornerstone::engine
