// Copyright (c) Cornerstone authors.
// CSV export in Neo4j admin-import layout: one file per label set, one per
// relationship type.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/import/export.h"

namespace cornerstone::engine {
namespace {

// One output file: its rows (entity ids) and columns (key -> type).
struct Group {
  std::string name;
  std::vector<uint64_t> ids;
  std::map<KeyId, std::string> types;  // "" = mixed: written as string
};

void NoteTypes(const PropertyList& props, Group* g) {
  for (const auto& [key, value] : props.entries()) {
    std::string t = ColumnTypeOf(value);
    auto [it, added] = g->types.try_emplace(key, t);
    if (!added && it->second != t) it->second = "";
  }
}

std::string Sanitize(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    out.push_back(ok ? c : 'x');
  }
  return out.substr(0, 40);
}

bool NeedsQuotes(std::string_view s) {
  if (s.empty()) return true;
  return s.find_first_of(",\"\n\r;") != std::string_view::npos || s.front() == ' ' ||
         s.back() == ' ';
}

void AppendField(std::string_view s, bool force_quotes, std::string* out) {
  if (!force_quotes && !NeedsQuotes(s)) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}


void AppendValue(const Value* v, const std::string& type, std::string* out) {
  if (v == nullptr) return;  // null: empty unquoted field
  if (v->kind() == Kind::kList && !type.empty()) {
    std::string joined;
    bool first = true;
    for (const Value& item : v->list_value()) {
      if (!first) joined.push_back(';');
      first = false;
      joined += ScalarText(item);
    }
    AppendField(joined, true, out);
    return;
  }
  if (v->kind() == Kind::kString || type.empty()) {
    AppendField(ScalarText(*v), v->kind() == Kind::kString, out);
    return;
  }
  out->append(ScalarText(*v));
}

class Writer {
 public:
  absl::Status Open(const std::string& path) {
    f_ = fopen(path.c_str(), "wb");
    if (f_ == nullptr) {
      return absl::PermissionDeniedError(absl::StrCat(path, ": cannot write: ", strerror(errno)));
    }
    path_ = path;
    return absl::OkStatus();
  }
  void Line(std::string* line) {
    line->push_back('\n');
    fwrite(line->data(), 1, line->size(), f_);
    line->clear();
  }
  absl::Status Close() {
    bool ok = fclose(f_) == 0;
    f_ = nullptr;
    if (!ok) return absl::DataLossError(absl::StrCat(path_, ": write failed"));
    return absl::OkStatus();
  }
  ~Writer() {
    if (f_ != nullptr) fclose(f_);
  }

 private:
  FILE* f_ = nullptr;
  std::string path_;
};

absl::Status WriteGroup(const Graph& g, const Group& group, bool rels, const std::string& path) {
  Writer w;
  if (auto s = w.Open(path); !s.ok()) return s;
  std::string line = rels ? ":START_ID,:END_ID,:TYPE" : ":ID,:LABEL";
  for (const auto& [key, type] : group.types) {
    line.push_back(',');
    AppendField(absl::StrCat(g.keys().Name(key), ":", type.empty() ? "string" : type), false,
                &line);
  }
  w.Line(&line);
  for (uint64_t id : group.ids) {
    const PropertyList* props;
    if (rels) {
      const RelRecord& r = g.rel(id);
      absl::StrAppend(&line, r.source, ",", r.target, ",");
      AppendField(g.types().Name(r.type), false, &line);
      props = &r.properties;
    } else {
      const NodeRecord& n = g.node(id);
      absl::StrAppend(&line, id, ",");
      std::string labels;
      for (LabelId l : n.labels) {
        if (!labels.empty()) labels.push_back(';');
        labels += g.labels().Name(l);
      }
      AppendField(labels, false, &line);
      props = &n.properties;
    }
    for (const auto& [key, type] : group.types) {
      line.push_back(',');
      AppendValue(props->Get(key).get(), type, &line);
    }
    w.Line(&line);
  }
  return w.Close();
}

}  // namespace

absl::StatusOr<ExportReport> ExportCsvFromGraph(const Graph& g, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::PermissionDeniedError(absl::StrCat(dir, ": ", ec.message()));
  std::map<std::vector<LabelId>, Group> node_groups;
  for (NodeId id = 0; id < g.node_capacity(); ++id) {
    if (!g.NodeAlive(id)) continue;
    Group& group = node_groups[g.node(id).labels];
    group.ids.push_back(id);
    NoteTypes(g.node(id).properties, &group);
  }
  std::map<TypeId, Group> rel_groups;
  for (RelId id = 0; id < g.rel_capacity(); ++id) {
    if (!g.RelAlive(id)) continue;
    Group& group = rel_groups[g.rel(id).type];
    group.ids.push_back(id);
    NoteTypes(g.rel(id).properties, &group);
  }
  ExportReport report;
  int n = 0;
  for (const auto& [labels, group] : node_groups) {
    std::string name;
    for (LabelId l : labels) absl::StrAppend(&name, "_", Sanitize(g.labels().Name(l)));
    std::string path = absl::StrFormat("%s/nodes_%03d%s.csv", dir, n++, name);
    if (auto s = WriteGroup(g, group, false, path); !s.ok()) return s;
    report.nodes += static_cast<int64_t>(group.ids.size());
    report.files.push_back(path);
  }
  n = 0;
  for (const auto& [type, group] : rel_groups) {
    std::string path = absl::StrFormat("%s/relationships_%03d_%s.csv", dir, n++,
                                       Sanitize(g.types().Name(type)));
    if (auto s = WriteGroup(g, group, true, path); !s.ok()) return s;
    report.relationships += static_cast<int64_t>(group.ids.size());
    report.files.push_back(path);
  }
  return report;
}

}  // namespace cornerstone::engine
