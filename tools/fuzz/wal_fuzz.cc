// Copyright (c) Cornerstone authors.
// Fuzz target: write-ahead log replay, as a host reaches it (Database::Open
// of a database that has only a log, read-only), then queries over the
// replayed graph.
//
// Every record frame carries a CRC-32 and replay stops quietly at the first
// bad one, so the target repairs the CRCs first: the input's first 32 bytes
// become a valid header for generation 0 (the generation of a database
// without a snapshot), and each frame that fits gets its checksum
// recomputed. What remains for the fuzzer is the record decoder and
// applying records to the graph.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cornerstone/database.h"
#include "engine/storage/serial.h"
#include "engine/storage/wal.h"
#include "tools/fuzz/fuzz_util.h"

namespace ce = cornerstone::engine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.size() >= ce::kWalHeaderSize) {
    bytes.replace(0, ce::kWalHeaderSize, ce::EncodeWalHeader(0));
    size_t off = ce::kWalHeaderSize;
    while (bytes.size() - off >= ce::kWalFrameSize) {
      uint32_t len = ce::serial::GetU32(bytes.data() + off + 4);
      if (len > bytes.size() - off - ce::kWalFrameSize) break;
      ce::serial::PutU32(bytes.data() + off, ce::serial::Crc32(bytes.data() + off + 4, 4 + size_t{len}));
      off += ce::kWalFrameSize + len;
    }
  }
  cornerstone::fuzz::ClearScratch();
  std::string path = cornerstone::fuzz::ScratchDir() + "/fuzz.db";
  cornerstone::fuzz::WriteFile(path + ".wal", bytes);

  cornerstone::fuzz::CheckOpens(path, "log replay");
  return 0;
}
