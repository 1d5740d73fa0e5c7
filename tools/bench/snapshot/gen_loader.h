// Copyright (c) Cornerstone authors.
// Loads the CSV files of ../shared/bench/gen.py into an engine Graph
// directly (no Cypher), for the snapshot tests and snapshot_bench.
//   nodes : <Label>.csv               id,prop,...   (ids dense across files)
//   rels  : <TYPE>_<From>_<To>.csv    from,to,prop,...
// Fields are unquoted; integers and decimals become numbers, others strings,
// empty fields are absent. The node with CSV id i gets NodeId i.
#ifndef CORNERSTONE_TOOLS_BENCH_SNAPSHOT_GEN_LOADER_H_
#define CORNERSTONE_TOOLS_BENCH_SNAPSHOT_GEN_LOADER_H_

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "engine/storage/graph.h"

namespace cornerstone::gen_loader {

inline std::vector<std::string_view> SplitCsv(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    out.push_back(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

inline engine::Value Field(std::string_view f) {
  int64_t i;
  auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), i);
  if (ec == std::errc() && p == f.data() + f.size()) return engine::Value::Int(i);
  double d;
  auto [q, ec2] = std::from_chars(f.data(), f.data() + f.size(), d);
  if (ec2 == std::errc() && q == f.data() + f.size()) return engine::Value::Float(d);
  return engine::Value::String(std::string(f));
}

struct CsvFile {
  std::string stem;
  std::filesystem::path path;
  int64_t first_id = 0;
};

// Reads `path`; calls row(fields) for each data line. Returns the header.
template <class RowFn>
absl::Status ForEachRow(const std::filesystem::path& path, std::vector<std::string>* header,
                        RowFn row) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read " + path.string());
  std::string line;
  if (!std::getline(in, line)) return absl::DataLossError("empty " + path.string());
  header->clear();
  for (auto f : SplitCsv(line)) header->emplace_back(f);
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    absl::Status s = row(SplitCsv(line));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

inline absl::Status LoadGenerated(const std::string& dir, engine::Graph* g) {
  std::vector<CsvFile> node_files, rel_files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".csv") continue;
    CsvFile f{entry.path().stem().string(), entry.path(), 0};
    (f.stem.find('_') == std::string::npos ? node_files : rel_files).push_back(f);
  }
  if (ec) return absl::NotFoundError("cannot list " + dir);
  for (CsvFile& f : node_files) {  // order node files by their first id
    std::ifstream in(f.path);
    std::string line;
    std::getline(in, line);
    if (std::getline(in, line)) f.first_id = std::atoll(line.c_str());
  }
  std::sort(node_files.begin(), node_files.end(),
            [](const CsvFile& a, const CsvFile& b) { return a.first_id < b.first_id; });
  std::sort(rel_files.begin(), rel_files.end(),
            [](const CsvFile& a, const CsvFile& b) { return a.stem < b.stem; });
  std::vector<std::string> header;
  for (const CsvFile& f : node_files) {
    engine::LabelId label = g->labels().Intern(f.stem);
    std::vector<engine::KeyId> keys;
    absl::Status s = ForEachRow(f.path, &header, [&](const std::vector<std::string_view>& row) {
      if (keys.empty()) {
        for (size_t i = 1; i < header.size(); ++i) keys.push_back(g->keys().Intern(header[i]));
      }
      int64_t id = std::atoll(std::string(row[0]).c_str());
      if (id != static_cast<int64_t>(g->node_capacity())) {
        return absl::DataLossError("node ids are not dense in " + f.path.string());
      }
      engine::PropertyList props;
      for (size_t i = 1; i < row.size() && i - 1 < keys.size(); ++i) {
        if (!row[i].empty()) props.Set(keys[i - 1], Field(row[i]));
      }
      g->AddNode(std::span<const engine::LabelId>(&label, 1), std::move(props));
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
  }
  for (const CsvFile& f : rel_files) {
    // TYPE_From_To: the type is all but the last two parts.
    size_t to = f.stem.rfind('_');
    size_t from = to == 0 ? std::string::npos : f.stem.rfind('_', to - 1);
    if (from == std::string::npos) continue;
    engine::TypeId type = g->types().Intern(f.stem.substr(0, from));
    std::vector<engine::KeyId> keys;
    absl::Status s = ForEachRow(f.path, &header, [&](const std::vector<std::string_view>& row) {
      if (keys.empty()) {
        for (size_t i = 2; i < header.size(); ++i) keys.push_back(g->keys().Intern(header[i]));
      }
      if (row.size() < 2) return absl::DataLossError("short row in " + f.path.string());
      uint64_t a = std::strtoull(std::string(row[0]).c_str(), nullptr, 10);
      uint64_t b = std::strtoull(std::string(row[1]).c_str(), nullptr, 10);
      if (!g->NodeAlive(a) || !g->NodeAlive(b)) {
        return absl::DataLossError("unknown node id in " + f.path.string());
      }
      engine::PropertyList props;
      for (size_t i = 2; i < row.size() && i - 2 < keys.size(); ++i) {
        if (!row[i].empty()) props.Set(keys[i - 2], Field(row[i]));
      }
      g->AddRelationship(a, b, type, std::move(props));
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace cornerstone::gen_loader

#endif  // CORNERSTONE_TOOLS_BENCH_SNAPSHOT_GEN_LOADER_H_
