// Copyright (c) Cornerstone authors. Non-interactive ways to feed a session:
// script files, -c texts and piped standard input.
#ifndef CORNERSTONE_TOOLS_SHELL_DRIVER_H_
#define CORNERSTONE_TOOLS_SHELL_DRIVER_H_

#include <istream>
#include <string>
#include <string_view>

#include "session.h"

namespace cornerstone::shell {

// Runs the statements of the script file at `path` in order. On the first
// error prints "PATH:LINE: <message>" (LINE: where the statement starts) and
// returns false without running the rest; also returns false when the file
// cannot be read or is not *.cypher. Colon-commands are not script syntax.
// Rows print as usual; statement counters do not.
bool RunScriptFile(Session& session, const std::string& path);

// Runs a -c text: a colon-command, or one or more statements. Prints each
// error and goes on (stops at the first with session.bail()); returns false
// if any failed.
bool RunCommandText(Session& session, std::string_view text);

// Runs statements and colon-commands read line by line from `in` until the
// end or :quit. Errors are printed as "NAME:LINE: <message>" and reading
// goes on (stops with session.bail()); returns false if any statement or
// command failed.
bool RunStream(Session& session, std::istream& in, std::string_view name);

// RunStream on the file at `path` (-f FILE), named by its path.
bool RunFile(Session& session, const std::string& path);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_DRIVER_H_
