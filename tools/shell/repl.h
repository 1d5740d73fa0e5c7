// Copyright (c) Cornerstone authors. The interactive shell.
#ifndef CORNERSTONE_TOOLS_SHELL_REPL_H_
#define CORNERSTONE_TOOLS_SHELL_REPL_H_

#include "session.h"

namespace cornerstone::shell {

// Reads statements and colon-commands with libedit until Ctrl-D or :quit,
// printing results and errors as it goes (errors do not stop it). Ctrl-C
// drops the line and any unfinished statement. Prompts
// "cornerstone> ", and "        ...> " inside an unterminated statement.
// History persists in ~/.cornerstone_history (last 1000 entries, no
// consecutive duplicates); Tab completes (see completion.h).
void RunRepl(Session& session);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_REPL_H_
