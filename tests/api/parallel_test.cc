// Copyright (c) Cornerstone authors.
// DatabaseOptions::threads: a large fused aggregation (MATCH (a)-[r:T]->(b)
// RETURN a.k, count(*), sum(r.x)) scans and groups on several threads, and
// its answer (rows, their order, the errors) is the one a single thread
// gives. Two databases hold the same graph, one with threads = 1, one with
// threads = 3, and every query's rows are compared as they come.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "cornerstone/cornerstone.h"
#include "query_rows.h"

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::testing::Rows;
using cornerstone::DatabaseOptions;
using cornerstone::ValueMap;

namespace {

// Enough relationships for 3 parts of the scan (65536 each) and enough
// investors for 2 parts of the grouping (16384 groups each).
constexpr int kInvestors = 40000;
constexpr int kCompanies = 500;
constexpr int kRels = 210000;
constexpr int64_t kThird = std::numeric_limits<int64_t>::max() / 3;

struct Lcg {
  uint64_t state = 12345;
  uint64_t Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  }
};

// Investors (Person, or Fund and Company) with names shared by a few (so
// grouping by name merges them), some without a name; relationships from
// investors to any node (a few more Companies and Others). Companies are
// many, so that the planner scans the relationship type (the fused scan)
// rather than expanding from them. INV: amounts >= 0, some missing, the
// same in floats (whole numbers), a float weight (fractions). NEG: amounts
// of both signs. BIG, HUGE and PAIR: amounts whose sums overflow (below).
std::unique_ptr<Database> Build(int threads) {
  DatabaseOptions options;
  options.threads = threads;
  auto db = Database::Open(options);
  REQUIRE(db.ok());
  Connection conn(**db);
  std::vector<cornerstone::NodeSpec> nodes;
  for (int i = 0; i < kInvestors; ++i) {
    cornerstone::NodeSpec n;
    n.labels = i % 3 == 0 ? std::vector<std::string>{"Person"}
                          : std::vector<std::string>{"Fund", "Company"};
    if (i % 997 != 0) n.properties["name"] = "investor " + std::to_string(i % 30000);
    nodes.push_back(std::move(n));
  }
  for (int i = 0; i < kCompanies; ++i) {
    nodes.push_back({{i % 50 == 0 ? "Other" : "Company"}, {{"name", "c" + std::to_string(i)}}});
  }
  auto ids = conn.AddNodes(nodes);
  REQUIRE(ids.ok());
  Lcg rng;
  std::vector<cornerstone::RelationshipSpec> rels;
  for (int i = 0; i < kRels; ++i) {
    const auto from = (*ids)[rng.Next() % kInvestors];
    const auto to = (*ids)[rng.Next() % (kInvestors + kCompanies)];
    ValueMap props;
    if (i % 50 != 0) {
      const int64_t amount = static_cast<int64_t>(rng.Next() % 1000000);
      props["amount"] = amount;
      props["usd"] = static_cast<double>(amount) * 1000;  // whole numbers
    }
    props["w"] = static_cast<double>(rng.Next() % 1000) / 7.0;
    rels.push_back({from, to, "INV", props});
    if (i % 3 != 0) {
      rels.push_back({from, to, "NEG", {{"amount", static_cast<int64_t>(rng.Next() % 1000) - 10}}});
    }
    rels.push_back({from, to, "BIG", {{"amount", kThird}}});
  }
  // An investor near investor i % kInvestors that is a Company (1 mod 3).
  auto company_of = [](int i) {
    const int c = (i % kInvestors) / 3 * 3 + 1;
    return c < kInvestors ? c : 1;
  };
  // HUGE: 3 x 65536 relationships, investor i % kInvestors to a Company:
  // at most 2 per investor in each third (each part's sums fit), 4 or 5 in
  // all (the sum of the parts' sums overflows).
  for (int i = 0; i < 3 * 65536; ++i) {
    rels.push_back({(*ids)[i % kInvestors], (*ids)[company_of(i)], "HUGE", {{"amount", kThird}}});
  }
  // PAIR: two per investor, so each one's sum fits but investors that
  // share a name overflow when their groups merge.
  for (int i = 0; i < 2 * kInvestors; ++i) {
    rels.push_back({(*ids)[i % kInvestors], (*ids)[company_of(i)], "PAIR", {{"amount", kThird}}});
  }
  REQUIRE(conn.AddRelationships(rels).ok());
  return *std::move(db);
}

// The PROFILE line of the Aggregate operator.
std::string AggregateProfile(Database& db, const std::string& query) {
  Connection conn(db);
  auto r = conn.Query("PROFILE " + query);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  const std::string& plan = r->plan();
  const size_t at = plan.find("Aggregate");
  REQUIRE(at != std::string::npos);
  return plan.substr(at, plan.find('\n', at) - at);
}

}  // namespace

