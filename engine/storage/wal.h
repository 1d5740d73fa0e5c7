// Copyright (c) Cornerstone authors.
// The write-ahead log (PATH.wal): a header naming the snapshot generation it
// applies to, then one checksummed record per committed transaction. A
// record holds the final state of every node and relationship the
// transaction touched, plus the names and indexes it added, so replaying it
// is exact. Format: engine/SNAPSHOT.md.
#ifndef CORNERSTONE_ENGINE_STORAGE_WAL_H_
#define CORNERSTONE_ENGINE_STORAGE_WAL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/storage/graph.h"

namespace cornerstone::engine {

inline constexpr char kWalMagic[8] = {'\x89', 'C', 'S', 'T', 'W', 'A', 'L', '\n'};
inline constexpr size_t kWalHeaderSize = 32;
inline constexpr uint32_t kWalFormatVersion = 1;
// Record frame: u32 payload length, u32 CRC-32 of (length, payload).
inline constexpr size_t kWalFrameSize = 8;

// How much of the graph's dictionaries and index list the log already has.
struct WalCursor {
  size_t labels = 0, types = 0, keys = 0, indexes = 0;
  static WalCursor Of(const Graph& graph);
};

std::string EncodeWalHeader(uint64_t generation);

// Returns the generation, or DataLoss naming `name` (not a log, corrupt
// header) / FailedPrecondition (newer log format).
absl::StatusOr<uint64_t> ParseWalHeader(std::string_view bytes, const std::string& name);

// The framed record for graph.last_commit() and what the dictionaries and
// indexes gained since `cursor`; empty when nothing changed. Advances
// `cursor` on success. Fails (InvalidArgument) for unstorable values.
absl::StatusOr<std::string> EncodeCommit(const Graph& graph, WalCursor* cursor);

struct WalReplay {
  size_t records = 0;
  size_t valid_bytes = 0;  // header + every intact record
  bool torn_tail = false;  // bytes after valid_bytes were ignored
};

// Applies the records of a whole log file (header already checked) to
// `graph`, each atomically, stopping silently at the first torn or
// corrupt frame. A frame whose checksum is good but which does not apply
// to the graph is an error (DataLoss naming the record); the graph is then
// left with the records before it.
absl::StatusOr<WalReplay> ReplayWal(std::string_view bytes, const std::string& name,
                                    Graph* graph);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_STORAGE_WAL_H_
