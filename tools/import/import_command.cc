// Copyright (c) Cornerstone authors.
// Bulk loading and export of a Cornerstone database:
//
//   cornerstone import [--db FILE] [import options] [export options]
//
// Import (all or nothing unless --skip-bad-rows; indexes built at the end):
//   --nodes [Label1:Label2=]FILE        Neo4j admin-import header
//   --relationships [TYPE=]FILE         Neo4j header (:START_ID,:END_ID[,:TYPE])
//   --kuzu-nodes Label=FILE             plain header, first column = key
//   --kuzu-relationships TYPE:From:To=FILE   plain header, from,to first
//   --kuzu-dir DIR                      every <Label>.csv, <TYPE>_<From>_<To>.csv
//   --column-type Owner.column=TYPE     Kùzu files: int, float, boolean, string[, ...]
//   --delimiter C  --array-delimiter C  --skip-bad-rows  --index Label(key)
//   --graphml FILE  --jsonl FILE        GraphML / JSON Lines input
//   --no-progress                       no progress bar even on a terminal
// Export (after any import):
//   --export-csv DIR  --export-jsonl FILE  --export-graphml FILE
//   --export-cypher FILE
// Without --db the database lives in memory (useful to check files, or to
// convert between formats).
#include "import_command.h"

#include <unistd.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "progress.h"

namespace cornerstone::tools {
namespace {

constexpr char kUsage[] =
    "usage: cornerstone import [--db FILE]\n"
    "  [--nodes [Label1:Label2=]FILE]... [--relationships [TYPE=]FILE]...\n"
    "  [--kuzu-nodes Label=FILE]... [--kuzu-relationships TYPE:From:To=FILE]...\n"
    "  [--kuzu-dir DIR] [--column-type Owner.column=TYPE]... [--index Label(key)]...\n"
    "  [--delimiter C] [--array-delimiter C] [--skip-bad-rows] [--no-progress]\n"
    "  [--graphml FILE] [--jsonl FILE]\n"
    "  [--export-csv DIR] [--export-jsonl FILE] [--export-graphml FILE]"
    " [--export-cypher FILE]\n"
    "(also installed as cornerstone-import)\n";

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

// "A=B" -> {"A", "B"}; "B" -> {"", "B"}.
std::pair<std::string, std::string> Mapping(const std::string& s) {
  size_t eq = s.find('=');
  if (eq == std::string::npos) return {"", s};
  return {s.substr(0, eq), s.substr(eq + 1)};
}

// One option that takes a value. False when `option` is not one of them.
absl::StatusOr<bool> ApplyOption(const std::string& option, const std::string& v,
                                 ImportRequest* r) {
  auto [key, path] = Mapping(v);
  CsvFile file;
  file.path = path;
  if (option == "--db") {
    r->db = v;
  } else if (option == "--nodes") {
    if (!key.empty()) file.labels = Split(key, ':');
    r->csv.nodes.push_back(file);
  } else if (option == "--relationships") {
    file.type = key;
    r->csv.relationships.push_back(file);
  } else if (option == "--kuzu-nodes") {
    file.layout = CsvLayout::kKuzu;
    file.labels = {key};
    r->csv.nodes.push_back(file);
  } else if (option == "--kuzu-relationships") {
    std::vector<std::string> parts = Split(key, ':');
    if (parts.size() != 3) {
      return absl::InvalidArgumentError("--kuzu-relationships wants TYPE:From:To=FILE, got " + v);
    }
    file.layout = CsvLayout::kKuzu;
    file.type = parts[0];
    file.from_label = parts[1];
    file.to_label = parts[2];
    r->csv.relationships.push_back(file);
  } else if (option == "--kuzu-dir") {
    r->kuzu_dirs.push_back(v);
  } else if (option == "--column-type") {
    r->csv.column_types[key] = path;
  } else if (option == "--index") {
    r->csv.indexes.push_back(v);
  } else if (option == "--delimiter" || option == "--array-delimiter") {
    char c = v == "\\t" || v == "TAB" ? '\t' : v.empty() ? ',' : v[0];
    (option == "--delimiter" ? r->csv.delimiter : r->csv.array_delimiter) = c;
  } else if (option == "--graphml") {
    r->graphml.push_back(v);
  } else if (option == "--jsonl") {
    r->jsonl.push_back(v);
  } else if (option == "--export-csv") {
    r->export_csv = v;
  } else if (option == "--export-jsonl") {
    r->export_jsonl = v;
  } else if (option == "--export-graphml") {
    r->export_graphml = v;
  } else if (option == "--export-cypher") {
    r->export_cypher = v;
  } else {
    return false;
  }
  return true;
}

void PrintImport(std::ostream& out, const std::string& what, const ImportReport& r) {
  double rows = static_cast<double>(r.nodes + r.relationships);
  out << absl::StrFormat("%s: %d nodes, %d relationships in %.2f s (%.0f rows/s, %.1f MB/s)\n",
                         what, r.nodes, r.relationships, r.seconds,
                         r.seconds > 0 ? rows / r.seconds : 0,
                         r.seconds > 0 ? r.bytes / 1e6 / r.seconds : 0);
  if (r.rows_skipped > 0) {
    out << "skipped " << r.rows_skipped << " bad rows:\n";
    for (const std::string& e : r.skipped_errors) out << "  " << e << "\n";
    if (r.rows_skipped > static_cast<int64_t>(r.skipped_errors.size())) out << "  ...\n";
  }
}

absl::Status Exported(std::ostream& out, const std::string& where,
                      const absl::StatusOr<ExportReport>& r) {
  if (!r.ok()) return r.status();
  out << "exported " << r->nodes << " nodes, " << r->relationships << " relationships to "
      << where << "\n";
  return absl::OkStatus();
}

int Fail(std::ostream& err, const absl::Status& s) {
  err << "cornerstone import: " << s.message() << "\n";
  return 1;
}

}  // namespace

bool ImportRequest::HasImports() const {
  return !csv.nodes.empty() || !csv.relationships.empty() || !csv.indexes.empty() ||
         !kuzu_dirs.empty() || !graphml.empty() || !jsonl.empty();
}

bool ImportRequest::HasExports() const {
  return !export_csv.empty() || !export_jsonl.empty() || !export_graphml.empty() ||
         !export_cypher.empty();
}

const char* ImportUsage() { return kUsage; }

absl::StatusOr<ImportRequest> ParseImportFlags(const std::vector<std::string>& args) {
  ImportRequest r;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--skip-bad-rows") {
      r.csv.skip_bad_rows = true;
    } else if (a == "--no-progress") {
      r.progress = false;
    } else if (a == "-h" || a == "--help") {
      r.help = true;
    } else if (i + 1 >= args.size()) {
      // An unknown last word is reported as unknown, not as lacking a value.
      ImportRequest scratch;
      absl::StatusOr<bool> known = ApplyOption(a, "", &scratch);
      return absl::InvalidArgumentError(
          (known.ok() && !*known ? "unknown option " : "missing value for ") + a);
    } else {
      absl::StatusOr<bool> known = ApplyOption(a, args[++i], &r);
      if (!known.ok()) return known.status();
      if (!*known) return absl::InvalidArgumentError("unknown option " + a);
    }
  }
  return r;
}

