// Copyright (c) Cornerstone authors.
// kg.*: knowledge-graph procedures and functions.
#include "engine/exec/builtins.h"

namespace cornerstone::engine {

void RegisterKgProcedures(ProcedureRegistry&) {}

const FunctionDef* FindKgFunction(std::string_view) { return nullptr; }

std::vector<std::string> KgFunctionNames() { return {}; }

}  // namespace cornerstone::engine
