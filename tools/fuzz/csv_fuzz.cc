// Copyright (c) Cornerstone authors.
// Fuzz target: the CSV importer (ImportCsv, public API) on a fresh
// in-memory database, then queries over what was imported.
//
// Input: one option character, then the node file, then optionally a line
// "===" followed by the relationship file:
//   option bit 0 (value & 1): Kùzu layout (nodes :Person, rels Person->Person)
//                             instead of Neo4j headers
//   bit 1: skip_bad_rows
//   bit 2: '|' as the delimiter instead of ','
//   bit 3: build an index Person(name)
// e.g. "0id:ID,name,:LABEL\n1,Ann,Person\n===\n:START_ID,:END_ID,:TYPE\n1,1,KNOWS\n".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cornerstone/database.h"
#include "cornerstone/import.h"
#include "tools/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 16384) return -1;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  unsigned flags = static_cast<unsigned char>(input[0]);
  input.remove_prefix(1);
  std::string_view nodes = input, rels;
  bool have_rels = false;
  if (size_t split = input.find("\n===\n"); split != std::string_view::npos) {
    nodes = input.substr(0, split + 1);
    rels = input.substr(split + 5);
    have_rels = true;
  }

  cornerstone::fuzz::ClearScratch();
  const std::string& dir = cornerstone::fuzz::ScratchDir();
  cornerstone::ImportOptions options;
  cornerstone::CsvLayout layout =
      (flags & 1) ? cornerstone::CsvLayout::kKuzu : cornerstone::CsvLayout::kNeo4j;
  options.skip_bad_rows = (flags & 2) != 0;
  if (flags & 4) options.delimiter = '|';
  if (flags & 8) options.indexes.push_back("Person(name)");
  cornerstone::CsvFile node_file;
  node_file.path = dir + "/Person.csv";
  node_file.layout = layout;
  if (layout == cornerstone::CsvLayout::kKuzu) node_file.labels = {"Person"};
  cornerstone::fuzz::WriteFile(node_file.path, nodes);
  options.nodes.push_back(node_file);
  if (have_rels) {
    cornerstone::CsvFile rel_file;
    rel_file.path = dir + "/KNOWS.csv";
    rel_file.layout = layout;
    rel_file.type = "KNOWS";
    if (layout == cornerstone::CsvLayout::kKuzu) {
      rel_file.from_label = "Person";
      rel_file.to_label = "Person";
    }
    cornerstone::fuzz::WriteFile(rel_file.path, rels);
    options.relationships.push_back(rel_file);
  }

  auto db = cornerstone::Database::Open();
  if (!db.ok()) cornerstone::fuzz::Die("open", db.status().message());
  absl::StatusOr<cornerstone::ImportReport> report = cornerstone::ImportCsv(**db, options);
  if (!report.ok()) {
    if (report.status().message().empty()) cornerstone::fuzz::Die("an error without a message");
    // All or nothing: a failed import without skip_bad_rows leaves nothing.
    cornerstone::Connection conn(**db);
    if (!options.skip_bad_rows &&
        cornerstone::fuzz::Scalar(conn, "MATCH (n) RETURN count(n)").ToString() != "0") {
      cornerstone::fuzz::Die("a failed import left nodes behind");
    }
    return 0;
  }
  cornerstone::Connection conn(**db);
  cornerstone::Value nodes_now = cornerstone::fuzz::Scalar(conn, "MATCH (n) RETURN count(n)");
  if (nodes_now.ToString() != std::to_string(report->nodes)) {
    cornerstone::fuzz::Die("node count differs from the report:", nodes_now.ToString());
  }
  for (const char* query : {
           "MATCH (n) RETURN n, labels(n), keys(n) LIMIT 200",
           "MATCH (a)-[r]->(b) RETURN a, r, b LIMIT 200",
           "MATCH (n:Person) WHERE n.name IS NOT NULL RETURN n.name ORDER BY n.name LIMIT 50",
       }) {
    cornerstone::fuzz::Drain(conn, query);
  }
  return 0;
}
