// Copyright (c) Cornerstone authors.
// algo.bfs, algo.shortestPath, algo.allShortestPaths: BGL's
// breadth_first_visit (unweighted) and dijkstra_shortest_paths (with
// `weight`) over a View, then the paths read backwards from the target
// through the in-edges whose ends are exactly one hop (one weight) apart.
#include <cmath>
#include <limits>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <boost/pending/queue.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "engine/exec/algo_internal.h"

namespace cornerstone::engine::algo {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Ends a search early (caught below, never leaves this file).
struct StopSearch {};

// Records hop distances and the discovery order; stops before expanding a
// vertex at distance `limit` or more (the target's distance once found, or
// maxDepth), so every vertex up to that distance is discovered.
class BfsRecorder : public boost::default_bfs_visitor {
 public:
  BfsRecorder(std::vector<double>* dist, std::vector<NodeId>* order, double limit, NodeId target)
      : dist_(dist), order_(order), limit_(limit), target_(target) {}
  template <class G>
  void discover_vertex(NodeId v, const G&) {
    if (order_ != nullptr) order_->push_back(v);
    if (v == target_) limit_ = (*dist_)[v];
  }
  template <class G>
  void tree_edge(const BglEdge& e, const G&) {
    (*dist_)[e.target] = (*dist_)[e.source] + 1;
  }
  template <class G>
  void examine_vertex(NodeId u, const G&) {
    if ((*dist_)[u] >= limit_) throw StopSearch{};
  }

 private:
  std::vector<double>* dist_;
  std::vector<NodeId>* order_;
  double limit_;
  NodeId target_;
};

// Stops Dijkstra once every vertex at most as far as the target is settled.
class DijkstraStopper : public boost::default_dijkstra_visitor {
 public:
  DijkstraStopper(const std::vector<double>* dist, NodeId target) : dist_(dist), target_(target) {}
  template <class G>
  void examine_vertex(NodeId u, const G&) {
    if ((*dist_)[u] > (*dist_)[target_]) throw StopSearch{};
  }

