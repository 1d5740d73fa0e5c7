// Copyright (c) Cornerstone authors.
// Resource limits (memory budget, rows, variable-length path length,
// parameter size and depth), read-only statements, parameters as the guard
// against injection, and hostile inputs (deep nesting, huge literals, random
// bytes). Each case gets a clear error or a bounded, correct answer; after
// an error the graph is unchanged and the next statement works.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cornerstone/cornerstone.h"

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::Params;
using cornerstone::QueryOptions;
using cornerstone::Value;

namespace {

std::unique_ptr<Database> OpenDb(const cornerstone::DatabaseOptions& options = {}) {
  auto db = Database::Open(options);
  REQUIRE(db.ok());
  return *std::move(db);
}

int64_t Count(Connection& conn, const std::string& query) {
  auto r = conn.Query(query);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  REQUIRE(r->Next());
  auto n = r->GetInt(0);
  REQUIRE(n.ok());
  return *n;
}

bool StartsWith(const absl::Status& s, const std::string& prefix) {
  return std::string(s.message()).rfind(prefix, 0) == 0;
}

bool Contains(const absl::Status& s, const std::string& part) {
  return std::string(s.message()).find(part) != std::string::npos;
}

QueryOptions MemoryLimit(int64_t bytes) {
  QueryOptions o;
  o.memory_limit_bytes = bytes;
  return o;
}

// A chain (:C {i: 0})-[:NEXT]->(:C {i: 1})-> ... of `n` nodes.
void MakeChain(Connection& conn, int n) {
  auto r = conn.Query(
      "UNWIND range(0, $n - 1) AS i CREATE (:C {i: i}) WITH count(*) AS made "
      "MATCH (a:C), (b:C) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT]->(b)",
      {{"n", Value(int64_t{n})}});
  REQUIRE_MESSAGE(r.ok(), r.status().message());
}

}  // namespace

TEST_CASE("the memory budget stops sort, aggregation, DISTINCT, collect() and range()") {
  auto db = OpenDb();
  Connection conn(*db);
  const QueryOptions small = MemoryLimit(8 << 20);  // 8 MiB
  for (const char* query : {
           "UNWIND range(1, 1000000) AS x RETURN collect(x) AS xs",
           "UNWIND range(1, 1000000) AS x WITH x ORDER BY x DESC RETURN x LIMIT 1",
           "UNWIND range(1, 1000000) AS x WITH DISTINCT x RETURN count(x)",
           "UNWIND range(1, 1000000) AS x RETURN x % 400000 AS k, count(*) AS n",
           "UNWIND range(1, 1000000) AS x RETURN count(DISTINCT x)",
           "UNWIND range(1, 1000000) AS x RETURN x",
           "RETURN size(range(1, 5000000)) AS n",
       }) {
    const std::string text = query;
    CAPTURE(text);
    auto r = conn.Query(query, {}, small);
    REQUIRE(!r.ok());
    CHECK(r.status().code() == absl::StatusCode::kResourceExhausted);
    CHECK(r.status().message() ==
          "MemoryLimitExceeded: the query needs more than 8 MiB for intermediate results "
          "(limit: QueryOptions::memory_limit_bytes)");
    // The same statement fits the default budget (1 GiB).
    CHECK(conn.Query(query).ok());
  }
  CHECK(Count(conn, "RETURN 1") == 1);  // the connection is healthy
}

