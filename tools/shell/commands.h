// Copyright (c) Cornerstone authors. The shell's colon-commands (":help",
// ":schema", ...), all described by one table from which :help is printed
// and completion draws its names.
#ifndef CORNERSTONE_TOOLS_SHELL_COMMANDS_H_
#define CORNERSTONE_TOOLS_SHELL_COMMANDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace cornerstone::shell {

class Session;

struct ColonCommand {
  std::string_view name;  // without the ':'
  std::string_view args;  // argument synopsis for :help, e.g. "FORMAT"
  std::string_view help;  // one line
  // Runs the command with its whitespace-separated arguments; prints to
  // session.out(). Errors are returned, not printed.
  absl::Status (*handler)(Session& session, const std::vector<std::string>& args);
};

// Every colon-command, in :help order.
const std::vector<ColonCommand>& ColonCommands();

// Parses and runs `line` (":name arg...", leading blanks and one trailing
// ';' allowed). InvalidArgument for an unknown command.
absl::Status RunColonCommand(Session& session, std::string_view line);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_COMMANDS_H_
