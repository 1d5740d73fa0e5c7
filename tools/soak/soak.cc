// Copyright (c) Cornerstone authors.
// cornerstone-soak: mixed reads and writes from several threads against a
// file-backed database, with random SIGKILLs and reopens, checking after
// every reopen that nothing committed was lost and nothing uncommitted
// appeared. Not part of CI (it runs for minutes); see SECURITY.md.
//
//   cornerstone-soak [--minutes 10] [--threads 8] [--dir DIR] [--seed N]
//
// Each cycle forks a child that opens DIR/soak.db and runs the workload in
// --threads threads. After a write's Commit (or autocommit Query) returned
// OK the child writes a record of it to a pipe (the side log); the parent
// reads the pipe, SIGKILLs the child after a random 1-8 s (one cycle in six
// lets the child close cleanly instead), then reopens the database and
// checks every record:
//   C tid seq        (:Item {tid, seq}) exists
//   T tid s1 s2      both items and the :LINK between them exist
//   S tid seq        (:Counter {tid}).n >= seq
// and that no (:Ghost) node (created only in rolled-back transactions)
// exists. Reads and deliberately provoked limit errors (memory budget, row
// limit, time limit, variable-length limit) are counted too; any other
// error is reported as unexpected.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cornerstone/cornerstone.h"

