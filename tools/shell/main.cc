// Copyright (c) Cornerstone authors. `cornerstone`: the openCypher shell.
// A client of the public API only (cornerstone/cornerstone.h).
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <utility>

#include "cornerstone/cornerstone.h"
#include "diff.h"
#include "driver.h"
#include "flags.h"
#include "history.h"
#include "huge_pages.h"
#include "import_command.h"
#include "repl.h"
#include "session.h"

namespace {

int Main(int argc, char** argv) {
  using namespace cornerstone::shell;  // NOLINT(build/namespaces)
  // Subcommands come first (`cornerstone ./diff` opens a file named diff).
  if (argc >= 2 && std::string_view(argv[1]) == "diff") {
    return RunDiff(argc - 1, argv + 1, std::cout, std::cerr);
  }
  if (argc >= 2 && std::string_view(argv[1]) == "import") {
    return cornerstone::tools::RunImport(argc - 1, argv + 1, std::cout, std::cerr);
  }
  auto flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::cerr << "cornerstone: " << flags.status().message()
              << "\nTry 'cornerstone --help' for more information.\n";
    return 1;
  }
  if (flags->help) {
    std::cout << UsageText()
              << "\nSubcommands:\n"
                 "  cornerstone diff OLD.snap NEW.snap   what changed between two snapshots\n"
                 "                                       (see cornerstone diff --help)\n"
                 "  cornerstone import [OPTIONS]         load CSV, GraphML or JSON Lines files\n"
                 "                                       into a database, or export one\n"
                 "                                       (see cornerstone import --help)\n";
    return 0;
  }
  if (flags->version) {
    std::cout << "cornerstone " << cornerstone::Version() << "\n";
    return 0;
  }
  // libedit edits and displays multibyte text only in a UTF-8 locale.
  if (std::setlocale(LC_CTYPE, "") == nullptr || MB_CUR_MAX == 1) {
    std::setlocale(LC_CTYPE, "C.UTF-8");
  }

  cornerstone::DatabaseOptions options;
  options.read_only = flags->read_only;
  options.threads = flags->threads;
  auto db = cornerstone::Database::Open(flags->database, options);
  if (!db.ok()) {
    std::cerr << "cornerstone: " << flags->database << (flags->database.empty() ? "" : ": ")
              << db.status().message() << "\n";
    return 1;
  }
  Session session(*std::move(db), std::cout, std::cerr);
  session.set_format(flags->format);
  session.set_timer(flags->timer);
  session.set_read_only(flags->read_only);
  session.set_threads(flags->threads);
  session.set_bail(flags->bail);
  session.set_terminal(isatty(STDOUT_FILENO));

  for (const std::string& file : flags->scripts) {
    if (!RunScriptFile(session, file)) return 1;
    if (session.quit_requested()) return 0;
  }
  if (!flags->actions.empty()) {
    bool ok = true;
    for (const ShellAction& action : flags->actions) {
      ok = (action.kind == ShellAction::kFile ? RunFile(session, action.text)
                                              : RunCommandText(session, action.text)) &&
           ok;
      if (session.quit_requested() || (!ok && session.bail())) break;
    }
    return ok ? 0 : 1;
  }
  if (isatty(STDIN_FILENO)) {
    RunRepl(session, flags->no_history ? "" : History::DefaultPath());
    return 0;
  }
  return RunStream(session, std::cin, "stdin") ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  cornerstone::tools::UseHugePages(argv);
  return Main(argc, argv);
}
