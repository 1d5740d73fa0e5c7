// Copyright (c) Cornerstone authors.
// Write-ahead log records: encoding, validation and replay.
#include "engine/storage/wal.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <new>
#include <utility>
#include <vector>

#include <boost/archive/archive_exception.hpp>
#include <boost/serialization/split_member.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/version.hpp>

#include "absl/strings/str_cat.h"
#include "engine/storage/serial.h"

namespace cornerstone::engine {
namespace wal_internal {

using serial::FormatError;

struct NodeImage {
  NodeId id = 0;
  bool alive = true;
  std::vector<LabelId> labels;
  PropertyList properties;
};

struct RelImage {
  RelId id = 0;
  bool alive = true;
  NodeId source = 0, target = 0;
  TypeId type = 0;
  PropertyList properties;
};

// One committed transaction, decoded.
struct Commit {
  uint64_t label_base = 0, type_base = 0, key_base = 0, index_base = 0;
  std::vector<std::string> labels, types, keys;
  std::vector<std::pair<LabelId, KeyId>> indexes;
  uint64_t node_before = 0, node_after = 0, rel_before = 0, rel_after = 0;
  std::vector<NodeImage> nodes;
  std::vector<RelImage> rels;
};

// The Boost-serialized record. Saving reads `graph` and `cursor`; loading
// fills `out`, bounded by `in`.
struct WalRecord {
  const Graph* graph = nullptr;
  const WalCursor* cursor = nullptr;
  Commit* out = nullptr;
  const serial::MemoryInBuf* in = nullptr;

  template <class Archive>
  void save(Archive& ar, unsigned version) const;
  template <class Archive>
  void load(Archive& ar, unsigned version);
  BOOST_SERIALIZATION_SPLIT_MEMBER()
};

void SaveNames(serial::Writer& w, const Dictionary& d, size_t from) {
  w.U64(from);
  w.U64(d.size() - from);
  for (size_t i = from; i < d.size(); ++i) w.Str(d.Name(static_cast<uint32_t>(i)));
}

void LoadNames(serial::Reader& r, uint64_t* base, std::vector<std::string>* names) {
  *base = r.U64();
  uint64_t n = r.Count(8);
  names->reserve(n);
  for (uint64_t i = 0; i < n; ++i) names->push_back(r.Str());
}

template <class Archive>
void WalRecord::save(Archive& ar, unsigned /*version*/) const {
  const Graph& g = *graph;
  const CommitChanges& c = g.last_commit();
  serial::Writer w(ar);
  SaveNames(w, g.labels(), cursor->labels);
  SaveNames(w, g.types(), cursor->types);
  SaveNames(w, g.keys(), cursor->keys);
  auto indexes = g.Indexes();
  w.U64(cursor->indexes);
  w.U64(indexes.size() - cursor->indexes);
  for (size_t i = cursor->indexes; i < indexes.size(); ++i) {
    w.U32(indexes[i].first);
    w.U32(indexes[i].second);
  }
  // Without touched entities (only names or indexes were added) the
  // capacities did not change, whatever last_commit() says.
  w.U64(c.empty() ? g.node_capacity() : c.node_capacity_before);
  w.U64(g.node_capacity());
  w.U64(c.empty() ? g.rel_capacity() : c.rel_capacity_before);
  w.U64(g.rel_capacity());
  w.U64(c.nodes.size());
  for (NodeId id : c.nodes) {
    const NodeRecord& n = g.node(id);
    w.U64(id);
    w.U8(n.alive ? 1 : 0);
    w.U32(static_cast<uint32_t>(n.labels.size()));
    for (LabelId l : n.labels) w.U32(l);
    w.Props(n.properties);
  }
  w.U64(c.rels.size());
  for (RelId id : c.rels) {
    const RelRecord& r = g.rel(id);
    w.U64(id);
    w.U8(r.alive ? 1 : 0);
    w.U64(r.source);
    w.U64(r.target);
    w.U32(r.type);
    w.Props(r.properties);
  }
}

template <class Archive>
void WalRecord::load(Archive& ar, unsigned version) {
  if (version != 1) throw FormatError(absl::StrCat("unknown log record version ", version));
  serial::Reader r(ar, *in);
  Commit& c = *out;
  LoadNames(r, &c.label_base, &c.labels);
  LoadNames(r, &c.type_base, &c.types);
  LoadNames(r, &c.key_base, &c.keys);
  c.index_base = r.U64();
  uint64_t n = r.Count(8);
  for (uint64_t i = 0; i < n; ++i) {
    LabelId label = r.U32();
    KeyId key = r.U32();
    c.indexes.emplace_back(label, key);
  }
  c.node_before = r.U64();
  c.node_after = r.U64();
  c.rel_before = r.U64();
  c.rel_after = r.U64();
  const size_t key_limit = c.key_base + c.keys.size();
  n = r.Count(8 + 1 + 4 + 4);
  c.nodes.resize(n);
  for (NodeImage& node : c.nodes) {
    node.id = r.U64();
    node.alive = r.U8() != 0;
    uint64_t labels = r.U32();
    if (labels > r.remaining() / 4) throw FormatError("a label count does not fit");
    node.labels.resize(labels);
    for (LabelId& l : node.labels) l = r.U32();
    node.properties = r.Props(key_limit);
  }
  n = r.Count(8 + 1 + 8 + 8 + 4 + 4);
  c.rels.resize(n);
  for (RelImage& rel : c.rels) {
    rel.id = r.U64();
    rel.alive = r.U8() != 0;
    rel.source = r.U64();
    rel.target = r.U64();
    rel.type = r.U32();
    rel.properties = r.Props(key_limit);
  }
  if (r.remaining() != 0) throw FormatError("unexpected bytes at the end of a log record");
}

void CheckIds(const std::vector<uint64_t>& ids, uint64_t before, uint64_t after,
              const char* what) {
  if (after < before) throw FormatError(absl::StrCat(what, " capacity shrinks"));
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] >= after || (i > 0 && ids[i] <= ids[i - 1])) {
      throw FormatError(absl::StrCat("bad ", what, " id ", ids[i]));
    }
  }
  auto first_new = std::lower_bound(ids.begin(), ids.end(), before);
  if (static_cast<uint64_t>(ids.end() - first_new) != after - before) {
    throw FormatError(absl::StrCat("the ", what, "s created are not all listed"));
  }
}

