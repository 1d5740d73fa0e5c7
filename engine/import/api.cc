// Copyright (c) Cornerstone authors.
// The public import/export functions (cornerstone/import.h) on top of the
// engine-level ones.
#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cornerstone/import.h"
#include "engine/import/csv_import.h"
#include "engine/import/export.h"
#include "engine/import/graph_access.h"

namespace cornerstone {
namespace {

absl::StatusOr<std::vector<std::string>> CsvFilesIn(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && absl::EndsWith(name, ".csv")) names.push_back(name);
  }
  if (ec) return absl::NotFoundError(absl::StrCat(dir, ": ", ec.message()));
  std::sort(names.begin(), names.end());
  return names;
}

// Runs an import under the exclusive lock; a file database is
// checkpointed afterwards (imports bypass the write-ahead log).
template <typename F>
absl::StatusOr<ImportReport> Import(Database& db, F run) {
  absl::StatusOr<ImportReport> report;
  {
    internal::GraphLock lock(db, /*exclusive=*/true);
    if (absl::Status s = lock.CheckUsable(true); !s.ok()) return s;
    report = run(lock.graph());
  }
  if (report.ok() && !db.path().empty()) {
    if (absl::Status s = db.Checkpoint(); !s.ok()) return s;
  }
  return report;
}

template <typename F>
absl::StatusOr<ExportReport> Export(Database& db, F run) {
  internal::GraphLock lock(db, /*exclusive=*/false);
  if (absl::Status s = lock.CheckUsable(false); !s.ok()) return s;
  return run(lock.graph());
}

}  // namespace

absl::StatusOr<ImportReport> ImportCsv(Database& db, const ImportOptions& options) {
  return Import(db, [&](engine::Graph& g) { return engine::ImportCsvIntoGraph(g, options); });
}

absl::StatusOr<ImportOptions> KuzuDirectoryOptions(const std::string& dir) {
  auto names = CsvFilesIn(dir);
  if (!names.ok()) return names.status();
  static const std::regex kNode("([A-Z][a-z0-9]*)\\.csv");
  static const std::regex kRel("([A-Z0-9_]+)_([A-Z][a-z0-9]*)_([A-Z][a-z0-9]*)\\.csv");
  ImportOptions options;
  for (const std::string& name : *names) {
    std::smatch m;
    std::string path = absl::StrCat(dir, "/", name);
    if (std::regex_match(name, m, kNode)) {
      CsvFile f;
      f.path = path;
      f.layout = CsvLayout::kKuzu;
      f.labels = {m[1]};
      options.nodes.push_back(std::move(f));
    } else if (std::regex_match(name, m, kRel)) {
      CsvFile f;
      f.path = path;
      f.layout = CsvLayout::kKuzu;
      f.type = m[1];
      f.from_label = m[2];
      f.to_label = m[3];
      options.relationships.push_back(std::move(f));
    }
  }
  if (options.nodes.empty()) {
    return absl::NotFoundError(absl::StrCat(dir, ": no <Label>.csv node files"));
  }
  return options;
}

absl::StatusOr<ImportOptions> ExportedDirectoryOptions(const std::string& dir) {
  auto names = CsvFilesIn(dir);
  if (!names.ok()) return names.status();
  ImportOptions options;
  for (const std::string& name : *names) {
    std::string path = absl::StrCat(dir, "/", name);
    CsvFile f;
    f.path = path;
    if (absl::StartsWith(name, "nodes_")) options.nodes.push_back(f);
    if (absl::StartsWith(name, "relationships_")) options.relationships.push_back(f);
  }
  return options;
}

absl::StatusOr<ExportReport> ExportCsv(Database& db, const std::string& dir) {
  return Export(db, [&](const engine::Graph& g) { return engine::ExportCsvFromGraph(g, dir); });
}

absl::StatusOr<ExportReport> ExportJsonLines(Database& db, const std::string& path) {
  return Export(db,
                [&](const engine::Graph& g) { return engine::ExportJsonLinesFromGraph(g, path); });
}

absl::StatusOr<ImportReport> ImportJsonLines(Database& db, const std::string& path) {
  return Import(db, [&](engine::Graph& g) { return engine::ImportJsonLinesIntoGraph(g, path); });
}

absl::StatusOr<ExportReport> ExportGraphml(Database& db, const std::string& path) {
  return Export(db,
                [&](const engine::Graph& g) { return engine::ExportGraphmlFromGraph(g, path); });
}

absl::StatusOr<ImportReport> ImportGraphml(Database& db, const std::string& path) {
  return Import(db, [&](engine::Graph& g) { return engine::ImportGraphmlIntoGraph(g, path); });
}

}  // namespace cornerstone
