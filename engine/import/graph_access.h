// Copyright (c) Cornerstone authors.
// Access to the engine graph inside a public Database, for the importers
// and exporters (which work below the query language).
#ifndef CORNERSTONE_ENGINE_IMPORT_GRAPH_ACCESS_H_
#define CORNERSTONE_ENGINE_IMPORT_GRAPH_ACCESS_H_

#include <memory>
#include <thread>

#include "absl/status/status.h"
#include "cornerstone/database.h"
#include "engine/storage/graph.h"

namespace cornerstone::internal {

// Holds `db`'s lock (exclusively, or shared for reading) while it lives.
// Must not be created on a thread whose connection is inside an explicit
// transaction (that thread already holds the lock).
class GraphLock {
 public:
  GraphLock(Database& db, bool exclusive);
  ~GraphLock();
  GraphLock(const GraphLock&) = delete;
  GraphLock& operator=(const GraphLock&) = delete;

  engine::Graph& graph();
  // FailedPrecondition when the database is closed, (with `update`)
  // read-only, or the lock was refused (an exclusive lock on a thread that
  // reads a streamed result): check it before graph().
  absl::Status CheckUsable(bool update) const;

 private:
  std::shared_ptr<Database::Impl> impl_;
  bool exclusive_;
  bool held_ = false;
  absl::Status refused_;
  std::thread::id holder_;
};

}  // namespace cornerstone::internal

#endif  // CORNERSTONE_ENGINE_IMPORT_GRAPH_ACCESS_H_
