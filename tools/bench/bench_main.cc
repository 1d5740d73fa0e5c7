// Copyright (c) Cornerstone authors.
// cornerstone-bench: loads the benchmark kit's CSVs (../shared/bench, see
// its README), reports import time and peak memory, runs the ten queries
// (one warm-up, then repeated runs: median/min/max), checks the answers
// against expected/ and prints a table. --out writes a JSON report in the
// shape of kuzu_run.mjs's, so compare.py and vs_kuzu can read it.
//
//   cornerstone-bench --data DIR [--bench-dir ../shared/bench] [--runs 10]
//       [--budget-s 120] [--timeout-s 600] [--only Q01,Q03] [--check]
//       [--no-index] [--explain] [--profile] [--out report.json]
//       [--algo] [--check-algo] [--algo-runs 3] [--skip-queries]
//       [--betweenness-persons 10000] [--roundtrip FILE] [--threads N]
// --runs 0 runs each query once (the warm-up) and reports that time.
// --algo also times the graph algorithms (issue 8) on the loaded graph:
// algo.pageRank and algo.wcc on the whole graph, algo.betweenness on the
// KNOWS subgraph of the Persons with id < --betweenness-persons (Brandes is
// O(V E): the whole graph would take days); --check-algo then compares
// degree, WCC, PageRank and BFS with plain loops over the CSV files.
// --roundtrip saves the imported graph as a snapshot to FILE, closes the
// database, opens the snapshot (read-only) and runs every query once more:
// each answer must equal the one before the save (exit 1 otherwise). It
// prints the save and open times and the file size; FILE is removed after.
// --threads sets DatabaseOptions::threads (default 0: the machine's cores).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cornerstone/database.h"
#include "cornerstone/import.h"
#include "huge_pages.h"
#include "tools/bench/canonical.h"

namespace cornerstone::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Flags {
  std::string data, bench_dir = "../shared/bench", out, only, roundtrip;
  int runs = 10;
  int threads = 0;  // DatabaseOptions::threads
  double budget_s = 120, timeout_s = 600;
  bool check = false, index = true, explain = false, profile = false;
  bool algo = false, skip_queries = false, check_algo = false;
  int algo_runs = 3;
  int64_t betweenness_persons = 10000;
};

struct QueryResult {
  std::string name, error, check = "-";
  int runs = 0;
  double warmup_ms = 0, median_ms = 0, min_ms = 0, max_ms = 0;
  size_t row_count = 0;
  std::vector<std::string> rows;  // canonical, sorted
  std::string text;               // the query and its parameters, for --roundtrip
  Params params;
};

// --roundtrip's measurements.
struct RoundTrip {
  bool ran = false;
  double save_ms = 0, open_ms = 0;
  uint64_t bytes = 0;
  int identical = 0, compared = 0;
};

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double PeakRssMb() {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;  // kB on Linux
}

double RssMb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The query text without // comment lines and the trailing ';'.
std::string QueryText(const std::string& path) {
  std::istringstream in(ReadFile(path));
  std::string line, text;
  while (std::getline(in, line)) {
    size_t start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, 2, "//") == 0) continue;
    text += line + "\n";
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == ';')) {
    text.pop_back();
  }
  return text;
}

// A flat JSON object of string/number values ({"name": "Acme Analytics"}).
Params ReadParams(const std::string& path) {
  Params params;
  std::string text = ReadFile(path);
  static const std::regex kPair("\"([^\"]+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?[0-9.eE+-]+)");
  for (std::sregex_iterator it(text.begin(), text.end(), kPair), end; it != end; ++it) {
    const std::smatch& m = *it;
    if (m[3].matched) {
      params[m[1]] = Value(std::string(m[3]));
    } else if (m[2].str().find_first_of(".eE") != std::string::npos) {
      params[m[1]] = Value(std::stod(m[2]));
    } else {
      params[m[1]] = Value(static_cast<int64_t>(std::stoll(m[2])));
    }
  }
  return params;
}

double Median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  size_t m = xs.size() / 2;
  return xs.size() % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

