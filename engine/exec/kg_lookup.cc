// Copyright (c) Cornerstone authors.
// kg.lookup(text): finds entities by name or alias, in any script.
//
// Keys are Unicode-normalized (NFC, case-folded, whitespace collapsed), so
// '손정의' typed as decomposed jamo, 'SOFTBANK' and 'softbank' all match.
// The index, built once per graph version and cached:
//  * `terms`: every node's normalized name and aliases, plus every word
//    start of a multi-word key ('masayoshi son' also gives 'son'), sorted by
//    key. Exact and prefix matches are one lower_bound and a forward scan.
//  * `grams`: for keys containing Hangul, an inverted index from each
//    Hangul syllable and each pair of adjacent code points to the keys
//    holding it. A Hangul query looks up its rarest gram and checks only
//    those keys for the substring (Korean names are written without the
//    word boundaries a prefix match would need: '정의' in '손정의').
//
// Scores (one row per node, its best match):
//   exact name 1.0, exact alias 0.95, prefix of name 0.8, prefix of alias
//   0.75, prefix of a later word of the name 0.7 (of an alias 0.65),
//   Hangul substring of name 0.5 (of an alias 0.45).
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "engine/exec/context.h"
#include "engine/exec/kg_internal.h"
#include "utf8proc.h"

namespace cornerstone::engine::kg {
namespace {

bool IsHangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
         (c >= 0xD7B0 && c <= 0xD7FF);
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t n = static_cast<utf8proc_ssize_t>(s.size());
  while (n > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p, n, &cp);
    if (len <= 0) {  // invalid byte: skip it
      cp = 0xFFFD;
      len = 1;
    }
    out.push_back(static_cast<char32_t>(cp));
    p += len;
    n -= len;
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t w = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(w));
  }
  return out;
}

