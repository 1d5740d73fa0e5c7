// Copyright (c) Cornerstone authors.
// Row-at-a-time relational operators: Projection, Aggregate, Distinct, Sort,
// Skip, Limit, Unwind, Optional.
#include <algorithm>
#include <deque>
#include <array>
#include <atomic>
#include <cmath>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/exec/eval.h"
#include "engine/exec/functions.h"
#include "engine/exec/operator.h"
#include "engine/storage/parallel.h"

namespace cornerstone::engine {
namespace {

using query::ErrorKind;
using query::LogicalKind;

bool CollectsSlot(const query::BoundExpr* e, const absl::flat_hash_set<query::Slot>& slots);

class ProjectOperator : public PhysicalOperator {
 public:
  explicit ProjectOperator(const query::LogicalOperator& op) : PhysicalOperator(op) {
    if (op.keys_from_input) {
      absl::flat_hash_set<query::Slot> agg_slots;
      for (const auto& a : op.projection->aggregates) agg_slots.insert(a.slot);
      for (const auto& item : op.projection->items) {
        given_.push_back(item.expr->kind == query::BoundKind::kProperty &&
                         !CollectsSlot(item.expr.get(), agg_slots));
      }
    }
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    if (!input().Next(ctx, row)) return false;
    if (op_.projection != nullptr) {
      const auto& items = op_.projection->items;
      for (size_t i = 0; i < items.size(); ++i) {
        // Keys a fused aggregate below wrote already (properties of its end).
        if (!given_.empty() && given_[i]) continue;
        row[items[i].slot] = Evaluate(*items[i].expr, row, ctx);
      }
    }
    if (op_.paths != nullptr) {
      for (const auto& [slot, steps] : *op_.paths) row[slot] = BuildPath(steps, row, ctx);
    }
    return true;
  }

 private:
  std::vector<bool> given_;  // keys_from_input: per item, written by the aggregate
};

// Base for operators that drain their input into a buffer first. What
// they hold is charged to the statement's memory budget until the next
// Open() drops it.
class BufferedOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    filled_ = false;
    buffer_.clear();
    pos_ = 0;
    ctx.Release(charged_);
    charged_ = 0;
    meter_.Reset();
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    if (!filled_) {
      filled_ = true;
      Fill(ctx, row);
      if (!ctx.ok()) return false;
    }
    if (pos_ >= buffer_.size()) return false;
    row = std::move(buffer_[pos_++]);
    return true;
  }
  virtual void Fill(EvalContext& ctx, Row& row) = 0;

  // Charges `bytes` more to the budget; false when over it.
  bool Charge(EvalContext& ctx, int64_t bytes) {
    charged_ += bytes;
    return ctx.Charge(bytes);
  }

  MemoryMeter meter_;
  int64_t charged_ = 0;
  bool filled_ = false;
  std::vector<Row> buffer_;
  size_t pos_ = 0;
};

// What collect(), the percentiles and DISTINCT keep per group: only those
// aggregates allocate it, so a count, sum or avg state stays 48 bytes.
struct AggExtra {
  List items;              // collect, percentiles
  double percentile = -1;  // percentileCont / percentileDisc
  absl::flat_hash_set<Value, ValueHash, ValueEquivalent> seen;  // DISTINCT
  // DISTINCT: the value inserted last (rows often repeat it, as when the
  // counted node is the one an inner expansion starts from), which `seen`
  // holds already, so a repeat skips the hashing.
  Value last_seen;
};

struct AggState {
  int64_t count = 0;
  int64_t int_sum = 0;
  double float_sum = 0;
  bool is_float = false;
  // min / max: the value so far, boxed (most aggregates are counts and
  // sums, which need no room for a value).
  std::unique_ptr<Value> best;
  std::unique_ptr<AggExtra> extra;

  AggExtra& More() {
    if (extra == nullptr) extra = std::make_unique<AggExtra>();
    return *extra;
  }
};
static_assert(sizeof(AggState) == 48);

bool CollectsSlot(const query::BoundExpr* e, const absl::flat_hash_set<query::Slot>& slots) {
  if (e == nullptr) return false;
  if (e->kind == query::BoundKind::kSlot && slots.contains(e->slot)) return true;
  for (const auto& c : e->children) {
    if (CollectsSlot(c.get(), slots)) return true;
  }
  return CollectsSlot(e->where.get(), slots) || CollectsSlot(e->projection.get(), slots);
}

// SKIP + LIMIT above a sort (LogicalOperator::top_skip, top_limit), when
// both are valid counts (the Skip and Limit operators report invalid ones);
// nullopt: sort everything.
std::optional<size_t> TopCount(const query::LogicalOperator& op, EvalContext& ctx) {
  if (op.top_limit == nullptr) return std::nullopt;
  Row none;
  int64_t total = 0;
  for (const query::BoundExpr* e : {op.top_skip, op.top_limit}) {
    if (e == nullptr) continue;
    Value v = Evaluate(*e, none, ctx);
    if (!ctx.ok() || v.kind() != Kind::kInt || v.int_value() < 0) return std::nullopt;
    if (__builtin_add_overflow(total, v.int_value(), &total)) return std::nullopt;
  }
  // A heap pays off only when it keeps a part of the input.
  if (total > (int64_t{1} << 20)) return std::nullopt;
  return static_cast<size_t>(total);
}

class AggregateOperator : public BufferedOperator {
 public:
  explicit AggregateOperator(const query::LogicalOperator& op) : BufferedOperator(op) {
    absl::flat_hash_set<query::Slot> agg_slots;
    for (const auto& a : op.projection->aggregates) agg_slots.insert(a.slot);
    for (const auto& item : op.projection->items) {
      if (!CollectsSlot(item.expr.get(), agg_slots)) {
        keys_.push_back(item.expr.get());
        key_slots_.push_back(item.slot);
      }
    }
    if (op.keys_fixed_per_entity) FindEntitySlots();
  }

 protected:
  // Groups keyed by entities hold no copy of a row: they are emitted into
  // the caller's row (its storage reused), with the key entities and the
  // finished aggregates written over the statement's input row.
  bool NextImpl(EvalContext& ctx, Row& row) override {
    if (!filled_) {
      filled_ = true;
      Fill(ctx, row);
      if (!ctx.ok()) return false;
    }
    while (pos_ < dropped_.size() && dropped_[pos_]) ++pos_;
    if (pos_ >= groups_.size()) return false;
    const Group& g = groups_[pos_];
    if (g.row != kNoRow) {
      row = std::move(buffer_[g.row]);
    } else {
      // A fused aggregate's groups differ only in the slots written here
      // (nothing above reads another slot of its scope before writing
      // it): the row is reset only when an operator above took it.
      if (!op_.fused_scan || row.size() != template_.size()) row = template_;
      for (size_t i = 0; i < entity_slots_.size(); ++i) {
        row[entity_slots_[i]] = EntityValue(g.entities[i]);
      }
    }
    const auto& aggs = op_.projection->aggregates;
    AggState* st = StatesOf(pos_);
    for (size_t i = 0; i < aggs.size(); ++i) row[aggs[i].slot] = Finish(aggs[i], &st[i]);
    if (!group_keys_.empty()) {
      // FillFromColumns: the key values, for the projection above.
      const size_t nkeys = keys_.size();
      for (size_t j = 0; j < nkeys; ++j) {
        if (keys_[j]->kind == query::BoundKind::kProperty) {
          row[key_slots_[j]] = *group_keys_[pos_ * nkeys + j];
        }
      }
    }
    ++pos_;
    return true;
  }

