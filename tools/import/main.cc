// Copyright (c) Cornerstone authors.
// cornerstone-import: bulk loading and export of a Cornerstone database.
//
//   cornerstone-import [--db FILE] [import options] [export options]
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
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cornerstone/database.h"
#include "cornerstone/import.h"
#include "tools/import/progress.h"

namespace cornerstone::tools {
namespace {

constexpr char kUsage[] =
    "usage: cornerstone-import [--db FILE]\n"
    "  [--nodes [Label1:Label2=]FILE]... [--relationships [TYPE=]FILE]...\n"
    "  [--kuzu-nodes Label=FILE]... [--kuzu-relationships TYPE:From:To=FILE]...\n"
    "  [--kuzu-dir DIR] [--column-type Owner.column=TYPE]... [--index Label(key)]...\n"
    "  [--delimiter C] [--array-delimiter C] [--skip-bad-rows] [--no-progress]\n"
    "  [--graphml FILE] [--jsonl FILE]\n"
    "  [--export-csv DIR] [--export-jsonl FILE] [--export-graphml FILE]"
    " [--export-cypher FILE]\n";

struct Flags {
  std::string db;
  ImportOptions csv;
  std::vector<std::string> kuzu_dirs, graphml, jsonl;
  std::string export_csv, export_jsonl, export_graphml, export_cypher;
  bool progress = true;
};

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

bool ParseFlags(int argc, char** argv, Flags* f, std::string* error) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--skip-bad-rows") { f->csv.skip_bad_rows = true; continue; }
    if (a == "--no-progress") { f->progress = false; continue; }
    if (a == "-h" || a == "--help") return false;
    if (i + 1 >= argc) {
      *error = "missing value for " + a;
      return false;
    }
    std::string v = argv[++i];
    auto [key, path] = Mapping(v);
    CsvFile file;
    file.path = path;
    if (a == "--db") {
      f->db = v;
    } else if (a == "--nodes") {
      if (!key.empty()) file.labels = Split(key, ':');
      f->csv.nodes.push_back(file);
    } else if (a == "--relationships") {
      file.type = key;
      f->csv.relationships.push_back(file);
    } else if (a == "--kuzu-nodes") {
      file.layout = CsvLayout::kKuzu;
      file.labels = {key};
      f->csv.nodes.push_back(file);
    } else if (a == "--kuzu-relationships") {
      std::vector<std::string> parts = Split(key, ':');
      if (parts.size() != 3) {
        *error = "--kuzu-relationships wants TYPE:From:To=FILE, got " + v;
        return false;
      }
      file.layout = CsvLayout::kKuzu;
      file.type = parts[0];
      file.from_label = parts[1];
      file.to_label = parts[2];
      f->csv.relationships.push_back(file);
    } else if (a == "--kuzu-dir") {
      f->kuzu_dirs.push_back(v);
    } else if (a == "--column-type") {
      f->csv.column_types[key] = path;
    } else if (a == "--index") {
      f->csv.indexes.push_back(v);
    } else if (a == "--delimiter" || a == "--array-delimiter") {
      char c = v == "\\t" || v == "TAB" ? '\t' : v.empty() ? ',' : v[0];
      (a == "--delimiter" ? f->csv.delimiter : f->csv.array_delimiter) = c;
    } else if (a == "--graphml") {
      f->graphml.push_back(v);
    } else if (a == "--jsonl") {
      f->jsonl.push_back(v);
    } else if (a == "--export-csv") {
      f->export_csv = v;
    } else if (a == "--export-jsonl") {
      f->export_jsonl = v;
    } else if (a == "--export-graphml") {
      f->export_graphml = v;
    } else if (a == "--export-cypher") {
      f->export_cypher = v;
    } else {
      *error = "unknown option " + a;
      return false;
    }
  }
  return true;
}

void PrintImport(const char* what, const ImportReport& r) {
  double rows = static_cast<double>(r.nodes + r.relationships);
  printf("%s: %lld nodes, %lld relationships in %.2f s (%.0f rows/s, %.1f MB/s)\n", what,
         static_cast<long long>(r.nodes), static_cast<long long>(r.relationships), r.seconds,
         r.seconds > 0 ? rows / r.seconds : 0, r.seconds > 0 ? r.bytes / 1e6 / r.seconds : 0);
  if (r.rows_skipped > 0) {
    printf("skipped %lld bad rows:\n", static_cast<long long>(r.rows_skipped));
    for (const std::string& e : r.skipped_errors) printf("  %s\n", e.c_str());
    if (r.rows_skipped > static_cast<int64_t>(r.skipped_errors.size())) printf("  ...\n");
  }
}

int Fail(const absl::Status& s) {
  std::cerr << "cornerstone-import: " << s.message() << "\n";
  return 1;
}

int Main(int argc, char** argv) {
  Flags f;
  std::string error;
  if (argc < 2 || !ParseFlags(argc, argv, &f, &error)) {
    if (!error.empty()) std::cerr << "cornerstone-import: " << error << "\n";
    std::cerr << kUsage;
    return 2;
  }
  auto db = f.db.empty() ? Database::Open() : Database::Open(f.db);
  if (!db.ok()) return Fail(db.status());
  for (const std::string& dir : f.kuzu_dirs) {
    auto found = KuzuDirectoryOptions(dir);
    if (!found.ok()) return Fail(found.status());
    for (auto& n : found->nodes) f.csv.nodes.push_back(std::move(n));
    for (auto& r : found->relationships) f.csv.relationships.push_back(std::move(r));
  }
  ProgressBar bar(f.progress && isatty(STDERR_FILENO));
  if (!f.csv.nodes.empty() || !f.csv.relationships.empty() || !f.csv.indexes.empty()) {
    f.csv.on_progress = [&bar](const ImportProgress& p) { bar.Update(p); };
    auto report = ImportCsv(**db, f.csv);
    bar.Finish();
    if (!report.ok()) return Fail(report.status());
    PrintImport("imported", *report);
  }
  for (const std::string& path : f.graphml) {
    auto report = ImportGraphml(**db, path);
    if (!report.ok()) return Fail(report.status());
    PrintImport(path.c_str(), *report);
  }
  for (const std::string& path : f.jsonl) {
    auto report = ImportJsonLines(**db, path);
    if (!report.ok()) return Fail(report.status());
    PrintImport(path.c_str(), *report);
  }
  auto exported = [](const std::string& where, const absl::StatusOr<ExportReport>& r) {
    if (!r.ok()) return Fail(r.status());
    printf("exported %lld nodes, %lld relationships to %s\n", static_cast<long long>(r->nodes),
           static_cast<long long>(r->relationships), where.c_str());
    return 0;
  };
  if (!f.export_csv.empty() && exported(f.export_csv, ExportCsv(**db, f.export_csv))) return 1;
  if (!f.export_jsonl.empty() &&
      exported(f.export_jsonl, ExportJsonLines(**db, f.export_jsonl))) {
    return 1;
  }
  if (!f.export_graphml.empty() &&
      exported(f.export_graphml, ExportGraphml(**db, f.export_graphml))) {
    return 1;
  }
  if (!f.export_cypher.empty()) {
    if (absl::Status s = (*db)->ExportCypher(f.export_cypher); !s.ok()) return Fail(s);
    printf("exported a Cypher script to %s\n", f.export_cypher.c_str());
  }
  return 0;
}

}  // namespace
}  // namespace cornerstone::tools

int main(int argc, char** argv) { return cornerstone::tools::Main(argc, argv); }
