// Copyright (c) Cornerstone authors. Command-line options of the shell.
#ifndef CORNERSTONE_TOOLS_SHELL_FLAGS_H_
#define CORNERSTONE_TOOLS_SHELL_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "output_format.h"

namespace cornerstone::shell {

// One -c QUERY or -f FILE, in command-line order.
struct ShellAction {
  enum Kind { kCommand, kFile };
  Kind kind = kCommand;
  std::string text;  // the query text or the file's path
};

struct ShellFlags {
  std::string database;               // a non-.cypher argument: a database file
  std::vector<std::string> scripts;   // *.cypher arguments, in order
  std::vector<ShellAction> actions;   // -c and -f, in order
  OutputFormat format = OutputFormat::kTable;
  bool read_only = false;
  bool no_history = false;
  bool bail = false;
  bool timer = false;
  int threads = 0;  // DatabaseOptions::threads; 0: the machine's cores
  bool help = false;
  bool version = false;
};

// Parses argv[1..]. Options and files may come in any order; "--" ends the
// options. Returns InvalidArgument (message without the program name) for
// an unknown option, a missing option argument, an unknown format or a
// second database path.
absl::StatusOr<ShellFlags> ParseFlags(int argc, const char* const* argv);

// The text `cornerstone --help` prints.
std::string UsageText();

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_FLAGS_H_
