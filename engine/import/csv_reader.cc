// Copyright (c) Cornerstone authors.
#include "engine/import/csv_reader.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace cornerstone::engine::csv {
namespace {

constexpr size_t kChunk = 1 << 20;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

CsvReader::~CsvReader() {
  if (file_ != nullptr) fclose(file_);
}

absl::Status CsvReader::Open(const std::string& path) {
  name_ = path;
  file_ = fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot open: ", strerror(errno)));
  }
  if (fseek(file_, 0, SEEK_END) == 0) {
    file_size_ = ftell(file_);
    fseek(file_, 0, SEEK_SET);
  }
  buf_.resize(kChunk);
  Refill();
  if (limit_ >= 3 && buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  return absl::OkStatus();
}

void CsvReader::OpenString(std::string text, std::string name) {
  name_ = std::move(name);
  buf_ = std::move(text);
  limit_ = buf_.size();
  file_size_ = static_cast<int64_t>(limit_);
  eof_ = true;
  if (limit_ >= 3 && buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

void CsvReader::OpenChunk(std::string text, std::string name, int64_t first_line,
                          bool file_start) {
  OpenString(std::move(text), std::move(name));
  if (!file_start) pos_ = 0;
  line_ = first_line;
}

bool CsvReader::Refill() {
  if (eof_ || file_ == nullptr) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    limit_ -= pos_;
    pos_ = 0;
  }
  if (buf_.size() < limit_ + kChunk) buf_.resize(limit_ + kChunk);
  size_t n = fread(buf_.data() + limit_, 1, buf_.size() - limit_, file_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  limit_ += n;
  return true;
}

bool CsvReader::Next() {
  if (!status_.ok()) return false;
  while (true) {
    // Skip blank lines.
    while (pos_ < limit_ && (buf_[pos_] == '\n' || buf_[pos_] == '\r')) {
      if (buf_[pos_] == '\n') ++line_;
      ++pos_;
      ++consumed_;
    }
    if (pos_ >= limit_) {
      if (!Refill()) return false;
      continue;
    }
    int r = ParseRecord();
    if (r == 1) {
      ++records_;
      return true;
    }
    if (r < 0) return false;
    if (!Refill()) {
      // The input ends inside a record: parse what is there as final.
      eof_ = true;
      r = ParseRecord();
      if (r == 1) {
        ++records_;
        return true;
      }
      return false;
    }
  }
}

int CsvReader::ParseRecord() {
  data_.clear();
  ends_.clear();
  quoted_.clear();
  lines_.clear();
  starts_.clear();
  line_starts_.clear();
  const char* base = buf_.data();
  size_t p = pos_;
  int64_t line = line_;
  // Where the current line starts; a record always starts a line.
  size_t line_start = p;
  auto column_at = [&](size_t at) { return ColumnAt(line_start, at); };
  record_line_ = line;
  const bool final = eof_;
  while (true) {
    lines_.push_back(line);
    starts_.push_back(p);
    line_starts_.push_back(line_start);
    if (p < limit_ && base[p] == '"') {
      quoted_.push_back(true);
      ++p;
      while (true) {
        const void* q = memchr(base + p, '"', limit_ - p);
        size_t stop = q ? static_cast<const char*>(q) - base : limit_;
        for (size_t i = p; i < stop; ++i) {
          if (base[i] == '\n') {
            ++line;
            line_start = i + 1;
          }
        }
        data_.append(base + p, stop - p);
        if (q == nullptr) {
          if (!final) return 0;
          status_ = absl::InvalidArgumentError(absl::StrCat(
              name_, ":", lines_.back(), ":", ColumnAt(line_starts_.back(), starts_.back()),
              ": unterminated quoted field"));
          return -1;
        }
        p = stop + 1;
        if (p >= limit_ && !final) return 0;
        if (p < limit_ && base[p] == '"') {  // "" escape
          data_.push_back('"');
          ++p;
          continue;
        }
        break;
      }
      if (p < limit_ && base[p] != delimiter_ && base[p] != '\n' && base[p] != '\r') {
        status_ = absl::InvalidArgumentError(
            absl::StrCat(name_, ":", line, ":", column_at(p),
                         ": unexpected character after a closing quote"));
        return -1;
      }
    } else {
      quoted_.push_back(false);
      size_t start = p;
      while (p < limit_ && base[p] != delimiter_ && base[p] != '\n' && base[p] != '\r') ++p;
      data_.append(base + start, p - start);
    }
    ends_.push_back(data_.size());
    if (p >= limit_) {
      if (!final) return 0;
      break;
    }
    if (base[p] == delimiter_) {
      ++p;
      if (p >= limit_ && !final) return 0;
      continue;
    }
    break;  // at '\r' or '\n'
  }
  end_line_ = line;
  end_ = p;
  end_line_start_ = line_start;
  if (p < limit_ && base[p] == '\r') {
    if (p + 1 >= limit_ && !final) return 0;
    ++p;
  }
  if (p < limit_ && base[p] == '\n') {
    ++p;
    ++line;
  } else if (p > 0 && base[p - 1] == '\r') {
    ++line;
  }
  consumed_ += static_cast<int64_t>(p - pos_);
  pos_ = p;
  line_ = line;
  return 1;
}

int64_t CsvReader::ColumnAt(size_t line_start, size_t at) const {
  int64_t col = 1;
  for (size_t i = line_start; i < at && i < buf_.size(); ++i) col += !IsContinuation(buf_[i]);
  return col;
}

}  // namespace cornerstone::engine::csv
