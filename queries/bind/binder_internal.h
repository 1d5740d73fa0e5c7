// Copyright (c) Cornerstone authors.
// The Binder class shared by the bind_*.cc files. Errors: the first one is
// kept in status_ and every later step returns early.
#ifndef CORNERSTONE_QUERIES_BIND_BINDER_INTERNAL_H_
#define CORNERSTONE_QUERIES_BIND_BINDER_INTERNAL_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "queries/bind/binder.h"
#include "queries/parse/error.h"

namespace cornerstone::query {

struct Variable {
  Slot slot = kNoSlot;
  VarKind kind = VarKind::kValue;
};

// Variables visible at a point of the query, by name (sorted, for RETURN *).
using Scope = std::map<std::string, Variable, std::less<>>;

class Binder {
 public:
  Binder(std::string_view text, const ParamMap& params,
         const engine::ProcedureRegistry* procedures)
      : text_(text), params_(params), procedures_(procedures) {}

  absl::StatusOr<BoundStatement> BindStatement(const Statement& statement);

  // ---- used by the bind_*.cc files ----
  bool ok() const { return status_.ok(); }
  void Error(ErrorKind kind, Position pos, std::string_view message);
  Slot NewSlot() {
    slot_names_.emplace_back();
    return num_slots_++;
  }
  Scope& scope() { return scope_; }

  // Expressions. `aggregates` non-null allows aggregate calls, which are
  // extracted into it and replaced by slot references.
  BoundExprPtr BindExpr(const Expr& expr, std::vector<BoundAggregate>* aggregates = nullptr);
  const Variable* Lookup(const std::string& name, Position pos);
  // Computes expressions that read no row slot once, at bind time.
  void Fold(BoundExprPtr& e);
  BoundExprPtr BindExprNode(const Expr& expr, std::vector<BoundAggregate>* aggregates);
  // Binds an expression in a position that expects a boolean (WHERE, the
  // operands of AND / OR / XOR / NOT, CASE WHEN): pattern predicates are
  // allowed there, and a value whose type is known not to be boolean is an
  // error (InvalidArgumentType).
  BoundExprPtr BindPredicate(const Expr& expr, std::vector<BoundAggregate>* aggregates = nullptr);
  // The type of `e` when it is known at bind time (literals, entity
  // variables, constructed lists and maps, predicates); nullopt otherwise.
  std::optional<engine::Kind> StaticKind(const BoundExpr& e) const;

 private:
  BoundSingleQuery BindSingleQuery(const SingleQuery& query);
  void BindClause(const Clause& clause, bool last, BoundSingleQuery* out);
  void BindMatch(const Clause& clause, BoundClause* out);
  void BindCall(const Clause& clause, bool standalone, BoundClause* out,
                BoundSingleQuery* query);
  // `context` names the clause for errors about shortestPath(), which only
  // MATCH allows (nullptr there).
  void BindPatternPart(const PatternPart& part, QueryGraph* graph,
                       std::map<std::string, int>* node_index,
                       const char* context = nullptr);
  // Checks a shortestPath() / allShortestPaths() part (its one relationship
  // was just added to graph->rels) and marks that relationship.
  void BindShortest(const PatternPart& part, QueryGraph* graph);
  // MATCH ... AS OF expr.
  void BindAsOf(const Expr& expr, QueryGraph* graph);
  // EXISTS { pattern WHERE ... } and pattern predicates: a QueryGraph whose
  // new variables stay local.
  void BindSubpattern(const Expr& expr, BoundExpr* out);
  void BindProperties(const Expr* map, Position pos,
                      std::vector<std::pair<std::string, BoundExprPtr>>* out);
  void BindProjection(const Clause& clause, BoundClause* out);
  // `merge`: the create side of a MERGE, where an undirected relationship
  // is created left to right.
  void BindCreate(const Pattern& pattern, BoundCreatePattern* out, bool merge = false);
  void BindMerge(const Clause& clause, BoundClause* out);
  void BindSetItems(const std::vector<SetItem>& items, std::vector<BoundSetItem>* out);
  void BindRemoveItems(const std::vector<RemoveItem>& items, std::vector<BoundSetItem>* out);
  Variable Declare(const std::string& name, VarKind kind);
  Slot EntitySlot(const std::string& name, Position pos, bool node_only);

  BoundExprPtr BindFunction(const Expr& expr, std::vector<BoundAggregate>* aggregates);
  // Compile-time argument type checks of functions whose argument type is
  // known (e.g. labels() of a path).
  void CheckArgumentKinds(const BoundExpr& call);
  // Aggregating projections: an aggregation expression may use variables
  // outside its aggregate calls only as grouping keys
  // (AmbiguousAggregationExpression).
  void CheckAmbiguousAggregation(const BoundExpr& e, const BoundProjection& bp,
                                 const Scope& before);
  // ORDER BY / WHERE after an aggregating or DISTINCT projection: parts of
  // `e` equal to a projected expression are replaced by its column; any
  // other use of a variable from before the projection is undefined.
  void ReplaceProjected(BoundExprPtr& e, const BoundProjection& bp);
  BoundExprPtr BindScoped(const Expr& expr, const std::string& var, Slot slot,
                          std::vector<BoundAggregate>* aggregates);

  std::string_view text_;
  const ParamMap& params_;
  const engine::ProcedureRegistry* procedures_;
  absl::Status status_;
  Scope scope_;
  int num_slots_ = 0;
  // Values of variables projected from constants (WITH 123 AS x), for
  // compile-time type checks.
  std::map<Slot, engine::Value> constants_;
  // Types known at bind time, by slot: entity variables, and variables
  // projected from expressions of a known type (WITH [] AS x).
  std::map<Slot, engine::Kind> slot_types_;
  std::vector<std::string> slot_names_;
  bool updates_ = false;
  // Set by BindPredicate for the expression it binds (not its children).
  bool predicate_position_ = false;
  // > 0 while binding the body of a list comprehension, quantifier or
  // reduce() (aggregates are not allowed there).
  int list_iteration_depth_ = 0;
};

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_BIND_BINDER_INTERNAL_H_
