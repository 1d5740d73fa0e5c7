// Copyright (c) Cornerstone authors. The interactive shell.
#ifndef CORNERSTONE_TOOLS_SHELL_REPL_H_
#define CORNERSTONE_TOOLS_SHELL_REPL_H_

#include <string>

#include "session.h"

namespace cornerstone::shell {

// Reads statements and colon-commands with libedit until Ctrl-D or :quit,
// printing results and errors as it goes (errors do not stop it). Prompts
// "cornerstone> " ("cornerstone*> " inside a transaction), and
// "        ...> " inside an unterminated statement.
// Ctrl-C while a statement runs cancels it (Connection::Interrupt); at the
// prompt it drops the line and any unfinished statement, and a second
// Ctrl-C at an empty prompt exits. History persists in `history_path`
// ("" keeps it in memory; last 1000 entries, no consecutive duplicates);
// Tab completes (see completion.h).
void RunRepl(Session& session, const std::string& history_path);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_REPL_H_
