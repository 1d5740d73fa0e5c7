// Copyright (c) Cornerstone authors.
// The recursive-descent parser behind Parse() (parser.h): one method per
// openCypher rule (see GRAMMAR.md). Statements and clauses are in
// parser.cc, patterns in parse_pattern.cc, expressions in
// parse_expression.cc. Methods report failure by returning false or nullptr
// after recording the first error in `error_`; nothing throws.
// Internal to queries/parse.
#ifndef CORNERSTONE_QUERIES_PARSE_PARSER_INTERNAL_H_
#define CORNERSTONE_QUERIES_PARSE_PARSER_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "queries/parse/ast.h"
#include "queries/parse/lexer.h"
#include "queries/parse/parser.h"

namespace cornerstone::query::parser_internal {

inline constexpr size_t kNoMatch = static_cast<size_t>(-1);

// Words that cannot be used as unescaped variable names because they start
// or continue clauses and expressions. Labels, types, property keys and
// function names may still use them.
bool IsReserved(std::string_view word);

// Deep copy of an expression; pattern parts are shared (they are never
// mutated after parsing).
ExprPtr CloneExpr(const Expr& e);

class Parser {
 public:
  // `tokens` must end with a kEnd token (as Tokenize returns them).
  Parser(std::string_view text, std::vector<Token> tokens);

  // Parses the whole token vector as one statement.
  absl::StatusOr<Statement> Run();

 private:
  // Counts nesting of recursive rules; past kMaxParseDepth parsing stops.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser* parser) : parser_(parser) { ++parser_->depth_; }
    ~DepthGuard() { --parser_->depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    // False (with the error recorded) when nested too deeply, or when the
    // parse has used more than kStackBudget bytes of stack (which only
    // happens before kMaxParseDepth with unusually large frames, e.g. in
    // sanitizer or -O0 builds).
    bool Ok() {
      uintptr_t here = StackAddress();
      uintptr_t base = parser_->stack_base_;
      uintptr_t used = here < base ? base - here : here - base;
      if (parser_->depth_ <= kMaxParseDepth && used <= kStackBudget) return true;
      return parser_->Fail(parser_->Peek().pos, TooDeepMessage());
    }

   private:
    Parser* parser_;
  };

  // About 1 MB is used at kMaxParseDepth in an optimized build.
  static constexpr uintptr_t kStackBudget = uintptr_t{2} << 20;

  // The current stack position (the real stack, even under AddressSanitizer).
  static uintptr_t StackAddress() {
    return reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  }

  struct Mark {
    size_t index;
    size_t prev_end;
  };

  static std::string TooDeepMessage() {
    return absl::StrCat("query nested too deeply (limit ", kMaxParseDepth, ")");
  }

  // ---- Tokens ----

  const Token& Peek(size_t k = 0) const {
    size_t j = i_ + k;
    return j < tokens_.size() ? tokens_[j] : tokens_.back();
  }
  const Token& Take() {
    const Token& t = tokens_[i_];
    if (t.kind != TokenKind::kEnd) {
      prev_end_ = t.end;
      ++i_;
    }
    return t;
  }
  bool AtSymbol(std::string_view s, size_t k = 0) const { return Peek(k).IsSymbol(s); }
  bool AtKeyword(std::string_view s, size_t k = 0) const { return Peek(k).IsKeyword(s); }
  bool AcceptSymbol(std::string_view s) {
    if (!AtSymbol(s)) return false;
    Take();
    return true;
  }
  bool AcceptKeyword(std::string_view s) {
    if (!AtKeyword(s)) return false;
    Take();
    return true;
  }
  bool ExpectSymbol(std::string_view s) {
    return AcceptSymbol(s) || FailExpected(absl::StrCat("'", std::string(s), "'"));
  }
  bool ExpectKeyword(std::string_view s) { return AcceptKeyword(s) || FailExpected(s); }
  static bool IsName(const Token& t) {
    return t.kind == TokenKind::kIdentifier || t.kind == TokenKind::kEscapedName;
  }
  static bool IsVariableToken(const Token& t) {
    return t.kind == TokenKind::kEscapedName ||
           (t.kind == TokenKind::kIdentifier && !IsReserved(t.text));
  }
  Mark Save() const { return {i_, prev_end_}; }
  void Restore(const Mark& mark) {
    i_ = mark.index;
    prev_end_ = mark.prev_end;
    error_ = absl::OkStatus();
  }

