// Copyright (c) Cornerstone authors. Turning lines of input into statements
// and colon-commands, shared by the REPL and piped standard input.
#ifndef CORNERSTONE_TOOLS_SHELL_INPUT_H_
#define CORNERSTONE_TOOLS_SHELL_INPUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "cornerstone/cornerstone.h"

namespace cornerstone::shell {

// A statement or colon-command ready to run.
struct InputItem {
  bool is_command = false;  // a colon-command line, else one statement
  std::string text;         // statement text without its ';'
  int line = 1;             // where it starts in the input, 1-based
};

// Accumulates lines until they end a statement with ';' (as decided by
// cornerstone::SplitStatements, so ';' inside strings and comments does not
// count). A line starting with ':' is a colon-command when no statement is
// in progress, and needs no ';'.
class InputAccumulator {
 public:
  // Adds one line (without its newline) numbered `line_no` in the input.
  // Returns the items it completed, in order (often none).
  std::vector<InputItem> AddLine(std::string_view line, int line_no);

  // At end of input: the statement still in progress without its ';', if
  // any. Leaves the accumulator empty.
  std::vector<InputItem> Finish();

  // Drops the statement in progress, if any.
  void Clear() { buffer_.clear(); }

  // True while a statement is in progress (for the continuation prompt).
  bool pending() const { return !buffer_.empty(); }
  // The text of the statement in progress, lines joined with '\n'.
  const std::string& pending_text() const { return buffer_; }

 private:
  // Turns `statements` (split from buffer_) into items; clears buffer_.
  std::vector<InputItem> TakeStatements(std::vector<ScriptStatement> statements);

  std::string buffer_;
  int first_line_ = 1;
};

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_INPUT_H_
