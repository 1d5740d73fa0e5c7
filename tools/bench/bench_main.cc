// Copyright (c) Cornerstone authors.
// cornerstone-bench: loads the benchmark kit's CSVs (../shared/bench, see
// its README), reports import time and peak memory, runs the ten queries
// (one warm-up, then repeated runs: median/min/max), checks the answers
// against expected/ and prints a table. --out writes a JSON report in the
// shape of kuzu_run.mjs's, so compare.py and vs_kuzu can read it.
//
//   cornerstone-bench --data DIR [--bench-dir ../shared/bench] [--runs 10]
//       [--budget-s 120] [--timeout-s 600] [--only Q01,Q03] [--check]
//       [--no-index] [--explain] [--out report.json]
// --runs 0 runs each query once (the warm-up) and reports that time.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
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
#include "tools/bench/canonical.h"

namespace cornerstone::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Flags {
  std::string data, bench_dir = "../shared/bench", out, only;
  int runs = 10;
  double budget_s = 120, timeout_s = 600;
  bool check = false, index = true, explain = false;
};

struct QueryResult {
  std::string name, error, check = "-";
  int runs = 0;
  double warmup_ms = 0, median_ms = 0, min_ms = 0, max_ms = 0;
  size_t row_count = 0;
  std::vector<std::string> rows;  // canonical, sorted
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

std::string JsonString(const std::string& s) { return CanonicalJson(Value(s)); }

void WriteReport(const Flags& flags, const ImportReport& load, double load_ms,
                 double after_load_peak, double after_load_rss, const Schema& schema,
                 const std::vector<QueryResult>& results) {
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
  out << "\n  },\n  \"final\": {\"rss_mb\": " << RssMb() << ", \"peak_rss_mb\": " << PeakRssMb()
      << "}\n}\n";
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
    else return false;
  }
  return !f->data.empty();
}

int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) {
    std::cerr << "usage: cornerstone-bench --data DIR [--bench-dir DIR] [--runs N] "
                 "[--budget-s S] [--timeout-s S] [--only Q01,Q02] [--check] [--no-index] "
                 "[--explain] [--out FILE]\n";
    return 2;
  }
  auto db = Database::Open();
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
  Connection conn(**db);
  std::vector<QueryResult> results;
  printf("\n%-26s %10s %10s %10s %5s %7s  %s\n", "query", "median ms", "min ms", "max ms",
         "runs", "rows", "check");
  for (const std::string& f : files) {
    std::string name = f.substr(0, f.size() - 7);
    if (!only.empty() && !only.count(name.substr(0, name.find('_')))) continue;
    std::string pfile = qdir + "/" + name + ".params.json";
    Params params = fs::exists(pfile) ? ReadParams(pfile) : Params{};
    std::string text = QueryText(qdir + "/" + f);
    if (flags.explain) {
      auto plan = conn.Query("EXPLAIN " + text, params);
      printf("%s\n%s\n", name.c_str(),
             plan.ok() ? plan->plan().c_str() : std::string(plan.status().message()).c_str());
      continue;
    }
    QueryResult q = RunQuery(conn, name, text, params, flags);
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
  printf("\npeak RSS %.0f MB\n", PeakRssMb());
  if (!flags.out.empty()) WriteReport(flags, *load, load_ms, peak, rss, schema, results);
  if (flags.check) {
    for (const QueryResult& q : results) {
      if (q.check != "OK") return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace cornerstone::bench

int main(int argc, char** argv) { return cornerstone::bench::Main(argc, argv); }