  // ---- Errors ----

  std::string Describe(const Token& t) const;
  bool Fail(Position pos, std::string_view message);
  bool FailExpected(std::string_view what);

  // ---- Names ----

  // oC_Variable
  bool ParseVariable(std::string* out);
  // oC_SchemaName: labels, types, keys, aliases; keywords allowed.
  bool ParseSchemaName(std::string* out, std::string_view what);
  // oC_NodeLabels: (':' oC_LabelName)+ ; the caller saw the first ':'.
  bool ParseLabels(std::vector<std::string>* labels);

  // ---- Expression nodes (parse_expression.cc) ----

  static ExprPtr NewExpr(ExprKind kind, Position pos) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->pos = pos;
    return e;
  }
  int HeightOf(const ExprPtr& e) const;
  // Records the height of a composite node; a tree taller than
  // kMaxParseDepth is an error, so later recursive passes stay bounded.
  ExprPtr Finish(ExprPtr e);
  ExprPtr Binary(BinaryOp op, ExprPtr lhs, ExprPtr rhs);
  ExprPtr Unary(UnaryOp op, Position pos, ExprPtr operand);

  // ---- Statements and clauses (parser.cc) ----

  // oC_Statement: [EXPLAIN | PROFILE] oC_RegularQuery [';']
  bool ParseStatement(Statement* statement);

  bool AtEndOfQuery() const;

  // oC_SingleQuery: oC_Clause+
  bool ParseSingleQuery(SingleQuery* query);

  // oC_Clause
  bool ParseClause(std::vector<Clause>* clauses);

  // oC_Match: [OPTIONAL] MATCH oC_Pattern [oC_Where]
  bool ParseMatch(Clause* c);

  // oC_Unwind: UNWIND oC_Expression AS oC_Variable
  bool ParseUnwind(Clause* c);

  // oC_With: WITH oC_ProjectionBody [oC_Where]
  bool ParseWith(Clause* c);

  // oC_Return: RETURN oC_ProjectionBody
  bool ParseReturn(Clause* c);

  // oC_ProjectionBody: [DISTINCT] oC_ProjectionItems [oC_Order] [oC_Skip]
  //                    [oC_Limit]
  bool ParseProjectionBody(Projection* p);

  // oC_ProjectionItem: oC_Expression [AS oC_Variable]
  bool ParseProjectionItem(ProjectionItem* item);

  // oC_Create: CREATE oC_Pattern
  bool ParseCreate(Clause* c);

  // oC_Merge: MERGE oC_PatternPart (oC_MergeAction)*
  bool ParseMerge(Clause* c);

  // oC_Set: SET oC_SetItem (',' oC_SetItem)*  (after SET)
  bool ParseSetItems(std::vector<SetItem>* items);

  // oC_SetItem: oC_PropertyExpression '=' e | v '=' e | v '+=' e | v labels
  bool ParseSetItem(SetItem* item);

  // oC_PropertyExpression: oC_Atom ('.' oC_PropertyKeyName)+
  ExprPtr ParsePropertyExpression();

  // oC_Remove: REMOVE oC_RemoveItem (',' oC_RemoveItem)*
  bool ParseRemove(Clause* c);

  // oC_Delete: [DETACH] DELETE oC_Expression (',' oC_Expression)*
  bool ParseDelete(Clause* c);

  bool ParseExpressionList(std::vector<ExprPtr>* out);

  // oC_InQueryCall / oC_StandaloneCall:
  //   CALL oC_ProcedureName ['(' args ')'] [YIELD ('*' | oC_YieldItems)]
  bool ParseCall(Clause* c);

