// Copyright (c) Cornerstone authors.
#include "flags.h"

#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "strings.h"

namespace cornerstone::shell {
namespace {

absl::Status SetFormat(std::string_view name, ShellFlags* flags) {
  auto format = ParseOutputFormat(name);
  if (!format) {
    return absl::InvalidArgumentError(absl::StrCat("unknown format '", ToAbsl(name), "' (expected ",
                                                   ToAbsl(OutputFormatChoices()), ")"));
  }
  flags->format = *format;
  return absl::OkStatus();
}

// A positional argument: a script (*.cypher) or the database file.
absl::Status AddPositional(std::string_view arg, ShellFlags* flags) {
  if (arg.ends_with(".cypher")) {
    flags->scripts.emplace_back(arg);
    return absl::OkStatus();
  }
  if (!flags->database.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("more than one database file ('",
                                                   flags->database, "', '", ToAbsl(arg),
                                                   "'); scripts must end in .cypher"));
  }
  flags->database = std::string(arg);
  return absl::OkStatus();
}

bool IsSwitch(std::string_view arg) {
  for (std::string_view s : {"--help", "--version", "--csv", "--json", "--table", "--timer",
                             "--read-only", "--no-history", "--bail"}) {
    if (arg == s) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<ShellFlags> ParseFlags(int argc, const char* const* argv) {
  ShellFlags flags;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (options_done || arg.empty() || arg[0] != '-' || arg == "-") {
      if (absl::Status s = AddPositional(arg, &flags); !s.ok()) return s;
      continue;
    }
    // The argument of an option given as "--opt=value" or "--opt value".
    std::string_view inline_value;
    bool has_inline = false;
    if (arg.starts_with("--")) {
      if (size_t eq = arg.find('='); eq != std::string_view::npos) {
        inline_value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_inline = true;
      }
    }
    auto next_value = [&](std::string_view* value) -> absl::Status {
      if (has_inline) {
        *value = inline_value;
      } else if (i + 1 < argc) {
        *value = argv[++i];
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("option '", ToAbsl(arg), "' needs an argument"));
      }
      return absl::OkStatus();
    };
    if (has_inline && IsSwitch(arg)) {
      return absl::InvalidArgumentError(
          absl::StrCat("option '", ToAbsl(arg), "' takes no argument"));
    }
    std::string_view value;
    if (arg == "--") {
      options_done = true;
    } else if (arg == "-h" || arg == "--help") {
      flags.help = true;
    } else if (arg == "--version") {
      flags.version = true;
    } else if (arg == "-c" || arg == "--command") {
      if (absl::Status s = next_value(&value); !s.ok()) return s;
      flags.actions.push_back({ShellAction::kCommand, std::string(value)});
    } else if (arg == "-f" || arg == "--file") {
      if (absl::Status s = next_value(&value); !s.ok()) return s;
      flags.actions.push_back({ShellAction::kFile, std::string(value)});
    } else if (arg == "--format") {
      if (absl::Status s = next_value(&value); !s.ok()) return s;
      if (absl::Status s = SetFormat(value, &flags); !s.ok()) return s;
    } else if (arg == "--csv" || arg == "--json" || arg == "--table") {
      if (absl::Status s = SetFormat(arg.substr(2), &flags); !s.ok()) return s;
    } else if (arg == "--timer") {
      flags.timer = true;
    } else if (arg == "--threads") {
      if (absl::Status s = next_value(&value); !s.ok()) return s;
      if (!absl::SimpleAtoi(ToAbsl(value), &flags.threads) || flags.threads < 1 ||
          flags.threads > 1024) {
        return absl::InvalidArgumentError(absl::StrCat(
            "option '--threads' needs a number of threads from 1 to 1024, not '", ToAbsl(value),
            "'"));
      }
    } else if (arg == "--read-only") {
      flags.read_only = true;
    } else if (arg == "--no-history") {
      flags.no_history = true;
    } else if (arg == "--bail") {
      flags.bail = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown option '", argv[i], "'"));
    }
  }
  return flags;
}

std::string UsageText() {
  return absl::StrCat(
      "Usage: cornerstone [OPTIONS] [DATABASE] [SCRIPT.cypher...]\n"
      "\n"
      "An openCypher shell. DATABASE (any argument not ending in .cypher) is\n"
      "a database file to open, or to create when it does not exist; without\n"
      "it the graph lives in memory. Each SCRIPT.cypher runs in order, stopping\n"
      "at its first error; then each -c QUERY and -f FILE in order; then, if\n"
      "there was no -c or -f, statements are read from standard input (a\n"
      "line-editing prompt when it is a terminal). Options and files may come\n"
      "in any order.\n"
      "\n"
      "Options:\n"
      "  -c, --command QUERY   run QUERY (statements or a :command), then exit;\n"
      "                        may repeat\n"
      "  -f, --file FILE       run the statements and :commands in FILE, then\n"
      "                        exit; may repeat\n"
      "      --format FORMAT   output format: ",
      ToAbsl(OutputFormatChoices()),
      "\n"
      "                        (default table)\n"
      "      --csv, --json, --table   shorthands for --format\n"
      "      --read-only       open DATABASE read-only (never written)\n"
      "      --threads N       threads a query may use (default: the machine's\n"
      "                        cores); results do not depend on it\n"
      "      --no-history      do not read or write ~/.cornerstone_history\n"
      "      --bail            stop at the first failing statement\n"
      "      --timer           print parse/plan/execute times per statement\n"
      "  -h, --help            show this help and exit\n"
      "      --version         show the version and exit\n"
      "      --                the remaining arguments are files\n"
      "\n"
      "In the shell, statements end with ';'. Type :help for the commands.\n"
      "Ctrl-C cancels the running statement or :import; Ctrl-D (or Ctrl-C\n"
      "twice at an empty prompt) exits.\n"
      "Exit status: 0 on success, 1 if any statement or script failed.\n");
}

}  // namespace cornerstone::shell
