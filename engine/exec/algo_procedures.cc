// Copyright (c) Cornerstone authors.
// algo.*: graph algorithms from Boost.Graph run on the storage.
#include "engine/exec/builtins.h"

namespace cornerstone::engine {

void RegisterAlgoProcedures(ProcedureRegistry&) {}

}  // namespace cornerstone::engine
