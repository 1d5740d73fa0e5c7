// Copyright (c) Cornerstone authors.
#include "engine/storage/serial.h"

#include <bit>
#include <cstring>
#include <utility>


#include "absl/strings/str_cat.h"
#include "engine/value/temporal.h"

namespace cornerstone::engine::serial {
namespace {

// Value tags in files: fixed forever, independent of engine::Kind's order.
enum Tag : uint8_t {
  kTagNull = 0,
  kTagBool = 1,
  kTagInt = 2,
  kTagFloat = 3,
  kTagString = 4,
  kTagList = 5,
  kTagMap = 6,
  kTagTemporal = 7,
};

}  // namespace

static_assert(std::endian::native == std::endian::little,
              "snapshot and log files are written little-endian");

MemoryInBuf::MemoryInBuf(const char* data, size_t size) {
  char* p = const_cast<char*>(data);  // never written: no overflow/putback
  setg(p, p, p + size);
}

StringOutBuf::int_type StringOutBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  out_->push_back(traits_type::to_char_type(c));
  return c;
}

std::streamsize StringOutBuf::xsputn(const char* s, std::streamsize n) {
  out_->append(s, static_cast<size_t>(n));
  return n;
}

namespace {

// CRC-32 (ISO-HDLC, as zlib and boost::crc_32_type), slicing by 8.
struct CrcTables {
  uint32_t t[8][256];
  CrcTables() {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i) {
      for (int s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    }
  }
};

}  // namespace

