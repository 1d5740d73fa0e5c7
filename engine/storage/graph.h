// Copyright (c) Cornerstone authors.
// The in-memory property graph. See engine/README.md for the layout.
//
// Nodes and relationships live in two vectors indexed by id; ids are never
// reused while the graph lives (a deleted entity leaves a tombstone).
// Each node keeps its outgoing and incoming adjacency in two vectors sorted
// by (relationship type, neighbour, relationship id), so the neighbours of a
// node, and of a node through one type, are contiguous.
// Labels, relationship types and property keys are interned to small ids.
//
// Thread safety: none; the Database serializes access.
#ifndef CORNERSTONE_ENGINE_STORAGE_GRAPH_H_
#define CORNERSTONE_ENGINE_STORAGE_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/value/value.h"

namespace cornerstone::engine {

using LabelId = uint32_t;
using TypeId = uint32_t;
using KeyId = uint32_t;

// Grants the snapshot loader and saver (engine/storage/snapshot.cc) direct
// access to the containers below, so that a load can fill them in bulk.
struct SnapshotAccess;

// Interns names to dense ids (0, 1, 2, ...).
class Dictionary {
 public:
  uint32_t Intern(std::string_view name);
  std::optional<uint32_t> Find(std::string_view name) const;
  const std::string& Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }
  // Forgets the names with ids >= size (a failed bulk load's).
  void Truncate(size_t size);

 private:
  friend struct SnapshotAccess;
  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
};

// A property as read from a PropertyList (Get): absent, or a Value. A
// number or boolean is held here by value (the list keeps it unboxed), any
// other value by pointer into the list, valid until the list changes.
// Reads like the pointer it replaces: `if (v)`, `v == nullptr`, `*v`,
// `v->kind()`.
class PropertyRef {
 public:
  PropertyRef() = default;
  PropertyRef(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): absent
  static PropertyRef Boxed(const Value* v) {
    PropertyRef r;
    r.boxed_ = v;
    return r;
  }
  static PropertyRef Scalar(Value v) {
    PropertyRef r;
    r.scalar_ = std::move(v);
    r.has_scalar_ = true;
    return r;
  }
  explicit operator bool() const { return boxed_ != nullptr || has_scalar_; }
  bool operator==(std::nullptr_t) const { return !*this; }
  const Value& operator*() const { return boxed_ != nullptr ? *boxed_ : scalar_; }
  const Value* operator->() const { return &**this; }
  // The value, or nullptr when absent; into this ref for a number.
  const Value* get() const { return *this ? &**this : nullptr; }
  // Whether the value lives in the list (get() outlives this ref).
  bool boxed() const { return boxed_ != nullptr; }

 private:
  const Value* boxed_ = nullptr;
  Value scalar_;
  bool has_scalar_ = false;
};

// A node's or relationship's properties: entries sorted by key id. Null is
// never stored (setting null removes the key). One pointer wide (a graph
// holds one per node and per relationship, most of them empty or a few
// numbers): a heap block of count, capacity and 16-byte slots, each a key
// and an integer, float or boolean in place, or any other value boxed on
// the heap; an empty list has no block.
class PropertyList {
 private:
  struct Slot {
    KeyId key;
    uint8_t tag;  // Tag
    union {
      int64_t i;
      double d;
      bool b;
      Value* boxed;
    };
  };
  static_assert(sizeof(Slot) == 16);

 public:
  using Entry = std::pair<KeyId, Value>;
  // What entries() returns: the entries in key order, each read as a
  // (key, const Value&) pair whose value lives in the iterator (numbers)
  // or the list, valid until the iterator moves on.
  class Entries {
   public:
    class iterator {
     public:
      using value_type = std::pair<KeyId, const Value&>;
      using difference_type = std::ptrdiff_t;
      iterator() = default;
      explicit iterator(const Slot* s) : slot_(s) {}
      std::pair<KeyId, const Value&> operator*() const {
        return {slot_->key, PropertyList::Load(*slot_, &scratch_)};
      }
      iterator& operator++() {
        ++slot_;
        return *this;
      }
      bool operator==(const iterator& o) const { return slot_ == o.slot_; }

