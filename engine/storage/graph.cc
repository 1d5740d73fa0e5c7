// Copyright (c) Cornerstone authors.
#include "engine/storage/graph.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <variant>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "engine/storage/parallel.h"

namespace cornerstone::engine {
namespace {

bool AdjLess(const Adjacency& a, const Adjacency& b) {
  if (a.type != b.type) return a.type < b.type;
  if (a.other != b.other) return a.other < b.other;
  return a.rel < b.rel;
}

void AdjInsert(std::vector<Adjacency>& adj, Adjacency entry) {
  adj.insert(std::lower_bound(adj.begin(), adj.end(), entry, AdjLess), entry);
}

void AdjErase(std::vector<Adjacency>& adj, Adjacency entry) {
  auto it = std::lower_bound(adj.begin(), adj.end(), entry, AdjLess);
  if (it != adj.end() && it->rel == entry.rel) adj.erase(it);
}

std::span<const Adjacency> TypeRange(const std::vector<Adjacency>& adj, TypeId type) {
  auto lo = std::lower_bound(adj.begin(), adj.end(), type,
                             [](const Adjacency& a, TypeId t) { return a.type < t; });
  auto hi = std::upper_bound(lo, adj.end(), type,
                             [](TypeId t, const Adjacency& a) { return t < a.type; });
  return std::span<const Adjacency>(adj).subspan(lo - adj.begin(), hi - lo);
}

void SortedInsert(std::vector<NodeId>& ids, NodeId id) {
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it == ids.end() || *it != id) ids.insert(it, id);
}

void SortedErase(std::vector<NodeId>& ids, NodeId id) {
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it != ids.end() && *it == id) ids.erase(it);
}

// Undo records, one per mutation; each holds what its inverse needs.
struct NodeAdded {
  NodeId id;
};
struct LabelAdded {
  NodeId id;
  LabelId label;
};
struct LabelRemoved {
  NodeId id;
  LabelId label;
  size_t position;  // in NodeRecord::labels
};
struct NodePropertySet {
  NodeId id;
  KeyId key;
  Value previous;
};
struct NodeDeleted {
  NodeId id;
  std::vector<LabelId> labels;
  PropertyList properties;
};
struct RelAdded {
  RelId id;
};
struct RelPropertySet {
  RelId id;
  KeyId key;
  Value previous;
};
struct RelDeleted {
  RelId id;
  PropertyList properties;
};

}  // namespace

struct Graph::UndoEntry {
  std::variant<NodeAdded, LabelAdded, LabelRemoved, NodePropertySet, NodeDeleted, RelAdded,
               RelPropertySet, RelDeleted>
      op;
};

// Node ids per value, each vector in increasing id order and never empty.
struct Graph::PropertyIndex {
  LabelId label;
  KeyId key;
  absl::flat_hash_map<Value, std::vector<NodeId>, ValueHash, ValueEquivalent> entries;

  void Insert(const Value& value, NodeId id) { SortedInsert(entries[value], id); }
  void Erase(const Value& value, NodeId id) {
    auto it = entries.find(value);
    if (it == entries.end()) return;
    SortedErase(it->second, id);
    if (it->second.empty()) entries.erase(it);
  }
};

Graph::Graph() = default;
Graph::~Graph() = default;

// ---- Dictionary, PropertyList ----

uint32_t Dictionary::Intern(std::string_view name) {
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it != ids_.end()) return it->second;
  auto id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  return id;
}

