// Copyright (c) Cornerstone authors.
// kg.effectiveStake(owner, company[, asOf]): look-through ownership in
// percent, as investment analysts compute it: the product of the stakes
// along each chain of holdings, summed over every distinct simple chain
// from owner to company (a chain never visits a company twice, so cross-
// holdings and cycles add each route once and terminate).
//
// A hop from x to y is worth
//  * the sum of the `percent` of the OWNS_STAKE relationships x -> y, or
//  * 100% for an ACQUIRED relationship x -> y, only when no OWNS_STAKE
//    x -> y exists (an acquisition followed by a partial sale, like Arm's
//    relisting, keeps the stated stake);
// counting only relationships that hold at `asOf` (valid_from <= asOf <
// valid_to), or without `asOf` those that have not ended (no valid_to).
// An OWNS_STAKE without a numeric `percent` blocks ACQUIRED but adds nothing.
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/exec/context.h"
#include "engine/exec/kg_internal.h"

namespace cornerstone::engine::kg {
namespace {

using query::ErrorKind;

// Chains explored before giving up (ownership graphs of real portfolios have
// a handful; a dense random graph could have astronomically many).
constexpr int64_t kMaxSteps = 1000000;

class StakeSearch {
 public:
  StakeSearch(const Graph& g, const Value& as_of, EvalContext& ctx)
      : g_(g), as_of_(as_of), ctx_(ctx) {
    owns_ = g.types().Find("OWNS_STAKE");
    acquired_ = g.types().Find("ACQUIRED");
  }

  // Fraction (0..1 per hop, summed over chains) of `target` held by `from`;
  // nullopt with ctx failed when stopped.
  std::optional<double> Total(NodeId from, NodeId target) {
    target_ = target;
    on_path_.insert(from);
    double total = Walk(from);
    if (!ctx_.ok()) return std::nullopt;
    return total;
  }

 private:
  using Edges = std::vector<std::pair<NodeId, double>>;

  const Edges& EdgesOf(NodeId n) {
    auto [it, inserted] = edges_.try_emplace(n);
    if (!inserted) return it->second;
    absl::flat_hash_map<NodeId, double> stake;
    std::vector<NodeId> order;  // first appearance, for a deterministic sum
    if (owns_) {
      for (const Adjacency& a : g_.Out(n, *owns_)) {
        if (!ValidAt(g_, a.rel, as_of_)) continue;
        auto [s, fresh] = stake.try_emplace(a.other, 0.0);
        if (fresh) order.push_back(a.other);
        PropertyRef p = RelProperty(g_, a.rel, "percent");
        if (p != nullptr && p->is_number()) s->second += p->number_value() / 100.0;
      }
    }
    if (acquired_) {
      for (const Adjacency& a : g_.Out(n, *acquired_)) {
        if (!ValidAt(g_, a.rel, as_of_) || stake.contains(a.other)) continue;
        stake.emplace(a.other, 1.0);
        order.push_back(a.other);
      }
    }
    for (NodeId o : order) {
      if (o != n && stake[o] != 0.0) it->second.emplace_back(o, stake[o]);
    }
    return it->second;
  }

  double Walk(NodeId n) {
    if (++steps_ > kMaxSteps) {
      ctx_.Fail(ErrorKind::kRuntimeError,
                absl::StrCat("kg.effectiveStake(): more than ", kMaxSteps,
                             " ownership chains; the graph is too densely connected"));
      return 0;
    }
    if (ctx_.Cancelled()) return 0;
    double total = 0;
    // Copy: EdgesOf may rehash edges_ during the recursion.
    const Edges edges = EdgesOf(n);
    for (const auto& [next, fraction] : edges) {
      if (next == target_) {
        total += fraction;
        continue;
      }
      if (!on_path_.insert(next).second) continue;
      total += fraction * Walk(next);
      on_path_.erase(next);
      if (!ctx_.ok()) return 0;
    }
    return total;
  }

  const Graph& g_;
  const Value& as_of_;
  EvalContext& ctx_;
  std::optional<TypeId> owns_, acquired_;
  NodeId target_ = 0;
  absl::flat_hash_map<NodeId, Edges> edges_;
  absl::flat_hash_set<NodeId> on_path_;
  int64_t steps_ = 0;
};

Value EffectiveStake(std::span<const Value> a, EvalContext& ctx) {
  const char* names[] = {"owner", "company"};
  for (int i = 0; i < 2; ++i) {
    if (a[i].kind() != Kind::kNode) {
      return ctx.Fail(ErrorKind::kTypeError,
                      absl::StrCat("Invalid argument type for kg.effectiveStake(): `", names[i],
                                   "` must be a NODE, got ", KindName(a[i].kind())));
    }
    if (!ctx.graph().NodeAlive(a[i].node_id())) {
      return ctx.Fail(ErrorKind::kEntityNotFound,
                      absl::StrCat("kg.effectiveStake(): `", names[i], "` is a deleted node"));
    }
  }
  Value as_of;
  if (a.size() == 3) {
    if (a[2].kind() != Kind::kTemporal || a[2].temporal_value().type != TemporalType::kDate) {
      return ctx.Fail(ErrorKind::kTypeError,
                      absl::StrCat("Invalid argument type for kg.effectiveStake(): `asOf` must "
                                   "be a DATE, got ",
                                   TypeName(a[2])));
    }
    as_of = a[2];
  }
  if (a[0].node_id() == a[1].node_id()) return Value::Float(100.0);
  StakeSearch search(ctx.graph(), as_of, ctx);
  std::optional<double> total = search.Total(a[0].node_id(), a[1].node_id());
  if (!total) return Value();
  // Round away the binary noise of the products (0.9 * 0.5 * 100 prints as
  // 45.0, not 45.00000000000001); nine decimals of a percent is plenty.
  return Value::Float(std::round(*total * 100.0 * 1e9) / 1e9);
}

}  // namespace

const FunctionDef kEffectiveStake = {"kg.effectiveStake", 2, 3, false, EffectiveStake};

}  // namespace cornerstone::engine::kg
