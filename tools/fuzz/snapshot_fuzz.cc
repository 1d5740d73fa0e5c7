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

  cornerstone::fuzz::CheckOpens(path, "snapshot");
  return 0;
}