std::optional<uint32_t> Dictionary::Find(std::string_view name) const {
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

PropertyList::Slot PropertyList::Store(KeyId key, Value value) {
  Slot s;
  s.key = key;
  switch (value.kind()) {
    case Kind::kInt:
      s.tag = kInt;
      s.i = value.int_value();
      break;
    case Kind::kFloat:
      s.tag = kFloat;
      s.d = value.float_value();
      break;
    case Kind::kBool:
      s.tag = kBool;
      s.b = value.bool_value();
      break;
    default:
      s.tag = kBoxed;
      s.boxed = new Value(std::move(value));
  }
  return s;
}

Value PropertyList::Take(Slot& s) {
  if (s.tag != kBoxed) return Unboxed(s);
  Value v = std::move(*s.boxed);
  delete s.boxed;
  s.boxed = nullptr;
  return v;
}

PropertyList::PropertyList(const PropertyList& other) {
  if (other.empty()) return;
  Grow(other.size());
  const Slot* from = other.slots();
  try {
    for (uint32_t i = 0; i < other.block_->size; ++i) {
      Slot s = from[i];
      if (s.tag == kBoxed) s.boxed = new Value(*s.boxed);
      slots()[block_->size++] = s;
    }
  } catch (...) {
    Free();  // the copies made so far
    throw;
  }
}

PropertyList& PropertyList::operator=(const PropertyList& other) {
  if (this != &other) {
    PropertyList copy(other);
    *this = std::move(copy);
  }
  return *this;
}

PropertyList& PropertyList::operator=(PropertyList&& other) noexcept {
  if (this != &other) {
    Free();
    block_ = other.block_;
    other.block_ = nullptr;
  }
  return *this;
}

void PropertyList::Free() {
  if (block_ == nullptr) return;
  Slot* s = slots();
  for (uint32_t i = 0; i < block_->size; ++i) {
    if (s[i].tag == kBoxed) delete s[i].boxed;
  }
  ::operator delete(block_);
  block_ = nullptr;
}

void PropertyList::Grow(size_t capacity) {
  if (capacity > UINT32_MAX) throw std::length_error("too many properties");
  void* raw = ::operator new(sizeof(Block) + capacity * sizeof(Slot));
  Block* grown = new (raw) Block{0, static_cast<uint32_t>(capacity)};
  if (block_ != nullptr) {
    // Slots are plain data (a boxed value moves as its pointer).
    std::memcpy(static_cast<void*>(grown + 1), slots(), block_->size * sizeof(Slot));
    grown->size = block_->size;
    ::operator delete(block_);
  }
  block_ = grown;
}

void PropertyList::Reserve(size_t n) {
  if (n > (block_ == nullptr ? 0 : block_->capacity)) Grow(n);
}

Value PropertyList::Set(KeyId key, Value value) {
  const uint32_t n = size(), pos = Position(key);
  Value previous;
  if (pos < n && slots()[pos].key == key) {
    Slot* s = slots();
    if (value.is_null()) {
      previous = Take(s[pos]);
      std::memmove(static_cast<void*>(s + pos), s + pos + 1, (n - pos - 1) * sizeof(Slot));
      if (--block_->size == 0) Free();
    } else {
      const Slot fresh = Store(key, std::move(value));  // may throw: nothing changed yet
      previous = Take(s[pos]);
      s[pos] = fresh;
    }
    return previous;
  }
  if (value.is_null()) return previous;
  Slot fresh = Store(key, std::move(value));
  if (block_ == nullptr || n == block_->capacity) {
    try {
      Grow(n == 0 ? 1 : n * 2);
    } catch (...) {
      if (fresh.tag == kBoxed) delete fresh.boxed;
      throw;
    }
  }
  Slot* s = slots();
  std::memmove(static_cast<void*>(s + pos + 1), s + pos, (n - pos) * sizeof(Slot));
  s[pos] = fresh;
  ++block_->size;
  return previous;
}

// ---- Index helpers ----

void Graph::SetLabelBit(LabelId label, NodeId id, bool on) {
  if (label >= label_bits_.size()) label_bits_.resize(label + 1);
  std::vector<uint64_t>& bits = label_bits_[label];
  if (id / 64 >= bits.size()) {
    if (!on) return;
    bits.resize(std::max<size_t>(id / 64 + 1, nodes_.size() / 64 + 1), 0);
  }
  if (on) {
    bits[id / 64] |= uint64_t{1} << (id % 64);
  } else {
    bits[id / 64] &= ~(uint64_t{1} << (id % 64));
  }
}

void Graph::LabelIndexInsert(LabelId label, NodeId id) {
  SetLabelBit(label, id, true);
  if (label >= label_index_.size()) label_index_.resize(label + 1);
  std::vector<NodeId>& ids = label_index_[label];
  if (ids.empty() || ids.back() < id) {
    ids.push_back(id);
  } else {
    SortedInsert(ids, id);
  }
}

void Graph::LabelIndexErase(LabelId label, NodeId id) {
  SetLabelBit(label, id, false);
  if (label < label_index_.size()) SortedErase(label_index_[label], id);
}

void Graph::IndexLabel(NodeId id, LabelId label, bool add) {
  const PropertyList& props = nodes_[id].properties;
  for (auto& index : indexes_) {
    if (index->label != label) continue;
    PropertyRef v = props.Get(index->key);
    if (v == nullptr) continue;
    if (add) {
      index->Insert(*v, id);
    } else {
      index->Erase(*v, id);
    }
  }
}

void Graph::IndexProperty(NodeId id, KeyId key, const Value& value, bool add) {
  if (value.is_null()) return;
  for (auto& index : indexes_) {
    if (index->key != key || !HasLabel(id, index->label)) continue;
    if (add) {
      index->Insert(value, id);
    } else {
      index->Erase(value, id);
    }
  }
}

uint64_t Graph::NextVersion() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

// Every mutation passes through here, recording or not.
void Graph::Record(UndoEntry entry) {
  version_ = NextVersion();
  if (recording_) undo_.push_back(std::move(entry));
}

// ---- Nodes ----

absl::StatusOr<TypeId> Graph::InternType(std::string_view name) {
  if (std::optional<TypeId> id = types_.Find(name)) return *id;
  if (types_.size() >= kMaxTypes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("a graph holds at most ", kMaxTypes, " relationship types"));
  }
  return types_.Intern(name);
}

