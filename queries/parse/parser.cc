// Copyright (c) Cornerstone authors.
// Recursive descent over the token vector. Each method is named after the
// openCypher rule it implements (see GRAMMAR.md). Methods report failure by
// returning false or nullptr after recording the first error in `error_`;
// nothing throws.
#include "queries/parse/parser.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "queries/parse/error.h"
#include "queries/parse/lexer.h"

namespace cornerstone::query {

namespace {

constexpr size_t kNoMatch = static_cast<size_t>(-1);

// Words that cannot be used as unescaped variable names because they start
// or continue clauses and expressions. Labels, types, property keys and
// function names may still use them.
bool IsReserved(std::string_view word) {
  static constexpr std::string_view kReserved[] = {
      "MATCH",  "OPTIONAL", "WHERE",    "WITH",   "RETURN",   "UNWIND",  "CREATE", "MERGE",
      "SET",    "REMOVE",   "DELETE",   "DETACH", "CALL",     "YIELD",   "UNION",  "ORDER",
      "SKIP",   "LIMIT",    "AS",       "AND",    "OR",       "XOR",     "NOT",    "IN",
      "STARTS", "ENDS",     "CONTAINS", "IS",     "NULL",     "TRUE",    "FALSE",  "CASE",
      "WHEN",   "THEN",     "ELSE",     "END",    "DISTINCT", "FOREACH", "ON",     "DROP",
  };
  for (std::string_view r : kReserved) {
    if (EqualsIgnoreCase(word, r)) return true;
  }
  return false;
}

ExprPtr CloneExpr(const Expr& e);

ExprPtr CloneOrNull(const ExprPtr& e) { return e ? CloneExpr(*e) : nullptr; }

// Deep copy; pattern parts are shared (they are never mutated after parse).
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
  return c;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)), match_(tokens_.size(), kNoMatch) {
    std::vector<size_t> open;
    for (size_t k = 0; k < tokens_.size(); ++k) {
      if (tokens_[k].IsSymbol("(")) {
        open.push_back(k);
      } else if (tokens_[k].IsSymbol(")") && !open.empty()) {
        match_[open.back()] = k;
        open.pop_back();
      }
    }
  }

  absl::StatusOr<Statement> Run() {
    stack_base_ = StackAddress();
    Statement statement;
    if (!ParseStatement(&statement)) return error_;
    return statement;
  }

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

  std::string Describe(const Token& t) const {
    if (t.kind == TokenKind::kEnd) return "end of input";
    std::string_view raw = text_.substr(t.pos.offset, t.end - t.pos.offset);
    if (raw.size() > 40) return absl::StrCat("'", std::string(raw.substr(0, 40)), "...'");
    return absl::StrCat("'", std::string(raw), "'");
  }
  bool Fail(Position pos, std::string_view message) {
    if (error_.ok()) {
      error_ = QueryError(ErrorKind::kSyntaxError, text_, pos, message);
    }
    return false;
  }
  bool FailExpected(std::string_view what) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kEnd) {
      return Fail(t.pos, absl::StrCat("unexpected end of input: expected ", std::string(what)));
    }
    return Fail(t.pos, absl::StrCat("expected ", std::string(what), " but found ", Describe(t)));
  }

  // ---- Names ----

  // oC_Variable
  bool ParseVariable(std::string* out) {
    if (!IsVariableToken(Peek())) return FailExpected("a variable name");
    *out = Take().text;
    return true;
  }
  // oC_SchemaName: labels, types, keys, aliases; keywords allowed.
  bool ParseSchemaName(std::string* out, std::string_view what) {
    if (!IsName(Peek())) return FailExpected(what);
    *out = Take().text;
    return true;
  }
  // oC_NodeLabels: (':' oC_LabelName)+ ; the caller saw the first ':'.
  bool ParseLabels(std::vector<std::string>* labels) {
    while (AcceptSymbol(":")) {
      labels->emplace_back();
      if (!ParseSchemaName(&labels->back(), "a label name")) return false;
    }
    return true;
  }

  // ---- Expression nodes ----

  static ExprPtr NewExpr(ExprKind kind, Position pos) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->pos = pos;
    return e;
  }
  int HeightOf(const ExprPtr& e) const {
    if (!e) return 0;
    auto it = heights_.find(e.get());
    return it == heights_.end() ? 1 : it->second;
  }
  // Records the height of a composite node; a tree taller than
  // kMaxParseDepth is an error, so later recursive passes stay bounded.
  ExprPtr Finish(ExprPtr e) {
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
  ExprPtr Binary(BinaryOp op, ExprPtr lhs, ExprPtr rhs) {
    auto e = NewExpr(ExprKind::kBinary, lhs->pos);
    e->binary_op = op;
    e->children.push_back(std::move(lhs));
    e->children.push_back(std::move(rhs));
    return Finish(std::move(e));
  }
  ExprPtr Unary(UnaryOp op, Position pos, ExprPtr operand) {
    auto e = NewExpr(ExprKind::kUnary, pos);
    e->unary_op = op;
    e->children.push_back(std::move(operand));
    return Finish(std::move(e));
  }

  // ---- Statements ----

  // oC_Statement: [EXPLAIN | PROFILE] oC_RegularQuery [';']
  bool ParseStatement(Statement* statement) {
    if (AcceptKeyword("EXPLAIN")) {
      statement->mode = Statement::Mode::kExplain;
    } else if (AcceptKeyword("PROFILE")) {
      statement->mode = Statement::Mode::kProfile;
    }
    // oC_RegularQuery: oC_SingleQuery (oC_Union)*
    statement->queries.emplace_back();
    if (!ParseSingleQuery(&statement->queries.back())) return false;
    while (AcceptKeyword("UNION")) {
      statement->union_all.push_back(AcceptKeyword("ALL"));
      statement->queries.emplace_back();
      if (!ParseSingleQuery(&statement->queries.back())) return false;
    }
    AcceptSymbol(";");
    if (Peek().kind != TokenKind::kEnd) return FailExpected("end of input");
    return true;
  }

  bool AtEndOfQuery() const {
    return Peek().kind == TokenKind::kEnd || AtSymbol(";") || AtKeyword("UNION");
  }

  // oC_SingleQuery: oC_Clause+
  bool ParseSingleQuery(SingleQuery* query) {
    do {
      if (!ParseClause(&query->clauses)) return false;
    } while (!AtEndOfQuery());
    return true;
  }

  // oC_Clause
  bool ParseClause(std::vector<Clause>* clauses) {
    Clause c;
    const Token& t = Peek();
    c.pos = t.pos;
    bool ok = false;
    if (t.IsKeyword("MATCH")) {
      ok = ParseMatch(&c);
    } else if (t.IsKeyword("OPTIONAL")) {
      Take();
      c.optional = true;
      ok = AtKeyword("MATCH") ? ParseMatch(&c) : FailExpected("MATCH");
    } else if (t.IsKeyword("UNWIND")) {
      ok = ParseUnwind(&c);
    } else if (t.IsKeyword("WITH")) {
      ok = ParseWith(&c);
    } else if (t.IsKeyword("RETURN")) {
      ok = ParseReturn(&c);
    } else if (t.IsKeyword("CREATE")) {
      ok = AtKeyword("INDEX", 1) && !AtSymbol("=", 2) ? ParseCreateIndex(&c) : ParseCreate(&c);
    } else if (t.IsKeyword("MERGE")) {
      ok = ParseMerge(&c);
    } else if (t.IsKeyword("SET")) {
      Take();
      c.kind = ClauseKind::kSet;
      ok = ParseSetItems(&c.set_items);
    } else if (t.IsKeyword("REMOVE")) {
      ok = ParseRemove(&c);
    } else if (t.IsKeyword("DELETE") || t.IsKeyword("DETACH")) {
      ok = ParseDelete(&c);
    } else if (t.IsKeyword("CALL")) {
      ok = ParseCall(&c);
    } else if (t.IsKeyword("DROP")) {
      ok = ParseDropIndex(&c);
    } else if (t.IsKeyword("FOREACH")) {
      ok = ParseForeach(&c);
    } else {
      constexpr std::string_view kExpected = "expected a clause (MATCH, RETURN, ...)";
      if (t.kind == TokenKind::kEnd) {
        return Fail(t.pos, absl::StrCat("unexpected end of input: ", std::string(kExpected)));
      }
      return Fail(t.pos, absl::StrCat("invalid input ", Describe(t), ": ", std::string(kExpected)));
    }
    if (!ok) return false;
    clauses->push_back(std::move(c));
    return true;
  }

  // oC_Match: [OPTIONAL] MATCH oC_Pattern [oC_Where]
  bool ParseMatch(Clause* c) {
    Take();
    c->kind = ClauseKind::kMatch;
    if (!ParsePattern(&c->pattern)) return false;
    if (AcceptKeyword("WHERE")) {
      c->where = ParseExpression();
      if (!c->where) return false;
    }
    return true;
  }

  // oC_Unwind: UNWIND oC_Expression AS oC_Variable
  bool ParseUnwind(Clause* c) {
    Take();
    c->kind = ClauseKind::kUnwind;
    c->expr = ParseExpression();
    return c->expr && ExpectKeyword("AS") && ParseVariable(&c->alias);
  }

  // oC_With: WITH oC_ProjectionBody [oC_Where]
  bool ParseWith(Clause* c) {
    Take();
    c->kind = ClauseKind::kWith;
    if (!ParseProjectionBody(&c->projection)) return false;
    if (AcceptKeyword("WHERE")) {
      c->projection.where = ParseExpression();
      if (!c->projection.where) return false;
    }
    return true;
  }

  // oC_Return: RETURN oC_ProjectionBody
  bool ParseReturn(Clause* c) {
    Take();
    c->kind = ClauseKind::kReturn;
    return ParseProjectionBody(&c->projection);
  }

  // oC_ProjectionBody: [DISTINCT] oC_ProjectionItems [oC_Order] [oC_Skip]
  //                    [oC_Limit]
  bool ParseProjectionBody(Projection* p) {
    p->distinct = AcceptKeyword("DISTINCT");
    // oC_ProjectionItems: '*' (',' item)* | item (',' item)*
    bool more_items = true;
    if (AcceptSymbol("*")) {
      p->star = true;
      more_items = AcceptSymbol(",");
    }
    if (more_items) {
      do {
        p->items.emplace_back();
        if (!ParseProjectionItem(&p->items.back())) return false;
      } while (AcceptSymbol(","));
    }
    // oC_Order: ORDER BY oC_SortItem (',' oC_SortItem)*
    if (AcceptKeyword("ORDER")) {
      if (!ExpectKeyword("BY")) return false;
      do {
        SortItem item;
        item.expr = ParseExpression();
        if (!item.expr) return false;
        if (AcceptKeyword("DESC") || AcceptKeyword("DESCENDING")) {
          item.descending = true;
        } else if (!AcceptKeyword("ASC")) {
          AcceptKeyword("ASCENDING");
        }
        p->order_by.push_back(std::move(item));
      } while (AcceptSymbol(","));
    }
    // oC_Skip, oC_Limit
    if (AcceptKeyword("SKIP")) {
      p->skip = ParseExpression();
      if (!p->skip) return false;
    }
    if (AcceptKeyword("LIMIT")) {
      p->limit = ParseExpression();
      if (!p->limit) return false;
    }
    return true;
  }

  // oC_ProjectionItem: oC_Expression [AS oC_Variable]
  bool ParseProjectionItem(ProjectionItem* item) {
    size_t start = Peek().pos.offset;
    item->expr = ParseExpression();
    if (!item->expr) return false;
    item->text = std::string(text_.substr(start, prev_end_ - start));
    if (AcceptKeyword("AS")) return ParseSchemaName(&item->alias, "an alias");
    return true;
  }

  // oC_Create: CREATE oC_Pattern
  bool ParseCreate(Clause* c) {
    Take();
    c->kind = ClauseKind::kCreate;
    return ParsePattern(&c->pattern);
  }

  // oC_Merge: MERGE oC_PatternPart (oC_MergeAction)*
  bool ParseMerge(Clause* c) {
    Take();
    c->kind = ClauseKind::kMerge;
    c->pattern.emplace_back();
    if (!ParsePatternPart(&c->pattern.back())) return false;
    // oC_MergeAction: ON (CREATE | MATCH) oC_Set
    while (AcceptKeyword("ON")) {
      std::vector<SetItem>* items = nullptr;
      if (AcceptKeyword("CREATE")) {
        items = &c->on_create;
      } else if (AcceptKeyword("MATCH")) {
        items = &c->on_match;
      } else {
        return FailExpected("CREATE or MATCH");
      }
      if (!ExpectKeyword("SET") || !ParseSetItems(items)) return false;
    }
    return true;
  }

  // oC_Set: SET oC_SetItem (',' oC_SetItem)*  (after SET)
  bool ParseSetItems(std::vector<SetItem>* items) {
    do {
      items->emplace_back();
      if (!ParseSetItem(&items->back())) return false;
    } while (AcceptSymbol(","));
    return true;
  }

  // oC_SetItem: oC_PropertyExpression '=' e | v '=' e | v '+=' e | v labels
  bool ParseSetItem(SetItem* item) {
    if (IsVariableToken(Peek()) && (AtSymbol("=", 1) || AtSymbol("+=", 1) || AtSymbol(":", 1))) {
      item->variable = Take().text;
      if (AtSymbol(":")) {
        item->kind = SetItem::Kind::kLabels;
        return ParseLabels(&item->labels);
      }
      item->kind = Take().text == "=" ? SetItem::Kind::kReplaceAll : SetItem::Kind::kMergeAll;
      item->value = ParseExpression();
      return item->value != nullptr;
    }
    item->kind = SetItem::Kind::kProperty;
    item->target = ParsePropertyExpression();
    if (!item->target || !ExpectSymbol("=")) return false;
    item->value = ParseExpression();
    return item->value != nullptr;
  }

  // oC_PropertyExpression: oC_Atom ('.' oC_PropertyKeyName)+
  ExprPtr ParsePropertyExpression() {
    Position pos = Peek().pos;
    ExprPtr e = ParseAtom();
    while (e && AtSymbol(".")) e = ParsePropertyLookup(std::move(e));
    if (!e) return nullptr;
    if (e->kind != ExprKind::kProperty) {
      Fail(pos, "expected a property (e.g. n.name)");
      return nullptr;
    }
    return e;
  }

  // oC_Remove: REMOVE oC_RemoveItem (',' oC_RemoveItem)*
  bool ParseRemove(Clause* c) {
    Take();
    c->kind = ClauseKind::kRemove;
    do {
      RemoveItem item;
      // oC_RemoveItem: oC_Variable oC_NodeLabels | oC_PropertyExpression
      if (IsVariableToken(Peek()) && AtSymbol(":", 1)) {
        item.kind = RemoveItem::Kind::kLabels;
        item.variable = Take().text;
        if (!ParseLabels(&item.labels)) return false;
      } else {
        item.kind = RemoveItem::Kind::kProperty;
        item.target = ParsePropertyExpression();
        if (!item.target) return false;
      }
      c->remove_items.push_back(std::move(item));
    } while (AcceptSymbol(","));
    return true;
  }

  // oC_Delete: [DETACH] DELETE oC_Expression (',' oC_Expression)*
  bool ParseDelete(Clause* c) {
    c->kind = ClauseKind::kDelete;
    c->detach = AcceptKeyword("DETACH");
    if (!ExpectKeyword("DELETE")) return false;
    return ParseExpressionList(&c->exprs);
  }

  bool ParseExpressionList(std::vector<ExprPtr>* out) {
    do {
      ExprPtr e = ParseExpression();
      if (!e) return false;
      out->push_back(std::move(e));
    } while (AcceptSymbol(","));
    return true;
  }

  // oC_InQueryCall / oC_StandaloneCall:
  //   CALL oC_ProcedureName ['(' args ')'] [YIELD ('*' | oC_YieldItems)]
  bool ParseCall(Clause* c) {
    Take();
    c->kind = ClauseKind::kCall;
    // oC_ProcedureName: oC_Namespace oC_SymbolicName
    if (!ParseSchemaName(&c->procedure, "a procedure name")) return false;
    while (AcceptSymbol(".")) {
      std::string part;
      if (!ParseSchemaName(&part, "a procedure name")) return false;
      absl::StrAppend(&c->procedure, ".", part);
    }
    if (AcceptSymbol("(")) {
      if (!AtSymbol(")") && !ParseExpressionList(&c->exprs)) return false;
      if (!ExpectSymbol(")")) return false;
    }
    if (!AcceptKeyword("YIELD")) return true;
    c->has_yield = true;
    if (AcceptSymbol("*")) {
      c->yield_star = true;
      return true;
    }
    // oC_YieldItems: oC_YieldItem (',' oC_YieldItem)* [oC_Where]
    do {
      YieldItem item;
      if (!ParseSchemaName(&item.field, "a procedure result field")) return false;
      if (AcceptKeyword("AS") && !ParseVariable(&item.alias)) return false;
      c->yield_items.push_back(std::move(item));
    } while (AcceptSymbol(","));
    if (AcceptKeyword("WHERE")) {
      c->where = ParseExpression();
      if (!c->where) return false;
    }
    return true;
  }

  // oC_Foreach: FOREACH '(' oC_Variable IN oC_Expression '|' oC_Clause+ ')'
  bool ParseForeach(Clause* c) {
    DepthGuard guard(this);
    if (!guard.Ok()) return false;
    Take();
    c->kind = ClauseKind::kForeach;
    if (!ExpectSymbol("(") || !ParseVariable(&c->alias) || !ExpectKeyword("IN")) {
      return false;
    }
    c->expr = ParseExpression();
    if (!c->expr || !ExpectSymbol("|")) return false;
    do {
      if (!ParseClause(&c->body)) return false;
    } while (!AtSymbol(")"));
    return ExpectSymbol(")");
  }

  // oC_CreateIndex (Neo4j forms; the optional name goes to Clause::alias):
  //   CREATE INDEX ON ':' oC_LabelName '(' oC_PropertyKeyName ')'
  //   CREATE INDEX [name] FOR '(' v ':' oC_LabelName ')' ON '(' v '.' key ')'
  bool ParseCreateIndex(Clause* c) {
    Take();
    Take();
    c->kind = ClauseKind::kCreateIndex;
    if (AcceptKeyword("ON")) return ParseLabelKey(c);
    if (!AtKeyword("FOR") && !ParseSchemaName(&c->alias, "an index name")) {
      return false;
    }
    std::string var;
    if (!ExpectKeyword("FOR") || !ExpectSymbol("(") || !ParseVariable(&var) || !ExpectSymbol(":") ||
        !ParseSchemaName(&c->label, "a label name") || !ExpectSymbol(")") || !ExpectKeyword("ON") ||
        !ExpectSymbol("(")) {
      return false;
    }
    if (!IsName(Peek()) || Peek().text != var) {
      return FailExpected(absl::StrCat("'", var, "'"));
    }
    Take();
    return ExpectSymbol(".") && ParseSchemaName(&c->key, "a property key") && ExpectSymbol(")");
  }

  // ':' oC_LabelName '(' oC_PropertyKeyName ')'
  bool ParseLabelKey(Clause* c) {
    return ExpectSymbol(":") && ParseSchemaName(&c->label, "a label name") && ExpectSymbol("(") &&
           ParseSchemaName(&c->key, "a property key") && ExpectSymbol(")");
  }

  // oC_DropIndex: DROP INDEX (ON ':' label '(' key ')' | name)
  bool ParseDropIndex(Clause* c) {
    Take();
    c->kind = ClauseKind::kDropIndex;
    if (!ExpectKeyword("INDEX")) return false;
    if (AcceptKeyword("ON")) return ParseLabelKey(c);
    return ParseSchemaName(&c->alias, "ON or an index name");
  }

  // ---- Patterns ----

  // oC_Pattern: oC_PatternPart (',' oC_PatternPart)*
  bool ParsePattern(Pattern* pattern) {
    do {
      pattern->emplace_back();
      if (!ParsePatternPart(&pattern->back())) return false;
    } while (AcceptSymbol(","));
    return true;
  }

  // oC_PatternPart: [oC_Variable '='] oC_AnonymousPatternPart
  bool ParsePatternPart(PatternPart* part) {
    part->pos = Peek().pos;
    if (IsVariableToken(Peek()) && AtSymbol("=", 1)) {
      part->path_variable = Take().text;
      Take();
    }
    // oC_ShortestPathPattern
    bool shortest = AtKeyword("shortestPath") && AtSymbol("(", 1);
    bool all_shortest = AtKeyword("allShortestPaths") && AtSymbol("(", 1);
    if (shortest || all_shortest) {
      part->shortest =
          shortest ? PatternPart::Shortest::kShortest : PatternPart::Shortest::kAllShortest;
      Take();
      Take();
      return ParsePatternElement(part) && ExpectSymbol(")");
    }
    return ParsePatternElement(part);
  }

  bool AtRelationshipStart() const { return AtSymbol("-") || (AtSymbol("<") && AtSymbol("-", 1)); }

  // oC_PatternElement: oC_NodePattern (oC_RelationshipPattern oC_NodePattern)*
  bool ParsePatternElement(PatternPart* part) {
    DepthGuard guard(this);
    if (!guard.Ok()) return false;
    part->nodes.emplace_back();
    if (!ParseNodePattern(&part->nodes.back())) return false;
    while (AtRelationshipStart()) {
      part->rels.emplace_back();
      if (!ParseRelationshipPattern(&part->rels.back())) return false;
      part->nodes.emplace_back();
      if (!ParseNodePattern(&part->nodes.back())) return false;
    }
    return true;
  }

  // oC_Properties: oC_MapLiteral | oC_Parameter (or nothing)
  bool ParseOptionalProperties(ExprPtr* out) {
    if (AtSymbol("{")) {
      *out = ParseMapLiteral();
      return *out != nullptr;
    }
    if (Peek().kind == TokenKind::kParameter) *out = ParseAtom();
    return true;
  }

  // oC_NodePattern: '(' [oC_Variable] [oC_NodeLabels] [oC_Properties] ')'
  bool ParseNodePattern(NodePattern* node) {
    node->pos = Peek().pos;
    if (!ExpectSymbol("(")) return false;
    if (IsVariableToken(Peek())) node->variable = Take().text;
    return ParseLabels(&node->labels) && ParseOptionalProperties(&node->properties) &&
           ExpectSymbol(")");
  }

  // oC_RelationshipPattern: ['<'] '-' ['[' oC_RelationshipDetail ']'] '-' ['>']
  bool ParseRelationshipPattern(RelPattern* rel) {
    rel->pos = Peek().pos;
    bool left = AcceptSymbol("<");
    if (!ExpectSymbol("-")) return false;
    if (AcceptSymbol("[")) {
      if (!ParseRelationshipDetail(rel) || !ExpectSymbol("]")) return false;
    }
    if (!ExpectSymbol("-")) return false;
    bool right = AcceptSymbol(">");
    rel->direction = left == right ? Direction::kBoth : left ? Direction::kLeft : Direction::kRight;
    return true;
  }

  // oC_RelationshipDetail: [oC_Variable] [oC_RelationshipTypes]
  //                        [oC_RangeLiteral] [oC_Properties]
  bool ParseRelationshipDetail(RelPattern* rel) {
    if (IsVariableToken(Peek())) rel->variable = Take().text;
    // oC_RelationshipTypes: ':' name ('|' [':'] name)*
    if (AcceptSymbol(":")) {
      do {
        AcceptSymbol(":");
        rel->types.emplace_back();
        if (!ParseSchemaName(&rel->types.back(), "a relationship type")) {
          return false;
        }
      } while (AcceptSymbol("|"));
    }
    // oC_RangeLiteral: '*' [int] ['..' [int]]
    if (AcceptSymbol("*")) {
      rel->var_length = true;
      int64_t value = 0;
      if (Peek().kind == TokenKind::kInteger) {
        if (!ParseHopCount(&value)) return false;
        rel->min_hops = value;
        rel->max_hops = value;
      }
      if (AcceptSymbol("..")) {
        rel->max_hops.reset();
        if (Peek().kind == TokenKind::kInteger) {
          if (!ParseHopCount(&value)) return false;
          rel->max_hops = value;
        }
      }
    }
    return ParseOptionalProperties(&rel->properties);
  }

  bool ParseHopCount(int64_t* out) {
    const Token& t = Take();
    if (t.int_value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return Fail(t.pos, "integer literal out of range");
    }
    *out = static_cast<int64_t>(t.int_value);
    return true;
  }

  // ---- Expressions, loosest first ----

  // oC_Expression: oC_OrExpression
  ExprPtr ParseExpression() {
    DepthGuard guard(this);
    if (!guard.Ok()) return nullptr;
    return ParseOr();
  }

  // oC_OrExpression: oC_XorExpression (OR oC_XorExpression)*
  ExprPtr ParseOr() {
    ExprPtr lhs = ParseXor();
    while (lhs && AcceptKeyword("OR")) {
      ExprPtr rhs = ParseXor();
      if (!rhs) return nullptr;
      lhs = Binary(BinaryOp::kOr, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  // oC_XorExpression: oC_AndExpression (XOR oC_AndExpression)*
  ExprPtr ParseXor() {
    ExprPtr lhs = ParseAnd();
    while (lhs && AcceptKeyword("XOR")) {
      ExprPtr rhs = ParseAnd();
      if (!rhs) return nullptr;
      lhs = Binary(BinaryOp::kXor, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  // oC_AndExpression: oC_NotExpression (AND oC_NotExpression)*
  ExprPtr ParseAnd() {
    ExprPtr lhs = ParseNot();
    while (lhs && AcceptKeyword("AND")) {
      ExprPtr rhs = ParseNot();
      if (!rhs) return nullptr;
      lhs = Binary(BinaryOp::kAnd, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  // oC_NotExpression: (NOT)* oC_ComparisonExpression
  ExprPtr ParseNot() {
    std::vector<Position> nots;
    while (AtKeyword("NOT")) nots.push_back(Take().pos);
    ExprPtr e = ParseComparison();
    for (auto it = nots.rbegin(); e && it != nots.rend(); ++it) {
      e = Unary(UnaryOp::kNot, *it, std::move(e));
    }
    return e;
  }

  bool AtComparisonOperator(BinaryOp* op) const {
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
  ExprPtr ParseComparison() {
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
  ExprPtr ParseStringListNull() {
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
  ExprPtr ParseAddSub() {
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
  ExprPtr ParseMulDiv() {
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
  ExprPtr ParsePower() {
    ExprPtr lhs = ParseUnary();
    while (lhs && AcceptSymbol("^")) {
      ExprPtr rhs = ParseUnary();
      if (!rhs) return nullptr;
      lhs = Binary(BinaryOp::kPow, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  static bool IsPostfixStart(const Token& t) {
    return t.IsSymbol(".") || t.IsSymbol("[") || t.IsSymbol(":");
  }

  // oC_UnaryAddOrSubtractExpression: ('+' | '-')* oC_NonArithmeticOperatorExpression
  // A '-' directly before a number literal is folded into it, so that
  // -9223372036854775808 is representable.
  ExprPtr ParseUnary() {
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
  ExprPtr NumberLiteral(bool negate, Position pos) {
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
  ExprPtr ParsePostfix() {
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
  ExprPtr ParseMapProjection(ExprPtr subject) {
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
  ExprPtr ParsePropertyLookup(ExprPtr target) {
    Take();
    auto e = NewExpr(ExprKind::kProperty, target->pos);
    if (!ParseSchemaName(&e->name, "a property key")) return nullptr;
    e->children.push_back(std::move(target));
    return Finish(std::move(e));
  }

  // oC_ListOperatorExpression: '[' oC_Expression ']'
  //                          | '[' [oC_Expression] '..' [oC_Expression] ']'
  ExprPtr ParseListOperator(ExprPtr target) {
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
  ExprPtr ParseAtom() {
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

  ExprPtr Variable() {
    auto e = NewExpr(ExprKind::kVariable, Peek().pos);
    e->name = Take().text;
    return e;
  }

  // Atoms that start with a name: literals, CASE, count(*), quantifiers,
  // reduce, EXISTS { }, function calls and variables.
  ExprPtr ParseIdentifierAtom() {
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
    if (iteration && (t.IsKeyword("ALL") || t.IsKeyword("ANY") || t.IsKeyword("NONE") ||
                      t.IsKeyword("SINGLE"))) {
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
  ExprPtr ParseFunctionInvocation() {
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
  ExprPtr ParseCase() {
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
  bool ParseIdInCollWhere(Expr* e) {
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
  ExprPtr ParseQuantifier() {
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
  ExprPtr ParseReduce() {
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

  // oC_ExistentialSubquery: EXISTS '{' [MATCH] oC_PatternPart [oC_Where] '}'
  // The pattern goes to Expr::pattern and the condition to Expr::where.
  ExprPtr ParseExistsSubquery() {
    auto e = NewExpr(ExprKind::kExists, Take().pos);
    Take();  // '{'
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
  ExprPtr ParseListLiteralOrComprehension() {
    Position pos = Take().pos;
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
  ExprPtr ParseMapLiteral() {
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
  // pattern is tried first when the matching ')' is followed by '-' or '<'.
  ExprPtr ParseParenthesizedOrPattern() {
    size_t close = match_[i_];
    if (close != kNoMatch && close + 1 < tokens_.size() &&
        (tokens_[close + 1].IsSymbol("-") || tokens_[close + 1].IsSymbol("<"))) {
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

}  // namespace

absl::StatusOr<Statement> Parse(std::string_view text) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  return Parser(text, *std::move(tokens)).Run();
}

}  // namespace cornerstone::query