namespace {

using cornerstone::Connection;
using cornerstone::Database;
using cornerstone::QueryOptions;
using cornerstone::Value;
using Clock = std::chrono::steady_clock;

struct Flags {
  double minutes = 10;
  int threads = 8;
  std::string dir;
  uint64_t seed = 1;
};

// ---- The child: the workload ----

// Writes one record line to the side log; short lines are atomic on a pipe.
void Report(int fd, const std::string& line) {
  std::string l = line + "\n";
  ssize_t n = write(fd, l.data(), l.size());
  (void)n;
}

bool IsLimitError(const absl::Status& s) {
  const std::string m(s.message());
  return s.code() == absl::StatusCode::kCancelled ||
         m.rfind("MemoryLimitExceeded: ", 0) == 0 || m.rfind("RowLimitExceeded: ", 0) == 0 ||
         m.rfind("VarLengthLimitExceeded: ", 0) == 0;
}

void Worker(Database& db, int fd, int64_t tid, uint64_t seed) {
  Connection conn(db);
  std::mt19937_64 rng(seed);
  int64_t seq = 0;
  auto p = [](auto v) { return Value(static_cast<int64_t>(v)); };
  auto fail = [&](const char* what, const absl::Status& s) {
    if (IsLimitError(s)) {
      Report(fd, std::string("L ") + what);
    } else {
      std::string m(s.message());
      for (char& c : m) {
        if (c == '\n') c = ' ';
      }
      Report(fd, std::string("E ") + what + " " + m.substr(0, 200));
    }
  };
  for (;;) {
    const int op = static_cast<int>(rng() % 100);
    if (op < 20) {  // autocommit create
      ++seq;
      auto r = conn.Query("CREATE (:Item {tid: $tid, seq: $seq, payload: $payload})",
                          {{"tid", p(tid)}, {"seq", p(seq)},
                           {"payload", Value(std::string(rng() % 200, 'p'))}});
      if (r.ok()) {
        Report(fd, "C " + std::to_string(tid) + " " + std::to_string(seq));
      } else {
        fail("create", r.status());
      }
    } else if (op < 30) {  // explicit transaction: two items and a link
      const int64_t s1 = ++seq, s2 = ++seq;
      absl::Status s = conn.Begin();
      if (s.ok()) {
        auto r = conn.Query("CREATE (:Item {tid: $tid, seq: $s1})", {{"tid", p(tid)}, {"s1", p(s1)}});
        if (r.ok()) {
          r = conn.Query(
              "MATCH (a:Item {tid: $tid, seq: $s1}) "
              "CREATE (a)-[:LINK]->(b:Item {tid: $tid, seq: $s2})-[:BACK]->(a)",
              {{"tid", p(tid)}, {"s1", p(s1)}, {"s2", p(s2)}});
        }
        if (!r.ok()) {
          fail("txn", r.status());
          if (conn.in_transaction()) conn.Rollback().IgnoreError();
          continue;
        }
        s = conn.Commit();
      }
      if (s.ok()) {
        Report(fd, "T " + std::to_string(tid) + " " + std::to_string(s1) + " " +
                       std::to_string(s2));
      } else {
        fail("txn", s);
      }
    } else if (op < 38) {  // counter update
      ++seq;
      auto r = conn.Query("MERGE (c:Counter {tid: $tid}) SET c.n = $seq",
                          {{"tid", p(tid)}, {"seq", p(seq)}});
      if (r.ok()) {
        Report(fd, "S " + std::to_string(tid) + " " + std::to_string(seq));
      } else {
        fail("counter", r.status());
      }
    } else if (op < 43) {  // churn: temporary nodes created and deleted
      ++seq;
      auto r = conn.Query(
          "CREATE (:Temp {tid: $tid, seq: $seq}) WITH 1 AS one "
          "MATCH (t:Temp {tid: $tid}) WHERE t.seq < $seq - 5 DETACH DELETE t",
          {{"tid", p(tid)}, {"seq", p(seq)}});
      if (r.ok()) {
        Report(fd, "W");
      } else {
        fail("churn", r.status());
      }
    } else if (op < 46) {  // a transaction that is rolled back
      if (conn.Begin().ok()) {
        auto r = conn.Query("CREATE (:Ghost {tid: $tid})", {{"tid", p(tid)}});
        if (!r.ok()) fail("ghost", r.status());
        if (conn.in_transaction()) conn.Rollback().IgnoreError();
        Report(fd, "G");
      }
    } else if (op < 50) {  // a statement that fails half-way: rolled back too
      auto r = conn.Query("UNWIND [1, 0] AS x CREATE (:Ghost {v: 1 / x})");
      Report(fd, r.ok() ? "E halfway succeeded" : "G");
    } else if (op < 54) {  // deliberately provoked limit errors
      QueryOptions o;
      const char* query = nullptr;
      const char* what = nullptr;
      switch (rng() % 4) {
        case 0:
          o.memory_limit_bytes = 1 << 20;
          query = "UNWIND range(1, 200000) AS x RETURN collect(x) AS xs";
          what = "memory";
          break;
        case 1:
          o.max_rows = 5;
          query = "UNWIND range(1, 6) AS x RETURN x";
          what = "rows";
          break;
        case 2:
          o.timeout_ms = 20;
          query = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
                  "WITH x WHERE x < 0 RETURN count(x)";
          what = "time";
          break;
        default:
          // a-[:LINK]->b-[:BACK]->a: a path of 2 hops, past the limit of 1.
          o.max_var_length = 1;
          query = "MATCH (a:Item {tid: $tid})-[*]-(b) RETURN count(b)";
          what = "varlength";
          break;
      }
      auto r = conn.Query(query, {{"tid", p(tid)}}, o);
      if (r.ok()) {
        // The variable-length query has nothing to find before the thread's
        // first linked pair: then a correct answer is fine.
        Report(fd, std::string("R ") + what);
      } else {
        fail(what, r.status());
      }
    } else {  // reads
      const char* queries[] = {
          "MATCH (i:Item {tid: $tid}) RETURN count(i)",
          "MATCH (a:Item {tid: $tid})-[:LINK]->(b) RETURN a.seq, b.seq ORDER BY a.seq DESC LIMIT 5",
          "MATCH (c:Counter) RETURN c.tid, c.n ORDER BY c.n DESC LIMIT 3",
          "MATCH (i:Item) RETURN i.tid % 8 AS k, count(*) AS n, max(i.seq) AS top",
          "MATCH (i:Item {tid: $tid}) WITH i ORDER BY i.seq DESC LIMIT 10 RETURN collect(i.seq)",
          "MATCH (g:Ghost) RETURN count(g)",
      };
      const int q = static_cast<int>(rng() % 6);
      auto r = conn.Query(queries[q], {{"tid", p(tid)}});
      if (!r.ok()) {
        fail("read", r.status());
      } else if (q == 5 && r->Next() && r->GetInt(0).value_or(-1) != 0) {
        Report(fd, "E read: a rolled-back :Ghost node is visible");
      } else {
        Report(fd, "R read");
      }
    }
  }
}

[[noreturn]] void Child(const std::string& path, int fd, int generation, const Flags& flags) {
  auto db = Database::Open(path);
  if (!db.ok()) {
    Report(fd, "E open " + std::string(db.status().message()));
    _exit(3);
  }
  Report(fd, "O");
  std::vector<std::thread> threads;
  for (int t = 0; t < flags.threads; ++t) {
    const int64_t tid = static_cast<int64_t>(generation) * 100 + t;
    threads.emplace_back(Worker, std::ref(**db), fd, tid,
                         flags.seed * 7919 + static_cast<uint64_t>(tid));
  }
  // Workers never return: the parent kills this process, or (a clean
  // cycle) sends SIGTERM, which the main thread waits for to Close().
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  // A clean shutdown: close the database (checkpoint) while the workers
  // run; their later statements fail with "database is closed", which the
  // parent ignores after it asked for the shutdown.
  absl::Status s = (*db)->Close();
  Report(fd, s.ok() ? "Z" : "E close " + std::string(s.message()));
  _exit(0);
}

// ---- The parent: kills, reopens and checks ----

struct Expected {
  std::map<int64_t, std::set<int64_t>> items;                      // tid -> seqs
  std::map<int64_t, std::set<std::pair<int64_t, int64_t>>> links;  // tid -> (s1, s2)
  std::map<int64_t, int64_t> counters;                            // tid -> max seq
};

struct Totals {
  int64_t cycles = 0, kills = 0, clean = 0;
  int64_t creates = 0, txns = 0, counters = 0, churn = 0, rollbacks = 0, reads = 0;
  std::map<std::string, int64_t> limit_errors;
  std::map<std::string, int64_t> limit_ok;
  int64_t unexpected = 0;
  std::vector<std::string> unexpected_samples;
  int64_t checked_items = 0, checked_links = 0, checked_counters = 0;
  int64_t lost = 0, ghosts = 0, unreported = 0;
  int64_t check_ms_max = 0, open_ms_max = 0;
};

void Handle(const std::string& line, bool shutting_down, Expected* e, Totals* t) {
  std::istringstream in(line);
  std::string kind;
  in >> kind;
  if (kind == "C") {
    int64_t tid, seq;
    in >> tid >> seq;
    e->items[tid].insert(seq);
    ++t->creates;
  } else if (kind == "T") {
    int64_t tid, s1, s2;
    in >> tid >> s1 >> s2;
    e->items[tid].insert(s1);
    e->items[tid].insert(s2);
    e->links[tid].insert({s1, s2});
    ++t->txns;
  } else if (kind == "S") {
    int64_t tid, seq;
    in >> tid >> seq;
    int64_t& c = e->counters[tid];
    c = std::max(c, seq);
    ++t->counters;
  } else if (kind == "W") {
    ++t->churn;
  } else if (kind == "G") {
    ++t->rollbacks;
  } else if (kind == "R") {
    std::string what;
    in >> what;
    if (what == "read") {
      ++t->reads;
    } else {
      ++t->limit_ok[what];
    }
  } else if (kind == "L") {
    std::string what;
    in >> what;
    ++t->limit_errors[what];
  } else if (kind == "E") {
    if (shutting_down && line.find("database is closed") != std::string::npos) return;
    ++t->unexpected;
    if (t->unexpected_samples.size() < 10) t->unexpected_samples.push_back(line);
  }
}

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Reopens the database and checks every reported commit. False on a
// failure to open.
bool Check(const std::string& path, const Expected& e, Totals* t) {
  const auto open_start = Clock::now();
  auto db = Database::Open(path);
  t->open_ms_max = std::max(t->open_ms_max, MillisSince(open_start));
  if (!db.ok()) {
    std::fprintf(stderr, "reopen failed: %s\n", std::string(db.status().message()).c_str());
    return false;
  }
  const auto start = Clock::now();
  Connection conn(**db);
  auto p = [](int64_t v) { return Value(v); };
  for (const auto& [tid, seqs] : e.items) {
    std::set<int64_t> found;
    auto r = conn.Query("MATCH (i:Item {tid: $tid}) RETURN i.seq", {{"tid", p(tid)}},
                        QueryOptions{.max_rows = 0});
    if (!r.ok()) {
      ++t->lost;
      continue;
    }
    while (r->Next()) found.insert(*r->GetInt(0));
    for (int64_t s : seqs) {
      ++t->checked_items;
      if (!found.contains(s)) {
        ++t->lost;
        if (t->lost <= 5) std::fprintf(stderr, "LOST item tid %lld seq %lld\n",
                                       static_cast<long long>(tid), static_cast<long long>(s));
      }
    }
    for (int64_t s : found) {
      if (!seqs.contains(s)) ++t->unreported;  // committed while the kill came
    }
  }
  for (const auto& [tid, pairs] : e.links) {
    std::set<std::pair<int64_t, int64_t>> found;
    auto r = conn.Query("MATCH (a:Item {tid: $tid})-[:LINK]->(b:Item) RETURN a.seq, b.seq",
                        {{"tid", p(tid)}}, QueryOptions{.max_rows = 0});
    if (r.ok()) {
      while (r->Next()) found.insert({*r->GetInt(0), *r->GetInt(1)});
    }
    for (const auto& pr : pairs) {
      ++t->checked_links;
      if (!found.contains(pr)) ++t->lost;
    }
  }
  for (const auto& [tid, seq] : e.counters) {
    ++t->checked_counters;
    auto r = conn.Query("MATCH (c:Counter {tid: $tid}) RETURN c.n", {{"tid", p(tid)}});
    if (!r.ok() || !r->Next() || r->GetInt(0).value_or(-1) < seq) ++t->lost;
  }
  auto g = conn.Query("MATCH (g:Ghost) RETURN count(g)");
  if (g.ok() && g->Next()) t->ghosts += g->GetInt(0).value_or(0);
  t->check_ms_max = std::max(t->check_ms_max, MillisSince(start));
  return (*db)->Close().ok();
}

long RssKiB(const std::string& field = "VmRSS") {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  }
  return -1;
}