NodeId Graph::AddNode(std::span<const LabelId> labels, PropertyList properties) {
  // As a vector past its max_size: the statement fails and rolls back.
  if (nodes_.size() >= kMaxNodes) throw std::length_error("a graph holds at most 2^40 nodes");
  NodeId id = nodes_.size();
  NodeRecord& n = nodes_.emplace_back();
  for (LabelId label : labels) {
    if (std::find(n.labels.begin(), n.labels.end(), label) == n.labels.end()) {
      n.labels.push_back(label);
    }
  }
  n.properties = std::move(properties);
  ++live_nodes_;
  for (LabelId label : n.labels) {
    LabelIndexInsert(label, id);
    IndexLabel(id, label, true);
  }
  Record({NodeAdded{id}});
  return id;
}

bool Graph::AddLabel(NodeId id, LabelId label) {
  if (HasLabel(id, label)) return false;
  nodes_[id].labels.push_back(label);
  LabelIndexInsert(label, id);
  IndexLabel(id, label, true);
  Record({LabelAdded{id, label}});
  return true;
}

bool Graph::RemoveLabel(NodeId id, LabelId label) {
  auto& labels = nodes_[id].labels;
  auto it = std::find(labels.begin(), labels.end(), label);
  if (it == labels.end()) return false;
  size_t position = it - labels.begin();
  IndexLabel(id, label, false);
  labels.erase(it);
  LabelIndexErase(label, id);
  Record({LabelRemoved{id, label, position}});
  return true;
}

Value Graph::SetNodeProperty(NodeId id, KeyId key, Value value) {
  IndexProperty(id, key, value, true);
  Value previous = nodes_[id].properties.Set(key, value);
  // Erase the old entry unless old and new share it.
  if (!previous.is_null() && !Equivalent(previous, value)) {
    IndexProperty(id, key, previous, false);
  }
  Record({NodePropertySet{id, key, previous}});
  return previous;
}

absl::Status Graph::DeleteNode(NodeId id, bool detach) {
  if (!NodeAlive(id)) return absl::OkStatus();
  NodeRecord& n = nodes_[id];
  if (!n.out.empty() || !n.in.empty()) {
    if (!detach) {
      return absl::FailedPreconditionError(
          absl::StrCat("ConstraintVerificationFailed: cannot delete node ", id,
                       " because it still has relationships; use DETACH DELETE"));
    }
    std::vector<RelId> rels;
    for (const Adjacency& a : n.out) rels.push_back(a.rel);
    for (const Adjacency& a : n.in) rels.push_back(a.rel);
    std::sort(rels.begin(), rels.end());
    rels.erase(std::unique(rels.begin(), rels.end()), rels.end());  // self-loops
    for (RelId rel : rels) DeleteRelationship(rel);
  }
  for (LabelId label : n.labels) {
    IndexLabel(id, label, false);
    LabelIndexErase(label, id);
  }
  NodeDeleted undo{id, std::move(n.labels), std::move(n.properties)};
  n.labels.clear();
  n.properties.Clear();
  n.out = {};
  n.in = {};
  n.alive = false;
  --live_nodes_;
  Record({std::move(undo)});
  return absl::OkStatus();
}

