// Copyright (c) Cornerstone authors.
// `cornerstone diff`: loads both snapshots read-only through the public API,
// reads every node and relationship with a query, matches them by id (ids
// are stable: a snapshot keeps deleted ids as tombstones) and prints what
// was added, removed and changed.
#include "diff.h"

#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cornerstone/cornerstone.h"

namespace cornerstone::shell {
namespace {

constexpr std::string_view kUsage =
    "Usage: cornerstone diff [OPTIONS] OLD.snap NEW.snap\n"
    "\n"
    "Lists what changed from the snapshot OLD to the snapshot NEW: nodes and\n"
    "relationships added (+), removed (-) and changed (~), matched by id.\n"
    "For a changed entity it lists labels added and removed, and properties\n"
    "added, removed and changed (old -> new). A summary line with the counts\n"
    "comes last. Both files are opened read-only and never written.\n"
    "\n"
    "Options:\n"
    "  -q, --quiet   print only the summary line\n"
    "  -h, --help    show this help and exit\n"
    "\n"
    "Exit status (as diff(1)): 0 when the snapshots are identical, 1 when they\n"
    "differ, 2 on an error (a missing, unreadable or corrupt file).\n";

struct GraphContents {
  std::map<int64_t, Node> nodes;
  std::map<int64_t, Relationship> rels;
};

// Opens `path` read-only and reads all of it. Open() would create a missing
// file, so existence is checked first.
absl::Status Load(const std::string& path, GraphContents* out) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return absl::NotFoundError("No such file");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return absl::InvalidArgumentError("Is a directory");
  }
  DatabaseOptions options;
  options.read_only = true;
  auto db = Database::Open(path, options);
  if (!db.ok()) return db.status();
  Connection conn(**db);
  auto nodes = conn.Query("MATCH (n) RETURN n");
  if (!nodes.ok()) return nodes.status();
  while (nodes->Next()) {
    auto n = nodes->GetNode(0);
    if (!n.ok()) return n.status();
    out->nodes.emplace(n->id, *std::move(n));
  }
  auto rels = conn.Query("MATCH ()-[r]->() RETURN r");
  if (!rels.ok()) return rels.status();
  while (rels->Next()) {
    auto r = rels->GetRelationship(0);
    if (!r.ok()) return r.status();
    out->rels.emplace(r->id, *std::move(r));
  }
  return absl::OkStatus();
}

std::string Show(const Value& v) { return v.ToString(); }

// "#12 'SoftBank Group'" (the name when the node has a string name).
std::string NodeRef(const GraphContents& g, int64_t id) {
  std::string s = "#" + std::to_string(id);
  auto it = g.nodes.find(id);
  if (it == g.nodes.end()) return s;
  auto name = it->second.properties.find("name");
  if (name != it->second.properties.end() && name->second.type() == ValueType::kString) {
    s += " " + Show(name->second);
  }
  return s;
}

std::string ShowNode(const Node& n) {
  std::string s = "#" + std::to_string(n.id) + " ";
  return s + Show(Value(n));
}

// With its properties (`full`), or only its type, for a changed one whose
// property changes follow.
std::string ShowRel(const GraphContents& g, const Relationship& r, bool full = true) {
  std::string rel = full ? Show(Value(r)) : "[:" + r.type + "]";  // [:TYPE {k: v}]
  return "#" + std::to_string(r.id) + " (" + NodeRef(g, r.start_id) + ")-" + rel + "->(" +
         NodeRef(g, r.end_id) + ")";
}

// "#5 'OpenAI' :Company" for a changed node (its changes follow).
std::string ShowChangedNode(const GraphContents& g, const Node& n) {
  std::string s = NodeRef(g, n.id);
  if (!n.labels.empty()) s += " ";
  for (const std::string& l : n.labels) s += ":" + l;
  return s;
}

// Property changes, one line each, indented; empty when equal.
std::vector<std::string> PropertyChanges(const ValueMap& before, const ValueMap& after) {
  std::vector<std::string> lines;
  std::set<std::string> keys;
  for (const auto& [k, v] : before) keys.insert(k);
  for (const auto& [k, v] : after) keys.insert(k);
  for (const std::string& k : keys) {
    auto b = before.find(k);
    auto a = after.find(k);
    if (b == before.end()) {
      lines.push_back("    + " + k + ": " + Show(a->second));
    } else if (a == after.end()) {
      lines.push_back("    - " + k + ": " + Show(b->second));
    } else if (b->second != a->second) {
      lines.push_back("    ~ " + k + ": " + Show(b->second) + " -> " + Show(a->second));
    }
  }
  return lines;
}

