// Copyright (c) Cornerstone authors.
// Expressions: precedence levels from OR down to atoms. See
// parser_internal.h.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "queries/parse/parser_internal.h"

namespace cornerstone::query::parser_internal {

namespace {

ExprPtr CloneOrNull(const ExprPtr& e) { return e ? CloneExpr(*e) : nullptr; }

// The shape of a relationship pattern starting at tokens[j] == '(': nodes
// '(' [name] {':' name} [properties] ')' joined by relationships
// ['<'] '-' ['[' [name] [':' name {'|' [':'] name}] ['*' [int] ['..' [int]]]
// [properties] ']'] '-' ['>'], where properties are a parameter or braces
// holding `key: ...` items (the values are skipped, not checked). Returns
// the index just past the last node, with the number of relationships in
// *rels, or kNoMatch when the tokens are not shaped like that. Text with
// this shape parses as a pattern unless a variable is a reserved word
// (which fails at once) or a property value is malformed (which is no
// expression either); so trying a pattern only on this shape does not make
// the parser read nested text twice over.
size_t SkipPatternShape(const std::vector<Token>& tokens, const std::vector<size_t>& match,
                        size_t j, int* rels) {
  *rels = 0;
  auto at = [&](size_t k) -> const Token& {
    return k < tokens.size() ? tokens[k] : tokens.back();
  };
  auto is_name = [&](size_t k) {
    return at(k).kind == TokenKind::kIdentifier || at(k).kind == TokenKind::kEscapedName;
  };
  // Properties at tokens[k], if any: returns the index past them.
  auto properties = [&](size_t k) -> size_t {
    if (at(k).kind == TokenKind::kParameter) return k + 1;
    if (!at(k).IsSymbol("{")) return k;
    int depth = 0;
    bool item_start = true;
    for (;; ++k) {
      const Token& t = at(k);
      if (t.kind == TokenKind::kEnd) return kNoMatch;
      if (depth == 1 && item_start && !t.IsSymbol("}")) {
        if (!is_name(k) || !at(k + 1).IsSymbol(":")) return kNoMatch;
      }
      item_start = false;
      if (t.IsSymbol("(") || t.IsSymbol("[") || t.IsSymbol("{")) ++depth;
      if (t.IsSymbol(")") || t.IsSymbol("]") || t.IsSymbol("}")) --depth;
      if (depth == 0) return k + 1;
      if (depth == 1 && (t.IsSymbol("{") || t.IsSymbol(","))) item_start = true;
    }
  };
  auto node = [&](size_t k) -> size_t {
    if (!at(k).IsSymbol("(") || match[k] == kNoMatch) return kNoMatch;
    size_t m = k + 1;
    if (is_name(m)) ++m;
    while (at(m).IsSymbol(":")) {
      if (!is_name(m + 1)) return kNoMatch;
      m += 2;
    }
    m = properties(m);
    if (m != match[k]) return kNoMatch;
    return m + 1;
  };
  // Relationship detail after '[' at tokens[k - 1]: returns the index past ']'.
  auto detail = [&](size_t m) -> size_t {
    if (is_name(m)) ++m;
    if (at(m).IsSymbol(":")) {
      for (;;) {
        if (at(m).IsSymbol(":")) ++m;
        if (!is_name(m)) return kNoMatch;
        ++m;
        if (!at(m).IsSymbol("|")) break;
        ++m;
      }
    }
    if (at(m).IsSymbol("*")) {
      ++m;
      if (at(m).kind == TokenKind::kInteger) ++m;
      if (at(m).IsSymbol("..")) {
        ++m;
        if (at(m).kind == TokenKind::kInteger) ++m;
      }
    }
    m = properties(m);
    if (m == kNoMatch || !at(m).IsSymbol("]")) return kNoMatch;
    return m + 1;
  };
  j = node(j);
  if (j == kNoMatch) return kNoMatch;
  for (;;) {
    size_t k = j;
    if (at(k).IsSymbol("<")) ++k;
    if (!at(k).IsSymbol("-")) return j;
    ++k;
    if (at(k).IsSymbol("[")) {
      k = detail(k + 1);
      if (k == kNoMatch) return kNoMatch;
    }
    if (!at(k).IsSymbol("-")) return kNoMatch;
    ++k;
    if (at(k).IsSymbol(">")) ++k;
    size_t after = node(k);
    if (after == kNoMatch) return kNoMatch;
    ++*rels;
    j = after;
  }
}

// After EXISTS '{' at tokens[start]: true when the braces hold a full
// subquery, i.e. a clause keyword (other than a leading MATCH) appears at
// their top level, outside parentheses, brackets and nested braces. Property
// keys (n.set) and labels (:Return) are not keywords there.
bool IsFullSubquery(const std::vector<Token>& tokens, size_t start) {
  static constexpr std::string_view kClauses[] = {
      "MATCH", "OPTIONAL", "WITH",   "RETURN", "UNWIND",  "CALL",  "CREATE",
      "MERGE", "SET",      "REMOVE", "DELETE", "DETACH",  "FOREACH", "UNION"};
  int depth = 0;
  for (size_t j = start; j < tokens.size(); ++j) {
    const Token& t = tokens[j];
    if (t.kind == TokenKind::kEnd) break;
    if (t.IsSymbol("(") || t.IsSymbol("[") || t.IsSymbol("{")) {
      ++depth;
    } else if (t.IsSymbol(")") || t.IsSymbol("]") || t.IsSymbol("}")) {
      if (depth == 0) break;
      --depth;
    } else if (depth == 0 && t.kind == TokenKind::kIdentifier) {
      if (j == start && t.IsKeyword("MATCH")) continue;
      if (j > start && (tokens[j - 1].IsSymbol(".") || tokens[j - 1].IsSymbol(":"))) continue;
      if (t.IsKeyword("WITH") && j > start &&
          (tokens[j - 1].IsKeyword("STARTS") || tokens[j - 1].IsKeyword("ENDS"))) {
        continue;
      }
      for (std::string_view k : kClauses) {
        if (t.IsKeyword(k)) return true;
      }
    }
  }
  return false;
}

}  // namespace

ExprPtr CloneExpr(const Expr& e) {
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->pos = e.pos;
  c->literal = e.literal;
  c->name = e.name;
  for (const ExprPtr& child : e.children) c->children.push_back(CloneExpr(*child));
  c->map_keys = e.map_keys;
  c->unary_op = e.unary_op;
  c->binary_op = e.binary_op;
  c->quantifier = e.quantifier;
  c->distinct = e.distinct;
  c->case_test = CloneOrNull(e.case_test);
  for (const auto& [when, then] : e.whens) {
    c->whens.emplace_back(CloneExpr(*when), CloneExpr(*then));
  }
  c->case_else = CloneOrNull(e.case_else);
  c->where = CloneOrNull(e.where);
  c->projection = CloneOrNull(e.projection);
  c->accumulator = e.accumulator;
  c->slice_from = CloneOrNull(e.slice_from);
  c->slice_to = CloneOrNull(e.slice_to);
  c->labels = e.labels;
  c->pattern = e.pattern;
  c->subquery = e.subquery;
  return c;
}

int Parser::HeightOf(const ExprPtr& e) const {
  if (!e) return 0;
  auto it = heights_.find(e.get());
  return it == heights_.end() ? 1 : it->second;
}

// Records the height of a composite node; a tree taller than
// kMaxParseDepth is an error, so later recursive passes stay bounded.
ExprPtr Parser::Finish(ExprPtr e) {
  int h = std::max({HeightOf(e->case_test), HeightOf(e->case_else), HeightOf(e->where),
                    HeightOf(e->projection), HeightOf(e->slice_from), HeightOf(e->slice_to)});
  for (const ExprPtr& c : e->children) h = std::max(h, HeightOf(c));
  for (const auto& [when, then] : e->whens) {
    h = std::max({h, HeightOf(when), HeightOf(then)});
  }
  if (h + 1 > kMaxParseDepth) {
    Fail(e->pos, TooDeepMessage());
    return nullptr;
  }
  heights_[e.get()] = h + 1;
  return e;
}

ExprPtr Parser::Binary(BinaryOp op, ExprPtr lhs, ExprPtr rhs) {
  auto e = NewExpr(ExprKind::kBinary, lhs->pos);
  e->binary_op = op;
  e->children.push_back(std::move(lhs));
  e->children.push_back(std::move(rhs));
  return Finish(std::move(e));
}

ExprPtr Parser::Unary(UnaryOp op, Position pos, ExprPtr operand) {
  auto e = NewExpr(ExprKind::kUnary, pos);
  e->unary_op = op;
  e->children.push_back(std::move(operand));
  return Finish(std::move(e));
}

// oC_Expression: oC_OrExpression
ExprPtr Parser::ParseExpression() {
  DepthGuard guard(this);
  if (!guard.Ok()) return nullptr;
  return ParseOr();
}

// oC_OrExpression: oC_XorExpression (OR oC_XorExpression)*
ExprPtr Parser::ParseOr() {
  ExprPtr lhs = ParseXor();
  while (lhs && AcceptKeyword("OR")) {
    ExprPtr rhs = ParseXor();
    if (!rhs) return nullptr;
    lhs = Binary(BinaryOp::kOr, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

// oC_XorExpression: oC_AndExpression (XOR oC_AndExpression)*
ExprPtr Parser::ParseXor() {
  ExprPtr lhs = ParseAnd();
  while (lhs && AcceptKeyword("XOR")) {
    ExprPtr rhs = ParseAnd();
    if (!rhs) return nullptr;
    lhs = Binary(BinaryOp::kXor, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

// oC_AndExpression: oC_NotExpression (AND oC_NotExpression)*
ExprPtr Parser::ParseAnd() {
  ExprPtr lhs = ParseNot();
  while (lhs && AcceptKeyword("AND")) {
    ExprPtr rhs = ParseNot();
    if (!rhs) return nullptr;
    lhs = Binary(BinaryOp::kAnd, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

// oC_NotExpression: (NOT)* oC_ComparisonExpression
ExprPtr Parser::ParseNot() {
  std::vector<Position> nots;
  while (AtKeyword("NOT")) nots.push_back(Take().pos);
  ExprPtr e = ParseComparison();
  for (auto it = nots.rbegin(); e && it != nots.rend(); ++it) {
    e = Unary(UnaryOp::kNot, *it, std::move(e));
  }
  return e;
}

bool Parser::AtComparisonOperator(BinaryOp* op) const {
  const Token& t = Peek();
  if (t.kind != TokenKind::kSymbol) return false;
  if (t.text == "=") {
    *op = BinaryOp::kEq;
  } else if (t.text == "<>" || t.text == "!=") {
    *op = BinaryOp::kNe;
  } else if (t.text == "<") {
    *op = BinaryOp::kLt;
  } else if (t.text == "<=") {
    *op = BinaryOp::kLe;
  } else if (t.text == ">") {
    *op = BinaryOp::kGt;
  } else if (t.text == ">=") {
    *op = BinaryOp::kGe;
  } else {
    return false;
  }
  return true;
}

// oC_ComparisonExpression: oC_StringListNullPredicateExpression
//                          (oC_PartialComparisonExpression)*
// A chain a < b < c becomes (a < b) AND (b < c), with b copied.
ExprPtr Parser::ParseComparison() {
  ExprPtr lhs = ParseStringListNull();
  ExprPtr result;
  BinaryOp op;
  while (lhs && AtComparisonOperator(&op)) {
    Take();
    ExprPtr rhs = ParseStringListNull();
    if (!rhs) return nullptr;
    BinaryOp next_op;
    ExprPtr next_lhs;
    if (AtComparisonOperator(&next_op)) {
      next_lhs = CloneExpr(*rhs);
      heights_[next_lhs.get()] = HeightOf(rhs);
    }
    ExprPtr cmp = Binary(op, std::move(lhs), std::move(rhs));
    if (!cmp) return nullptr;
    result = result ? Binary(BinaryOp::kAnd, std::move(result), std::move(cmp)) : std::move(cmp);
    if (!result) return nullptr;
    lhs = std::move(next_lhs);
  }
  return result ? std::move(result) : std::move(lhs);
}

// oC_StringListNullPredicateExpression: oC_AddOrSubtractExpression
//   (oC_StringPredicateExpression | oC_ListPredicateExpression |
//    oC_NullPredicateExpression)*
ExprPtr Parser::ParseStringListNull() {
  ExprPtr lhs = ParseAddSub();
  while (lhs) {
    BinaryOp op;
    if (AtKeyword("IN")) {
      op = BinaryOp::kIn;
      Take();
    } else if (AtKeyword("STARTS") && AtKeyword("WITH", 1)) {
      op = BinaryOp::kStartsWith;
      Take();
      Take();
    } else if (AtKeyword("ENDS") && AtKeyword("WITH", 1)) {
      op = BinaryOp::kEndsWith;
      Take();
      Take();
    } else if (AtKeyword("CONTAINS")) {
      op = BinaryOp::kContains;
      Take();
    } else if (AtSymbol("=~")) {
      op = BinaryOp::kRegexMatch;
      Take();
    } else if (AtKeyword("IS")) {
      // oC_NullPredicateExpression: IS [NOT] NULL
      Position pos = Take().pos;
      bool negated = AcceptKeyword("NOT");
      if (!ExpectKeyword("NULL")) return nullptr;
      lhs = Unary(negated ? UnaryOp::kIsNotNull : UnaryOp::kIsNull, pos, std::move(lhs));
      continue;
    } else {
      break;
    }
    ExprPtr rhs = ParseAddSub();
    if (!rhs) return nullptr;
    lhs = Binary(op, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

// oC_AddOrSubtractExpression: oC_MultiplyDivideModuloExpression
//                             (('+' | '-') oC_MultiplyDivideModuloExpression)*
ExprPtr Parser::ParseAddSub() {
  ExprPtr lhs = ParseMulDiv();
  while (lhs && (AtSymbol("+") || AtSymbol("-"))) {
    BinaryOp op = Take().text == "+" ? BinaryOp::kAdd : BinaryOp::kSub;
    ExprPtr rhs = ParseMulDiv();
    if (!rhs) return nullptr;
    lhs = Binary(op, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

// oC_MultiplyDivideModuloExpression: oC_PowerOfExpression
//                                    (('*' | '/' | '%') oC_PowerOfExpression)*
ExprPtr Parser::ParseMulDiv() {
  ExprPtr lhs = ParsePower();
  while (lhs && (AtSymbol("*") || AtSymbol("/") || AtSymbol("%"))) {
    const std::string& s = Take().text;
    BinaryOp op = s == "*" ? BinaryOp::kMul : s == "/" ? BinaryOp::kDiv : BinaryOp::kMod;
    ExprPtr rhs = ParsePower();
    if (!rhs) return nullptr;
    lhs = Binary(op, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

// oC_PowerOfExpression: oC_UnaryAddOrSubtractExpression
//                       ('^' oC_UnaryAddOrSubtractExpression)*
ExprPtr Parser::ParsePower() {
  ExprPtr lhs = ParseUnary();
  while (lhs && AcceptSymbol("^")) {
    ExprPtr rhs = ParseUnary();
    if (!rhs) return nullptr;
    lhs = Binary(BinaryOp::kPow, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

// oC_UnaryAddOrSubtractExpression: ('+' | '-')* oC_NonArithmeticOperatorExpression
// A '-' directly before a number literal is folded into it, so that
// -9223372036854775808 is representable.
ExprPtr Parser::ParseUnary() {
  std::vector<const Token*> signs;
  while (AtSymbol("+") || AtSymbol("-")) signs.push_back(&Take());
  ExprPtr e;
  bool is_number = Peek().kind == TokenKind::kInteger || Peek().kind == TokenKind::kFloat;
  if (!signs.empty() && signs.back()->text == "-" && is_number && !IsPostfixStart(Peek(1))) {
    Position pos = signs.back()->pos;
    signs.pop_back();
    e = NumberLiteral(/*negate=*/true, pos);
  } else {
    e = ParsePostfix();
  }
  for (auto it = signs.rbegin(); e && it != signs.rend(); ++it) {
    e = Unary((*it)->text == "-" ? UnaryOp::kNegate : UnaryOp::kPlus, (*it)->pos, std::move(e));
  }
  return e;
}

// oC_NumberLiteral at the current token, optionally negated.
ExprPtr Parser::NumberLiteral(bool negate, Position pos) {
  const Token& t = Take();
  auto e = NewExpr(ExprKind::kLiteral, pos);
  if (t.kind == TokenKind::kFloat) {
    e->literal.kind = Literal::Kind::kFloat;
    e->literal.float_value = negate ? -t.float_value : t.float_value;
    return e;
  }
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  e->literal.kind = Literal::Kind::kInt;
  if (negate && t.int_value == kMax + 1) {
    e->literal.int_value = std::numeric_limits<int64_t>::min();
  } else if (t.int_value > kMax) {
    Fail(t.pos, "integer literal out of range");
    return nullptr;
  } else {
    int64_t v = static_cast<int64_t>(t.int_value);
    e->literal.int_value = negate ? -v : v;
  }
  return e;
}

// oC_NonArithmeticOperatorExpression:
//   oC_Atom (oC_ListOperatorExpression | oC_PropertyLookup)* [oC_NodeLabels]
ExprPtr Parser::ParsePostfix() {
  ExprPtr e = ParseAtom();
  if (e && e->kind == ExprKind::kVariable && AtSymbol("{")) {
    e = ParseMapProjection(std::move(e));
  }
  while (e) {
    if (AtSymbol(".")) {
      e = ParsePropertyLookup(std::move(e));
    } else if (AtSymbol("[")) {
      e = ParseListOperator(std::move(e));
    } else if (AtSymbol(":")) {
      auto has = NewExpr(ExprKind::kHasLabels, e->pos);
      if (!ParseLabels(&has->labels)) return nullptr;
      has->children.push_back(std::move(e));
      e = Finish(std::move(has));
    } else {
      break;
    }
  }
  return e;
}

// oC_MapProjection: oC_Variable '{' [item {',' item}] '}', desugared into a
// map literal: `.key` is `key: v.key`, `key: e` stays, and a variable `w`
// is `w: w`. (So a null `v` gives a map of nulls rather than null.)
ExprPtr Parser::ParseMapProjection(ExprPtr subject) {
  auto map = NewExpr(ExprKind::kMap, subject->pos);
  Take();  // '{'
  if (!AtSymbol("}")) {
    do {
      std::string key;
      ExprPtr value;
      if (AtSymbol(".")) {
        if (AtSymbol("*", 1)) {
          Fail(Peek(1).pos, "map projection with .* is not supported");
          return nullptr;
        }
        ExprPtr target = CloneExpr(*subject);
        value = ParsePropertyLookup(std::move(target));
        if (!value) return nullptr;
        key = value->name;
      } else if (IsName(Peek()) && AtSymbol(":", 1)) {
        key = Take().text;
        Take();
        value = ParseExpression();
        if (!value) return nullptr;
      } else if (IsVariableToken(Peek())) {
        key = Peek().text;
        value = Variable();
      } else {
        FailExpected("a map projection item ('.key', 'key: value' or a variable)");
        return nullptr;
      }
      map->map_keys.push_back(std::move(key));
      map->children.push_back(std::move(value));
    } while (AcceptSymbol(","));
  }
  if (!ExpectSymbol("}")) return nullptr;
  return Finish(std::move(map));
}

// oC_PropertyLookup: '.' oC_PropertyKeyName
ExprPtr Parser::ParsePropertyLookup(ExprPtr target) {
  Take();
  auto e = NewExpr(ExprKind::kProperty, target->pos);
  if (!ParseSchemaName(&e->name, "a property key")) return nullptr;
  e->children.push_back(std::move(target));
  return Finish(std::move(e));
}

// oC_ListOperatorExpression: '[' oC_Expression ']'
//                          | '[' [oC_Expression] '..' [oC_Expression] ']'
ExprPtr Parser::ParseListOperator(ExprPtr target) {
  Take();
  ExprPtr from;
  if (!AtSymbol("..")) {
    from = ParseExpression();
    if (!from) return nullptr;
  }
  ExprPtr e;
  if (AcceptSymbol("..")) {
    e = NewExpr(ExprKind::kSlice, target->pos);
    e->slice_from = std::move(from);
    if (!AtSymbol("]")) {
      e->slice_to = ParseExpression();
      if (!e->slice_to) return nullptr;
    }
  } else {
    e = NewExpr(ExprKind::kSubscript, target->pos);
    e->children.push_back(std::move(from));
  }
  e->children.insert(e->children.begin(), std::move(target));
  if (!ExpectSymbol("]")) return nullptr;
  return Finish(std::move(e));
}

// oC_Atom
ExprPtr Parser::ParseAtom() {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kInteger:
    case TokenKind::kFloat:
      return NumberLiteral(/*negate=*/false, t.pos);
    case TokenKind::kString: {
      auto e = NewExpr(ExprKind::kLiteral, t.pos);
      e->literal.kind = Literal::Kind::kString;
      e->literal.string_value = Take().text;
      return e;
    }
    case TokenKind::kParameter: {
      // oC_Parameter
      auto e = NewExpr(ExprKind::kParameter, t.pos);
      e->name = Take().text;
      return e;
    }
    case TokenKind::kSymbol:
      if (t.text == "[") return ParseListLiteralOrComprehension();
      if (t.text == "{") return ParseMapLiteral();
      if (t.text == "(") return ParseParenthesizedOrPattern();
      break;
    case TokenKind::kIdentifier:
      return ParseIdentifierAtom();
    case TokenKind::kEscapedName:
      if (AtSymbol("(", 1) || AtSymbol(".", 1)) return ParseIdentifierAtom();
      return Variable();
    case TokenKind::kEnd:
      break;
  }
  FailExpected("an expression");
  return nullptr;
}

ExprPtr Parser::Variable() {
  auto e = NewExpr(ExprKind::kVariable, Peek().pos);
  e->name = Take().text;
  return e;
}

// Atoms that start with a name: literals, CASE, count(*), quantifiers,
// reduce, EXISTS { }, function calls and variables.
ExprPtr Parser::ParseIdentifierAtom() {
  const Token& t = Peek();
  if (t.IsKeyword("NULL") || t.IsKeyword("TRUE") || t.IsKeyword("FALSE")) {
    // oC_BooleanLiteral, NULL
    auto e = NewExpr(ExprKind::kLiteral, t.pos);
    if (!t.IsKeyword("NULL")) {
      e->literal.kind = Literal::Kind::kBool;
      e->literal.bool_value = t.IsKeyword("TRUE");
    }
    Take();
    return e;
  }
  if (t.IsKeyword("CASE")) return ParseCase();
  if (t.IsKeyword("COUNT") && AtSymbol("(", 1) && AtSymbol("*", 2) && AtSymbol(")", 3)) {
    auto e = NewExpr(ExprKind::kCountStar, t.pos);
    for (int k = 0; k < 4; ++k) Take();
    return e;
  }
  bool iteration = AtSymbol("(", 1) && IsName(Peek(2)) && AtKeyword("IN", 3);
  if (iteration &&
      (t.IsKeyword("ALL") || t.IsKeyword("ANY") || t.IsKeyword("NONE") || t.IsKeyword("SINGLE"))) {
    return ParseQuantifier();
  }
  if (t.IsKeyword("REDUCE") && AtSymbol("(", 1) && IsName(Peek(2)) && AtSymbol("=", 3)) {
    return ParseReduce();
  }
  if (t.IsKeyword("EXISTS") && AtSymbol("{", 1)) return ParseExistsSubquery();
  size_t k = 0;
  while (AtSymbol(".", k + 1) && IsName(Peek(k + 2))) k += 2;
  if (AtSymbol("(", k + 1)) return ParseFunctionInvocation();
  if (!IsVariableToken(t)) {
    FailExpected("an expression");
    return nullptr;
  }
  return Variable();
}

// oC_FunctionInvocation: oC_FunctionName '(' [DISTINCT] [args] ')'
ExprPtr Parser::ParseFunctionInvocation() {
  auto e = NewExpr(ExprKind::kFunctionCall, Peek().pos);
  e->name = Take().text;
  while (AcceptSymbol(".")) absl::StrAppend(&e->name, ".", Take().text);
  Take();  // '('
  e->distinct = AcceptKeyword("DISTINCT");
  if (!AtSymbol(")") && !ParseExpressionList(&e->children)) return nullptr;
  if (!ExpectSymbol(")")) return nullptr;
  return Finish(std::move(e));
}

// oC_CaseExpression: CASE [oC_Expression] (WHEN e THEN e)+ [ELSE e] END
ExprPtr Parser::ParseCase() {
  auto e = NewExpr(ExprKind::kCase, Take().pos);
  if (!AtKeyword("WHEN")) {
    e->case_test = ParseExpression();
    if (!e->case_test) return nullptr;
  }
  if (!AtKeyword("WHEN")) {
    FailExpected("WHEN");
    return nullptr;
  }
  while (AcceptKeyword("WHEN")) {
    ExprPtr when = ParseExpression();
    if (!when || !ExpectKeyword("THEN")) return nullptr;
    ExprPtr then = ParseExpression();
    if (!then) return nullptr;
    e->whens.emplace_back(std::move(when), std::move(then));
  }
  if (AcceptKeyword("ELSE")) {
    e->case_else = ParseExpression();
    if (!e->case_else) return nullptr;
  }
  if (!ExpectKeyword("END")) return nullptr;
  return Finish(std::move(e));
}

// oC_FilterExpression body: oC_IdInColl [oC_Where], after '('.
bool Parser::ParseIdInCollWhere(Expr* e) {
  e->name = Take().text;
  Take();  // IN
  ExprPtr list = ParseExpression();
  if (!list) return false;
  e->children.push_back(std::move(list));
  if (AcceptKeyword("WHERE")) {
    e->where = ParseExpression();
    if (!e->where) return false;
  }
  return true;
}

// ALL | ANY | NONE | SINGLE '(' oC_FilterExpression ')'
ExprPtr Parser::ParseQuantifier() {
  const Token& t = Take();
  auto e = NewExpr(ExprKind::kQuantifier, t.pos);
  e->quantifier = t.IsKeyword("ALL")    ? QuantifierKind::kAll
                  : t.IsKeyword("ANY")  ? QuantifierKind::kAny
                  : t.IsKeyword("NONE") ? QuantifierKind::kNone
                                        : QuantifierKind::kSingle;
  Take();  // '('
  if (!ParseIdInCollWhere(e.get()) || !ExpectSymbol(")")) return nullptr;
  return Finish(std::move(e));
}

// reduce '(' acc '=' oC_Expression ',' oC_IdInColl '|' oC_Expression ')'
ExprPtr Parser::ParseReduce() {
  auto e = NewExpr(ExprKind::kReduce, Take().pos);
  Take();  // '('
  e->accumulator = Take().text;
  Take();  // '='
  ExprPtr init = ParseExpression();
  if (!init || !ExpectSymbol(",")) return nullptr;
  e->children.push_back(std::move(init));
  if (!IsName(Peek())) {
    FailExpected("a variable name");
    return nullptr;
  }
  e->name = Take().text;
  if (!ExpectKeyword("IN")) return nullptr;
  ExprPtr list = ParseExpression();
  if (!list || !ExpectSymbol("|")) return nullptr;
  e->children.push_back(std::move(list));
  e->projection = ParseExpression();
  if (!e->projection || !ExpectSymbol(")")) return nullptr;
  return Finish(std::move(e));
}

// oC_ExistentialSubquery:
//   EXISTS '{' ([MATCH] oC_PatternPart [oC_Where] | oC_Clause {oC_Clause}) '}'
// The short form, EXISTS { [MATCH] pattern [WHERE ...] }, keeps the pattern
// in Expr::pattern and the condition in Expr::where. The full form
// (EXISTS { MATCH ... RETURN ... }, any clause keyword but a leading MATCH)
// goes to Expr::subquery; UNION is not supported there. Which form it is is decided before parsing, by looking
// for a clause keyword at the top level of the braces, so that nothing is
// parsed twice.
ExprPtr Parser::ParseExistsSubquery() {
  auto e = NewExpr(ExprKind::kExists, Take().pos);
  Take();  // '{'
  if (IsFullSubquery(tokens_, i_)) {
    e->subquery = std::make_shared<SingleQuery>();
    do {
      if (!ParseClause(&e->subquery->clauses)) return nullptr;
    } while (!AtSymbol("}") && !AtEndOfQuery());
    if (!ExpectSymbol("}")) return nullptr;
    return Finish(std::move(e));
  }
  AcceptKeyword("MATCH");
  e->pattern = std::make_shared<PatternPart>();
  if (!ParsePatternPart(e->pattern.get())) return nullptr;
  if (AcceptKeyword("WHERE")) {
    e->where = ParseExpression();
    if (!e->where) return nullptr;
  }
  if (!ExpectSymbol("}")) return nullptr;
  return Finish(std::move(e));
}

// oC_ListLiteral: '[' [oC_Expression (',' oC_Expression)*] ']'
// oC_ListComprehension: '[' oC_FilterExpression ['|' oC_Expression] ']'
// oC_PatternComprehension:
//   '[' [oC_Variable '='] oC_RelationshipsPattern [WHERE oC_Expression]
//   '|' oC_Expression ']'
// It is a pattern comprehension when '[' (or `[p =`) is followed by tokens
// shaped like a relationship pattern (see SkipPatternShape) and then by
// WHERE or '|', which no list literal can continue with. That is decided by
// looking ahead, so nothing is parsed twice; otherwise it is a list literal
// ([(1 + 2)], or [(a)-->(b)], a list holding a pattern expression).
ExprPtr Parser::ParseListLiteralOrComprehension() {
  Position pos = Take().pos;
  const bool named = IsVariableToken(Peek()) && AtSymbol("=", 1) && AtSymbol("(", 2);
  if (named || AtSymbol("(")) {
    const size_t open = i_ + (named ? 2 : 0);
    int rels = 0;
    const size_t end = SkipPatternShape(tokens_, match_, open, &rels);
    if (end != kNoMatch && (tokens_[end].IsSymbol("|") || tokens_[end].IsKeyword("WHERE"))) {
      if (rels > 0) {
        auto e = NewExpr(ExprKind::kPatternComprehension, pos);
        e->pattern = std::make_shared<PatternPart>();
        e->pattern->pos = Peek().pos;
        if (named) {
          e->pattern->path_variable = Take().text;
          Take();  // '='
        }
        if (!ParsePatternElement(e->pattern.get())) return nullptr;
        if (AcceptKeyword("WHERE")) {
          e->where = ParseExpression();
          if (!e->where) return nullptr;
        }
        if (!ExpectSymbol("|")) return nullptr;
        e->projection = ParseExpression();
        if (!e->projection || !ExpectSymbol("]")) return nullptr;
        return Finish(std::move(e));
      }
      // [(n) | ...], [p = (n) WHERE ...]: a node alone is no pattern to
      // comprehend over (and no list literal either).
      const Token& inside = tokens_[open + 1];
      if (inside.IsSymbol(")") || inside.IsSymbol(":") || inside.IsSymbol("{") ||
          inside.kind == TokenKind::kParameter || IsVariableToken(inside)) {
        Fail(tokens_[open].pos,
             "a pattern comprehension needs at least one relationship, e.g. [(a)-->(b) | b]");
        return nullptr;
      }
    }
  }
  if (IsName(Peek()) && AtKeyword("IN", 1)) {
    auto e = NewExpr(ExprKind::kListComprehension, pos);
    if (!ParseIdInCollWhere(e.get())) return nullptr;
    if (AcceptSymbol("|")) {
      e->projection = ParseExpression();
      if (!e->projection) return nullptr;
    }
    if (!ExpectSymbol("]")) return nullptr;
    return Finish(std::move(e));
  }
  auto e = NewExpr(ExprKind::kList, pos);
  if (!AtSymbol("]") && !ParseExpressionList(&e->children)) return nullptr;
  if (!ExpectSymbol("]")) return nullptr;
  return Finish(std::move(e));
}

// oC_MapLiteral: '{' [key ':' oC_Expression (',' key ':' oC_Expression)*] '}'
ExprPtr Parser::ParseMapLiteral() {
  auto e = NewExpr(ExprKind::kMap, Take().pos);
  if (!AtSymbol("}")) {
    do {
      e->map_keys.emplace_back();
      if (!ParseSchemaName(&e->map_keys.back(), "a map key") || !ExpectSymbol(":")) {
        return nullptr;
      }
      ExprPtr value = ParseExpression();
      if (!value) return nullptr;
      e->children.push_back(std::move(value));
    } while (AcceptSymbol(","));
  }
  if (!ExpectSymbol("}")) return nullptr;
  return Finish(std::move(e));
}

// oC_ParenthesizedExpression: '(' oC_Expression ')', or
// oC_RelationshipsPattern used as a predicate, e.g. (a)-[:R]->(b). The
// pattern is tried first when the tokens are shaped like one (see
// SkipPatternShape).
ExprPtr Parser::ParseParenthesizedOrPattern() {
  // Only text shaped like a relationship pattern is tried as one: a failed
  // attempt is parsed again as an expression, which nested attempts would
  // repeat exponentially often (({k: ({k: ...}) - 1}) - 1).
  int rels = 0;
  if (SkipPatternShape(tokens_, match_, i_, &rels) != kNoMatch && rels > 0) {
    Mark mark = Save();
    auto part = std::make_shared<PatternPart>();
    part->pos = Peek().pos;
    if (ParsePatternElement(part.get()) && !part->rels.empty()) {
      auto e = NewExpr(ExprKind::kPatternPredicate, part->pos);
      e->pattern = std::move(part);
      return e;
    }
    Restore(mark);
  }
  Take();
  ExprPtr e = ParseExpression();
  if (!e || !ExpectSymbol(")")) return nullptr;
  return e;
}

}  // namespace cornerstone::query::parser_internal