TEST_CASE("the memory budget stops strings and lists built inside one expression") {
  auto db = OpenDb();
  Connection conn(*db);
  const QueryOptions small = MemoryLimit(8 << 20);  // 8 MiB
  // Each doubles or copies past the budget within a single expression; none
  // holds anything across rows.
  for (const char* query : {
           "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n",
           "RETURN size(reduce(l = [1], i IN range(1, 40) | l + l)) AS n",
           "WITH reduce(s = 'x', i IN range(1, 20) | s + s) AS s "
           "RETURN size([x IN range(1, 100) | s]) AS n",
           "WITH reduce(s = 'x', i IN range(1, 16) | s + s) AS s "
           "RETURN size(replace(s, 'x', s)) AS n",
           "WITH reduce(s = 'x', i IN range(1, 23) | s + s) AS s RETURN size(s + 1) AS n",
       }) {
    const std::string text = query;
    CAPTURE(text);
    auto r = conn.Query(query, {}, small);
    REQUIRE(!r.ok());
    CHECK(r.status().message() ==
          "MemoryLimitExceeded: the query needs more than 8 MiB for intermediate results "
          "(limit: QueryOptions::memory_limit_bytes)");
  }
  // Below the budget they are answered.
  CHECK(Count(conn, "RETURN size(reduce(s = 'x', i IN range(1, 20) | s + s)) AS n") == 1 << 20);
  CHECK(Count(conn, "WITH reduce(s = 'ab', i IN range(1, 10) | s + s) AS s "
                    "RETURN size(replace(s, 'a', 'xyz'))") == 4 << 10);
  CHECK(Count(conn, "RETURN size([x IN range(1, 1000) | 'abc' + x])") == 1000);
}

TEST_CASE("a statement over its memory budget changes nothing") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("CREATE (:Keep {v: 1})").ok());
  auto r = conn.Query(
      "MATCH (k:Keep) SET k.v = 2 CREATE (:New) WITH 1 AS one "
      "UNWIND range(1, 2000000) AS x RETURN collect(x) AS xs",
      {}, MemoryLimit(4 << 20));
  REQUIRE(!r.ok());
  CHECK(StartsWith(r.status(), "MemoryLimitExceeded: "));
  CHECK(Count(conn, "MATCH (n:New) RETURN count(n)") == 0);
  CHECK(Count(conn, "MATCH (k:Keep) RETURN k.v") == 1);
  CHECK(Count(conn, "MATCH (n) RETURN count(n)") == 1);
}

TEST_CASE("the memory budget counts a list shared by many rows once") {
  auto db = OpenDb();
  Connection conn(*db);
  // Each of the 1000 sorted rows holds the same 100000-element list: about
  // 4 MB once, 4 GB if each copy were counted.
  auto r = conn.Query(
      "WITH range(1, 100000) AS big UNWIND range(1, 1000) AS x "
      "WITH x, big ORDER BY x DESC RETURN x, size(big) AS n LIMIT 1",
      {}, MemoryLimit(64 << 20));
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 1000);
  CHECK(*r->GetInt(1) == 100000);
}

TEST_CASE("UNWIND range(1, 10^12) is a type error; range(1, 1000000000000) hits the budget") {
  auto db = OpenDb();
  Connection conn(*db);
  auto r = conn.Query("UNWIND range(1, 10^12) AS x RETURN count(*)");
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(Contains(r.status(), "range() expects integers, but got FLOAT"));
  r = conn.Query("UNWIND range(1, 1000000000000) AS x RETURN count(*)", {},
                 MemoryLimit(64 << 20));
  REQUIRE(!r.ok());
  CHECK(StartsWith(r.status(), "MemoryLimitExceeded: the query needs more than 64 MiB"));
  CHECK(Count(conn, "UNWIND range(1, 1000) AS x RETURN count(*)") == 1000);
}

TEST_CASE("max_rows: a result longer than the limit is an error, not a truncated answer") {
  auto db = OpenDb();
  Connection conn(*db);
  QueryOptions o;
  o.max_rows = 10;
  auto r = conn.Query("UNWIND range(1, 11) AS x RETURN x", {}, o);
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(r.status().message() ==
        "RowLimitExceeded: the query returns more than 10 rows (limit: QueryOptions::max_rows)");
  r = conn.Query("UNWIND range(1, 10) AS x RETURN x", {}, o);
  REQUIRE(r.ok());
  CHECK(r->num_rows() == 10);
  r = conn.Query("UNWIND range(1, 1000000) AS x RETURN x LIMIT 10", {}, o);
  REQUIRE(r.ok());
  CHECK(r->num_rows() == 10);
  // Writes of a statement over the limit are undone.
  r = conn.Query("UNWIND range(1, 20) AS x CREATE (n:R {x: x}) RETURN n", {}, o);
  REQUIRE(!r.ok());
  CHECK(Count(conn, "MATCH (n:R) RETURN count(n)") == 0);
  // A write without RETURN returns no rows.
  CHECK(conn.Query("UNWIND range(1, 20) AS x CREATE (:R {x: x})", {}, o).ok());
  CHECK(Count(conn, "MATCH (n:R) RETURN count(n)") == 20);
}

