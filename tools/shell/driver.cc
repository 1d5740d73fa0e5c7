// Copyright (c) Cornerstone authors.
#include "driver.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "input.h"
#include "strings.h"

namespace cornerstone::shell {
namespace {

// Runs one item; prints its error prefixed by "NAME:LINE".
bool RunItem(Session& session, const InputItem& item, std::string_view name) {
  absl::Status status =
      item.is_command ? session.RunCommand(item.text) : session.RunStatement(item.text);
  if (status.ok()) return true;
  session.PrintError(absl::StrCat(ToAbsl(name), ":", item.line), status);
  return false;
}

}  // namespace

bool RunScriptFile(Session& session, const std::string& path) {
  if (!std::string_view(path).ends_with(".cypher")) {
    session.PrintError(path, absl::InvalidArgumentError("not a Cypher script (expected *.cypher)"));
    return false;
  }
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  if (file) text << file.rdbuf();
  if (!file || file.bad()) {
    session.PrintError(path,
                       absl::NotFoundError(absl::StrCat("cannot read: ", std::strerror(errno))));
    return false;
  }
  bool was_quiet = session.quiet_stats();
  session.set_quiet_stats(true);
  bool ok = true;
  for (const ScriptStatement& s : SplitStatements(text.str())) {
    absl::Status status = session.RunStatement(s.text);
    if (!status.ok()) {
      session.PrintError(absl::StrCat(path, ":", s.line), status);
      ok = false;
      break;
    }
  }
  session.set_quiet_stats(was_quiet);
  return ok;
}

bool RunCommandText(Session& session, std::string_view text) {
  if (IsColonCommand(text)) {
    absl::Status status = session.RunCommand(text);
    if (!status.ok()) session.PrintError("", status);
    return status.ok();
  }
  bool ok = true;
  for (const ScriptStatement& s : SplitStatements(text)) {
    absl::Status status = session.RunStatement(s.text);
    if (!status.ok()) {
      session.PrintError("", status);
      ok = false;
      if (session.bail()) break;
    }
  }
  return ok;
}

bool RunFile(Session& session, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    session.PrintError(path,
                       absl::NotFoundError(absl::StrCat("cannot read: ", std::strerror(errno))));
    return false;
  }
  return RunStream(session, file, path);
}

bool RunStream(Session& session, std::istream& in, std::string_view name) {
  InputAccumulator input;
  bool ok = true;
  int line_no = 0;
  std::string line;
  while (!session.quit_requested() && std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    for (const InputItem& item : input.AddLine(line, line_no)) {
      ok = RunItem(session, item, name) && ok;
      if (session.quit_requested() || (!ok && session.bail())) return ok;
    }
  }
  if (session.quit_requested() || (!ok && session.bail())) return ok;
  for (const InputItem& item : input.Finish()) {
    ok = RunItem(session, item, name) && ok;
    if (session.quit_requested() || (!ok && session.bail())) break;
  }
  return ok;
}

}  // namespace cornerstone::shell
