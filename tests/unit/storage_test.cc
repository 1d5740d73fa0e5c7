// Copyright (c) Cornerstone authors.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "engine/storage/graph.h"
#include "engine/storage/graph_traits.h"

namespace cornerstone::engine {
namespace {

BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<Graph, NodeId, boost::vertex_index_t>));

PropertyList Props(Graph& g, std::vector<std::pair<std::string, Value>> kv) {
  PropertyList p;
  for (auto& [k, v] : kv) p.Set(g.keys().Intern(k), std::move(v));
  return p;
}

std::vector<RelId> Rels(std::span<const Adjacency> adj) {
  std::vector<RelId> out;
  for (const Adjacency& a : adj) out.push_back(a.rel);
  return out;
}

// A structural fingerprint of everything observable, to compare before and
// after Rollback.
std::string Snapshot(const Graph& g, const std::vector<std::pair<LabelId, KeyId>>& probes,
                     const std::vector<Value>& probe_values) {
  std::string s = "nodes " + std::to_string(g.node_capacity()) + "/" +
                  std::to_string(g.node_count()) + " rels " + std::to_string(g.rel_capacity()) +
                  "/" + std::to_string(g.rel_count()) + "\n";
  for (NodeId n = 0; n < g.node_capacity(); ++n) {
    s += "n" + std::to_string(n) + (g.NodeAlive(n) ? " alive" : " dead") + " L";
    for (LabelId l : g.node(n).labels) s += " " + std::to_string(l);
    s += " P";
    for (const auto& [k, v] : g.node(n).properties.entries()) {
      s += " " + std::to_string(k) + "=" + ToDebugString(v);
    }
    s += " out";
    for (const Adjacency& a : g.Out(n)) {
      s += " " + std::to_string(a.type) + ":" + std::to_string(a.other) + ":" +
           std::to_string(a.rel);
    }
    s += " in";
    for (const Adjacency& a : g.In(n)) {
      s += " " + std::to_string(a.type) + ":" + std::to_string(a.other) + ":" +
           std::to_string(a.rel);
    }
    s += "\n";
  }
  for (RelId r = 0; r < g.rel_capacity(); ++r) {
    const RelRecord& rec = g.rel(r);
    s += "r" + std::to_string(r) + (rec.alive ? " alive " : " dead ") +
         std::to_string(rec.source) + "->" + std::to_string(rec.target) + " t" +
         std::to_string(rec.type) + " P";
    for (const auto& [k, v] : rec.properties.entries()) {
      s += " " + std::to_string(k) + "=" + ToDebugString(v);
    }
    s += "\n";
  }
  for (LabelId l = 0; l < g.labels().size(); ++l) {
    s += "label " + std::to_string(l) + ":";
    for (NodeId n : g.NodesWithLabel(l)) s += " " + std::to_string(n);
    s += "\n";
  }
  for (TypeId t = 0; t < g.types().size(); ++t) {
    s += "type " + std::to_string(t) + ": " + std::to_string(g.TypeCount(t)) + "\n";
  }
  for (const auto& [l, k] : probes) {
    for (const Value& v : probe_values) {
      s += "index " + std::to_string(l) + "," + std::to_string(k) + " " + ToDebugString(v) + ":";
      for (NodeId n : g.IndexLookup(l, k, v)) s += " " + std::to_string(n);
      s += "\n";
    }
  }
  return s;
}

TEST_CASE("dictionary and property list") {
  Dictionary d;
  CHECK(d.Intern("Person") == 0);
  CHECK(d.Intern("Company") == 1);
  CHECK(d.Intern("Person") == 0);
  CHECK(d.Find("Company") == 1u);
  CHECK_FALSE(d.Find("Nope").has_value());
  CHECK(d.Name(1) == "Company");

  PropertyList p;
  CHECK(p.Set(5, Value::Int(1)).is_null());
  CHECK(p.Set(2, Value::String("a")).is_null());
  CHECK(p.Set(5, Value::Int(2)).int_value() == 1);
  CHECK(p.entries().front().first == 2);
  CHECK(p.Get(5)->int_value() == 2);
  CHECK(p.Set(5, Value::Null()).int_value() == 2);
  CHECK(p.Get(5) == nullptr);
  CHECK(p.Set(9, Value::Null()).is_null());
  CHECK(p.entries().size() == 1);
}