std::vector<std::string> LabelChanges(const Node& before, const Node& after) {
  std::vector<std::string> lines;
  std::set<std::string> b(before.labels.begin(), before.labels.end());
  std::set<std::string> a(after.labels.begin(), after.labels.end());
  for (const std::string& l : a) {
    if (!b.contains(l)) lines.push_back("    + label :" + l);
  }
  for (const std::string& l : b) {
    if (!a.contains(l)) lines.push_back("    - label :" + l);
  }
  return lines;
}

struct Counts {
  int64_t added = 0, removed = 0, changed = 0;
  bool any() const { return added + removed + changed > 0; }
};

std::string Describe(const Counts& c, const char* what) {
  return std::to_string(c.added) + " added, " + std::to_string(c.removed) + " removed, " +
         std::to_string(c.changed) + " changed " + what;
}

}  // namespace

int RunDiff(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> files;
  bool quiet = false;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (!options_done && arg.size() > 1 && arg[0] == '-') {
      if (arg == "-h" || arg == "--help") {
        out << kUsage;
        return 0;
      }
      if (arg == "-q" || arg == "--quiet") {
        quiet = true;
        continue;
      }
      if (arg == "--") {
        options_done = true;
        continue;
      }
      err << "cornerstone diff: unknown option '" << arg
          << "'\nTry 'cornerstone diff --help' for more information.\n";
      return 2;
    }
    files.emplace_back(arg);
  }
  if (files.size() != 2) {
    err << "cornerstone diff: expected two snapshot files, got " << files.size()
        << "\nTry 'cornerstone diff --help' for more information.\n";
    return 2;
  }
  GraphContents before, after;
  for (int i = 0; i < 2; ++i) {
    absl::Status s = Load(files[i], i == 0 ? &before : &after);
    if (!s.ok()) {
      // The engine's messages usually name the file already.
      std::string_view message(s.message().data(), s.message().size());
      err << "cornerstone diff: ";
      if (!message.starts_with(files[i] + ":")) err << files[i] << ": ";
      err << message << "\n";
      return 2;
    }
  }

  Counts nodes, rels;
  std::vector<std::string> lines;
  // Nodes, by id.
  for (const auto& [id, n] : before.nodes) {
    if (!after.nodes.contains(id)) {
      ++nodes.removed;
      lines.push_back("- node " + ShowNode(n));
    }
  }
  for (const auto& [id, n] : after.nodes) {
    auto old = before.nodes.find(id);
    if (old == before.nodes.end()) {
      ++nodes.added;
      lines.push_back("+ node " + ShowNode(n));
      continue;
    }
    std::vector<std::string> changes = LabelChanges(old->second, n);
    for (std::string& c : PropertyChanges(old->second.properties, n.properties)) {
      changes.push_back(std::move(c));
    }
    if (changes.empty()) continue;
    ++nodes.changed;
    lines.push_back("~ node " + ShowChangedNode(after, n));
    for (std::string& c : changes) lines.push_back(std::move(c));
  }
  // Relationships, by id. A different type or different endpoints under one
  // id cannot come from one database's history, but a diff of unrelated
  // snapshots may meet it: that is a removal and an addition.
  auto same_shape = [](const Relationship& a, const Relationship& b) {
    return a.type == b.type && a.start_id == b.start_id && a.end_id == b.end_id;
  };
  for (const auto& [id, r] : before.rels) {
    auto now = after.rels.find(id);
    if (now == after.rels.end() || !same_shape(r, now->second)) {
      ++rels.removed;
      lines.push_back("- relationship " + ShowRel(before, r));
    }
  }
  for (const auto& [id, r] : after.rels) {
    auto old = before.rels.find(id);
    if (old == before.rels.end() || !same_shape(old->second, r)) {
      ++rels.added;
      lines.push_back("+ relationship " + ShowRel(after, r));
      continue;
    }
    std::vector<std::string> changes = PropertyChanges(old->second.properties, r.properties);
    if (changes.empty()) continue;
    ++rels.changed;
    lines.push_back("~ relationship " + ShowRel(after, r, /*full=*/false));
    for (std::string& c : changes) lines.push_back(std::move(c));
  }

  bool differ = nodes.any() || rels.any();
  if (!quiet) {
    for (const std::string& l : lines) out << l << "\n";
  }
  if (differ) {
    out << "Summary: " << Describe(nodes, "nodes") << "; " << Describe(rels, "relationships")
        << "\n";
  } else {
    out << "Summary: identical (" << after.nodes.size() << " nodes, " << after.rels.size()
        << " relationships)\n";
  }
  return differ ? 1 : 0;
}

}  // namespace cornerstone::shell