TEST_CASE("unbounded variable-length patterns stop with an error past max_var_length") {
  auto db = OpenDb();
  Connection conn(*db);
  MakeChain(conn, 300);
  const std::string unbounded = "MATCH (a:C {i: 0})-[*]->(b) RETURN count(b)";
  auto r = conn.Query(unbounded);  // the default limit is 100 hops
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(r.status().message() ==
        "VarLengthLimitExceeded: a variable-length pattern without an upper bound ([*] or "
        "[*n..]) found a path longer than 100 hops (limit: QueryOptions::max_var_length); give "
        "the pattern an explicit upper bound such as [*..200] or raise the limit");
  r = conn.Query("MATCH (a:C {i: 0})-[*2..]->(b) RETURN count(b)");
  REQUIRE(!r.ok());
  CHECK(StartsWith(r.status(), "VarLengthLimitExceeded: "));
  // Explicit upper bounds are honoured as written.
  CHECK(Count(conn, "MATCH (a:C {i: 0})-[*..1000]->(b) RETURN count(b)") == 299);
  CHECK(Count(conn, "MATCH (a:C {i: 0})-[*..100]->(b) RETURN count(b)") == 100);
  // Raising the limit, or none (0), gives the whole answer.
  QueryOptions o;
  o.max_var_length = 300;
  r = conn.Query(unbounded, {}, o);
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 299);
  o.max_var_length = 0;
  r = conn.Query(unbounded, {}, o);
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 299);
  // Below the limit the answer is exact: no path is longer than 99 hops.
  CHECK(Count(conn, "MATCH (a:C {i: 200})-[*]->(b) RETURN count(b)") == 99);
  // With no length limit, the memory budget still bounds the search's stack.
  QueryOptions tight = MemoryLimit(16 << 10);
  tight.max_var_length = 0;
  CHECK(StartsWith(conn.Query(unbounded, {}, tight).status(), "MemoryLimitExceeded: "));
  // Undirected, the path back to node 0 is 200 hops long.
  CHECK(StartsWith(conn.Query("MATCH (a:C {i: 200})-[*]-(b) RETURN count(b)").status(),
                   "VarLengthLimitExceeded: "));
  o.max_var_length = 200;
  r = conn.Query("MATCH (a:C {i: 200})-[*]-(b) RETURN count(b)", {}, o);
  REQUIRE(r.ok());
  REQUIRE(r->Next());
  CHECK(*r->GetInt(0) == 299);
}

TEST_CASE("connection defaults sit between the query's options and the database's") {
  cornerstone::DatabaseOptions dbo;
  dbo.query_max_rows = 3;
  auto db = OpenDb(dbo);
  Connection plain(*db);
  CHECK(!plain.Query("UNWIND range(1, 4) AS x RETURN x").ok());  // the database's 3
  QueryOptions defaults;
  defaults.max_rows = 5;
  Connection conn(*db, defaults);
  CHECK(conn.Query("UNWIND range(1, 5) AS x RETURN x").ok());  // the connection's 5
  CHECK(!conn.Query("UNWIND range(1, 6) AS x RETURN x").ok());
  QueryOptions none;
  none.max_rows = 0;  // the query's own: no limit
  auto r = conn.Query("UNWIND range(1, 100) AS x RETURN x", {}, none);
  REQUIRE(r.ok());
  CHECK(r->num_rows() == 100);
  // Prepared statements use the same options.
  auto p = conn.Prepare("UNWIND range(1, $n) AS x RETURN x");
  REQUIRE(p.ok());
  p->Bind("n", Value(int64_t{6}));
  CHECK(StartsWith(p->Execute().status(), "RowLimitExceeded: "));
  CHECK(p->Execute(none).ok());
}