TEST_CASE("property list: random sets and removals against a map, copies and moves") {
  std::mt19937 rng(7);
  PropertyList p;
  std::map<KeyId, std::string> model;  // ToDebugString of the value
  auto same = [&](const PropertyList& list) {
    REQUIRE(list.size() == model.size());
    auto it = model.begin();
    for (const auto& [key, value] : list.entries()) {
      CHECK(key == it->first);
      CHECK(ToDebugString(value) == it->second);
      ++it;
    }
    for (KeyId k = 0; k < 12; ++k) {
      PropertyRef v = list.Get(k);
      CHECK((v != nullptr) == model.contains(k));
      if (v) CHECK(ToDebugString(*v) == model[k]);
    }
  };
  for (int step = 0; step < 4000; ++step) {
    const KeyId key = rng() % 12;
    const bool remove = rng() % 4 == 0;
    // Numbers and booleans are kept in place, the rest boxed; long strings
    // and lists show a copy or a move that went wrong on the heap.
    Value v;
    switch (rng() % 5) {
      case 0: v = Value::Int(static_cast<int64_t>(rng()) - 1000000); break;
      case 1: v = Value::Float(step / 7.0); break;
      case 2: v = Value::Bool(step % 2 == 0); break;
      case 3: v = Value::String(std::string(20 + rng() % 20, 'a' + key) + std::to_string(step)); break;
      default: v = Value::MakeList({Value::Int(step), Value::String(std::string(30, 'x'))});
    }
    const std::string text = ToDebugString(v);
    Value previous = p.Set(key, remove ? Value::Null() : std::move(v));
    auto at = model.find(key);
    CHECK(previous.is_null() == (at == model.end()));
    if (at != model.end()) CHECK(ToDebugString(previous) == at->second);
    if (remove) {
      model.erase(key);
    } else {
      model[key] = text;
    }
    same(p);
    if (step % 97 == 0) {
      PropertyList copy(p);
      same(copy);
      PropertyList assigned;
      assigned.Set(3, Value::String(std::string(40, 'q')));
      assigned = copy;
      same(assigned);
      PropertyList moved(std::move(copy));
      same(moved);
      CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
      assigned = std::move(moved);
      same(assigned);
      assigned = assigned;  // self-assignment keeps the entries
      same(assigned);
    }
  }
  p.Clear();
  CHECK(p.empty());
  CHECK(p.entries().empty());
  CHECK(p.data() == nullptr);
  p.Reserve(3);
  CHECK(p.empty());
  CHECK(p.Set(1, Value::Int(1)).is_null());
  CHECK(p.size() == 1);
  // A number read back is a copy; a string is the list's own.
  CHECK_FALSE(p.Get(1).boxed());
  p.Set(2, Value::String("s"));
  CHECK(p.Get(2).boxed());
  CHECK(p.Get(2).get() == p.Get(2).get());
  // A record holds the list in one pointer.
  static_assert(sizeof(PropertyList) == sizeof(void*));
}