// ---- Relationships ----

void Graph::MarkType(std::vector<std::vector<uint64_t>>& bits, TypeId type, NodeId id,
                     size_t nodes) {
  if (type >= bits.size()) bits.resize(type + 1);
  std::vector<uint64_t>& b = bits[type];
  if (id / 64 >= b.size()) b.resize(std::max<size_t>(id / 64 + 1, nodes / 64 + 1), 0);
  b[id / 64] |= uint64_t{1} << (id % 64);
}

void Graph::Link(RelId id) {
  const RelRecord& r = rels_[id];
  AdjInsert(nodes_[r.source].out, {r.type, r.target, id});
  AdjInsert(nodes_[r.target].in, {r.type, r.source, id});
  MarkType(out_type_bits_, r.type, r.source, nodes_.size());
  MarkType(in_type_bits_, r.type, r.target, nodes_.size());
  if (r.type >= type_counts_.size()) type_counts_.resize(r.type + 1);
  ++type_counts_[r.type];
  ++live_rels_;
}

void Graph::Unlink(RelId id) {
  const RelRecord& r = rels_[id];
  AdjErase(nodes_[r.source].out, {r.type, r.target, id});
  AdjErase(nodes_[r.target].in, {r.type, r.source, id});
  --type_counts_[r.type];
  --live_rels_;
}

RelId Graph::AddRelationship(NodeId source, NodeId target, TypeId type,
                             PropertyList properties) {
  RelId id = rels_.size();
  rels_.push_back(RelRecord{source, target, std::move(properties), type, true});
  Link(id);
  Record({RelAdded{id}});
  return id;
}

Value Graph::SetRelProperty(RelId id, KeyId key, Value value) {
  Value previous = rels_[id].properties.Set(key, std::move(value));
  Record({RelPropertySet{id, key, previous}});
  return previous;
}

void Graph::DeleteRelationship(RelId id) {
  if (!RelAlive(id)) return;
  Unlink(id);
  RelRecord& r = rels_[id];
  r.alive = false;
  RelDeleted undo{id, std::move(r.properties)};
  r.properties.Clear();
  Record({std::move(undo)});
}

std::span<const Adjacency> Graph::Out(NodeId id, TypeId type) const {
  return TypeRange(nodes_[id].out, type);
}

std::span<const Adjacency> Graph::In(NodeId id, TypeId type) const {
  return TypeRange(nodes_[id].in, type);
}

// ---- Label and property indexes ----

const std::vector<NodeId>& Graph::NodesWithLabel(LabelId label) const {
  static const std::vector<NodeId> kEmpty;
  return label < label_index_.size() ? label_index_[label] : kEmpty;
}

size_t Graph::TypeCount(TypeId type) const {
  return type < type_counts_.size() ? type_counts_[type] : 0;
}

void Graph::CreateIndex(LabelId label, KeyId key) {
  if (HasIndex(label, key)) return;
  auto index = std::make_unique<PropertyIndex>();
  index->label = label;
  index->key = key;
  for (NodeId id : NodesWithLabel(label)) {
    PropertyRef v = nodes_[id].properties.Get(key);
    if (v != nullptr) index->entries[*v].push_back(id);  // ids ascend
  }
  indexes_.push_back(std::move(index));
}

bool Graph::HasIndex(LabelId label, KeyId key) const {
  return std::any_of(indexes_.begin(), indexes_.end(),
                     [&](const auto& i) { return i->label == label && i->key == key; });
}

std::vector<NodeId> Graph::IndexLookup(LabelId label, KeyId key, const Value& value) const {
  if (value.is_null()) return {};
  for (const auto& index : indexes_) {
    if (index->label != label || index->key != key) continue;
    auto it = index->entries.find(value);
    if (it == index->entries.end()) return {};
    return it->second;
  }
  return {};
}

