// Copyright (c) Cornerstone authors.
#include "engine/import/csv_import.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/import/columns.h"
#include "engine/import/csv_reader.h"

namespace cornerstone::engine {
namespace {

using csv::Column;
using csv::ColumnKind;
using csv::CsvReader;

absl::string_view Absl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

constexpr int64_t kProgressEvery = 1 << 16;
constexpr size_t kMaxReportedErrors = 20;
constexpr int kSampleRows = 1000;
// Pieces a plain file is parsed in, two at a time.
constexpr size_t kChunkBytes = 2 << 20;

// Node ids by their CSV key, for one id group. Integer keys that arrive
// as a run of consecutive values (the usual case: dense ids) live in a
// vector; the first key that breaks the run moves them to a hash map.
class IdSpace {
 public:
  // Returns false on a duplicate.
  bool Insert(std::string_view key, NodeId id) {
    std::optional<int64_t> i = csv::CanonicalInt(key);
    if (!i) return strings_.try_emplace(std::string(key), id).second;
    if (dense_) {
      if (run_.empty()) base_ = *i;
      int64_t offset = Offset(*i);
      if (offset == static_cast<int64_t>(run_.size())) {
        run_.push_back(id);
        return true;
      }
      if (offset >= 0 && offset < static_cast<int64_t>(run_.size())) return false;
      dense_ = false;
      for (size_t k = 0; k < run_.size(); ++k) ints_.emplace(base_ + static_cast<int64_t>(k), run_[k]);
      run_ = {};
    }
    return ints_.try_emplace(*i, id).second;
  }

  const NodeId* Find(std::string_view key) const {
    std::optional<int64_t> i = csv::CanonicalInt(key);
    if (!i) {
      auto it = strings_.find(Absl(key));
      return it == strings_.end() ? nullptr : &it->second;
    }
    if (dense_) {
      int64_t offset = Offset(*i);
      if (offset < 0 || offset >= static_cast<int64_t>(run_.size())) return nullptr;
      return &run_[offset];
    }
    auto it = ints_.find(*i);
    return it == ints_.end() ? nullptr : &it->second;
  }

 private:
  // Where `key` would sit in the run; -1 when the distance from base_ does
  // not fit in an int64 (e.g. INT64_MIN after 1), which is outside any run.
  int64_t Offset(int64_t key) const {
    int64_t offset;
    return __builtin_sub_overflow(key, base_, &offset) ? -1 : offset;
  }

  bool dense_ = true;
  int64_t base_ = 0;
  std::vector<NodeId> run_;
  absl::flat_hash_map<int64_t, NodeId> ints_;
  absl::flat_hash_map<std::string, NodeId> strings_;
};

// One input file with its columns resolved.
struct FilePlan {
  const CsvFile* file = nullptr;
  bool is_rel = false;
  std::vector<Column> columns;
  int id_col = -1, start_col = -1, end_col = -1, type_col = -1;
  std::vector<int> label_cols;
  int64_t size = 0;
  // No '"' and no '\r' in the file (seen before loading): every '\n' ends
  // a record, so the file can be cut into pieces at any of them.
  bool plain = false;
  IdSpace* id_space = nullptr;  // of the :ID, :START_ID, :END_ID columns
  IdSpace* ends[2] = {nullptr, nullptr};
  // Resolved before loading.
  std::vector<KeyId> keys;  // by column (stored properties only)
  size_t stored = 0;        // number of stored property columns
  std::vector<LabelId> labels;
  TypeId type = 0;
};

std::string Where(const CsvReader& r, size_t field) {
  return absl::StrCat(r.name(), ":", r.line(field), ":", r.column(field), ": ");
}

// A relationship row parsed, not yet added.
struct ParsedRel {
  NodeId ends[2];
  std::string_view type_name;  // of a :TYPE column, into the reader's record
  PropertyList props;
};

// A node row parsed, not yet added.
struct ParsedNode {
  std::string error;  // why the row is bad (then nothing else is set)
  PropertyList props;
  std::string key;  // of the :ID column, with where it is (for a duplicate)
  int64_t key_line = 0, key_column = 0;
};

// A piece of a plain file and what parsing it gave.
struct Chunk {
  std::string text;
  int64_t first_line = 1;
  bool file_start = false;
  int64_t end_offset = 0;  // in the file, for progress
  int64_t rows = 0;
  std::vector<ParsedRel> rels;      // relationship file: the good rows, in order
  std::vector<std::string> errors;  // the bad rows' errors, in order
  std::vector<ParsedNode> nodes;    // node file: every row, in order
  bool ends_file = false;           // a malformed record: nothing after it counts