TEST_CASE("nodes, relationships, adjacency and deletion") {
  Graph g;
  LabelId person = g.labels().Intern("Person");
  LabelId company = g.labels().Intern("Company");
  TypeId knows = g.types().Intern("KNOWS");
  TypeId works = g.types().Intern("WORKS_AT");
  LabelId pl[] = {person};
  LabelId cl[] = {company, company};
  NodeId a = g.AddNode(pl, Props(g, {{"name", Value::String("a")}}));
  NodeId b = g.AddNode(pl, {});
  NodeId c = g.AddNode(cl, {});
  CHECK(g.node(c).labels.size() == 1);  // duplicate label dropped
  RelId r0 = g.AddRelationship(a, c, works, {});
  RelId r1 = g.AddRelationship(a, b, knows, {});
  RelId r2 = g.AddRelationship(a, c, knows, {});
  RelId r3 = g.AddRelationship(a, b, works, {});
  RelId r4 = g.AddRelationship(b, b, knows, {});  // self-loop
  CHECK(g.node_count() == 3);
  CHECK(g.rel_count() == 5);

  // Out(a) sorted by (type, other, rel): each type's neighbours contiguous.
  CHECK(Rels(g.Out(a)) == std::vector<RelId>{r1, r2, r3, r0});
  CHECK(Rels(g.Out(a, knows)) == std::vector<RelId>{r1, r2});
  CHECK(Rels(g.Out(a, works)) == std::vector<RelId>{r3, r0});
  CHECK(g.Out(a, 99).empty());
  CHECK(Rels(g.In(b, knows)) == std::vector<RelId>{r1, r4});
  CHECK(Rels(g.In(c)) == std::vector<RelId>{r2, r0});
  CHECK(g.TypeCount(knows) == 3);
  CHECK(g.TypeCount(works) == 2);
  CHECK(g.TypeCount(42) == 0);

  g.SetRelProperty(r1, g.keys().Intern("since"), Value::Int(2020));
  CHECK(g.rel(r1).properties.Get(*g.keys().Find("since"))->int_value() == 2020);

  // Plain delete of a connected node fails and changes nothing.
  absl::Status st = g.DeleteNode(b, false);
  CHECK(st.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(st.message()) ==
        "ConstraintVerificationFailed: cannot delete node 1 because it still has "
        "relationships; use DETACH DELETE");
  CHECK(g.NodeAlive(b));
  CHECK(g.rel_count() == 5);

  g.DeleteRelationship(r0);
  CHECK_FALSE(g.RelAlive(r0));
  CHECK(Rels(g.Out(a, works)) == std::vector<RelId>{r3});
  CHECK(g.TypeCount(works) == 1);
  g.DeleteRelationship(r0);  // deleting twice is harmless
  CHECK(g.rel_count() == 4);

  CHECK(g.DeleteNode(b, true).ok());
  CHECK_FALSE(g.NodeAlive(b));
  CHECK(g.node_count() == 2);
  CHECK(g.rel_count() == 1);  // r1, r3, r4 went with b
  CHECK(Rels(g.Out(a)) == std::vector<RelId>{r2});
  CHECK(g.TypeCount(knows) == 1);
  CHECK(g.NodesWithLabel(person) == std::vector<NodeId>{a});
  CHECK(g.DeleteNode(b, false).ok());  // already deleted: no-op

  // Ids are never reused.
  NodeId d = g.AddNode(pl, {});
  CHECK(d == 3);
  CHECK(g.node_capacity() == 4);
  CHECK(g.AddRelationship(d, a, knows, {}) == 5);
  CHECK(g.NodesWithLabel(person) == std::vector<NodeId>{a, d});
}

TEST_CASE("label index") {
  Graph g;
  LabelId x = g.labels().Intern("X");
  LabelId y = g.labels().Intern("Y");
  for (int i = 0; i < 5; ++i) g.AddNode({}, {});
  CHECK(g.NodesWithLabel(x).empty());
  CHECK(g.NodesWithLabel(77).empty());
  CHECK(g.AddLabel(3, x));
  CHECK(g.AddLabel(1, x));
  CHECK(g.AddLabel(4, x));
  CHECK_FALSE(g.AddLabel(1, x));
  CHECK(g.AddLabel(1, y));
  CHECK(g.NodesWithLabel(x) == std::vector<NodeId>{1, 3, 4});
  CHECK(g.node(1).labels == std::vector<LabelId>{x, y});
  CHECK(g.HasLabel(1, y));
  CHECK(g.RemoveLabel(3, x));
  CHECK_FALSE(g.RemoveLabel(3, x));
  CHECK(g.NodesWithLabel(x) == std::vector<NodeId>{1, 4});
  CHECK(g.LabelCount(x) == 2);
  CHECK(g.DeleteNode(1, false).ok());
  CHECK(g.NodesWithLabel(x) == std::vector<NodeId>{4});
  CHECK(g.NodesWithLabel(y).empty());
}

