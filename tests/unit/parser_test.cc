// Copyright (c) Cornerstone authors.
// Parser tests: malformed input first (each must be a positioned
// SyntaxError, never a crash), then well-formed queries checked structurally.
#include "queries/parse/parser.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cornerstone/database.h"
#include "queries/parse/error.h"
#include "queries/parse/lexer.h"

namespace cornerstone::query {
namespace {

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<Statement> result = Parse(text);
  if (result.ok()) return "OK";
  return std::string(result.status().message());
}

// The first line of the error, e.g. "SyntaxError at 1:10: expected ...".
std::string FirstLine(const std::string& text) {
  std::string message = ErrorOf(text);
  return message.substr(0, message.find('\n'));
}

Statement ParseOk(const std::string& text) {
  absl::StatusOr<Statement> result = Parse(text);
  INFO(text);
  INFO(result.status().message());
  REQUIRE(result.ok());
  return *std::move(result);
}

const char* OpName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kXor:
      return "xor";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kEq:
      return "=";
    case BinaryOp::kNe:
      return "<>";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kMod:
      return "%";
    case BinaryOp::kPow:
      return "^";
    case BinaryOp::kIn:
      return "in";
    case BinaryOp::kStartsWith:
      return "starts";
    case BinaryOp::kEndsWith:
      return "ends";
    case BinaryOp::kContains:
      return "contains";
    case BinaryOp::kRegexMatch:
      return "=~";
  }
  return "?";
}

// A compact S-expression of an expression tree.
std::string Show(const ExprPtr& e);

std::string ShowChildren(const Expr& e) {
  std::vector<std::string> parts;
  for (const ExprPtr& c : e.children) parts.push_back(Show(c));
  return absl::StrJoin(parts, " ");
}

std::string Show(const ExprPtr& e) {
  if (!e) return "_";
  switch (e->kind) {
    case ExprKind::kLiteral:
      switch (e->literal.kind) {
        case Literal::Kind::kNull:
          return "null";
        case Literal::Kind::kBool:
          return e->literal.bool_value ? "true" : "false";
        case Literal::Kind::kInt:
          return absl::StrCat(e->literal.int_value);
        case Literal::Kind::kFloat:
          return absl::StrCat(e->literal.float_value, "f");
        case Literal::Kind::kString:
          return absl::StrCat("'", e->literal.string_value, "'");
      }
      return "?";
    case ExprKind::kParameter:
      return "$" + e->name;
    case ExprKind::kVariable:
      return e->name;
    case ExprKind::kProperty:
      return absl::StrCat("(. ", Show(e->children[0]), " ", e->name, ")");
    case ExprKind::kList:
      return absl::StrCat("[", ShowChildren(*e), "]");
    case ExprKind::kMap: {
      std::vector<std::string> parts;
      for (size_t k = 0; k < e->map_keys.size(); ++k) {
        parts.push_back(absl::StrCat(e->map_keys[k], ": ", Show(e->children[k])));
      }
      return absl::StrCat("{", absl::StrJoin(parts, ", "), "}");
    }
    case ExprKind::kUnary: {
      const char* names[] = {"not", "neg", "pos", "isnull", "isnotnull"};
      return absl::StrCat("(", names[static_cast<int>(e->unary_op)], " ", Show(e->children[0]),
                          ")");
    }
    case ExprKind::kBinary:
      return absl::StrCat("(", OpName(e->binary_op), " ", ShowChildren(*e), ")");
    case ExprKind::kFunctionCall:
      return absl::StrCat("(", e->name, e->distinct ? " distinct" : "",
                          e->children.empty() ? "" : " ", ShowChildren(*e), ")");
    case ExprKind::kCountStar:
      return "count(*)";
    case ExprKind::kCase: {
      std::string s = absl::StrCat("(case ", Show(e->case_test));
      for (const auto& [w, t] : e->whens) absl::StrAppend(&s, " ", Show(w), "->", Show(t));
      return absl::StrCat(s, " else ", Show(e->case_else), ")");
    }
    case ExprKind::kListComprehension:
      return absl::StrCat("[", e->name, " in ", Show(e->children[0]), " where ", Show(e->where),
                          " | ", Show(e->projection), "]");
    case ExprKind::kSubscript:
      return absl::StrCat("(sub ", ShowChildren(*e), ")");
    case ExprKind::kSlice:
      return absl::StrCat("(slice ", Show(e->children[0]), " ", Show(e->slice_from), " ",
                          Show(e->slice_to), ")");
    case ExprKind::kQuantifier: {
      const char* names[] = {"all", "any", "none", "single"};
      return absl::StrCat("(", names[static_cast<int>(e->quantifier)], " ", e->name, " in ",
                          Show(e->children[0]), " where ", Show(e->where), ")");
    }
    case ExprKind::kReduce:
      return absl::StrCat("(reduce ", e->accumulator, "=", Show(e->children[0]), " ", e->name,
                          " in ", Show(e->children[1]), " | ", Show(e->projection), ")");
    case ExprKind::kHasLabels:
      return absl::StrCat("(labels ", Show(e->children[0]), " ", absl::StrJoin(e->labels, ":"),
                          ")");
    case ExprKind::kPatternPredicate:
      return absl::StrCat("(pattern ", e->pattern->nodes.size(), " nodes)");
    case ExprKind::kExists:
      return absl::StrCat("(exists ", e->pattern ? e->pattern->nodes.size() : 0, " nodes where ",
                          Show(e->where), ")");
    case ExprKind::kPatternComprehension:
      return absl::StrCat("[pattern ", e->pattern->nodes.size(), " nodes where ",
                          Show(e->where), " | ", Show(e->projection), "]");
  }
  return "?";
}

