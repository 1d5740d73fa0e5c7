// Copyright (c) Cornerstone authors. Printing query results in the shell's
// output formats. Pure functions of their inputs: no engine access.
#ifndef CORNERSTONE_TOOLS_SHELL_PRINTERS_H_
#define CORNERSTONE_TOOLS_SHELL_PRINTERS_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "cornerstone/cornerstone.h"
#include "output_format.h"

namespace cornerstone::shell {

// The rows of one statement, read in full so printers can measure columns.
struct RowSet {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;  // each has columns.size() values
  int64_t left_out = 0;                  // rows after these, not printed
};

struct PrintOptions {
  // Tables wider than this many columns have their widest columns cut,
  // cells ending in an ellipsis; 0 never cuts.
  int max_width = 0;
};

// Prints `rows` to `out` in `format`. A RowSet without columns prints
// nothing. Table and line formats end with "N rows" ("1 row"), saying how
// many were left out.
void PrintRows(const RowSet& rows, OutputFormat format, const PrintOptions& options,
               std::ostream& out);

// The text of a value in a cell: strings raw (no quotes), null as "null",
// relationships as -[:TYPE {..}]->, everything else Value::ToString().
std::string CellText(const Value& value);

// A path as one line: its first node, then each hop as its relationship
// type, the next node, the facts a reader wants first (money as
// ", $500,000,000", a stake as ", 90%") and the relationship's `source` in
// parentheses. Hops are joined by " -> "; a hop walked against its
// relationship's direction reads "<- TYPE next" (next TYPE-ed the node
// before). Nodes are named by their `name` (else their first alias, else
// "#id"). E.g. "SoftBank Group MANAGES Vision Fund 2 (Business Insider) ->
// INVESTED_IN OpenAI, $500,000,000 (Business Insider)"; the same text as
// kg.explain's `text` column.
std::string PathSentence(const Path& path);

// `value` with every path in it, also inside lists and maps, replaced by
// its PathSentence (the shell's ":paths sources" mode).
Value WithPathSentences(const Value& value);

// JSON text of `value` (no whitespace): ints and floats as numbers (floats
// in shortest round-trip form with a '.' or exponent; NaN and infinities as
// the strings "NaN", "Infinity", "-Infinity"), nodes as
// {"_id":..,"_labels":[..],..props}, relationships as
// {"_id":..,"_type":..,"_start":..,"_end":..,..props}, paths as an array
// alternating nodes and relationships.
void AppendJson(const Value& value, std::string* out);
// `text` as a JSON string literal, quotes included; invalid UTF-8 bytes
// become U+FFFD.
void AppendJsonString(std::string_view text, std::string* out);

// Implementations, one per format family (box_printer.cc,
// delimited_printer.cc, json_printer.cc).
void PrintBox(const RowSet& rows, int max_width, std::ostream& out);
void PrintMarkdown(const RowSet& rows, std::ostream& out);
void PrintLines(const RowSet& rows, std::ostream& out);
void PrintCsv(const RowSet& rows, std::ostream& out);
void PrintTsv(const RowSet& rows, std::ostream& out);
void PrintJson(const RowSet& rows, std::ostream& out);
void PrintJsonLines(const RowSet& rows, std::ostream& out);

// "1 row", "3 rows"; with rows left out, "12 rows (10 shown, 2 left out
// by :maxrows)".
std::string RowCountText(const RowSet& rows);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_PRINTERS_H_