TEST_CASE("property index follows every mutation") {
  Graph g;
  LabelId person = g.labels().Intern("Person");
  LabelId other = g.labels().Intern("Other");
  KeyId name = g.keys().Intern("name");
  KeyId age = g.keys().Intern("age");
  LabelId pl[] = {person};
  NodeId a = g.AddNode(pl, Props(g, {{"name", Value::String("Ann")}, {"age", Value::Int(30)}}));
  NodeId b = g.AddNode(pl, Props(g, {{"name", Value::String("Bob")}}));
  NodeId c = g.AddNode({}, Props(g, {{"name", Value::String("Ann")}}));

  CHECK_FALSE(g.HasIndex(person, name));
  g.CreateIndex(person, name);
  g.CreateIndex(person, name);  // no-op
  g.CreateIndex(person, age);
  CHECK(g.HasIndex(person, name));
  CHECK(g.Indexes().size() == 2);
  CHECK(g.IndexLookup(person, name, Value::String("Ann")) == std::vector<NodeId>{a});
  CHECK(g.IndexLookup(person, name, Value::Null()).empty());
  // Equivalence: 30 finds 30.0 and vice versa.
  CHECK(g.IndexLookup(person, age, Value::Float(30.0)) == std::vector<NodeId>{a});

  // New node with the label.
  NodeId d = g.AddNode(pl, Props(g, {{"name", Value::String("Ann")}}));
  CHECK(g.IndexLookup(person, name, Value::String("Ann")) == std::vector<NodeId>{a, d});
  // Label added to an existing node with the property.
  CHECK(g.AddLabel(c, person));
  CHECK(g.IndexLookup(person, name, Value::String("Ann")) == std::vector<NodeId>{a, c, d});
  // Other labels do not matter.
  g.AddLabel(c, other);
  g.RemoveLabel(c, other);
  CHECK(g.IndexLookup(person, name, Value::String("Ann")) == std::vector<NodeId>{a, c, d});
  // Property changes.
  g.SetNodeProperty(a, name, Value::String("Bob"));
  CHECK(g.IndexLookup(person, name, Value::String("Ann")) == std::vector<NodeId>{c, d});
  CHECK(g.IndexLookup(person, name, Value::String("Bob")) == std::vector<NodeId>{a, b});
  g.SetNodeProperty(a, age, Value::Float(30.0));  // equivalent value
  CHECK(g.IndexLookup(person, age, Value::Int(30)) == std::vector<NodeId>{a});
  g.SetNodeProperty(a, age, Value::Null());
  CHECK(g.IndexLookup(person, age, Value::Int(30)).empty());
  // Label removed.
  g.RemoveLabel(c, person);
  CHECK(g.IndexLookup(person, name, Value::String("Ann")) == std::vector<NodeId>{d});
  // Node deleted.
  CHECK(g.DeleteNode(b, false).ok());
  CHECK(g.IndexLookup(person, name, Value::String("Bob")) == std::vector<NodeId>{a});
  // Property on a node without the label: not indexed.
  g.SetNodeProperty(c, name, Value::String("Bob"));
  CHECK(g.IndexLookup(person, name, Value::String("Bob")) == std::vector<NodeId>{a});
}

TEST_CASE("Rollback restores everything") {
  Graph g;
  LabelId person = g.labels().Intern("Person");
  LabelId vip = g.labels().Intern("Vip");
  TypeId knows = g.types().Intern("KNOWS");
  TypeId likes = g.types().Intern("LIKES");
  KeyId name = g.keys().Intern("name");
  LabelId pl[] = {person};
  LabelId both[] = {person, vip};
  NodeId a = g.AddNode(both, Props(g, {{"name", Value::String("a")}}));
  NodeId b = g.AddNode(pl, Props(g, {{"name", Value::String("b")}}));
  NodeId c = g.AddNode(pl, Props(g, {{"name", Value::String("c")}}));
  g.AddRelationship(a, b, knows, Props(g, {{"w", Value::Int(1)}}));
  g.AddRelationship(b, c, likes, {});
  g.AddRelationship(c, c, knows, {});
  RelId ac = g.AddRelationship(a, c, knows, {});
  g.CreateIndex(person, name);

  std::vector<std::pair<LabelId, KeyId>> probes = {{person, name}};
  std::vector<Value> values = {Value::String("a"), Value::String("b"), Value::String("c"),
                               Value::String("x"), Value::String("y")};
  const std::string before = Snapshot(g, probes, values);

  g.Begin();
  CHECK(g.in_transaction());
  NodeId x = g.AddNode(pl, Props(g, {{"name", Value::String("x")}}));
  g.AddRelationship(x, a, knows, {});
  g.AddRelationship(b, x, likes, {});
  g.SetNodeProperty(a, name, Value::String("y"));
  g.SetNodeProperty(a, name, Value::Null());
  g.SetNodeProperty(b, g.keys().Intern("fresh"), Value::Int(7));
  g.RemoveLabel(a, person);  // labels [vip]; order must come back as [person, vip]
  g.AddLabel(a, person);
  g.RemoveLabel(a, vip);
  g.AddLabel(c, vip);
  g.SetRelProperty(0, g.keys().Intern("w"), Value::Int(99));
  g.DeleteRelationship(ac);
  CHECK(g.DeleteNode(b, true).ok());
  CHECK(g.DeleteNode(c, true).ok());
  NodeId y = g.AddNode(pl, Props(g, {{"name", Value::String("c")}}));
  g.AddRelationship(y, x, knows, {});
  CHECK(g.DeleteNode(x, true).ok());
  CHECK(Snapshot(g, probes, values) != before);
  g.Rollback();

  CHECK_FALSE(g.in_transaction());
  CHECK(Snapshot(g, probes, values) == before);
  CHECK(g.node_capacity() == 3);
  CHECK(g.rel_capacity() == 4);
  CHECK(g.node(a).labels == std::vector<LabelId>{person, vip});
  CHECK(g.IndexLookup(person, name, Value::String("c")) == std::vector<NodeId>{c});

  // A new statement reuses the ids that were taken back.
  g.Begin();
  CHECK(g.AddNode({}, {}) == 3);
  g.Commit();
  CHECK(g.node_count() == 4);
  // Mutations outside a transaction are not recorded; Rollback is then a no-op.
  g.AddNode({}, {});
  g.Rollback();
  CHECK(g.node_count() == 5);
}