// Parses `RETURN <expr>` and shows the expression.
std::string ShowExpr(const std::string& expr) {
  Statement s = ParseOk("RETURN " + expr);
  return Show(s.queries[0].clauses[0].projection.items[0].expr);
}

// ---------------------------------------------------------------------------
// Malformed input.

TEST_CASE("unterminated string is an error at its start") {
  CHECK(FirstLine("RETURN 'abc") == "SyntaxError at 1:8: unterminated string");
  CHECK(FirstLine("MATCH (n)\nRETURN \"abc") == "SyntaxError at 2:8: unterminated string");
  CHECK(FirstLine("RETURN `abc") == "SyntaxError at 1:8: unterminated escaped name");
  CHECK(FirstLine("MATCH (n) /* oops\nRETURN n") == "SyntaxError at 1:11: unterminated comment");
}

TEST_CASE("missing parenthesis: exact message, source line and caret") {
  CHECK(ErrorOf("MATCH (n RETURN n") ==
        "SyntaxError at 1:10: expected ')' but found 'RETURN'\n"
        "  MATCH (n RETURN n\n"
        "           ^");
  absl::StatusOr<Statement> result = Parse("MATCH (n RETURN n");
  CHECK(result.status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("misspelled clause and end of input") {
  CHECK(FirstLine("MATCH (n) RETRUN n") ==
        "SyntaxError at 1:11: invalid input 'RETRUN': expected a clause "
        "(MATCH, RETURN, ...)");
  CHECK(FirstLine("MATCH (n") == "SyntaxError at 1:9: unexpected end of input: expected ')'");
  CHECK(FirstLine("") ==
        "SyntaxError at 1:1: unexpected end of input: expected a clause "
        "(MATCH, RETURN, ...)");
  CHECK(FirstLine("RETURN 1 +") ==
        "SyntaxError at 1:11: unexpected end of input: expected an expression");
  CHECK(FirstLine("RETURN 1; RETURN 2") ==
        "SyntaxError at 1:11: expected end of input but found 'RETURN'");
  CHECK(FirstLine("RETURN (1") == "SyntaxError at 1:10: unexpected end of input: expected ')'");
  CHECK(FirstLine("MATCH (n)-[r:T->(m) RETURN n").rfind("SyntaxError at 1:15:", 0) == 0);
  CHECK(FirstLine("RETURN 'a' + $") == "SyntaxError at 1:14: expected a parameter name after '$'");
  CHECK(FirstLine("RETURN 1 # 2") == "SyntaxError at 1:10: invalid character '#'");
  CHECK(FirstLine("RETURN 'a\\qb'") == "SyntaxError at 1:10: invalid escape sequence '\\q'");
  CHECK(FirstLine("WITH RETURN 1").rfind("SyntaxError at 1:6: expected an expression", 0) == 0);
  CHECK(FirstLine("RETURN 12abc") == "SyntaxError at 1:8: invalid number literal");
  CHECK(FirstLine("RETURN CASE END") ==
        "SyntaxError at 1:13: expected an expression but found 'END'");
}

TEST_CASE("columns count code points, lines count newlines") {
  // 'é' is two bytes but one column; the caret lines up under the token.
  CHECK(ErrorOf("RETURN 'é' RETRUN") ==
        "SyntaxError at 1:12: invalid input 'RETRUN': expected a clause "
        "(MATCH, RETURN, ...)\n"
        "  RETURN 'é' RETRUN\n"
        "             ^");
  CHECK(FirstLine("MATCH (n)\n  WHERE n.x = 1\n  RETURN n +") ==
        "SyntaxError at 3:13: unexpected end of input: expected an expression");
}

TEST_CASE("random bytes never crash and always fail with a position") {
  uint64_t state = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int length = 1 + round % 40;
    for (int k = 0; k < length; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      text.push_back(static_cast<char>(state >> 56));
    }
    absl::StatusOr<Statement> result = Parse(text);
    if (!result.ok()) {
      CHECK(std::string(result.status().message()).rfind("SyntaxError at ", 0) == 0);
    }
  }
  CHECK(FirstLine(std::string("\x01\x02", 2)) == "SyntaxError at 1:1: invalid character '\\x01'");
  CHECK(FirstLine(std::string("RETURN \0", 8)) == "SyntaxError at 1:8: invalid character '\\x00'");
}

TEST_CASE("deep nesting is a SyntaxError, not a stack overflow") {
  for (const char* open : {"(", "[", "NOT ", "-", "{a: "}) {
    std::string text = "RETURN ";
    for (int k = 0; k < 100000; ++k) text += open;
    text += "1";
    INFO(open);
    CHECK(FirstLine(text).find("nested too deeply") != std::string::npos);
  }
  std::string closed = "RETURN " + std::string(100000, '(') + "1" + std::string(100000, ')');
  CHECK(FirstLine(closed).find("nested too deeply") != std::string::npos);
  std::string sum = "RETURN 1";
  for (int k = 0; k < 100000; ++k) sum += " + 1";
  CHECK(FirstLine(sum).find("nested too deeply") != std::string::npos);
  std::string props = "RETURN n";
  for (int k = 0; k < 100000; ++k) props += ".a";
  CHECK(FirstLine(props).find("nested too deeply") != std::string::npos);
  std::string nodes = "MATCH " + std::string(100000, '(');
  CHECK(FirstLine(nodes).rfind("SyntaxError at 1:8:", 0) == 0);
  std::string foreach_text = "MATCH (n) ";
  for (int k = 0; k < 100000; ++k) foreach_text += "FOREACH (x IN [] | ";
  CHECK(FirstLine(foreach_text).find("nested too deeply") != std::string::npos);
  // Moderate nesting is fine.
  CHECK(ShowExpr(std::string(100, '(') + "1" + std::string(100, ')')) == "1");
}

TEST_CASE("integer literals out of range") {
  CHECK(FirstLine("RETURN 9223372036854775808") ==
        "SyntaxError at 1:8: integer literal out of range");
  CHECK(FirstLine("RETURN 99999999999999999999") ==
        "SyntaxError at 1:8: integer literal out of range");
  CHECK(FirstLine("RETURN -9223372036854775809") ==
        "SyntaxError at 1:9: integer literal out of range");
  CHECK(FirstLine("RETURN 0x10000000000000000") ==
        "SyntaxError at 1:8: integer literal out of range");
  CHECK(FirstLine("RETURN 1e999") == "SyntaxError at 1:8: float literal out of range");
  Statement s = ParseOk(
      "RETURN -9223372036854775808, 9223372036854775807, "
      "0x7FFFFFFFFFFFFFFF, - 9223372036854775808");
  const auto& items = s.queries[0].clauses[0].projection.items;
  CHECK(items[0].expr->literal.int_value == std::numeric_limits<int64_t>::min());
  CHECK(items[1].expr->literal.int_value == std::numeric_limits<int64_t>::max());
  CHECK(items[2].expr->literal.int_value == std::numeric_limits<int64_t>::max());
  CHECK(items[3].expr->literal.int_value == std::numeric_limits<int64_t>::min());
}

TEST_CASE("error kinds and status codes") {
  CHECK(std::string(ErrorKindName(ErrorKind::kSyntaxError)) == "SyntaxError");
  CHECK(std::string(ErrorKindName(ErrorKind::kConstraintVerificationFailed)) ==
        "ConstraintVerificationFailed");
  CHECK(std::string(ErrorKindName(ErrorKind::kRuntimeError)) == "RuntimeError");
  absl::Status s = QueryError(ErrorKind::kTypeError, "expected an integer");
  CHECK(s.message() == "TypeError: expected an integer");
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(QueryError(ErrorKind::kEntityNotFound, "x").code() == absl::StatusCode::kNotFound);
  CHECK(QueryError(ErrorKind::kConstraintVerificationFailed, "x").code() ==
        absl::StatusCode::kFailedPrecondition);
  Position pos{2, 3, 0};
  CHECK(QueryError(ErrorKind::kSemanticError, "a\n\tbc", pos, "boom").message() ==
        "SemanticError at 2:3: boom\n   bc\n    ^");
}

// ---------------------------------------------------------------------------
// Well-formed queries.

TEST_CASE("match, where, return with projection texts") {
  Statement s = ParseOk(
      "MATCH (a:Person:Founder {name: 'Ann'})-[r:KNOWS|:LIKES*1..3]->(b) "
      "WHERE a.age > 30 RETURN a.name AS name, count(*), h.name ,  1 + 1");
  REQUIRE(s.queries.size() == 1);
  const auto& clauses = s.queries[0].clauses;
  REQUIRE(clauses.size() == 2);
  CHECK(clauses[0].kind == ClauseKind::kMatch);
  CHECK_FALSE(clauses[0].optional);
  const PatternPart& part = clauses[0].pattern.at(0);
  REQUIRE(part.nodes.size() == 2);
  CHECK(part.nodes[0].variable == "a");
  CHECK(part.nodes[0].labels == std::vector<std::string>{"Person", "Founder"});
  CHECK(Show(part.nodes[0].properties) == "{name: 'Ann'}");
  CHECK(part.rels[0].variable == "r");
  CHECK(part.rels[0].types == std::vector<std::string>{"KNOWS", "LIKES"});
  CHECK(part.rels[0].direction == Direction::kRight);
  CHECK(part.rels[0].var_length);
  CHECK(part.rels[0].min_hops == 1);
  CHECK(part.rels[0].max_hops == 3);
  CHECK(Show(clauses[0].where) == "(> (. a age) 30)");
  CHECK(clauses[1].kind == ClauseKind::kReturn);
  const auto& items = clauses[1].projection.items;
  REQUIRE(items.size() == 4);
  CHECK(items[0].text == "a.name");
  CHECK(items[0].alias == "name");
  CHECK(items[1].text == "count(*)");
  CHECK(items[1].expr->kind == ExprKind::kCountStar);
  CHECK(items[2].text == "h.name");
  CHECK(items[3].text == "1 + 1");
  CHECK(clauses[1].pos.column == 84);
}

TEST_CASE("relationship directions and hop ranges") {
  Statement s = ParseOk(
      "MATCH (a)<--(b)--(c)-->(d)<-[*]-(e)-[*2]-(f)-[:T*..3]->(g)-[*2..]-(h) "
      "RETURN a");
  const PatternPart& p = s.queries[0].clauses[0].pattern[0];
  REQUIRE(p.rels.size() == 7);
  CHECK(p.rels[0].direction == Direction::kLeft);
  CHECK(p.rels[1].direction == Direction::kBoth);
  CHECK(p.rels[2].direction == Direction::kRight);
  CHECK_FALSE(p.rels[2].var_length);
  CHECK(p.rels[3].direction == Direction::kLeft);
  CHECK(p.rels[3].var_length);
  CHECK_FALSE(p.rels[3].min_hops.has_value());
  CHECK_FALSE(p.rels[3].max_hops.has_value());
  CHECK(p.rels[4].min_hops == 2);
  CHECK(p.rels[4].max_hops == 2);
  CHECK_FALSE(p.rels[5].min_hops.has_value());
  CHECK(p.rels[5].max_hops == 3);
  CHECK(p.rels[6].min_hops == 2);
  CHECK_FALSE(p.rels[6].max_hops.has_value());
  CHECK(p.nodes.size() == 8);
}

TEST_CASE("named paths, shortest paths, several parts, parameters") {
  Statement s = ParseOk(
      "MATCH p = shortestPath((a)-[*]-(b)), q = allShortestPaths((a)-->(c)), "
      "(x $props), (`weird name`:`My Label`) RETURN p");
  const Pattern& pattern = s.queries[0].clauses[0].pattern;
  REQUIRE(pattern.size() == 4);
  CHECK(pattern[0].path_variable == "p");
  CHECK(pattern[0].shortest == PatternPart::Shortest::kShortest);
  CHECK(pattern[1].shortest == PatternPart::Shortest::kAllShortest);
  CHECK(pattern[2].shortest == PatternPart::Shortest::kNone);
  CHECK(Show(pattern[2].nodes[0].properties) == "$props");
  CHECK(pattern[3].nodes[0].variable == "weird name");
  CHECK(pattern[3].nodes[0].labels[0] == "My Label");
}

TEST_CASE("operator precedence") {
  CHECK(ShowExpr("1 + 2 * 3") == "(+ 1 (* 2 3))");
  CHECK(ShowExpr("(1 + 2) * 3") == "(* (+ 1 2) 3)");
  CHECK(ShowExpr("1 - 2 - 3") == "(- (- 1 2) 3)");
  CHECK(ShowExpr("NOT a = b") == "(not (= a b))");
  CHECK(ShowExpr("a OR b AND c") == "(or a (and b c))");
  CHECK(ShowExpr("a XOR b OR c") == "(or (xor a b) c)");
  CHECK(ShowExpr("NOT NOT a AND b") == "(and (not (not a)) b)");
  CHECK(ShowExpr("a < b < c") == "(and (< a b) (< b c))");
  CHECK(ShowExpr("a = b <> c >= d") == "(and (and (= a b) (<> b c)) (>= c d))");
  CHECK(ShowExpr("a + 1 IN l") == "(in (+ a 1) l)");
  CHECK(ShowExpr("x IN [1, 2] AND y IS NOT NULL") == "(and (in x [1 2]) (isnotnull y))");
  CHECK(ShowExpr("n.name STARTS WITH 'A' OR n.name ENDS WITH 'z'") ==
        "(or (starts (. n name) 'A') (ends (. n name) 'z'))");
  CHECK(ShowExpr("s CONTAINS 'x' = true") == "(= (contains s 'x') true)");
  CHECK(ShowExpr("s =~ 'a.*'") == "(=~ s 'a.*')");
  CHECK(ShowExpr("a IS NULL") == "(isnull a)");
  CHECK(ShowExpr("2 ^ 3 ^ 2") == "(^ (^ 2 3) 2)");
  CHECK(ShowExpr("-2 ^ 2") == "(^ -2 2)");
  CHECK(ShowExpr("-a.b") == "(neg (. a b))");
  CHECK(ShowExpr("- -1") == "(neg -1)");
  CHECK(ShowExpr("+1") == "(pos 1)");
  CHECK(ShowExpr("1 - -1") == "(- 1 -1)");
  CHECK(ShowExpr("a * b % c / d") == "(/ (% (* a b) c) d)");
  CHECK(ShowExpr("x<-1") == "(< x -1)");
  CHECK(ShowExpr("a != b") == "(<> a b)");
}

TEST_CASE("postfix operators") {
  CHECK(ShowExpr("n.a.b") == "(. (. n a) b)");
  CHECK(ShowExpr("l[0]") == "(sub l 0)");
  CHECK(ShowExpr("l[1..2]") == "(slice l 1 2)");
  CHECK(ShowExpr("l[..2]") == "(slice l _ 2)");
  CHECK(ShowExpr("l[1..]") == "(slice l 1 _)");
  CHECK(ShowExpr("n:A:B") == "(labels n A:B)");
  CHECK(ShowExpr("m.list[0].name") == "(. (sub (. m list) 0) name)");
  CHECK(ShowExpr("n.order") == "(. n order)");
  CHECK(ShowExpr("{a: 1}.a") == "(. {a: 1} a)");
}

TEST_CASE("literals and string escapes") {
  CHECK(ShowExpr("null") == "null");
  CHECK(ShowExpr("TRUE") == "true");
  CHECK(ShowExpr("false") == "false");
  CHECK(ShowExpr("0x1F") == "31");
  CHECK(ShowExpr("0o17") == "15");
  CHECK(ShowExpr("1.5") == "1.5f");
  CHECK(ShowExpr(".5") == "0.5f");
  CHECK(ShowExpr("1e3") == "1000f");
  CHECK(ShowExpr("1.5e-3") == "0.0015f");
  CHECK(ShowExpr("[1, 'a', [], {}]") == "[1 'a' [] {}]");
  CHECK(ShowExpr("{name: 'x', `a b`: 2, match: 3}") == "{name: 'x', a b: 2, match: 3}");
  CHECK(ShowExpr("$param") == "$param");
  CHECK(ShowExpr("$0") == "$0");
  CHECK(ShowExpr("$`a b`") == "$a b");
  CHECK(ShowExpr("`a``b`") == "a`b");
  CHECK(ShowExpr("näme") == "näme");
  Statement s = ParseOk(
      "RETURN 'it\\'s', \"say \\\"hi\\\"\", 'a\\\\b\\n\\t\\r\\b\\f', "
      "'\\u00e9\\U0001F600', '\\uD83D\\uDE00', \"'\", '\"'");
  const auto& items = s.queries[0].clauses[0].projection.items;
  CHECK(items[0].expr->literal.string_value == "it's");
  CHECK(items[1].expr->literal.string_value == "say \"hi\"");
  CHECK(items[2].expr->literal.string_value == "a\\b\n\t\r\b\f");
  CHECK(items[3].expr->literal.string_value == "\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(items[4].expr->literal.string_value == "\xF0\x9F\x98\x80");
  CHECK(items[5].expr->literal.string_value == "'");
  CHECK(items[6].expr->literal.string_value == "\"");
  CHECK(items[0].text == "'it\\'s'");
}

TEST_CASE("function calls, CASE, comprehensions, quantifiers, reduce") {
  CHECK(ShowExpr("toInteger('1')") == "(toInteger '1')");
  CHECK(ShowExpr("count(DISTINCT x)") == "(count distinct x)");
  CHECK(ShowExpr("a.b.c(x, 1)") == "(a.b.c x 1)");
  CHECK(ShowExpr("rand()") == "(rand)");
  CHECK(ShowExpr("exists(n.prop)") == "(exists (. n prop))");
  CHECK(ShowExpr("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END") ==
        "(case x 1->'a' 2->'b' else 'c')");
  CHECK(ShowExpr("CASE WHEN a > 1 THEN 1 END") == "(case _ (> a 1)->1 else _)");
  CHECK(ShowExpr("[x IN l WHERE x > 1 | x * 2]") == "[x in l where (> x 1) | (* x 2)]");
  CHECK(ShowExpr("[x IN l | x]") == "[x in l where _ | x]");
  CHECK(ShowExpr("[x IN l WHERE x]") == "[x in l where x | _]");
  CHECK(ShowExpr("all(x IN l WHERE x > 0)") == "(all x in l where (> x 0))");
  CHECK(ShowExpr("any(x IN l WHERE x)") == "(any x in l where x)");
  CHECK(ShowExpr("none(x IN l WHERE x)") == "(none x in l where x)");
  CHECK(ShowExpr("single(x IN l WHERE x)") == "(single x in l where x)");
  CHECK(ShowExpr("reduce(acc = 0, x IN [1, 2] | acc + x)") ==
        "(reduce acc=0 x in [1 2] | (+ acc x))");
  CHECK(ShowExpr("count(*) + 1") == "(+ count(*) 1)");
}

TEST_CASE("map projections are desugared into map literals") {
  CHECK(ShowExpr("p {.name, .age, k: 1 + 1, other}") ==
        "{name: (. p name), age: (. p age), k: (+ 1 1), other: other}");
  CHECK(ShowExpr("p {}") == "{}");
  CHECK(ShowExpr("p {.a}.a") == "(. {a: (. p a)} a)");
  CHECK(FirstLine("RETURN p {.*}") ==
        "SyntaxError at 1:12: map projection with .* is not supported");
  Statement s = ParseOk("MATCH (p) RETURN p {.name} AS m");
  CHECK(s.queries[0].clauses[1].projection.items[0].text == "p {.name}");
}

TEST_CASE("pattern predicates and EXISTS") {
  Statement s = ParseOk(
      "MATCH (a), (b) WHERE (a)-[:KNOWS]->(b) AND NOT (a)<--(:X) "
      "AND (a.x) - 1 > 0 RETURN a");
  const ExprPtr& where = s.queries[0].clauses[0].where;
  CHECK(Show(where) == "(and (and (pattern 2 nodes) (not (pattern 2 nodes))) (> (- (. a x) 1) 0))");
  const Expr& pattern = *where->children[0]->children[0];
  CHECK(pattern.pattern->rels[0].types[0] == "KNOWS");
  CHECK(pattern.pattern->rels[0].direction == Direction::kRight);
  CHECK(ShowExpr("EXISTS { MATCH (n)-->(m) WHERE m.x = 1 }") ==
        "(exists 2 nodes where (= (. m x) 1))");
  CHECK(ShowExpr("exists { (n)-->() }") == "(exists 2 nodes where _)");
}

TEST_CASE("projection bodies: WITH and RETURN") {
  Statement s = ParseOk(
      "MATCH (n) WITH DISTINCT n.x AS x, count(*) AS c ORDER BY c DESC, x "
      "SKIP 1 LIMIT $lim WHERE c > 1 RETURN *, x ORDER BY x ASCENDING");
  const auto& clauses = s.queries[0].clauses;
  REQUIRE(clauses.size() == 3);
  const Projection& with = clauses[1].projection;
  CHECK(clauses[1].kind == ClauseKind::kWith);
  CHECK(with.distinct);
  CHECK(with.items.size() == 2);
  CHECK(with.items[1].alias == "c");
  REQUIRE(with.order_by.size() == 2);
  CHECK(with.order_by[0].descending);
  CHECK_FALSE(with.order_by[1].descending);
  CHECK(Show(with.skip) == "1");
  CHECK(Show(with.limit) == "$lim");
  CHECK(Show(with.where) == "(> c 1)");
  const Projection& ret = clauses[2].projection;
  CHECK(ret.star);
  CHECK(ret.items.size() == 1);
  CHECK(ParseOk("RETURN *").queries[0].clauses[0].projection.items.empty());
}

TEST_CASE("updating clauses") {
  Statement s = ParseOk(
      "UNWIND [1, 2] AS i "
      "CREATE (a:A {i: i})-[:R]->(b) "
      "MERGE (c:C {k: 1}) ON CREATE SET c.new = true ON MATCH SET c.seen = c.seen + 1, c:Seen "
      "SET a.x = 1, a = {y: 2}, b += $m, a:L:M "
      "REMOVE a.x, b:L "
      "DETACH DELETE a, b "
      "DELETE c "
      "FOREACH (x IN [1] | CREATE (:X {v: x}) SET c.v = x)");
  const auto& c = s.queries[0].clauses;
  REQUIRE(c.size() == 8);
  CHECK(c[0].kind == ClauseKind::kUnwind);
  CHECK(c[0].alias == "i");
  CHECK(Show(c[0].expr) == "[1 2]");
  CHECK(c[1].kind == ClauseKind::kCreate);
  CHECK(c[1].pattern[0].rels[0].types[0] == "R");
  CHECK(c[2].kind == ClauseKind::kMerge);
  REQUIRE(c[2].on_create.size() == 1);
  CHECK(Show(c[2].on_create[0].target) == "(. c new)");
  REQUIRE(c[2].on_match.size() == 2);
  CHECK(c[2].on_match[1].kind == SetItem::Kind::kLabels);
  CHECK(c[3].kind == ClauseKind::kSet);
  REQUIRE(c[3].set_items.size() == 4);
  CHECK(c[3].set_items[0].kind == SetItem::Kind::kProperty);
  CHECK(Show(c[3].set_items[0].value) == "1");
  CHECK(c[3].set_items[1].kind == SetItem::Kind::kReplaceAll);
  CHECK(c[3].set_items[1].variable == "a");
  CHECK(c[3].set_items[2].kind == SetItem::Kind::kMergeAll);
  CHECK(c[3].set_items[3].labels == std::vector<std::string>{"L", "M"});
  CHECK(c[4].kind == ClauseKind::kRemove);
  CHECK(c[4].remove_items[0].kind == RemoveItem::Kind::kProperty);
  CHECK(c[4].remove_items[1].kind == RemoveItem::Kind::kLabels);
  CHECK(c[4].remove_items[1].variable == "b");
  CHECK(c[5].kind == ClauseKind::kDelete);
  CHECK(c[5].detach);
  CHECK(c[5].exprs.size() == 2);
  CHECK_FALSE(c[6].detach);
  CHECK(c[7].kind == ClauseKind::kForeach);
  CHECK(c[7].alias == "x");
  REQUIRE(c[7].body.size() == 2);
  CHECK(c[7].body[1].kind == ClauseKind::kSet);
  CHECK(FirstLine("SET n = 1 + ").rfind("SyntaxError at 1:13", 0) == 0);
  CHECK(FirstLine("SET 1 = 2") == "SyntaxError at 1:5: expected a property (e.g. n.name)");
}

TEST_CASE("CALL, index clauses, UNION, EXPLAIN, PROFILE") {
  Statement s = ParseOk("CALL db.labels() YIELD label AS l, x WHERE l <> 'A' RETURN l");
  const Clause& call = s.queries[0].clauses[0];
  CHECK(call.kind == ClauseKind::kCall);
  CHECK(call.procedure == "db.labels");
  CHECK(call.has_yield);
  REQUIRE(call.yield_items.size() == 2);
  CHECK(call.yield_items[0].field == "label");
  CHECK(call.yield_items[0].alias == "l");
  CHECK(Show(call.where) == "(<> l 'A')");
  Statement standalone = ParseOk("CALL db.index.list");
  CHECK(standalone.queries[0].clauses[0].procedure == "db.index.list");
  CHECK_FALSE(standalone.queries[0].clauses[0].has_yield);
  CHECK(ParseOk("CALL p(1, 2) YIELD *").queries[0].clauses[0].yield_star);

  Statement index = ParseOk("CREATE INDEX ON :Person(name)");
  CHECK(index.queries[0].clauses[0].kind == ClauseKind::kCreateIndex);
  CHECK(index.queries[0].clauses[0].label == "Person");
  CHECK(index.queries[0].clauses[0].key == "name");
  Statement named = ParseOk("CREATE INDEX idx FOR (n:Company) ON (n.name)");
  CHECK(named.queries[0].clauses[0].label == "Company");
  CHECK(named.queries[0].clauses[0].key == "name");
  CHECK(named.queries[0].clauses[0].alias == "idx");
  CHECK(ParseOk("CREATE INDEX FOR (n:C) ON (n.k)").queries[0].clauses[0].key == "k");
  Statement drop = ParseOk("DROP INDEX ON :Person(name);");
  CHECK(drop.queries[0].clauses[0].kind == ClauseKind::kDropIndex);
  CHECK(drop.queries[0].clauses[0].label == "Person");

  Statement u = ParseOk("RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x");
  CHECK(u.queries.size() == 3);
  CHECK(u.union_all == std::vector<bool>{false, true});
  CHECK(ParseOk("EXPLAIN MATCH (n) RETURN n").mode == Statement::Mode::kExplain);
  CHECK(ParseOk("profile RETURN 1").mode == Statement::Mode::kProfile);
  CHECK(ParseOk("OPTIONAL MATCH (n) RETURN n").queries[0].clauses[0].optional);
}

TEST_CASE("keywords are case-insensitive; comments are skipped") {
  Statement s = ParseOk("match (n) // a comment\n where /* block\n comment */ n.x = 1 return n");
  CHECK(s.queries[0].clauses.size() == 2);
  CHECK(s.queries[0].clauses[1].pos.line == 3);
  CHECK(s.queries[0].clauses[1].pos.column == 21);
  CHECK(ParseOk("MATCH (n) RETURN n;").queries[0].clauses.size() == 2);
}

TEST_CASE("lexer tokens and positions") {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize("a..b 1..3 <> += =~ $x");
  REQUIRE(tokens.ok());
  std::vector<std::string> texts;
  for (const Token& t : *tokens) texts.push_back(t.text);
  CHECK(texts == std::vector<std::string>{"a", "..", "b", "", "..", "", "<>", "+=", "=~", "x", ""});
  CHECK((*tokens)[3].int_value == 1);
  CHECK((*tokens)[9].kind == TokenKind::kParameter);
  CHECK((*tokens)[9].pos.column == 20);
  CHECK(tokens->back().kind == TokenKind::kEnd);
}

TEST_CASE("SplitStatements respects strings, names and comments") {
  bool complete = false;
  std::vector<ScriptStatement> st = SplitStatements(
      "CREATE (:A {s: 'a;b'});\n"
      "  // comment; still a comment\n"
      "  MATCH (n) /* ; */ RETURN n.`x;y`, \"q\\\";\" ;\n"
      ";;  \n"
      "RETURN 1; // trailing\n",
      &complete);
  CHECK(complete);
  REQUIRE(st.size() == 3);
  CHECK(st[0].text == "CREATE (:A {s: 'a;b'})");
  CHECK(st[0].line == 1);
  CHECK(st[0].column == 1);
  CHECK(st[1].text == "MATCH (n) /* ; */ RETURN n.`x;y`, \"q\\\";\"");
  CHECK(st[1].line == 3);
  CHECK(st[1].column == 3);
  CHECK(st[2].text == "RETURN 1");
  CHECK(st[2].line == 5);

  st = SplitStatements("RETURN 1; RETURN 2", &complete);
  CHECK_FALSE(complete);
  REQUIRE(st.size() == 2);
  CHECK(st[1].text == "RETURN 2");
  CHECK(st[1].column == 11);
  st = SplitStatements("RETURN 'abc;", &complete);
  CHECK_FALSE(complete);
  CHECK(st.size() == 1);
  st = SplitStatements("RETURN 1; /* open", &complete);
  CHECK_FALSE(complete);
  CHECK(st.size() == 1);
  st = SplitStatements("  \n // only a comment", &complete);
  CHECK(complete);
  CHECK(st.empty());
  st = SplitStatements("RETURN 'é'; RETURN 2;", &complete);
  CHECK(complete);
  CHECK(st[1].column == 13);
}

TEST_CASE("Keywords lists the clause words") {
  const std::vector<std::string>& k = Keywords();
  CHECK(std::find(k.begin(), k.end(), "MATCH") != k.end());
  CHECK(std::find(k.begin(), k.end(), "UNWIND") != k.end());
}

}  // namespace
}  // namespace cornerstone::query
