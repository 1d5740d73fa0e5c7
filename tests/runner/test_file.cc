// Copyright (c) Cornerstone authors. Parsing of query-test (.test) files.
#include "test_file.h"

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Only std::string_view here: Debian's absl has its own absl::string_view,
// which does not mix with std::string_view.

namespace cornerstone_test {
namespace {

constexpr std::string_view kSeparator = "----";
constexpr std::string_view kSpaces = " \t\r\n\v\f";

std::string_view StripLeading(std::string_view s) {
  size_t start = s.find_first_not_of(kSpaces);
  return start == std::string_view::npos ? std::string_view() : s.substr(start);
}

std::string_view StripTrailing(std::string_view s) {
  size_t end = s.find_last_not_of(kSpaces);
  return end == std::string_view::npos ? std::string_view()
                                       : s.substr(0, end + 1);
}

std::string_view Strip(std::string_view s) {
  return StripTrailing(StripLeading(s));
}

// Splits at runs of blanks, dropping empty pieces.
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> words;
  while (true) {
    s = StripLeading(s);
    if (s.empty()) return words;
    size_t end = s.find_first_of(kSpaces);
    words.push_back(s.substr(0, end));
    if (end == std::string_view::npos) return words;
    s = s.substr(end);
  }
}

std::string Join(const std::vector<std::string>& lines,
                 std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += separator;
    out += lines[i];
  }
  return out;
}

bool IsDirective(std::string_view word) {
  return word == "load" || word == "reset" || word == "param" ||
         word == "statement" || word == "query";
}

bool IsBlank(std::string_view line) { return Strip(line).empty(); }

