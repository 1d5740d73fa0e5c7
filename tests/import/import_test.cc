// Copyright (c) Cornerstone authors.
// CSV import: formats, errors with file:line:column, skip_bad_rows, and all
// or nothing. Public API only.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "cornerstone/database.h"
#include "cornerstone/import.h"
#include "tests/import/test_util.h"

namespace cornerstone {
namespace {

using testing::Count;
using testing::Scalar;
using testing::TempDir;

TEST_CASE("Neo4j headers: types, quoting, newlines, UTF-8, nulls") {
  TempDir dir;
  std::string people = dir.Write("people.csv",
                                 "id:ID(P),name,born:int,score:float,tags:string[],ok:boolean,:LABEL\n"
                                 "1,\"Kim, \"\"Pablo\"\"\",1963,1.5,a;b,true,Person\n"
                                 "2,\"two\nlines\",,,,false,Person;Founder\n"
                                 "3,김민준,2001,-2e3,,TRUE,Person\n"
                                 "4,\"\",,,,,\n");
  std::string knows = dir.Write("knows.csv",
                                ":START_ID(P),:END_ID(P),since:int\r\n1,2,2010\r\n2,3,\r\n");
  auto db = Database::Open();
  REQUIRE(db.ok());
  ImportOptions options;
  CsvFile n, r;
  n.path = people;
  r.path = knows;
  r.type = "KNOWS";
  options.nodes.push_back(n);
  options.relationships.push_back(r);
  auto report = ImportCsv(**db, options);
  REQUIRE_MESSAGE(report.ok(), report.status().message());
  CHECK(report->nodes == 4);
  CHECK(report->relationships == 2);
  CHECK(Count(**db, "MATCH (p:Person) RETURN count(p)") == 3);
  CHECK(Count(**db, "MATCH (p:Founder) RETURN count(p)") == 1);
  CHECK(Scalar(**db, "MATCH (p {id: 1}) RETURN p.name") == "'Kim, \"Pablo\"'");
  CHECK(Scalar(**db, "MATCH (p {id: 2}) RETURN p.name") == "'two\\nlines'");
  CHECK(Scalar(**db, "MATCH (p {id: 3}) RETURN p.name") == "'김민준'");
  CHECK(Scalar(**db, "MATCH (p {id: 3}) RETURN p.score") == "-2000.0");
  CHECK(Scalar(**db, "MATCH (p {id: 1}) RETURN p.tags") == "['a', 'b']");
  CHECK(Scalar(**db, "MATCH (p {id: 3}) RETURN p.ok") == "true");
  CHECK(Scalar(**db, "MATCH (p {id: 2}) RETURN p.born IS NULL") == "true");
  CHECK(Scalar(**db, "MATCH (p {id: 4}) RETURN p.name") == "''");
  CHECK(Scalar(**db, "MATCH (p {id: 4}) RETURN size(labels(p))") == "0");
  CHECK(Scalar(**db, "MATCH ({id: 1})-[k:KNOWS]->(b) RETURN k.since") == "2010");
  CHECK(Scalar(**db, "MATCH ({id: 2})-[k:KNOWS]->(b) RETURN k.since IS NULL") == "true");
}

TEST_CASE("Kuzu layout: per-label files, inferred and given types, indexes") {
  TempDir dir;
  dir.Write("Person.csv", "id,name,born\n0,Ann,1970\n1,Bob,1980\n");
  dir.Write("Company.csv", "id,name,cap\n10,Acme,1.0\n11,Beta,\n");
  dir.Write("WORKS_AT_Person_Company.csv", "from,to,since\n0,10,2001\n1,11,2002\n");
  auto options = KuzuDirectoryOptions(dir.path());
  REQUIRE(options.ok());
  options->column_types["WORKS_AT.since"] = "string";
  options->indexes = {"Person(name)"};
  auto db = Database::Open();
  REQUIRE(db.ok());
  auto report = ImportCsv(**db, *options);
  REQUIRE_MESSAGE(report.ok(), report.status().message());
  CHECK(report->nodes == 4);
  CHECK(report->relationships == 2);
  CHECK(Scalar(**db, "MATCH (c:Company {name: 'Acme'}) RETURN c.cap") == "1.0");
  CHECK(Scalar(**db, "MATCH (c:Company {name: 'Acme'}) RETURN c.id") == "10");
  CHECK(Scalar(**db, "MATCH (:Person {name: 'Bob'})-[w:WORKS_AT]->(c) RETURN w.since") ==
        "'2002'");
  CHECK((*db)->GetSchema().indexes.size() == 1);
}

// Imports one node file and one relationship file; returns the error.
std::string ImportError(TempDir& dir, const std::string& nodes, const std::string& rels,
                        Database& db, bool skip = false, ImportReport* out = nullptr) {
  ImportOptions options;
  CsvFile n, r;
  n.path = dir.Write("n.csv", nodes);
  options.nodes.push_back(n);
  if (!rels.empty()) {
    r.path = dir.Write("r.csv", rels);
    r.type = "R";
    options.relationships.push_back(r);
  }
  options.skip_bad_rows = skip;
  auto report = ImportCsv(db, options);
  if (report.ok()) {
    if (out) *out = *report;
    return "";
  }
  std::string message(report.status().message());
  return message.substr(message.rfind('/') + 1);  // without the temp folder
}

TEST_CASE("errors name file, line and column; nothing is imported") {
  TempDir dir;
  auto db = Database::Open();
  REQUIRE(db.ok());
  const std::string good_nodes = "id:ID,age:int\n1,30\n2,40\n";
  CHECK(ImportError(dir, "id:ID,age:int\n1,30\n2,x4\n", "", **db) ==
        "n.csv:3:3: bad integer 'x4' for column 'age:int'");
  CHECK(ImportError(dir, "id:ID,w:float\n1,\n\"multi\nline\",1.5e\n", "", **db) ==
        "n.csv:4:7: bad float '1.5e' for column 'w:float'");
  CHECK(ImportError(dir, "id:ID,age:int\n1,30,7\n", "", **db) ==
        "n.csv:2:6: header mismatch: 3 fields, the header has 2");
  CHECK(ImportError(dir, "id:ID,age:int\n1\n", "", **db) ==
        "n.csv:2:2: header mismatch: 1 fields, the header has 2");
  CHECK(ImportError(dir, "id:ID,age:integer\n1,2\n", "", **db) ==
        "n.csv:1:7: unknown type 'integer' in column 'age:integer'");
  CHECK(ImportError(dir, "id:ID,name\n1,\"open\n", "", **db) ==
        "n.csv:2:3: unterminated quoted field");
  CHECK(ImportError(dir, "id:ID,name\n1,a\n1,b\n", "", **db) == "n.csv:3:1: duplicate node id '1'");
  CHECK(ImportError(dir, good_nodes, ":START_ID,:END_ID\n1,2\n2,3\n", **db) ==
        "r.csv:3:3: dangling relationship: no node with id '3'");
  CHECK(ImportError(dir, good_nodes, ":START_ID,:TYPE\n1,X\n", **db) ==
        "r.csv:1:16: header mismatch: no :END_ID column");
  CHECK(ImportError(dir, "id:ID,name\n1,한국어\n2,\"ok\"x\n", "", **db) ==
        "n.csv:3:7: unexpected character after a closing quote");
  CHECK(ImportError(dir, "id:ID,n:string,k:int\n\"한국\",\"이름\",z\n", "", **db) ==
        "n.csv:2:11: bad integer 'z' for column 'k:int'");
  // All or nothing: the failed imports left nothing behind.
  CHECK(Count(**db, "MATCH (n) RETURN count(n)") == 0);
}

TEST_CASE("skip_bad_rows counts skipped rows and drops their relationships") {
  TempDir dir;
  auto db = Database::Open();
  REQUIRE(db.ok());
  ImportReport report;
  std::string error = ImportError(dir, "id:ID,age:int\n1,30\n2,bad\n3,50\n",
                                  ":START_ID,:END_ID\n1,3\n1,2\n3,9\n", **db, true, &report);
  REQUIRE(error.empty());
  CHECK(report.nodes == 2);
  CHECK(report.relationships == 1);
  CHECK(report.rows_skipped == 3);
  REQUIRE(report.skipped_errors.size() == 3);
  CHECK(report.skipped_errors[0].find("n.csv:3:3: bad integer 'bad'") != std::string::npos);
  CHECK(report.skipped_errors[2].find("r.csv:4:3: dangling relationship") != std::string::npos);
  CHECK(Count(**db, "MATCH (a)-[:R]->(b) RETURN count(*)") == 1);
}


// The names a schema lists, for comparing a graph before and after.
std::string SchemaText(Database& db) {
  Schema s = db.GetSchema();
  std::string text = std::to_string(s.node_count) + "/" + std::to_string(s.relationship_count);
  for (const auto& l : s.labels) text += " L:" + l.name + "=" + std::to_string(l.count);
  for (const auto& t : s.relationship_types) text += " T:" + t.name + "=" + std::to_string(t.count);
  for (const auto& k : s.property_keys) text += " K:" + k;
  for (const auto& i : s.indexes) text += " I:" + i;
  return text;
}

TEST_CASE("a failed import into a non-empty graph takes back its nodes, rows and names") {
  TempDir dir;
  auto db = Database::Open();
  REQUIRE(db.ok());
  ImportOptions first;
  CsvFile n, r;
  n.path = dir.Write("a.csv", "id:ID,name,:LABEL\n1,Ann,Person\n2,Bob,Person\n");
  r.path = dir.Write("ar.csv", ":START_ID,:END_ID,:TYPE\n1,2,KNOWS\n2,1,KNOWS\n1,1,LIKES\n");
  first.nodes.push_back(n);
  first.relationships.push_back(r);
  first.indexes = {"Person(name)"};
  REQUIRE(ImportCsv(**db, first).ok());
  const std::string dump = testing::Dump(**db), schema = SchemaText(**db);

  // New labels, types and keys, many rows, then an error in the last row
  // of the last file: nothing of it may remain.
  std::string nodes = "id:ID,name,age:int,:LABEL\n";
  std::string rels = ":START_ID,:END_ID,:TYPE,w:float\n";
  for (int i = 0; i < 3000; ++i) {
    nodes += std::to_string(i) + ",n" + std::to_string(i) + "," + std::to_string(i) + ",Fresh\n";
    rels += std::to_string(i) + "," + std::to_string((i * 7) % 3000) + ",NEW,0.5\n";
  }
  rels += "1,2,NEW,oops\n";
  ImportOptions second;
  n.path = dir.Write("b.csv", nodes);
  r.path = dir.Write("br.csv", rels);
  second.nodes = {n};
  second.relationships = {r};
  auto failed = ImportCsv(**db, second);
  REQUIRE_FALSE(failed.ok());
  CHECK(std::string(failed.status().message()).find("br.csv:3002:") != std::string::npos);
  CHECK(testing::Dump(**db) == dump);
  CHECK(SchemaText(**db) == schema);
  CHECK(Scalar(**db, "MATCH (p:Person {name: 'Bob'}) RETURN p.id") == "2");
  CHECK(Count(**db, "MATCH (:Person {name: 'Ann'})-[:KNOWS]->(b) RETURN count(b)") == 1);

  // Good files but a bad index name: also nothing.
  ImportOptions bad_index = first;
  bad_index.nodes[0].path = dir.Write("c.csv", "id:ID,x:int,:LABEL\n7,1,Other\n");
  bad_index.relationships.clear();
  bad_index.indexes = {"Other(x)", "Other"};
  auto index_failed = ImportCsv(**db, bad_index);
  REQUIRE_FALSE(index_failed.ok());
  CHECK(index_failed.status().message() == "bad index 'Other': expected Label(key)");
  CHECK(testing::Dump(**db) == dump);
  CHECK(SchemaText(**db) == schema);

  // The same files without the bad row load next to the first import, and
  // its relationships are linked into adjacency already holding entries.
  rels.resize(rels.rfind("1,2,NEW,oops\n"));
  r.path = dir.Write("br.csv", rels + "0,0,KNOWS,1.0\n");
  second.relationships = {r};
  auto report = ImportCsv(**db, second);
  REQUIRE_MESSAGE(report.ok(), report.status().message());
  CHECK(report->nodes == 3000);
  CHECK(report->relationships == 3001);
  CHECK(Count(**db, "MATCH (:Fresh)-[:NEW]->(:Fresh) RETURN count(*)") == 3000);
  CHECK(Count(**db, "MATCH (a:Fresh {id: 1})-[:NEW]->(b) RETURN b.age") == 7);
  CHECK(Count(**db, "MATCH (a:Fresh {id: 0})-[:KNOWS]->(b) RETURN b.age") == 0);
  CHECK(Count(**db, "MATCH (a)<-[:NEW]-(b:Fresh {id: 2999}) RETURN a.age") == (2999 * 7) % 3000);
  CHECK(Count(**db, "MATCH (:Person)-[k:KNOWS]->(:Person) RETURN count(k)") == 2);
  CHECK(Count(**db, "MATCH ()-[k:KNOWS]->() RETURN count(k)") == 3);
}

TEST_CASE("import into a file database: saved, then logged writes and rollback still work") {
  TempDir dir;
  std::string path = dir.path() + "/g.db";
  {
    auto db = Database::Open(path);
    REQUIRE(db.ok());
    ImportOptions options;
    CsvFile n, r;
    n.path = dir.Write("n.csv", "id:ID,name\n1,a\n2,b\n3,c\n");
    r.path = dir.Write("r.csv", ":START_ID,:END_ID\n1,2\n2,3\n");
    r.type = "R";
    options.nodes.push_back(n);
    options.relationships.push_back(r);
    REQUIRE(ImportCsv(**db, options).ok());
    Connection conn(**db);
    REQUIRE(conn.Query("MATCH (a {id: 3}), (b {id: 1}) CREATE (a)-[:R]->(b)").ok());
    REQUIRE(conn.Begin().ok());
    REQUIRE(conn.Query("MATCH (a {id: 1})-[r:R]->() DELETE r").ok());
    REQUIRE(conn.Rollback().ok());
    CHECK(Count(**db, "MATCH ()-[r:R]->() RETURN count(r)") == 3);
  }
  auto db = Database::Open(path);
  REQUIRE(db.ok());
  CHECK(Count(**db, "MATCH (n) RETURN count(n)") == 3);
  CHECK(Count(**db, "MATCH ({id: 1})-[:R]->({id: 2})-[:R]->({id: 3})-[:R]->(x) RETURN x.id") == 1);
}

// A relationship file without '"' or '\r' is parsed in pieces of 2 MiB on
// two threads; one with either is read front to back. Both must give the
// same graph, the same errors (line and column past the first pieces) and
// the same skipped rows in the same order.
TEST_CASE("a cancelled import takes back everything it added") {
  TempDir dir;
  auto db = Database::Open();
  REQUIRE(db.ok());
  REQUIRE(Count(**db, "CREATE (:Kept {id: 1}) RETURN 1") == 1);
  const std::string dump = testing::Dump(**db), schema = SchemaText(**db);
  // More rows than one progress step (64k), so that a file read row by row
  // polls inside it.
  constexpr int kRows = 70000;
  std::string nodes = "id:ID,name,:LABEL\n";
  std::string rels;
  for (int i = 0; i < kRows; ++i) {
    nodes += absl::StrCat(i, ",n", i, ",Fresh\n");
    rels += absl::StrCat(i, ",", (i * 7) % kRows, ",NEW\n");
  }
  CsvFile n, plain, quoted;
  n.path = dir.Write("n.csv", nodes);
  // A plain file (read in pieces) and one read row by row (a quoted field).
  plain.path = dir.Write("r.csv", ":START_ID,:END_ID,:TYPE\n" + rels);
  quoted.path = dir.Write("q.csv", ":START_ID,:END_ID,:TYPE\n\"0\",1,NEW\n" + rels);
  // Polled once per piece of a plain file, every 64k rows of the other,
  // and before linking: cancelled at each of those points.
  for (const CsvFile& rel : {plain, quoted}) {
    for (int polls = 1; polls <= 3; ++polls) {
      ImportOptions options;
      options.nodes = {n};
      options.relationships = {rel};
      int calls = 0;
      options.cancelled = [&] { return ++calls >= polls; };
      auto result = ImportCsv(**db, options);
      INFO("cancelled at poll " << polls << " of " << rel.path);
      REQUIRE_FALSE(result.ok());
      CHECK(result.status().code() == absl::StatusCode::kCancelled);
      CHECK(result.status().message() == "import cancelled: nothing of it was kept");
      CHECK(calls == polls);
      CHECK(testing::Dump(**db) == dump);
      CHECK(SchemaText(**db) == schema);
    }
  }
  // Never cancelled: the same import completes.
  ImportOptions options;
  options.nodes = {n};
  options.relationships = {quoted};
  int calls = 0;
  options.cancelled = [&] { return ++calls > 3; };
  auto result = ImportCsv(**db, options);
  REQUIRE_MESSAGE(result.ok(), result.status().message());
  CHECK(calls == 3);
  CHECK(Count(**db, "MATCH (:Fresh)-[e:NEW]->(:Fresh) RETURN count(e)") == kRows + 1);
}

TEST_CASE("relationship files parsed in pieces match the front-to-back reading") {
  TempDir dir;
  std::string nodes = "id:ID,name\n";
  constexpr int kNodes = 1000;
  for (int i = 0; i < kNodes; ++i) nodes += std::to_string(i) + ",n" + std::to_string(i) + "\n";
  std::string rels = ":START_ID,:END_ID,w:int\n";
  int lines = 1;
  constexpr int kRels = 600000;  // about 9 MB: five pieces
  for (int i = 0; i < kRels; ++i) {
    rels += std::to_string(i % kNodes) + "," + std::to_string((i * 37 + 11) % kNodes) + "," +
            std::to_string(i) + "\n";
    ++lines;
    if (i % 100000 == 99999) {  // a bad row in some pieces
      rels += std::to_string(i % kNodes) + ",1000" + std::to_string(i) + ",1\n";
      ++lines;
    }
  }
  // The same rows with one quoted field, which makes the file not plain.
  std::string quoted = rels;
  quoted.replace(quoted.find("\n") + 1, 1, "\"0\"");
  REQUIRE(quoted.substr(0, 40) != rels.substr(0, 40));

  auto run = [&](const std::string& text, bool skip, ImportReport* report) {
    auto db = Database::Open();
    REQUIRE(db.ok());
    ImportOptions options;
    CsvFile n, r;
    n.path = dir.Write("n.csv", nodes);
    r.path = dir.Write("r.csv", text);
    r.type = "R";
    options.nodes = {n};
    options.relationships = {r};
    options.skip_bad_rows = skip;
    auto result = ImportCsv(**db, options);
    if (!result.ok()) {
      std::string message(result.status().message());
      return message.substr(message.rfind('/') + 1);
    }
    *report = *result;
    return absl::StrCat(
        Count(**db, "MATCH ()-[r:R]->() RETURN count(r)"), " ",
        Count(**db, "MATCH (a)-[r:R]->(b) RETURN sum(a.id * 1000003 + b.id * 7 + r.w)"), " ",
        Count(**db, "MATCH (a {id: 11})<-[r:R]-(b) RETURN sum(r.w * b.id)"), " ",
        Scalar(**db, "MATCH (a {id: 5})-[r:R]->(b) RETURN collect(r.w)[0..5]"));
  };
  ImportReport plain, front;
  std::string expected_error =
      absl::StrCat("r.csv:", 100001 + 1, ":5: dangling relationship: no node with id '100099999'");
  CHECK(run(rels, false, &plain) == expected_error);
  CHECK(run(quoted, false, &front) == expected_error);
  std::string a = run(rels, true, &plain), b = run(quoted, true, &front);
  CHECK(a == b);
  CHECK(a.rfind(std::to_string(kRels) + " ", 0) == 0);
  CHECK(plain.relationships == kRels);
  CHECK(plain.rows_skipped == 6);
  CHECK(plain.skipped_errors == front.skipped_errors);
  CHECK(plain.skipped_errors.back().find(absl::StrCat("r.csv:", lines, ":")) != std::string::npos);
}

TEST_CASE("node files parsed in pieces match the front-to-back reading") {
  TempDir dir;
  std::string nodes = "id:ID,v:int,name\n";
  constexpr int kNodes = 400000;  // about 8 MB: four pieces
  for (int i = 0; i < kNodes; ++i) {
    nodes += std::to_string(i) + "," + std::to_string(i * 3) + ",n" + std::to_string(i) + "\n";
    if (i == 250000) nodes += "5,1,dup\n";   // a duplicate id in a later piece
    if (i == 330000) nodes += "x1,bad,b\n";  // a bad integer
    if (i == 390000) nodes += "7,2,dup\n";   // another duplicate
  }
  std::string quoted = nodes;
  quoted.replace(quoted.find("\n") + 1, 1, "\"0\"");
  std::string rels = ":START_ID,:END_ID\n5,7\n7,399999\n";

  auto run = [&](const std::string& text, bool skip, ImportReport* report) {
    auto db = Database::Open();
    REQUIRE(db.ok());
    ImportOptions options;
    CsvFile n, r;
    n.path = dir.Write("n.csv", text);
    r.path = dir.Write("r.csv", rels);
    r.type = "R";
    options.nodes = {n};
    options.relationships = {r};
    options.skip_bad_rows = skip;
    auto result = ImportCsv(**db, options);
    if (!result.ok()) {
      std::string message(result.status().message());
      return message.substr(message.rfind('/') + 1);
    }
    *report = *result;
    return absl::StrCat(Count(**db, "MATCH (n) RETURN count(n)"), " ",
                        Count(**db, "MATCH (n) RETURN sum(n.id * 7 + n.v)"), " ",
                        Scalar(**db, "MATCH (a)-[:R]->(b) RETURN collect([a.name, b.name])"));
  };
  ImportReport plain, front;
  std::string expected_error = "n.csv:250003:1: duplicate node id '5'";
  CHECK(run(nodes, false, &plain) == expected_error);
  CHECK(run(quoted, false, &front) == expected_error);
  std::string a = run(nodes, true, &plain), b = run(quoted, true, &front);
  CHECK(a == b);
  CHECK(a.find("[['n5', 'n7'], ['n7', 'n399999']]") != std::string::npos);
  CHECK(a.rfind(std::to_string(kNodes) + " ", 0) == 0);
  CHECK(plain.nodes == kNodes);
  CHECK(plain.rows_skipped == 3);
  CHECK(plain.skipped_errors == front.skipped_errors);
  REQUIRE(plain.skipped_errors.size() == 3);
  CHECK(plain.skipped_errors[1].find("n.csv:330004:4: bad integer 'bad'") != std::string::npos);
  CHECK(plain.skipped_errors[2].find("n.csv:390005:1: duplicate node id '7'") != std::string::npos);
}
}  // namespace
}  // namespace cornerstone