QueryResult RunQuery(Connection& conn, const std::string& name, const std::string& text,
                     const Params& params, const Flags& flags) {
  QueryResult q;
  q.name = name;
  q.text = text;
  q.params = params;
  QueryOptions options;
  options.timeout_ms = static_cast<int64_t>(flags.timeout_s * 1000);
  auto once = [&](bool keep) -> bool {
    auto result = conn.Query(text, params, options);
    if (!result.ok()) {
      q.error = std::string(result.status().message());
      return false;
    }
    size_t n = 0;
    while (result->Next()) {
      ++n;
      if (keep) q.rows.push_back(CanonicalRow(result->row()));
    }
    q.row_count = n;
    return true;
  };
  auto t = Clock::now();
  if (!once(true)) return q;
  q.warmup_ms = Ms(t, Clock::now());
  std::sort(q.rows.begin(), q.rows.end());
  if (flags.runs <= 0) {  // answers only: the warm-up is the one run
    q.median_ms = q.min_ms = q.max_ms = q.warmup_ms;
    return q;
  }
  q.runs = std::max(1, std::min(flags.runs, static_cast<int>(flags.budget_s * 1000 /
                                                             std::max(1.0, q.warmup_ms))));
  std::vector<double> times;
  for (int i = 0; i < q.runs; ++i) {
    t = Clock::now();
    if (!once(false)) return q;
    times.push_back(Ms(t, Clock::now()));
  }
  q.median_ms = Median(times);
  q.min_ms = *std::min_element(times.begin(), times.end());
  q.max_ms = *std::max_element(times.begin(), times.end());
  return q;
}

void Check(const std::string& expected_dir, QueryResult* q) {
  std::vector<std::string> rows;
  long count = 0;
  if (!ReadExpected(expected_dir + "/" + q->name + ".json", &rows, &count)) return;
  std::sort(rows.begin(), rows.end());
  bool ok = q->error.empty() && static_cast<long>(q->row_count) == count && rows == q->rows;
  q->check = ok ? "OK" : "DIFF";
  if (!ok && q->error.empty()) {
    std::cerr << q->name << ": expected " << count << " rows, got " << q->row_count << "\n";
    for (size_t i = 0; i < std::min<size_t>(3, rows.size()); ++i) {
      std::cerr << "  expected " << rows[i] << "\n";
    }
    for (size_t i = 0; i < std::min<size_t>(3, q->rows.size()); ++i) {
      std::cerr << "  got      " << q->rows[i] << "\n";
    }
  }
}

// --roundtrip: saves `db` to `path`, closes it (and `conn`, which keeps its
// state alive), opens the snapshot read-only and runs each query of
// `results` once on it, comparing the answer with the first one.
RoundTrip RunRoundTrip(std::unique_ptr<Database>* db, std::unique_ptr<Connection>* conn,
                       const std::string& path, const std::vector<QueryResult>& results,
                       const Flags& flags) {
  RoundTrip rt;
  auto t = Clock::now();
  absl::Status s = (*db)->Save(path);
  rt.save_ms = Ms(t, Clock::now());
  if (!s.ok()) {
    std::cerr << "round trip: " << s.message() << "\n";
    return rt;
  }
  std::error_code ec;
  rt.bytes = fs::file_size(path, ec);
  conn->reset();
  db->reset();
  DatabaseOptions read_only;
  read_only.read_only = true;
  read_only.threads = flags.threads;
  t = Clock::now();
  auto opened = Database::Open(path, read_only);
  rt.open_ms = Ms(t, Clock::now());
  if (!opened.ok()) {
    std::cerr << "round trip: " << opened.status().message() << "\n";
    return rt;
  }
  rt.ran = true;
  Connection reopened(**opened);
  Flags once = flags;
  once.runs = 0;
  for (const QueryResult& q : results) {
    if (!q.error.empty()) continue;
    ++rt.compared;
    QueryResult again = RunQuery(reopened, q.name, q.text, q.params, once);
    if (again.error.empty() && again.row_count == q.row_count && again.rows == q.rows) {
      ++rt.identical;
    } else {
      std::cerr << "round trip: " << q.name << " differs after the snapshot was opened"
                << (again.error.empty() ? "" : ": " + again.error) << "\n";
    }
  }
  fs::remove(path, ec);
  return rt;
}

