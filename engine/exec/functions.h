// Copyright (c) Cornerstone authors.
// Built-in scalar functions and aggregates, looked up by name at bind time.
#ifndef CORNERSTONE_ENGINE_EXEC_FUNCTIONS_H_
#define CORNERSTONE_ENGINE_EXEC_FUNCTIONS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/value/value.h"

namespace cornerstone::engine {

class EvalContext;

// A scalar function. On bad input it reports through ctx.Fail() and returns
// null. Null arguments: unless `handles_null`, any null argument makes the
// result null without calling `fn`.
struct FunctionDef {
  const char* name;  // canonical spelling, e.g. "toInteger"
  int min_args;
  int max_args;  // -1: variadic
  bool handles_null;
  Value (*fn)(std::span<const Value> args, EvalContext& ctx);
};

enum class AggregateKind { kCount, kSum, kAvg, kMin, kMax, kCollect, kPercentileCont, kPercentileDisc };

struct AggregateDef {
  const char* name;
  AggregateKind kind;
};

// Case-insensitive lookups; nullptr when unknown.
const FunctionDef* FindFunction(std::string_view name);
const AggregateDef* FindAggregate(std::string_view name);

// All scalar and aggregate function names, sorted.
std::vector<std::string> AllFunctionNames();

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_FUNCTIONS_H_
