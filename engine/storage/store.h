// Copyright (c) Cornerstone authors.
// Durable storage of a Graph: snapshot files, the write-ahead log, the
// lock file, and the Cypher export. See engine/SNAPSHOT.md.
#ifndef CORNERSTONE_ENGINE_STORAGE_STORE_H_
#define CORNERSTONE_ENGINE_STORAGE_STORE_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/storage/graph.h"

namespace cornerstone::engine {

// Writes `graph` to `path` atomically (temporary file, fsync, rename, fsync
// of the folder). The file is a standalone snapshot (generation 0): to save
// over the file of a database open with a Store, use Store::Checkpoint,
// which keeps the snapshot and its log in step.
absl::Status SaveSnapshot(const Graph& graph, const std::string& path);

// Loads the snapshot at `path` into `graph`, which must be empty. Checks the
// header and checksum before deserializing anything; errors name the file
// and what is wrong: NotFound, DataLoss (not a snapshot, a directory, empty,
// truncated, checksum mismatch, corrupt payload), FailedPrecondition (newer
// or unsupported older format version). On error discard `graph`.
absl::Status LoadSnapshot(const std::string& path, Graph* graph);

// Writes a Cypher script that recreates `graph` exactly (indexes, nodes,
// relationships, properties).
absl::Status ExportCypher(const Graph& graph, std::ostream& out);

struct StoreOptions {
  bool read_only = false;
  bool wal = true;
  bool sync = true;
  int64_t checkpoint_bytes = 64 << 20;
};

// The files of one database: PATH (snapshot), PATH.wal (log), PATH.lock.
class Store {
 public:
  // Locks the database, loads the snapshot (if the file exists) and replays
  // the log into `graph` (which must be empty).
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                                     const StoreOptions& options, Graph* graph);
  virtual ~Store() = default;

  // Called right after Graph::Commit(): appends the committed changes
  // (Graph::last_commit(), which it then empties) to the log, fsyncs it
  // when options.sync, and checkpoints when the log is past
  // checkpoint_bytes. The commit is durable once this returns OK. On a
  // read-only store, fails if the commit changed anything.
  virtual absl::Status LogCommit(Graph& graph) = 0;
  // Writes the snapshot and empties the log.
  virtual absl::Status Checkpoint(const Graph& graph) = 0;
  virtual const std::string& path() const = 0;
};

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_STORAGE_STORE_H_
