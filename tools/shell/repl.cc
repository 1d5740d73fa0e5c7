// Copyright (c) Cornerstone authors.
#include "repl.h"

#include <editline/readline.h>

#include <csignal>
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

volatile std::sig_atomic_t g_interrupted = 0;

void OnInterrupt(int /*signal*/) { g_interrupted = 1; }

// While alive, Ctrl-C sets g_interrupted instead of ending the process
// (libedit's readline() then returns NULL). A running query is not
// cancelled: the API has no way to; the flag is simply dropped.
class InterruptGuard {
 public:
  InterruptGuard() {
    struct sigaction action = {};
    action.sa_handler = OnInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_);
  }
  ~InterruptGuard() { sigaction(SIGINT, &old_, nullptr); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction old_ = {};
};

enum class ReadStatus { kLine, kInterrupted, kEnd };

// One readline() line; kInterrupted after Ctrl-C, kEnd after Ctrl-D.
ReadStatus ReadLine(const char* prompt, std::string* line) {
  g_interrupted = 0;
  char* raw = readline(prompt);
  if (raw == nullptr) return g_interrupted ? ReadStatus::kInterrupted : ReadStatus::kEnd;
  *line = raw;
  std::free(raw);
  return ReadStatus::kLine;
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
  InterruptGuard interrupt_guard;
  InputAccumulator input;
  EntryBuilder entry;
  int line_no = 0;
  std::string line;
  while (!session.quit_requested()) {
    ReadStatus read = ReadLine(input.pending() ? kContinuationPrompt : kPrompt, &line);
    if (read == ReadStatus::kEnd) {
      session.out() << "\n";  // Ctrl-D; an unfinished statement is dropped
      break;
    }
    if (read == ReadStatus::kInterrupted) {  // Ctrl-C drops the statement
      session.out() << "^C\n";
      session.out().flush();
      input.Clear();
      entry.Take();
      continue;
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
      absl::Status status =
          item.is_command ? session.RunCommand(item.text) : session.RunStatement(item.text);
      if (!status.ok()) session.PrintError("", status);
      if (session.quit_requested()) break;
    }
  }
  session.out().flush();
}

}  // namespace cornerstone::shell
