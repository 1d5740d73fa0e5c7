// Copyright (c) Cornerstone authors.
// Expression evaluation over a row. Errors go to the context (ctx.Fail) and
// evaluation returns null; callers check ctx.ok().
#ifndef CORNERSTONE_ENGINE_EXEC_EVAL_H_
#define CORNERSTONE_ENGINE_EXEC_EVAL_H_

#include "engine/exec/context.h"
#include "queries/bind/bound.h"

namespace cornerstone::engine {

// `row` is mutable only for the iteration variables of comprehensions,
// quantifiers and reduce, which live in slots of their own.
Value Evaluate(const query::BoundExpr& expr, Row& row, EvalContext& ctx);

// True only for boolean true (null and false filter a row out); a non-boolean
// predicate is a TypeError.
bool EvaluatePredicate(const query::BoundExpr& expr, Row& row, EvalContext& ctx);

// Builds a path value from named-path steps.
Value BuildPath(const std::vector<query::PathStep>& steps, const Row& row, EvalContext& ctx);

// The property `key` of a node, relationship or map value; null when absent.
Value PropertyOf(const Value& v, std::string_view key, EvalContext& ctx);
// The same for a key name held by the plan (never a temporary string): its
// id is looked up once per statement (EvalContext::KeyIdOf).
Value PlanPropertyOf(const Value& v, const std::string& plan_key, EvalContext& ctx);

// Checks that `v` may be stored as a property (null, bool, number, string,
// or a list of those); otherwise fails with a TypeError.
bool CheckPropertyValue(const Value& v, EvalContext& ctx);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_EVAL_H_
