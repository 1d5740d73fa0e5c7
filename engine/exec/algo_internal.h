// Copyright (c) Cornerstone authors.
// Shared by the algo_*.cc files: the configuration map every algo.*
// procedure takes, argument checks, and the registration of each family.
#ifndef CORNERSTONE_ENGINE_EXEC_ALGO_INTERNAL_H_
#define CORNERSTONE_ENGINE_EXEC_ALGO_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/exec/algo_graph.h"
#include "engine/exec/context.h"
#include "engine/exec/procedures.h"
#include "engine/value/value.h"

namespace cornerstone::engine::algo {

// The config map's keys. Each procedure accepts a subset; any other key is
// an error, as is a value of the wrong type. A null value means "absent".
struct Config {
  std::optional<std::vector<std::string>> labels;     // labels: STRING or LIST OF STRING
  std::optional<std::vector<NodeId>> nodes;           // nodes: LIST OF NODE
  std::optional<std::vector<std::string>> rel_types;  // relTypes: STRING or LIST OF STRING
  Direction direction = Direction::kOutgoing;         // direction
  std::string weight;                                 // weight: property name
  std::optional<double> default_weight;               // defaultWeight
  double damping = 0.85;                              // damping
  int64_t iterations = 20;                            // iterations
  std::optional<int64_t> max_depth;                   // maxDepth
  bool normalized = false;                            // normalized
};

// Parses `config` (a MAP or null) accepting only `allowed` keys.
absl::StatusOr<Config> ParseConfig(const Value& config, const Graph& graph,
                                   std::initializer_list<std::string_view> allowed);

// The node passed as argument `name`: an error for null or a deleted node.
absl::StatusOr<NodeId> NodeArgument(const Value& v, std::string_view name, const Graph& graph);

// The projection a config selects.
std::unique_ptr<Projection> MakeProjection(const Config& config, EvalContext& ctx);

// Reads a relationship's weight property for Dijkstra and Brandes; throws
// WeightError for a missing (without defaultWeight), non-numeric, negative
// or NaN weight.
struct WeightError {
  std::string message;
};
class WeightReader {
 public:
  WeightReader(const Graph& graph, const Config& config);
  double operator()(const BglEdge& e) const;

 private:
  const Graph* graph_;
  std::optional<KeyId> key_;
  std::string name_;
  std::optional<double> default_;
};

// Runs `body`, turning the exceptions thrown out of BGL algorithms
// (Cancelled, WeightError, boost's negative_edge) into a Status.
template <class F>
absl::Status RunAlgorithm(EvalContext& ctx, F&& body) {
  try {
    return body();
  } catch (const Cancelled&) {
    return ctx.ok() ? absl::CancelledError("Cancelled") : ctx.status();
  } catch (const WeightError& e) {
    return absl::InvalidArgumentError(e.message);
  }
}

using Rows = std::vector<std::vector<Value>>;

void RegisterPathProcedures(ProcedureRegistry& registry);
void RegisterCentralityProcedures(ProcedureRegistry& registry);
void RegisterComponentProcedures(ProcedureRegistry& registry);

}  // namespace cornerstone::engine::algo

#endif  // CORNERSTONE_ENGINE_EXEC_ALGO_INTERNAL_H_