     private:
      const Slot* slot_ = nullptr;
      mutable Value scratch_;
    };
    Entries(const Slot* begin, size_t n) : begin_(begin), n_(n) {}
    iterator begin() const { return iterator(begin_); }
    iterator end() const { return iterator(begin_ + n_); }
    size_t size() const { return n_; }
    bool empty() const { return n_ == 0; }
    Entry front() const {
      Value scratch;
      return Entry(begin_->key, PropertyList::Load(*begin_, &scratch));
    }

   private:
    const Slot* begin_;
    size_t n_;
  };

  PropertyList() = default;
  PropertyList(const PropertyList& other);
  PropertyList(PropertyList&& other) noexcept : block_(other.block_) { other.block_ = nullptr; }
  PropertyList& operator=(const PropertyList& other);
  PropertyList& operator=(PropertyList&& other) noexcept;
  ~PropertyList() { Free(); }

  PropertyRef Get(KeyId key) const {
    const uint32_t n = size(), pos = Position(key);
    if (pos == n || slots()[pos].key != key) return nullptr;
    const Slot& s = slots()[pos];
    return s.tag == kBoxed ? PropertyRef::Boxed(s.boxed) : PropertyRef::Scalar(Unboxed(s));
  }
  // Returns the previous value (null when absent).
  Value Set(KeyId key, Value value);
  Entries entries() const { return Entries(slots(), size()); }
  uint32_t size() const { return block_ == nullptr ? 0 : block_->size; }
  bool empty() const { return size() == 0; }
  void Clear() { Free(); }
  // Room for n entries in all, so that n Sets allocate once.
  void Reserve(size_t n);
  // The address of the first slot, for a prefetch (nullptr when empty).
  const void* data() const { return block_ == nullptr ? nullptr : slots(); }

 private:
  enum Tag : uint8_t { kBoxed, kInt, kFloat, kBool };
  struct Block {
    uint32_t size;
    uint32_t capacity;
  };
  static_assert(sizeof(Block) % alignof(Slot) == 0);
  Slot* slots() const { return reinterpret_cast<Slot*>(block_ + 1); }
  // The first slot whose key is not below `key` (size() if none).
  uint32_t Position(KeyId key) const {
    const Slot* s = slots();
    const uint32_t n = size();
    uint32_t i = 0;
    while (i < n && s[i].key < key) ++i;  // a few entries: a scan beats a search
    return i;
  }
  // The number or boolean of an unboxed slot, as a Value.
  static Value Unboxed(const Slot& s) {
    switch (s.tag) {
      case kInt: return Value::Int(s.i);
      case kFloat: return Value::Float(s.d);
      default: return Value::Bool(s.b);
    }
  }
  // The slot's value: in place for a boxed one, else written to *scratch.
  static const Value& Load(const Slot& s, Value* scratch) {
    if (s.tag == kBoxed) return *s.boxed;
    *scratch = Unboxed(s);
    return *scratch;
  }
  static Slot Store(KeyId key, Value value);  // boxes what is not a number or bool
  static Value Take(Slot& s);                  // the value, unboxed (the slot is spent)
  // Moves the slots into a block of `capacity` (>= size()).
  void Grow(size_t capacity);
  void Free();
  Block* block_ = nullptr;
};

// One adjacency entry: the relationship, its type and the node at the other
// end, in 16 bytes (a graph holds two per relationship): the type and the
// other end share a word, which bounds both (Graph::kMaxTypes, kMaxNodes).
struct Adjacency {
  Adjacency() : other(0), type(0), rel(0) {}
  Adjacency(TypeId t, NodeId o, RelId r) : other(o), type(t), rel(r) {}
  uint64_t other : 40;
  uint32_t type : 24;
  RelId rel;
};
static_assert(sizeof(Adjacency) == 16);

struct NodeRecord {
  std::vector<LabelId> labels;  // in the order added, no duplicates
  PropertyList properties;
  std::vector<Adjacency> out;  // sorted by (type, other, rel)
  std::vector<Adjacency> in;   // sorted by (type, other, rel)
  bool alive = true;
};

// 24 bytes: the ends take 40 bits each, like an adjacency entry's other
// end, and share their words with the type and the alive flag.
struct RelRecord {
  RelRecord() : source(0), type(0), target(0), alive(1) {}
  RelRecord(NodeId s, NodeId t, PropertyList p, TypeId ty, bool a)
      : source(s), type(ty), target(t), alive(a), properties(std::move(p)) {}
  uint64_t source : 40;
  uint32_t type : 24;
  uint64_t target : 40;
  uint64_t alive : 1;
  PropertyList properties;
};
static_assert(sizeof(RelRecord) == 24);

