// Copyright (c) Cornerstone authors.
#include "engine/value/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/value/literal.h"

namespace cornerstone::engine {
namespace {

// Rank of a kind in the global sort order (lower sorts first).
int OrderRank(Kind kind) {
  switch (kind) {
    case Kind::kMap:
      return 0;
    case Kind::kNode:
      return 1;
    case Kind::kRel:
      return 2;
    case Kind::kList:
      return 3;
    case Kind::kPath:
      return 4;
    case Kind::kTemporal:
      return 5;
    case Kind::kString:
      return 6;
    case Kind::kBool:
      return 7;
    case Kind::kInt:
    case Kind::kFloat:
      return 8;
    case Kind::kNull:
      return 9;
  }
  return 9;
}

int Sign(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

template <typename T>
int ThreeWay(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Exact comparison of an integer with a non-NaN double: no rounding of the
// integer to double (2^53 + 1 > 2^53 as double).
int CompareIntDouble(int64_t i, double d) {
  constexpr double kTwo63 = 9223372036854775808.0;  // 2^63
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  double whole = std::trunc(d);
  auto t = static_cast<int64_t>(whole);  // exact: |whole| < 2^63
  if (i != t) return i < t ? -1 : 1;
  double frac = d - whole;
  if (frac > 0) return -1;
  if (frac < 0) return 1;
  return 0;
}

// Compares two numbers, neither NaN. Returns -1, 0 or 1.
int CompareNumbers(const Value& a, const Value& b) {
  if (a.kind() == Kind::kInt && b.kind() == Kind::kInt) {
    return ThreeWay(a.int_value(), b.int_value());
  }
  if (a.kind() == Kind::kFloat && b.kind() == Kind::kFloat) {
    return ThreeWay(a.float_value(), b.float_value());
  }
  if (a.kind() == Kind::kInt) return CompareIntDouble(a.int_value(), b.float_value());
  return -CompareIntDouble(b.int_value(), a.float_value());
}

bool IsNaN(const Value& v) { return v.kind() == Kind::kFloat && std::isnan(v.float_value()); }

// Combines `h` with `x` (boost::hash_combine's mixing, 64-bit constant).
size_t Mix(size_t h, size_t x) {
  return h ^ (x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

template <typename Ids>
int CompareIds(const Ids& a, const Ids& b) {
  auto c = std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end());
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

Value Value::MakeList(List l) {
  return Value(Rep(std::shared_ptr<const List>(std::make_shared<List>(std::move(l)))));
}

Value Value::MakeMap(Map m) {
  std::stable_sort(m.begin(), m.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  Map unique;
  unique.reserve(m.size());
  for (auto& entry : m) {
    if (!unique.empty() && unique.back().first == entry.first) {
      unique.back().second = std::move(entry.second);  // last duplicate wins
    } else {
      unique.push_back(std::move(entry));
    }
  }
  return Value(Rep(std::shared_ptr<const Map>(std::make_shared<Map>(std::move(unique)))));
}

Value Value::Path(PathData p) {
  return Value(Rep(std::shared_ptr<const PathData>(std::make_shared<PathData>(std::move(p)))));
}

Value Value::MakeTemporal(Temporal t) {
  return Value(Rep(std::shared_ptr<const Temporal>(std::make_shared<Temporal>(std::move(t)))));
}

Value Value::FromTri(Tri t) {
  switch (t) {
    case Tri::kTrue:
      return Bool(true);
    case Tri::kFalse:
      return Bool(false);
    case Tri::kNull:
      break;
  }
  return Null();
}

double Value::number_value() const {
  if (kind() == Kind::kInt) return static_cast<double>(int_value());
  return float_value();
}

const Value* Value::FindKey(std::string_view key) const {
  const Map& m = map_value();
  auto it = std::lower_bound(m.begin(), m.end(), key,
                             [](const auto& entry, std::string_view k) { return entry.first < k; });
  if (it == m.end() || it->first != key) return nullptr;
  return &it->second;
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "NULL";
    case Kind::kBool:
      return "BOOLEAN";
    case Kind::kInt:
      return "INTEGER";
    case Kind::kFloat:
      return "FLOAT";
    case Kind::kString:
      return "STRING";
    case Kind::kList:
      return "LIST";
    case Kind::kMap:
      return "MAP";
    case Kind::kNode:
      return "NODE";
    case Kind::kRel:
      return "RELATIONSHIP";
    case Kind::kPath:
      return "PATH";
    case Kind::kTemporal:
      return "TEMPORAL";
  }
  return "UNKNOWN";
}

const char* TypeName(const Value& v) {
  if (v.kind() == Kind::kTemporal) return TemporalTypeName(v.temporal_value().type);
  return KindName(v.kind());
}

namespace {

// Lists and maps are shared, not copied ({a: m, b: m} holds m twice), so a
// value's tree can be exponentially larger than its memory: 40 rounds of
// WITH {a: m, b: m} AS m make 2^40 leaves out of 40 maps. The recursive
// relations below therefore count the containers they visit; past
// kMemoAfter visits in one call they remember each result by the
// containers' addresses (pairs of them for the binary relations), which
// makes them linear in the distinct containers. Small values, the common
// case, never allocate the memo.
class Walk {
 public:
  static constexpr int64_t kMemoAfter = 4096;

  // Looks up the remembered result for the containers at (x, y); counts the
  // visit. Returns false when there is none (yet).
  bool Find(const void* x, const void* y, int64_t* out) {
    if (memo_ == nullptr) {
      if (++visits_ <= kMemoAfter) return false;
      memo_ = std::make_unique<absl::flat_hash_map<std::pair<const void*, const void*>, int64_t>>();
    }
    auto it = memo_->find(std::make_pair(x, y));
    if (it == memo_->end()) return false;
    *out = it->second;
    return true;
  }
  template <typename T>
  T Remember(const void* x, const void* y, T result) {
    if (memo_ != nullptr) memo_->emplace(std::make_pair(x, y), static_cast<int64_t>(result));
    return result;
  }

 private:
  int64_t visits_ = 0;
  std::unique_ptr<absl::flat_hash_map<std::pair<const void*, const void*>, int64_t>> memo_;
};

Tri EqualsIn(const Value& a, const Value& b, Walk& walk);

// Element-wise equality of two equally long sequences: false as soon as a
// pair is unequal, else null if a pair was null, else true.
template <typename Seq, typename Elem>
Tri EqualsElements(const Seq& x, const Seq& y, Elem elem, Walk& walk) {
  bool saw_null = false;
  for (size_t i = 0; i < x.size(); ++i) {
    Tri t = EqualsIn(elem(x[i]), elem(y[i]), walk);
    if (t == Tri::kFalse) return Tri::kFalse;
    if (t == Tri::kNull) saw_null = true;
  }
  return saw_null ? Tri::kNull : Tri::kTrue;
}

Tri EqualsIn(const Value& a, const Value& b, Walk& walk) {
  if (a.is_null() || b.is_null()) return Tri::kNull;
  if (a.is_number() && b.is_number()) {
    if (IsNaN(a) || IsNaN(b)) return Tri::kFalse;
    return CompareNumbers(a, b) == 0 ? Tri::kTrue : Tri::kFalse;
  }
  if (a.kind() != b.kind()) return Tri::kFalse;
  switch (a.kind()) {
    case Kind::kBool:
      return a.bool_value() == b.bool_value() ? Tri::kTrue : Tri::kFalse;
    case Kind::kString:
      return a.string_value() == b.string_value() ? Tri::kTrue : Tri::kFalse;
    case Kind::kList: {
      const List& x = a.list_value();
      const List& y = b.list_value();
      if (x.size() != y.size()) return Tri::kFalse;
      int64_t memo;
      if (walk.Find(&x, &y, &memo)) return static_cast<Tri>(memo);
      Tri t = EqualsElements(x, y, [](const Value& v) -> const Value& { return v; }, walk);
      return walk.Remember(&x, &y, t);
    }
    case Kind::kMap: {
      const Map& x = a.map_value();
      const Map& y = b.map_value();
      if (x.size() != y.size()) return Tri::kFalse;
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].first != y[i].first) return Tri::kFalse;
      }
      int64_t memo;
      if (walk.Find(&x, &y, &memo)) return static_cast<Tri>(memo);
      Tri t = EqualsElements(
          x, y, [](const auto& entry) -> const Value& { return entry.second; }, walk);
      return walk.Remember(&x, &y, t);
    }
    case Kind::kNode:
      return a.node_id() == b.node_id() ? Tri::kTrue : Tri::kFalse;
    case Kind::kRel:
      return a.rel_id() == b.rel_id() ? Tri::kTrue : Tri::kFalse;
    case Kind::kPath: {
      const PathData& x = a.path_value();
      const PathData& y = b.path_value();
      return x.nodes == y.nodes && x.rels == y.rels ? Tri::kTrue : Tri::kFalse;
    }
    case Kind::kTemporal:
      return TemporalEquals(a.temporal_value(), b.temporal_value()) ? Tri::kTrue : Tri::kFalse;
    case Kind::kNull:
    case Kind::kInt:
    case Kind::kFloat:
      break;
  }
  return Tri::kFalse;
}

// Lexicographic comparison of two lists with `compare` per element: the
// first element pair that differs decides (or is incomparable), then the
// shorter list comes first.
template <typename Compare>
int CompareLists(const List& x, const List& y, Compare compare, Walk& walk) {
  int64_t memo;
  if (walk.Find(&x, &y, &memo)) return static_cast<int>(memo);
  size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    int c = compare(x[i], y[i], walk);
    if (c != 0) return walk.Remember(&x, &y, c);
  }
  return walk.Remember(&x, &y, ThreeWay(x.size(), y.size()));
}

int CompareIn(const Value& a, const Value& b, Walk& walk) {
  constexpr int kIncomparable = 2;
  if (a.is_null() || b.is_null()) return kIncomparable;
  if (a.is_number() && b.is_number()) {
    if (IsNaN(a) || IsNaN(b)) return kIncomparable;
    return CompareNumbers(a, b);
  }
  if (a.kind() != b.kind()) return kIncomparable;
  switch (a.kind()) {
    case Kind::kBool:
      return ThreeWay(a.bool_value(), b.bool_value());
    case Kind::kString:
      return Sign(a.string_value().compare(b.string_value()));
    case Kind::kList:
      return CompareLists(a.list_value(), b.list_value(), CompareIn, walk);
    case Kind::kTemporal:
      return TemporalCompare(a.temporal_value(), b.temporal_value());
    default:
      return kIncomparable;
  }
}

int OrderCompareIn(const Value& a, const Value& b, Walk& walk) {
  int ra = OrderRank(a.kind());
  int rb = OrderRank(b.kind());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.kind()) {
    case Kind::kNull:
      return 0;
    case Kind::kInt:
    case Kind::kFloat: {
      bool na = IsNaN(a);
      bool nb = IsNaN(b);
      if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
      return CompareNumbers(a, b);
    }
    case Kind::kBool:
      return ThreeWay(a.bool_value(), b.bool_value());
    case Kind::kString:
      return Sign(a.string_value().compare(b.string_value()));
    case Kind::kList:
      // The order is total and reflexive: a container equals itself.
      if (&a.list_value() == &b.list_value()) return 0;
      return CompareLists(a.list_value(), b.list_value(), OrderCompareIn, walk);
    case Kind::kMap: {
      const Map& x = a.map_value();
      const Map& y = b.map_value();
      if (&x == &y) return 0;
      int64_t memo;
      if (walk.Find(&x, &y, &memo)) return static_cast<int>(memo);
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i) {
        int c = Sign(x[i].first.compare(y[i].first));
        if (c == 0) c = OrderCompareIn(x[i].second, y[i].second, walk);
        if (c != 0) return walk.Remember(&x, &y, c);
      }
      return walk.Remember(&x, &y, ThreeWay(x.size(), y.size()));
    }
    case Kind::kNode:
      return ThreeWay(a.node_id(), b.node_id());
    case Kind::kRel:
      return ThreeWay(a.rel_id(), b.rel_id());
    case Kind::kPath: {
      const PathData& x = a.path_value();
      const PathData& y = b.path_value();
      int c = CompareIds(x.nodes, y.nodes);
      return c != 0 ? c : CompareIds(x.rels, y.rels);
    }
    case Kind::kTemporal:
      return TemporalOrder(a.temporal_value(), b.temporal_value());
  }
  return 0;
}

bool EquivalentIn(const Value& a, const Value& b, Walk& walk) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.is_number() && b.is_number()) {
    bool na = IsNaN(a);
    bool nb = IsNaN(b);
    if (na || nb) return na && nb;
    return CompareNumbers(a, b) == 0;
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::kList: {
      const List& x = a.list_value();
      const List& y = b.list_value();
      // Equivalence is reflexive (null ~ null, NaN ~ NaN).
      if (&x == &y) return true;
      if (x.size() != y.size()) return false;
      int64_t memo;
      if (walk.Find(&x, &y, &memo)) return memo != 0;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!EquivalentIn(x[i], y[i], walk)) return walk.Remember(&x, &y, false);
      }
      return walk.Remember(&x, &y, true);
    }
    case Kind::kMap: {
      const Map& x = a.map_value();
      const Map& y = b.map_value();
      if (&x == &y) return true;
      if (x.size() != y.size()) return false;
      int64_t memo;
      if (walk.Find(&x, &y, &memo)) return memo != 0;
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].first != y[i].first || !EquivalentIn(x[i].second, y[i].second, walk)) {
          return walk.Remember(&x, &y, false);
        }
      }
      return walk.Remember(&x, &y, true);
    }
    default:
      return EqualsIn(a, b, walk) == Tri::kTrue;
  }
}

