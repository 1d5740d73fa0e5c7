// Copyright (c) Cornerstone authors.
// Snapshot encoding, validation and the atomic save. Format: SNAPSHOT.md.
#include "engine/storage/snapshot.h"

#include <algorithm>
#include <charconv>
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
#include "absl/strings/str_format.h"
#include "cornerstone/database.h"
#include "engine/storage/fileio.h"
#include "engine/storage/serial.h"
#include "engine/storage/store.h"

namespace cornerstone::engine {

struct SnapshotAccess {
  static std::vector<NodeRecord>& Nodes(Graph& g) { return g.nodes_; }
  static std::vector<RelRecord>& Rels(Graph& g) { return g.rels_; }
  static void Rebuild(Graph& g, const std::vector<std::pair<LabelId, KeyId>>& indexes) {
    g.RebuildDerived(indexes);
  }
};

namespace snapshot_internal {

using serial::FormatError;

void SaveDictionary(serial::Writer& w, const Dictionary& d) {
  w.U64(d.size());
  for (uint32_t i = 0; i < d.size(); ++i) w.Str(d.Name(i));
}

void LoadDictionary(serial::Reader& r, Dictionary& d, const char* what,
                    uint64_t limit = UINT32_MAX) {
  if (d.size() != 0) throw FormatError("the graph to load into is not empty");
  uint64_t n = r.Count(8);
  if (n > limit) throw FormatError(absl::StrCat(n, " ", what, " names, more than ", limit));
  for (uint64_t i = 0; i < n; ++i) {
    if (d.Intern(r.Str()) != i) throw FormatError(absl::StrCat("duplicate ", what, " name"));
  }
}

// The payload: one object, so one Boost class version covers the layout.
// `graph` is the source when saving and the (empty) target when loading;
// `in` bounds every count read (loading only).
struct GraphImage {
  Graph* graph = nullptr;
  const serial::MemoryInBuf* in = nullptr;

