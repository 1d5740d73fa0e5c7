// Copyright (c) Cornerstone authors.
// cornerstone-hostile: runs the hostile queries of SECURITY.md's table on a
// database (e.g. the SF 1 benchmark graph) with the default limits unless a
// row says otherwise, and prints for each: the time, the answer or the
// error, and the process's resident memory before, at its peak and after.
//
//   cornerstone-hostile DATABASE_FILE
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "cornerstone/cornerstone.h"

namespace {

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::Params;
using cornerstone::QueryOptions;
using cornerstone::Value;

long StatusKiB(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::atol(line.c_str() + prefix.size());
  }
  return -1;
}

// Resets VmHWM (the peak RSS) to the current RSS.
void ResetPeak() {
  int fd = open("/proc/self/clear_refs", O_WRONLY);
  if (fd < 0) return;
  ssize_t n = write(fd, "5", 1);
  (void)n;
  close(fd);
}

struct Case {
  std::string what;
  std::string query;
  QueryOptions options;
  Params params;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: cornerstone-hostile DATABASE_FILE\n");
    return 2;
  }
  cornerstone::DatabaseOptions dbo;
  dbo.read_only = true;
  auto start = std::chrono::steady_clock::now();
  auto db = Database::Open(argv[1], dbo);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", std::string(db.status().message()).c_str());
    return 1;
  }
  Connection conn(**db);
  std::printf("opened %s in %.1f s: %lld nodes, %lld relationships, RSS %ld MiB\n", argv[1],
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              static_cast<long long>((*db)->GetSchema().node_count),
              static_cast<long long>((*db)->GetSchema().relationship_count),
              StatusKiB("VmRSS") / 1024);
  QueryOptions ten_s;
  ten_s.timeout_ms = 10000;
  QueryOptions ten_s_unbounded = ten_s;
  ten_s_unbounded.max_var_length = 0;
  std::vector<Case> cases = {
      {"[*] undirected, defaults", "MATCH (a)-[*]-(b) RETURN count(*)", {}, {}},
      {"[*] undirected, max_var_length 0, 10 s", "MATCH (a)-[*]-(b) RETURN count(*)",
       ten_s_unbounded, {}},
      {"[*..3] from one node", "MATCH (a:Person {id: 0})-[*..3]-(b) RETURN count(*)", {}, {}},
      {"4 label scans, count, 10 s",
       "MATCH (a:Person), (b:Company), (c:Fund), (d:Ambition) RETURN count(*)", ten_s, {}},
      {"4 label scans, rows, defaults",
       "MATCH (a:Person), (b:Company), (c:Fund), (d:Ambition) RETURN a.name, b.name, c.name, "
       "d.name",
       {}, {}},
      {"sort 10M relationships, defaults",
       "MATCH (a)-[r]->(b) RETURN a.name, b.name ORDER BY a.name", {}, {}},
      {"collect all nodes, defaults", "MATCH (n) RETURN size(collect(n)) AS n", {}, {}},
      {"UNWIND range(1, 10^12)", "UNWIND range(1, 10^12) AS x RETURN count(*)", {}, {}},
      {"UNWIND range(1, 1000000000000)", "UNWIND range(1, 1000000000000) AS x RETURN count(*)",
       {}, {}},
      {"300 MB string parameter", "RETURN size($s)", {},
       {{"s", Value(std::string(300u << 20, 'x'))}}},
      {"follow-up", "MATCH (n) RETURN count(n)", {}, {}},
  };
  for (Case& c : cases) {
    const long before = StatusKiB("VmRSS");
    ResetPeak();
    auto t0 = std::chrono::steady_clock::now();
    auto r = conn.Query(c.query, c.params, c.options);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const long peak = StatusKiB("VmHWM");
    std::string answer;
    if (r.ok()) {
      answer = r->num_rows() == 1 && r->Next() ? "answer " + r->Get(0).ToString()
                                               : std::to_string(r->num_rows()) + " rows";
    } else {
      answer = std::string(r.status().message());
    }
    r = absl::InternalError("");  // free the result before measuring
    c.params.clear();
    const long after = StatusKiB("VmRSS");
    std::printf("%-40s %7.2f s  RSS %5ld -> peak %5ld -> %5ld MiB  %s\n", c.what.c_str(), secs,
                before / 1024, peak / 1024, after / 1024, answer.c_str());
    std::fflush(stdout);
  }
  return 0;
}
