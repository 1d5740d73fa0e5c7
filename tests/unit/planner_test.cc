// Copyright (c) Cornerstone authors.
// Planner choices: start node by cardinality, index seeks, expansion
// direction, filter placement. Plans are checked through their EXPLAIN text.
#include <doctest/doctest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "engine/storage/graph.h"
#include "queries/bind/binder.h"
#include "queries/parse/parser.h"
#include "queries/plan/planner.h"

namespace cq = cornerstone::query;
namespace ce = cornerstone::engine;

namespace {

// 100 :Person nodes, 3 :Company nodes, each person WORKS_AT company 0.
void Populate(ce::Graph& g) {
  ce::LabelId person = g.labels().Intern("Person");
  ce::LabelId company = g.labels().Intern("Company");
  ce::KeyId name = g.keys().Intern("name");
  ce::TypeId works = g.types().Intern("WORKS_AT");
  std::vector<ce::NodeId> companies;
  for (int i = 0; i < 3; ++i) {
    ce::PropertyList p;
    p.Set(name, ce::Value::String("c" + std::to_string(i)));
    ce::LabelId labels[] = {company};
    companies.push_back(g.AddNode(labels, std::move(p)));
  }
  for (int i = 0; i < 100; ++i) {
    ce::PropertyList p;
    p.Set(name, ce::Value::String("p" + std::to_string(i)));
    ce::LabelId labels[] = {person};
    ce::NodeId n = g.AddNode(labels, std::move(p));
    g.AddRelationship(n, companies[0], works, {});
  }
}

std::string Explain(const ce::Graph& g, const std::string& text) {
  auto statement = cq::Parse(text);
  REQUIRE_MESSAGE(statement.ok(), statement.status().ToString());
  auto bound = cq::Bind(*statement, text, {});
  REQUIRE_MESSAGE(bound.ok(), bound.status().ToString());
  auto plan = cq::Plan(*std::move(bound), g);
  REQUIRE(plan.ok());
  return (*plan)->ToString();
}

// The line of `plan` that names `op`, or "" if none.
std::string Line(const std::string& plan, const std::string& op) {
  size_t at = plan.find(op);
  if (at == std::string::npos) return "";
  size_t begin = plan.rfind('\n', at);
  begin = begin == std::string::npos ? 0 : begin + 1;
  return plan.substr(begin, plan.find('\n', at) - begin);
}

// Depth of the line naming `op` (indent / 2); deeper runs first.
int Depth(const std::string& plan, const std::string& op) {
  std::string line = Line(plan, op);
  REQUIRE_MESSAGE(!line.empty(), op << " not in\n" << plan);
  return static_cast<int>(line.find_first_not_of(' ')) / 2;
}

}  // namespace

TEST_CASE("the scan starts from the smaller label") {
  ce::Graph g;
  Populate(g);
  std::string plan = Explain(g, "MATCH (p:Person)-[:WORKS_AT]->(c:Company) RETURN p, c");
  CHECK(Line(plan, "NodeByLabelScan").find("c:Company") != std::string::npos);
  // ... and expands against the pattern's direction, from c back to p.
  CHECK(Line(plan, "Expand").find("(c)<-[") != std::string::npos);
  CHECK(plan.find("Person") != std::string::npos);  // p's label is still checked
}

TEST_CASE("an equality on an indexed property becomes an index seek") {
  ce::Graph g;
  Populate(g);
  const std::string q = "MATCH (p:Person {name: 'p7'}) RETURN p";
  CHECK(Explain(g, q).find("NodeIndexSeek") == std::string::npos);
  g.CreateIndex(*g.labels().Find("Person"), *g.keys().Find("name"));
  std::string plan = Explain(g, q);
  CHECK(Line(plan, "NodeIndexSeek").find("p:Person {name}") != std::string::npos);
  // The seek checks the property, so no filter repeats it.
  CHECK(plan.find("Filter") == std::string::npos);
}

TEST_CASE("an index seek on the far end wins over a label scan") {
  ce::Graph g;
  Populate(g);
  g.CreateIndex(*g.labels().Find("Person"), *g.keys().Find("name"));
  std::string plan = Explain(g, "MATCH (c:Company)<-[:WORKS_AT]-(p:Person {name: 'p1'}) RETURN c");
  CHECK(Depth(plan, "NodeIndexSeek") > Depth(plan, "Expand"));
  CHECK(plan.find("NodeByLabelScan") == std::string::npos);
}