std::vector<std::pair<LabelId, KeyId>> Graph::Indexes() const {
  std::vector<std::pair<LabelId, KeyId>> out;
  out.reserve(indexes_.size());
  for (const auto& index : indexes_) out.emplace_back(index->label, index->key);
  return out;
}

// ---- Bulk load ----

namespace {

void LinkSide(std::vector<NodeRecord>& nodes, const std::vector<RelRecord>& rels, size_t first,
              bool out, std::vector<std::vector<uint64_t>>& type_bits);  // below

}  // namespace

void Graph::RebuildDerived(const std::vector<std::pair<LabelId, KeyId>>& indexes) {
  version_ = NextVersion();
  live_nodes_ = 0;
  live_rels_ = 0;
  label_index_.assign(labels_.size(), {});
  label_bits_.assign(labels_.size(), std::vector<uint64_t>(nodes_.size() / 64 + 1, 0));
  indexes_.clear();
  for (NodeId id = 0; id < nodes_.size(); ++id) {
    NodeRecord& n = nodes_[id];
    n.out.clear();
    n.in.clear();
    if (!n.alive) continue;
    ++live_nodes_;
    for (LabelId label : n.labels) {
      if (label >= label_index_.size()) label_index_.resize(label + 1);
      label_index_[label].push_back(id);  // ids ascend
      SetLabelBit(label, id, true);
    }
  }
  type_counts_.assign(types_.size(), 0);
  for (const RelRecord& r : rels_) {
    if (!r.alive) continue;
    if (r.type >= type_counts_.size()) type_counts_.resize(r.type + 1);
    ++type_counts_[r.type];
    ++live_rels_;
  }
  const size_t words = nodes_.size() / 64 + 1;
  out_type_bits_.assign(type_counts_.size(), std::vector<uint64_t>(words, 0));
  in_type_bits_.assign(type_counts_.size(), std::vector<uint64_t>(words, 0));
  // The two sides of the adjacency and the property indexes touch disjoint
  // parts of the records (FinishBulk does the same after an import).
  RunTogether({[&] { LinkSide(nodes_, rels_, 0, /*out=*/true, out_type_bits_); },
               [&] { LinkSide(nodes_, rels_, 0, /*out=*/false, in_type_bits_); },
               [&] {
                 for (const auto& [label, key] : indexes) CreateIndex(label, key);
               }});
}

// ---- Statement atomicity ----

void Graph::Begin() {
  undo_.clear();
  recording_ = true;
  last_commit_ = CommitChanges{};
  last_commit_.node_capacity_before = nodes_.size();
  last_commit_.rel_capacity_before = rels_.size();
}

void Graph::Commit() {
  if (capture_ && recording_) {
    struct Touched {
      CommitChanges& c;
      void operator()(const NodeAdded& e) { c.nodes.push_back(e.id); }
      void operator()(const LabelAdded& e) { c.nodes.push_back(e.id); }
      void operator()(const LabelRemoved& e) { c.nodes.push_back(e.id); }
      void operator()(const NodePropertySet& e) { c.nodes.push_back(e.id); }
      void operator()(const NodeDeleted& e) { c.nodes.push_back(e.id); }
      void operator()(const RelAdded& e) { c.rels.push_back(e.id); }
      void operator()(const RelPropertySet& e) { c.rels.push_back(e.id); }
      void operator()(const RelDeleted& e) { c.rels.push_back(e.id); }
    };
    for (const UndoEntry& entry : undo_) std::visit(Touched{last_commit_}, entry.op);
    for (auto* ids : {&last_commit_.nodes, &last_commit_.rels}) {
      std::sort(ids->begin(), ids->end());
      ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
  }
  undo_.clear();
  recording_ = false;
}

void Graph::Rollback() {
  recording_ = false;  // the inverse operations below must not be recorded
  version_ = NextVersion();
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) Undo(*it);
  undo_.clear();
}