// One numeric property of a label's nodes or of a type's relationships,
// laid out as a column for scans that compare or aggregate it
// (Graph::Column, Graph::RelColumn).
struct PropertyColumn {
  // kNone: some entity holds a value that is not of the one numeric type
  // of the others (a string, a float among integers): no column, read the
  // values one by one.
  enum class Type { kNone, kInt, kFloat };
  Type type = Type::kNone;
  // Column(): the label's nodes when the column was built; values[i] is the
  // property of ids[i]. RelColumn(): empty, positions are those of the
  // type's TypeTable.
  std::vector<uint64_t> ids;
  std::vector<int64_t> ints;   // kInt
  std::vector<double> floats;  // kFloat; NaN where the entity lacks the key
  // 1 where the entity has the key (a stored NaN is present); empty when
  // every entity has it.
  std::vector<uint8_t> present;
};

// The live relationships of one type in id order, with their ends
// (Graph::Relationships).
struct TypeTable {
  std::vector<RelId> rels;
  std::vector<NodeId> sources, targets;
};

// What the last Commit() changed, for the write-ahead log: every node and
// relationship id touched by a mutation of the transaction (sorted, unique),
// and the id capacities when the transaction began (ids at or past those
// were created by it). Filled only while change capture is on.
struct CommitChanges {
  size_t node_capacity_before = 0;
  size_t rel_capacity_before = 0;
  std::vector<NodeId> nodes;
  std::vector<RelId> rels;
  bool empty() const { return nodes.empty() && rels.empty(); }
};

class Graph {
 public:
  // Bounds of an adjacency entry's fields. Node ids stop far beyond memory
  // (2^40 records); relationship types at 16,777,216 names, which
  // InternType enforces.
  static constexpr size_t kMaxTypes = size_t{1} << 24;
  static constexpr size_t kMaxNodes = size_t{1} << 40;

  Graph();
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // The id of a relationship type, interned; fails (ResourceExhausted)
  // when the name is new and the graph has kMaxTypes types already.
  absl::StatusOr<TypeId> InternType(std::string_view name);

  Dictionary& labels() { return labels_; }
  Dictionary& types() { return types_; }
  Dictionary& keys() { return keys_; }
  const Dictionary& labels() const { return labels_; }
  const Dictionary& types() const { return types_; }
  const Dictionary& keys() const { return keys_; }

  // ---- Nodes ----
  NodeId AddNode(std::span<const LabelId> labels, PropertyList properties);
  // Number of node ids handed out (live or deleted); ids are 0..capacity-1.
  size_t node_capacity() const { return nodes_.size(); }
  size_t node_count() const { return live_nodes_; }
  bool NodeAlive(NodeId id) const { return id < nodes_.size() && nodes_[id].alive; }
  // Preconditions for the accessors below: NodeAlive(id).
  const NodeRecord& node(NodeId id) const { return nodes_[id]; }
  bool HasLabel(NodeId id, LabelId label) const {
    // The bitmap, not the node's label vector: no pointer to chase. Inline:
    // the fused scans test it once per relationship.
    if (label >= label_bits_.size()) return false;
    const std::vector<uint64_t>& bits = label_bits_[label];
    return id / 64 < bits.size() && ((bits[id / 64] >> (id % 64)) & 1) != 0;
  }
  // False only when node `id` has no outgoing (`out`) or incoming
  // relationship of `type`: a filter that costs one bit, read before the
  // node's record. True can be stale (set once, not cleared on delete).
  bool MayHaveType(NodeId id, TypeId type, bool out) const {
    const auto& bits = out ? out_type_bits_ : in_type_bits_;
    if (type >= bits.size() || id / 64 >= bits[type].size()) return true;
    return (bits[type][id / 64] >> (id % 64)) & 1;
  }
  // Return true when something changed.
  bool AddLabel(NodeId id, LabelId label);
  bool RemoveLabel(NodeId id, LabelId label);
  // Null removes. Returns the previous value.
  Value SetNodeProperty(NodeId id, KeyId key, Value value);
  // Fails with FailedPrecondition ("ConstraintVerificationFailed: ...") if
  // the node still has relationships and detach is false. With detach,
  // deletes those relationships first. Deleting a deleted node is a no-op.
  absl::Status DeleteNode(NodeId id, bool detach);