TEST_CASE("a fused aggregation on 3 threads answers as on one") {
  auto one = Build(1);
  // The same graph with threads = 3, through a snapshot (building it again
  // would take longer than every query here).
  char dir_template[] = "/tmp/cs_parallel_XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string path = std::string(dir_template) + "/graph.snap";
  REQUIRE(one->Save(path).ok());
  DatabaseOptions options;
  options.threads = 3;
  options.read_only = true;
  auto opened = Database::Open(path, options);
  REQUIRE_MESSAGE(opened.ok(), opened.status().ToString());
  std::unique_ptr<Database> three = *std::move(opened);
  const std::vector<std::string> queries = {
      // The benchmark's Q05 shape: by a property of the source, a top 10.
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, count(*) AS deals, "
      "sum(r.amount) AS total ORDER BY total DESC, investor LIMIT 10",
      // Every group, in the order they are found (no ORDER BY).
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, count(*) AS deals, "
      "sum(r.amount) AS total, count(r.amount) AS known, avg(r.amount) AS mean",
      // Labels on both ends; grouping by the target.
      "MATCH (i:Fund)-[r:INV]->(c:Company) RETURN c.name AS company, count(*) AS n, "
      "sum(r.amount) AS total",
      // Grouping by the node itself.
      "MATCH (i)-[r:INV]->(:Company) RETURN i, count(*) AS n, sum(r.amount) AS total",
      // Floats that are whole numbers: summed in parts, exactly.
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, sum(r.usd) AS usd, "
      "avg(r.usd) AS mean",
      // Fractions: the parts give up and one thread sums (the order of the
      // additions would show in the last bits).
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, sum(r.w) AS w",
      // min/max: one thread.
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, min(r.amount) AS lo, "
      "max(r.amount) AS hi",
      // Negative numbers: the parts give up and one thread decides.
      "MATCH (i)-[r:NEG]->(:Company) RETURN i.name AS investor, sum(r.amount) AS total",
      // Sums that overflow: the same error either way.
      "MATCH (i)-[r:BIG]->(:Company) RETURN i.name AS investor, sum(r.amount) AS total",
      "MATCH (i)-[r:HUGE]->(:Company) RETURN i.name AS investor, sum(r.amount) AS total",
      "MATCH (i)-[r:PAIR]->(:Company) RETURN i.name AS investor, sum(r.amount) AS total",
      // The top k, kept in parts of the groups: ties (many investors share
      // a count) go to the group found first, as on one thread.
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, count(*) AS deals "
      "ORDER BY deals DESC LIMIT 7",
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, count(*) AS deals "
      "ORDER BY deals LIMIT 7",
      "MATCH (i)-[r:INV]->(:Company) RETURN i, count(*) AS n ORDER BY n DESC LIMIT 4",
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, max(r.amount) AS hi "
      "ORDER BY hi DESC, investor LIMIT 5",
  };
  for (const std::string& q : queries) {
    CAPTURE(q);
    const std::vector<std::string> expected = Rows(*one, q);
    REQUIRE(!expected.empty());
    CHECK(Rows(*three, q) == expected);
    if (expected[0].rfind("error:", 0) == 0) continue;
    // Not vacuous: the fused scan ran, on more than one thread.
    const std::string profile = AggregateProfile(*three, q);
    CHECK_MESSAGE(profile.find("reading its input's columns") != std::string::npos, profile);
    CHECK_MESSAGE(profile.find(" threads]") != std::string::npos, profile);
  }
  for (size_t q : {8, 9, 10}) {
    CHECK(Rows(*one, queries[q]) ==
          std::vector<std::string>{"error: ArgumentError: integer overflow in sum()"});
  }
  // The grouping by name merged investors that share one.
  CHECK(Rows(*one, queries[1]).size() < 30000);
  // PAIR's sums fit per investor.
  CHECK(Rows(*one, "MATCH (i)-[r:PAIR]->(:Company) RETURN i AS investor, sum(r.amount) AS total")
            .size() == kInvestors);
  // PROFILE says how many threads the aggregation used.
  const std::string q =
      "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, sum(r.amount) AS total";
  const std::string on_three = AggregateProfile(*three, q);
  CHECK_MESSAGE(on_three.find(", 3 threads]") != std::string::npos, on_three);
  const std::string on_one = AggregateProfile(*one, q);
  CHECK_MESSAGE(on_one.find("threads") == std::string::npos, on_one);
  // min() scans on one thread; the grouping by name still splits (2 parts
  // of 16384 groups).
  const std::string lowest = AggregateProfile(
      *three, "MATCH (i)-[r:INV]->(:Company) RETURN i.name AS investor, min(r.amount) AS lo");
  CHECK_MESSAGE(lowest.find(", 2 threads]") != std::string::npos, lowest);
  three.reset();
  std::filesystem::remove_all(dir_template);
}