// NFC, case-folded, trimmed, runs of white space as one ' '. Returned as
// code points (for grams and word starts).
std::u32string Normalize(std::string_view s) {
  std::u32string cps;
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &mapped,
                                    static_cast<utf8proc_option_t>(
                                        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (n >= 0) {
    cps = Decode(std::string_view(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n)));
  } else {
    cps = Decode(s);  // invalid UTF-8: match on the raw code points
  }
  std::free(mapped);
  std::u32string out;
  for (char32_t c : cps) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

enum class Match : uint8_t { kExact, kPrefix, kWordPrefix, kSubstring };

double Score(Match m, bool is_name) {
  switch (m) {
    case Match::kExact: return is_name ? 1.0 : 0.95;
    case Match::kPrefix: return is_name ? 0.8 : 0.75;
    case Match::kWordPrefix: return is_name ? 0.7 : 0.65;
    case Match::kSubstring: return is_name ? 0.5 : 0.45;
  }
  return 0;
}

struct Term {
  std::string key;       // normalized, UTF-8; for word starts the key's tail
  NodeId node;
  uint32_t original;     // index into LookupIndex::originals
  bool is_name;
  bool word_start;       // a later word of the key, not its beginning
};

struct LookupIndex {
  std::vector<std::string> originals;  // the names and aliases as stored
  std::vector<Term> terms;             // sorted by key
  // Gram -> indexes into `terms` (whole keys only), ascending.
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> grams;
};

uint64_t Unigram(char32_t c) { return c; }
uint64_t Bigram(char32_t a, char32_t b) {
  return (uint64_t{1} << 63) | (static_cast<uint64_t>(a) << 21) | b;
}

std::unique_ptr<LookupIndex> Build(const Graph& g) {
  auto index = std::make_unique<LookupIndex>();
  std::optional<KeyId> name_key = g.keys().Find("name");
  std::optional<KeyId> aliases_key = g.keys().Find("aliases");
  auto add = [&](NodeId node, const std::string& text, bool is_name) {
    std::u32string key = Normalize(text);
    if (key.empty()) return;
    auto original = static_cast<uint32_t>(index->originals.size());
    index->originals.push_back(text);
    index->terms.push_back({Encode(key), node, original, is_name, false});
    for (size_t i = 1; i < key.size(); ++i) {
      if (key[i - 1] == ' ') {
        index->terms.push_back({Encode(key.substr(i)), node, original, is_name, true});
      }
    }
  };
  for (NodeId id = 0; id < g.node_capacity(); ++id) {
    if (!g.NodeAlive(id)) continue;
    const PropertyList& props = g.node(id).properties;
    if (PropertyRef name = name_key ? props.Get(*name_key) : PropertyRef();
        name && name->kind() == Kind::kString) {
      add(id, name->string_value(), true);
    }
    if (PropertyRef aliases = aliases_key ? props.Get(*aliases_key) : PropertyRef()) {
      if (aliases->kind() == Kind::kString) add(id, aliases->string_value(), false);
      if (aliases->kind() == Kind::kList) {
        for (const Value& a : aliases->list_value()) {
          if (a.kind() == Kind::kString) add(id, a.string_value(), false);
        }
      }
    }
  }
  std::sort(index->terms.begin(), index->terms.end(), [](const Term& a, const Term& b) {
    if (a.key != b.key) return a.key < b.key;
    return a.node < b.node;
  });
  for (uint32_t t = 0; t < index->terms.size(); ++t) {
    const Term& term = index->terms[t];
    if (term.word_start) continue;
    std::u32string cps = Decode(term.key);
    if (std::none_of(cps.begin(), cps.end(), IsHangul)) continue;
    std::vector<uint64_t> grams;
    for (size_t i = 0; i < cps.size(); ++i) {
      if (IsHangul(cps[i])) grams.push_back(Unigram(cps[i]));
      if (i + 1 < cps.size()) grams.push_back(Bigram(cps[i], cps[i + 1]));
    }
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    for (uint64_t gram : grams) index->grams[gram].push_back(t);
  }
  return index;
}

// The index for the graph's current version. A few recent versions are
// kept (several databases may be open); stamps never repeat, so an entry
// can never be taken for another graph's.
std::shared_ptr<const LookupIndex> IndexFor(const Graph& g) {
  static std::mutex mu;
  static std::vector<std::pair<uint64_t, std::shared_ptr<const LookupIndex>>> cache;
  constexpr size_t kCacheSize = 4;
  std::lock_guard<std::mutex> lock(mu);
  for (size_t i = 0; i < cache.size(); ++i) {
    if (cache[i].first == g.version()) {
      std::rotate(cache.begin(), cache.begin() + static_cast<std::ptrdiff_t>(i),
                  cache.begin() + static_cast<std::ptrdiff_t>(i) + 1);  // most recent first
      return cache.front().second;
    }
  }
  std::shared_ptr<const LookupIndex> index = Build(g);
  cache.insert(cache.begin(), {g.version(), index});
  if (cache.size() > kCacheSize) cache.pop_back();
  return index;
}

struct Hit {
  double score = -1;
  uint32_t original = 0;
};

absl::Status RunLookup(std::span<const Value> args, EvalContext& ctx,
                       std::vector<std::vector<Value>>* rows) {
  if (args[0].is_null()) return absl::OkStatus();
  const std::u32string query = Normalize(args[0].string_value());
  if (query.empty()) return absl::OkStatus();
  const std::string q = Encode(query);
  const Graph& g = ctx.graph();
  std::shared_ptr<const LookupIndex> index = IndexFor(g);
  absl::flat_hash_map<NodeId, Hit> hits;
  auto offer = [&](const Term& t, Match m) {
    Hit& h = hits[t.node];
    double s = Score(m, t.is_name);
    if (s > h.score) h = {s, t.original};
  };
  // Exact and prefix: the terms starting with q are contiguous.
  auto it = std::lower_bound(index->terms.begin(), index->terms.end(), q,
                             [](const Term& t, const std::string& k) { return t.key < k; });
  for (; it != index->terms.end() && it->key.compare(0, q.size(), q) == 0; ++it) {
    if (it->word_start) {
      offer(*it, Match::kWordPrefix);
    } else {
      offer(*it, it->key.size() == q.size() ? Match::kExact : Match::kPrefix);
    }
  }
  // Hangul substrings: candidates from the rarest gram of the query.
  if (std::any_of(query.begin(), query.end(), IsHangul)) {
    const std::vector<uint32_t>* best = nullptr;
    bool missing = false;
    for (size_t i = 0; i < query.size() && !missing; ++i) {
      uint64_t gram = 0;
      if (query.size() == 1) {
        gram = Unigram(query[0]);
      } else if (i + 1 < query.size()) {
        gram = Bigram(query[i], query[i + 1]);
      } else {
        break;
      }
      auto found = index->grams.find(gram);
      if (found == index->grams.end()) {
        missing = true;
      } else if (best == nullptr || found->second.size() < best->size()) {
        best = &found->second;
      }
    }
    if (!missing && best != nullptr) {
      for (uint32_t t : *best) {
        const Term& term = index->terms[t];
        if (term.key.find(q) != std::string::npos) offer(term, Match::kSubstring);
      }
    }
  }
  struct Row {
    double score;
    std::string name;
    NodeId node;
    uint32_t original;
  };
  std::vector<Row> out;
  for (const auto& [node, hit] : hits) {
    if (!g.NodeAlive(node)) continue;
    out.push_back({hit.score, DisplayName(g, node), node, hit.original});
  }
  std::sort(out.begin(), out.end(), [](const Row& a, const Row& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.name != b.name) return a.name < b.name;
    return a.node < b.node;
  });
  for (const Row& r : out) {
    rows->push_back({Value::Node(r.node), Value::Float(r.score),
                     Value::String(index->originals[r.original])});
  }
  return absl::OkStatus();
}

}  // namespace

ProcedureDef LookupProcedure() {
  ProcedureDef def;
  def.name = "kg.lookup";
  def.inputs = {{"text", "STRING"}};
  def.outputs = {{"node", "NODE"}, {"score", "FLOAT"}, {"matched", "STRING"}};
  def.run = RunLookup;
  return def;
}

}  // namespace cornerstone::engine::kg
