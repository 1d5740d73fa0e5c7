// Copyright (c) Cornerstone authors. Terminal display width of UTF-8 text.
#ifndef CORNERSTONE_TOOLS_SHELL_TEXT_WIDTH_H_
#define CORNERSTONE_TOOLS_SHELL_TEXT_WIDTH_H_

#include <string>
#include <string_view>

namespace cornerstone::shell {

// The number of terminal columns `text` occupies: wide (CJK, Hangul) code
// points count 2, combining marks and other zero-width code points 0, the
// rest 1. Each byte of invalid UTF-8 counts 1 (it is shown as U+FFFD).
int DisplayWidth(std::string_view text);

// `text` made printable on one line for a table cell: invalid UTF-8 bytes
// become U+FFFD, and control characters become escapes (\n, \r, \t, \xHH),
// so every cell is one line whose DisplayWidth is its width on screen.
std::string SanitizeForCell(std::string_view text);

// `text` made safe to print to a terminal as is: newlines and tabs kept,
// other control characters (C0, DEL, C1) and invalid UTF-8 bytes replaced
// by U+FFFD, which is one column wide like what it replaces.
std::string SanitizeForTerminal(std::string_view text);

// `text` followed by spaces up to `width` display columns (no truncation).
std::string PadRight(std::string_view text, int width);
// Spaces up to `width` display columns, then `text`.
std::string PadLeft(std::string_view text, int width);

// `text` if it fits in `width` display columns; otherwise its longest
// prefix (whole code points, combining marks kept with their base) that
// fits in `width - 1` columns, then "…". `width` < 1 gives "".
std::string Truncate(std::string_view text, int width);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_TEXT_WIDTH_H_