  // oC_Foreach: FOREACH '(' oC_Variable IN oC_Expression '|' oC_Clause+ ')'
  bool ParseForeach(Clause* c);

  // oC_CreateIndex (Neo4j forms; the optional name goes to Clause::alias):
  //   CREATE INDEX ON ':' oC_LabelName '(' oC_PropertyKeyName ')'
  //   CREATE INDEX [name] FOR '(' v ':' oC_LabelName ')' ON '(' v '.' key ')'
  bool ParseCreateIndex(Clause* c);

  // ':' oC_LabelName '(' oC_PropertyKeyName ')'
  bool ParseLabelKey(Clause* c);

  // oC_DropIndex: DROP INDEX (ON ':' label '(' key ')' | name)
  bool ParseDropIndex(Clause* c);

  // ---- Patterns (parse_pattern.cc) ----

  // oC_Pattern: oC_PatternPart (',' oC_PatternPart)*
  bool ParsePattern(Pattern* pattern);

  // oC_PatternPart: [oC_Variable '='] oC_AnonymousPatternPart
  bool ParsePatternPart(PatternPart* part);

  bool AtRelationshipStart() const { return AtSymbol("-") || (AtSymbol("<") && AtSymbol("-", 1)); }

  // oC_PatternElement: oC_NodePattern (oC_RelationshipPattern oC_NodePattern)*
  bool ParsePatternElement(PatternPart* part);

  // oC_Properties: oC_MapLiteral | oC_Parameter (or nothing)
  bool ParseOptionalProperties(ExprPtr* out);

  // oC_NodePattern: '(' [oC_Variable] [oC_NodeLabels] [oC_Properties] ')'
  bool ParseNodePattern(NodePattern* node);

  // oC_RelationshipPattern: ['<'] '-' ['[' oC_RelationshipDetail ']'] '-' ['>']
  bool ParseRelationshipPattern(RelPattern* rel);

  // oC_RelationshipDetail: [oC_Variable] [oC_RelationshipTypes]
  //                        [oC_RangeLiteral] [oC_Properties]
  bool ParseRelationshipDetail(RelPattern* rel);

  bool ParseHopCount(int64_t* out);

  // ---- Expressions, loosest first (parse_expression.cc) ----

  // oC_Expression: oC_OrExpression
  ExprPtr ParseExpression();

  // oC_OrExpression: oC_XorExpression (OR oC_XorExpression)*
  ExprPtr ParseOr();

  // oC_XorExpression: oC_AndExpression (XOR oC_AndExpression)*
  ExprPtr ParseXor();

  // oC_AndExpression: oC_NotExpression (AND oC_NotExpression)*
  ExprPtr ParseAnd();

  // oC_NotExpression: (NOT)* oC_ComparisonExpression
  ExprPtr ParseNot();

  bool AtComparisonOperator(BinaryOp* op) const;

  // oC_ComparisonExpression: oC_StringListNullPredicateExpression
  //                          (oC_PartialComparisonExpression)*
  // A chain a < b < c becomes (a < b) AND (b < c), with b copied.
  ExprPtr ParseComparison();

  // oC_StringListNullPredicateExpression: oC_AddOrSubtractExpression
  //   (oC_StringPredicateExpression | oC_ListPredicateExpression |
  //    oC_NullPredicateExpression)*
  ExprPtr ParseStringListNull();

  // oC_AddOrSubtractExpression: oC_MultiplyDivideModuloExpression
  //                             (('+' | '-') oC_MultiplyDivideModuloExpression)*
  ExprPtr ParseAddSub();

  // oC_MultiplyDivideModuloExpression: oC_PowerOfExpression
  //                                    (('*' | '/' | '%') oC_PowerOfExpression)*
  ExprPtr ParseMulDiv();

  // oC_PowerOfExpression: oC_UnaryAddOrSubtractExpression
  //                       ('^' oC_UnaryAddOrSubtractExpression)*
  ExprPtr ParsePower();