size_t HashIn(const Value& v, Walk& walk) {
  // Numbers share one tag so that 1 and 1.0 hash alike: a float holding an
  // integer in int64 range hashes as that integer.
  constexpr size_t kNumberTag = 0x51ed27;
  size_t tag = static_cast<size_t>(v.kind());
  switch (v.kind()) {
    case Kind::kNull:
      return 0x6e756c6cULL;
    case Kind::kBool:
      return Mix(tag, v.bool_value() ? 1 : 2);
    case Kind::kInt:
      return Mix(kNumberTag, absl::Hash<int64_t>{}(v.int_value()));
    case Kind::kFloat: {
      double d = v.float_value();
      if (std::isnan(d)) return Mix(kNumberTag, 0x7ff8);
      if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && std::trunc(d) == d) {
        return Mix(kNumberTag, absl::Hash<int64_t>{}(static_cast<int64_t>(d)));
      }
      return Mix(kNumberTag, absl::Hash<double>{}(d));
    }
    case Kind::kString:
      return Mix(tag, absl::Hash<std::string>{}(v.string_value()));
    case Kind::kList: {
      const List& l = v.list_value();
      int64_t memo;
      if (walk.Find(&l, nullptr, &memo)) return static_cast<size_t>(memo);
      size_t h = Mix(tag, l.size());
      for (const Value& e : l) h = Mix(h, HashIn(e, walk));
      return walk.Remember(&l, nullptr, h);
    }
    case Kind::kMap: {
      const Map& m = v.map_value();
      int64_t memo;
      if (walk.Find(&m, nullptr, &memo)) return static_cast<size_t>(memo);
      size_t h = Mix(tag, m.size());
      for (const auto& [key, e] : m) {
        h = Mix(h, absl::Hash<std::string>{}(key));
        h = Mix(h, HashIn(e, walk));
      }
      return walk.Remember(&m, nullptr, h);
    }
    case Kind::kNode:
      return Mix(tag, absl::Hash<uint64_t>{}(v.node_id()));
    case Kind::kRel:
      return Mix(tag, absl::Hash<uint64_t>{}(v.rel_id()));
    case Kind::kPath: {
      size_t h = tag;
      for (NodeId n : v.path_value().nodes) h = Mix(h, absl::Hash<uint64_t>{}(n));
      for (RelId r : v.path_value().rels) h = Mix(h, absl::Hash<uint64_t>{}(r));
      return h;
    }
    case Kind::kTemporal:
      return Mix(tag, TemporalHash(v.temporal_value()));
  }
  return tag;
}

}  // namespace

