// Copyright (c) Cornerstone authors.
#include "queries/plan/logical_plan.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "engine/exec/procedures.h"
#include "engine/value/literal.h"
#include "engine/value/value.h"

namespace cornerstone::query {
namespace {

std::string SlotName(const std::vector<std::string>* names, Slot s) {
  if (names != nullptr && s >= 0 && static_cast<size_t>(s) < names->size() &&
      !(*names)[s].empty()) {
    return (*names)[s];
  }
  return absl::StrCat("_", s);
}

std::string Hops(const LogicalOperator& op) {
  if (op.kind != LogicalKind::kVarExpand && op.kind != LogicalKind::kShortestPath) return "";
  return op.max_hops < 0 ? absl::StrCat("*", op.min_hops, "..")
                         : absl::StrCat("*", op.min_hops, "..", op.max_hops);
}

const char* BinaryText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return "OR";
    case BinaryOp::kXor: return "XOR";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kEq: return "=";
    case BinaryOp::kNe: return "<>";
    case BinaryOp::kLt: return "<";
    case BinaryOp::kLe: return "<=";
    case BinaryOp::kGt: return ">";
    case BinaryOp::kGe: return ">=";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kMod: return "%";
    case BinaryOp::kPow: return "^";
    case BinaryOp::kIn: return "IN";
    case BinaryOp::kStartsWith: return "STARTS WITH";
    case BinaryOp::kEndsWith: return "ENDS WITH";
    case BinaryOp::kContains: return "CONTAINS";
    case BinaryOp::kRegexMatch: return "=~";
  }
  return "?";
}

// A predicate as Cypher, for EXPLAIN: `c.founded >= 2015`. Forms that do
// not read well on one line (CASE, comprehensions, subqueries) print as
// "...".
std::string ExprText(const BoundExpr& e, const std::vector<std::string>* names) {
  auto child = [&](size_t i) {
    const BoundExpr& c = *e.children[i];
    std::string text = ExprText(c, names);
    return c.kind == BoundKind::kBinary ? absl::StrCat("(", text, ")") : text;
  };
  auto all = [&] {
    std::vector<std::string> parts;
    for (const auto& c : e.children) parts.push_back(ExprText(*c, names));
    return absl::StrJoin(parts, ", ");
  };
  switch (e.kind) {
    case BoundKind::kConstant: return engine::ToDebugString(e.constant);
    case BoundKind::kSlot: return SlotName(names, e.slot);
    case BoundKind::kProperty:
      return absl::StrCat(child(0), ".", engine::FormatName(e.name));
    case BoundKind::kList: return absl::StrCat("[", all(), "]");
    case BoundKind::kMap: {
      std::vector<std::string> parts;
      for (size_t i = 0; i < e.keys.size() && i < e.children.size(); ++i) {
        parts.push_back(absl::StrCat(engine::FormatName(e.keys[i]), ": ",
                                     ExprText(*e.children[i], names)));
      }
      return absl::StrCat("{", absl::StrJoin(parts, ", "), "}");
    }
    case BoundKind::kUnary:
      switch (e.unary_op) {
        case UnaryOp::kNot: return absl::StrCat("NOT ", child(0));
        case UnaryOp::kNegate: return absl::StrCat("-", child(0));
        case UnaryOp::kPlus: return absl::StrCat("+", child(0));
        case UnaryOp::kIsNull: return absl::StrCat(child(0), " IS NULL");
        case UnaryOp::kIsNotNull: return absl::StrCat(child(0), " IS NOT NULL");
      }
      return "...";
    case BoundKind::kBinary:
      return absl::StrCat(child(0), " ", BinaryText(e.binary_op), " ", child(1));
    case BoundKind::kFunction: return absl::StrCat(e.name, "(", all(), ")");
    case BoundKind::kSubscript:
      return absl::StrCat(child(0), "[", ExprText(*e.children[1], names), "]");
    case BoundKind::kQuantifier: {
      static constexpr const char* kNames[] = {"all", "any", "none", "single"};
      std::string where =
          e.where != nullptr ? absl::StrCat(" WHERE ", ExprText(*e.where, names)) : "";
      return absl::StrCat(kNames[static_cast<int>(e.quantifier)], "(", SlotName(names, e.slot),
                          " IN ", ExprText(*e.children[0], names), where, ")");
    }
    case BoundKind::kHasLabels: {
      std::string labels;
      for (const auto& l : e.labels) absl::StrAppend(&labels, ":", engine::FormatName(l));
      return absl::StrCat(child(0), labels);
    }
    default: return "...";
  }
}

// `text` cut to a width a plan line can hold.
std::string Cut(std::string text) {
  constexpr size_t kMax = 72;
  if (text.size() > kMax) {
    size_t cut = kMax - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    text = absl::StrCat(text.substr(0, cut), "...");
  }
  return text;
}

std::string PredicateText(const BoundExpr& e, const std::vector<std::string>* names) {
  return Cut(ExprText(e, names));
}