void CheckLabels(const Graph& g, const std::vector<LabelId>& labels) {
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= g.labels().size() ||
        std::find(labels.begin(), labels.begin() + i, labels[i]) != labels.begin() + i) {
      throw FormatError("bad label id");
    }
  }
}

// Makes `current` hold exactly `image` through `set` (which keeps indexes).
template <class SetFn>
void ReplaceProperties(const PropertyList& current, const PropertyList& image, SetFn set) {
  std::vector<KeyId> stale;
  for (const auto& [key, value] : current.entries()) {
    if (image.Get(key) == nullptr) stale.push_back(key);
  }
  for (KeyId key : stale) set(key, Value());
  for (const auto& [key, value] : image.entries()) set(key, value);
}

// Applies `c` inside a graph transaction. Throws FormatError when it does
// not fit the graph; the caller rolls back.
void ApplyChanges(const Commit& c, Graph& g) {
  for (const RelImage& r : c.rels) {
    if (r.id < c.rel_before && !r.alive && g.RelAlive(r.id)) g.DeleteRelationship(r.id);
  }
  for (const NodeImage& n : c.nodes) {
    if (n.id < c.node_before) continue;
    CheckLabels(g, n.labels);
    if (g.AddNode(n.labels, n.properties) != n.id) throw FormatError("node ids diverge");
  }
  for (const NodeImage& n : c.nodes) {
    if (n.id >= c.node_before || !n.alive) continue;
    if (!g.NodeAlive(n.id)) throw FormatError(absl::StrCat("node ", n.id, " is deleted"));
    CheckLabels(g, n.labels);
    if (g.node(n.id).labels != n.labels) {
      std::vector<LabelId> old = g.node(n.id).labels;
      for (LabelId l : old) g.RemoveLabel(n.id, l);
      for (LabelId l : n.labels) g.AddLabel(n.id, l);
    }
    ReplaceProperties(g.node(n.id).properties, n.properties,
                      [&](KeyId k, Value v) { g.SetNodeProperty(n.id, k, std::move(v)); });
  }
  for (const RelImage& r : c.rels) {
    if (r.id >= c.rel_before) {
      if (!g.NodeAlive(r.source) || !g.NodeAlive(r.target) || r.type >= g.types().size()) {
        throw FormatError(absl::StrCat("relationship ", r.id, " is malformed"));
      }
      if (g.AddRelationship(r.source, r.target, r.type, r.properties) != r.id) {
        throw FormatError("relationship ids diverge");
      }
    } else if (r.alive) {
      if (!g.RelAlive(r.id)) throw FormatError(absl::StrCat("relationship ", r.id, " is deleted"));
      const RelRecord& cur = g.rel(r.id);
      if (cur.source != r.source || cur.target != r.target || cur.type != r.type) {
        throw FormatError(absl::StrCat("relationship ", r.id, " changed its ends"));
      }
      ReplaceProperties(cur.properties, r.properties,
                        [&](KeyId k, Value v) { g.SetRelProperty(r.id, k, std::move(v)); });
    }
  }
  for (const RelImage& r : c.rels) {
    if (r.id >= c.rel_before && !r.alive) g.DeleteRelationship(r.id);
  }
  for (const NodeImage& n : c.nodes) {
    if (n.alive || !g.NodeAlive(n.id)) continue;
    if (!g.DeleteNode(n.id, /*detach=*/false).ok()) {
      throw FormatError(absl::StrCat("node ", n.id, " still has relationships"));
    }
  }
}