std::string JsonString(const std::string& s) { return CanonicalJson(Value(s)); }

void WriteReport(const Flags& flags, const ImportReport& load, double load_ms,
                 double after_load_peak, double after_load_rss, const Schema& schema,
                 const std::vector<QueryResult>& results, double final_rss, double final_peak,
                 const RoundTrip& rt) {
  std::ofstream out(flags.out);
  out << "{\n  \"engine\": \"cornerstone\", \"version\": " << JsonString(Version())
      << ",\n  \"data\": " << JsonString(fs::absolute(flags.data).string())
      << ", \"runs_requested\": " << flags.runs << ",\n  \"load\": {\"copy_ms\": " << load_ms
      << ", \"rows_skipped\": " << load.rows_skipped << ", \"bytes\": " << load.bytes
      << ", \"nodes\": " << schema.node_count
      << ", \"relationships\": " << schema.relationship_count
      << ", \"after_load\": {\"rss_mb\": " << after_load_rss
      << ", \"peak_rss_mb\": " << after_load_peak << "}},\n  \"queries\": {";
  for (size_t i = 0; i < results.size(); ++i) {
    const QueryResult& q = results[i];
    out << (i ? ",\n" : "\n") << "    " << JsonString(q.name) << ": {";
    if (!q.error.empty()) {
      out << "\"error\": " << JsonString(q.error) << "}";
      continue;
    }
    out << "\"runs\": " << q.runs << ", \"warmup_ms\": " << q.warmup_ms
        << ", \"median_ms\": " << q.median_ms << ", \"min_ms\": " << q.min_ms
        << ", \"max_ms\": " << q.max_ms << ", \"row_count\": " << q.row_count
        << ", \"check\": " << JsonString(q.check);
    if (q.rows.size() <= 100) {
      out << ", \"rows\": [";
      for (size_t r = 0; r < q.rows.size(); ++r) out << (r ? "," : "") << q.rows[r];
      out << "]";
    }
    out << "}";
  }
  out << "\n  },\n  \"final\": {\"rss_mb\": " << final_rss << ", \"peak_rss_mb\": " << final_peak
      << "}";
  if (rt.ran) {
    out << ",\n  \"snapshot\": {\"save_ms\": " << rt.save_ms << ", \"open_ms\": " << rt.open_ms
        << ", \"bytes\": " << rt.bytes << ", \"identical\": " << rt.identical
        << ", \"compared\": " << rt.compared << "}";
  }
  out << "\n}\n";
}

// ---- Graph algorithms (issue 8) ----

struct AlgoTiming {
  std::string name, what, error;
  double warmup_ms = 0, median_ms = 0;
  int runs = 0;
  std::vector<std::vector<Value>> rows;
};

// Runs `text` once as a warm-up (keeping its rows), then up to `runs` more
// times within the budget; reports the median (the warm-up when runs is 0).
AlgoTiming TimeAlgo(Connection& conn, const std::string& name, const std::string& what,
                    const std::string& text, const Params& params, const Flags& flags) {
  AlgoTiming a;
  a.name = name;
  a.what = what;
  QueryOptions options;
  options.timeout_ms = static_cast<int64_t>(flags.timeout_s * 1000);
  auto once = [&](bool keep) -> bool {
    auto result = conn.Query(text, params, options);
    if (!result.ok()) {
      a.error = std::string(result.status().message());
      return false;
    }
    while (result->Next()) {
      if (keep) a.rows.push_back(result->row());
    }
    return true;
  };
  auto t = Clock::now();
  if (!once(true)) return a;
  a.warmup_ms = a.median_ms = Ms(t, Clock::now());
  int runs = std::min(flags.algo_runs,
                      static_cast<int>(flags.budget_s * 1000 / std::max(1.0, a.warmup_ms)));
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    t = Clock::now();
    if (!once(false)) return a;
    times.push_back(Ms(t, Clock::now()));
  }
  a.runs = static_cast<int>(times.size());
  if (!times.empty()) a.median_ms = Median(times);
  return a;
}

std::string Cell(const Value& v) {
  if (v.is_null()) return "null";
  if (v.type() == ValueType::kFloat) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.9g", v.float_value());
    return buf;
  }
  if (v.type() == ValueType::kString) return v.string_value();
  return v.ToString();
}

