// Copyright (c) Cornerstone authors. Table, markdown and line formats: the
// formats that align text by display width.
#include <algorithm>
#include <string>
#include <vector>

#include "printers.h"
#include "text_width.h"

namespace cornerstone::shell {
namespace {

bool IsNumber(const Value& v) {
  return v.type() == ValueType::kInt || v.type() == ValueType::kFloat;
}

// Cells as one-line display text, and each column's display width.
struct Layout {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> cells;
  std::vector<int> widths;
};

Layout Measure(const RowSet& rows) {
  Layout layout;
  for (const std::string& c : rows.columns) {
    layout.header.push_back(SanitizeForCell(c));
    layout.widths.push_back(DisplayWidth(layout.header.back()));
  }
  for (const auto& row : rows.rows) {
    std::vector<std::string>& line = layout.cells.emplace_back();
    for (size_t i = 0; i < rows.columns.size(); ++i) {
      line.push_back(SanitizeForCell(CellText(row[i])));
      layout.widths[i] = std::max(layout.widths[i], DisplayWidth(line.back()));
    }
  }
  return layout;
}

// A horizontal rule such as ┌──┬──┐, each column 2 wider than its text.
std::string Rule(const std::vector<int>& widths, const char* left, const char* mid,
                 const char* right) {
  std::string line = left;
  for (size_t i = 0; i < widths.size(); ++i) {
    if (i > 0) line += mid;
    for (int k = 0; k < widths[i] + 2; ++k) line += "─";
  }
  line += right;
  return line;
}

// Narrows the widest columns, one column at a time, until a box of
// `widths` fits in `max_width` terminal columns or no column is wider than
// kMinWidth; then cuts the cells to their column (ending them in "…").
void FitToWidth(int max_width, Layout* layout) {
  constexpr int kMinWidth = 5;
  std::vector<int>& w = layout->widths;
  int total = 1;  // the left border; each column adds its text, 2 blanks and a border
  for (int width : w) total += width + 3;
  while (total > max_width) {
    auto widest = std::max_element(w.begin(), w.end());
    if (widest == w.end() || *widest <= kMinWidth) break;
    --*widest;
    --total;
  }
  for (size_t i = 0; i < w.size(); ++i) {
    layout->header[i] = Truncate(layout->header[i], w[i]);
    for (auto& line : layout->cells) line[i] = Truncate(line[i], w[i]);
  }
}

}  // namespace

void PrintBox(const RowSet& rows, int max_width, std::ostream& out) {
  Layout layout = Measure(rows);
  if (max_width > 0) FitToWidth(max_width, &layout);
  const std::vector<int>& w = layout.widths;
  out << Rule(w, "┌", "┬", "┐") << "\n│";
  for (size_t i = 0; i < w.size(); ++i) {
    out << ' ' << PadRight(layout.header[i], w[i]) << " │";
  }
  out << "\n" << Rule(w, "├", "┼", "┤") << "\n";
  for (size_t r = 0; r < layout.cells.size(); ++r) {
    out << "│";
    for (size_t i = 0; i < w.size(); ++i) {
      const std::string& cell = layout.cells[r][i];
      // Numbers align right, like every other SQL shell.
      out << ' ' << (IsNumber(rows.rows[r][i]) ? PadLeft(cell, w[i]) : PadRight(cell, w[i]))
          << " │";
    }
    out << "\n";
  }
  out << Rule(w, "└", "┴", "┘") << "\n" << RowCountText(rows) << "\n";
}

void PrintMarkdown(const RowSet& rows, std::ostream& out) {
  Layout layout = Measure(rows);
  auto escape = [](const std::string& s) {
    std::string e;
    for (char c : s) {
      if (c == '|') e += '\\';
      e += c;
    }
    return e;
  };
  // Pipes are escaped, so widths grow; re-measure after escaping.
  for (auto& h : layout.header) h = escape(h);
  for (auto& line : layout.cells) {
    for (auto& c : line) c = escape(c);
  }
  std::vector<int> w(layout.header.size(), 3);
  for (size_t i = 0; i < w.size(); ++i) {
    w[i] = std::max(w[i], DisplayWidth(layout.header[i]));
    for (const auto& line : layout.cells) {
      w[i] = std::max(w[i], DisplayWidth(line[i]));
    }
  }
  auto print_line = [&](const std::vector<std::string>& cells) {
    out << "|";
    for (size_t i = 0; i < w.size(); ++i) {
      out << ' ' << PadRight(cells[i], w[i]) << " |";
    }
    out << "\n";
  };
  print_line(layout.header);
  out << "|";
  for (int width : w) out << ' ' << std::string(static_cast<size_t>(width), '-') << " |";
  out << "\n";
  for (const auto& line : layout.cells) print_line(line);
}

void PrintLines(const RowSet& rows, std::ostream& out) {
  Layout layout = Measure(rows);
  int name_width = 0;
  for (const auto& h : layout.header) {
    name_width = std::max(name_width, DisplayWidth(h));
  }
  for (size_t r = 0; r < layout.cells.size(); ++r) {
    if (r > 0) out << "\n";
    for (size_t i = 0; i < layout.header.size(); ++i) {
      out << PadLeft(layout.header[i], name_width) << " = " << layout.cells[r][i] << "\n";
    }
  }
  out << (layout.cells.empty() ? "" : "\n") << RowCountText(rows) << "\n";
}

}  // namespace cornerstone::shell