void InternAll(Dictionary& d, uint64_t base, const std::vector<std::string>& names,
               const char* what, uint64_t limit = UINT32_MAX) {
  if (d.size() != base) throw FormatError(absl::StrCat("the ", what, " names diverge"));
  if (names.size() > limit - base) {
    throw FormatError(absl::StrCat("more than ", limit, " ", what, " names"));
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (d.Intern(names[i]) != base + i) throw FormatError(absl::StrCat("duplicate ", what));
  }
}

void Apply(const Commit& c, Graph& g) {
  if (g.in_transaction()) throw FormatError("the graph is inside a transaction");
  if (c.node_before != g.node_capacity() || c.rel_before != g.rel_capacity() ||
      c.index_base != g.Indexes().size()) {
    throw FormatError("the record does not follow the state before it");
  }
  std::vector<uint64_t> ids;
  for (const NodeImage& n : c.nodes) ids.push_back(n.id);
  CheckIds(ids, c.node_before, c.node_after, "node");
  ids.clear();
  for (const RelImage& r : c.rels) ids.push_back(r.id);
  CheckIds(ids, c.rel_before, c.rel_after, "relationship");
  InternAll(g.labels(), c.label_base, c.labels, "label");
  InternAll(g.types(), c.type_base, c.types, "relationship type", Graph::kMaxTypes);
  InternAll(g.keys(), c.key_base, c.keys, "property key");
  for (const auto& [label, key] : c.indexes) {
    if (label >= g.labels().size() || key >= g.keys().size()) {
      throw FormatError("bad index definition");
    }
  }
  g.Begin();
  try {
    ApplyChanges(c, g);
  } catch (...) {
    g.Rollback();
    throw;
  }
  g.Commit();
  for (const auto& [label, key] : c.indexes) g.CreateIndex(label, key);
}

}  // namespace wal_internal
}  // namespace cornerstone::engine

BOOST_CLASS_VERSION(cornerstone::engine::wal_internal::WalRecord, 1)
BOOST_CLASS_TRACKING(cornerstone::engine::wal_internal::WalRecord,
                     boost::serialization::track_never)

