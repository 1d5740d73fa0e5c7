// Copyright (c) Cornerstone authors.
// `cornerstone import` (also built as the binary `cornerstone-import`, and
// behind the shell's `:import`): its flags are parsed here once, and the
// imports and exports they ask for run through the public API only.
#ifndef CORNERSTONE_TOOLS_IMPORT_IMPORT_COMMAND_H_
#define CORNERSTONE_TOOLS_IMPORT_IMPORT_COMMAND_H_

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cornerstone/database.h"
#include "cornerstone/import.h"

namespace cornerstone::tools {

// What one command line asks for.
struct ImportRequest {
  std::string db;     // --db FILE; empty: the graph lives in memory
  ImportOptions csv;  // --nodes, --relationships, --kuzu-*, --column-type, ...
  std::vector<std::string> kuzu_dirs, graphml, jsonl;
  std::string export_csv, export_jsonl, export_graphml, export_cypher;
  bool progress = true;  // cleared by --no-progress
  bool help = false;     // -h, --help

  // Whether anything is to be loaded (an --index alone counts: it is built).
  bool HasImports() const;
  bool HasExports() const;
};

// The option list of `cornerstone import`, starting "usage: cornerstone import".
const char* ImportUsage();

// Parses the arguments that follow the program name. InvalidArgument for an
// unknown option, a missing value or a malformed one.
absl::StatusOr<ImportRequest> ParseImportFlags(const std::vector<std::string>& args);

// Called after each import step with what was loaded: "imported" for the CSV
// files (together with those of every --kuzu-dir), else the GraphML or JSON
// Lines file's path.
using ImportReportFn = std::function<void(const std::string& what, const ImportReport&)>;

// Runs the imports of `request` into `db` in order: all CSV files in one
// ImportCsv (all or nothing), then each GraphML file, then each JSON Lines
// file (each all or nothing too). Stops at the first error; the steps before
// it stay loaded. Draws a progress bar on stderr while the CSV files load
// when request.progress is set and stderr is a terminal.
absl::Status RunImports(Database& db, const ImportRequest& request,
                        const ImportReportFn& on_report);

// Runs the exports of `request`, printing a line per file written to `out`.
absl::Status RunExports(Database& db, const ImportRequest& request, std::ostream& out);

// The whole command; argv[0] is the program name (or "import") and is
// skipped. Returns the exit status: 0 on success, 1 when an import or export
// failed, 2 for a usage error.
int RunImport(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace cornerstone::tools

#endif  // CORNERSTONE_TOOLS_IMPORT_IMPORT_COMMAND_H_