  void Fill(EvalContext& ctx, Row& row) override {
    if (op_.fused_scan) return FillFromColumns(ctx, row);
    const auto& aggs = op_.projection->aggregates;
    groups_.clear();
    state_chunks_.clear();
    absl::flat_hash_map<std::vector<Value>, size_t, ValueVectorHash, ValueVectorEquivalent> index;
    std::vector<Value> key;
    template_ = row;
    // Rows whose key entities were seen before: entity ids -> group.
    absl::flat_hash_map<EntityKey, size_t> by_entity;
    EntityKey entities;
    // One node as the key entity (`RETURN n.name, count(*)`): its group is
    // found by node id in a dense vector (1 + group; 0: not seen yet).
    std::vector<uint32_t> by_node;
    if (entity_slots_.size() == 1) {
      by_node.assign(ctx.graph().node_capacity(), 0);
      if (!Charge(ctx, static_cast<int64_t>(by_node.size() * sizeof(uint32_t)))) return;
    }
    while (input().Next(ctx, row)) {
      uint32_t* dense = nullptr;
      if (!by_node.empty()) {
        const Value& v = row[entity_slots_[0]];
        if (v.kind() == Kind::kNode && v.node_id() < by_node.size()) dense = &by_node[v.node_id()];
      }
      const bool memo = dense == nullptr && EntitiesOf(row, &entities);
      if (dense != nullptr) {
        entities.fill(0);
        entities[0] = (uint64_t{row[entity_slots_[0]].node_id()} << 2) | 1;
      }
      size_t group = 0;
      auto seen = memo ? by_entity.find(entities) : by_entity.end();
      if (dense != nullptr && *dense != 0) {
        group = *dense - 1;
      } else if (seen != by_entity.end()) {
        group = seen->second;
      } else {
        const bool by_entities = dense != nullptr || memo;
        if (by_entities && keys_are_entities_) {
          // The keys are the entities themselves: new ids are a new group.
          group = groups_.size();
          if (!NewGroup(ctx, entities, nullptr)) return;
        } else {
          key.clear();
          for (const query::BoundExpr* k : keys_) key.push_back(Evaluate(*k, row, ctx));
          auto [it, inserted] = index.try_emplace(key, groups_.size());
          if (inserted) {
            if (!Charge(ctx, meter_.Bytes(key))) return;
            if (!NewGroup(ctx, entities, by_entities ? nullptr : &row)) return;
          }
          group = it->second;
        }
        if (dense != nullptr && group < UINT32_MAX - 1) {
          *dense = static_cast<uint32_t>(group + 1);
        } else if (memo) {
          by_entity.emplace(entities, group);
          if (!Charge(ctx, static_cast<int64_t>(sizeof(EntityKey) + 2 * sizeof(size_t)))) return;
        }
      }
      AggState* st = StatesOf(group);
      // A counting expansion's row stands for `times` rows.
      int64_t times = 1;
      if (op_.multiplicity_slot != query::kNoSlot) {
        times = row[op_.multiplicity_slot].int_value();
      }
      for (size_t i = 0; i < aggs.size(); ++i) Update(ctx, aggs[i], row, times, &st[i]);
      if (!ctx.ok()) return;
    }
    if (!ctx.ok()) return;
    if (groups_.empty() && keys_.empty()) {
      entities.fill(0);
      NewGroup(ctx, entities, &template_);
    }
  }

 public:
  void Open(EvalContext& ctx) override {
    BufferedOperator::Open(ctx);
    groups_.clear();
    state_chunks_.clear();
    dropped_.clear();
    group_keys_.clear();
    key_numbers_.clear();
  }

 private:
  // See FindEntitySlots.
  static constexpr size_t kMaxEntitySlots = 3;
  using EntityKey = std::array<uint64_t, kMaxEntitySlots>;
  static constexpr uint32_t kNoRow = UINT32_MAX;
  static constexpr size_t kGroupsPerChunk = 4096;

  // A group: its key entities, or (keys not all entities) a copy of its
  // first row in buffer_.
  struct Group {
    EntityKey entities;
    uint32_t row = kNoRow;
  };

  // Appends a group; `row` (when not null) is kept as its row. False when
  // over the memory budget.
  bool NewGroup(EvalContext& ctx, const EntityKey& entities, const Row* row) {
    const size_t naggs = op_.projection->aggregates.size();
    if (groups_.size() % kGroupsPerChunk == 0) {
      // States live in chunks: a new one never moves the old.
      state_chunks_.push_back(std::make_unique<AggState[]>(kGroupsPerChunk * naggs));
      if (!Charge(ctx, static_cast<int64_t>(kGroupsPerChunk * naggs * sizeof(AggState)))) {
        return false;
      }
    }
    Group g{entities};
    int64_t bytes = sizeof(Group);
    if (row != nullptr) {
      if (buffer_.size() >= kNoRow) {
        ctx.Fail(ErrorKind::kArgumentError, "too many groups in an aggregation");
        return false;
      }
      g.row = static_cast<uint32_t>(buffer_.size());
      buffer_.push_back(*row);
      bytes += meter_.Bytes(*row);
    }
    groups_.push_back(g);
    return Charge(ctx, bytes);
  }

  AggState* StatesOf(size_t group) {
    const size_t naggs = op_.projection->aggregates.size();
    return &state_chunks_[group / kGroupsPerChunk][(group % kGroupsPerChunk) * naggs];
  }

  static Value EntityValue(uint64_t e) {
    switch (e & 3) {
      case 1: return Value::Node(static_cast<NodeId>(e >> 2));
      case 2: return Value::Rel(static_cast<RelId>(e >> 2));
      default: return Value();
    }
  }

 private:
  // What the fused scan reads: the relationships of the scan's type, the
  // labels their ends are tested for, and per aggregate the column of its
  // property.
  struct FusedInput {
    const Graph* graph = nullptr;
    std::shared_ptr<const TypeTable> table;
    // The filters' labels (on the source?, label), the lowest filter's first.
    std::vector<std::pair<bool, LabelId>> labels;
    // Per aggregate: its column; null for count(*) or a key no
    // relationship has (every value null).
    std::vector<std::shared_ptr<const PropertyColumn>> columns;
    std::vector<KeyId> keys;
    // Per aggregate: count(x), or sum/avg (not DISTINCT: those go through
    // Accumulate).
    std::vector<bool> counts, sums;
    bool by_source = true;  // the grouping end is the source

    // The index of the first label relationship i's ends miss;
    // labels.size() when they have them all.
    size_t FirstMissing(size_t i) const {
      const NodeId source = table->sources[i];
      const NodeId target = table->targets[i];
      size_t passed = 0;
      while (passed < labels.size() &&
             graph->HasLabel(labels[passed].first ? source : target, labels[passed].second)) {
        ++passed;
      }
      return passed;
    }
    NodeId End(size_t i) const { return by_source ? table->sources[i] : table->targets[i]; }
  };

