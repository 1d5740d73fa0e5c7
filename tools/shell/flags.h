// Copyright (c) Cornerstone authors. Command-line options of the shell.
#ifndef CORNERSTONE_TOOLS_SHELL_FLAGS_H_
#define CORNERSTONE_TOOLS_SHELL_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "output_format.h"

namespace cornerstone::shell {

struct ShellFlags {
  std::vector<std::string> files;     // scripts, in command-line order
  std::vector<std::string> commands;  // -c texts, in command-line order
  OutputFormat format = OutputFormat::kTable;
  bool timer = false;
  bool help = false;
  bool version = false;
};

// Parses argv[1..]. Options and files may come in any order; "--" ends the
// options. Returns InvalidArgument (message without the program name) for
// an unknown option, a missing option argument or an unknown format.
absl::StatusOr<ShellFlags> ParseFlags(int argc, const char* const* argv);

// The text `cornerstone --help` prints.
std::string UsageText();

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_FLAGS_H_
