// Copyright (c) Cornerstone authors.
#include "engine/exec/executor.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/exec/operator.h"

namespace cornerstone::engine {
namespace {

void Profile(PhysicalOperator& op, const std::vector<std::string>& names, int depth,
             std::string* out) {
  // Time of the operator itself: its Next() time less its inputs'.
  int64_t self = op.nanos();
  for (auto& c : op.children()) self -= c->nanos();
  absl::StrAppend(out, std::string(depth * 2, ' '), op.logical().Describe(&names),
                  absl::StrFormat("  [%d rows, %.3f ms]", op.rows(),
                                  static_cast<double>(std::max<int64_t>(self, 0)) / 1e6),
                  "\n");
  for (auto& c : op.children()) Profile(*c, names, depth + 1, out);
}

}  // namespace

PhysicalOperatorPtr MapOperator(const query::LogicalOperator& op) {
  PhysicalOperatorPtr p = MakeScanOperator(op);
  if (!p) p = MakeExpandOperator(op);
  if (!p) p = MakeRelationalOperator(op);
  if (!p) p = MakeWriteOperator(op);
  if (!p) p = MakeCallOperator(op);
  if (!p) p = MakeShortestPathOperator(op);
  for (const auto& c : op.children) p->children().push_back(MapOperator(*c));
  return p;
}

absl::Status Execute(const query::LogicalPlan& plan, Graph& graph, bool profile, ExecOutput* out) {
  EvalContext ctx(graph);
  const bool distinct = plan.statement.union_distinct;
  absl::flat_hash_set<std::vector<Value>, ValueVectorHash, ValueVectorEquivalent> seen;
  MemoryMeter meter;
  for (size_t i = 0; i < plan.roots.size(); ++i) {
    const query::BoundSingleQuery& q = plan.statement.queries[i];
    PhysicalOperatorPtr root = MapOperator(*plan.roots[i]);
    if (profile) root->EnableTiming();
    root->Open(ctx);
    Row row(q.num_slots);
    const bool returns_rows = !q.column_slots.empty();
    while (root->Next(ctx, row)) {
      if (!returns_rows) continue;  // updates without RETURN produce no rows
      std::vector<Value> out_row;
      out_row.reserve(q.column_slots.size());
      for (query::Slot s : q.column_slots) out_row.push_back(row[s]);
      if (distinct && !seen.insert(out_row).second) continue;
      if (!ctx.AddResultRow(meter.Bytes(out_row))) break;  // max_rows, memory budget
      out->rows.push_back(std::move(out_row));
    }
    if (!ctx.ok()) return ctx.status();
    if (profile) {
      if (i > 0) absl::StrAppend(&out->profile, distinct ? "UNION\n" : "UNION ALL\n");
      Profile(*root, q.slot_names, 0, &out->profile);
    }
  }
  out->stats = ctx.stats();
  return absl::OkStatus();
}

}  // namespace cornerstone::engine
