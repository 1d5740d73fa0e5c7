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
    case ValueType::kRelationship:
      return absl::StrCat("-", value.ToString(), "->");
    default:
      return value.ToString();
  }
}

std::string RowCountText(const RowSet& rows) {
  size_t shown = rows.rows.size();
  size_t n = shown + static_cast<size_t>(rows.left_out);
  std::string text = absl::StrCat(n, n == 1 ? " row" : " rows");
  if (rows.left_out > 0) {
    absl::StrAppend(&text, " (", shown, " shown, ", rows.left_out, " left out by :maxrows)");
  }
  return text;
}

void PrintRows(const RowSet& rows, OutputFormat format, const PrintOptions& options,
               std::ostream& out) {
  if (rows.columns.empty()) return;
  switch (format) {
    case OutputFormat::kTable:
      PrintBox(rows, options.max_width, out);
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
