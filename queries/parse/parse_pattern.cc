// Copyright (c) Cornerstone authors.
// Patterns: nodes, relationships, paths. See parser_internal.h.
#include <cstdint>
#include <limits>
#include <string>

#include "queries/parse/parser_internal.h"

namespace cornerstone::query::parser_internal {

// oC_Pattern: oC_PatternPart (',' oC_PatternPart)*
bool Parser::ParsePattern(Pattern* pattern) {
  do {
    pattern->emplace_back();
    if (!ParsePatternPart(&pattern->back())) return false;
  } while (AcceptSymbol(","));
  return true;
}

// oC_PatternPart: [oC_Variable '='] oC_AnonymousPatternPart
bool Parser::ParsePatternPart(PatternPart* part) {
  part->pos = Peek().pos;
  if (IsVariableToken(Peek()) && AtSymbol("=", 1)) {
    part->path_variable = Take().text;
    Take();
  }
  // oC_ShortestPathPattern
  bool shortest = AtKeyword("shortestPath") && AtSymbol("(", 1);
  bool all_shortest = AtKeyword("allShortestPaths") && AtSymbol("(", 1);
  if (shortest || all_shortest) {
    part->pos = Peek().pos;  // errors about the shortest path point at its keyword
    part->shortest =
        shortest ? PatternPart::Shortest::kShortest : PatternPart::Shortest::kAllShortest;
    Take();
    Take();
    return ParsePatternElement(part) && ExpectSymbol(")");
  }
  return ParsePatternElement(part);
}

// oC_PatternElement: oC_NodePattern (oC_RelationshipPattern oC_NodePattern)*
bool Parser::ParsePatternElement(PatternPart* part) {
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
bool Parser::ParseOptionalProperties(ExprPtr* out) {
  if (AtSymbol("{")) {
    *out = ParseMapLiteral();
    return *out != nullptr;
  }
  if (Peek().kind == TokenKind::kParameter) *out = ParseAtom();
  return true;
}

// oC_NodePattern: '(' [oC_Variable] [oC_NodeLabels] [oC_Properties] ')'
bool Parser::ParseNodePattern(NodePattern* node) {
  node->pos = Peek().pos;
  if (!ExpectSymbol("(")) return false;
  if (IsVariableToken(Peek())) node->variable = Take().text;
  return ParseLabels(&node->labels) && ParseOptionalProperties(&node->properties) &&
         ExpectSymbol(")");
}

// oC_RelationshipPattern: ['<'] '-' ['[' oC_RelationshipDetail ']'] '-' ['>']
bool Parser::ParseRelationshipPattern(RelPattern* rel) {
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
bool Parser::ParseRelationshipDetail(RelPattern* rel) {
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

bool Parser::ParseHopCount(int64_t* out) {
  const Token& t = Take();
  if (t.int_value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return Fail(t.pos, "integer literal out of range");
  }
  *out = static_cast<int64_t>(t.int_value);
  return true;
}

}  // namespace cornerstone::query::parser_internal