  // The fused input (LogicalOperator::fused_scan, FuseTypeAggregates): the
  // relationships of the scan's type, their ends tested for the filters'
  // labels, the group found by the grouping end's id, and each aggregated
  // property read from the type's column (or, for a column of mixed types,
  // from the relationship). Groups come in the order the scan would have
  // produced them: relationship id order.
  void FillFromColumns(EvalContext& ctx, Row& row) {
    const auto& aggs = op_.projection->aggregates;
    const Graph& g = ctx.graph();
    groups_.clear();
    state_chunks_.clear();
    dropped_.clear();
    group_keys_.clear();
    key_numbers_.clear();
    template_ = row;
    const query::LogicalOperator* scan = op_.children[0].get();
    while (scan->kind == query::LogicalKind::kFilter) scan = scan->children[0].get();
    std::vector<const query::LogicalOperator*> filters;
    for (const query::LogicalOperator* f = op_.children[0].get(); f != scan;
         f = f->children[0].get()) {
      filters.insert(filters.begin(), f);
    }
    FusedInput in;
    in.graph = &g;
    // level_ends[f]: one past filter f's last label.
    std::vector<size_t> level_ends;
    for (const query::LogicalOperator* f : filters) {
      for (const std::string& name : f->labels) {
        auto id = ctx.LabelIdOf(name);
        if (!id) return;  // no node has it: no rows
        in.labels.emplace_back(f->slot == scan->from_slot, *id);
      }
      level_ends.push_back(in.labels.size());
    }
    // Per label: the relationships whose first missing label it was.
    std::vector<int64_t> failed_at(in.labels.size(), 0);
    auto type = g.types().Find(scan->types[0]);
    if (!type) return;
    in.table = g.Relationships(*type);
    in.columns.resize(aggs.size());
    in.keys.assign(aggs.size(), 0);
    in.counts.resize(aggs.size());
    in.sums.resize(aggs.size());
    for (size_t j = 0; j < aggs.size(); ++j) {
      const AggregateKind kind = aggs[j].def->kind;
      in.counts[j] = !aggs[j].distinct && kind == AggregateKind::kCount;
      in.sums[j] = !aggs[j].distinct && (kind == AggregateKind::kSum || kind == AggregateKind::kAvg);
      if (aggs[j].arg == nullptr) continue;
      auto key = ctx.KeyIdOf(aggs[j].arg->name);
      if (!key) continue;
      in.keys[j] = *key;
      in.columns[j] = g.RelColumn(*type, *key);
    }
    in.by_source = entity_slots_[0] == scan->from_slot;
    // Phase 1: a group per grouping end, found by node id (1 + group; 0:
    // none yet), holding no row (the end is written back when emitted).
    std::vector<uint32_t> by_node;
    const size_t n = in.table->rels.size();
    bool scanned = false;
    if (const size_t parts = ScanParts(ctx, in); parts > 1) {
      switch (ScanInParts(ctx, parts, in, failed_at, by_node)) {
        case PartsResult::kDone:
          scanned = true;
          break;
        case PartsResult::kFailed:
          return;
        case PartsResult::kRedo:  // nothing of the parts is left
          break;
      }
    }
    if (!scanned && !ScanOnOneThread(ctx, in, failed_at, by_node)) return;
    CountInputRows(static_cast<int64_t>(n), failed_at, level_ends);
    if (keys_are_entities_) return KeepTop(ctx);
    // Phase 2: the keys (the end's properties) of each end's group; ends
    // with equal keys are one group, the first seen. The keys are found
    // visiting the ends in node id order, so their records and property
    // lists are read in the order the store holds them. A key is the graph's own value (the
    // graph does not change under a read-only statement), so grouping
    // copies nothing; the group keeps pointers to its key values, and
    // emits them into the key items' slots (the projection above reads
    // them there, LogicalOperator::keys_from_input). Finding and hashing
    // the keys runs in parts of the node range; merging equal keys, in
    // parts split by hash (below).
    std::vector<std::optional<KeyId>> key_ids;
    for (const query::BoundExpr* k : keys_) {
      key_ids.push_back(k->kind == query::BoundKind::kProperty ? ctx.KeyIdOf(k->name)
                                                               : std::nullopt);
    }
    static const Value kNull;
    const size_t nkeys = keys_.size();
    const bool end_is_key =
        std::any_of(keys_.begin(), keys_.end(), [](const query::BoundExpr* x) {
          return x->kind != query::BoundKind::kProperty;
        });
    group_keys_.assign(groups_.size() * nkeys, nullptr);
    std::vector<size_t> hashes(end_is_key ? 0 : groups_.size());
    if (!Charge(ctx, static_cast<int64_t>(group_keys_.size() * sizeof(const Value*) +
                                          hashes.size() * sizeof(size_t)))) {
      return;
    }
    const size_t parts = PartsFor(ctx, groups_.size(), kGroupsPerPart);
    std::atomic<bool> stopped = false;
    threads_ = std::max(threads_, static_cast<int>(parts));
    // The parts' node ranges hold equal numbers of groups (the grouping
    // ends are often one label's nodes, all in one part of the id range).
    std::vector<NodeId> bounds(parts + 1, static_cast<NodeId>(by_node.size()));
    bounds[0] = 0;
    for (size_t e = 0, seen = 0, next = 1; e < by_node.size() && next < parts; ++e) {
      if (by_node[e] != 0 && seen++ == groups_.size() * next / parts) {
        bounds[next++] = static_cast<NodeId>(e);
      }
    }
    std::vector<std::deque<Value>> numbers_of(parts);
    RunParts(parts, [&](size_t p) {
      const NodeId lo = bounds[p], hi = bounds[p + 1];
      std::deque<Value>& numbers = numbers_of[p];
      for (NodeId e = lo; e < hi; ++e) {
        if (((e - lo) & 0xFFFF) == 0 && ctx.StopRequested()) {
          stopped = true;
          return;
        }
        // The records come in order; their property blocks, out of cache,
        // are asked for ahead.
        if (e + kAhead < hi && by_node[e + kAhead] != 0) {
          __builtin_prefetch(g.node(e + kAhead).properties.data());
        }
        if (by_node[e] == 0) continue;
        const size_t k = by_node[e] - 1;
        const PropertyList& props = g.node(e).properties;
        size_t h = 0;
        for (size_t j = 0; j < nkeys; ++j) {
          const Value* v = nullptr;
          if (keys_[j]->kind != query::BoundKind::kProperty) {
            v = &kNull;  // the end itself: written back from the group's entity
          } else if (key_ids[j]) {
            // A string (or list...) is the graph's own; a number, which
            // the list holds unboxed, is kept in the part's deque.
            if (PropertyRef ref = props.Get(*key_ids[j]); ref.boxed()) {
              v = ref.get();
            } else if (ref) {
              v = &numbers.emplace_back(*ref);
            }
          }
          if (v == nullptr) v = &kNull;
          group_keys_[k * nkeys + j] = v;
          if (!end_is_key) h = h * 31 + HashValue(*v);
        }
        if (!end_is_key) hashes[k] = h;
      }
    });
    // The numbers stay where they are (a deque's move keeps its elements).
    for (std::deque<Value>& numbers : numbers_of) {
      if (numbers.empty()) continue;
      if (!Charge(ctx, static_cast<int64_t>(numbers.size() * sizeof(Value)))) return;
      key_numbers_.push_back(std::move(numbers));
    }
    if (stopped) {
      ctx.CancelledNow();
      return;
    }
    if (end_is_key) return KeepTop(ctx);  // no two ends share a group
    auto hash = [&hashes](size_t group) { return hashes[group]; };
    auto equal = [this, nkeys](size_t a, size_t b) {
      for (size_t j = 0; j < nkeys; ++j) {
        if (!Equivalent(*group_keys_[a * nkeys + j], *group_keys_[b * nkeys + j])) return false;
      }
      return true;
    };
    if (!Charge(ctx, static_cast<int64_t>(groups_.size() * 2 * sizeof(size_t)))) return;
    dropped_.assign(groups_.size(), false);
    // Groups by their key values, in the order the groups were found: the
    // first of equal keys keeps them and the later ones merge into it, in
    // that order. Equal keys hash alike, so the groups split by hash into
    // parts that share no key, each with a hash set of its own.
    std::atomic<bool> overflow = false;
    RunParts(parts, [&](size_t p) {
      absl::flat_hash_set<size_t, decltype(hash), decltype(equal)> index(
          groups_.size() / parts, hash, equal);
      for (size_t k = 0; k < groups_.size(); ++k) {
        if ((k & 0xFFFF) == 0 && ctx.StopRequested()) {
          stopped = true;
          return;
        }
        if (parts > 1 && (hashes[k] >> 32) % parts != p) continue;
        auto [it, inserted] = index.insert(k);
        if (inserted) continue;
        dropped_[k] = true;
        AggState* into = StatesOf(*it);
        AggState* from = StatesOf(k);
        for (size_t j = 0; j < aggs.size(); ++j) {
          if (!Merge(aggs[j], &from[j], &into[j])) {
            overflow = true;
            return;
          }
        }
      }
    });
    if (stopped) {
      ctx.CancelledNow();
      return;
    }
    if (overflow) {
      ctx.Fail(ErrorKind::kArgumentError, "integer overflow in sum()");
      return;
    }
    KeepTop(ctx);
  }

