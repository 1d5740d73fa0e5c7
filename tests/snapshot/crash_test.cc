// Copyright (c) Cornerstone authors.
// Crash test: a child process commits transactions in a loop (logging each
// with fsync, checkpointing often) and is killed with SIGKILL at random
// moments, 60 times. After every kill the database must open, hold every
// transaction the child reported committed, and none half-applied.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <cstdint>
#include <random>
#include <string>
#include <thread>

#include "engine/storage/store.h"
#include "tests/snapshot/test_util.h"

namespace cornerstone::snapshot_test {
namespace {

using engine::NodeId;
using engine::Value;

// Transaction i (i >= 1): creates item i with {seq: i}, links it to item
// i-1 (node 0 for i = 1), sets node 0's `last` to i, and when i % 5 == 0
// also deletes item i-2's link and marks it {cut: i}. Node 0 is created by
// transaction 0 with {last: 0}.
struct Keys {
  engine::KeyId seq, last, cut;
  engine::LabelId item;
  engine::TypeId next;
  explicit Keys(Graph& g)
      : seq(g.keys().Intern("seq")),
        last(g.keys().Intern("last")),
        cut(g.keys().Intern("cut")),
        item(g.labels().Intern("Item")),
        next(g.types().Intern("NEXT")) {}
};

[[noreturn]] void Child(const std::string& path, int report_fd) {
  Graph g;
  engine::StoreOptions options;
  options.checkpoint_bytes = 2 << 10;  // a checkpoint every dozen commits
  auto store = engine::Store::Open(path, options, &g);
  if (!store.ok()) {
    // An open failure is reported as the marker -1 (reports are otherwise
    // positive transaction numbers) followed by the message.
    const int64_t marker = -1;
    std::string msg(reinterpret_cast<const char*>(&marker), sizeof marker);
    msg += store.status().ToString();
    (void)!::write(report_fd, msg.data(), msg.size());
    ::_exit(2);
  }
  Keys k(g);
  int64_t i = 0;
  if (g.node_capacity() > 0) i = g.node(0).properties.Get(k.last)->int_value();
  std::vector<NodeId> items;  // by seq; items[0] = node 0
  items.resize(i + 1);
  for (NodeId n = 1; n < g.node_capacity(); ++n) {
    items[g.node(n).properties.Get(k.seq)->int_value()] = n;
  }
  if (g.node_capacity() == 0) {
    g.Begin();
    engine::PropertyList p;
    p.Set(k.last, Value::Int(0));
    items[0] = g.AddNode({}, std::move(p));
    g.Commit();
    if (!(*store)->LogCommit(g).ok()) ::_exit(3);
  }
  while (true) {
    ++i;
    g.Begin();
    engine::PropertyList p;
    p.Set(k.seq, Value::Int(i));
    p.Set(k.last, Value::String(std::string(static_cast<size_t>(i % 97), 'x')));  // padding
    NodeId n = g.AddNode(std::span<const engine::LabelId>(&k.item, 1), std::move(p));
    items.push_back(n);
    g.AddRelationship(n, items[i - 1], k.next, {});
    g.SetNodeProperty(items[0], k.last, Value::Int(i));
    if (i % 5 == 0) {
      NodeId victim = items[i - 2];
      for (const auto& a : g.Out(victim)) {
        g.DeleteRelationship(a.rel);
        break;
      }
      g.SetNodeProperty(victim, k.cut, Value::Int(i));
    }
    g.Commit();
    if (!(*store)->LogCommit(g).ok()) ::_exit(4);
    (void)!::write(report_fd, &i, sizeof i);
  }
}

// Checks the invariants; returns the last committed transaction number.
int64_t Verify(Graph& g) {
  if (g.node_capacity() == 0) return 0;
  Keys k(g);
  engine::PropertyRef last = g.node(0).properties.Get(k.last);
  REQUIRE(last != nullptr);
  const int64_t n = last->int_value();
  REQUIRE(g.node_count() == static_cast<size_t>(n + 1));
  REQUIRE(g.LabelCount(k.item) == static_cast<size_t>(n));
  for (NodeId id = 1; id < g.node_capacity(); ++id) {
    const int64_t seq = g.node(id).properties.Get(k.seq)->int_value();
    REQUIRE(seq >= 1);
    REQUIRE(seq <= n);
    // Cut by transaction seq + 2 (if it happened), else linked.
    const bool cut = (seq + 2) % 5 == 0 && seq + 2 <= n;
    engine::PropertyRef mark = g.node(id).properties.Get(k.cut);
    REQUIRE(g.Out(id).size() == (cut ? 0u : 1u));
    REQUIRE((mark != nullptr) == cut);
  }
  return n;
}

TEST_CASE("SIGKILL at random moments loses no committed transaction") {
  TempDir dir;
  const std::string path = dir.File("crash.snap");
  std::mt19937 rng(2026);
  int64_t committed = 0;  // the highest transaction a child reported
  int kills = 0;
  for (int round = 0; round < 60; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      Child(path, fds[1]);
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(2000 + rng() % 60000));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ++kills;
    // Everything the child wrote before dying.
    std::string reported;
    char buf[4096];
    ssize_t got;
    while ((got = ::read(fds[0], buf, sizeof buf)) > 0) reported.append(buf, got);
    ::close(fds[0]);
    int64_t first = 0;
    if (reported.size() >= sizeof first) std::memcpy(&first, reported.data(), sizeof first);
    REQUIRE_MESSAGE(first != -1, "child could not open: ", reported.substr(sizeof first));
    REQUIRE_MESSAGE(WIFSIGNALED(status), "child exited by itself: ", WEXITSTATUS(status));
    for (size_t at = 0; at + sizeof(int64_t) <= reported.size(); at += sizeof(int64_t)) {
      int64_t i;
      std::memcpy(&i, reported.data() + at, sizeof i);
      committed = std::max(committed, i);
    }
    Graph g;
    auto store = engine::Store::Open(path, {}, &g);
    REQUIRE_MESSAGE(store.ok(), "round ", round, ": ", store.status().ToString());
    const int64_t found = Verify(g);
    REQUIRE_MESSAGE(found >= committed, "round ", round, ": lost transactions ", found + 1,
                    "..", committed);
  }
  CHECK(kills >= 50);
  MESSAGE(kills, " kills; ", committed, " transactions reported committed");
}

}  // namespace
}  // namespace cornerstone::snapshot_test