Tri Equals(const Value& a, const Value& b) {
  Walk walk;
  return EqualsIn(a, b, walk);
}

int Compare(const Value& a, const Value& b) {
  Walk walk;
  return CompareIn(a, b, walk);
}

int OrderCompare(const Value& a, const Value& b) {
  Walk walk;
  return OrderCompareIn(a, b, walk);
}

bool Equivalent(const Value& a, const Value& b) {
  Walk walk;
  return EquivalentIn(a, b, walk);
}

size_t HashValue(const Value& v) {
  Walk walk;
  return HashIn(v, walk);
}

size_t ValueVectorHash::operator()(const std::vector<Value>& v) const {
  size_t h = v.size();
  for (const Value& e : v) h = Mix(h, HashValue(e));
  return h;
}

bool ValueVectorEquivalent::operator()(const std::vector<Value>& a,
                                       const std::vector<Value>& b) const {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!Equivalent(a[i], b[i])) return false;
  }
  return true;
}

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);
  if (ec != std::errc()) return "NaN";  // unreachable: 64 bytes always suffice
  std::string s(buf, end);
  size_t e = s.find('e');
  if (s.find('.') == std::string::npos) {
    if (e == std::string::npos) {
      s += ".0";
    } else {
      s.insert(e, ".0");
    }
  }
  return s;
}