  template <class Archive>
  void save(Archive& ar, unsigned version) const;
  template <class Archive>
  void load(Archive& ar, unsigned version);
  BOOST_SERIALIZATION_SPLIT_MEMBER()
};

template <class Archive>
void GraphImage::save(Archive& ar, unsigned /*version*/) const {
  const Graph& g = *graph;
  serial::Writer w(ar);
  SaveDictionary(w, g.labels());
  SaveDictionary(w, g.types());
  SaveDictionary(w, g.keys());

  const size_t n = g.node_capacity();
  std::vector<uint8_t> alive(n);
  std::vector<uint32_t> label_counts(n);
  std::vector<uint32_t> labels;
  std::vector<NodeId> with_props;
  for (NodeId id = 0; id < n; ++id) {
    const NodeRecord& rec = g.node(id);
    alive[id] = rec.alive ? 1 : 0;
    label_counts[id] = static_cast<uint32_t>(rec.labels.size());
    labels.insert(labels.end(), rec.labels.begin(), rec.labels.end());
    if (!rec.properties.empty()) with_props.push_back(id);
  }
  w.U64(n);
  w.Bytes(alive.data(), n);
  w.Bytes(label_counts.data(), n * 4);
  w.U64(labels.size());
  w.Bytes(labels.data(), labels.size() * 4);
  w.U64(with_props.size());
  for (NodeId id : with_props) {
    w.U64(id);
    w.Props(g.node(id).properties);
  }

  const size_t m = g.rel_capacity();
  std::vector<uint8_t> rel_alive(m);
  std::vector<uint64_t> sources(m), targets(m);
  std::vector<uint32_t> types(m);
  std::vector<RelId> rels_with_props;
  for (RelId id = 0; id < m; ++id) {
    const RelRecord& rec = g.rel(id);
    rel_alive[id] = rec.alive ? 1 : 0;
    sources[id] = rec.source;
    targets[id] = rec.target;
    types[id] = rec.type;
    if (!rec.properties.empty()) rels_with_props.push_back(id);
  }
  w.U64(m);
  w.Bytes(rel_alive.data(), m);
  w.Bytes(sources.data(), m * 8);
  w.Bytes(targets.data(), m * 8);
  w.Bytes(types.data(), m * 4);
  w.U64(rels_with_props.size());
  for (RelId id : rels_with_props) {
    w.U64(id);
    w.Props(g.rel(id).properties);
  }

  auto indexes = g.Indexes();
  w.U64(indexes.size());
  for (const auto& [label, key] : indexes) {
    w.U32(label);
    w.U32(key);
  }
}

template <class Archive>
void GraphImage::load(Archive& ar, unsigned version) {
  if (version != 1) throw FormatError(absl::StrCat("unknown graph layout version ", version));
  Graph& g = *graph;
  serial::Reader r(ar, *in);
  LoadDictionary(r, g.labels(), "label");
  LoadDictionary(r, g.types(), "relationship type", Graph::kMaxTypes);
  LoadDictionary(r, g.keys(), "property key");

  // Nodes: at least 5 bytes each (alive flag, label count).
  const uint64_t n = r.Count(5);
  std::vector<uint8_t> alive(n);
  r.Bytes(alive.data(), n);
  std::vector<uint32_t> label_counts(n);
  r.Bytes(label_counts.data(), n * 4);
  uint64_t total_labels = 0;
  for (uint32_t c : label_counts) total_labels += c;
  if (r.Count(4) != total_labels) throw FormatError("label counts do not add up");
  std::vector<uint32_t> labels(total_labels);
  r.Bytes(labels.data(), total_labels * 4);

  std::vector<NodeRecord>& nodes = SnapshotAccess::Nodes(g);
  if (!nodes.empty()) throw FormatError("the graph to load into is not empty");
  nodes.resize(n);
  size_t next_label = 0;
  for (uint64_t id = 0; id < n; ++id) {
    if (alive[id] > 1) throw FormatError("bad node flag");
    NodeRecord& rec = nodes[id];
    rec.alive = alive[id] == 1;
    if (!rec.alive && label_counts[id] != 0) throw FormatError("a deleted node has labels");
    rec.labels.assign(labels.begin() + next_label,
                      labels.begin() + next_label + label_counts[id]);
    next_label += label_counts[id];
    for (size_t i = 0; i < rec.labels.size(); ++i) {
      if (rec.labels[i] >= g.labels().size() ||
          std::find(rec.labels.begin(), rec.labels.begin() + i, rec.labels[i]) !=
              rec.labels.begin() + i) {
        throw FormatError(absl::StrCat("node ", id, " has a bad label id"));
      }
    }
  }
  const uint64_t with_props = r.Count(8 + 4);
  int64_t last = -1;
  for (uint64_t i = 0; i < with_props; ++i) {
    uint64_t id = r.U64();
    if (id >= n || static_cast<int64_t>(id) <= last || !nodes[id].alive) {
      throw FormatError(absl::StrCat("bad node id ", id, " in node properties"));
    }
    last = static_cast<int64_t>(id);
    nodes[id].properties = r.Props(g.keys().size());
  }

  // Relationships: at least 21 bytes each (flag, source, target, type).
  const uint64_t m = r.Count(21);
  std::vector<uint8_t> rel_alive(m);
  r.Bytes(rel_alive.data(), m);
  std::vector<uint64_t> sources(m), targets(m);
  r.Bytes(sources.data(), m * 8);
  r.Bytes(targets.data(), m * 8);
  std::vector<uint32_t> types(m);
  r.Bytes(types.data(), m * 4);
  std::vector<RelRecord>& rels = SnapshotAccess::Rels(g);
  if (n > Graph::kMaxNodes) throw FormatError(absl::StrCat(n, " nodes, more than a graph holds"));
  rels.resize(m);
  for (uint64_t id = 0; id < m; ++id) {
    RelRecord& rec = rels[id];
    if (rel_alive[id] > 1 || sources[id] >= n || targets[id] >= n ||
        types[id] >= g.types().size()) {
      throw FormatError(absl::StrCat("relationship ", id, " is malformed"));
    }
    rec.alive = rel_alive[id] == 1;
    rec.source = sources[id];
    rec.target = targets[id];
    rec.type = types[id];
    if (rec.alive && (!nodes[rec.source].alive || !nodes[rec.target].alive)) {
      throw FormatError(absl::StrCat("relationship ", id, " joins a deleted node"));
    }
  }
  const uint64_t rels_with_props = r.Count(8 + 4);
  last = -1;
  for (uint64_t i = 0; i < rels_with_props; ++i) {
    uint64_t id = r.U64();
    if (id >= m || static_cast<int64_t>(id) <= last || !rels[id].alive) {
      throw FormatError(absl::StrCat("bad relationship id ", id, " in properties"));
    }
    last = static_cast<int64_t>(id);
    rels[id].properties = r.Props(g.keys().size());
  }

  const uint64_t index_count = r.Count(8);
  std::vector<std::pair<LabelId, KeyId>> indexes;
  for (uint64_t i = 0; i < index_count; ++i) {
    LabelId label = r.U32();
    KeyId key = r.U32();
    if (label >= g.labels().size() || key >= g.keys().size() ||
        std::find(indexes.begin(), indexes.end(), std::make_pair(label, key)) != indexes.end()) {
      throw FormatError("bad index definition");
    }
    indexes.emplace_back(label, key);
  }
  if (r.remaining() != 0) {
    throw FormatError(absl::StrCat(r.remaining(), " unexpected bytes at the end of the payload"));
  }
  SnapshotAccess::Rebuild(g, indexes);
}

// Header field offsets (see SNAPSHOT.md).
constexpr size_t kOffFormat = 8, kOffFlags = 12, kOffEngine = 16, kOffGeneration = 24,
                 kOffPayloadLen = 32, kOffPayloadCrc = 40, kOffNodes = 48, kOffRels = 56,
                 kOffHeaderCrc = 68;

void EngineVersion(uint16_t out[3]) {
  std::string_view v = cornerstone::Version();
  for (int i = 0; i < 3; ++i) {
    out[i] = 0;
    auto [next, ec] = std::from_chars(v.data(), v.data() + v.size(), out[i]);
    if (ec != std::errc()) return;
    v.remove_prefix(next - v.data());
    if (!v.empty() && v.front() == '.') v.remove_prefix(1);
  }
}

}  // namespace snapshot_internal
}  // namespace cornerstone::engine