// The benchmark graph as plain edge lists read from the CSVs (columns
// from,to), indexed by the ids of gen.py (dense, 0 .. nodes-1).
struct EdgeList {
  int64_t nodes = 0;
  std::vector<int64_t> from, to;
};

bool ReadEdgeList(const std::string& dir, EdgeList* g) {
  static const std::regex kRelFile("[A-Z_]+_[A-Z][a-z]+_[A-Z][a-z]+\\.csv");
  for (const char* label : {"Person", "Company", "Fund", "Ambition"}) {
    std::ifstream in(dir + "/" + label + ".csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) ++g->nodes;
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string f = entry.path().filename().string();
    if (std::regex_match(f, kRelFile)) files.push_back(f);
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    std::ifstream in(dir + "/" + f);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      char* end = nullptr;
      int64_t a = std::strtoll(line.c_str(), &end, 10);
      int64_t b = std::strtoll(end + 1, nullptr, 10);
      if (a < 0 || b < 0 || a >= g->nodes || b >= g->nodes) return false;
      g->from.push_back(a);
      g->to.push_back(b);
    }
  }
  return true;
}

// Compares algo.degree, algo.wcc, algo.pageRank and algo.bfs on the loaded
// graph with loops over the edge lists; prints one line per check.
bool CheckAlgorithms(Connection& conn, const Flags& flags) {
  EdgeList g;
  if (!ReadEdgeList(flags.data, &g)) {
    printf("check-algo: cannot read the edge lists of %s\n", flags.data.c_str());
    return false;
  }
  const size_t n = static_cast<size_t>(g.nodes), m = g.from.size();
  QueryOptions options;
  options.timeout_ms = static_cast<int64_t>(flags.timeout_s * 1000);
  // node.id -> value, from a query returning (id, value).
  auto by_id = [&](const std::string& text, std::vector<double>* out) -> bool {
    auto result = conn.Query(text, {}, options);
    if (!result.ok()) {
      printf("check-algo: %s\n", std::string(result.status().message()).c_str());
      return false;
    }
    out->assign(n, -1);
    while (result->Next()) {
      int64_t id = result->row()[0].int_value();
      (*out)[id] = result->row()[1].type() == ValueType::kInt
                       ? static_cast<double>(result->row()[1].int_value())
                       : result->row()[1].float_value();
    }
    return true;
  };
  bool ok = true;
  auto report = [&](const char* what, bool pass, const std::string& detail) {
    printf("check-algo %-10s %s  %s\n", what, pass ? "OK  " : "DIFF", detail.c_str());
    ok = ok && pass;
  };

  // Out-degree.
  std::vector<double> degree(n, 0), got;
  for (size_t e = 0; e < m; ++e) degree[g.from[e]] += 1;
  if (!by_id("CALL algo.degree({}) YIELD node, score RETURN node.id, score", &got)) return false;
  report("degree", got == degree, std::to_string(n) + " nodes");

  // Weakly connected components: union-find.
  std::vector<int64_t> parent(n);
  for (size_t v = 0; v < n; ++v) parent[v] = static_cast<int64_t>(v);
  auto find = [&](int64_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (size_t e = 0; e < m; ++e) parent[find(g.from[e])] = find(g.to[e]);
  size_t components = 0;
  for (size_t v = 0; v < n; ++v) components += find(static_cast<int64_t>(v)) ==
                                               static_cast<int64_t>(v);
  if (!by_id("CALL algo.wcc({}) YIELD node, component RETURN node.id, component", &got)) {
    return false;
  }
  // Same partition: each union-find root maps to one component and back.
  std::map<int64_t, double> root_to;
  std::map<double, int64_t> comp_to;
  bool same = true;
  for (size_t v = 0; v < n && same; ++v) {
    int64_t r = find(static_cast<int64_t>(v));
    same = root_to.emplace(r, got[v]).first->second == got[v] &&
           comp_to.emplace(got[v], r).first->second == r;
  }
  report("wcc", same && root_to.size() == components,
         std::to_string(components) + " components");

  // PageRank, BGL's formula, 20 iterations from 1/N.
  std::vector<double> outdeg(n, 0), rank(n, 1.0 / n), next(n);
  for (size_t e = 0; e < m; ++e) outdeg[g.from[e]] += 1;
  for (int it = 0; it < 20; ++it) {
    std::fill(next.begin(), next.end(), 0.15);
    for (size_t e = 0; e < m; ++e) next[g.to[e]] += 0.85 * rank[g.from[e]] / outdeg[g.from[e]];
    rank.swap(next);
  }
  if (!by_id("CALL algo.pageRank({}) YIELD node, score RETURN node.id, score", &got)) {
    return false;
  }
  double max_error = 0;
  for (size_t v = 0; v < n; ++v) max_error = std::max(max_error, std::abs(got[v] - rank[v]));
  char buf[96];
  snprintf(buf, sizeof buf, "max |difference| %.3g", max_error);
  report("pageRank", max_error < 1e-9, buf);

  // BFS depths from Person 0 (a hub), outgoing.
  std::vector<int64_t> offset(n + 1, 0), adj(m);
  for (size_t e = 0; e < m; ++e) ++offset[g.from[e] + 1];
  for (size_t v = 0; v < n; ++v) offset[v + 1] += offset[v];
  std::vector<int64_t> fill(offset.begin(), offset.end() - 1);
  for (size_t e = 0; e < m; ++e) adj[fill[g.from[e]]++] = g.to[e];
  std::vector<double> depth(n, -1);
  std::vector<int64_t> queue{0};
  depth[0] = 0;
  for (size_t i = 0; i < queue.size(); ++i) {
    int64_t v = queue[i];
    for (int64_t k = offset[v]; k < offset[v + 1]; ++k) {
      if (depth[adj[k]] < 0) {
        depth[adj[k]] = depth[v] + 1;
        queue.push_back(adj[k]);
      }
    }
  }
  if (!by_id("MATCH (s:Person {id: 0}) CALL algo.bfs(s, {}) YIELD node, depth "
             "RETURN node.id, depth", &got)) {
    return false;
  }
  report("bfs", got == depth, std::to_string(queue.size()) + " nodes reached from Person 0");
  return ok;
}

bool RunAlgorithms(Connection& conn, const Flags& flags) {
  printf("\n%-12s %10s %10s %5s  %s\n", "algorithm", "median ms", "first ms", "runs", "what");
  std::vector<AlgoTiming> timings;
  auto show = [&](const AlgoTiming& a) {
    if (!a.error.empty()) {
      printf("%-12s ERROR %s\n", a.name.c_str(), a.error.c_str());
    } else {
      std::string answer;
      if (a.rows.size() == 1) {
        for (const Value& v : a.rows[0]) answer += (answer.empty() ? "" : ", ") + Cell(v);
      }
      printf("%-12s %10.1f %10.1f %5d  %s -> %s\n", a.name.c_str(), a.median_ms, a.warmup_ms,
             a.runs, a.what.c_str(), answer.c_str());
    }
    fflush(stdout);
  };
  AlgoTiming pr = TimeAlgo(
      conn, "pageRank", "whole graph, 20 iterations, damping 0.85",
      "CALL algo.pageRank({}) YIELD node, score RETURN count(*) AS nodes, sum(score) AS total",
      {}, flags);
  show(pr);
  AlgoTiming wcc = TimeAlgo(
      conn, "wcc", "whole graph",
      "CALL algo.wcc({}) YIELD component RETURN count(*) AS nodes, "
      "count(DISTINCT component) AS components",
      {}, flags);
  show(wcc);
  Flags once = flags;  // for the lines that are not timings
  once.algo_runs = 0;
  Params bp;
  bp["n"] = Value(flags.betweenness_persons);
  AlgoTiming bc = TimeAlgo(
      conn, "betweenness",
      "KNOWS among Persons with id < " + std::to_string(flags.betweenness_persons) +
          ", directed",
      "MATCH (p:Person) WHERE p.id < $n WITH collect(p) AS ps "
      "CALL algo.betweenness({nodes: ps, relTypes: ['KNOWS']}) YIELD node, score "
      "RETURN count(*) AS nodes, max(score) AS max_score",
      bp, flags);
  show(bc);
  AlgoTiming edges = TimeAlgo(
      conn, "(subgraph)", "relationships in the betweenness projection",
      "MATCH (a:Person)-[:KNOWS]->(b:Person) WHERE a.id < $n AND b.id < $n "
      "RETURN count(*) AS relationships",
      bp, once);
  show(edges);
  // The ten best PageRank scores, to compare with Kùzu's page_rank (whose
  // scores are these divided by the number of nodes).
  AlgoTiming top = TimeAlgo(conn, "pageRank top", "ten best, by name",
                            "CALL algo.pageRank({}) YIELD node, score WITH node, score "
                            "ORDER BY score DESC LIMIT 10 RETURN node.name AS name, score",
                            {}, once);
  if (!top.error.empty()) {
    show(top);
  } else {
    printf("pageRank top 10:");
    for (const auto& row : top.rows) {
      printf(" %s=%s", row[0].string_value().c_str(), Cell(row[1]).c_str());
    }
    printf("\n");
  }
  bool ok = pr.error.empty() && wcc.error.empty() && bc.error.empty();
  if (flags.check_algo) ok = CheckAlgorithms(conn, flags) && ok;
  return ok;
}

bool ParseFlags(int argc, char** argv, Flags* f) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--data") f->data = value();
    else if (a == "--bench-dir") f->bench_dir = value();
    else if (a == "--out") f->out = value();
    else if (a == "--only") f->only = value();
    else if (a == "--runs") f->runs = std::atoi(value().c_str());
    else if (a == "--budget-s") f->budget_s = std::atof(value().c_str());
    else if (a == "--timeout-s") f->timeout_s = std::atof(value().c_str());
    else if (a == "--check") f->check = true;
    else if (a == "--no-index") f->index = false;
    else if (a == "--explain") f->explain = true;
    else if (a == "--profile") f->profile = true;
    else if (a == "--algo") f->algo = true;
    else if (a == "--check-algo") f->check_algo = f->algo = true;
    else if (a == "--skip-queries") f->skip_queries = true;
    else if (a == "--algo-runs") f->algo_runs = std::atoi(value().c_str());
    else if (a == "--betweenness-persons") f->betweenness_persons = std::atoll(value().c_str());
    else if (a == "--roundtrip") f->roundtrip = value();
    else if (a == "--threads") f->threads = std::atoi(value().c_str());
    else return false;
  }
  return !f->data.empty();
}

