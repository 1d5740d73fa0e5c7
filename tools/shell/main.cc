// Copyright (c) Cornerstone authors. `cornerstone`: the openCypher shell.
// A client of the public API only (cornerstone/cornerstone.h).
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <iostream>

#include "cornerstone/cornerstone.h"
#include "driver.h"
#include "flags.h"
#include "repl.h"
#include "session.h"

namespace {

int Main(int argc, char** argv) {
  using namespace cornerstone::shell;  // NOLINT(build/namespaces)
  auto flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::cerr << "cornerstone: " << flags.status().message()
              << "\nTry 'cornerstone --help' for more information.\n";
    return 1;
  }
  if (flags->help) {
    std::cout << UsageText();
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

  auto db = cornerstone::Database::Open();
  if (!db.ok()) {
    std::cerr << "cornerstone: " << db.status().message() << "\n";
    return 1;
  }
  Session session(**db, std::cout, std::cerr);
  session.set_format(flags->format);
  session.set_timer(flags->timer);

  for (const std::string& file : flags->files) {
    if (!RunScriptFile(session, file)) return 1;
    if (session.quit_requested()) return 0;
  }
  if (!flags->commands.empty()) {
    for (const std::string& command : flags->commands) {
      if (!RunCommandText(session, command)) return 1;
      if (session.quit_requested()) break;
    }
    return 0;
  }
  if (isatty(STDIN_FILENO)) {
    RunRepl(session);
    return 0;
  }
  return RunStream(session, std::cin, "stdin") ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) { return Main(argc, argv); }
