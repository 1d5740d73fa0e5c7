// Copyright (c) Cornerstone authors.
// Building blocks shared by the snapshot and the write-ahead log: memory
// stream buffers, little-endian field helpers, CRC-32, and a Writer/Reader
// pair that encodes primitives, names and property values through a
// Boost.Serialization binary archive. See engine/SNAPSHOT.md.
//
// The Reader trusts nothing: every count it reads is checked against the
// bytes left in its bounded input before anything is allocated, and every
// problem throws FormatError. Both exception types (FormatError and
// boost::archive::archive_exception) must be caught by the public function
// that deserializes; none may escape the engine.
#ifndef CORNERSTONE_ENGINE_STORAGE_SERIAL_H_
#define CORNERSTONE_ENGINE_STORAGE_SERIAL_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <streambuf>
#include <string>

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>

#include "engine/storage/graph.h"
#include "engine/value/value.h"

namespace cornerstone::engine::serial {

// A malformed input (deserialization) or an unserializable value (save).
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Deepest nesting of lists and maps a property value may have.
inline constexpr int kMaxValueDepth = 64;

// A read-only stream over memory that knows how much is left.
class MemoryInBuf : public std::streambuf {
 public:
  MemoryInBuf(const char* data, size_t size);
  size_t remaining() const { return static_cast<size_t>(egptr() - gptr()); }
};

// A write-only stream appending to a string.
class StringOutBuf : public std::streambuf {
 public:
  explicit StringOutBuf(std::string* out) : out_(out) {}

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;

 private:
  std::string* out_;
};

uint32_t Crc32(const char* data, size_t size);

// Little-endian fixed-width fields in a byte buffer (headers).
void PutU16(char* p, uint16_t v);
void PutU32(char* p, uint32_t v);
void PutU64(char* p, uint64_t v);
uint16_t GetU16(const char* p);
uint32_t GetU32(const char* p);
uint64_t GetU64(const char* p);

// Archive flags used everywhere: no Boost text header (our own header
// carries the versions; Boost's class versions live inside the payload).
inline constexpr unsigned kArchiveFlags =
    boost::archive::no_header | boost::archive::no_codecvt;

class Writer {
 public:
  explicit Writer(boost::archive::binary_oarchive& ar) : ar_(ar) {}
  void U8(uint8_t v) { ar_ << v; }
  void U32(uint32_t v) { ar_ << v; }
  void U64(uint64_t v) { ar_ << v; }
  void Bytes(const void* p, size_t n) { ar_.save_binary(p, n); }
  void Str(const std::string& s);
  // Throws FormatError for values a property cannot hold (nodes,
  // relationships, paths) or nested deeper than kMaxValueDepth.
  void Val(const Value& v, int depth = 0);
  void Props(const PropertyList& props);

 private:
  boost::archive::binary_oarchive& ar_;
};

class Reader {
 public:
  Reader(boost::archive::binary_iarchive& ar, const MemoryInBuf& in) : ar_(ar), in_(in) {}
  uint8_t U8();
  uint32_t U32();
  uint64_t U64();
  void Bytes(void* p, size_t n);
  // A count of items of at least `min_bytes` each; throws unless that many
  // items can fit in what is left of the input.
  uint64_t Count(size_t min_bytes);
  std::string Str();
  Value Val(int depth = 0);
  // Entries with strictly increasing key ids below `key_limit`, no null.
  PropertyList Props(size_t key_limit);
  size_t remaining() const { return in_.remaining(); }

 private:
  void Need(uint64_t bytes);
  boost::archive::binary_iarchive& ar_;
  const MemoryInBuf& in_;
};

}  // namespace cornerstone::engine::serial

#endif  // CORNERSTONE_ENGINE_STORAGE_SERIAL_H_