TEST_CASE("Rollback after random mutation sequences") {
  std::mt19937 rng(12345);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  Graph g;
  const LabelId labels[] = {g.labels().Intern("A"), g.labels().Intern("B"),
                            g.labels().Intern("C")};
  const TypeId types[] = {g.types().Intern("R"), g.types().Intern("S")};
  const KeyId keys[] = {g.keys().Intern("k"), g.keys().Intern("m")};
  g.CreateIndex(labels[0], keys[0]);
  g.CreateIndex(labels[1], keys[1]);
  std::vector<std::pair<LabelId, KeyId>> probes = {{labels[0], keys[0]}, {labels[1], keys[1]}};
  std::vector<Value> values = {Value::Int(0), Value::Int(1), Value::Int(2), Value::Float(1.0)};

  auto random_value = [&] {
    size_t r = pick(4);
    return r == 3 ? Value::Null() : Value::Int(static_cast<int64_t>(r));
  };
  auto mutate = [&] {
    size_t nodes = g.node_capacity();
    size_t op = nodes < 2 ? 0 : pick(9);
    NodeId n = nodes == 0 ? 0 : pick(nodes);
    bool alive = g.NodeAlive(n);
    switch (op) {
      case 0: {
        LabelId l[] = {labels[pick(3)]};
        PropertyList p;
        p.Set(keys[pick(2)], random_value());
        g.AddNode(l, std::move(p));
        break;
      }
      case 1:
        if (alive) g.AddLabel(n, labels[pick(3)]);
        break;
      case 2:
        if (alive) g.RemoveLabel(n, labels[pick(3)]);
        break;
      case 3:
        if (alive) g.SetNodeProperty(n, keys[pick(2)], random_value());
        break;
      case 4:
      case 5: {
        NodeId m = pick(nodes);
        if (alive && g.NodeAlive(m)) g.AddRelationship(n, m, types[pick(2)], {});
        break;
      }
      case 6:
        if (g.rel_capacity() > 0) g.DeleteRelationship(pick(g.rel_capacity()));
        break;
      case 7:
        if (g.rel_capacity() > 0 && g.RelAlive(0)) g.SetRelProperty(0, keys[0], random_value());
        break;
      case 8:
        (void)g.DeleteNode(n, pick(2) == 0);
        break;
    }
  };
  for (int i = 0; i < 40; ++i) mutate();
  for (int round = 0; round < 50; ++round) {
    const std::string before = Snapshot(g, probes, values);
    g.Begin();
    for (int i = 0; i < 30; ++i) mutate();
    g.Rollback();
    REQUIRE(Snapshot(g, probes, values) == before);
    // The indexes also agree with a brute-force scan.
    for (const auto& [label, key] : probes) {
      for (const Value& v : values) {
        std::vector<NodeId> expected;
        for (NodeId n = 0; n < g.node_capacity(); ++n) {
          PropertyRef p = g.NodeAlive(n) ? g.node(n).properties.Get(key) : PropertyRef();
          if (p != nullptr && g.HasLabel(n, label) && Equivalent(*p, v)) expected.push_back(n);
        }
        CHECK(g.IndexLookup(label, key, v) == expected);
      }
    }
    for (LabelId label : labels) {
      std::vector<NodeId> expected;
      for (NodeId n = 0; n < g.node_capacity(); ++n) {
        if (g.NodeAlive(n) && g.HasLabel(n, label)) expected.push_back(n);
      }
      CHECK(g.NodesWithLabel(label) == expected);
      // HasLabel's bitmap agrees with every node's own label list.
      for (NodeId n = 0; n < g.node_capacity(); ++n) {
        const auto& own = g.node(n).labels;
        CHECK(g.HasLabel(n, label) == (std::find(own.begin(), own.end(), label) != own.end()));
      }
    }
    // MayHaveType never says no to a node that has a relationship of the
    // type (it may say yes to one that no longer has).
    for (NodeId n = 0; n < g.node_capacity(); ++n) {
      for (TypeId t : types) {
        if (!g.Out(n, t).empty()) CHECK(g.MayHaveType(n, t, /*out=*/true));
        if (!g.In(n, t).empty()) CHECK(g.MayHaveType(n, t, /*out=*/false));
      }
    }
    g.Begin();
    for (int i = 0; i < 5; ++i) mutate();
    g.Commit();
  }
}