  // Phase 1 of FillFromColumns on this thread. False: an error is recorded.
  bool ScanOnOneThread(EvalContext& ctx, const FusedInput& in, std::vector<int64_t>& failed_at,
                       std::vector<uint32_t>& by_node) {
    const auto& aggs = op_.projection->aggregates;
    const TypeTable& table = *in.table;
    by_node.assign(in.graph->node_capacity(), 0);
    if (!Charge(ctx, static_cast<int64_t>(by_node.size() * sizeof(uint32_t)))) return false;
    EntityKey entities;
    const size_t n = table.rels.size();
    for (size_t i = 0; i < n; ++i) {
      if ((i & 0xFFF) == 0 && ctx.Cancelled()) return false;
      const size_t passed = in.FirstMissing(i);
      if (passed < in.labels.size()) {
        ++failed_at[passed];
        continue;
      }
      const NodeId e = in.End(i);
      uint32_t& dense = by_node[e];
      if (dense == 0) {
        if (groups_.size() >= UINT32_MAX - 1) {
          ctx.Fail(ErrorKind::kArgumentError, "too many groups in an aggregation");
          return false;
        }
        entities.fill(0);
        entities[0] = (uint64_t{e} << 2) | 1;
        if (!NewGroup(ctx, entities, nullptr)) return false;
        dense = static_cast<uint32_t>(groups_.size());
      }
      AggState* st = StatesOf(dense - 1);
      for (size_t j = 0; j < aggs.size(); ++j) {
        if (aggs[j].arg == nullptr) {
          ++st[j].count;
          continue;
        }
        const PropertyColumn* c = in.columns[j].get();
        if (c == nullptr) continue;
        if (!c->present.empty() && c->present[i] == 0) continue;
        AggState& a = st[j];
        switch (c->type) {
          case PropertyColumn::Type::kInt:
            // count(x), sum and avg add the number in place, as Accumulate
            // would (no Value built).
            if (in.counts[j]) {
              ++a.count;
            } else if (in.sums[j]) {
              ++a.count;
              if (a.is_float) {
                a.float_sum += static_cast<double>(c->ints[i]);
              } else if (__builtin_add_overflow(a.int_sum, c->ints[i], &a.int_sum)) {
                ctx.Fail(ErrorKind::kArgumentError, "integer overflow in sum()");
                return false;
              }
            } else {
              Accumulate(ctx, aggs[j], Value::Int(c->ints[i]), 1, &a);
            }
            break;
          case PropertyColumn::Type::kFloat:
            if (in.counts[j]) {
              ++a.count;
            } else if (in.sums[j]) {
              ++a.count;
              if (!a.is_float) a.float_sum = static_cast<double>(a.int_sum);
              a.is_float = true;
              a.float_sum += c->floats[i];
            } else {
              Accumulate(ctx, aggs[j], Value::Float(c->floats[i]), 1, &a);
            }
            break;
          case PropertyColumn::Type::kNone:
            if (PropertyRef v = in.graph->rel(table.rels[i]).properties.Get(in.keys[j])) {
              Accumulate(ctx, aggs[j], *v, 1, &st[j]);
            }
            break;
        }
      }
      if (!ctx.ok()) return false;
    }
    return true;
  }

  // Relationships per part below which phase 1 runs on one thread: a part
  // must outlast starting its thread and merging its groups.
  static constexpr size_t kRelsPerPart = size_t{1} << 16;
  // How far ahead the parallel scan prefetches (relationships).
  static constexpr size_t kAhead = 16;

  // The parts phase 1 may run in: 1 unless there are enough relationships
  // and every aggregate is count(*), or count(x), sum(x) or avg(x) over a
  // column of integers or floats (ScanInParts checks that the floats are
  // whole numbers, whose sums are exact in any order).
  size_t ScanParts(EvalContext& ctx, const FusedInput& in) const {
    const size_t parts = PartsFor(ctx, in.table->rels.size(), kRelsPerPart);
    if (parts == 1) return 1;
    const auto& aggs = op_.projection->aggregates;
    for (size_t j = 0; j < aggs.size(); ++j) {
      if (aggs[j].arg == nullptr || in.columns[j] == nullptr) continue;
      if (!(in.counts[j] || in.sums[j]) || in.columns[j]->type == PropertyColumn::Type::kNone) {
        return 1;
      }
    }
    return parts;
  }
  static constexpr size_t kMaxParts = 16;
  // The parts `items` split into: one per thread the statement may use, each
  // at least `per_part` items, at most kMaxParts; at least 1.
  static size_t PartsFor(EvalContext& ctx, size_t items, size_t per_part) {
    return std::max<size_t>(
        1, std::min<size_t>({static_cast<size_t>(ctx.threads()), items / per_part, kMaxParts}));
  }
  // 2^53: up to it every whole number is a double, and a sum of two whole
  // doubles is exact.
  static constexpr double kExactFloat = 9007199254740992.0;
  // Groups per part below which phase 2 finds their keys on one thread.
  static constexpr size_t kGroupsPerPart = size_t{1} << 14;

  enum class PartsResult {
    kDone,
    kFailed,  // an error is recorded
    kRedo,    // a sum met a number it cannot add exactly in any order
  };

