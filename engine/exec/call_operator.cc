// Copyright (c) Cornerstone authors.
// CALL: runs a procedure once per input row and emits one row per result,
// with the yielded fields in their slots. A procedure with no outputs passes
// each input row through once.
#include "absl/strings/str_cat.h"
#include "engine/exec/eval.h"
#include "engine/exec/operator.h"
#include "engine/exec/procedures.h"

namespace cornerstone::engine {
namespace {

using query::ErrorKind;

class CallOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    results_.clear();
    pos_ = 0;
    ReleaseResults(ctx);
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    const query::BoundClause& c = *op_.clause;
    for (;;) {
      while (pos_ < results_.size()) {
        const std::vector<Value>& r = results_[pos_++];
        for (size_t i = 0; i < c.output_slots.size(); ++i) {
          if (c.output_slots[i] != query::kNoSlot) row[c.output_slots[i]] = r[i];
        }
        if (c.expr && !EvaluatePredicate(*c.expr, row, ctx)) {
          if (!ctx.ok()) return false;
          continue;
        }
        return true;
      }
      if (!input().Next(ctx, row)) return false;
      results_.clear();
      pos_ = 0;
      ReleaseResults(ctx);
      if (!Run(ctx, row)) return false;
      if (c.procedure->outputs.empty()) return true;
    }
  }

 private:
  bool Run(EvalContext& ctx, Row& row) {
    const ProcedureDef& proc = *op_.clause->procedure;
    std::vector<Value> args;
    for (size_t i = 0; i < op_.clause->exprs.size(); ++i) {
      Value v = Evaluate(*op_.clause->exprs[i], row, ctx);
      if (!ctx.ok()) return false;
      const std::string& type = proc.inputs[i].type;
      if (!ArgumentFits(v, type)) {
        ctx.Fail(ErrorKind::kTypeError,
                 absl::StrCat("argument `", proc.inputs[i].name, "` of ", proc.name, " expects ",
                              type, " but got ", KindName(v.kind())));
        return false;
      }
      if (type == "FLOAT" && v.kind() == Kind::kInt) {
        v = Value::Float(static_cast<double>(v.int_value()));
      }
      args.push_back(std::move(v));
    }
    absl::Status s = proc.run(args, ctx, &results_);
    if (!s.ok()) {
      ctx.Fail(query::QueryError(ErrorKind::kProcedureError,
                                 absl::StrCat(proc.name, ": ", s.message())));
      return false;
    }
    // One call's rows are held until the next input row: charge them to the
    // statement's memory budget meanwhile.
    MemoryMeter meter;
    for (const std::vector<Value>& r : results_) charged_ += meter.Bytes(r);
    return ctx.Charge(charged_);
  }

  void ReleaseResults(EvalContext& ctx) {
    ctx.Release(charged_);
    charged_ = 0;
  }

  std::vector<std::vector<Value>> results_;
  size_t pos_ = 0;
  int64_t charged_ = 0;
};

}  // namespace

PhysicalOperatorPtr MakeCallOperator(const query::LogicalOperator& op) {
  if (op.kind != query::LogicalKind::kCall) return nullptr;
  return std::make_unique<CallOperator>(op);
}

}  // namespace cornerstone::engine