TEST_CASE("read-only statements refuse every write clause before running anything") {
  auto db = OpenDb();
  Connection writer(*db);
  REQUIRE(writer.Query("CREATE (:P {name: 'a'})-[:R]->(:P {name: 'b'})").ok());
  QueryOptions ro;
  ro.read_only = true;
  Connection reader(*db, ro);
  const std::vector<std::pair<std::string, std::string>> writes = {
      {"CREATE (:P)", "CREATE"},
      {"MATCH (p:P) CREATE (p)-[:R]->(:Q)", "CREATE"},
      {"MERGE (:P {name: 'c'})", "MERGE"},
      {"MATCH (p:P) SET p.x = 1", "SET"},
      {"MATCH (p:P) REMOVE p:P", "REMOVE"},
      {"MATCH (p:P) DETACH DELETE p", "DELETE"},
      {"MATCH ()-[r]->() DELETE r", "DELETE"},
      {"CREATE INDEX FOR (p:P) ON (p.name)", "CREATE INDEX"},
      {"UNWIND [1, 2] AS x FOREACH (y IN [x] | CREATE (:P))", "CREATE"},
      // The write comes after a clause that would fail at run time: the
      // statement is refused before it, so the error is the read-only one.
      {"UNWIND [1, 0] AS x WITH 1 / x AS y CREATE (:P {y: y})", "CREATE"},
      {"MATCH (p:P) RETURN p.name UNION MATCH (p:P) SET p.y = 1 RETURN p.name", "SET"},
  };
  for (const auto& [query, clause] : writes) {
    CAPTURE(query);
    for (int way = 0; way < 2; ++way) {
      auto r = way == 0 ? reader.Query(query) : writer.Query(query, {}, ro);
      REQUIRE(!r.ok());
      CHECK(r.status().code() == absl::StatusCode::kFailedPrecondition);
      CHECK(r.status().message() ==
            "ReadOnlyViolation: the statement writes (" + clause +
                ") but runs read-only (QueryOptions::read_only); nothing was executed");
    }
  }
  CHECK(Count(reader, "MATCH (n) RETURN count(n)") == 2);
  CHECK(Count(reader, "MATCH (p:P) WHERE p.x IS NOT NULL OR p.y IS NOT NULL RETURN count(p)") ==
        0);
  CHECK(db->GetSchema().indexes.empty());
  // Reads, EXPLAIN and read-only procedures work; a read-only transaction
  // survives a refused write.
  CHECK(reader.Query("MATCH (p:P)-[:R]->(q) RETURN p.name, q.name").ok());
  CHECK(reader.Query("EXPLAIN CREATE (:P)").ok());
  REQUIRE(reader.Begin().ok());
  CHECK(!reader.Query("CREATE (:P)").ok());
  CHECK(reader.in_transaction());
  CHECK(Count(reader, "MATCH (n) RETURN count(n)") == 2);
  CHECK(reader.Commit().ok());
  // The writer connection still writes.
  CHECK(writer.Query("CREATE (:P)").ok());
  CHECK(Count(reader, "MATCH (n) RETURN count(n)") == 3);
}

TEST_CASE("a read-only database refuses writes before running them") {
  cornerstone::DatabaseOptions o;
  o.read_only = true;
  auto db = OpenDb(o);
  Connection conn(*db);
  auto r = conn.Query("UNWIND [1, 0] AS x CREATE (:P {y: 1 / x})");
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(r.status().message() ==
        "ReadOnlyViolation: the statement writes (CREATE) but the database is open read-only "
        "(DatabaseOptions::read_only); nothing was executed");
  CHECK(Count(conn, "MATCH (n) RETURN count(n)") == 0);
}

