// Copyright (c) Cornerstone authors.
#include "repl.h"

#include <editline/readline.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <string>
#include <thread>

#include "completion.h"
#include "history.h"
#include "input.h"
#include "strings.h"

namespace cornerstone::shell {
namespace {

constexpr char kPrompt[] = "cornerstone> ";
constexpr char kTransactionPrompt[] = "cornerstone*> ";  // after BEGIN
constexpr char kContinuationPrompt[] = "        ...> ";

volatile std::sig_atomic_t g_interrupted = 0;
// While a statement runs, SIGINT writes a byte here; the canceller thread
// reads it and calls Session::Interrupt() (not async-signal-safe itself).
std::atomic<bool> g_running{false};
std::atomic<int> g_generation{0};  // counts statements run at the prompt
int g_wake_fd = -1;

void OnInterrupt(int /*signal*/) {
  g_interrupted = 1;
  if (g_running.load() && g_wake_fd >= 0) {
    int saved = errno;
    char byte = 'i';
    if (write(g_wake_fd, &byte, 1) < 0) {
      // nothing to do in a signal handler
    }
    errno = saved;
  }
}

// While alive: Ctrl-C sets g_interrupted instead of ending the process
// (libedit's readline() then returns NULL), and cancels the statement
// running on `session` through a thread that waits on a pipe.
class InterruptGuard {
 public:
  explicit InterruptGuard(Session& session) {
    int fds[2];
    if (pipe(fds) == 0) {
      read_fd_ = fds[0];
      g_wake_fd = fds[1];
      // The thread must not take SIGINT itself: block it while creating.
      sigset_t block, old;
      sigemptyset(&block);
      sigaddset(&block, SIGINT);
      pthread_sigmask(SIG_BLOCK, &block, &old);
      canceller_ = std::thread([this, &session] {
        char byte = 0;
        while (true) {
          ssize_t n = read(read_fd_, &byte, 1);
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0 || byte == 'q') break;
          InterruptUntilStopped(session);
        }
      });
      pthread_sigmask(SIG_SETMASK, &old, nullptr);
    }
    struct sigaction action = {};
    action.sa_handler = OnInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_action_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_action_, nullptr);
    if (canceller_.joinable()) {
      char byte = 'q';
      if (write(g_wake_fd, &byte, 1) < 0) {
        // the thread ends when the pipe closes below anyway
      }
      canceller_.join();
    }
    if (g_wake_fd >= 0) close(g_wake_fd);
    if (read_fd_ >= 0) close(read_fd_);
    g_wake_fd = -1;
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  // Interrupts the running statement. An Interrupt() that lands just
  // before the engine starts the statement is dropped by it, so it is
  // repeated every 100 ms (for up to 5 s) while the same statement runs.
  void InterruptUntilStopped(Session& session) {
    int generation = g_generation.load();
    session.Interrupt();
    for (int i = 0; i < 50; ++i) {
      struct pollfd wake = {read_fd_, POLLIN, 0};
      if (poll(&wake, 1, 100) != 0) return;  // a new byte: the caller reads it
      if (!g_running.load() || g_generation.load() != generation) return;
      session.Interrupt();
    }
  }

  struct sigaction old_action_ = {};
  int read_fd_ = -1;
  std::thread canceller_;
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

void RunItem(Session& session, const InputItem& item) {
  g_interrupted = 0;
  g_generation.fetch_add(1);
  g_running.store(true);
  absl::Status status =
      item.is_command ? session.RunCommand(item.text) : session.RunStatement(item.text);
  g_running.store(false);
  if (g_interrupted) {  // the terminal echoed "^C" with no line end
    session.out() << "\n";
    session.out().flush();
  }
  if (!status.ok()) session.PrintError("", status);
}

}  // namespace

void RunRepl(Session& session, const std::string& history_path) {
  History history(history_path);
  InstallCompletion(&session);
  session.out() << "Cornerstone " << Version()
                << ", an openCypher shell. Enter \":help\" for commands; "
                   "statements end with ';'.\n";
  session.out().flush();
  InterruptGuard interrupt_guard(session);
  InputAccumulator input;
  EntryBuilder entry;
  int line_no = 0;
  // Whether the last input was Ctrl-C at the prompt: the prompt is empty
  // then, and another Ctrl-C exits. (libedit's readline() does not tell
  // what had been typed when Ctrl-C came, so the first Ctrl-C always only
  // clears.)
  bool armed_exit = false;
  std::string line;
  while (!session.quit_requested()) {
    const char* prompt = input.pending()             ? kContinuationPrompt
                         : session.in_transaction() ? kTransactionPrompt
                                                    : kPrompt;
    ReadStatus read = ReadLine(prompt, &line);
    if (read == ReadStatus::kEnd) {
      session.out() << "\n";  // Ctrl-D; an unfinished statement is dropped
      break;
    }
    if (read == ReadStatus::kInterrupted) {  // Ctrl-C drops the statement
      if (armed_exit) {
        session.out() << "^C\n";
        break;
      }
      session.out() << "^C (Ctrl-C again or Ctrl-D to exit)\n";
      session.out().flush();
      armed_exit = true;
      input.Clear();
      entry.Take();
      continue;
    }
    armed_exit = false;
    bool in_statement = input.pending();
    std::vector<InputItem> items = input.AddLine(line, ++line_no);
    if (!in_statement && IsColonCommand(line)) {
      history.Add(line);
    } else {
      entry.AddLine(line);
      if (!input.pending()) history.Add(entry.Take());
    }
    for (const InputItem& item : items) {
      RunItem(session, item);
      // Ctrl-C also drops the statements after the cancelled one.
      if (session.quit_requested() || g_interrupted) break;
    }
  }
  session.out().flush();
}

}  // namespace cornerstone::shell
