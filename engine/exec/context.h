// Copyright (c) Cornerstone authors.
// State shared by the operators and expressions of one running statement.
#ifndef CORNERSTONE_ENGINE_EXEC_CONTEXT_H_
#define CORNERSTONE_ENGINE_EXEC_CONTEXT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "engine/storage/graph.h"
#include "engine/value/value.h"
#include "queries/parse/error.h"

namespace cornerstone::engine {

using Row = std::vector<Value>;

// What a statement changed (mirrors the public QueryStats).
struct WriteStats {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t properties_set = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  int64_t indexes_added = 0;
};

// How a running statement is stopped from outside: an interrupt flag that
// another thread may set, and a deadline. Both optional.
struct Cancellation {
  const std::atomic<bool>* interrupted = nullptr;
  absl::Time deadline = absl::InfiniteFuture();
};

// Installs `cancellation` for the statements executed on this thread while
// the scope lives (the public API wraps engine::Execute in one). The
// Cancellation must outlive the scope.
class CancellationScope {
 public:
  explicit CancellationScope(const Cancellation* cancellation) : previous_(current_) {
    current_ = cancellation;
  }
  ~CancellationScope() { current_ = previous_; }
  CancellationScope(const CancellationScope&) = delete;
  CancellationScope& operator=(const CancellationScope&) = delete;

  // The innermost installed Cancellation of this thread, or null.
  static const Cancellation* current() { return current_; }

 private:
  static inline thread_local const Cancellation* current_ = nullptr;
  const Cancellation* previous_;
};

class EvalContext {
 public:
  explicit EvalContext(Graph& graph);
  ~EvalContext();

  Graph& graph() { return graph_; }
  WriteStats& stats() { return stats_; }

  bool ok() const { return status_.ok(); }
  const absl::Status& status() const { return status_; }
  // Records the first error; returns null so callers can `return ctx.Fail(..)`.
  Value Fail(query::ErrorKind kind, std::string_view message);
  Value Fail(absl::Status status);

  // True when the statement must stop: it was interrupted or is past its
  // deadline (see CancellationScope); records a Cancelled error
  // ("Cancelled: ...") the first time. Cheap enough for every row: one
  // relaxed atomic load, and a clock read every 256 calls with a deadline.
  bool Cancelled() {
    if (cancellation_ == nullptr) return false;
    if (cancellation_->interrupted != nullptr &&
        cancellation_->interrupted->load(std::memory_order_relaxed)) {
      Fail(absl::CancelledError("Cancelled: the query was interrupted"));
      return true;
    }
    if (cancellation_->deadline != absl::InfiniteFuture() && (++ticks_ & 255u) == 0 &&
        absl::Now() >= cancellation_->deadline) {
      Fail(absl::CancelledError("Cancelled: the query exceeded its time limit"));
      return true;
    }
    return false;
  }

  // Plans of EXISTS subqueries and pattern predicates, built on first use
  // (defined in eval.cc).
  struct SubplanCache;
  SubplanCache& subplans() { return *subplans_; }

 private:
  Graph& graph_;
  WriteStats stats_;
  absl::Status status_;
  const Cancellation* cancellation_ = CancellationScope::current();
  uint32_t ticks_ = 0;
  std::unique_ptr<SubplanCache> subplans_;
};

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_CONTEXT_H_