std::string DescribeWith(const LogicalOperator& op, const std::vector<std::string>* names) {
  auto n = [&](Slot s) { return SlotName(names, s); };
  switch (op.kind) {
    case LogicalKind::kSingleRow: return "SingleRow";
    case LogicalKind::kArgument: return "Argument";
    case LogicalKind::kAllNodesScan: return absl::StrCat("AllNodesScan (", n(op.slot), ")");
    case LogicalKind::kLabelScan: {
      std::vector<std::string> tests;
      for (const BoundExpr* p : op.predicates) tests.push_back(ExprText(*p, names));
      std::string where = "";
      if (!tests.empty()) where = absl::StrCat(" WHERE ", Cut(absl::StrJoin(tests, " AND ")));
      return absl::StrCat("NodeByLabelScan (", n(op.slot), ":", op.label, ")", where);
    }
    case LogicalKind::kIndexSeek:
      return absl::StrCat("NodeIndexSeek (", n(op.slot), ":", op.label, " {", op.key, "})");
    case LogicalKind::kRelTypeScan:
      return absl::StrCat("RelationshipTypeScan (", n(op.from_slot), ")-[", n(op.rel_slot), ":",
                          op.types[0], "]->(", n(op.to_slot), ")",
                          op.valid_at != nullptr ? " AS OF" : "");
    case LogicalKind::kExpand:
    case LogicalKind::kVarExpand:
    case LogicalKind::kShortestPath: {
      std::string types = op.types.empty() ? "" : absl::StrCat(":", absl::StrJoin(op.types, "|"));
      std::string rel = absl::StrCat("[", n(op.rel_slot), types, Hops(op), "]");
      std::string left = op.direction == Direction::kLeft ? "<-" : "-";
      std::string right = op.direction == Direction::kRight ? "->" : "-";
      std::string pattern =
          absl::StrCat(" (", n(op.from_slot), ")", left, rel, right, "(", n(op.to_slot), ")");
      std::string as_of = op.valid_at != nullptr ? " AS OF" : "";
      if (op.kind == LogicalKind::kShortestPath) {
        std::vector<std::string> tests;
        for (const BoundExpr* p : op.predicates) tests.push_back(ExprText(*p, names));
        std::string where = "";
        if (!tests.empty()) {
          where = absl::StrCat(" WHERE ", Cut(absl::StrJoin(tests, " AND ")));
        }
        std::string path = op.path_slot == kNoSlot ? "" : absl::StrCat(" ", n(op.path_slot), " =");
        return absl::StrCat(op.all_shortest ? "AllShortestPaths" : "ShortestPath", path,
                            pattern, as_of, where);
      }
      if (op.counting) {
        // What it counts per input row: the operators it took in.
        std::vector<std::string> counted;
        for (const auto& c : op.counted) counted.push_back(DescribeWith(*c, names));
        return absl::StrCat("CountExpand(All)", pattern, as_of,
                            counted.empty() ? "" : " counting ", absl::StrJoin(counted, ", "));
      }
      return absl::StrCat(op.kind == LogicalKind::kExpand ? "Expand" : "VarLengthExpand",
                          op.into ? "(Into)" : "(All)", pattern, as_of);
    }
    case LogicalKind::kFilter:
      if (op.expr != nullptr) return absl::StrCat("Filter (", PredicateText(*op.expr, names), ")");
      return absl::StrCat("Filter (", n(op.slot), op.labels.empty() ? "" : ":",
                          absl::StrJoin(op.labels, ":"), " properties)");
    case LogicalKind::kProject: {
      std::vector<std::string> cols;
      if (op.projection != nullptr) {
        for (const auto& item : op.projection->items) cols.push_back(item.name);
      }
      if (op.paths != nullptr) {
        for (const auto& [slot, steps] : *op.paths) cols.push_back(n(slot));
      }
      return absl::StrCat("Projection (", absl::StrJoin(cols, ", "), ")");
    }
    case LogicalKind::kAggregate: {
      std::vector<std::string> aggs;
      for (const auto& a : op.projection->aggregates) aggs.push_back(a.name);
      return absl::StrCat("Aggregate (", absl::StrJoin(aggs, ", "), ")",
                          op.fused_scan ? " reading its input's columns" : "",
                          op.top_keys.empty() ? "" : ", keeping the top k groups");
    }
    case LogicalKind::kDistinct: return "Distinct";
    case LogicalKind::kSort: return op.top_limit != nullptr ? "Sort (top k)" : "Sort";
    case LogicalKind::kSkip: return "Skip";
    case LogicalKind::kLimit: return "Limit";
    case LogicalKind::kUnwind: return absl::StrCat("Unwind (", n(op.slot), ")");
    case LogicalKind::kOptional: return "Optional";
    case LogicalKind::kCreate: return "Create";
    case LogicalKind::kMerge: return "Merge";
    case LogicalKind::kSetItems: return "SetProperties";
    case LogicalKind::kDelete: return "Delete";
    case LogicalKind::kCreateIndex: return absl::StrCat("CreateIndex (:", op.label, "(", op.key, "))");
    case LogicalKind::kDropIndex: return absl::StrCat("DropIndex (:", op.label, "(", op.key, "))");
    case LogicalKind::kEager: return "Eager";
    case LogicalKind::kCall: return absl::StrCat("ProcedureCall (", op.clause->procedure->name, ")");
    case LogicalKind::kForeach: return absl::StrCat("Foreach (", n(op.slot), ")");
  }
  return "?";
}

void Print(const LogicalOperator& op, const std::vector<std::string>* names, int depth,
           std::string* out) {
  absl::StrAppend(out, std::string(depth * 2, ' '), DescribeWith(op, names),
                  absl::StrFormat("  [~%.0f rows]", op.estimated_rows), "\n");
  for (const auto& c : op.children) Print(*c, names, depth + 1, out);
}

}  // namespace

std::string LogicalOperator::Describe(const std::vector<std::string>* slot_names) const {
  return DescribeWith(*this, slot_names);
}

std::string LogicalPlan::ToString() const {
  std::string out;
  for (size_t i = 0; i < roots.size(); ++i) {
    if (i > 0) absl::StrAppend(&out, statement.union_distinct ? "UNION\n" : "UNION ALL\n");
    const std::vector<std::string>* names =
        i < statement.queries.size() ? &statement.queries[i].slot_names : nullptr;
    Print(*roots[i], names, 0, &out);
  }
  return out;
}

}  // namespace cornerstone::query