TEST_CASE("an injection attempt passed as a parameter is data") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("CREATE (:User {name: 'alice'}), (:User {name: 'bob'})").ok());
  const std::string hostile = "x'}) DETACH DELETE n //";
  const std::string hostile2 = "x\" }) MATCH (m) DETACH DELETE m RETURN 1 AS `";
  const std::string hostile3 = "x' OR true DETACH DELETE n //";
  for (const std::string& name : {hostile, hostile2, hostile3}) {
    auto r = conn.Query("CREATE (n:User {name: $name}) RETURN n.name AS name",
                        {{"name", Value(name)}});
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    REQUIRE(r->Next());
    CHECK(*r->GetString(0) == name);
    auto m = conn.Query("MATCH (n:User) WHERE n.name = $name RETURN count(n)",
                        {{"name", Value(name)}});
    REQUIRE(m.ok());
    REQUIRE(m->Next());
    CHECK(*m->GetInt(0) == 1);
  }
  CHECK(Count(conn, "MATCH (n:User) RETURN count(n)") == 5);  // nothing deleted
  // The same text pasted into the query text is the injection parameters
  // avoid: here it deletes every user.
  auto pasted = conn.Query("MATCH (n:User) WHERE n.name = '" + hostile3 + "' RETURN n");
  CHECK(pasted.ok());
  CHECK(pasted->stats().nodes_deleted == 5);
  CHECK(Count(conn, "MATCH (n:User) RETURN count(n)") == 0);
}

TEST_CASE("deep nesting is an error, not a stack overflow") {
  auto db = OpenDb();
  Connection conn(*db);
  const int n = 10000;
  for (const auto& [open, close] : std::vector<std::pair<std::string, std::string>>{
           {"(", ")"}, {"[", "]"}, {"{a: ", "}"}, {"-(", ")"}, {"NOT (", ")"}}) {
    std::string q = "RETURN ";
    for (int i = 0; i < n; ++i) q += open;
    q += "1";
    for (int i = 0; i < n; ++i) q += close;
    CAPTURE(open);
    auto r = conn.Query(q);
    REQUIRE(!r.ok());
    CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(Contains(r.status(), "nest"));
  }
  // Unbalanced: 10000 opening parentheses only.
  auto r = conn.Query("RETURN " + std::string(n, '('));
  CHECK(!r.ok());
  // A pattern of 10000 hops is long, not deep: it works.
  std::string chain = "MATCH (a0)";
  for (int i = 1; i <= 2000; ++i) chain += "-->(a" + std::to_string(i) + ")";
  chain += " RETURN count(*)";
  CHECK(Count(conn, chain) == 0);
  CHECK(Count(conn, "RETURN 1") == 1);
}

TEST_CASE("reduce() cannot build values nested thousands of levels deep") {
  auto db = OpenDb();
  Connection conn(*db);
  for (const char* q : {"RETURN reduce(l = [], i IN range(1, 100000) | [l]) AS deep",
                        "WITH reduce(l = [], i IN range(1, 1000000) | [l]) AS d RETURN d = d",
                        "RETURN size(reduce(m = {}, i IN range(1, 100000) | {a: m, b: [m]}))"}) {
    const std::string text = q;
    CAPTURE(text);
    auto r = conn.Query(q);
    REQUIRE(!r.ok());
    CHECK(r.status().code() == absl::StatusCode::kResourceExhausted);
    CHECK(r.status().message() ==
          "ValueTooDeep: reduce() built a value nesting lists or maps more than 500 levels deep");
  }
  CHECK(Count(conn, "RETURN size(reduce(l = [], i IN range(1, 400) | [l]))") == 1);
  CHECK(Count(conn, "RETURN size(reduce(l = [], i IN range(1, 10000) | l + [i]))") == 10000);
}

TEST_CASE("a result whose shared values would copy out to 2^60 elements is refused") {
  auto db = OpenDb();
  Connection conn(*db);
  std::string q = "WITH {} AS m";
  for (int i = 0; i < 60; ++i) q += " WITH {a: m, b: m} AS m";
  auto r = conn.Query(q + " RETURN m");
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(r.status().message() ==
        "MemoryLimitExceeded: the query's result needs more than 1 GiB once its shared values are "
        "copied out (limit: QueryOptions::memory_limit_bytes)");
  // 10 doublings (2046 elements) are fine.
  std::string small = "WITH {} AS m";
  for (int i = 0; i < 10; ++i) small += " WITH {a: m, b: m} AS m";
  r = conn.Query(small + " RETURN m");
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  REQUIRE(r->Next());
  CHECK(r->Get(0).ToString().size() > 2046);
}

