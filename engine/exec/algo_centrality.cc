// Copyright (c) Cornerstone authors.
// algo.pageRank (BGL page_rank), algo.betweenness (BGL
// brandes_betweenness_centrality) and algo.degree: node scores over a View,
// one row per projected node in id order, yielding `node, score`.
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "engine/exec/algo_internal.h"

namespace cornerstone::engine::algo {
namespace {

void ScoreRows(const Projection& p, const std::vector<double>& score, Rows* rows) {
  rows->reserve(rows->size() + p.nodes().size());
  for (NodeId v : p.nodes()) rows->push_back({Value::Node(v), Value::Float(score[v])});
}

// BGL's page_rank: PR(v) = (1 - d) + d * sum over edges u->v of
// PR(u) / outdeg(u), starting from 1/N, for a fixed number of iterations;
// the rank of nodes without out-edges is not redistributed. (Kùzu and
// NetworkX divide the (1 - d) term by N: their scores are these / N.)
absl::Status RunPageRank(std::span<const Value> args, EvalContext& ctx, Rows* rows) {
  auto config = ParseConfig(args[0], ctx.graph(),
                            {"relTypes", "labels", "nodes", "direction", "damping", "iterations"});
  if (!config.ok()) return config.status();
  auto projection = MakeProjection(*config, ctx);
  if (projection->nodes().empty()) return absl::OkStatus();
  return RunAlgorithm(ctx, [&]() -> absl::Status {
    // Each iteration divides by the out-degree of every edge's source.
    projection->CountDegrees();
    View view(*projection, config->direction);
    std::vector<double> rank(num_vertices(view)), scratch(num_vertices(view));
    auto index = get(boost::vertex_index, view);
    boost::graph::page_rank(view, boost::make_iterator_property_map(rank.begin(), index),
                            boost::graph::n_iterations(config->iterations), config->damping,
                            projection->nodes().size(),
                            boost::make_iterator_property_map(scratch.begin(), index));
    ScoreRows(*projection, rank, rows);
    return absl::OkStatus();
  });
}

template <class G>
void Brandes(const G& g, const Config& config, std::vector<double>* score) {
  auto index = get(boost::vertex_index, g);
  auto centrality = boost::make_iterator_property_map(score->begin(), index);
  if (config.weight.empty()) {
    boost::brandes_betweenness_centrality(
        g, boost::centrality_map(centrality).vertex_index_map(index));
  } else {
    WeightReader reader(g.projection().graph(), config);
    auto weight = boost::make_function_property_map<BglEdge, double>(reader);
    boost::brandes_betweenness_centrality(
        g, boost::centrality_map(centrality).vertex_index_map(index).weight_map(weight));
  }
}

// Brandes: for every source a BFS (Dijkstra with `weight`), O(V E) time
// (plus O(V^2) resetting per-vertex state). With direction BOTH the graph
// is undirected and each pair counts once. `normalized` divides by the
// number of ordered pairs not involving the node, (n-1)(n-2), or of
// unordered pairs, (n-1)(n-2)/2, when undirected.
absl::Status RunBetweenness(std::span<const Value> args, EvalContext& ctx, Rows* rows) {
  auto config = ParseConfig(args[0], ctx.graph(),
                            {"relTypes", "labels", "nodes", "direction", "weight",
                             "defaultWeight", "normalized"});
  if (!config.ok()) return config.status();
  if (config->default_weight && config->weight.empty()) {
    return absl::InvalidArgumentError("config `defaultWeight` needs `weight`");
  }
  auto projection = MakeProjection(*config, ctx);
  if (projection->nodes().empty()) return absl::OkStatus();
  return RunAlgorithm(ctx, [&]() -> absl::Status {
    std::vector<double> score(projection->graph().node_capacity(), 0.0);
    bool undirected = config->direction == Direction::kBoth;
    if (undirected) {
      Brandes(UndirectedView(*projection, Direction::kBoth), *config, &score);
    } else {
      Brandes(View(*projection, config->direction), *config, &score);
    }
    double n = static_cast<double>(projection->nodes().size());
    if (config->normalized && n > 2) {
      double pairs = (n - 1) * (n - 2) / (undirected ? 2 : 1);
      for (NodeId v : projection->nodes()) score[v] /= pairs;
    }
    ScoreRows(*projection, score, rows);
    return absl::OkStatus();
  });
}

// The number of projected relationships at each node in the direction
// (BOTH: in + out; a self-loop counts twice).
absl::Status RunDegree(std::span<const Value> args, EvalContext& ctx, Rows* rows) {
  auto config =
      ParseConfig(args[0], ctx.graph(), {"relTypes", "labels", "nodes", "direction"});
  if (!config.ok()) return config.status();
  auto projection = MakeProjection(*config, ctx);
  return RunAlgorithm(ctx, [&]() -> absl::Status {
    View view(*projection, config->direction);
    std::vector<double> score(num_vertices(view), 0.0);
    for (NodeId v : projection->nodes()) {
      projection->Tick();
      score[v] = static_cast<double>(out_degree(v, view));
    }
    ScoreRows(*projection, score, rows);
    return absl::OkStatus();
  });
}

void AddScoring(ProcedureRegistry& registry, std::string name,
                absl::Status (*run)(std::span<const Value>, EvalContext&, Rows*)) {
  ProcedureDef def;
  def.name = std::move(name);
  def.inputs = {{"config", "MAP"}};
  def.outputs = {{"node", "NODE"}, {"score", "FLOAT"}};
  def.run = run;
  registry.Add(std::move(def));
}

}  // namespace

void RegisterCentralityProcedures(ProcedureRegistry& registry) {
  AddScoring(registry, "algo.pageRank", RunPageRank);
  AddScoring(registry, "algo.betweenness", RunBetweenness);
  AddScoring(registry, "algo.degree", RunDegree);
}

}  // namespace cornerstone::engine::algo
