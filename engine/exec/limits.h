// Copyright (c) Cornerstone authors.
// Approximate memory accounting for the per-statement memory budget
// (EvalContext::Charge). Operators that hold values across rows (sort
// buffers, aggregation and DISTINCT hash tables, collect() lists, the
// materialized result) measure what they keep with a MemoryMeter and charge
// it; the budget then stops a runaway statement with MemoryLimitExceeded
// long before the host runs out of memory.
//
// The figures are estimates (container headers and element sizes, not the
// allocator's real usage), within a small factor of the truth; the budget
// is a safety net, not a precise quota.
#ifndef CORNERSTONE_ENGINE_EXEC_LIMITS_H_
#define CORNERSTONE_ENGINE_EXEC_LIMITS_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/value/value.h"

namespace cornerstone::engine {

// "256 MiB", "1.5 GiB", "512 bytes": for error messages.
inline std::string FormatBytes(int64_t bytes) {
  if (bytes < 1024) return absl::StrCat(bytes, " bytes");
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes) / 1024;
  int u = 0;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  if (v == static_cast<double>(static_cast<int64_t>(v))) {
    return absl::StrCat(static_cast<int64_t>(v), " ", units[u]);
  }
  return absl::StrFormat("%.1f %s", v, units[u]);
}

// The shape of a value as a tree: how deep lists and maps nest below it (a
// list of scalars is 0) and how many elements it has counting shared
// sub-values once per place they appear (what copying it out or printing
// it costs). Computed iteratively and in time linear in the *distinct*
// containers, so a value whose tree is exponentially larger than its memory
// (WITH {a: m, b: m} AS m, 60 times over) is measured in microseconds.
// Stops early, with `exceeded` set, past `max_depth` or `max_elements`.
struct ValueShape {
  int depth = 0;
  int64_t elements = 0;
  bool exceeded = false;
};

inline ValueShape ShapeOf(const Value& v, int max_depth, int64_t max_elements) {
  auto is_container = [](const Value& x) {
    return x.kind() == Kind::kList || x.kind() == Kind::kMap;
  };
  auto address = [](const Value& x) -> const void* {
    return x.kind() == Kind::kList ? static_cast<const void*>(&x.list_value())
                                   : static_cast<const void*>(&x.map_value());
  };
  auto size = [](const Value& x) {
    return x.kind() == Kind::kList ? x.list_value().size() : x.map_value().size();
  };
  auto child = [](const Value& x, size_t i) -> const Value& {
    return x.kind() == Kind::kList ? x.list_value()[i] : x.map_value()[i].second;
  };
  ValueShape out;
  if (!is_container(v)) return out;
  struct Done {
    int height;        // 1 + the deepest child container
    int64_t elements;  // its elements, nested ones included
  };
  struct Frame {
    const Value* value;
    size_t next = 0;
    int below = 0;
    int64_t elements = 0;
  };
  absl::flat_hash_map<const void*, Done> done;
  std::vector<Frame> stack = {{&v}};
  auto add = [&](int64_t a, int64_t b) {
    int64_t sum;
    return __builtin_add_overflow(a, b, &sum) ? INT64_MAX : sum;
  };
  while (!stack.empty()) {
    if (static_cast<int64_t>(stack.size()) > static_cast<int64_t>(max_depth) + 1) {
      out.depth = static_cast<int>(stack.size()) - 1;
      out.exceeded = true;
      return out;
    }
    Frame& f = stack.back();
    if (f.next < size(*f.value)) {
      const Value& c = child(*f.value, f.next++);
      f.elements = add(f.elements, 1);
      if (!is_container(c)) continue;
      if (auto it = done.find(address(c)); it != done.end()) {
        f.below = std::max(f.below, it->second.height);
        f.elements = add(f.elements, it->second.elements);
      } else {
        stack.push_back({&c});  // invalidates f
      }
      continue;
    }
    const Done d{f.below + 1, f.elements};
    if (d.height > max_depth + 1 || d.elements > max_elements) {
      out.depth = d.height - 1;
      out.elements = d.elements;
      out.exceeded = true;
      return out;
    }
    done[address(*f.value)] = d;
    stack.pop_back();
    if (!stack.empty()) {
      stack.back().below = std::max(stack.back().below, d.height);
      stack.back().elements = add(stack.back().elements, d.elements);
    } else {
      out.depth = d.height - 1;
      out.elements = d.elements;
    }
  }
  return out;
}

// True when `v` nests lists or maps more than `limit` levels below itself.
inline bool NestedDeeperThan(const Value& v, int limit) {
  ValueShape s = ShapeOf(v, limit, INT64_MAX);
  return s.exceeded;
}

// Measures values for one operator. Lists, maps and paths are shared
// between rows (copies are reference counts), so a large container is
// counted once per meter: a sort buffer whose rows all hold the same
// million-element list is charged for it once, not a million times.
class MemoryMeter {
 public:
  // Approximate bytes of `v` not yet counted by this meter.
  int64_t Bytes(const Value& v) { return Measure(v, 0); }
  int64_t Bytes(const std::vector<Value>& row) {
    int64_t n = kVectorBytes;
    for (const Value& v : row) n += Measure(v, 0);
    return n;
  }
  // Forgets the containers seen (when the operator drops its buffer).
  void Reset() { seen_.clear(); }

 private:
  static constexpr int64_t kValueBytes = sizeof(Value);
  static constexpr int64_t kVectorBytes = 3 * sizeof(void*);
  // Containers this small are counted every time (cheaper than the set).
  static constexpr size_t kShareThreshold = 16;
  // Deeper levels are counted flat, so measuring never recurses deeply
  // (values may nest thousands of levels).
  static constexpr int kMaxDepth = 8;

  // True the first time a large container at `p` is seen.
  bool FirstTime(const void* p, size_t size) {
    return size < kShareThreshold || seen_.insert(p).second;
  }

  int64_t Measure(const Value& v, int depth) {
    switch (v.kind()) {
      case Kind::kString: {
        const std::string& s = v.string_value();
        // Short strings live inside the Value (small-string optimization).
        return kValueBytes + (s.size() > 15 ? static_cast<int64_t>(s.capacity()) + 1 : 0);
      }
      case Kind::kList: {
        const List& l = v.list_value();
        if (!FirstTime(&l, l.size())) return kValueBytes;
        int64_t n = kValueBytes + kVectorBytes + 16;  // + the shared_ptr's control block
        if (depth >= kMaxDepth) return n + static_cast<int64_t>(l.size()) * kValueBytes;
        for (const Value& x : l) n += Measure(x, depth + 1);
        return n;
      }
      case Kind::kMap: {
        const Map& m = v.map_value();
        if (!FirstTime(&m, m.size())) return kValueBytes;
        int64_t n = kValueBytes + kVectorBytes + 16;
        for (const auto& [key, x] : m) {
          n += static_cast<int64_t>(sizeof(std::string)) +
               (key.size() > 15 ? static_cast<int64_t>(key.size()) + 1 : 0);
          n += depth >= kMaxDepth ? kValueBytes : Measure(x, depth + 1);
        }
        return n;
      }
      case Kind::kPath: {
        const PathData& p = v.path_value();
        if (!FirstTime(&p, p.nodes.size())) return kValueBytes;
        return kValueBytes + 2 * kVectorBytes + 16 +
               static_cast<int64_t>((p.nodes.size() + p.rels.size()) * sizeof(uint64_t));
      }
      case Kind::kTemporal: return kValueBytes + 64;
      default: return kValueBytes;
    }
  }

  absl::flat_hash_set<const void*> seen_;
};

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_LIMITS_H_