bool IsComment(std::string_view line) {
  return StripLeading(line).starts_with('#');
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view content) {
    while (true) {
      size_t end = content.find('\n');
      // Drop a '\r' of CRLF files and trailing blanks: they are invisible.
      lines_.emplace_back(StripTrailing(content.substr(0, end)));
      if (end == std::string_view::npos) break;
      content = content.substr(end + 1);
    }
    // A final newline does not start another line.
    if (!lines_.empty() && lines_.back().empty()) lines_.pop_back();
  }

  ParsedFile Parse() {
    while (i_ < lines_.size() && result_.ok()) {
      const std::string& line = lines_[i_];
      if (IsBlank(line) || IsComment(line)) {
        ++i_;
        continue;
      }
      ParseRecord();
    }
    return std::move(result_);
  }

 private:
  int LineNumber() const { return static_cast<int>(i_) + 1; }

  void Fail(int line, std::string message) {
    if (!result_.ok()) return;
    result_.error_line = line;
    result_.error = std::move(message);
  }

  // Reads lines from i_ up to a blank line, the end, or (if stop_at_separator)
  // a `----` line, skipping comments. Leaves i_ at the line that stopped it.
  // Each line's number goes to *numbers if given.
  std::vector<std::string> ReadBlock(bool stop_at_separator,
                                     std::vector<int>* numbers = nullptr) {
    std::vector<std::string> block;
    for (; i_ < lines_.size(); ++i_) {
      const std::string& line = lines_[i_];
      if (IsBlank(line)) break;
      if (stop_at_separator && line == kSeparator) break;
      if (IsComment(line)) continue;
      block.push_back(line);
      if (numbers) numbers->push_back(LineNumber());
    }
    return block;
  }

  bool AtSeparator() const {
    return i_ < lines_.size() && lines_[i_] == kSeparator;
  }

  void ParseRecord() {
    Record record;
    record.line = LineNumber();
    const std::string directive_line =
        std::string(StripLeading(lines_[i_]));
    std::vector<std::string_view> words = Words(directive_line);
    const std::string_view directive = words[0];
    ++i_;

    if (directive == "load") {
      if (words.size() != 2) {
        return Fail(record.line, "expected 'load NAME'");
      }
      record.kind = RecordKind::kLoad;
      record.name = std::string(words[1]);
    } else if (directive == "reset") {
      if (words.size() != 1) return Fail(record.line, "expected 'reset'");
      record.kind = RecordKind::kReset;
    } else if (directive == "param") {
      // param NAME EXPR: the expression is the rest of the line, spaces and
      // all.
      std::string_view rest =
          StripLeading(std::string_view(directive_line).substr(directive.size()));
      size_t end = rest.find_first_of(" \t");
      std::string_view name = rest.substr(0, end);
      std::string_view expr =
          end == std::string_view::npos
              ? std::string_view()
              : Strip(rest.substr(end));
      if (name.empty() || expr.empty()) {
        return Fail(record.line, "expected 'param NAME VALUE'");
      }
      if (!IsIdentifier(name)) {
        return Fail(record.line,
                    "bad parameter name '" + std::string(name) + "'");
      }
      record.kind = RecordKind::kParam;
      record.name = std::string(name);
      record.text = std::string(expr);
    } else if (directive == "statement") {
      if (words.size() != 2 || (words[1] != "ok" && words[1] != "error")) {
        return Fail(record.line,
                    "expected 'statement ok' or 'statement error'");
      }
      record.kind = words[1] == "ok" ? RecordKind::kStatementOk
                                     : RecordKind::kStatementError;
      if (!ReadStatement(record)) return;
      if (AtSeparator()) {
        if (record.kind == RecordKind::kStatementOk) {
          return Fail(LineNumber(),
                      "'statement ok' takes no '----' block (use 'query')");
        }
        ++i_;
        const int expected_line = LineNumber();
        record.expected = ReadBlock(/*stop_at_separator=*/false);
        if (record.expected.size() != 1) {
          return Fail(expected_line,
                      "'statement error' expects exactly one line after "
                      "'----': a substring of the error message");
        }
        record.has_expected = true;
      }
    } else if (directive == "query") {
      if (words.size() > 2 || (words.size() == 2 && words[1] != "ordered")) {
        return Fail(record.line, "expected 'query' or 'query ordered'");
      }
      record.kind = RecordKind::kQuery;
      record.ordered = words.size() == 2;
      if (!ReadStatement(record)) return;
      if (!AtSeparator()) {
        return Fail(record.line,
                    "query has no '----' line followed by the expected "
                    "result");
      }
      ++i_;
      const int expected_line = LineNumber();
      std::vector<int> numbers;
      record.expected = ReadBlock(/*stop_at_separator=*/false, &numbers);
      if (record.expected.empty()) {
        return Fail(expected_line,
                    "expected the column names after '----' (a query with "
                    "no rows still has its header)");
      }
      // No value prints as a bare directive word, so such a row is a record
      // that lost the blank line before it.
      for (size_t row = 1; row < record.expected.size(); ++row) {
        std::vector<std::string_view> row_words = Words(record.expected[row]);
        if (IsDirective(row_words[0])) {
          return Fail(numbers[row],
                      "'" + std::string(row_words[0]) +
                          "' in a query result: a blank line must end the "
                          "previous record");
        }
      }
    } else {
      return Fail(record.line,
                  "unknown directive '" + std::string(directive) +
                      "' (expected load, reset, param, statement ok, "
                      "statement error, query, query ordered)");
    }
    result_.records.push_back(std::move(record));
  }

  // Reads the statement text of a statement/query record into record.text.
  bool ReadStatement(Record& record) {
    std::vector<std::string> body = ReadBlock(/*stop_at_separator=*/true);
    if (body.empty()) {
      Fail(record.line,
           "'" + Describe(record) + "' must be followed by the statement text");
      return false;
    }
    record.text = Join(body, "\n");
    return true;
  }

  std::vector<std::string> lines_;
  size_t i_ = 0;
  ParsedFile result_;
};

}  // namespace

std::string Describe(const Record& record) {
  switch (record.kind) {
    case RecordKind::kLoad:
      return "load " + record.name;
    case RecordKind::kReset:
      return "reset";
    case RecordKind::kParam:
      return "param " + record.name + " " + record.text;
    case RecordKind::kStatementOk:
      return "statement ok";
    case RecordKind::kStatementError:
      return "statement error";
    case RecordKind::kQuery:
      return record.ordered ? "query ordered" : "query";
  }
  return "?";
}

ParsedFile ParseTestFile(std::string_view content) {
  return Parser(content).Parse();
}

}  // namespace cornerstone_test