  // Phase 1 of FillFromColumns in `parts` slices of the relationships, one
  // thread each (ScanParts says when). Each part groups its slice by node
  // on its own; the parts' groups are then merged in part order, so the
  // groups come in the order one thread finds them and hold the same
  // totals. The parts add integers, which gives the same sum in any order;
  // whether it overflows on the way does not, unless the numbers are all
  // >= 0. Floats are added as integers too when they are whole numbers
  // from 0 to 2^53 and so are their sums: then every float addition one
  // thread would make is exact, and its sum is the integer one. A part
  // that meets a number outside these (a negative one, a fraction, an
  // overflow) makes the whole scan run again on one thread, which decides.
  PartsResult ScanInParts(EvalContext& ctx, size_t parts, const FusedInput& in,
                          std::vector<int64_t>& failed_at, std::vector<uint32_t>& by_node) {
    const auto& aggs = op_.projection->aggregates;
    const size_t naggs = aggs.size();
    const size_t n = in.table->rels.size();
    // A cache line each: a part's thread writes only its own (sharing one
    // with the next part's fields cost a third of the scan).
    struct alignas(64) Part {
      std::vector<uint32_t> by_node;  // 1 + the part's group of a node; 0: none
      std::vector<NodeId> ends;       // per group: its end
      std::vector<int64_t> totals;    // per group and aggregate: count, sum
      std::vector<int64_t> failed_at;
      bool redo = false;
      bool stopped = false;
    };
    // Per aggregate, what the parts read: the column's arrays, hoisted out
    // of the loop.
    struct Read {
      enum Kind { kRow, kCount, kSumInt, kSumFloat, kNothing } kind = kRow;
      const uint8_t* present = nullptr;  // null: every relationship has the key
      const int64_t* ints = nullptr;
      const double* floats = nullptr;
    };
    std::vector<Read> reads(naggs);
    for (size_t j = 0; j < naggs; ++j) {
      const PropertyColumn* c = in.columns[j].get();
      Read& r = reads[j];
      if (aggs[j].arg == nullptr) continue;  // count(*): kRow
      if (c == nullptr) {
        r.kind = Read::kNothing;
        continue;
      }
      const bool ints = c->type == PropertyColumn::Type::kInt;
      r.kind = !in.sums[j] ? Read::kCount : ints ? Read::kSumInt : Read::kSumFloat;
      r.present = c->present.empty() ? nullptr : c->present.data();
      r.ints = c->ints.data();
      r.floats = c->floats.data();
    }
    std::vector<Part> part(parts);
    threads_ = std::max(threads_, static_cast<int>(parts));
    const int64_t by_node_bytes =
        static_cast<int64_t>(in.graph->node_capacity() * sizeof(uint32_t));
    if (!Charge(ctx, static_cast<int64_t>(parts) * by_node_bytes)) return PartsResult::kFailed;
    RunParts(parts, [&](size_t p) {
      Part& me = part[p];
      // The loop works on locals (no store to `me` per relationship, no
      // reload of its vectors' pointers) and hands them over at the end.
      std::vector<uint32_t> by_node_of(in.graph->node_capacity(), 0);
      std::vector<int64_t> failed(failed_at.size(), 0);
      std::vector<NodeId> ends;
      std::vector<int64_t> totals;
      uint32_t* const by = by_node_of.data();
      bool redo = false, stopped = false;
      const size_t lo = n * p / parts, hi = n * (p + 1) / parts;
      for (size_t i = lo; i < hi && !redo; ++i) {
        if (((i - lo) & 0xFFFF) == 0 && ctx.StopRequested()) {
          stopped = true;
          break;
        }
        // Ends in random order (most types but the first file's) miss the
        // cache on by_node and on their group's totals: ask for both ahead,
        // by_node kAhead relationships on, the totals half way.
        if (i + kAhead < hi) __builtin_prefetch(&by[in.End(i + kAhead)], 1);
        if (i + kAhead / 2 < hi) {
          if (const uint32_t d = by[in.End(i + kAhead / 2)]; d != 0 && d <= ends.size()) {
            __builtin_prefetch(&totals[(d - 1) * 2 * naggs], 1);
          }
        }
        const size_t passed = in.FirstMissing(i);
        if (passed < in.labels.size()) {
          ++failed[passed];
          continue;
        }
        const NodeId e = in.End(i);
        uint32_t dense = by[e];
        if (dense == 0) {
          ends.push_back(e);
          totals.resize(totals.size() + 2 * naggs, 0);
          dense = static_cast<uint32_t>(ends.size());
          by[e] = dense;
        }
        int64_t* t = &totals[(dense - 1) * 2 * naggs];
        for (const Read& r : reads) {
          if (r.kind != Read::kNothing && (r.present == nullptr || r.present[i] != 0)) {
            ++t[0];
            if (r.kind == Read::kSumInt) {
              const int64_t v = r.ints[i];
              if (v < 0 || __builtin_add_overflow(t[1], v, &t[1])) redo = true;
            } else if (r.kind == Read::kSumFloat) {
              const double v = r.floats[i];
              // A whole number in [0, 2^53] (NaN fails the first test);
              // there the round trip through int64_t is exact.
              if (v >= 0 && v <= kExactFloat && static_cast<double>(static_cast<int64_t>(v)) == v) {
                t[1] += static_cast<int64_t>(v);
                redo = redo || t[1] > static_cast<int64_t>(kExactFloat);
              } else {
                redo = true;
              }
            }
          }
          t += 2;
        }
      }
      me.by_node = std::move(by_node_of);
      me.failed_at = std::move(failed);
      me.ends = std::move(ends);
      me.totals = std::move(totals);
      me.redo = redo;
      me.stopped = stopped;
    });
    bool redo = false;
    for (const Part& p : part) {
      if (p.stopped) {
        ctx.CancelledNow();
        return PartsResult::kFailed;
      }
      redo = redo || p.redo;
    }
    // What the parts hold besides their by_node, charged once they are done.
    int64_t part_bytes = 0;
    for (const Part& p : part) {
      part_bytes += static_cast<int64_t>(p.ends.capacity() * sizeof(NodeId) +
                                         p.totals.capacity() * sizeof(int64_t));
    }
    if (!Charge(ctx, part_bytes)) return PartsResult::kFailed;
    // The parts' memory, when they are dropped (part 0's by_node becomes
    // the operator's).
    auto release = [&](size_t kept) {
      ctx.Release(static_cast<int64_t>(parts - kept) * by_node_bytes + part_bytes);
    };
    if (redo) {
      release(0);
      return PartsResult::kRedo;
    }
    // Part 0's groups are the first ones, with the same numbers.
    by_node = std::move(part[0].by_node);
    const int64_t merge_start = ctx.memory_used();
    auto undo_merge = [&] {
      groups_.clear();
      state_chunks_.clear();
      ctx.Release(ctx.memory_used() - merge_start);
      std::fill(failed_at.begin(), failed_at.end(), 0);
      by_node.clear();
      release(0);
    };
    EntityKey entities;
    size_t most_groups = 0;  // if no two parts share an end
    for (const Part& p : part) most_groups += p.ends.size();
    groups_.reserve(std::min<size_t>(most_groups, UINT32_MAX));
    for (size_t p = 0; p < parts; ++p) {
      if (ctx.Cancelled()) return PartsResult::kFailed;
      Part& me = part[p];
      for (size_t l = 0; l < failed_at.size(); ++l) failed_at[l] += me.failed_at[l];
      for (size_t k = 0; k < me.ends.size(); ++k) {
        const NodeId e = me.ends[k];
        uint32_t& dense = by_node[e];
        if (p == 0 || dense == 0) {
          if (groups_.size() >= UINT32_MAX - 1) {
            ctx.Fail(ErrorKind::kArgumentError, "too many groups in an aggregation");
            return PartsResult::kFailed;
          }
          entities.fill(0);
          entities[0] = (uint64_t{e} << 2) | 1;
          if (!NewGroup(ctx, entities, nullptr)) return PartsResult::kFailed;
          dense = static_cast<uint32_t>(groups_.size());
        }
        AggState* st = StatesOf(dense - 1);
        const int64_t* t = &me.totals[k * 2 * naggs];
        for (size_t j = 0; j < naggs; ++j, t += 2) {
          AggState& a = st[j];
          a.count += t[0];
          const PropertyColumn* c = in.columns[j].get();
          bool exact = true;
          if (c == nullptr || c->type == PropertyColumn::Type::kInt) {
            exact = !__builtin_add_overflow(a.int_sum, t[1], &a.int_sum);
          } else if (in.sums[j] && t[0] > 0) {
            a.is_float = true;  // as one thread sets it on its first float
            a.float_sum += static_cast<double>(t[1]);
            exact = a.float_sum <= kExactFloat;
          }
          if (!exact) {
            undo_merge();
            return PartsResult::kRedo;
          }
        }
      }
      me = Part();  // its memory back before the next part's groups grow
    }
    release(1);
    return PartsResult::kDone;
  }

