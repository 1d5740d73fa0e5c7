// Copyright (c) Cornerstone authors.
#include "isolate.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

namespace cornerstone_tck {
namespace {

constexpr rlim_t kChildMemoryLimit = rlim_t{4} << 30;  // address space, bytes

Outcome Failed(std::string reason) {
  Outcome out;
  out.status = Outcome::Status::kFail;
  out.reason = std::move(reason);
  return out;
}

// Wire format: a status letter (P, F, S), a phase letter (-, Y, N), the
// reason, '\0', the detail.
std::string Encode(const Outcome& outcome) {
  char status = outcome.status == Outcome::Status::kPass   ? 'P'
                : outcome.status == Outcome::Status::kSkip ? 'S'
                                                           : 'F';
  char phase = outcome.phase == Outcome::Phase::kMatch      ? 'Y'
               : outcome.phase == Outcome::Phase::kMismatch ? 'N'
                                                            : '-';
  std::string out{status, phase};
  out += outcome.reason;
  out.push_back('\0');
  out += outcome.detail;
  return out;
}

bool Decode(const std::string& data, Outcome* outcome) {
  if (data.size() < 2) return false;
  size_t nul = data.find('\0');
  if (nul == std::string::npos) return false;
  switch (data[0]) {
    case 'P': outcome->status = Outcome::Status::kPass; break;
    case 'S': outcome->status = Outcome::Status::kSkip; break;
    case 'F': outcome->status = Outcome::Status::kFail; break;
    default: return false;
  }
  switch (data[1]) {
    case 'Y': outcome->phase = Outcome::Phase::kMatch; break;
    case 'N': outcome->phase = Outcome::Phase::kMismatch; break;
    default: outcome->phase = Outcome::Phase::kNotChecked; break;
  }
  if (nul < 2) return false;
  outcome->reason = data.substr(2, nul - 2);
  outcome->detail = data.substr(nul + 1);
  return true;
}

void WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

[[noreturn]] void ChildMain(const Scenario& scenario, const RunOptions& options, int fd,
                            int timeout_ms) {
  signal(SIGPIPE, SIG_IGN);
  alarm(static_cast<unsigned>(timeout_ms / 1000 + 2));  // backstop if the parent is gone
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  // Not under ASan/TSan (tools/test's build-asan): their shadow memory
  // reserves terabytes of address space, so any RLIMIT_AS fails every mmap.
  rlimit limit{kChildMemoryLimit, kChildMemoryLimit};
  setrlimit(RLIMIT_AS, &limit);
#endif
  Outcome outcome = RunScenario(scenario, options);
  WriteAll(fd, Encode(outcome));
  close(fd);
  _exit(0);  // no atexit handlers, no flushing of inherited stdio buffers
}

}  // namespace

Outcome RunIsolated(const Scenario& scenario, const RunOptions& options, int timeout_ms) {
  int fds[2];
  if (pipe(fds) != 0) return Failed(std::string("pipe failed: ") + std::strerror(errno));
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return Failed(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
    ChildMain(scenario, options, fds[1], timeout_ms);
  }
  close(fds[1]);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string data;
  bool timed_out = false;
  char buf[65536];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // deadline check above
    ssize_t n = read(fds[0], buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the child is done (or died)
    data.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    return Failed("timeout: over " + std::to_string(timeout_ms / 1000) + " s");
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return Failed("crashed: signal " + std::to_string(sig) + " (" + strsignal(sig) + ")");
  }
  Outcome outcome;
  if (!Decode(data, &outcome)) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return Failed("crashed: child exited with status " + std::to_string(code) +
                  " without a result");
  }
  return outcome;
}

}  // namespace cornerstone_tck
