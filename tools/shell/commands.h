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

// The arguments of one colon-command.
struct CommandArgs {
  std::vector<std::string> words;  // split at blanks
  std::string text;                // as typed, blanks around them stripped
};

struct ColonCommand {
  std::string_view name;     // without the ':'
  std::string_view args;     // argument synopsis for :help, e.g. "FORMAT"
  std::string_view help;     // one line
  std::string_view details;  // more lines for ":help NAME", or ""
  // Runs the command; prints to session.out(). Errors are returned, not
  // printed.
  absl::Status (*handler)(Session& session, const CommandArgs& args);
};

// Every colon-command, in :help order.
const std::vector<ColonCommand>& ColonCommands();

// Parses and runs `line` (":name arg...", leading blanks and one trailing
// ';' allowed). InvalidArgument for an unknown command.
absl::Status RunColonCommand(Session& session, std::string_view line);

// Handlers defined in graph_commands.cc.
absl::Status OpenCommand(Session& session, const CommandArgs& args);
absl::Status SaveCommand(Session& session, const CommandArgs& args);
absl::Status ImportCommand(Session& session, const CommandArgs& args);
absl::Status ReadCommand(Session& session, const CommandArgs& args);
absl::Status ParamCommand(Session& session, const CommandArgs& args);
absl::Status ParamsCommand(Session& session, const CommandArgs& args);
absl::Status ExplainCommand(Session& session, const CommandArgs& args);
absl::Status ProfileCommand(Session& session, const CommandArgs& args);
absl::Status DotCommand(Session& session, const CommandArgs& args);
absl::Status RenderCommand(Session& session, const CommandArgs& args);

// Shared by handlers: InvalidArgument "usage: USAGE" when there are more
// than `max` arguments.
absl::Status ExpectArgs(const CommandArgs& args, size_t max, std::string_view usage);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_COMMANDS_H_