BOOST_CLASS_VERSION(cornerstone::engine::snapshot_internal::GraphImage, 1)
BOOST_CLASS_TRACKING(cornerstone::engine::snapshot_internal::GraphImage,
                     boost::serialization::track_never)

namespace cornerstone::engine {

using namespace snapshot_internal;  // NOLINT: this file's own helpers

absl::StatusOr<std::string> EncodeSnapshot(const Graph& graph, uint64_t generation) {
  std::string out(kSnapshotHeaderSize, '\0');
  try {
    serial::StringOutBuf buf(&out);
    boost::archive::binary_oarchive ar(buf, serial::kArchiveFlags);
    const GraphImage image{const_cast<Graph*>(&graph), nullptr};
    ar << image;
  } catch (const serial::FormatError& e) {
    return absl::InvalidArgumentError(absl::StrCat("cannot save the graph: ", e.what()));
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("cannot save the graph: out of memory");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("cannot save the graph: ", e.what()));
  }
  const size_t payload = out.size() - kSnapshotHeaderSize;
  char* h = out.data();
  std::memcpy(h, kSnapshotMagic, sizeof kSnapshotMagic);
  serial::PutU32(h + kOffFormat, kSnapshotFormatVersion);
  serial::PutU32(h + kOffFlags, 0);
  uint16_t version[3];
  EngineVersion(version);
  for (int i = 0; i < 3; ++i) serial::PutU16(h + kOffEngine + 2 * i, version[i]);
  serial::PutU64(h + kOffGeneration, generation);
  serial::PutU64(h + kOffPayloadLen, payload);
  serial::PutU32(h + kOffPayloadCrc, serial::Crc32(h + kSnapshotHeaderSize, payload));
  serial::PutU64(h + kOffNodes, graph.node_count());
  serial::PutU64(h + kOffRels, graph.rel_count());
  serial::PutU32(h + kOffHeaderCrc, serial::Crc32(h, kOffHeaderCrc));
  return out;
}