uint32_t Crc32(const char* data, size_t size) {
  static const CrcTables tables;
  const auto& t = tables.t;
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  uint32_t c = 0xFFFFFFFFu;
  while (size >= 8) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + 4, 4);
    lo ^= c;
    c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
        t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    p += 8;
    size -= 8;
  }
  while (size-- > 0) c = t[0][(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void PutU16(char* p, uint16_t v) { std::memcpy(p, &v, sizeof v); }
void PutU32(char* p, uint32_t v) { std::memcpy(p, &v, sizeof v); }
void PutU64(char* p, uint64_t v) { std::memcpy(p, &v, sizeof v); }
uint16_t GetU16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
uint32_t GetU32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
uint64_t GetU64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// ---- Writer ----

void Writer::Str(const std::string& s) {
  U64(s.size());
  Bytes(s.data(), s.size());
}

void Writer::Val(const Value& v, int depth) {
  if (depth > kMaxValueDepth) {
    throw FormatError(absl::StrCat("a property value is nested deeper than ", kMaxValueDepth));
  }
  switch (v.kind()) {
    case Kind::kNull:
      U8(kTagNull);
      return;
    case Kind::kBool:
      U8(kTagBool);
      U8(v.bool_value() ? 1 : 0);
      return;
    case Kind::kInt:
      U8(kTagInt);
      U64(static_cast<uint64_t>(v.int_value()));
      return;
    case Kind::kFloat: {
      U8(kTagFloat);
      double d = v.float_value();
      Bytes(&d, sizeof d);
      return;
    }
    case Kind::kString:
      U8(kTagString);
      Str(v.string_value());
      return;
    case Kind::kList:
      U8(kTagList);
      U64(v.list_value().size());
      for (const Value& item : v.list_value()) Val(item, depth + 1);
      return;
    case Kind::kMap:
      U8(kTagMap);
      U64(v.map_value().size());
      for (const auto& [key, item] : v.map_value()) {
        Str(key);
        Val(item, depth + 1);
      }
      return;
    case Kind::kTemporal: {
      const Temporal& t = v.temporal_value();
      U8(kTagTemporal);
      U8(static_cast<uint8_t>(t.type));
      U64(static_cast<uint64_t>(t.epoch_day));
      U64(static_cast<uint64_t>(t.nanos_of_day));
      U32(static_cast<uint32_t>(t.offset));
      Str(t.zone);
      U64(static_cast<uint64_t>(t.months));
      U64(static_cast<uint64_t>(t.days));
      U64(static_cast<uint64_t>(t.seconds));
      U64(static_cast<uint64_t>(t.nanos));
      return;
    }
    case Kind::kNode:
    case Kind::kRel:
    case Kind::kPath:
      break;
  }
  throw FormatError(absl::StrCat("a property holds a ", KindName(v.kind()),
                                 ", which cannot be stored"));
}

void Writer::Props(const PropertyList& props) {
  U32(static_cast<uint32_t>(props.entries().size()));
  for (const auto& [key, value] : props.entries()) {
    U32(key);
    Val(value);
  }
}

// ---- Reader ----

void Reader::Need(uint64_t bytes) {
  if (bytes > in_.remaining()) {
    throw FormatError(absl::StrCat("truncated data: need ", bytes, " bytes, ",
                                   in_.remaining(), " left"));
  }
}

uint8_t Reader::U8() {
  Need(1);
  uint8_t v;
  ar_ >> v;
  return v;
}

uint32_t Reader::U32() {
  Need(4);
  uint32_t v;
  ar_ >> v;
  return v;
}

uint64_t Reader::U64() {
  Need(8);
  uint64_t v;
  ar_ >> v;
  return v;
}

void Reader::Bytes(void* p, size_t n) {
  Need(n);
  if (n > 0) ar_.load_binary(p, n);
}

uint64_t Reader::Count(size_t min_bytes) {
  uint64_t n = U64();
  if (min_bytes == 0) min_bytes = 1;
  if (n > in_.remaining() / min_bytes) {
    throw FormatError(absl::StrCat("a count of ", n, " items does not fit in the ",
                                   in_.remaining(), " bytes left"));
  }
  return n;
}

std::string Reader::Str() {
  uint64_t n = Count(1);
  std::string s(n, '\0');
  Bytes(s.data(), n);
  return s;
}

Value Reader::Val(int depth) {
  if (depth > kMaxValueDepth) {
    throw FormatError(absl::StrCat("a value is nested deeper than ", kMaxValueDepth));
  }
  uint8_t tag = U8();
  switch (tag) {
    case kTagNull:
      return Value();
    case kTagBool: {
      uint8_t b = U8();
      if (b > 1) throw FormatError("a boolean is neither 0 nor 1");
      return Value::Bool(b == 1);
    }
    case kTagInt:
      return Value::Int(static_cast<int64_t>(U64()));
    case kTagFloat: {
      double d;
      Bytes(&d, sizeof d);
      return Value::Float(d);
    }
    case kTagString:
      return Value::String(Str());
    case kTagList: {
      uint64_t n = Count(1);
      List list;
      list.reserve(n);
      for (uint64_t i = 0; i < n; ++i) list.push_back(Val(depth + 1));
      return Value::MakeList(std::move(list));
    }
    case kTagMap: {
      uint64_t n = Count(9);
      Map map;
      map.reserve(n);
      for (uint64_t i = 0; i < n; ++i) {
        std::string key = Str();
        if (!map.empty() && !(map.back().first < key)) {
          throw FormatError("map keys are not sorted and unique");
        }
        Value item = Val(depth + 1);
        map.emplace_back(std::move(key), std::move(item));
      }
      return Value::MakeMap(std::move(map));
    }
    case kTagTemporal: {
      Temporal t;
      uint8_t type = U8();
      if (type > static_cast<uint8_t>(TemporalType::kDuration)) {
        throw FormatError(absl::StrCat("unknown temporal type ", type));
      }
      t.type = static_cast<TemporalType>(type);
      t.epoch_day = static_cast<int64_t>(U64());
      t.nanos_of_day = static_cast<int64_t>(U64());
      t.offset = static_cast<int32_t>(U32());
      t.zone = Str();
      if (!t.zone.empty() && !KnownZone(t.zone)) throw FormatError("unknown time zone");
      t.months = static_cast<int64_t>(U64());
      t.days = static_cast<int64_t>(U64());
      t.seconds = static_cast<int64_t>(U64());
      t.nanos = static_cast<int64_t>(U64());
      return Value::MakeTemporal(std::move(t));
    }
    default:
      break;
  }
  throw FormatError(absl::StrCat("unknown value tag ", tag));
}

PropertyList Reader::Props(size_t key_limit) {
  uint32_t n = U32();
  if (n > in_.remaining() / 5) {
    throw FormatError(absl::StrCat("a count of ", n, " properties does not fit"));
  }
  PropertyList props;
  props.Reserve(n);
  int64_t last = -1;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t key = U32();
    if (key >= key_limit || static_cast<int64_t>(key) <= last) {
      throw FormatError(absl::StrCat("bad property key id ", key));
    }
    last = key;
    Value v = Val();
    if (v.is_null()) throw FormatError("a property holds null");
    props.Set(key, std::move(v));  // appends: keys ascend
  }
  return props;
}

}  // namespace cornerstone::engine::serial