absl::Status RunImports(Database& db, const ImportRequest& request,
                        const ImportReportFn& on_report) {
  ImportOptions csv = request.csv;
  for (const std::string& dir : request.kuzu_dirs) {
    auto found = KuzuDirectoryOptions(dir);
    if (!found.ok()) return found.status();
    for (auto& n : found->nodes) csv.nodes.push_back(std::move(n));
    for (auto& r : found->relationships) csv.relationships.push_back(std::move(r));
  }
  if (!csv.nodes.empty() || !csv.relationships.empty() || !csv.indexes.empty()) {
    ProgressBar bar(request.progress && isatty(STDERR_FILENO));
    csv.on_progress = [&bar](const ImportProgress& p) { bar.Update(p); };
    auto report = ImportCsv(db, csv);
    bar.Finish();
    if (!report.ok()) return report.status();
    on_report("imported", *report);
  }
  for (const std::string& path : request.graphml) {
    auto report = ImportGraphml(db, path);
    if (!report.ok()) return report.status();
    on_report(path, *report);
  }
  for (const std::string& path : request.jsonl) {
    auto report = ImportJsonLines(db, path);
    if (!report.ok()) return report.status();
    on_report(path, *report);
  }
  return absl::OkStatus();
}

absl::Status RunExports(Database& db, const ImportRequest& request, std::ostream& out) {
  const ImportRequest& r = request;
  if (!r.export_csv.empty()) {
    if (absl::Status s = Exported(out, r.export_csv, ExportCsv(db, r.export_csv)); !s.ok()) {
      return s;
    }
  }
  if (!r.export_jsonl.empty()) {
    if (absl::Status s = Exported(out, r.export_jsonl, ExportJsonLines(db, r.export_jsonl));
        !s.ok()) {
      return s;
    }
  }
  if (!r.export_graphml.empty()) {
    if (absl::Status s = Exported(out, r.export_graphml, ExportGraphml(db, r.export_graphml));
        !s.ok()) {
      return s;
    }
  }
  if (!r.export_cypher.empty()) {
    if (absl::Status s = db.ExportCypher(r.export_cypher); !s.ok()) return s;
    out << "exported a Cypher script to " << r.export_cypher << "\n";
  }
  return absl::OkStatus();
}

int RunImport(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  absl::StatusOr<ImportRequest> request = ParseImportFlags(args);
  if (!request.ok() || args.empty()) {
    if (!request.ok()) err << "cornerstone import: " << request.status().message() << "\n";
    err << kUsage;
    return 2;
  }
  if (request->help) {
    out << kUsage;
    return 0;
  }
  // A database file this run creates is removed again when the import
  // fails, so a bad CSV leaves nothing behind (an existing one is kept,
  // unchanged: the import is all or nothing).
  std::error_code ec;
  const bool created = !request->db.empty() && !std::filesystem::exists(request->db, ec);
  auto db = request->db.empty() ? Database::Open() : Database::Open(request->db);
  if (!db.ok()) return Fail(err, db.status());
  absl::Status imported =
      RunImports(**db, *request, [&out](const std::string& what, const ImportReport& r) {
        PrintImport(out, what, r);
      });
  if (!imported.ok()) {
    if (created && (*db)->Close().ok()) {
      db->reset();
      for (const char* suffix : {"", ".wal", ".lock"}) {
        std::filesystem::remove(request->db + suffix, ec);
      }
    }
    return Fail(err, imported);
  }
  if (absl::Status s = RunExports(**db, *request, out); !s.ok()) return Fail(err, s);
  return 0;
}

}  // namespace cornerstone::tools