  // The rows the fused input would have produced, for PROFILE: the scan's
  // `scanned` relationships, less at each filter those first missing one
  // of its labels (failed_at and level_ends as in FillFromColumns).
  void CountInputRows(int64_t scanned, const std::vector<int64_t>& failed_at,
                      const std::vector<size_t>& level_ends) {
    std::vector<PhysicalOperator*> chain;  // the filters, top first, then the scan
    for (PhysicalOperator* p = children_[0].get(); p != nullptr;
         p = p->children().empty() ? nullptr : p->children()[0].get()) {
      chain.push_back(p);
    }
    if (chain.size() != level_ends.size() + 2) return;  // filters, scan, its SingleRow
    chain[chain.size() - 1]->CountRows(1);
    chain[chain.size() - 2]->CountRows(scanned);
    int64_t rows = scanned;
    size_t label = 0;
    for (size_t f = 0; f < level_ends.size(); ++f) {
      for (; label < level_ends[f]; ++label) rows -= failed_at[label];
      chain[level_ends.size() - 1 - f]->CountRows(rows);
    }
  }

  // Under a top-k sort (LogicalOperator::top_keys), drops every group that
  // cannot be among the sort's first skip + limit rows, so that no row is
  // built for it. The groups are visited in the order they would be
  // emitted and a later group loses a tie, as in the sort, so the sort
  // gets the rows it would have kept (and still orders them).
  void KeepTop(EvalContext& ctx) {
    const auto& top = op_.top_keys;
    if (top.empty()) return;
    const std::optional<size_t> k = TopCount(op_, ctx);
    if (!k || *k >= groups_.size()) return;
    const auto& aggs = op_.projection->aggregates;
    const size_t nkeys = keys_.size();
    // Per sort key that is a grouping key: its index in keys_.
    std::vector<size_t> key_index(top.size(), 0);
    for (size_t i = 0; i < top.size(); ++i) {
      if (top[i].aggregate) continue;
      const query::BoundExpr* e = op_.projection->items[top[i].index].expr.get();
      key_index[i] = static_cast<size_t>(std::find(keys_.begin(), keys_.end(), e) - keys_.begin());
      if (key_index[i] == nkeys || group_keys_.empty()) return;  // the sort sees every group
    }
    // < 0 when group a sorts first, 0 on a tie. `b_keys` (by sort key),
    // when given, holds b's aggregate sort keys finished already: most
    // groups are only compared with the heap's worst.
    auto compare = [&](size_t a, size_t b, const std::vector<Value>* b_keys = nullptr) {
      for (size_t i = 0; i < top.size(); ++i) {
        int c = 0;
        if (top[i].aggregate) {
          const query::BoundAggregate& agg = aggs[top[i].index];
          const Value finished_a = Finish(agg, &StatesOf(a)[top[i].index]);
          c = b_keys != nullptr ? OrderCompare(finished_a, (*b_keys)[i])
                                : OrderCompare(finished_a, Finish(agg, &StatesOf(b)[top[i].index]));
        } else {
          c = OrderCompare(*group_keys_[a * nkeys + key_index[i]],
                           *group_keys_[b * nkeys + key_index[i]]);
        }
        if (c != 0) return top[i].descending ? -c : c;
      }
      return 0;
    };
    auto before = [&](size_t a, size_t b) {
      const int c = compare(a, b);
      return c != 0 ? c < 0 : a < b;
    };
    // Each part keeps the k best of its range of groups, the worst on top;
    // `before` orders all groups (ties by position), so the k best of the
    // parts' are the k best of all.
    const size_t parts = PartsFor(ctx, groups_.size(), kGroupsPerPart);
    if (!Charge(ctx, static_cast<int64_t>(parts * *k * sizeof(size_t) + groups_.size()))) return;
    if (dropped_.empty()) dropped_.assign(groups_.size(), false);
    std::vector<std::vector<size_t>> heaps(parts);
    std::atomic<bool> stopped = false;
    threads_ = std::max(threads_, static_cast<int>(parts));
    RunParts(parts, [&](size_t p) {
      std::vector<size_t>& heap = heaps[p];
      heap.reserve(*k);
      std::vector<Value> worst(top.size());  // the heap's top, finished
      auto finish_worst = [&] {
        for (size_t i = 0; i < top.size(); ++i) {
          if (top[i].aggregate) {
            worst[i] = Finish(aggs[top[i].index], &StatesOf(heap.front())[top[i].index]);
          }
        }
      };
      const size_t lo = groups_.size() * p / parts, hi = groups_.size() * (p + 1) / parts;
      for (size_t g = lo; g < hi; ++g) {
        if (((g - lo) & 0xFFF) == 0 && ctx.StopRequested()) {
          stopped = true;
          return;
        }
        if (dropped_[g]) continue;
        if (heap.size() < *k) {
          heap.push_back(g);
          std::push_heap(heap.begin(), heap.end(), before);
          if (heap.size() == *k) finish_worst();
        } else if (*k > 0 && compare(g, heap.front(), &worst) < 0) {
          std::pop_heap(heap.begin(), heap.end(), before);
          heap.back() = g;
          std::push_heap(heap.begin(), heap.end(), before);
          finish_worst();
        }
      }
    });
    if (stopped) {
      ctx.CancelledNow();
      return;
    }
    std::vector<size_t> kept;
    for (const std::vector<size_t>& heap : heaps) kept.insert(kept.end(), heap.begin(), heap.end());
    if (kept.size() > *k) {
      std::nth_element(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(*k), kept.end(),
                       before);
      kept.resize(*k);
    }
    dropped_.assign(groups_.size(), true);
    for (size_t g : kept) dropped_[g] = false;
  }

  // Adds the state of rows `from` saw to `into` (count, sum, avg, min,
  // max). False when an integer sum overflows. Touches nothing but the two
  // states, so threads may merge different groups at once.
  static bool Merge(const query::BoundAggregate& a, AggState* from, AggState* into) {
    into->count += from->count;
    switch (a.def->kind) {
      case AggregateKind::kSum:
      case AggregateKind::kAvg:
        if (from->is_float || into->is_float) {
          double add = from->is_float ? from->float_sum : static_cast<double>(from->int_sum);
          if (!into->is_float) into->float_sum = static_cast<double>(into->int_sum);
          into->is_float = true;
          into->float_sum += add;
        } else if (__builtin_add_overflow(into->int_sum, from->int_sum, &into->int_sum)) {
          return false;
        }
        break;
      case AggregateKind::kMin:
      case AggregateKind::kMax:
        if (from->best == nullptr || from->best->is_null()) break;
        if (into->best == nullptr || into->best->is_null()) {
          into->best = std::move(from->best);
          break;
        }
        if (int c = OrderCompare(*from->best, *into->best);
            a.def->kind == AggregateKind::kMin ? c < 0 : c > 0) {
          into->best = std::move(from->best);
        }
        break;
      default: break;
    }
    return true;
  }

  // Adds `times` equal rows (in order, so float sums round as they would).
  void Update(EvalContext& ctx, const query::BoundAggregate& a, Row& row, int64_t times,
              AggState* s) {
    if (a.arg == nullptr) {  // count(*)
      s->count += times;
      return;
    }
    Value v = Evaluate(*a.arg, row, ctx);
    if (v.is_null()) return;
    Accumulate(ctx, a, std::move(v), times, s, &row);
  }

