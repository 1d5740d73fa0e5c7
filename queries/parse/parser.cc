// Copyright (c) Cornerstone authors.
// Parse(), statements and clauses. See parser_internal.h.
#include "queries/parse/parser.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "queries/parse/error.h"
#include "queries/parse/lexer.h"
#include "queries/parse/parser_internal.h"

namespace cornerstone::query {

namespace parser_internal {

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

Parser::Parser(std::string_view text, std::vector<Token> tokens)
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

absl::StatusOr<Statement> Parser::Run() {
  stack_base_ = StackAddress();
  Statement statement;
  if (!ParseStatement(&statement)) return error_;
  return statement;
}

std::string Parser::Describe(const Token& t) const {
  if (t.kind == TokenKind::kEnd) return "end of input";
  std::string_view raw = text_.substr(t.pos.offset, t.end - t.pos.offset);
  if (raw.size() > 40) return absl::StrCat("'", std::string(raw.substr(0, 40)), "...'");
  return absl::StrCat("'", std::string(raw), "'");
}

bool Parser::Fail(Position pos, std::string_view message) {
  if (error_.ok()) {
    error_ = QueryError(ErrorKind::kSyntaxError, text_, pos, message);
  }
  return false;
}

bool Parser::FailExpected(std::string_view what) {
  const Token& t = Peek();
  if (t.kind == TokenKind::kEnd) {
    return Fail(t.pos, absl::StrCat("unexpected end of input: expected ", std::string(what)));
  }
  return Fail(t.pos, absl::StrCat("expected ", std::string(what), " but found ", Describe(t)));
}

// oC_Variable
bool Parser::ParseVariable(std::string* out) {
  if (!IsVariableToken(Peek())) return FailExpected("a variable name");
  *out = Take().text;
  return true;
}

// oC_SchemaName: labels, types, keys, aliases; keywords allowed.
bool Parser::ParseSchemaName(std::string* out, std::string_view what) {
  if (!IsName(Peek())) return FailExpected(what);
  *out = Take().text;
  return true;
}

// oC_NodeLabels: (':' oC_LabelName)+ ; the caller saw the first ':'.
bool Parser::ParseLabels(std::vector<std::string>* labels) {
  while (AcceptSymbol(":")) {
    labels->emplace_back();
    if (!ParseSchemaName(&labels->back(), "a label name")) return false;
  }
  return true;
}

// oC_Statement: [EXPLAIN | PROFILE] oC_RegularQuery [';']
bool Parser::ParseStatement(Statement* statement) {
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

bool Parser::AtEndOfQuery() const {
  return Peek().kind == TokenKind::kEnd || AtSymbol(";") || AtKeyword("UNION");
}

// oC_SingleQuery: oC_Clause+
bool Parser::ParseSingleQuery(SingleQuery* query) {
  do {
    if (!ParseClause(&query->clauses)) return false;
  } while (!AtEndOfQuery());
  return true;
}

// oC_Clause
bool Parser::ParseClause(std::vector<Clause>* clauses) {
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

// oC_Match: [OPTIONAL] MATCH oC_Pattern [AS OF oC_Expression] [oC_Where]
// (AS OF is a Cornerstone extension: temporal validity, see GRAMMAR.md.)
bool Parser::ParseMatch(Clause* c) {
  Take();
  c->kind = ClauseKind::kMatch;
  if (!ParsePattern(&c->pattern)) return false;
  if (AtKeyword("AS") && AtKeyword("OF", 1)) {
    Take();
    Take();
    c->as_of = ParseExpression();
    if (!c->as_of) return false;
  }
  if (AcceptKeyword("WHERE")) {
    c->where = ParseExpression();
    if (!c->where) return false;
  }
  return true;
}

// oC_Unwind: UNWIND oC_Expression AS oC_Variable
bool Parser::ParseUnwind(Clause* c) {
  Take();
  c->kind = ClauseKind::kUnwind;
  c->expr = ParseExpression();
  return c->expr && ExpectKeyword("AS") && ParseVariable(&c->alias);
}

// oC_With: WITH oC_ProjectionBody [oC_Where]
bool Parser::ParseWith(Clause* c) {
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
bool Parser::ParseReturn(Clause* c) {
  Take();
  c->kind = ClauseKind::kReturn;
  return ParseProjectionBody(&c->projection);
}

// oC_ProjectionBody: [DISTINCT] oC_ProjectionItems [oC_Order] [oC_Skip]
//                    [oC_Limit]
bool Parser::ParseProjectionBody(Projection* p) {
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
bool Parser::ParseProjectionItem(ProjectionItem* item) {
  size_t start = Peek().pos.offset;
  item->expr = ParseExpression();
  if (!item->expr) return false;
  item->text = std::string(text_.substr(start, prev_end_ - start));
  if (AcceptKeyword("AS")) return ParseSchemaName(&item->alias, "an alias");
  return true;
}

// oC_Create: CREATE oC_Pattern
bool Parser::ParseCreate(Clause* c) {
  Take();
  c->kind = ClauseKind::kCreate;
  return ParsePattern(&c->pattern);
}

// oC_Merge: MERGE oC_PatternPart (oC_MergeAction)*
bool Parser::ParseMerge(Clause* c) {
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
bool Parser::ParseSetItems(std::vector<SetItem>* items) {
  do {
    items->emplace_back();
    if (!ParseSetItem(&items->back())) return false;
  } while (AcceptSymbol(","));
  return true;
}

// oC_SetItem: oC_PropertyExpression '=' e | v '=' e | v '+=' e | v labels
bool Parser::ParseSetItem(SetItem* item) {
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
ExprPtr Parser::ParsePropertyExpression() {
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
bool Parser::ParseRemove(Clause* c) {
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
bool Parser::ParseDelete(Clause* c) {
  c->kind = ClauseKind::kDelete;
  c->detach = AcceptKeyword("DETACH");
  if (!ExpectKeyword("DELETE")) return false;
  return ParseExpressionList(&c->exprs);
}

bool Parser::ParseExpressionList(std::vector<ExprPtr>* out) {
  do {
    ExprPtr e = ParseExpression();
    if (!e) return false;
    out->push_back(std::move(e));
  } while (AcceptSymbol(","));
  return true;
}

// oC_InQueryCall / oC_StandaloneCall:
//   CALL oC_ProcedureName ['(' args ')'] [YIELD ('*' | oC_YieldItems)]
bool Parser::ParseCall(Clause* c) {
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
  } else {
    c->implicit_args = true;
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
bool Parser::ParseForeach(Clause* c) {
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
bool Parser::ParseCreateIndex(Clause* c) {
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
bool Parser::ParseLabelKey(Clause* c) {
  return ExpectSymbol(":") && ParseSchemaName(&c->label, "a label name") && ExpectSymbol("(") &&
         ParseSchemaName(&c->key, "a property key") && ExpectSymbol(")");
}

// oC_DropIndex: DROP INDEX (ON ':' label '(' key ')' | name)
bool Parser::ParseDropIndex(Clause* c) {
  Take();
  c->kind = ClauseKind::kDropIndex;
  if (!ExpectKeyword("INDEX")) return false;
  if (AcceptKeyword("ON")) return ParseLabelKey(c);
  return ParseSchemaName(&c->alias, "ON or an index name");
}

}  // namespace parser_internal

absl::StatusOr<Statement> Parse(std::string_view text) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  return parser_internal::Parser(text, *std::move(tokens)).Run();
}

}  // namespace cornerstone::query