  static bool IsPostfixStart(const Token& t) {
    return t.IsSymbol(".") || t.IsSymbol("[") || t.IsSymbol(":");
  }

  // oC_UnaryAddOrSubtractExpression: ('+' | '-')* oC_NonArithmeticOperatorExpression
  // A '-' directly before a number literal is folded into it, so that
  // -9223372036854775808 is representable.
  ExprPtr ParseUnary();

  // oC_NumberLiteral at the current token, optionally negated.
  ExprPtr NumberLiteral(bool negate, Position pos);

  // oC_NonArithmeticOperatorExpression:
  //   oC_Atom (oC_ListOperatorExpression | oC_PropertyLookup)* [oC_NodeLabels]
  ExprPtr ParsePostfix();

  // oC_MapProjection: oC_Variable '{' [item {',' item}] '}', desugared into a
  // map literal: `.key` is `key: v.key`, `key: e` stays, and a variable `w`
  // is `w: w`. (So a null `v` gives a map of nulls rather than null.)
  ExprPtr ParseMapProjection(ExprPtr subject);

  // oC_PropertyLookup: '.' oC_PropertyKeyName
  ExprPtr ParsePropertyLookup(ExprPtr target);

  // oC_ListOperatorExpression: '[' oC_Expression ']'
  //                          | '[' [oC_Expression] '..' [oC_Expression] ']'
  ExprPtr ParseListOperator(ExprPtr target);

  // oC_Atom
  ExprPtr ParseAtom();

  ExprPtr Variable();

  // Atoms that start with a name: literals, CASE, count(*), quantifiers,
  // reduce, EXISTS { }, function calls and variables.
  ExprPtr ParseIdentifierAtom();

  // oC_FunctionInvocation: oC_FunctionName '(' [DISTINCT] [args] ')'
  ExprPtr ParseFunctionInvocation();

  // oC_CaseExpression: CASE [oC_Expression] (WHEN e THEN e)+ [ELSE e] END
  ExprPtr ParseCase();

  // oC_FilterExpression body: oC_IdInColl [oC_Where], after '('.
  bool ParseIdInCollWhere(Expr* e);

  // ALL | ANY | NONE | SINGLE '(' oC_FilterExpression ')'
  ExprPtr ParseQuantifier();

  // reduce '(' acc '=' oC_Expression ',' oC_IdInColl '|' oC_Expression ')'
  ExprPtr ParseReduce();

  // oC_ExistentialSubquery: EXISTS '{' [MATCH] oC_PatternPart [oC_Where] '}'
  // The pattern goes to Expr::pattern and the condition to Expr::where; the
  // full form EXISTS { MATCH ... RETURN ... } goes to Expr::subquery.
  ExprPtr ParseExistsSubquery();

  // oC_ListLiteral: '[' [oC_Expression (',' oC_Expression)*] ']'
  // oC_ListComprehension: '[' oC_FilterExpression ['|' oC_Expression] ']'
  // oC_PatternComprehension: '[' [v '='] pattern [WHERE e] '|' e ']'
  ExprPtr ParseListLiteralOrComprehension();

  // oC_MapLiteral: '{' [key ':' oC_Expression (',' key ':' oC_Expression)*] '}'
  ExprPtr ParseMapLiteral();

  // oC_ParenthesizedExpression: '(' oC_Expression ')', or
  // oC_RelationshipsPattern used as a predicate, e.g. (a)-[:R]->(b). The
  // pattern is tried first when the matching ')' is followed by '-' or '<'.
  ExprPtr ParseParenthesizedOrPattern();

  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<size_t> match_;  // index of the ')' matching each '('
  size_t i_ = 0;
  size_t prev_end_ = 0;  // byte offset just past the last consumed token
  int depth_ = 0;
  uintptr_t stack_base_ = 0;  // StackAddress() when parsing started
  absl::Status error_;
  absl::flat_hash_map<const Expr*, int> heights_;
};

}  // namespace cornerstone::query::parser_internal

#endif  // CORNERSTONE_QUERIES_PARSE_PARSER_INTERNAL_H_
