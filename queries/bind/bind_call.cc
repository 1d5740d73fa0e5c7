// Copyright (c) Cornerstone authors.
// Binding CALL: the procedure, its arguments (explicit, or implicit from
// parameters of the same names), and the YIELDed fields.
#include "absl/strings/str_cat.h"
#include "engine/exec/procedures.h"
#include "queries/bind/binder_internal.h"

namespace cornerstone::query {

void Binder::BindCall(const Clause& clause, bool standalone, BoundClause* out,
                      BoundSingleQuery* query) {
  const engine::ProcedureDef* proc =
      procedures_ == nullptr ? nullptr : procedures_->Find(clause.procedure);
  if (proc == nullptr) {
    Error(ErrorKind::kProcedureError, clause.pos,
          absl::StrCat("There is no procedure with the name `", clause.procedure,
                       "` registered for this database instance"));
    return;
  }
  out->procedure = proc;
  // Arguments.
  if (clause.implicit_args) {
    if (!standalone) {
      Error(ErrorKind::kSyntaxError, clause.pos,
            absl::StrCat("Procedure call inside a query does not support passing arguments "
                         "implicitly; use ", proc->name, "(...)"));
      return;
    }
    for (const engine::ProcedureField& f : proc->inputs) {
      Expr param;
      param.kind = ExprKind::kParameter;
      param.pos = clause.pos;
      param.name = f.name;
      out->exprs.push_back(BindExpr(param));
      if (!ok()) return;
    }
  } else {
    if (clause.exprs.size() != proc->inputs.size()) {
      Error(ErrorKind::kSyntaxError, clause.pos,
            absl::StrCat("Procedure ", proc->name, " takes ", proc->inputs.size(),
                         " argument(s) but got ", clause.exprs.size()));
      return;
    }
    for (size_t i = 0; i < clause.exprs.size(); ++i) {
      BoundExprPtr arg = BindExpr(*clause.exprs[i]);
      if (!ok()) return;
      if (arg->kind == BoundKind::kConstant &&
          !engine::ArgumentFits(arg->constant, proc->inputs[i].type)) {
        Error(ErrorKind::kSyntaxError, clause.exprs[i]->pos,
              absl::StrCat("Type mismatch: argument `", proc->inputs[i].name, "` of ", proc->name,
                           " expects ", proc->inputs[i].type, " but got ",
                           engine::KindName(arg->constant.kind())));
        return;
      }
      out->exprs.push_back(std::move(arg));
    }
  }
  // Outputs.
  out->output_slots.assign(proc->outputs.size(), kNoSlot);
  auto field_index = [&](const std::string& name) -> int {
    for (size_t i = 0; i < proc->outputs.size(); ++i) {
      if (proc->outputs[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  const bool all = !clause.has_yield || clause.yield_star;
  if (clause.yield_star && !standalone) {
    Error(ErrorKind::kSyntaxError, clause.pos, "YIELD * is only allowed in a standalone CALL");
    return;
  }
  if (all && standalone) {
    for (size_t i = 0; i < proc->outputs.size(); ++i) {
      out->output_slots[i] = NewSlot();
      query->columns.push_back(proc->outputs[i].name);
      query->column_slots.push_back(out->output_slots[i]);
    }
    return;
  }
  Scope declared;
  for (const YieldItem& item : clause.yield_items) {
    int index = field_index(item.field);
    if (index < 0) {
      Error(ErrorKind::kSyntaxError, clause.pos,
            absl::StrCat("Unknown procedure output: `", item.field, "`"));
      return;
    }
    const std::string& name = item.alias.empty() ? item.field : item.alias;
    if (scope_.contains(name) || declared.contains(name)) {
      Error(ErrorKind::kSyntaxError, clause.pos,
            absl::StrCat("Variable `", name, "` already declared"));
      return;
    }
    Variable v = Declare(name, VarKind::kValue);
    declared[name] = v;
    out->output_slots[index] = v.slot;
  }
  if (clause.where) out->expr = BindExpr(*clause.where);
  if (standalone) {
    for (const YieldItem& item : clause.yield_items) {
      const std::string& name = item.alias.empty() ? item.field : item.alias;
      query->columns.push_back(name);
      query->column_slots.push_back(declared.at(name).slot);
    }
  }
}

}  // namespace cornerstone::query
