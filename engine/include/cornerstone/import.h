// Copyright (c) Cornerstone authors. Public API: bulk import from CSV and
// GraphML, export to CSV, JSON Lines and GraphML.
//
//   cornerstone::ImportOptions options;
//   options.nodes.push_back({.path = "people.csv"});           // id:ID,name,:LABEL
//   options.relationships.push_back({.path = "knows.csv"});    // :START_ID,:END_ID,:TYPE
//   auto report = cornerstone::ImportCsv(*db, options);
//   if (!report.ok()) std::cerr << report.status().message();  // "knows.csv:7:3: ..."
//
// Two CSV layouts are understood:
//  * Neo4j admin-import headers: `id:ID`, `id:ID(Group)`, `:LABEL`,
//    `:START_ID(Group)`, `:END_ID(Group)`, `:TYPE`, `:IGNORE` and typed
//    properties `name`, `name:string`, `born:int`, `size:float`,
//    `flag:boolean`, `tags:string[]` (array elements split at
//    `array_delimiter`). An untyped column is a string.
//  * Kùzu-style files (CsvLayout::kKuzu): one node file per label whose
//    header is a list of property names, the first being the primary key
//    (stored as a property too, and the id group is the label); one rel file
//    per type and label pair whose first two columns are the from and to
//    keys (in the groups `from_label` and `to_label`). Column types are
//    inferred from the first rows (integer, float, boolean, else string)
//    unless `column_types` names them.
// Empty unquoted fields are null (the property is absent); `""` is the empty
// string. Errors name the file, line and column ("f.csv:12:5: bad integer
// 'x' for column 'born:int'"). Without `skip_bad_rows` an import is all or
// nothing: a failure takes back every node, relationship and name the
// import added.
//
// Thread safety: an import or export holds no lock of its own; do not run
// statements on the same Database while it runs.
#ifndef CORNERSTONE_IMPORT_H_
#define CORNERSTONE_IMPORT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cornerstone/database.h"

namespace cornerstone {

enum class CsvLayout { kNeo4j, kKuzu };

struct CsvFile {
  std::string path;
  CsvLayout layout = CsvLayout::kNeo4j;
  // Nodes: labels given to every row (besides a :LABEL column's). Kùzu
  // layout: exactly one, which is also the id group.
  std::vector<std::string> labels;
  // Relationships: the type when the file has no :TYPE column.
  std::string type;
  // Kùzu layout, relationships: the id groups (labels) of the from and to
  // columns.
  std::string from_label;
  std::string to_label;
};

struct ImportProgress {
  int64_t rows = 0;         // rows read so far
  int64_t bytes = 0;        // bytes read so far
  int64_t total_bytes = 0;  // the size of all files
  double seconds = 0;       // since the import started
};

struct ImportOptions {
  std::vector<CsvFile> nodes;
  std::vector<CsvFile> relationships;
  char delimiter = ',';
  char array_delimiter = ';';
  // Skip (and count) rows that fail instead of failing the import. A
  // relationship whose endpoint was in a skipped node row is skipped too.
  bool skip_bad_rows = false;
  // Kùzu layout: "Label.column" or "TYPE.column" -> "int", "float",
  // "boolean", "string" (with "[]" for arrays).
  std::map<std::string, std::string> column_types;
  // Property indexes to build after loading: "Label(key)".
  std::vector<std::string> indexes;
  // Called every ~64k rows and once at the end.
  std::function<void(const ImportProgress&)> on_progress;
  // Polled as often (and before the files are linked): once it returns
  // true, the import stops, takes back everything it added, and returns
  // Cancelled. Called on the importing thread; the shell's Ctrl-C sets it.
  std::function<bool()> cancelled;
};

struct ImportReport {
  int64_t nodes = 0;
  int64_t relationships = 0;
  int64_t rows_skipped = 0;
  std::vector<std::string> skipped_errors;  // the first 20, "file:line:col: why"
  int64_t bytes = 0;                        // size of all files
  double seconds = 0;
};

// Loads CSV files into `db`.
absl::StatusOr<ImportReport> ImportCsv(Database& db, const ImportOptions& options);

// The layout gen.py writes (one `<Label>.csv` per label, one
// `<TYPE>_<From>_<To>.csv` per relationship type and label pair, with
// `from,to` columns): Kùzu-style files for every CSV in `dir`. Node labels
// are recognised as file names without '_' that start with an upper-case
// letter followed by lower-case ones.
absl::StatusOr<ImportOptions> KuzuDirectoryOptions(const std::string& dir);

// What ExportCsv writes (`nodes_*.csv`, `relationships_*.csv` in Neo4j
// layout) as import options.
absl::StatusOr<ImportOptions> ExportedDirectoryOptions(const std::string& dir);

struct ExportReport {
  int64_t nodes = 0;
  int64_t relationships = 0;
  std::vector<std::string> files;  // written, in order
};

// Writes every node and relationship to `dir` (created if missing): one
// `nodes_<labels>.csv` per set of labels and one `relationships_<TYPE>.csv`
// per type, with Neo4j headers (`:ID` is the node id). A property whose
// values have different types within one file is written as a string.
absl::StatusOr<ExportReport> ExportCsv(Database& db, const std::string& dir);

// One JSON object per line, nodes first:
//   {"type":"node","id":0,"labels":["Person"],"properties":{"born":1963}}
//   {"type":"relationship","id":0,"label":"KNOWS","start":0,"end":1,"properties":{}}
// Floats always carry a '.' or an exponent, so they read back as floats.
absl::StatusOr<ExportReport> ExportJsonLines(Database& db, const std::string& path);
absl::StatusOr<ImportReport> ImportJsonLines(Database& db, const std::string& path);

// GraphML with one <key> per property name and domain (attr.type long,
// double, boolean or string; lists as JSON text with attr.list), node labels
// in the `labels` attribute (":A:B") and relationship types in `label`, as
// Neo4j writes them. Only present properties are written, so null stays
// null.
absl::StatusOr<ExportReport> ExportGraphml(Database& db, const std::string& path);
absl::StatusOr<ImportReport> ImportGraphml(Database& db, const std::string& path);

}  // namespace cornerstone

#endif  // CORNERSTONE_IMPORT_H_
