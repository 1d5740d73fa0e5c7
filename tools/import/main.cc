// Copyright (c) Cornerstone authors.
// cornerstone-import: the same command as `cornerstone import` (see
// import_command.cc for the options), as a binary of its own for scripts
// written before the shell had the subcommand.
#include <iostream>

#include "huge_pages.h"
#include "import_command.h"

int main(int argc, char** argv) {
  cornerstone::tools::UseHugePages(argv);
  return cornerstone::tools::RunImport(argc, argv, std::cout, std::cerr);
}
