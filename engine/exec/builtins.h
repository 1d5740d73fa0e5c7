// Copyright (c) Cornerstone authors.
// Built-in procedures and functions beyond openCypher's own: graph
// algorithms over the storage (algo.*, engine/exec/algo_procedures.cc) and
// knowledge-graph features (kg.*, engine/exec/kg_procedures.cc).
#ifndef CORNERSTONE_ENGINE_EXEC_BUILTINS_H_
#define CORNERSTONE_ENGINE_EXEC_BUILTINS_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/exec/functions.h"
#include "engine/exec/procedures.h"

namespace cornerstone::engine {

// Adds algo.* (including algo.list) to `registry`.
void RegisterAlgoProcedures(ProcedureRegistry& registry);
// Adds kg.* procedures to `registry`.
void RegisterKgProcedures(ProcedureRegistry& registry);

// Every built-in procedure; called once for each new database.
inline void RegisterBuiltinProcedures(ProcedureRegistry& registry) {
  RegisterAlgoProcedures(registry);
  RegisterKgProcedures(registry);
}

// kg.* scalar functions (e.g. kg.sources, kg.effectiveStake), found by
// FindFunction after the standard ones; nullptr when unknown.
const FunctionDef* FindKgFunction(std::string_view name);
std::vector<std::string> KgFunctionNames();

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_BUILTINS_H_