std::string QuoteString(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  out += '\'';
  return out;
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  };
  if (!letter(static_cast<unsigned char>(name[0]))) return false;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string FormatName(std::string_view name) {
  if (IsPlainIdentifier(name)) return std::string(name);
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
  return out;
}

std::string ToDebugString(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return v.bool_value() ? "true" : "false";
    case Kind::kInt:
      return absl::StrCat(v.int_value());
    case Kind::kFloat:
      return FormatFloat(v.float_value());
    case Kind::kString:
      return QuoteString(v.string_value());
    case Kind::kList: {
      std::string out = "[";
      const char* sep = "";
      for (const Value& e : v.list_value()) {
        absl::StrAppend(&out, sep, ToDebugString(e));
        sep = ", ";
      }
      return out + "]";
    }
    case Kind::kMap: {
      std::string out = "{";
      const char* sep = "";
      for (const auto& [key, e] : v.map_value()) {
        absl::StrAppend(&out, sep, FormatName(key), ": ", ToDebugString(e));
        sep = ", ";
      }
      return out + "}";
    }
    case Kind::kNode:
      return absl::StrCat("(#", v.node_id(), ")");
    case Kind::kRel:
      return absl::StrCat("[#", v.rel_id(), "]");
    case Kind::kPath:
      return "<#path>";
    case Kind::kTemporal: {
      const Temporal& t = v.temporal_value();
      std::string fn = absl::AsciiStrToLower(TemporalTypeName(t.type));
      fn.erase(std::remove(fn.begin(), fn.end(), ' '), fn.end());
      return absl::StrCat(fn, "(", QuoteString(TemporalToString(t)), ")");
    }
  }
  return "null";
}

}  // namespace cornerstone::engine
