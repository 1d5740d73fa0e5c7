// Copyright (c) Cornerstone authors.
// Snapshot files: a fixed header of our own followed by a Boost.Serialization
// binary archive of the graph. The format is in engine/SNAPSHOT.md. The
// plain entry points (SaveSnapshot, LoadSnapshot) are declared in store.h.
#ifndef CORNERSTONE_ENGINE_STORAGE_SNAPSHOT_H_
#define CORNERSTONE_ENGINE_STORAGE_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/storage/graph.h"

namespace cornerstone::engine {

inline constexpr char kSnapshotMagic[8] = {'\x89', 'C', 'S', 'T', 'S', 'N', 'A', 'P'};
inline constexpr size_t kSnapshotHeaderSize = 72;
// The format this engine writes, and the oldest it still reads.
inline constexpr uint32_t kSnapshotFormatVersion = 1;
inline constexpr uint32_t kSnapshotMinFormatVersion = 1;

// What the header says.
struct SnapshotInfo {
  uint32_t format_version = 0;
  uint32_t flags = 0;
  uint16_t engine_major = 0, engine_minor = 0, engine_patch = 0;
  // Which write-ahead log belongs to this snapshot (see Store).
  uint64_t generation = 0;
  uint64_t payload_bytes = 0;
  uint64_t node_count = 0;  // live nodes
  uint64_t rel_count = 0;   // live relationships
};

// The whole file (header + payload) in memory. Fails (InvalidArgument) for
// property values that cannot be stored; throws nothing.
absl::StatusOr<std::string> EncodeSnapshot(const Graph& graph, uint64_t generation);

// Parses and validates the header of `bytes` (a whole file named `name` in
// messages) without looking at the payload beyond its checksum.
absl::StatusOr<SnapshotInfo> CheckSnapshot(std::string_view bytes, const std::string& name);

// CheckSnapshot, then deserializes into `graph` (must be empty). On error
// `graph` may be partly filled; discard it.
absl::Status DecodeSnapshot(std::string_view bytes, const std::string& name, Graph* graph,
                            SnapshotInfo* info = nullptr);

// SaveSnapshot with a generation number in the header.
absl::Status SaveSnapshotGeneration(const Graph& graph, const std::string& path,
                                    uint64_t generation);
// LoadSnapshot that also returns the header.
absl::Status LoadSnapshotInfo(const std::string& path, Graph* graph, SnapshotInfo* info);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_STORAGE_SNAPSHOT_H_
