// Copyright (c) Cornerstone authors.
// The temporal functions of Cypher (date(), datetime.truncate(),
// duration.between(), ...), temporal accessors (d.year, t.offset, ...) and
// temporal arithmetic (point +/- duration, duration +/- * / ...).
#ifndef CORNERSTONE_ENGINE_EXEC_TEMPORAL_FUNCTIONS_H_
#define CORNERSTONE_ENGINE_EXEC_TEMPORAL_FUNCTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/exec/functions.h"
#include "engine/value/value.h"
#include "queries/parse/ast.h"

namespace cornerstone::engine {

class EvalContext;

// Case-insensitive lookup of a temporal function by its full, possibly
// dotted name ("date", "datetime.fromepoch", "duration.between"); nullptr
// when unknown.
const FunctionDef* FindTemporalFunction(std::string_view name);
std::vector<std::string> TemporalFunctionNames();

// `v.key` of a temporal value (v.kind() == Kind::kTemporal); null when the
// type has no such component.
Value TemporalProperty(const Value& v, std::string_view key, EvalContext& ctx);

// `a op b` where a or b is a temporal (neither null). Fails with a
// TypeError when the operation is not defined for the operands.
Value TemporalArithmetic(query::BinaryOp op, const Value& a, const Value& b, EvalContext& ctx);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_TEMPORAL_FUNCTIONS_H_