TEST_CASE("WHERE conjuncts are placed as soon as their variables are bound") {
  ce::Graph g;
  Populate(g);
  std::string plan = Explain(
      g, "MATCH (c:Company)<-[:WORKS_AT]-(p:Person) WHERE c.name = 'c0' AND p.name = 'p1' RETURN p");
  // Two filters: the one on c sits below the expansion, the one on p above.
  size_t first = plan.find("Filter");
  REQUIRE(first != std::string::npos);
  REQUIRE(plan.find("Filter", first + 1) != std::string::npos);
  int expand = Depth(plan, "Expand");
  int scan = Depth(plan, "NodeByLabelScan");
  CHECK(scan == expand + 2);  // scan <- filter(c) <- expand
  // EXPLAIN says which predicate each filter tests.
  CHECK(Depth(plan, "Filter (c.name = 'c0')") == expand + 1);
  CHECK(Depth(plan, "Filter (p.name = 'p1')") < expand);
}

TEST_CASE("EXPLAIN prints a filter's predicate as Cypher, cut to one line") {
  ce::Graph g;
  Populate(g);
  std::string plan = Explain(g,
                             "MATCH (c:Company) WHERE NOT c.name STARTS WITH 'x' AND c.size * 2 + 1 "
                             ">= 10.5 AND c.name IN ['a', '소프트뱅크'] AND c.x IS NULL RETURN c");
  CHECK(plan.find("Filter (NOT (c.name STARTS WITH 'x'))") != std::string::npos);
  CHECK(plan.find("Filter (((c.size * 2) + 1) >= 10.5)") != std::string::npos);
  CHECK(plan.find("Filter (c.name IN ['a', '소프트뱅크'])") != std::string::npos);
  CHECK(plan.find("Filter (c.x IS NULL)") != std::string::npos);
  // A quantifier's variable prints by name.
  plan = Explain(g, "MATCH (c:Company) WHERE any(x IN [1, 2] WHERE x > c.size) RETURN c");
  CHECK_MESSAGE(plan.find("Filter (any(x IN [1, 2] WHERE x > c.size))") != std::string::npos, plan);
  std::string long_plan = Explain(
      g, absl::StrCat("MATCH (c:Company) WHERE c.name IN ['", std::string(100, 'z'), "'] RETURN c"));
  size_t at = long_plan.find("Filter (c.name IN ['zzz");
  REQUIRE(at != std::string::npos);
  CHECK(long_plan.find("...)", at) != std::string::npos);
  CHECK(long_plan.find(std::string(80, 'z')) == std::string::npos);
}

TEST_CASE("a missing label estimates zero rows and starts the plan") {
  ce::Graph g;
  Populate(g);
  std::string plan = Explain(g, "MATCH (p:Person)-[:WORKS_AT]->(x:Nowhere) RETURN p");
  CHECK(Line(plan, "NodeByLabelScan").find("x:Nowhere") != std::string::npos);
}

TEST_CASE("OPTIONAL MATCH plans its pattern under an Optional with an Argument leaf") {
  ce::Graph g;
  Populate(g);
  std::string plan =
      Explain(g, "MATCH (c:Company) OPTIONAL MATCH (c)<-[:WORKS_AT]-(p) RETURN c, p");
  CHECK(Depth(plan, "Argument") > Depth(plan, "Optional"));
  CHECK(Line(plan, "Expand").find("(c)<-[") != std::string::npos);
}

TEST_CASE("aggregation, sorting and limits stack in clause order") {
  ce::Graph g;
  Populate(g);
  std::string plan = Explain(
      g, "MATCH (p:Person) RETURN p.name AS n, count(*) AS c ORDER BY c DESC SKIP 1 LIMIT 2");
  CHECK(Depth(plan, "Limit") < Depth(plan, "Skip"));
  CHECK(Depth(plan, "Skip") < Depth(plan, "Sort"));
  CHECK(Depth(plan, "Sort") < Depth(plan, "Projection"));
  CHECK(Depth(plan, "Projection") < Depth(plan, "Aggregate"));
}