// Every entry is undone in reverse order, so the graph is in exactly the
// state right after the recorded mutation; in particular an id created by
// the mutation is the last one handed out.
void Graph::Undo(UndoEntry& entry) {
  struct Visitor {
    Graph& g;
    void operator()(NodeAdded& e) {
      for (LabelId label : g.nodes_[e.id].labels) {
        g.IndexLabel(e.id, label, false);
        g.LabelIndexErase(label, e.id);
      }
      --g.live_nodes_;
      if (e.id + 1 == g.nodes_.size()) {
        g.nodes_.pop_back();
      } else {  // unreachable with reverse-order undo; stay consistent anyway
        g.nodes_[e.id] = NodeRecord{};
        g.nodes_[e.id].alive = false;
      }
    }
    void operator()(LabelAdded& e) { g.RemoveLabel(e.id, e.label); }
    void operator()(LabelRemoved& e) {
      auto& labels = g.nodes_[e.id].labels;
      labels.insert(labels.begin() + std::min(e.position, labels.size()), e.label);
      g.LabelIndexInsert(e.label, e.id);
      g.IndexLabel(e.id, e.label, true);
    }
    void operator()(NodePropertySet& e) { g.SetNodeProperty(e.id, e.key, std::move(e.previous)); }
    void operator()(NodeDeleted& e) {
      NodeRecord& n = g.nodes_[e.id];
      n.alive = true;
      n.labels = std::move(e.labels);
      n.properties = std::move(e.properties);
      ++g.live_nodes_;
      for (LabelId label : n.labels) {
        g.LabelIndexInsert(label, e.id);
        g.IndexLabel(e.id, label, true);
      }
    }
    void operator()(RelAdded& e) {
      g.Unlink(e.id);
      if (e.id + 1 == g.rels_.size()) {
        g.rels_.pop_back();
      } else {  // unreachable with reverse-order undo; stay consistent anyway
        g.rels_[e.id].alive = false;
        g.rels_[e.id].properties.Clear();
      }
    }
    void operator()(RelPropertySet& e) { g.SetRelProperty(e.id, e.key, std::move(e.previous)); }
    void operator()(RelDeleted& e) {
      RelRecord& r = g.rels_[e.id];
      r.alive = true;
      r.properties = std::move(e.properties);
      g.Link(e.id);
    }
  };
  std::visit(Visitor{*this}, entry.op);
}

// ---- Bulk load ----

void Dictionary::Truncate(size_t size) {
  while (names_.size() > size) {
    ids_.erase(names_.back());
    names_.pop_back();
  }
}

Graph::BulkMark Graph::MarkBulk() const {
  return {nodes_.size(), rels_.size(), labels_.size(), types_.size(), keys_.size()};
}

namespace {

// Asks for transparent huge pages for a vector's spare capacity that is
// about to be filled: one page fault per 2 MiB instead of per 4 KiB, which
// is most of the cost of filling hundreds of megabytes. Only a hint (a
// no-op where the kernel does not do it); the partial pages at either end
// are left alone.
template <typename T>
void AdviseHugePages(const std::vector<T>& v) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  auto begin = reinterpret_cast<uintptr_t>(v.data() + v.size());
  auto end = reinterpret_cast<uintptr_t>(v.data() + v.capacity());
  begin = (begin + kHuge - 1) & ~(kHuge - 1);
  end &= ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)v;
#endif
}

}  // namespace

void Graph::ReserveBulk(size_t nodes, size_t rels) {
  nodes_.reserve(nodes_.size() + nodes);
  rels_.reserve(rels_.size() + rels);
  AdviseHugePages(nodes_);
  AdviseHugePages(rels_);
}

RelId Graph::AppendRelationship(NodeId source, NodeId target, TypeId type,
                                PropertyList properties) {
  RelId id = rels_.size();
  rels_.push_back(RelRecord{source, target, std::move(properties), type, true});
  return id;
}