  // ---- Relationships ----
  // Preconditions: both nodes alive; type < kMaxTypes (InternType).
  RelId AddRelationship(NodeId source, NodeId target, TypeId type, PropertyList properties);
  size_t rel_capacity() const { return rels_.size(); }
  size_t rel_count() const { return live_rels_; }
  bool RelAlive(RelId id) const { return id < rels_.size() && rels_[id].alive; }
  const RelRecord& rel(RelId id) const { return rels_[id]; }
  Value SetRelProperty(RelId id, KeyId key, Value value);
  void DeleteRelationship(RelId id);

  // Adjacency of a live node: all entries, or those of one type (contiguous).
  std::span<const Adjacency> Out(NodeId id) const { return nodes_[id].out; }
  std::span<const Adjacency> In(NodeId id) const { return nodes_[id].in; }
  std::span<const Adjacency> Out(NodeId id, TypeId type) const;
  std::span<const Adjacency> In(NodeId id, TypeId type) const;

  // ---- Label index ----
  // Live nodes carrying `label`, in increasing id order.
  const std::vector<NodeId>& NodesWithLabel(LabelId label) const;
  size_t LabelCount(LabelId label) const { return NodesWithLabel(label).size(); }
  // Live relationships of a type.
  size_t TypeCount(TypeId type) const;

  // ---- Property equality indexes on (label, key) ----
  // Builds the index from the current nodes; no-op if it exists. Kept up to
  // date by every mutation afterwards.
  void CreateIndex(LabelId label, KeyId key);
  bool HasIndex(LabelId label, KeyId key) const;
  // Nodes with `label` whose property `key` is Equivalent to `value`, in
  // increasing id order. Precondition: HasIndex(label, key).
  std::vector<NodeId> IndexLookup(LabelId label, KeyId key, const Value& value) const;
  std::vector<std::pair<LabelId, KeyId>> Indexes() const;

  // ---- Columns ----
  // Built on first use and kept until the graph changes (version()), for
  // the operators that read one property of many entities in order.
  // Thread-safe among readers.
  // The column of `key` over the nodes of `label`.
  std::shared_ptr<const PropertyColumn> Column(LabelId label, KeyId key) const;
  // The relationships of `type`, and the column of `key` over them.
  std::shared_ptr<const TypeTable> Relationships(TypeId type) const;
  std::shared_ptr<const PropertyColumn> RelColumn(TypeId type, KeyId key) const;

  // ---- Statement atomicity ----
  // Between Begin() and Commit()/Rollback(), every mutation is recorded;
  // Rollback() restores the graph exactly (ids handed out are taken back,
  // dictionaries may keep new names). Not nestable.
  void Begin();
  void Commit();
  void Rollback();
  bool in_transaction() const { return recording_; }

  // ---- Change capture (for the write-ahead log) ----
  // When on, Commit() records in last_commit() which entities the
  // transaction touched; Begin() clears it. Off by default (no cost).
  void set_capture_changes(bool on) {
    capture_ = on;
    ConsumeLastCommit();
  }
  const CommitChanges& last_commit() const { return last_commit_; }
  // Empties last_commit() (the log has it), so that a second LogCommit of
  // the same commit logs nothing.
  void ConsumeLastCommit() {
    last_commit_ = CommitChanges{};
    last_commit_.node_capacity_before = nodes_.size();
    last_commit_.rel_capacity_before = rels_.size();
  }

  // ---- Bulk load (the CSV importer) ----
  // Outside a transaction, a bulk load appends nodes with AddNode and
  // relationships with AppendRelationship, which leaves them out of the
  // adjacency lists (no sorted insert per relationship, no undo record),
  // then either links them all at once with LinkAppended (degrees counted,
  // each list grown once to its exact size and sorted once) or takes every
  // node, relationship and name added since the mark back with
  // DropAppended. In between, the graph must not be read or otherwise
  // changed.
  struct BulkMark {
    size_t nodes = 0, rels = 0, labels = 0, types = 0, keys = 0;
  };
  BulkMark MarkBulk() const;
  // Capacity for `nodes` and `rels` more, so that appending does not
  // reallocate (and copy) the two vectors.
  void ReserveBulk(size_t nodes, size_t rels);
  // Preconditions: both nodes alive; the graph is in a bulk load.
  RelId AppendRelationship(NodeId source, NodeId target, TypeId type, PropertyList properties);
  // Links the relationships appended since `mark`; with `threads` > 1 the
  // outgoing and incoming lists are built on two threads (same result).
  void LinkAppended(const BulkMark& mark, int threads = 1);
  // LinkAppended on two threads and, at the same time on a third,
  // CreateIndex for each of `indexes` (an index reads only labels and
  // properties, which linking does not touch).
  void FinishBulk(const BulkMark& mark, const std::vector<std::pair<LabelId, KeyId>>& indexes);
  // Precondition: nothing appended since `mark` is linked.
  void DropAppended(const BulkMark& mark);

