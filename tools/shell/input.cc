// Copyright (c) Cornerstone authors.
#include "input.h"

#include <utility>

#include "strings.h"

namespace cornerstone::shell {

std::vector<InputItem> InputAccumulator::AddLine(std::string_view line, int line_no) {
  if (buffer_.empty()) {
    std::string_view stripped = Strip(line);
    if (stripped.empty()) return {};
    if (stripped[0] == ':') {
      return {InputItem{true, std::string(stripped), line_no}};
    }
    first_line_ = line_no;
  } else {
    buffer_ += '\n';
  }
  buffer_.append(line);
  bool complete = false;
  std::vector<ScriptStatement> statements = SplitStatements(buffer_, &complete);
  if (!complete) return {};
  return TakeStatements(std::move(statements));
}

std::vector<InputItem> InputAccumulator::Finish() {
  if (buffer_.empty()) return {};
  return TakeStatements(SplitStatements(buffer_));
}

std::vector<InputItem> InputAccumulator::TakeStatements(std::vector<ScriptStatement> statements) {
  std::vector<InputItem> items;
  for (ScriptStatement& s : statements) {
    items.push_back(InputItem{false, std::move(s.text), first_line_ + s.line - 1});
  }
  buffer_.clear();
  return items;
}

}  // namespace cornerstone::shell
