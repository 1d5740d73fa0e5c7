// Copyright (c) Cornerstone authors.
#include "repl.h"

#include <editline/readline.h>

#include <cstdlib>
#include <string>

#include "completion.h"
#include "history.h"
#include "input.h"
#include "strings.h"

namespace cornerstone::shell {
namespace {

constexpr char kPrompt[] = "cornerstone> ";
constexpr char kContinuationPrompt[] = "        ...> ";

// One readline() line, or false at end of input (Ctrl-D).
bool ReadLine(const char* prompt, std::string* line) {
  char* raw = readline(prompt);
  if (raw == nullptr) return false;
  *line = raw;
  std::free(raw);
  return true;
}

// Collects the lines of a multi-line statement into one history entry. Lines
// are joined with a space so the entry recalls as one editable line, unless
// a line has a // comment, which would swallow the lines after it.
class EntryBuilder {
 public:
  void AddLine(std::string_view line) {
    line = Strip(line);
    if (line.empty()) return;
    lines_.emplace_back(line);
  }
  std::string Take() {
    bool has_comment = false;
    for (const auto& l : lines_) has_comment |= l.find("//") != l.npos;
    std::string entry;
    for (const auto& l : lines_) {
      if (!entry.empty()) entry += has_comment ? '\n' : ' ';
      entry += l;
    }
    lines_.clear();
    return entry;
  }

 private:
  std::vector<std::string> lines_;
};

}  // namespace

void RunRepl(Session& session) {
  History history(History::DefaultPath());
  InstallCompletion(&session.db());
  session.out() << "Cornerstone " << Version()
                << ", an openCypher shell. Enter \":help\" for commands; "
                   "statements end with ';'.\n";
  session.out().flush();
  InputAccumulator input;
  EntryBuilder entry;
  int line_no = 0;
  std::string line;
  while (!session.quit_requested()) {
    if (!ReadLine(input.pending() ? kContinuationPrompt : kPrompt, &line)) {
      session.out() << "\n";  // Ctrl-D; an unfinished statement is dropped
      break;
    }
    bool in_statement = input.pending();
    std::vector<InputItem> items = input.AddLine(line, ++line_no);
    if (!in_statement && IsColonCommand(line)) {
      history.Add(line);
    } else {
      entry.AddLine(line);
      if (!input.pending()) history.Add(entry.Take());
    }
    for (const InputItem& item : items) {
      absl::Status status = item.is_command ? session.RunCommand(item.text)
                                            : session.RunStatement(item.text);
      if (!status.ok()) session.PrintError("", status);
      if (session.quit_requested()) break;
    }
  }
  session.out().flush();
}

}  // namespace cornerstone::shell