// Memory returns after queries stopped by the memory budget (default
// 1 GiB), in this process: RSS before, at most during, and after.
void MemoryCheck() {
  auto db = Database::Open();
  if (!db.ok()) return;
  Connection conn(**db);
  const long before = RssKiB();
  long worst = before;
  std::string error;
  for (int i = 0; i < 3; ++i) {
    for (const char* q : {"UNWIND range(1, 100000000) AS x RETURN collect(x) AS xs",
                          "RETURN size(range(1, 1000000000000)) AS n",
                          "UNWIND range(1, 40000000) AS x WITH x ORDER BY x DESC RETURN x LIMIT 1"}) {
      auto r = conn.Query(q);
      if (!r.ok()) error = std::string(r.status().message());
      worst = std::max(worst, RssKiB("VmHWM"));
    }
  }
  const long after = RssKiB();
  auto r = conn.Query("RETURN 1");
  std::printf("memory check: RSS %ld MiB before, peak %ld MiB, %ld MiB after 9 statements "
              "stopped by the default 1 GiB budget (last error: %s); follow-up query %s\n",
              before / 1024, worst / 1024, after / 1024, error.c_str(), r.ok() ? "ok" : "FAILED");
}

int Run(const Flags& flags) {
  std::filesystem::create_directories(flags.dir);
  const std::string path = flags.dir + "/soak.db";
  for (const char* suffix : {"", ".wal", ".lock"}) std::filesystem::remove(path + suffix);
  {
    auto db = Database::Open(path);
    if (!db.ok()) {
      std::fprintf(stderr, "cannot create %s: %s\n", path.c_str(),
                   std::string(db.status().message()).c_str());
      return 1;
    }
    Connection conn(**db);
    for (const char* q : {"CREATE INDEX FOR (i:Item) ON (i.tid)",
                          "CREATE INDEX FOR (c:Counter) ON (c.tid)",
                          "CREATE INDEX FOR (t:Temp) ON (t.tid)"}) {
      if (!conn.Query(q).ok()) return 1;
    }
  }
  MemoryCheck();
  std::mt19937_64 rng(flags.seed);
  Expected expected;
  Totals t;
  const auto start = Clock::now();
  const auto end = start + std::chrono::milliseconds(static_cast<int64_t>(flags.minutes * 60000));
  int generation = 0;
  while (Clock::now() < end) {
    ++generation;
    int fds[2];
    if (pipe(fds) != 0) return 1;
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
      close(fds[0]);
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, SIGTERM);
      pthread_sigmask(SIG_BLOCK, &set, nullptr);  // inherited by the workers
      Child(path, fds[1], generation, flags);
    }
    close(fds[1]);
    const bool clean = rng() % 6 == 0;
    const auto deadline = std::min(end, Clock::now() + std::chrono::milliseconds(
                                                           1000 + rng() % 7000));
    std::string pending;
    bool signalled = false, shutting_down = false;
    char buf[65536];
    for (;;) {
      if (!signalled && Clock::now() >= deadline) {
        signalled = true;
        shutting_down = clean;
        kill(pid, clean ? SIGTERM : SIGKILL);
      }
      pollfd pfd{fds[0], POLLIN, 0};
      if (poll(&pfd, 1, 50) > 0) {
        ssize_t n = read(fds[0], buf, sizeof(buf));
        if (n <= 0) break;  // the child is gone (EOF)
        pending.append(buf, static_cast<size_t>(n));
        size_t nl;
        while ((nl = pending.find('\n')) != std::string::npos) {
          Handle(pending.substr(0, nl), shutting_down, &expected, &t);
          pending.erase(0, nl + 1);
        }
      }
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    ++t.cycles;
    if (clean && WIFEXITED(status)) {
      ++t.clean;
    } else {
      ++t.kills;
    }
    if (!Check(path, expected, &t)) {
      std::fprintf(stderr, "cycle %d: the database did not reopen\n", generation);
      ++t.lost;
      break;
    }
  }
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  int64_t limits = 0, limit_ok = 0;
  for (const auto& [k, v] : t.limit_errors) limits += v;
  for (const auto& [k, v] : t.limit_ok) limit_ok += v;
  const int64_t writes = t.creates + t.txns + t.counters + t.churn;
  const int64_t ops = writes + t.rollbacks + t.reads + limits + limit_ok + t.unexpected;
  std::printf("soak: %.1f min, %d threads, %lld cycles (%lld SIGKILLs, %lld clean closes)\n",
              secs / 60, flags.threads, static_cast<long long>(t.cycles),
              static_cast<long long>(t.kills), static_cast<long long>(t.clean));
  std::printf("operations: %lld (%.0f/s): %lld committed writes (%lld creates, %lld 2-statement "
              "transactions, %lld counter updates, %lld create+delete), %lld rolled back, %lld "
              "reads\n",
              static_cast<long long>(ops), static_cast<double>(ops) / secs,
              static_cast<long long>(writes), static_cast<long long>(t.creates),
              static_cast<long long>(t.txns), static_cast<long long>(t.counters),
              static_cast<long long>(t.churn), static_cast<long long>(t.rollbacks),
              static_cast<long long>(t.reads));
  std::printf("provoked limit errors: %lld (", static_cast<long long>(limits));
  for (const auto& [k, v] : t.limit_errors) std::printf(" %s %lld", k.c_str(), static_cast<long long>(v));
  std::printf(" ); answered within the limit (before the thread had data to exceed it):");
  for (const auto& [k, v] : t.limit_ok) std::printf(" %s %lld", k.c_str(), static_cast<long long>(v));
  std::printf("\n");
  std::printf("unexpected errors: %lld\n", static_cast<long long>(t.unexpected));
  for (const std::string& s : t.unexpected_samples) std::printf("  %s\n", s.c_str());
  std::printf("checks after %lld reopens: %lld item checks, %lld link checks, %lld counter checks; "
              "lost %lld, rolled-back nodes visible %lld, committed-but-unreported (in flight at "
              "the kill) %lld; slowest reopen %lld ms, slowest check %lld ms\n",
              static_cast<long long>(t.cycles), static_cast<long long>(t.checked_items),
              static_cast<long long>(t.checked_links), static_cast<long long>(t.checked_counters),
              static_cast<long long>(t.lost), static_cast<long long>(t.ghosts),
              static_cast<long long>(t.unreported), static_cast<long long>(t.open_ms_max),
              static_cast<long long>(t.check_ms_max));
  const bool ok = t.lost == 0 && t.ghosts == 0 && t.unexpected == 0;
  std::printf("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--minutes") {
      flags.minutes = std::atof(value().c_str());
    } else if (a == "--threads") {
      flags.threads = std::atoi(value().c_str());
    } else if (a == "--dir") {
      flags.dir = value();
    } else if (a == "--seed") {
      flags.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else {
      std::fprintf(stderr,
                   "usage: cornerstone-soak [--minutes 10] [--threads 8] [--dir DIR] [--seed N]\n");
      return 2;
    }
  }
  if (flags.dir.empty()) flags.dir = "/tmp/cornerstone-soak-" + std::to_string(getpid());
  return Run(flags);
}