TEST_CASE("Boost.Graph algorithms run on Graph directly") {
  //   0 -> 1 -> 2 -> 3      4 (deleted)     5 <- 6
  //   0 --------> 2         weights on rels
  Graph g;
  TypeId road = g.types().Intern("ROAD");
  KeyId km = g.keys().Intern("km");
  for (int i = 0; i < 7; ++i) g.AddNode({}, {});
  auto road_of = [&](NodeId s, NodeId t, int64_t w) {
    return g.AddRelationship(s, t, road, Props(g, {{"km", Value::Int(w)}}));
  };
  road_of(0, 1, 1);
  road_of(1, 2, 2);
  road_of(2, 3, 1);
  road_of(0, 2, 5);
  road_of(6, 5, 1);
  road_of(4, 3, 1);
  CHECK(g.DeleteNode(4, true).ok());
  const Graph& cg = g;

  using Traits = boost::graph_traits<Graph>;
  CHECK(num_vertices(cg) == 7);
  CHECK(num_edges(cg) == 5);
  CHECK(out_degree(0, cg) == 2);
  CHECK(in_degree(2, cg) == 2);
  CHECK(degree(2, cg) == 3);
  CHECK(degree(4, cg) == 0);
  auto [ei, ee] = in_edges(2, cg);
  CHECK(source(*ei, cg) == 0);
  CHECK(target(*ei, cg) == 2);
  size_t edge_count = 0;
  for (auto [it, end] = edges(cg); it != end; ++it) ++edge_count;
  CHECK(edge_count == 5);
  std::vector<NodeId> adjacent;
  for (auto [it, end] = adjacent_vertices(0, cg); it != end; ++it) adjacent.push_back(*it);
  CHECK(adjacent == std::vector<NodeId>{1, 2});

  // BFS hop distances from 0.
  std::vector<size_t> hops(num_vertices(cg), 0);
  boost::breadth_first_search(
      cg, Traits::vertex_descriptor{0},
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(
          boost::make_iterator_property_map(hops.begin(), get(boost::vertex_index, cg)),
          boost::on_tree_edge()))));
  CHECK(hops[1] == 1);
  CHECK(hops[2] == 1);
  CHECK(hops[3] == 2);
  CHECK(hops[5] == 0);  // unreachable

  // Dijkstra weighted by the km property.
  std::vector<int64_t> dist(num_vertices(cg));
  std::vector<NodeId> pred(num_vertices(cg));
  auto weight = boost::make_function_property_map<BglEdge, int64_t>(
      [&](const BglEdge& e) { return cg.rel(e.rel).properties.Get(km)->int_value(); });
  boost::dijkstra_shortest_paths(
      cg, Traits::vertex_descriptor{0},
      boost::weight_map(weight)
          .distance_map(boost::make_iterator_property_map(dist.begin(),
                                                          get(boost::vertex_index, cg)))
          .predecessor_map(boost::make_iterator_property_map(pred.begin(),
                                                             get(boost::vertex_index, cg)))
          .distance_inf(std::numeric_limits<int64_t>::max()));
  CHECK(dist[1] == 1);
  CHECK(dist[2] == 3);  // via 1, not the direct 5 km road
  CHECK(dist[3] == 4);
  CHECK(pred[2] == 1);
  CHECK(dist[5] == std::numeric_limits<int64_t>::max());
}

}  // namespace
}  // namespace cornerstone::engine