 private:
  const std::vector<double>* dist_;
  NodeId target_;
};

// Hop distances from `start` (inf where not reached), discovering every
// vertex up to `limit` hops (or up to the target's distance).
std::vector<double> BfsDistances(const View& view, NodeId start, double limit, NodeId target,
                                 std::vector<NodeId>* order) {
  std::vector<double> dist(num_vertices(view), kInf);
  dist[start] = 0;
  boost::two_bit_color_map<boost::typed_identity_property_map<NodeId>> color(num_vertices(view));
  boost::queue<NodeId> queue;
  try {
    boost::breadth_first_visit(view, start, queue, BfsRecorder(&dist, order, limit, target),
                               color);
  } catch (const StopSearch&) {
  }
  return dist;
}

// Weighted distances from `start`, settled up to the target's distance.
std::vector<double> DijkstraDistances(const View& view, NodeId start, NodeId target,
                                      const WeightReader& weight) {
  std::vector<double> dist(num_vertices(view), kInf);
  auto weight_map = boost::make_function_property_map<BglEdge, double>(weight);
  try {
    boost::dijkstra_shortest_paths(
        view, start,
        boost::weight_map(weight_map)
            .distance_map(boost::make_iterator_property_map(dist.begin(),
                                                            get(boost::vertex_index, view)))
            .distance_inf(kInf)
            .visitor(DijkstraStopper(&dist, target)));
  } catch (const StopSearch&) {
  } catch (const boost::negative_edge&) {  // (WeightReader rejects those first)
    throw WeightError{"negative weight"};
  }
  return dist;
}

bool Tight(double du, double w, double dv) {
  return std::abs(du + w - dv) <= 1e-12 * std::max(1.0, std::abs(dv));
}

// Every shortest path from `start` to `target` (at most `limit`), read
// backwards through in-edges (u, v) with dist[u] + w(u, v) == dist[v].
void EnumeratePaths(const View& view, const std::vector<double>& dist, NodeId start,
                    NodeId target, const WeightReader* weight, size_t limit,
                    std::vector<PathData>* out) {
  if (dist[target] == kInf) return;
  // Depth-first over the predecessor DAG; each frame is a vertex and the
  // position in its in-edges; suffix[i] leads from stack[i + 1] to stack[i].
  std::vector<BglEdge> suffix;
  struct Frame {
    NodeId v;
    ViewTraits<false>::in_edge_iterator it, end;
  };
  std::vector<Frame> stack;
  auto push = [&](NodeId v) {
    auto [first, last] = in_edges(v, view);
    stack.push_back({v, first, last});
  };
  push(target);
  while (!stack.empty() && out->size() < limit) {
    Frame& f = stack.back();
    if (f.v == start) {
      PathData p;
      p.nodes.push_back(start);
      for (auto e = suffix.rbegin(); e != suffix.rend(); ++e) {
        p.rels.push_back(e->rel);
        p.nodes.push_back(e->target);
      }
      out->push_back(std::move(p));
      stack.pop_back();
      if (!suffix.empty()) suffix.pop_back();
      continue;
    }
    bool pushed = false;
    while (f.it != f.end) {
      BglEdge e = *f.it;
      ++f.it;
      view.projection().Tick();
      double du = dist[e.source];
      if (du == kInf) continue;
      double w = weight != nullptr ? (*weight)(e) : 1.0;
      if (!Tight(du, w, dist[f.v])) continue;
      // A zero-weight cycle could make this walk loop; paths are simple.
      bool seen = e.source == target;
      for (const BglEdge& s : suffix) seen = seen || s.source == e.source;
      if (seen) continue;
      suffix.push_back(e);
      push(e.source);
      pushed = true;
      break;
    }
    if (!pushed) {
      stack.pop_back();
      if (!suffix.empty()) suffix.pop_back();
    }
  }
}

absl::Status RunPaths(std::span<const Value> args, EvalContext& ctx, Rows* rows, bool all) {
  const Graph& g = ctx.graph();
  auto config = ParseConfig(args[2], g, {"relTypes", "labels", "nodes", "direction", "weight",
                                         "defaultWeight"});
  if (!config.ok()) return config.status();
  auto from = NodeArgument(args[0], "from", g);
  if (!from.ok()) return from.status();
  auto to = NodeArgument(args[1], "to", g);
  if (!to.ok()) return to.status();
  if (config->default_weight && config->weight.empty()) {
    return absl::InvalidArgumentError("config `defaultWeight` needs `weight`");
  }
  auto projection = MakeProjection(*config, ctx);
  if (!projection->Contains(*from) || !projection->Contains(*to)) return absl::OkStatus();
  View view(*projection, config->direction);
  return RunAlgorithm(ctx, [&]() -> absl::Status {
    std::optional<WeightReader> weight;
    std::vector<double> dist;
    if (!config->weight.empty()) {
      weight.emplace(g, *config);
      dist = DijkstraDistances(view, *from, *to, *weight);
    } else {
      dist = BfsDistances(view, *from, kInf, *to, nullptr);
    }
    std::vector<PathData> paths;
    EnumeratePaths(view, dist, *from, *to, weight ? &*weight : nullptr,
                   all ? std::numeric_limits<size_t>::max() : 1, &paths);
    for (PathData& p : paths) {
      double cost = dist[*to];
      rows->push_back({Value::Path(std::move(p)), Value::Float(cost)});
    }
    return absl::OkStatus();
  });
}

absl::Status RunBfs(std::span<const Value> args, EvalContext& ctx, Rows* rows) {
  const Graph& g = ctx.graph();
  auto config = ParseConfig(args[1], g, {"relTypes", "labels", "nodes", "direction", "maxDepth"});
  if (!config.ok()) return config.status();
  auto start = NodeArgument(args[0], "start", g);
  if (!start.ok()) return start.status();
  auto projection = MakeProjection(*config, ctx);
  if (!projection->Contains(*start)) return absl::OkStatus();
  View view(*projection, config->direction);
  return RunAlgorithm(ctx, [&]() -> absl::Status {
    std::vector<NodeId> order;
    double limit = config->max_depth ? static_cast<double>(*config->max_depth) : kInf;
    std::vector<double> dist =
        BfsDistances(view, *start, limit, BglTraits::null_vertex(), &order);
    for (NodeId v : order) {
      rows->push_back({Value::Node(v), Value::Int(static_cast<int64_t>(dist[v]))});
    }
    return absl::OkStatus();
  });
}

}  // namespace

void RegisterPathProcedures(ProcedureRegistry& registry) {
  ProcedureDef bfs;
  bfs.name = "algo.bfs";
  bfs.inputs = {{"start", "NODE"}, {"config", "MAP"}};
  bfs.outputs = {{"node", "NODE"}, {"depth", "INTEGER"}};
  bfs.run = RunBfs;
  registry.Add(std::move(bfs));

  for (bool all : {false, true}) {
    ProcedureDef def;
    def.name = all ? "algo.allShortestPaths" : "algo.shortestPath";
    def.inputs = {{"from", "NODE"}, {"to", "NODE"}, {"config", "MAP"}};
    def.outputs = {{"path", "PATH"}, {"cost", "FLOAT"}};
    def.run = [all](std::span<const Value> args, EvalContext& ctx, Rows* rows) {
      return RunPaths(args, ctx, rows, all);
    };
    registry.Add(std::move(def));
  }
}

}  // namespace cornerstone::engine::algo
