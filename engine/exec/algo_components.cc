// Copyright (c) Cornerstone authors.
// algo.wcc (BGL connected_components over the UndirectedView: the
// relationships taken in both directions, which is what "weakly connected"
// means) and algo.scc (BGL strong_components, Tarjan's algorithm, over the
// outgoing View). Both yield `node, component`, one row per projected node
// in id order.
#include <boost/graph/connected_components.hpp>
#include <boost/graph/strong_components.hpp>

#include "engine/exec/algo_internal.h"

namespace cornerstone::engine::algo {
namespace {

// BGL numbers components in the order its DFS finishes them; renumber them
// 0, 1, 2, ... in the order of their smallest node id, so the numbers do not
// depend on the traversal.
void ComponentRows(const Projection& p, const std::vector<size_t>& component, Rows* rows) {
  std::vector<int64_t> renumbered(p.nodes().empty() ? 0 : p.graph().node_capacity(), -1);
  int64_t next = 0;
  rows->reserve(rows->size() + p.nodes().size());
  for (NodeId v : p.nodes()) {
    int64_t& c = renumbered[component[v]];
    if (c < 0) c = next++;
    rows->push_back({Value::Node(v), Value::Int(c)});
  }
}

absl::Status RunWcc(std::span<const Value> args, EvalContext& ctx, Rows* rows) {
  auto config = ParseConfig(args[0], ctx.graph(), {"relTypes", "labels", "nodes"});
  if (!config.ok()) return config.status();
  auto projection = MakeProjection(*config, ctx);
  return RunAlgorithm(ctx, [&]() -> absl::Status {
    UndirectedView view(*projection, Direction::kBoth);
    std::vector<size_t> component(num_vertices(view), 0);
    boost::connected_components(
        view, boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, view)));
    ComponentRows(*projection, component, rows);
    return absl::OkStatus();
  });
}

absl::Status RunScc(std::span<const Value> args, EvalContext& ctx, Rows* rows) {
  auto config = ParseConfig(args[0], ctx.graph(), {"relTypes", "labels", "nodes"});
  if (!config.ok()) return config.status();
  auto projection = MakeProjection(*config, ctx);
  return RunAlgorithm(ctx, [&]() -> absl::Status {
    View view(*projection, Direction::kOutgoing);
    std::vector<size_t> component(num_vertices(view), 0);
    boost::strong_components(
        view, boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, view)));
    ComponentRows(*projection, component, rows);
    return absl::OkStatus();
  });
}

}  // namespace

void RegisterComponentProcedures(ProcedureRegistry& registry) {
  for (bool strong : {false, true}) {
    ProcedureDef def;
    def.name = strong ? "algo.scc" : "algo.wcc";
    def.inputs = {{"config", "MAP"}};
    def.outputs = {{"node", "NODE"}, {"component", "INTEGER"}};
    def.run = strong ? RunScc : RunWcc;
    registry.Add(std::move(def));
  }
}

}  // namespace cornerstone::engine::algo
