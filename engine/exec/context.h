// Copyright (c) Cornerstone authors.
// State shared by the operators and expressions of one running statement.
#ifndef CORNERSTONE_ENGINE_EXEC_CONTEXT_H_
#define CORNERSTONE_ENGINE_EXEC_CONTEXT_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "engine/exec/limits.h"
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

// Per-statement resource limits; 0 means none. Each exceeded limit stops
// the statement with a ResourceExhausted error naming it (the API rolls the
// statement back). The public QueryOptions / DatabaseOptions fill them.
struct ResourceLimits {
  // Approximate bytes of intermediate results: sort buffers, aggregation
  // and DISTINCT tables, collect() lists, the materialized result, long
  // range() lists (see EvalContext::Charge and limits.h).
  int64_t memory_bytes = 0;
  // Rows the statement may return.
  int64_t max_rows = 0;
  // Hops of a variable-length pattern without an upper bound ([*], [*2..]).
  // Explicit upper bounds ([*..500]) are not capped.
  int64_t max_var_length = 0;
  // Threads the statement may use (not a limit: 1 runs everything on the
  // statement's thread).
  int threads = 1;
};

// How a running statement is stopped from outside: an interrupt flag that
// another thread may set, a deadline, and resource limits. All optional.
struct Cancellation {
  const std::atomic<bool>* interrupted = nullptr;
  absl::Time deadline = absl::InfiniteFuture();
  ResourceLimits limits;
  // The statement's clock: datetime(), date(), ... without arguments return
  // this instant in binding and execution alike. InfinitePast: not set.
  absl::Time clock = absl::InfinitePast();
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
    if (Interrupted()) return FailCancelled(kInterrupted);
    if (cancellation_->deadline != absl::InfiniteFuture() && (++ticks_ & 255u) == 0 &&
        absl::Now() >= cancellation_->deadline) {
      return FailCancelled(kTimedOut);
    }
    return false;
  }
  // As Cancelled(), reading the clock on every call.
  bool CancelledNow() {
    if (cancellation_ == nullptr) return false;
    if (Interrupted()) return FailCancelled(kInterrupted);
    if (absl::Now() >= cancellation_->deadline) return FailCancelled(kTimedOut);
    return false;
  }
  // For the threads a statement starts (RunParts): true when the statement
  // must stop. Records nothing and reads the clock on every call, so call
  // it every few thousand rows; once the threads are joined the
  // statement's thread calls CancelledNow() to record why.
  bool StopRequested() const {
    return cancellation_ != nullptr &&
           (Interrupted() || absl::Now() >= cancellation_->deadline);
  }

  // Memory budget (ResourceLimits::memory_bytes). Operators charge the
  // approximate bytes they hold across rows (measured with a MemoryMeter)
  // and release them when they drop their buffers. Charge returns false and
  // records MemoryLimitExceeded once the statement is over budget.
  bool Charge(int64_t bytes) {
    memory_used_ += bytes;
    if (memory_used_ > peak_memory_) peak_memory_ = memory_used_;
    if (limits_.memory_bytes > 0 && memory_used_ > limits_.memory_bytes) {
      MemoryLimitExceeded();
      return false;
    }
    return true;
  }
  void Release(int64_t bytes) { memory_used_ -= bytes; }
  // For a value being built that is not held yet (e.g. a long range()):
  // false, with MemoryLimitExceeded recorded, when `bytes` more would not fit.
  bool Fits(int64_t bytes) {
    if (limits_.memory_bytes > 0 && memory_used_ + bytes > limits_.memory_bytes) {
      MemoryLimitExceeded();
      return false;
    }
    return true;
  }
  // Fits for a string or list about to be built from others (a + b,
  // replace(), a list comprehension): small ones pass without a look at the
  // budget, so only values that could matter pay for the check.
  bool FitsBuilt(int64_t bytes) { return bytes < kSmallBuild || Fits(bytes); }
  static constexpr int64_t kSmallBuild = 1 << 20;
  int64_t memory_used() const { return memory_used_; }
  int64_t peak_memory() const { return peak_memory_; }

  // Counts one row of the statement's result against ResourceLimits::
  // max_rows and charges `bytes` for it; false (error recorded) when over.
  bool AddResultRow(int64_t bytes) {
    if (limits_.max_rows > 0 && ++result_rows_ > limits_.max_rows) {
      Fail(absl::ResourceExhaustedError(absl::StrCat(
          "RowLimitExceeded: the query returns more than ", limits_.max_rows,
          " rows (limit: QueryOptions::max_rows)")));
      return false;
    }
    return Charge(bytes);
  }

  // Hops allowed for a variable-length pattern without an upper bound; 0:
  // no limit. VarLengthLimitExceeded records the error.
  int64_t max_var_length() const { return limits_.max_var_length; }
  int threads() const { return limits_.threads < 1 ? 1 : limits_.threads; }
  Value VarLengthLimitExceeded() {
    return Fail(absl::ResourceExhaustedError(absl::StrCat(
        "VarLengthLimitExceeded: a variable-length pattern without an upper bound "
        "([*] or [*n..]) found a path longer than ",
        limits_.max_var_length,
        " hops (limit: QueryOptions::max_var_length); give the pattern an explicit upper "
        "bound such as [*..", 2 * limits_.max_var_length, "] or raise the limit")));
  }

  // The ids of the label, property key and relationship type names a plan
  // holds, looked up in the graph's dictionaries once per statement instead
  // of once per row. `name` must be a string of the plan (or of a subplan
  // the context owns): the cache is keyed by its address, so a temporary
  // string would alias. A name the graph does not know yet is looked up
  // again only after its dictionary grew (the statement's own writes can
  // create it); ids, once handed out, never change.
  std::optional<LabelId> LabelIdOf(const std::string& name) {
    return Resolve(graph_.labels(), name, label_ids_);
  }
  std::optional<KeyId> KeyIdOf(const std::string& name) {
    return Resolve(graph_.keys(), name, key_ids_);
  }

  // Plans of EXISTS subqueries and pattern predicates, built on first use
  // (defined in eval.cc).
  struct SubplanCache;
  SubplanCache& subplans() { return *subplans_; }

 private:
  struct NameId {
    static constexpr uint32_t kUnknown = ~uint32_t{0};
    NameId() : id(kUnknown), dictionary_size(kUnknown) {}
    uint32_t id;
    uint32_t dictionary_size;  // the dictionary's size at the last look-up
  };
  // A statement names few labels and keys: the first kRecent are found by
  // comparing pointers (a hash look-up per row cost more than the id it
  // saves), the rest by a hash map.
  class NameIds {
   public:
    NameId& operator[](const std::string* name) {
      for (size_t i = 0; i < used_; ++i) {
        if (recent_[i].first == name) return recent_[i].second;
      }
      if (used_ < kRecent) {
        recent_[used_] = {name, NameId{}};
        return recent_[used_++].second;
      }
      return more_[name];
    }

   private:
    static constexpr size_t kRecent = 8;
    std::array<std::pair<const std::string*, NameId>, kRecent> recent_;
    size_t used_ = 0;
    absl::flat_hash_map<const std::string*, NameId> more_;
  };
  static std::optional<uint32_t> Resolve(const Dictionary& d, const std::string& name,
                                         NameIds& cache) {
    NameId& entry = cache[&name];
    if (entry.id == NameId::kUnknown && entry.dictionary_size != d.size()) {
      entry.dictionary_size = static_cast<uint32_t>(d.size());
      if (auto id = d.Find(name)) entry.id = *id;
    }
    if (entry.id == NameId::kUnknown) return std::nullopt;
    return entry.id;
  }

  bool Interrupted() const {
    return cancellation_->interrupted != nullptr &&
           cancellation_->interrupted->load(std::memory_order_relaxed);
  }
  static constexpr absl::string_view kInterrupted = "Cancelled: the query was interrupted";
  static constexpr absl::string_view kTimedOut = "Cancelled: the query exceeded its time limit";
  bool FailCancelled(absl::string_view why) {
    Fail(absl::CancelledError(why));
    return true;
  }

  Graph& graph_;
  NameIds label_ids_, key_ids_;
  WriteStats stats_;
  absl::Status status_;
  void MemoryLimitExceeded() {
    Fail(absl::ResourceExhaustedError(absl::StrCat(
        "MemoryLimitExceeded: the query needs more than ", FormatBytes(limits_.memory_bytes),
        " for intermediate results (limit: QueryOptions::memory_limit_bytes)")));
  }

  const Cancellation* cancellation_ = CancellationScope::current();
  const ResourceLimits limits_ =
      cancellation_ != nullptr ? cancellation_->limits : ResourceLimits();
  uint32_t ticks_ = 0;
  int64_t memory_used_ = 0;
  int64_t peak_memory_ = 0;
  int64_t result_rows_ = 0;
  std::unique_ptr<SubplanCache> subplans_;
};

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_CONTEXT_H_