TEST_CASE("a rare relationship type between unlabeled nodes starts from a type scan") {
  ce::Graph g;
  Populate(g);
  ce::TypeId rare = g.types().Intern("RARE");
  g.AddRelationship(3, 4, rare, {});
  g.AddRelationship(5, 6, rare, {});
  // Scanning all 103 nodes and expanding would read far more than the two
  // RARE relationships.
  std::string plan = Explain(g, "MATCH (a)-[r:RARE]->(b) RETURN a, b");
  CHECK(Line(plan, "RelationshipTypeScan").find("(a)-[r:RARE]->(b)") != std::string::npos);
  CHECK(plan.find("AllNodesScan") == std::string::npos);
  // Against the arrow, the scan still binds the source and the target.
  plan = Explain(g, "MATCH (b)<-[r:RARE]-(a:Person) RETURN a, b");
  CHECK(Line(plan, "RelationshipTypeScan").find("(a)-[r:RARE]->(b)") != std::string::npos);
  CHECK(Line(plan, "Filter").find("a:Person") != std::string::npos);
  // The 100 WORKS_AT relationships cost more than scanning 3 companies.
  plan = Explain(g, "MATCH (p)-[:WORKS_AT]->(c:Company) RETURN p");
  CHECK(plan.find("RelationshipTypeScan") == std::string::npos);
  CHECK(Line(plan, "NodeByLabelScan").find("c:Company") != std::string::npos);
  // An index seek beats any scan; var-length and untyped hops never scan.
  g.CreateIndex(*g.labels().Find("Person"), *g.keys().Find("name"));
  plan = Explain(g, "MATCH (p:Person {name: 'p1'})-[:RARE]->(b) RETURN b");
  CHECK(plan.find("RelationshipTypeScan") == std::string::npos);
  CHECK(Explain(g, "MATCH (a)-[:RARE*1..2]->(b) RETURN b").find("RelationshipTypeScan") ==
        std::string::npos);
  CHECK(Explain(g, "MATCH (a)-[]->(b) RETURN b").find("RelationshipTypeScan") ==
        std::string::npos);
}

TEST_CASE("an aggregate over the last hop counts it instead of enumerating it") {
  ce::Graph g;
  Populate(g);
  // c is counted, but p2 and its relationship are read by nothing above.
  std::string plan = Explain(g,
                             "MATCH (p:Person)-[:WORKS_AT]->(c)<-[:WORKS_AT]-(p2:Person) "
                             "WHERE p.name < p2.name RETURN count(*) AS n, count(DISTINCT c) AS k");
  std::string line = Line(plan, "CountExpand");
  REQUIRE_MESSAGE(!line.empty(), plan);
  CHECK(line.find("-(p2)") != std::string::npos);
  CHECK(line.find("counting Filter (p2:Person properties), Filter") != std::string::npos);
  CHECK(Depth(plan, "CountExpand") == Depth(plan, "Aggregate") + 1);
  // The counted hop starts at c, so the MATCH is planned from c (rows of
  // one c come together) when that costs about the same rows.
  plan = Explain(g,
                 "MATCH (p:Person)-[:WORKS_AT]->(c:Company)<-[:WORKS_AT]-(p2:Person) "
                 "WHERE p.name < p2.name RETURN count(*) AS n");
  CHECK(Line(plan, "NodeByLabelScan").find("c:Company") != std::string::npos);
  CHECK(Line(plan, "CountExpand").find("(c)<-[") != std::string::npos);
  // A closing Expand(Into) is counted with the hop before it.
  g.types().Intern("KNOWS");
  plan = Explain(g, "MATCH (a:Person)-[:KNOWS]->(b)-[:KNOWS]->(c)-[:KNOWS]->(a) RETURN count(*)");
  CHECK(Line(plan, "CountExpand").find("counting Expand(Into) (c)-[") != std::string::npos);
  // Not when something above reads the last hop's variables.
  for (const char* q : {"MATCH (p:Person)-[:WORKS_AT]->(c) RETURN c.name, count(*)",
                        "MATCH (p:Person)-[r:WORKS_AT]->(c) RETURN p, sum(r.since)",
                        "MATCH (p:Person)-[:WORKS_AT]->(c) RETURN collect(c)",
                        "MATCH (p:Person)-[:WORKS_AT]->(c) RETURN p, c",
                        "MATCH (p:Person)-[:WORKS_AT]->(c) SET c.x = 1 RETURN count(*)"}) {
    CAPTURE(q);
    CHECK(Explain(g, q).find("CountExpand") == std::string::npos);
  }
  // ... but when only the earlier part is read, it is.
  plan = Explain(g, "MATCH (c:Company)<-[:WORKS_AT]-(p) RETURN c.name, count(*), collect(c.name)");
  CHECK(Line(plan, "CountExpand").find("(c)<-[") != std::string::npos);
}