namespace {

// Adds the entries of the live relationships in [first, end) to one side
// of the adjacency (`out`: the source's outgoing list, else the target's
// incoming one): every list that gets entries grows once to its exact size
// and is sorted once. Touches only that side's vectors, so the two sides
// can be built at the same time. `type_bits` is sized for every type and
// node.
void LinkSide(std::vector<NodeRecord>& nodes, const std::vector<RelRecord>& rels, size_t first,
              bool out, std::vector<std::vector<uint64_t>>& type_bits) {
  std::vector<uint32_t> degree(nodes.size(), 0);
  for (size_t id = first; id < rels.size(); ++id) {
    if (rels[id].alive) ++degree[out ? rels[id].source : rels[id].target];
  }
  for (NodeId n = 0; n < nodes.size(); ++n) {
    if (degree[n] == 0) continue;
    std::vector<Adjacency>& adj = out ? nodes[n].out : nodes[n].in;
    adj.reserve(adj.size() + degree[n]);
  }
  for (size_t id = first; id < rels.size(); ++id) {
    const RelRecord& r = rels[id];
    if (!r.alive) continue;
    const NodeId n = out ? r.source : r.target;
    if (out) {
      nodes[n].out.push_back({r.type, r.target, id});
    } else {
      nodes[n].in.push_back({r.type, r.source, id});
    }
    type_bits[r.type][n / 64] |= uint64_t{1} << (n % 64);
  }
  auto less = [](const Adjacency& a, const Adjacency& b) { return AdjLess(a, b); };
  for (NodeId n = 0; n < nodes.size(); ++n) {
    if (degree[n] == 0) continue;
    std::vector<Adjacency>& adj = out ? nodes[n].out : nodes[n].in;
    if (!std::is_sorted(adj.begin(), adj.end(), less)) std::sort(adj.begin(), adj.end(), less);
  }
}

}  // namespace

void Graph::LinkAppended(const BulkMark& mark, int threads) {
  version_ = NextVersion();
  if (rels_.size() <= mark.rels) return;
  size_t types = types_.size();
  for (size_t id = mark.rels; id < rels_.size(); ++id) {
    types = std::max<size_t>(types, rels_[id].type + size_t{1});
  }
  for (auto* bits : {&out_type_bits_, &in_type_bits_}) {
    if (bits->size() < types) bits->resize(types);
    for (auto& b : *bits) b.resize(std::max(b.size(), nodes_.size() / 64 + 1), 0);
  }
  if (threads > 1) {
    RunTogether({[&] { LinkSide(nodes_, rels_, mark.rels, /*out=*/true, out_type_bits_); },
                 [&] { LinkSide(nodes_, rels_, mark.rels, /*out=*/false, in_type_bits_); }});
  } else {
    LinkSide(nodes_, rels_, mark.rels, /*out=*/true, out_type_bits_);
    LinkSide(nodes_, rels_, mark.rels, /*out=*/false, in_type_bits_);
  }
  if (types_.size() > type_counts_.size()) type_counts_.resize(types_.size());
  for (size_t id = mark.rels; id < rels_.size(); ++id) {
    TypeId type = rels_[id].type;
    if (type >= type_counts_.size()) type_counts_.resize(type + 1);
    ++type_counts_[type];
  }
  live_rels_ += rels_.size() - mark.rels;
}

void Graph::FinishBulk(const BulkMark& mark,
                       const std::vector<std::pair<LabelId, KeyId>>& indexes) {
  if (indexes.empty()) return LinkAppended(mark, 2);
  RunTogether({[&] { LinkAppended(mark, 2); },
               [&] {
                 for (const auto& [label, key] : indexes) CreateIndex(label, key);
               }});
}

void Graph::DropAppended(const BulkMark& mark) {
  version_ = NextVersion();
  if (rels_.size() > mark.rels) rels_.erase(rels_.begin() + mark.rels, rels_.end());
  for (NodeId id = nodes_.size(); id-- > mark.nodes;) {
    for (LabelId label : nodes_[id].labels) {
      IndexLabel(id, label, false);
      LabelIndexErase(label, id);
    }
    if (nodes_[id].alive) --live_nodes_;
  }
  if (nodes_.size() > mark.nodes) nodes_.erase(nodes_.begin() + mark.nodes, nodes_.end());
  // What was grown for labels that no longer exist is empty.
  if (label_index_.size() > mark.labels) label_index_.resize(mark.labels);
  if (label_bits_.size() > mark.labels) label_bits_.resize(mark.labels);
  labels_.Truncate(mark.labels);
  types_.Truncate(mark.types);
  keys_.Truncate(mark.keys);
}

}  // namespace cornerstone::engine