absl::StatusOr<SnapshotInfo> CheckSnapshot(std::string_view bytes, const std::string& name) {
  auto loss = [&](std::string_view what) {
    return absl::DataLossError(
        absl::StrCat(name, ": ", absl::string_view(what.data(), what.size())));
  };
  if (bytes.empty()) return loss("not a snapshot: the file is empty");
  size_t magic_len = std::min(bytes.size(), sizeof kSnapshotMagic);
  if (std::memcmp(bytes.data(), kSnapshotMagic, magic_len) != 0) {
    return loss("not a Cornerstone snapshot (wrong magic bytes)");
  }
  if (bytes.size() < kSnapshotHeaderSize) {
    return loss(absl::StrCat("truncated: the header needs ", kSnapshotHeaderSize,
                             " bytes but the file has ", bytes.size()));
  }
  const char* h = bytes.data();
  if (serial::Crc32(h, kOffHeaderCrc) != serial::GetU32(h + kOffHeaderCrc)) {
    return loss("corrupt header (header checksum mismatch)");
  }
  SnapshotInfo info;
  info.format_version = serial::GetU32(h + kOffFormat);
  info.flags = serial::GetU32(h + kOffFlags);
  info.engine_major = serial::GetU16(h + kOffEngine);
  info.engine_minor = serial::GetU16(h + kOffEngine + 2);
  info.engine_patch = serial::GetU16(h + kOffEngine + 4);
  info.generation = serial::GetU64(h + kOffGeneration);
  info.payload_bytes = serial::GetU64(h + kOffPayloadLen);
  info.node_count = serial::GetU64(h + kOffNodes);
  info.rel_count = serial::GetU64(h + kOffRels);
  if (info.format_version > kSnapshotFormatVersion) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s: written by a newer format version %d (by Cornerstone %d.%d.%d); this engine reads "
        "versions %d to %d: open it with a newer Cornerstone or migrate it with its Cypher export",
        name, info.format_version, info.engine_major, info.engine_minor, info.engine_patch,
        kSnapshotMinFormatVersion, kSnapshotFormatVersion));
  }
  if (info.format_version < kSnapshotMinFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%s: unsupported older format version %d; this engine reads versions "
                        "%d to %d",
                        name, info.format_version, kSnapshotMinFormatVersion,
                        kSnapshotFormatVersion));
  }
  if (info.flags != 0) {
    return absl::FailedPreconditionError(
        absl::StrFormat("%s: unknown format flags 0x%x", name, info.flags));
  }
  const uint64_t have = bytes.size() - kSnapshotHeaderSize;
  if (have < info.payload_bytes) {
    return loss(absl::StrCat("truncated: the header announces ", info.payload_bytes,
                             " payload bytes but the file has ", have));
  }
  if (have > info.payload_bytes) {
    return loss(absl::StrCat(have - info.payload_bytes, " unexpected bytes after the payload"));
  }
  if (serial::Crc32(h + kSnapshotHeaderSize, have) != serial::GetU32(h + kOffPayloadCrc)) {
    return loss("payload checksum mismatch: the file is corrupt");
  }
  return info;
}

absl::Status DecodeSnapshot(std::string_view bytes, const std::string& name, Graph* graph,
                            SnapshotInfo* info) {
  absl::StatusOr<SnapshotInfo> checked = CheckSnapshot(bytes, name);
  if (!checked.ok()) return checked.status();
  if (graph->node_capacity() != 0 || graph->rel_capacity() != 0 || graph->labels().size() != 0 ||
      graph->types().size() != 0 || graph->keys().size() != 0) {
    return absl::InvalidArgumentError("LoadSnapshot: the graph to load into is not empty");
  }
  try {
    serial::MemoryInBuf buf(bytes.data() + kSnapshotHeaderSize, checked->payload_bytes);
    boost::archive::binary_iarchive ar(buf, serial::kArchiveFlags);
    GraphImage image{graph, &buf};
    ar >> image;
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(absl::StrCat(name, ": out of memory while loading"));
  } catch (const std::exception& e) {
    return absl::DataLossError(absl::StrCat(name, ": corrupt payload: ", e.what()));
  }
  if (info != nullptr) *info = *checked;
  return absl::OkStatus();
}

absl::Status SaveSnapshotGeneration(const Graph& graph, const std::string& path,
                                    uint64_t generation) {
  absl::StatusOr<std::string> bytes = EncodeSnapshot(graph, generation);
  if (!bytes.ok()) return bytes.status();
  return fileio::WriteFileAtomically(path, *bytes);
}

absl::Status LoadSnapshotInfo(const std::string& path, Graph* graph, SnapshotInfo* info) {
  absl::StatusOr<std::string> bytes = fileio::ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return DecodeSnapshot(*bytes, path, graph, info);
}

absl::Status SaveSnapshot(const Graph& graph, const std::string& path) {
  return SaveSnapshotGeneration(graph, path, 0);
}

absl::Status LoadSnapshot(const std::string& path, Graph* graph) {
  return LoadSnapshotInfo(path, graph, nullptr);
}

}  // namespace cornerstone::engine
