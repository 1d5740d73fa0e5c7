// Copyright (c) Cornerstone authors.
// The flags of `cornerstone import` (tools/import/import_command.h), which
// the cornerstone-import binary and the shell's :import share.
#include "import_command.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace cornerstone::tools {
namespace {

TEST_CASE("ParseImportFlags: files with labels and types, Kùzu files, options") {
  auto r = ParseImportFlags({"--nodes", "Person:Founder=people.csv", "--nodes", "more.csv",
                             "--relationships", "KNOWS=knows.csv", "--kuzu-relationships",
                             "OWNS:Company:Company=owns.csv", "--kuzu-nodes", "Company=c.csv",
                             "--column-type", "Company.founded=int", "--delimiter", "TAB",
                             "--array-delimiter", "|", "--index", "Person(name)",
                             "--skip-bad-rows", "--no-progress", "--db", "g.snap"});
  REQUIRE(r.ok());
  REQUIRE(r->csv.nodes.size() == 3);
  CHECK(r->csv.nodes[0].path == "people.csv");
  CHECK(r->csv.nodes[0].labels == std::vector<std::string>{"Person", "Founder"});
  CHECK(r->csv.nodes[1].labels.empty());
  CHECK(r->csv.nodes[2].layout == CsvLayout::kKuzu);
  CHECK(r->csv.nodes[2].labels == std::vector<std::string>{"Company"});
  REQUIRE(r->csv.relationships.size() == 2);
  CHECK(r->csv.relationships[0].type == "KNOWS");
  CHECK(r->csv.relationships[1].from_label == "Company");
  CHECK(r->csv.column_types.at("Company.founded") == "int");
  CHECK(r->csv.delimiter == '\t');
  CHECK(r->csv.array_delimiter == '|');
  CHECK(r->csv.indexes == std::vector<std::string>{"Person(name)"});
  CHECK(r->csv.skip_bad_rows);
  CHECK_FALSE(r->progress);
  CHECK(r->db == "g.snap");
  CHECK(r->HasImports());
  CHECK_FALSE(r->HasExports());
}

TEST_CASE("ParseImportFlags: what is an import, an export, help") {
  CHECK_FALSE(ParseImportFlags({})->HasImports());
  CHECK_FALSE(ParseImportFlags({"--no-progress", "--db", "x"})->HasImports());
  CHECK(ParseImportFlags({"--index", "P(k)"})->HasImports());  // built, with no files
  CHECK(ParseImportFlags({"--graphml", "g.graphml"})->HasImports());
  CHECK(ParseImportFlags({"--export-cypher", "g.cypher"})->HasExports());
  CHECK(ParseImportFlags({"--nodes", "a.csv", "--help"})->help);
}

TEST_CASE("ParseImportFlags: errors") {
  auto message = [](const std::vector<std::string>& args) {
    auto r = ParseImportFlags(args);
    return r.ok() ? std::string("ok") : std::string(r.status().message());
  };
  CHECK(message({"--frobnicate", "x"}) == "unknown option --frobnicate");
  CHECK(message({"--frobnicate"}) == "unknown option --frobnicate");
  CHECK(message({"--nodes"}) == "missing value for --nodes");
  CHECK(message({"--kuzu-relationships", "OWNS=o.csv"}) ==
        "--kuzu-relationships wants TYPE:From:To=FILE, got OWNS=o.csv");
}

}  // namespace
}  // namespace cornerstone::tools
