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
                  absl::StrFormat("  [%d rows, %.3f ms", op.rows(),
                                  static_cast<double>(std::max<int64_t>(self, 0)) / 1e6),
                  op.threads() > 1 ? absl::StrCat(", ", op.threads(), " threads") : "",
                  op.strategy() != nullptr ? absl::StrCat(", ", op.strategy()) : "", "]\n");
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

Cursor::Cursor(const query::LogicalPlan& plan, Graph& graph, bool profile)
    : plan_(plan), profile_enabled_(profile), ctx_(graph) {}

Cursor::~Cursor() = default;

bool Cursor::OpenNext() {
  if (part_ >= plan_.roots.size()) return false;
  root_ = MapOperator(*plan_.roots[part_]);
  if (profile_enabled_) root_->EnableTiming();
  root_->Open(ctx_);
  slots_.assign(plan_.statement.queries[part_].num_slots, Value());
  return true;
}

bool Cursor::Next(std::vector<Value>* row) {
  if (done_) return false;
  if (root_ == nullptr && !OpenNext()) {
    done_ = true;
    return false;
  }
  const bool distinct = plan_.statement.union_distinct;
  while (true) {
    const query::BoundSingleQuery& q = plan_.statement.queries[part_];
    while (root_->Next(ctx_, slots_)) {
      if (q.column_slots.empty()) continue;  // updates without RETURN produce no rows
      row->clear();
      row->reserve(q.column_slots.size());
      for (query::Slot s : q.column_slots) row->push_back(slots_[s]);
      if (distinct && !seen_.insert(*row).second) continue;
      if (!ctx_.AddResultRow(meter_.Bytes(*row))) break;  // max_rows, memory budget
      return true;
    }
    if (!ctx_.ok()) break;
    if (profile_enabled_) {
      if (part_ > 0) absl::StrAppend(&profile_, distinct ? "UNION\n" : "UNION ALL\n");
      Profile(*root_, q.slot_names, 0, &profile_);
    }
    ++part_;
    if (!OpenNext()) break;
  }
  done_ = true;
  root_.reset();
  return false;
}

absl::Status Execute(const query::LogicalPlan& plan, Graph& graph, bool profile, ExecOutput* out) {
  Cursor cursor(plan, graph, profile);
  std::vector<Value> row;
  while (cursor.Next(&row)) out->rows.push_back(std::move(row));
  if (!cursor.status().ok()) return cursor.status();
  out->stats = cursor.stats();
  out->profile = cursor.profile();
  return absl::OkStatus();
}

}  // namespace cornerstone::engine
