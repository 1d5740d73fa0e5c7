// Copyright (c) Cornerstone authors.
// Fuzz target: the snapshot loader, as a host reaches it (Database::Open
// of a file, read-only), then queries over whatever was loaded.
//
// The header's checksums would stop nearly every mutation before the
// payload decoder, so the target repairs them first: an input of at least
// one header is given the magic bytes, format version 1, no flags, the
// payload length it really has and both CRCs. Header checks themselves are
// covered by tests/snapshot.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "cornerstone/database.h"
#include "engine/storage/serial.h"
#include "engine/storage/snapshot.h"
#include "tools/fuzz/fuzz_util.h"

namespace ce = cornerstone::engine;

// Offsets of engine/SNAPSHOT.md's header fields.
constexpr size_t kOffFormat = 8, kOffFlags = 12, kOffPayloadLen = 32, kOffPayloadCrc = 40,
                 kOffHeaderCrc = 68;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.size() >= ce::kSnapshotHeaderSize) {
    char* h = bytes.data();
    std::memcpy(h, ce::kSnapshotMagic, sizeof ce::kSnapshotMagic);
    ce::serial::PutU32(h + kOffFormat, ce::kSnapshotFormatVersion);
    ce::serial::PutU32(h + kOffFlags, 0);
    uint64_t payload = bytes.size() - ce::kSnapshotHeaderSize;
    ce::serial::PutU64(h + kOffPayloadLen, payload);
    ce::serial::PutU32(h + kOffPayloadCrc, ce::serial::Crc32(h + ce::kSnapshotHeaderSize, payload));
    ce::serial::PutU32(h + kOffHeaderCrc, ce::serial::Crc32(h, kOffHeaderCrc));
  }
  std::string path = cornerstone::fuzz::ScratchDir() + "/fuzz.snap";
  cornerstone::fuzz::WriteFile(path, bytes);

  cornerstone::DatabaseOptions options;
  options.read_only = true;
  auto db = cornerstone::Database::Open(path, options);
  if (!db.ok()) {
    if (db.status().message().empty()) cornerstone::fuzz::Die("an error without a message");
    return 0;
  }
  // Whatever loaded must be a graph every query can walk.
  cornerstone::Connection conn(**db);
  (void)(*db)->GetSchema();
  for (const char* query : {
           "MATCH (n) RETURN n, labels(n), keys(n) LIMIT 200",
           "MATCH (a)-[r]->(b) RETURN a, r, b, type(r), properties(r) LIMIT 200",
           "MATCH (a)<-[r]-(b) RETURN id(a), id(r), id(b) LIMIT 200",
           "MATCH (n) OPTIONAL MATCH (n)-[r]-() RETURN id(n), count(r)",
           "MATCH p = (a)-[*1..3]-(b) RETURN p LIMIT 100",
           "MATCH (n) WHERE n.name IS NOT NULL RETURN n.name ORDER BY n.name LIMIT 50",
       }) {
    cornerstone::fuzz::Drain(conn, query);
  }
  // A database that loaded can be written out again.
  std::string copy = cornerstone::fuzz::ScratchDir() + "/copy.snap";
  if (absl::Status s = (*db)->Save(copy); !s.ok() && s.code() != absl::StatusCode::kInvalidArgument) {
    cornerstone::fuzz::Die("Save of a loaded snapshot failed:", s.message());
  }
  return 0;
}
