// Copyright (c) Cornerstone authors.
// kg.explain(from, to, config): the k shortest simple paths connecting two
// nodes, relationships followed in either direction, each reported with its
// real direction and source, plus a readable sentence chain.
//
// Search: a breadth-first pass from `to` gives every node's hop distance to
// it (up to maxHops); then, for each length L from the shortest upwards, a
// depth-first enumeration from `from` of the simple paths of exactly L hops,
// entering only nodes whose distance to `to` fits in the hops left. Every
// branch it takes can still reach `to` in time, so the work is proportional
// to the paths found, not to the paths of the neighbourhood.
// Ranking: fewer hops first; then fewer relationships walked against their
// direction; then the relationship ids along the path (deterministic).
#include <algorithm>
#include <deque>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/exec/context.h"
#include "engine/exec/kg_internal.h"

namespace cornerstone::engine::kg {
namespace {

constexpr int64_t kDefaultMaxHops = 4;
constexpr int64_t kMaxMaxHops = 8;
constexpr int64_t kDefaultK = 10;
constexpr int64_t kMaxK = 1000;
// Paths of one length collected before ranking them; beyond this the
// enumeration stops (the search reports what it has).
constexpr size_t kMaxCandidates = 100000;

struct Config {
  int64_t max_hops = kDefaultMaxHops;
  int64_t k = kDefaultK;
  std::vector<TypeId> types;  // empty: all
  bool unknown_type = false;  // a listed type the graph has never seen
};

absl::Status ParseConfig(const Value& v, const Graph& g, Config* c) {
  if (v.is_null()) return absl::OkStatus();
  for (const auto& [key, value] : v.map_value()) {
    if (key == "maxHops" || key == "k") {
      if (value.kind() != Kind::kInt) {
        return absl::InvalidArgumentError(
            absl::StrCat("config `", key, "` must be an INTEGER, got ", KindName(value.kind())));
      }
      int64_t n = value.int_value();
      int64_t limit = key == "k" ? kMaxK : kMaxMaxHops;
      if (n < 1 || n > limit) {
        return absl::InvalidArgumentError(
            absl::StrCat("config `", key, "` must be between 1 and ", limit, ", got ", n));
      }
      (key == "k" ? c->k : c->max_hops) = n;
    } else if (key == "relTypes") {
      if (value.kind() != Kind::kList) {
        return absl::InvalidArgumentError("config `relTypes` must be a list of strings");
      }
      for (const Value& t : value.list_value()) {
        if (t.kind() != Kind::kString) {
          return absl::InvalidArgumentError("config `relTypes` must be a list of strings");
        }
        if (std::optional<TypeId> id = g.types().Find(t.string_value())) {
          c->types.push_back(*id);
        } else {
          c->unknown_type = true;
        }
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown config key `", key, "` (expected maxHops, k or relTypes)"));
    }
  }
  return absl::OkStatus();
}

struct Step {
  RelId rel;
  NodeId next;
  bool forward;  // the relationship points from the previous node to `next`
};

class Search {
 public:
  Search(const Graph& g, const Config& c, EvalContext& ctx) : g_(g), c_(c), ctx_(ctx) {}

  // Calls f(step) for each relationship of `node` the config allows,
  // self-loops excluded (a simple path never uses them).
  template <typename F>
  void ForEachStep(NodeId node, F f) const {
    auto allowed = [&](TypeId t) {
      if (c_.types.empty()) return true;
      return std::find(c_.types.begin(), c_.types.end(), t) != c_.types.end();
    };
    for (const Adjacency& a : g_.Out(node)) {
      if (a.other != node && allowed(a.type)) f(Step{a.rel, a.other, true});
    }
    for (const Adjacency& a : g_.In(node)) {
      if (a.other != node && allowed(a.type)) f(Step{a.rel, a.other, false});
    }
  }

  // Hop distances to `to`, up to max_hops.
  void Distances(NodeId to) {
    dist_[to] = 0;
    std::deque<NodeId> queue{to};
    while (!queue.empty()) {
      NodeId n = queue.front();
      queue.pop_front();
      int d = dist_[n];
      if (d >= c_.max_hops) continue;
      if (ctx_.Cancelled()) return;
      ForEachStep(n, [&](const Step& s) {
        if (dist_.emplace(s.next, d + 1).second) queue.push_back(s.next);
      });
    }
  }

  // Paths from `from` of exactly `length` hops ending at `to`.
  void Enumerate(NodeId from, NodeId to, int length, std::vector<std::vector<Step>>* out) {
    on_path_.clear();
    on_path_.insert(from);
    path_.clear();
    Dfs(from, to, length, out);
  }

  int Distance(NodeId n) const {
    auto it = dist_.find(n);
    return it == dist_.end() ? -1 : it->second;
  }

 private:
  void Dfs(NodeId node, NodeId to, int left, std::vector<std::vector<Step>>* out) {
    if (left == 0) {
      if (node == to) out->push_back(path_);
      return;
    }
    if (out->size() >= kMaxCandidates || ctx_.Cancelled()) return;
    ForEachStep(node, [&](const Step& s) {
      if (on_path_.contains(s.next)) return;
      int d = Distance(s.next);
      if (d < 0 || d > left - 1) return;
      if (s.next == to && left != 1) return;
      path_.push_back(s);
      on_path_.insert(s.next);
      Dfs(s.next, to, left - 1, out);
      on_path_.erase(s.next);
      path_.pop_back();
    });
  }

  const Graph& g_;
  const Config& c_;
  EvalContext& ctx_;
  absl::flat_hash_map<NodeId, int> dist_;
  absl::flat_hash_set<NodeId> on_path_;
  std::vector<Step> path_;
};

// 500000000 -> "500,000,000".
std::string Grouped(int64_t n) {
  uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  std::string digits = absl::StrCat(magnitude);
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string NumberText(const Value& v) {
  return v.kind() == Kind::kInt ? Grouped(v.int_value()) : FormatFloat(v.float_value());
}

// The facts a sentence chain shows about a hop: money and stake size.
std::string Details(const Graph& g, RelId rel) {
  std::string out;
  for (const char* key : {"amount_usd", "price_usd"}) {
    PropertyRef v = RelProperty(g, rel, key);
    if (v != nullptr && v->is_number()) {
      absl::StrAppend(&out, ", $", NumberText(*v));
      break;
    }
  }
  if (PropertyRef p = RelProperty(g, rel, "percent"); p != nullptr && p->is_number()) {
    absl::StrAppend(&out, ", ", NumberText(*p), "%");
  }
  return out;
}

// "Masayoshi Son FOUNDED SoftBank Group (Business Insider) -> MANAGES ...":
// a hop walked along its relationship is "-> TYPE next", one walked against
// it "<- TYPE next" (next TYPE the previous node); the first hop has no
// arrow when it is walked along.
std::string Sentence(const Graph& g, NodeId from, const std::vector<Step>& steps) {
  std::string out = DisplayName(g, from);
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    const char* arrow = s.forward ? (i == 0 ? " " : " -> ") : " <- ";
    absl::StrAppend(&out, arrow, g.types().Name(g.rel(s.rel).type), " ",
                    DisplayName(g, s.next), Details(g, s.rel));
    std::string source = SourceOf(g, s.rel);
    if (!source.empty()) absl::StrAppend(&out, " (", source, ")");
  }
  return out;
}

Value StepMap(const Graph& g, NodeId prev, const Step& s) {
  Map props;
  for (const auto& [key, value] : g.rel(s.rel).properties.entries()) {
    props.emplace_back(g.keys().Name(key), value);
  }
  std::string source = SourceOf(g, s.rel);
  return Value::MakeMap({
      {"type", Value::String(g.types().Name(g.rel(s.rel).type))},
      {"direction", Value::String(s.forward ? "->" : "<-")},
      {"from", Value::String(DisplayName(g, prev))},
      {"to", Value::String(DisplayName(g, s.next))},
      {"source", source.empty() ? Value() : Value::String(source)},
      {"properties", Value::MakeMap(std::move(props))},
  });
}

absl::Status CheckNode(const Graph& g, const Value& v, const char* what) {
  if (v.is_null()) {
    return absl::InvalidArgumentError(absl::StrCat("`", what, "` is null (no such node?)"));
  }
  if (!g.NodeAlive(v.node_id())) {
    return absl::InvalidArgumentError(absl::StrCat("`", what, "` is a deleted node"));
  }
  return absl::OkStatus();
}

absl::Status RunExplain(std::span<const Value> args, EvalContext& ctx,
                        std::vector<std::vector<Value>>* rows) {
  const Graph& g = ctx.graph();
  if (absl::Status s = CheckNode(g, args[0], "from"); !s.ok()) return s;
  if (absl::Status s = CheckNode(g, args[1], "to"); !s.ok()) return s;
  Config config;
  if (absl::Status s = ParseConfig(args[2], g, &config); !s.ok()) return s;
  const NodeId from = args[0].node_id(), to = args[1].node_id();
  if (from == to || (config.unknown_type && config.types.empty())) return absl::OkStatus();

  Search search(g, config, ctx);
  search.Distances(to);
  if (!ctx.ok()) return ctx.status();  // cancelled
  const int shortest = search.Distance(from);
  if (shortest < 0) return absl::OkStatus();
  std::vector<std::vector<Step>> ranked;
  for (int length = shortest; length <= config.max_hops; ++length) {
    if (static_cast<int64_t>(ranked.size()) >= config.k) break;
    std::vector<std::vector<Step>> found;
    search.Enumerate(from, to, length, &found);
    if (!ctx.ok()) return ctx.status();
    auto backward = [](const std::vector<Step>& p) {
      return std::count_if(p.begin(), p.end(), [](const Step& s) { return !s.forward; });
    };
    std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
      auto ba = backward(a), bb = backward(b);
      if (ba != bb) return ba < bb;
      return std::lexicographical_compare(
          a.begin(), a.end(), b.begin(), b.end(),
          [](const Step& x, const Step& y) { return x.rel < y.rel; });
    });
    for (auto& p : found) {
      if (static_cast<int64_t>(ranked.size()) >= config.k) break;
      ranked.push_back(std::move(p));
    }
  }
  for (const std::vector<Step>& steps : ranked) {
    PathData path;
    path.nodes.push_back(from);
    List step_maps;
    std::vector<RelId> rels;
    NodeId prev = from;
    for (const Step& s : steps) {
      path.nodes.push_back(s.next);
      path.rels.push_back(s.rel);
      rels.push_back(s.rel);
      step_maps.push_back(StepMap(g, prev, s));
      prev = s.next;
    }
    List sources;
    for (std::string& s : DistinctSources(g, rels)) sources.push_back(Value::String(std::move(s)));
    rows->push_back({Value::Path(std::move(path)), Value::Int(static_cast<int64_t>(steps.size())),
                     Value::MakeList(std::move(sources)), Value::String(Sentence(g, from, steps)),
                     Value::MakeList(std::move(step_maps))});
  }
  return absl::OkStatus();
}

}  // namespace

ProcedureDef ExplainProcedure() {
  ProcedureDef def;
  def.name = "kg.explain";
  def.inputs = {{"from", "NODE"}, {"to", "NODE"}, {"config", "MAP"}};
  def.outputs = {{"path", "PATH"},
                 {"hops", "INTEGER"},
                 {"sources", "LIST OF STRING"},
                 {"text", "STRING"},
                 {"steps", "LIST OF MAP"}};
  def.run = RunExplain;
  return def;
}

}  // namespace cornerstone::engine::kg