  // Adds `times` rows whose argument is `v`, not null. `row` (for the
  // percentile's second argument) may be null when the aggregate has none.
  void Accumulate(EvalContext& ctx, const query::BoundAggregate& a, Value v, int64_t times,
                  AggState* s, Row* row = nullptr) {
    if (a.distinct) {
      AggExtra& x = s->More();
      if (!x.seen.empty() && Equivalent(v, x.last_seen)) return;
      x.last_seen = v;
      if (!x.seen.insert(v).second) return;
      if (!Charge(ctx, meter_.Bytes(v) + 8)) return;
      times = 1;
    }
    s->count += times;
    switch (a.def->kind) {
      case AggregateKind::kCount: break;
      case AggregateKind::kSum:
      case AggregateKind::kAvg:
        if (!v.is_number()) {
          ctx.Fail(ErrorKind::kTypeError,
                   absl::StrCat(a.def->name, "() needs numbers, but got ", KindName(v.kind())));
          return;
        }
        if (v.kind() == Kind::kFloat || s->is_float) {
          if (!s->is_float) s->float_sum = static_cast<double>(s->int_sum);
          s->is_float = true;
          for (int64_t t = 0; t < times; ++t) s->float_sum += v.number_value();
        } else if (int64_t add; __builtin_mul_overflow(v.int_value(), times, &add) ||
                                __builtin_add_overflow(s->int_sum, add, &s->int_sum)) {
          ctx.Fail(ErrorKind::kArgumentError, "integer overflow in sum()");
        }
        break;
      case AggregateKind::kMin:
      case AggregateKind::kMax: {
        if (s->best == nullptr) {
          if (!Charge(ctx, sizeof(Value))) return;
          s->best = std::make_unique<Value>(std::move(v));
          break;
        }
        if (s->best->is_null()) {
          *s->best = std::move(v);
          break;
        }
        int c = OrderCompare(v, *s->best);
        if (a.def->kind == AggregateKind::kMin ? c < 0 : c > 0) *s->best = std::move(v);
        break;
      }
      case AggregateKind::kCollect:
        for (int64_t t = 0; t < times; ++t) {
          if (!Charge(ctx, meter_.Bytes(v))) return;
          s->More().items.push_back(v);
        }
        break;
      case AggregateKind::kPercentileCont:
      case AggregateKind::kPercentileDisc: {
        if (!v.is_number()) {
          ctx.Fail(ErrorKind::kTypeError,
                   absl::StrCat(a.def->name, "() needs numbers, but got ", KindName(v.kind())));
          return;
        }
        if (s->More().percentile < 0) {
          Value p = Evaluate(*a.arg2, *row, ctx);
          if (!p.is_number() || p.number_value() < 0 || p.number_value() > 1) {
            ctx.Fail(ErrorKind::kArgumentError,
                     absl::StrCat("NumberOutOfRange: the percentile of ", a.def->name,
                                  "() must be a number between 0.0 and 1.0"));
            return;
          }
          s->extra->percentile = p.number_value();
        }
        for (int64_t t = 0; t < times; ++t) {
          if (!Charge(ctx, meter_.Bytes(v))) return;
          s->More().items.push_back(v);
        }
        break;
      }
    }
  }

  // Neo4j's definitions: Disc picks an element, Cont interpolates.
  static Value Percentile(bool continuous, AggState* s) {
    if (s->extra == nullptr || s->extra->items.empty()) return Value();
    List& xs = s->extra->items;
    std::sort(xs.begin(), xs.end(), [](const Value& a, const Value& b) {
      return a.number_value() < b.number_value();
    });
    const double p = s->extra->percentile;
    const size_t n = xs.size();
    if (continuous) {
      double f = p * static_cast<double>(n - 1);
      size_t lo = static_cast<size_t>(f);
      size_t hi = static_cast<size_t>(std::ceil(f));
      if (lo == hi || lo == n - 1) return Value::Float(xs[lo].number_value());
      return Value::Float(xs[lo].number_value() * (static_cast<double>(hi) - f) +
                          xs[hi].number_value() * (f - static_cast<double>(lo)));
    }
    if (p == 1.0 || n == 1) return Value::Float(xs.back().number_value());
    double f = p * static_cast<double>(n);
    size_t idx = static_cast<size_t>(f);
    if (static_cast<double>(idx) == f && idx != 0) --idx;
    return Value::Float(xs[std::min(idx, n - 1)].number_value());
  }

  static Value Finish(const query::BoundAggregate& a, AggState* s) {
    switch (a.def->kind) {
      case AggregateKind::kCount: return Value::Int(s->count);
      case AggregateKind::kSum:
        return s->is_float ? Value::Float(s->float_sum) : Value::Int(s->int_sum);
      case AggregateKind::kAvg: {
        if (s->count == 0) return Value();
        double sum = s->is_float ? s->float_sum : static_cast<double>(s->int_sum);
        return Value::Float(sum / static_cast<double>(s->count));
      }
      case AggregateKind::kMin:
      case AggregateKind::kMax: return s->best == nullptr ? Value() : *s->best;
      case AggregateKind::kCollect:
        return Value::MakeList(s->extra == nullptr ? List() : std::move(s->extra->items));
      case AggregateKind::kPercentileCont: return Percentile(true, s);
      case AggregateKind::kPercentileDisc: return Percentile(false, s);
    }
    return Value();
  }

  // The grouping keys of a query that writes nothing, when each is an
  // entity variable or a property of one (`n`, `n.name`), are fixed by the
  // ids of those entities: rows with the same ids fall in the same group,
  // so after the first such row the group is found by hashing a few
  // integers instead of reading properties and hashing their values.
  void FindEntitySlots() {
    std::vector<query::Slot> slots;
    for (const query::BoundExpr* k : keys_) {
      const query::BoundExpr* base = k;
      if (base->kind == query::BoundKind::kProperty) base = base->children[0].get();
      if (base->kind != query::BoundKind::kSlot) return;  // keys need evaluating
      if (std::find(slots.begin(), slots.end(), base->slot) == slots.end()) {
        slots.push_back(base->slot);
      }
    }
    if (slots.empty() || slots.size() > kMaxEntitySlots) return;
    entity_slots_ = std::move(slots);
    keys_are_entities_ = keys_.size() == entity_slots_.size() &&
                         std::all_of(keys_.begin(), keys_.end(), [](const query::BoundExpr* k) {
                           return k->kind == query::BoundKind::kSlot;
                         });
  }

  // False when the row's key slots do not all hold nodes, relationships or
  // null (a map's `m.k`, a scalar): then its keys are evaluated.
  bool EntitiesOf(const Row& row, EntityKey* out) const {
    if (entity_slots_.empty()) return false;
    out->fill(0);
    for (size_t i = 0; i < entity_slots_.size(); ++i) {
      const Value& v = row[entity_slots_[i]];
      switch (v.kind()) {
        case Kind::kNull: (*out)[i] = 0; break;
        case Kind::kNode: (*out)[i] = (uint64_t{v.node_id()} << 2) | 1; break;
        case Kind::kRel: (*out)[i] = (uint64_t{v.rel_id()} << 2) | 2; break;
        default: return false;
      }
    }
    return true;
  }

  std::vector<const query::BoundExpr*> keys_;
  std::vector<query::Slot> key_slots_;  // the item slot of each key
  std::vector<query::Slot> entity_slots_;  // empty: evaluate every row's keys
  bool keys_are_entities_ = false;         // every key is a bare entity slot
  std::vector<Group> groups_;              // in the order first seen
  // FillFromColumns: groups merged into an earlier one with equal keys,
  // or out of the top k (KeepTop); skipped when emitting. Empty otherwise.
  // Bytes, not bits: threads set them at once.
  std::vector<uint8_t> dropped_;
  // FillFromColumns, keys not all entities: per group, its key values (in
  // the graph), keys_.size() at a time; empty otherwise.
  std::vector<const Value*> group_keys_;
  // The key values group_keys_ points at that the graph keeps unboxed
  // (numbers), per part of the keys pass.
  std::vector<std::deque<Value>> key_numbers_;
  std::vector<std::unique_ptr<AggState[]>> state_chunks_;
  Row template_;  // the row the aggregate was asked for, before its input
};

class DistinctOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    seen_.clear();
    ctx.Release(charged_);
    charged_ = 0;
    meter_.Reset();
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    while (input().Next(ctx, row)) {
      std::vector<Value> key;
      key.reserve(op_.projection->items.size());
      for (const auto& item : op_.projection->items) key.push_back(row[item.slot]);
      const int64_t bytes = meter_.Bytes(key) + 16;  // + the hash slot
      if (seen_.insert(std::move(key)).second) {
        charged_ += bytes;
        return ctx.Charge(bytes);
      }
    }
    return false;
  }

 private:
  MemoryMeter meter_;
  int64_t charged_ = 0;
  absl::flat_hash_set<std::vector<Value>, ValueVectorHash, ValueVectorEquivalent> seen_;
};

class SortOperator : public BufferedOperator {
 public:
  using BufferedOperator::BufferedOperator;

 protected:
  void Fill(EvalContext& ctx, Row& row) override {
    const auto& order = op_.projection->order_by;
    // Rows in input order with their keys; ties keep that order (seq).
    struct Keyed {
      std::vector<Value> key;
      size_t seq;
      Row row;
    };
    // The order of keys `a(i)` against keys `b`: < 0 when a comes first,
    // 0 on a tie.
    auto compare = [&](auto&& a, const std::vector<Value>& b) {
      for (size_t i = 0; i < order.size(); ++i) {
        int c = OrderCompare(a(i), b[i]);
        if (c != 0) return order[i].descending ? -c : c;
      }
      return 0;
    };
    auto before = [&](const Keyed& a, const Keyed& b) {
      int c = compare([&](size_t i) -> const Value& { return a.key[i]; }, b.key);
      return c != 0 ? c < 0 : a.seq < b.seq;
    };
    const std::optional<size_t> k = TopCount(op_, ctx);
    // Keys that are variables (ORDER BY a projected alias) are compared in
    // the row itself: a row the heap drops costs no copy of its keys.
    const bool slot_keys = std::all_of(order.begin(), order.end(), [](const auto& s) {
      return s.expr->kind == query::BoundKind::kSlot;
    });
    std::vector<Keyed> keyed;
    std::vector<Value> key;
    size_t seq = 0;
    while (input().Next(ctx, row)) {
      key.clear();
      if (!slot_keys) {
        for (const auto& s : order) key.push_back(Evaluate(*s.expr, row, ctx));
      }
      const size_t this_seq = seq++;
      const bool full = k && keyed.size() >= *k;
      if (full) {
        // A heap of the k best so far, the worst on top: a row that does
        // not come strictly before it (a later row loses ties) is dropped
        // without being copied.
        if (*k == 0) continue;
        auto key_of = [&](size_t i) -> const Value& {
          return slot_keys ? row[order[i].expr->slot] : key[i];
        };
        if (compare(key_of, keyed.front().key) >= 0) continue;
      }
      if (slot_keys) {
        for (const auto& s : order) key.push_back(row[s.expr->slot]);
      }
      if (full) {
        std::pop_heap(keyed.begin(), keyed.end(), before);
        keyed.back() = Keyed{key, this_seq, row};
        std::push_heap(keyed.begin(), keyed.end(), before);
        continue;
      }
      if (!Charge(ctx, meter_.Bytes(key) + meter_.Bytes(row))) return;
      keyed.push_back(Keyed{key, this_seq, row});
      if (k) std::push_heap(keyed.begin(), keyed.end(), before);
    }
    if (!ctx.ok()) return;
    if (k) {
      std::sort_heap(keyed.begin(), keyed.end(), before);
    } else {
      std::sort(keyed.begin(), keyed.end(), before);
    }
    buffer_.reserve(keyed.size());
    for (auto& e : keyed) buffer_.push_back(std::move(e.row));
  }
};

// SKIP and LIMIT: the count is a constant expression evaluated at Open.
class SkipLimitOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    Row none;
    Value v = Evaluate(*op_.expr, none, ctx);
    const char* what = op_.kind == LogicalKind::kSkip ? "SKIP" : "LIMIT";
    // Counts from parameters are checked here; openCypher classifies a bad
    // one as a SyntaxError even at run time.
    count_ = 0;
    if (v.kind() != Kind::kInt) {
      ctx.Fail(ErrorKind::kSyntaxError, absl::StrCat("InvalidArgumentType: ", what,
                                                     " expects an integer, got ",
                                                     KindName(v.kind())));
    } else if (v.int_value() < 0) {
      ctx.Fail(ErrorKind::kSyntaxError, absl::StrCat("NegativeIntegerArgument: ", what,
                                                     " must not be negative, got ",
                                                     v.int_value()));
    } else {
      count_ = v.int_value();
    }
    seen_ = 0;
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    if (op_.kind == LogicalKind::kLimit) {
      if (seen_ >= count_) {
        if (op_.drain_input) {
          Row rest = row;
          while (input().Next(ctx, rest)) {
          }
        }
        return false;
      }
      ++seen_;
      return input().Next(ctx, row);
    }
    while (seen_ < count_) {
      if (!input().Next(ctx, row)) return false;
      ++seen_;
    }
    return input().Next(ctx, row);
  }

 private:
  int64_t count_ = 0;
  int64_t seen_ = 0;
};

class UnwindOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    list_ = Value();
    pos_ = 0;
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    for (;;) {
      if (list_.kind() == Kind::kList && pos_ < list_.list_value().size()) {
        row[op_.slot] = list_.list_value()[pos_++];
        return true;
      }
      if (!input().Next(ctx, row)) return false;
      Value v = Evaluate(*op_.expr, row, ctx);
      pos_ = 0;
      if (v.kind() == Kind::kList) {
        list_ = std::move(v);
      } else {
        list_ = Value();
        if (!v.is_null()) {
          row[op_.slot] = std::move(v);
          return true;
        }
      }
    }
  }

 private:
  Value list_;
  size_t pos_ = 0;
};

// OPTIONAL MATCH: runs children[1] for each input row; if it finds nothing,
// passes the row on with the optional slots null.
class OptionalOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  void Open(EvalContext& ctx) override {
    input().Open(ctx);
    in_inner_ = false;
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    PhysicalOperator& inner = *children_[1];
    for (;;) {
      if (!in_inner_) {
        if (!input().Next(ctx, row)) return false;
        inner.Open(ctx);
        in_inner_ = true;
        produced_ = false;
      }
      if (inner.Next(ctx, row)) {
        produced_ = true;
        return true;
      }
      if (!ctx.ok()) return false;
      in_inner_ = false;
      if (!produced_) {
        for (query::Slot s : op_.slots) row[s] = Value();
        return true;
      }
    }
  }

 private:
  bool in_inner_ = false;
  bool produced_ = false;
};

}  // namespace

PhysicalOperatorPtr MakeRelationalOperator(const query::LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kProject: return std::make_unique<ProjectOperator>(op);
    case LogicalKind::kAggregate: return std::make_unique<AggregateOperator>(op);
    case LogicalKind::kDistinct: return std::make_unique<DistinctOperator>(op);
    case LogicalKind::kSort: return std::make_unique<SortOperator>(op);
    case LogicalKind::kSkip:
    case LogicalKind::kLimit: return std::make_unique<SkipLimitOperator>(op);
    case LogicalKind::kUnwind: return std::make_unique<UnwindOperator>(op);
    case LogicalKind::kOptional: return std::make_unique<OptionalOperator>(op);
    default: return nullptr;
  }
}

}  // namespace cornerstone::engine
