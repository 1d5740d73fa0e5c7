// Copyright (c) Cornerstone authors.
#include "printers.h"

#include "absl/strings/str_cat.h"

namespace cornerstone::shell {

std::string CellText(const Value& value) {
  switch (value.type()) {
    case ValueType::kNull:
      return "null";
    case ValueType::kString:
      return value.string_value();
    default:
      return value.ToString();
  }
}

std::string RowCountText(size_t n) { return absl::StrCat(n, n == 1 ? " row" : " rows"); }

void PrintRows(const RowSet& rows, OutputFormat format, std::ostream& out) {
  if (rows.columns.empty()) return;
  switch (format) {
    case OutputFormat::kTable:
      PrintBox(rows, out);
      break;
    case OutputFormat::kCsv:
      PrintCsv(rows, out);
      break;
    case OutputFormat::kTsv:
      PrintTsv(rows, out);
      break;
    case OutputFormat::kJson:
      PrintJson(rows, out);
      break;
    case OutputFormat::kJsonLines:
      PrintJsonLines(rows, out);
      break;
    case OutputFormat::kMarkdown:
      PrintMarkdown(rows, out);
      break;
    case OutputFormat::kLine:
      PrintLines(rows, out);
      break;
  }
}

}  // namespace cornerstone::shell