TEST_CASE("a WHERE conjunct folded to true adds no filter; one folded to false stays") {
  ce::Graph g;
  Populate(g);
  std::string plan = Explain(g, "MATCH (c:Company) WHERE 1 = 1 AND [1, 2][0] = 1 RETURN c");
  CHECK_MESSAGE(plan.find("Filter") == std::string::npos, plan);
  plan = Explain(g, "MATCH (c:Company) WHERE 1 = 2 RETURN c");
  CHECK_MESSAGE(plan.find("Filter (false)") != std::string::npos, plan);
}

TEST_CASE("comparisons of a scanned node's property with constants fold into the scan") {
  ce::Graph g;
  Populate(g);
  std::string plan = Explain(
      g, "MATCH (c:Company) WHERE c.size >= 10 AND 20 > c.size AND c.name STARTS WITH 'c' "
         "RETURN c");
  INFO(plan);
  CHECK(Line(plan, "NodeByLabelScan").find("WHERE c.size >= 10 AND 20 > c.size") !=
        std::string::npos);
  // What is not `property CMP constant` stays a filter above the scan.
  CHECK(Depth(plan, "Filter (c.name STARTS WITH") < Depth(plan, "NodeByLabelScan"));
  // Two properties compared with each other: a filter.
  plan = Explain(g, "MATCH (c:Company) WHERE c.size > c.floor RETURN c");
  CHECK(Line(plan, "NodeByLabelScan").find("WHERE") == std::string::npos);
  CHECK(!Line(plan, "Filter (c.size > c.floor)").empty());
}

TEST_CASE("an aggregate over a relationship type grouped by one end reads its columns") {
  ce::Graph g;
  Populate(g);
  std::string plan =
      Explain(g, "MATCH (p)-[r:WORKS_AT]->(c) RETURN p.name, count(*), sum(r.since)");
  INFO(plan);
  CHECK(Line(plan, "Aggregate").find("reading its input's columns") != std::string::npos);
  CHECK(!Line(plan, "RelationshipTypeScan").empty());
  // Grouped by both ends, or aggregating a node's property: row by row.
  plan = Explain(g, "MATCH (p)-[r:WORKS_AT]->(c) RETURN p.name, c.name, count(*)");
  CHECK(Line(plan, "Aggregate").find("columns") == std::string::npos);
  plan = Explain(g, "MATCH (p)-[r:WORKS_AT]->(c) RETURN p.name, sum(c.size)");
  CHECK(Line(plan, "Aggregate").find("columns") == std::string::npos);
  // A statement that writes plans no fused aggregate.
  plan = Explain(g, "MATCH (p)-[r:WORKS_AT]->(c) SET p.seen = 1 RETURN p.name, count(*)");
  CHECK(Line(plan, "Aggregate").find("columns") == std::string::npos);
}

TEST_CASE("a fused aggregate under a top-k sort keeps only the top k groups") {
  ce::Graph g;
  Populate(g);
  const std::string kept = "keeping the top k groups";
  std::string plan = Explain(g,
                             "MATCH (p)-[r:WORKS_AT]->(c) RETURN p.name AS who, count(*) AS n, "
                             "sum(r.since) AS s ORDER BY s DESC, who LIMIT 3");
  INFO(plan);
  CHECK(Line(plan, "Aggregate").find(kept) != std::string::npos);
  CHECK(!Line(plan, "Sort (top k)").empty());  // the sort still orders the k rows
  // No LIMIT, DISTINCT between, a key over an aggregate or the end itself: every group.
  for (const char* q :
       {"MATCH (p)-[r:WORKS_AT]->(c) RETURN p.name AS who, count(*) AS n ORDER BY n",
        "MATCH (p)-[r:WORKS_AT]->(c) RETURN DISTINCT p.name AS who, count(*) AS n ORDER BY n "
        "LIMIT 2",
        "MATCH (p)-[r:WORKS_AT]->(c) RETURN p.name AS who, count(*) * 2 AS n ORDER BY n LIMIT 2",
        "MATCH (p)-[r:WORKS_AT]->(c) RETURN p AS who, count(*) AS n ORDER BY who, n LIMIT 2"}) {
    plan = Explain(g, q);
    INFO(plan);
    CHECK(Line(plan, "Aggregate").find("columns") != std::string::npos);
    CHECK(Line(plan, "Aggregate").find(kept) == std::string::npos);
  }
}