  // ---- Change stamp ----
  // A process-wide unique stamp of the graph's current contents: it changes
  // with every mutation, rollback and bulk load and never repeats, even
  // across Graph objects, so caches derived from the graph (kg.lookup's name
  // index) can key on it.
  uint64_t version() const { return version_; }

 private:
  friend struct SnapshotAccess;
  // Recomputes everything derived from nodes_ and rels_ (live counts,
  // adjacency, label index, type counts) and rebuilds the property indexes
  // listed in `indexes`. Used by the snapshot loader.
  void RebuildDerived(const std::vector<std::pair<LabelId, KeyId>>& indexes);

  struct UndoEntry;  // defined in graph.cc
  struct PropertyIndex;
  void Record(UndoEntry entry);
  void Undo(UndoEntry& entry);

  // Adds/removes a relationship's adjacency entries and its type count.
  void Link(RelId id);
  void Unlink(RelId id);
  // Keeps label_index_ sorted and label_bits_ in step.
  void LabelIndexInsert(LabelId label, NodeId id);
  void LabelIndexErase(LabelId label, NodeId id);
  void SetLabelBit(LabelId label, NodeId id, bool on);
  // Marks `id` as having a relationship of `type` on that side (see
  // MayHaveType). Bits are only ever set, so a deleted relationship leaves a
  // stale (conservative) bit behind.
  static void MarkType(std::vector<std::vector<uint64_t>>& bits, TypeId type, NodeId id,
                       size_t nodes);
  // Property-index maintenance for one node: entries of the indexes on
  // `label` (for every key the node has) or on `key` (for every label the
  // node has). `add` false removes.
  void IndexLabel(NodeId id, LabelId label, bool add);
  void IndexProperty(NodeId id, KeyId key, const Value& value, bool add);

  Dictionary labels_, types_, keys_;
  std::vector<NodeRecord> nodes_;
  std::vector<RelRecord> rels_;
  size_t live_nodes_ = 0;
  size_t live_rels_ = 0;
  std::vector<std::vector<NodeId>> label_index_;  // by LabelId
  // By LabelId: bit `id` is set when node `id` carries the label (the same
  // membership as label_index_, for HasLabel in O(1)).
  std::vector<std::vector<uint64_t>> label_bits_;
  std::vector<size_t> type_counts_;               // by TypeId
  // By TypeId: bit `id` is set when node `id` has (or had) an outgoing /
  // incoming relationship of the type. Never cleared; nodes past the end
  // read as "maybe".
  std::vector<std::vector<uint64_t>> out_type_bits_, in_type_bits_;
  std::vector<std::unique_ptr<PropertyIndex>> indexes_;
  // The columns built at columns_version_: by (label, key), by type, by
  // (type, key).
  struct ColumnCache {
    absl::flat_hash_map<std::pair<LabelId, KeyId>, std::shared_ptr<const PropertyColumn>> nodes;
    absl::flat_hash_map<TypeId, std::shared_ptr<const TypeTable>> types;
    absl::flat_hash_map<std::pair<TypeId, KeyId>, std::shared_ptr<const PropertyColumn>> rels;
  };
  ColumnCache& Columns() const;  // columns_mu_ held
  mutable std::mutex columns_mu_;
  mutable uint64_t columns_version_ = 0;
  mutable ColumnCache columns_;
  std::vector<UndoEntry> undo_;
  bool recording_ = false;
  bool capture_ = false;
  CommitChanges last_commit_;
  static uint64_t NextVersion();  // thread-safe
  uint64_t version_ = NextVersion();
};

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_STORAGE_GRAPH_H_