namespace cornerstone::engine {

using wal_internal::Commit;
using wal_internal::WalRecord;

WalCursor WalCursor::Of(const Graph& graph) {
  return WalCursor{graph.labels().size(), graph.types().size(), graph.keys().size(),
                   graph.Indexes().size()};
}

std::string EncodeWalHeader(uint64_t generation) {
  std::string h(kWalHeaderSize, '\0');
  std::memcpy(h.data(), kWalMagic, sizeof kWalMagic);
  serial::PutU32(h.data() + 8, kWalFormatVersion);
  serial::PutU64(h.data() + 16, generation);
  serial::PutU32(h.data() + 28, serial::Crc32(h.data(), 28));
  return h;
}

absl::StatusOr<uint64_t> ParseWalHeader(std::string_view bytes, const std::string& name) {
  if (bytes.size() < kWalHeaderSize ||
      std::memcmp(bytes.data(), kWalMagic, sizeof kWalMagic) != 0) {
    return absl::DataLossError(absl::StrCat(name, ": not a Cornerstone log (bad header)"));
  }
  if (serial::Crc32(bytes.data(), 28) != serial::GetU32(bytes.data() + 28)) {
    return absl::DataLossError(absl::StrCat(name, ": corrupt log header (checksum mismatch)"));
  }
  uint32_t version = serial::GetU32(bytes.data() + 8);
  if (version != kWalFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat(name, ": log format version ", version, " is not supported (this engine: ",
                     kWalFormatVersion, ")"));
  }
  return serial::GetU64(bytes.data() + 16);
}

absl::StatusOr<std::string> EncodeCommit(const Graph& graph, WalCursor* cursor) {
  WalCursor now = WalCursor::Of(graph);
  if (graph.last_commit().empty() && now.labels == cursor->labels &&
      now.types == cursor->types && now.keys == cursor->keys && now.indexes == cursor->indexes) {
    return std::string();
  }
  std::string frame(kWalFrameSize, '\0');
  try {
    serial::StringOutBuf buf(&frame);
    boost::archive::binary_oarchive ar(buf, serial::kArchiveFlags);
    const WalRecord record{&graph, cursor, nullptr, nullptr};
    ar << record;
  } catch (const serial::FormatError& e) {
    return absl::InvalidArgumentError(absl::StrCat("cannot log the commit: ", e.what()));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("cannot log the commit: ", e.what()));
  }
  uint64_t payload = frame.size() - kWalFrameSize;
  if (payload > UINT32_MAX) return absl::ResourceExhaustedError("a commit too large to log");
  serial::PutU32(frame.data() + 4, static_cast<uint32_t>(payload));
  serial::PutU32(frame.data(), serial::Crc32(frame.data() + 4, frame.size() - 4));
  *cursor = now;
  return frame;
}

absl::StatusOr<WalReplay> ReplayWal(std::string_view bytes, const std::string& name,
                                    Graph* graph) {
  WalReplay result;
  size_t off = kWalHeaderSize;
  while (off < bytes.size()) {
    size_t left = bytes.size() - off;
    if (left < kWalFrameSize) break;
    uint32_t len = serial::GetU32(bytes.data() + off + 4);
    if (len > left - kWalFrameSize) break;
    if (serial::Crc32(bytes.data() + off + 4, 4 + size_t{len}) !=
        serial::GetU32(bytes.data() + off)) {
      break;
    }
    Commit commit;
    try {
      serial::MemoryInBuf buf(bytes.data() + off + kWalFrameSize, len);
      boost::archive::binary_iarchive ar(buf, serial::kArchiveFlags);
      WalRecord record{nullptr, nullptr, &commit, &buf};
      ar >> record;
      wal_internal::Apply(commit, *graph);
    } catch (const std::bad_alloc&) {
      return absl::ResourceExhaustedError(absl::StrCat(name, ": out of memory in replay"));
    } catch (const std::exception& e) {
      return absl::DataLossError(absl::StrCat(name, ": record ", result.records + 1,
                                              " at offset ", off,
                                              " is intact but cannot be replayed: ", e.what()));
    }
    off += kWalFrameSize + len;
    ++result.records;
  }
  result.valid_bytes = off;
  result.torn_tail = off < bytes.size();
  return result;
}

}  // namespace cornerstone::engine