TEST_CASE("a 1M-element list literal and a 10 MB string literal are bounded answers") {
  auto db = OpenDb();
  Connection conn(*db);
  std::string q = "RETURN size([";
  for (int i = 0; i < 1000000; ++i) q += i == 0 ? "0" : ",0";
  q += "]) AS n";
  CHECK(Count(conn, q) == 1000000);
  std::string s = "RETURN size('" + std::string(10 << 20, 'x') + "') AS n";
  CHECK(Count(conn, s) == (10 << 20));
  auto r = conn.Query("RETURN 99999999999999999999999 AS n");
  REQUIRE(!r.ok());
  CHECK(Contains(r.status(), "integer literal out of range"));
}

TEST_CASE("parameters: too deep or too large are refused before they are copied") {
  auto db = OpenDb();
  Connection conn(*db);
  // A million levels of lists, and of maps, built through the API: the
  // public Value's destructor unnests them without recursing per level (it
  // used to overflow the stack near 300000 levels, and at 20000 under ASan).
  const int depth = 1000000;
  Value deep_list(int64_t{1});
  for (int i = 0; i < depth; ++i) deep_list = Value(cornerstone::ValueList{std::move(deep_list)});
  Value deep_map(int64_t{1});
  for (int i = 0; i < depth; ++i) deep_map = Value(cornerstone::ValueMap{{"k", std::move(deep_map)}});
  for (const Value* v : {&deep_list, &deep_map}) {
    auto r = conn.Query("RETURN $p IS NULL", {{"p", *v}});
    REQUIRE(!r.ok());
    CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(r.status().message() ==
          "ParameterTooDeep: parameter $p nests lists or maps more than 500 levels deep");
  }
  // 400 levels are fine, and come back intact.
  Value ok_list(int64_t{7});
  for (int i = 0; i < 400; ++i) ok_list = Value(cornerstone::ValueList{std::move(ok_list)});
  auto r = conn.Query("RETURN $p = $p AS same, $p AS p", {{"p", ok_list}});
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  REQUIRE(r->Next());
  CHECK(*r->GetBool(0));
  CHECK(r->Get(1) == ok_list);

  QueryOptions o;
  o.max_parameter_bytes = 1 << 20;
  r = conn.Query("RETURN size($s)", {{"s", Value(std::string(2 << 20, 'x'))}}, o);
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(r.status().message() ==
        "ParameterTooLarge: the parameters (at $s) are larger than 1 MiB "
        "(limit: QueryOptions::max_parameter_bytes)");
  // Many small parameters add up.
  Params many;
  for (int i = 0; i < 20; ++i) many["p" + std::to_string(i)] = Value(std::string(100000, 'y'));
  CHECK(StartsWith(conn.Query("RETURN 1", many, o).status(), "ParameterTooLarge: "));
  CHECK(Count(conn, "RETURN 1") == 1);
}

TEST_CASE("random bytes as a query never crash") {
  auto db = OpenDb();
  Connection conn(*db);
  REQUIRE(conn.Query("CREATE (:A {x: 1})-[:T]->(:B {y: 'z'})").ok());
  std::mt19937 rng(20261129);
  const std::string alphabet = "()[]{}<>-:*.,;'\"`$|=+/%^!?aAnNxX01 \n\t\\";
  int errors = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string q;
    const int len = static_cast<int>(rng() % 60);
    for (int k = 0; k < len; ++k) {
      q += i % 2 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    QueryOptions o;
    o.read_only = true;
    o.timeout_ms = 200;
    auto r = conn.Query(q, {}, o);
    if (!r.ok()) ++errors;
  }
  CHECK(errors > 2900);
  CHECK(Count(conn, "MATCH (n) RETURN count(n)") == 2);
}
