// Copyright (c) Cornerstone authors.
// The binder: resolves variables to row slots, checks their kinds, resolves
// functions, substitutes parameters, and turns each MATCH into a QueryGraph.
// Every semantic error (SemanticError, ParameterMissing) is raised here,
// before anything executes.
#ifndef CORNERSTONE_QUERIES_BIND_BINDER_H_
#define CORNERSTONE_QUERIES_BIND_BINDER_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/exec/procedures.h"
#include "engine/value/value.h"
#include "queries/bind/bound.h"
#include "queries/parse/ast.h"

namespace cornerstone::query {

using ParamMap = std::map<std::string, engine::Value, std::less<>>;

// `text` is the statement's source, for error carets. `procedures` (may be
// null) resolves CALL.
absl::StatusOr<BoundStatement> Bind(const Statement& statement, std::string_view text,
                                    const ParamMap& params,
                                    const engine::ProcedureRegistry* procedures = nullptr);

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_BIND_BINDER_H_
