// Copyright (c) Cornerstone authors.
#include "flags.h"

#include <string_view>

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

}  // namespace

absl::StatusOr<ShellFlags> ParseFlags(int argc, const char* const* argv) {
  ShellFlags flags;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (options_done || arg.empty() || arg[0] != '-' || arg == "-") {
      flags.files.emplace_back(arg);
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
    if (has_inline && (arg == "--help" || arg == "--version" || arg == "--csv" || arg == "--json" ||
                       arg == "--table" || arg == "--timer")) {
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
      flags.commands.emplace_back(value);
    } else if (arg == "--format") {
      if (absl::Status s = next_value(&value); !s.ok()) return s;
      if (absl::Status s = SetFormat(value, &flags); !s.ok()) return s;
    } else if (arg == "--csv" || arg == "--json" || arg == "--table") {
      if (absl::Status s = SetFormat(arg.substr(2), &flags); !s.ok()) return s;
    } else if (arg == "--timer") {
      flags.timer = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown option '", argv[i], "'"));
    }
  }
  return flags;
}

std::string UsageText() {
  return absl::StrCat(
      "Usage: cornerstone [OPTIONS] [FILE...]\n"
      "\n"
      "An openCypher shell on an in-memory graph. Each FILE (*.cypher) is run\n"
      "as a script, in order; then each -c QUERY; then, if no -c was given,\n"
      "statements are read from standard input (a line-editing prompt when it\n"
      "is a terminal). Options and files may come in any order.\n"
      "\n"
      "Options:\n"
      "  -c, --command QUERY   run QUERY (statements or a :command) and exit\n"
      "      --format FORMAT   output format: ",
      ToAbsl(OutputFormatChoices()),
      "\n"
      "                        (default table)\n"
      "      --csv, --json, --table   shorthands for --format\n"
      "      --timer           print parse/plan/execute times per statement\n"
      "  -h, --help            show this help and exit\n"
      "      --version         show the version and exit\n"
      "\n"
      "In the shell, statements end with ';'. Type :help for the commands.\n"
      "Exit status: 0 on success, 1 if any statement or script failed.\n");
}

}  // namespace cornerstone::shell
