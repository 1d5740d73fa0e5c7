// Copyright (c) Cornerstone authors. CSV and TSV formats.
#include <string>

#include "printers.h"

namespace cornerstone::shell {
namespace {

// A field's text: like a table cell, except that null is an empty field.
std::string FieldText(const Value& value) {
  return value.is_null() ? std::string() : CellText(value);
}

// RFC 4180: a field containing , " CR or LF is quoted, quotes doubled.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// Tab-separated values escape \ tab CR LF as \\ \t \r \n.
std::string TsvField(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

template <typename Escape>
void PrintDelimited(const RowSet& rows, char sep, Escape escape, std::ostream& out) {
  for (size_t i = 0; i < rows.columns.size(); ++i) {
    if (i > 0) out << sep;
    out << escape(rows.columns[i]);
  }
  out << "\n";
  for (const auto& row : rows.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out << sep;
      out << escape(FieldText(row[i]));
    }
    out << "\n";
  }
}

}  // namespace

void PrintCsv(const RowSet& rows, std::ostream& out) { PrintDelimited(rows, ',', CsvField, out); }

void PrintTsv(const RowSet& rows, std::ostream& out) { PrintDelimited(rows, '\t', TsvField, out); }

}  // namespace cornerstone::shell