  void Clear() {
    rows = 0;
    rels.clear();
    errors.clear();
    nodes.clear();
    ends_file = false;
  }
};

class Importer {
 public:
  Importer(Graph& graph, const ImportOptions& options) : g_(graph), o_(options) {}

  absl::StatusOr<ImportReport> Run() {
    start_ = std::chrono::steady_clock::now();
    for (const CsvFile& f : o_.nodes) {
      if (auto s = AddPlan(f, false); !s.ok()) return s;
    }
    for (const CsvFile& f : o_.relationships) {
      if (auto s = AddPlan(f, true); !s.ok()) return s;
    }
    for (const FilePlan& p : plans_) report_.bytes += p.size;
    total_bytes_ = report_.bytes;
    // One pass: rows are added as they are read, and a failure takes back
    // everything added since the mark (nodes, relationships, names), so
    // the graph is left as it was.
    const Graph::BulkMark mark = g_.MarkBulk();
    Reserve();
    if (auto s = Resolve(); !s.ok()) {
      g_.DropAppended(mark);
      return s;
    }
    for (FilePlan& p : plans_) {
      if (auto s = RunFile(p); !s.ok()) {
        g_.DropAppended(mark);
        return s;
      }
    }
    if (auto s = CheckCancelled(); !s.ok()) {
      g_.DropAppended(mark);
      return s;
    }
    // A bad index name fails the import too (after the files' errors, which
    // come first), before anything is linked.
    std::vector<std::pair<LabelId, KeyId>> indexes;
    for (const std::string& spec : o_.indexes) {
      auto index = ParseIndex(spec);
      if (!index.ok()) {
        g_.DropAppended(mark);
        return index.status();
      }
      indexes.emplace_back(g_.labels().Intern(index->first), g_.keys().Intern(index->second));
    }
    g_.FinishBulk(mark, indexes);
    report_.seconds = Seconds();
    Progress(true);
    return report_;
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  // Cancelled once ImportOptions::cancelled says so.
  absl::Status CheckCancelled() const {
    if (o_.cancelled && o_.cancelled()) {
      return absl::CancelledError("import cancelled: nothing of it was kept");
    }
    return absl::OkStatus();
  }

  // `file_bytes`: how far into the current file.
  void Progress(bool force, int64_t file_bytes = 0) {
    if (!o_.on_progress || (!force && rows_ % kProgressEvery != 0)) return;
    ImportProgress p;
    p.rows = rows_;
    p.bytes = done_bytes_ + file_bytes;
    p.total_bytes = total_bytes_;
    p.seconds = Seconds();
    o_.on_progress(p);
  }

  absl::Status AddPlan(const CsvFile& f, bool is_rel) {
    FilePlan p;
    p.file = &f;
    p.is_rel = is_rel;
    CsvReader r(o_.delimiter);
    if (auto s = r.Open(f.path); !s.ok()) return s;
    p.size = r.file_size();
    if (!r.Next()) {
      if (!r.status().ok()) return r.status();
      return absl::InvalidArgumentError(absl::StrCat(f.path, ":1:1: empty file (no header)"));
    }
    for (size_t i = 0; i < r.size(); ++i) {
      Column c;
      std::string_view text = r.field(i);
      if (f.layout == CsvLayout::kNeo4j) {
        auto parsed = csv::ParseNeo4jColumn(text);
        if (!parsed.ok()) {
          return absl::InvalidArgumentError(absl::StrCat(Where(r, i), parsed.status().message()));
        }
        c = *std::move(parsed);
      } else {
        c.header = c.name = std::string(text);
        if (is_rel && i < 2) {
          c.kind = i == 0 ? ColumnKind::kStartId : ColumnKind::kEndId;
          c.group = i == 0 ? f.from_label : f.to_label;
        } else if (!is_rel && i == 0) {
          c.kind = ColumnKind::kId;
          c.group = f.labels.empty() ? "" : f.labels[0];
        }
      }
      if (c.name.empty() && c.kind == ColumnKind::kProperty) {
        return absl::InvalidArgumentError(absl::StrCat(Where(r, i), "empty column name"));
      }
      int idx = static_cast<int>(i);
      int* slot = nullptr;
      switch (c.kind) {
        case ColumnKind::kId: slot = &p.id_col; break;
        case ColumnKind::kStartId: slot = &p.start_col; break;
        case ColumnKind::kEndId: slot = &p.end_col; break;
        case ColumnKind::kType: slot = &p.type_col; break;
        case ColumnKind::kLabel: p.label_cols.push_back(idx); break;
        default: break;
      }
      bool wrong = is_rel ? (c.kind == ColumnKind::kId || c.kind == ColumnKind::kLabel)
                          : (c.kind == ColumnKind::kStartId || c.kind == ColumnKind::kEndId ||
                             c.kind == ColumnKind::kType);
      if (wrong) {
        return absl::InvalidArgumentError(absl::StrCat(
            Where(r, i), "header mismatch: column '", c.header, "' is not allowed in a ",
            is_rel ? "relationship" : "node", " file"));
      }
      if (slot != nullptr) {
        if (*slot >= 0) {
          return absl::InvalidArgumentError(
              absl::StrCat(Where(r, i), "header mismatch: duplicate column '", c.header, "'"));
        }
        *slot = idx;
      }
      p.columns.push_back(std::move(c));
    }
    if (is_rel) {
      int missing = p.start_col < 0 ? 0 : p.end_col < 0 ? 1 : -1;
      if (missing >= 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            f.path, ":1:", r.end_column(), ": header mismatch: no ",
            missing == 0 ? ":START_ID" : ":END_ID", " column"));
      }
      if (p.type_col < 0 && f.type.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            f.path, ":1:", r.end_column(),
            ": header mismatch: no :TYPE column and no type given for the file"));
      }
    }
    if (f.layout == CsvLayout::kKuzu) {
      if (auto s = TypeColumns(f, is_rel, &r, &p.columns); !s.ok()) return s;
    }
    plans_.push_back(std::move(p));
    return absl::OkStatus();
  }

  // Kùzu layout: types from options.column_types, else guessed from the
  // first rows.
  absl::Status TypeColumns(const CsvFile& f, bool is_rel, CsvReader* r,
                           std::vector<Column>* columns) {
    std::string owner = is_rel ? f.type : (f.labels.empty() ? "" : f.labels[0]);
    std::vector<csv::TypeGuess> guesses(columns->size());
    for (int n = 0; n < kSampleRows && r->Next(); ++n) {
      for (size_t i = 0; i < r->size() && i < guesses.size(); ++i) {
        if (!r->field(i).empty()) guesses[i].Add(r->field(i));
      }
    }
    for (size_t i = 0; i < columns->size(); ++i) {
      Column& c = (*columns)[i];
      if (c.kind != ColumnKind::kProperty && c.kind != ColumnKind::kId) continue;
      auto it = o_.column_types.find(absl::StrCat(owner, ".", c.name));
      if (it != o_.column_types.end()) {
        auto type = csv::ParseFieldType(it->second, &c.array);
        if (!type) {
          return absl::InvalidArgumentError(
              absl::StrCat("unknown type '", it->second, "' for ", it->first));
        }
        c.type = *type;
      } else {
        c.type = guesses[i].Result();
      }
    }
    return absl::OkStatus();
  }

  // Room for every row of every file (at most one per line end), so that
  // the node and relationship vectors are not regrown (and copied) while
  // they fill: capacity that is never used is never touched, so it costs
  // address space, not memory.
  // The same scan tells which files are plain.
  void Reserve() {
    size_t rows[2] = {0, 0};
    for (FilePlan& p : plans_) rows[p.is_rel] += Scan(p.file->path, &p.plain);
    g_.ReserveBulk(rows[0], rows[1]);
  }

  // '\n' bytes in a file, plus one; 0 if it cannot be read (then the file
  // fails to open later anyway).
  static size_t Scan(const std::string& path, bool* plain) {
    FILE* f = fopen(path.c_str(), "rb");
    if (f == nullptr) return 0;
    std::vector<char> buf(1 << 20);
    size_t lines = 1;
    bool special = false;
    while (size_t n = fread(buf.data(), 1, buf.size(), f)) {
      for (const char *p = buf.data(), *end = p + n;
           (p = static_cast<const char*>(memchr(p, '\n', end - p))) != nullptr; ++p) {
        ++lines;
      }
      special = special || memchr(buf.data(), '"', n) != nullptr ||
                memchr(buf.data(), '\r', n) != nullptr;
    }
    *plain = !special && !ferror(f);
    fclose(f);
    return lines;
  }

  absl::Status Resolve() {
    for (FilePlan& p : plans_) {
      p.keys.assign(p.columns.size(), 0);
      for (size_t i = 0; i < p.columns.size(); ++i) {
        const Column& c = p.columns[i];
        bool stored = c.kind == ColumnKind::kProperty || (c.kind == ColumnKind::kId && !c.name.empty());
        if (stored) {
          p.keys[i] = g_.keys().Intern(c.name);
          ++p.stored;
        }
      }
      for (const std::string& l : p.file->labels) p.labels.push_back(g_.labels().Intern(l));
      if (p.is_rel && !p.file->type.empty()) {
        absl::StatusOr<TypeId> type = g_.InternType(p.file->type);
        if (!type.ok()) {
          return absl::ResourceExhaustedError(
              absl::StrCat(p.file->path, ": ", type.status().message()));
        }
        p.type = *type;
      }
    }
    return absl::OkStatus();
  }

  // Reports a bad row: fails the import, or counts it.
  absl::Status Bad(std::string message) {
    if (!o_.skip_bad_rows) return absl::InvalidArgumentError(std::move(message));
    ++report_.rows_skipped;
    if (report_.skipped_errors.size() < kMaxReportedErrors) {
      report_.skipped_errors.push_back(std::move(message));
    }
    return absl::OkStatus();
  }

  IdSpace* Space(int col, const FilePlan& p) {
    if (col < 0) return nullptr;
    auto& space = ids_[p.columns[col].group];
    if (space == nullptr) space = std::make_unique<IdSpace>();
    return space.get();
  }

  absl::Status RunFile(FilePlan& p) {
    p.id_space = Space(p.id_col, p);
    p.ends[0] = Space(p.start_col, p);
    p.ends[1] = Space(p.end_col, p);
    // Parsing a relationship row only reads the id maps, which are complete
    // once the node files are in, and parsing a node row reads nothing (its
    // id is entered when it is added): with no :TYPE or :LABEL column to
    // intern, pieces of a plain file can be parsed side by side.
    if (p.plain && p.type_col < 0 && p.label_cols.empty()) return RunPlainFile(p);
    CsvReader r(o_.delimiter);
    if (auto s = r.Open(p.file->path); !s.ok()) return s;
    if (!r.Next()) return r.status();  // header
    std::vector<LabelId> labels;
    while (r.Next()) {
      ++rows_;
      Progress(false, r.bytes_read());
      if (rows_ % kProgressEvery == 0) {
        if (auto s = CheckCancelled(); !s.ok()) return s;
      }
      std::string error = FieldCountError(p, r);
      if (error.empty()) error = p.is_rel ? RelRow(p, r) : NodeRow(p, r, &labels);
      if (!error.empty()) {
        if (auto s = Bad(std::move(error)); !s.ok()) return s;
      }
    }
    if (!r.status().ok()) {
      // A malformed record ends the file: nothing after it can be read.
      if (!o_.skip_bad_rows) return r.status();
      if (auto s = Bad(std::string(r.status().message())); !s.ok()) return s;
    }
    done_bytes_ += p.size;
    return absl::OkStatus();
  }

  // A plain file, in pieces of about kChunkBytes cut after a '\n': this
  // thread parses one piece while a second one parses the next, then both
  // are added in file order, so the result (ids, errors and their order) is
  // the same as reading the file front to back.
  absl::Status RunPlainFile(const FilePlan& p) {
    FILE* f = fopen(p.file->path.c_str(), "rb");
    if (f == nullptr) {
      return absl::NotFoundError(absl::StrCat(p.file->path, ": cannot open: ", strerror(errno)));
    }
    std::string rest;  // read, not yet in a piece
    int64_t line = 1, offset = 0;
    bool eof = false, file_start = true;
    // The next piece; false at the end of the file.
    auto next = [&](Chunk* c) {
      // Up to the last '\n' once there are kChunkBytes; at the end of the
      // file, whatever is left.
      size_t cut = std::string::npos, searched = 0;
      while (!eof) {
        if (rest.size() >= kChunkBytes) {
          size_t at = std::string_view(rest).substr(searched).rfind('\n');
          if (at != std::string::npos) {
            cut = searched + at + 1;
            break;
          }
          searched = rest.size();
        }
        size_t had = rest.size();
        rest.resize(had + kChunkBytes);
        size_t n = fread(rest.data() + had, 1, kChunkBytes, f);
        rest.resize(had + n);
        eof = n == 0;
      }
      if (cut == std::string::npos) cut = rest.size();
      if (cut == 0) return false;
      c->text.assign(rest, 0, cut);
      rest.erase(0, cut);
      c->first_line = line;
      line += std::count(c->text.begin(), c->text.end(), '\n');
      offset += static_cast<int64_t>(cut);
      c->end_offset = offset;
      c->file_start = file_start;
      file_start = false;
      return true;
    };
    absl::Status status;
    bool more = true;
    Chunk a, b;  // reused: their vectors keep their (already touched) capacity
    while (more && status.ok()) {
      status = CheckCancelled();
      if (!status.ok()) break;
      a.Clear();
      b.Clear();
      more = next(&a);
      if (!more) break;
      bool two = next(&b);
      {
        std::thread helper;
        if (two) helper = std::thread([&] { ParseChunk(p, &b); });
        ParseChunk(p, &a);
        if (two) helper.join();
      }
      status = AddChunk(p, &a);
      if (!status.ok() || a.ends_file) break;
      if (two) {
        status = AddChunk(p, &b);
        if (b.ends_file) break;
      }
      more = two;
    }
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (!status.ok()) return status;
    if (read_error) return absl::DataLossError(absl::StrCat(p.file->path, ": read error"));
    done_bytes_ += p.size;
    return absl::OkStatus();
  }

  // Thread-safe: reads only `p`, the id maps and the options.
  void ParseChunk(const FilePlan& p, Chunk* c) const {
    CsvReader r(o_.delimiter);
    r.OpenChunk(std::move(c->text), p.file->path, c->first_line, c->file_start);
    if (c->file_start && !r.Next()) return;  // the header
    while (r.Next()) {
      ++c->rows;
      if (!p.is_rel) {
        ParsedNode& node = c->nodes.emplace_back();
        node.error = FieldCountError(p, r);
        if (node.error.empty()) node.error = ParseNode(p, r, &node);
        if (!node.error.empty() && !o_.skip_bad_rows) return;  // the import fails here
        continue;
      }
      ParsedRel rel;
      std::string error = FieldCountError(p, r);
      if (error.empty()) error = ParseRel(p, r, &rel);
      if (error.empty()) {
        c->rels.push_back(std::move(rel));
      } else {
        c->errors.push_back(std::move(error));
        if (!o_.skip_bad_rows) return;  // the import fails here
      }
    }
    if (!r.status().ok()) {
      c->errors.emplace_back(r.status().message());
      c->ends_file = true;
    }
  }

  absl::Status AddChunk(const FilePlan& p, Chunk* c) {
    for (ParsedNode& node : c->nodes) {
      std::string error = node.error.empty() ? CheckId(p, node) : std::move(node.error);
      if (!error.empty()) {
        if (auto s = Bad(std::move(error)); !s.ok()) return s;
        continue;
      }
      g_.AddNode(p.labels, std::move(node.props));
      ++report_.nodes;
    }
    for (std::string& e : c->errors) {
      if (auto s = Bad(std::move(e)); !s.ok()) return s;
    }
    for (ParsedRel& rel : c->rels) {
      g_.AppendRelationship(rel.ends[0], rel.ends[1], p.type, std::move(rel.props));
    }
    report_.relationships += static_cast<int64_t>(c->rels.size());
    bool progress = (rows_ + c->rows) / kProgressEvery != rows_ / kProgressEvery;
    rows_ += c->rows;
    if (progress) Progress(true, c->end_offset);
    return absl::OkStatus();
  }

  // The header mismatch of a row with too few or too many fields, or "".
  static std::string FieldCountError(const FilePlan& p, const CsvReader& r) {
    if (r.size() == p.columns.size()) return "";
    std::string where = r.size() < p.columns.size()
                            ? absl::StrCat(r.name(), ":", r.end_line(), ":", r.end_column(), ": ")
                            : Where(r, p.columns.size());
    return absl::StrCat(where, "header mismatch: ", r.size(), " fields, the header has ",
                        p.columns.size());
  }

  // Parses a property into `props`; returns an error message or "".
  std::string Property(const FilePlan& p, const CsvReader& r, size_t i,
                       PropertyList* props) const {
    std::string_view text = r.field(i);
    if (text.empty() && !r.quoted(i)) return "";  // null
    const Column& c = p.columns[i];
    Value v;
    absl::Status s = csv::ParseField(text, c, o_.array_delimiter, &v);
    if (!s.ok()) return absl::StrCat(Where(r, i), s.message(), " for column '", c.header, "'");
    props->Set(p.keys[i], std::move(v));
    return "";
  }

  // Adds the row's node unless the row is bad (then returns why, and
  // nothing was added).
  std::string NodeRow(const FilePlan& p, const CsvReader& r, std::vector<LabelId>* labels) {
    ParsedNode node;
    if (std::string e = ParseNode(p, r, &node); !e.empty()) return e;
    if (std::string e = CheckId(p, node); !e.empty()) return e;
    // The row is good: only now intern its :LABEL names, so a skipped row
    // leaves none behind.
    labels->assign(p.labels.begin(), p.labels.end());
    for (int i : p.label_cols) {
      std::string_view text = r.field(i);
      size_t start = 0;
      while (start <= text.size() && !text.empty()) {
        size_t end = std::min(text.find(o_.array_delimiter, start), text.size());
        std::string_view l = text.substr(start, end - start);
        if (!l.empty()) {
          LabelId id = g_.labels().Intern(l);
          if (std::find(labels->begin(), labels->end(), id) == labels->end()) {
            labels->push_back(id);
          }
        }
        start = end + 1;
      }
    }
    g_.AddNode(*labels, std::move(node.props));
    ++report_.nodes;
    return "";
  }

  // Parses a node row but for its :LABEL columns; returns why it is bad, or
  // "". Thread-safe: reads only `p` and the options.
  std::string ParseNode(const FilePlan& p, const CsvReader& r, ParsedNode* node) const {
    node->props.Reserve(p.stored);
    for (size_t i = 0; i < p.columns.size(); ++i) {
      if (p.columns[i].kind != ColumnKind::kProperty) continue;
      if (std::string e = Property(p, r, i, &node->props); !e.empty()) return e;
    }
    if (p.id_col >= 0) {
      std::string_view key = r.field(p.id_col);
      const Column& c = p.columns[p.id_col];
      if (key.empty()) return absl::StrCat(Where(r, p.id_col), "empty node id");
      node->key = std::string(key);
      node->key_line = r.line(p.id_col);
      node->key_column = r.column(p.id_col);
      if (!c.name.empty()) {
        auto i = csv::CanonicalInt(key);
        node->props.Set(p.keys[p.id_col], i ? Value::Int(*i) : Value::String(std::string(key)));
      }
    }
    return "";
  }

  // Enters the id of a parsed node that is about to be added; the error of
  // a duplicate, or "".
  std::string CheckId(const FilePlan& p, const ParsedNode& node) {
    if (p.id_col < 0 || p.id_space->Insert(node.key, g_.node_capacity())) return "";
    const std::string& group = p.columns[p.id_col].group;
    return absl::StrCat(p.file->path, ":", node.key_line, ":", node.key_column,
                        ": duplicate node id '", node.key, "'",
                        group.empty() ? "" : absl::StrCat(" in group '", group, "'"));
  }

  // Appends the row's relationship (linked at the end of the import) unless
  // the row is bad (then returns why, and nothing was added).
  std::string RelRow(const FilePlan& p, const CsvReader& r) {
    ParsedRel rel;
    if (std::string e = ParseRel(p, r, &rel); !e.empty()) return e;
    // The row is good: only now intern its :TYPE, so a skipped row leaves
    // no name behind.
    TypeId type = p.type;
    if (!rel.type_name.empty()) {
      absl::StatusOr<TypeId> id = g_.InternType(rel.type_name);
      if (!id.ok()) return std::string(id.status().message());
      type = *id;
    }
    g_.AppendRelationship(rel.ends[0], rel.ends[1], type, std::move(rel.props));
    ++report_.relationships;
    return "";
  }

  // Parses a relationship row; returns why it is bad, or "". Thread-safe:
  // reads only `p`, the id maps and the options.
  std::string ParseRel(const FilePlan& p, const CsvReader& r, ParsedRel* rel) const {
    for (int k = 0; k < 2; ++k) {
      int col = k == 0 ? p.start_col : p.end_col;
      std::string_view key = r.field(col);
      const std::string& group = p.columns[col].group;
      const NodeId* id = p.ends[k]->Find(key);
      if (id == nullptr) {
        return absl::StrCat(Where(r, col), "dangling relationship: no node with id '", Absl(key),
                            "'", group.empty() ? "" : absl::StrCat(" in group '", group, "'"));
      }
      rel->ends[k] = *id;
    }
    if (p.type_col >= 0) {
      rel->type_name = r.field(p.type_col);
      if (rel->type_name.empty() && p.file->type.empty()) {
        return absl::StrCat(Where(r, p.type_col), "empty :TYPE");
      }
    }
    rel->props.Reserve(p.stored);
    for (size_t i = 0; i < p.columns.size(); ++i) {
      if (p.columns[i].kind != ColumnKind::kProperty) continue;
      if (std::string e = Property(p, r, i, &rel->props); !e.empty()) return e;
    }
    return "";
  }

  Graph& g_;
  const ImportOptions& o_;
  std::vector<FilePlan> plans_;
  absl::flat_hash_map<std::string, std::unique_ptr<IdSpace>> ids_;
  ImportReport report_;
  int64_t rows_ = 0, done_bytes_ = 0, total_bytes_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

absl::StatusOr<std::pair<std::string_view, std::string_view>> ParseIndex(
    const std::string& spec) {
  size_t open = spec.find('(');
  if (open == std::string::npos || open == 0 || spec.back() != ')' || open + 2 >= spec.size()) {
    return absl::InvalidArgumentError(absl::StrCat("bad index '", spec, "': expected Label(key)"));
  }
  std::string_view s = spec;
  if (s.front() == ':') s.remove_prefix(1), --open;
  return std::make_pair(s.substr(0, open), s.substr(open + 1, s.size() - open - 2));
}

absl::Status CreateIndexes(Graph& graph, const std::vector<std::string>& indexes) {
  for (const std::string& spec : indexes) {
    auto index = ParseIndex(spec);
    if (!index.ok()) return index.status();
    graph.CreateIndex(graph.labels().Intern(index->first), graph.keys().Intern(index->second));
  }
  return absl::OkStatus();
}

absl::StatusOr<ImportReport> ImportCsvIntoGraph(Graph& graph, const ImportOptions& options) {
  if (graph.in_transaction()) {
    return absl::FailedPreconditionError("cannot import inside a transaction");
  }
  return Importer(graph, options).Run();
}

}  // namespace cornerstone::engine