int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) {
    std::cerr << "usage: cornerstone-bench --data DIR [--bench-dir DIR] [--runs N] "
                 "[--budget-s S] [--timeout-s S] [--only Q01,Q02] [--check] [--no-index] "
                 "[--explain] [--profile] [--out FILE] [--algo] [--check-algo] [--algo-runs N] "
                 "[--skip-queries] [--betweenness-persons N] [--roundtrip FILE] [--threads N]\n";
    return 2;
  }
  // Checked before the import, which can take a minute at SF 1.
  std::error_code ec;
  if (!flags.skip_queries && !fs::is_directory(flags.bench_dir + "/queries", ec)) {
    std::cerr << "cornerstone-bench: no queries folder in --bench-dir " << flags.bench_dir << "\n";
    return 2;
  }
  DatabaseOptions db_options;
  db_options.threads = flags.threads;
  auto db = Database::Open(db_options);
  if (!db.ok()) {
    std::cerr << db.status().message() << "\n";
    return 1;
  }
  auto options = KuzuDirectoryOptions(flags.data);
  if (!options.ok()) {
    std::cerr << options.status().message() << "\n";
    return 1;
  }
  if (flags.index) {
    options->indexes = {"Person(name)", "Company(name)", "Fund(name)", "Ambition(name)"};
  }
  auto t = Clock::now();
  auto load = ImportCsv(**db, *options);
  double load_ms = Ms(t, Clock::now());
  if (!load.ok()) {
    std::cerr << load.status().message() << "\n";
    return 1;
  }
  double peak = PeakRssMb(), rss = RssMb();
  Schema schema = (*db)->GetSchema();
  int64_t rows = schema.node_count + schema.relationship_count;
  printf("import: %lld nodes, %lld relationships in %.2f s (%.0f rows/s, %.0f MB/s); "
         "RSS %.0f MB, peak %.0f MB, %.0f bytes/relationship\n",
         static_cast<long long>(schema.node_count),
         static_cast<long long>(schema.relationship_count), load_ms / 1000,
         rows / (load_ms / 1000), load->bytes / 1e6 / (load_ms / 1000), rss, peak,
         rss * 1048576.0 / std::max<int64_t>(1, schema.relationship_count));
  fflush(stdout);

  std::set<std::string> only;
  for (size_t s = 0, e; s < flags.only.size(); s = e + 1) {
    e = flags.only.find(',', s);
    if (e == std::string::npos) e = flags.only.size();
    only.insert(flags.only.substr(s, e - s));
  }
  std::string qdir = flags.bench_dir + "/queries";
  std::vector<std::string> files;
  static const std::regex kQuery("Q[0-9]+_.*\\.cypher");
  for (const auto& entry : fs::directory_iterator(qdir)) {
    std::string f = entry.path().filename().string();
    if (std::regex_match(f, kQuery) && f.find(".kuzu.") == std::string::npos) files.push_back(f);
  }
  std::sort(files.begin(), files.end());
  auto conn = std::make_unique<Connection>(**db);
  std::vector<QueryResult> results;
  if (!flags.skip_queries) {
    printf("\n%-26s %10s %10s %10s %5s %7s  %s\n", "query", "median ms", "min ms", "max ms",
           "runs", "rows", "check");
  }
  for (const std::string& f : files) {
    if (flags.skip_queries) break;
    std::string name = f.substr(0, f.size() - 7);
    if (!only.empty() && !only.count(name.substr(0, name.find('_')))) continue;
    std::string pfile = qdir + "/" + name + ".params.json";
    Params params = fs::exists(pfile) ? ReadParams(pfile) : Params{};
    std::string text = QueryText(qdir + "/" + f);
    if (flags.explain || flags.profile) {
      auto plan = conn->Query((flags.profile ? "PROFILE " : "EXPLAIN ") + text, params);
      printf("%s\n%s\n", name.c_str(),
             plan.ok() ? plan->plan().c_str() : std::string(plan.status().message()).c_str());
      continue;
    }
    QueryResult q = RunQuery(*conn, name, text, params, flags);
    if (flags.check) Check(flags.bench_dir + "/expected", &q);
    if (q.error.empty()) {
      printf("%-26s %10.3f %10.3f %10.3f %5d %7zu  %s\n", name.c_str(), q.median_ms, q.min_ms,
             q.max_ms, q.runs, q.row_count, q.check.c_str());
    } else {
      std::string first_line = q.error.substr(0, q.error.find('\n'));
      printf("%-26s ERROR %s\n", name.c_str(), first_line.c_str());
    }
    fflush(stdout);
    results.push_back(std::move(q));
  }
  bool algo_ok = !flags.algo || RunAlgorithms(*conn, flags);
  const double final_rss = RssMb(), final_peak = PeakRssMb();
  printf("\npeak RSS %.0f MB\n", final_peak);
  RoundTrip rt;
  if (!flags.roundtrip.empty()) {
    rt = RunRoundTrip(&*db, &conn, flags.roundtrip, results, flags);
    if (rt.ran) {
      printf("round trip: save %.2f s, snapshot %.1f MiB (%.1f bytes/relationship), open %.2f s; "
             "%d of %d answers identical after the open\n",
             rt.save_ms / 1000, rt.bytes / 1048576.0,
             static_cast<double>(rt.bytes) / std::max<int64_t>(1, schema.relationship_count),
             rt.open_ms / 1000, rt.identical, rt.compared);
    }
  }
  if (!flags.out.empty()) {
    WriteReport(flags, *load, load_ms, peak, rss, schema, results, final_rss, final_peak, rt);
  }
  if (!algo_ok) return 1;
  if (!flags.roundtrip.empty() && (!rt.ran || rt.identical != rt.compared)) return 1;
  if (flags.check) {
    for (const QueryResult& q : results) {
      if (q.check != "OK") return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace cornerstone::bench

int main(int argc, char** argv) {
  cornerstone::tools::UseHugePages(argv);
  return cornerstone::bench::Main(argc, argv);
}
