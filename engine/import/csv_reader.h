// Copyright (c) Cornerstone authors.
// A streaming RFC 4180 CSV reader: quoted fields with "" escapes and
// embedded newlines, CRLF or LF line ends, a UTF-8 byte order mark skipped.
// Each field remembers whether it was quoted (an empty unquoted field is a
// null, "" is the empty string) and where it starts (line, column in
// characters, both 1-based). Blank lines are skipped.
//
// Thread safety: none.
#ifndef CORNERSTONE_ENGINE_IMPORT_CSV_READER_H_
#define CORNERSTONE_ENGINE_IMPORT_CSV_READER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace cornerstone::engine::csv {

class CsvReader {
 public:
  explicit CsvReader(char delimiter = ',') : delimiter_(delimiter) {}
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  absl::Status Open(const std::string& path);
  // Reads from memory instead of a file (for tests); `name` is used in
  // errors.
  void OpenString(std::string text, std::string name);
  // Reads a piece of a file that starts at a record boundary on line
  // `first_line` (for parsing one file in pieces); a byte order mark is
  // skipped only at the `file_start`.
  void OpenChunk(std::string text, std::string name, int64_t first_line, bool file_start);

  // Reads the next record. Returns false at the end of the input or on a
  // malformed record (then status() says why).
  bool Next();
  const absl::Status& status() const { return status_; }

  size_t size() const { return ends_.size(); }
  std::string_view field(size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(data_).substr(begin, ends_[i] - begin);
  }
  bool quoted(size_t i) const { return quoted_[i]; }
  int64_t line(size_t i) const { return lines_[i]; }
  // Valid until the next call to Next().
  int64_t column(size_t i) const { return ColumnAt(line_starts_[i], starts_[i]); }
  // Where the record starts, and where it ends (the column after its last
  // character).
  int64_t record_line() const { return record_line_; }
  int64_t end_line() const { return end_line_; }
  int64_t end_column() const { return ColumnAt(end_line_start_, end_); }
  int64_t records() const { return records_; }

  const std::string& name() const { return name_; }
  int64_t bytes_read() const { return consumed_; }
  int64_t file_size() const { return file_size_; }

 private:
  // Parses one record from buf_[pos_, limit_). Returns 1 on success, 0 when
  // the buffer ends before the record does, -1 on error.
  int ParseRecord();
  bool Refill();  // moves the unparsed tail to the front and reads more
  // 1 + the number of UTF-8 characters in buf_[line_start, at).
  int64_t ColumnAt(size_t line_start, size_t at) const;

  char delimiter_;
  std::string name_;
  FILE* file_ = nullptr;
  bool eof_ = false;
  std::string buf_;
  size_t pos_ = 0, limit_ = 0;
  int64_t consumed_ = 0, file_size_ = 0, records_ = 0;
  int64_t line_ = 1;  // line at pos_
  absl::Status status_;

  std::string data_;  // unescaped field bytes of the current record
  std::vector<size_t> ends_;
  std::vector<bool> quoted_;
  std::vector<int64_t> lines_;
  std::vector<size_t> starts_, line_starts_;  // offsets into buf_
  int64_t record_line_ = 1, end_line_ = 1;
  size_t end_ = 0, end_line_start_ = 0;
};

}  // namespace cornerstone::engine::csv

#endif  // CORNERSTONE_ENGINE_IMPORT_CSV_READER_H_
