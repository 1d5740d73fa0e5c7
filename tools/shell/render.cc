// Copyright (c) Cornerstone authors.
#include "render.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

extern char** environ;

namespace cornerstone::shell {
namespace {

// The -T format for `path`'s extension, or "".
std::string FormatOf(std::string_view path) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return "";
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext == "svg" || ext == "png" || ext == "pdf" ? ext : "";
}

// Writes `text` to a new temporary file; returns its path or "".
std::string WriteTempFile(const std::string& text) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = absl::StrCat(dir != nullptr && *dir ? dir : "/tmp", "/cornerstone-XXXXXX");
  std::vector<char> name(path.begin(), path.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) return "";
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  if (done != text.size()) {
    unlink(name.data());
    return "";
  }
  return name.data();
}

}  // namespace

std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  for (absl::string_view dir : absl::StrSplit(dirs, ':')) {
    std::string candidate = absl::StrCat(dir.empty() ? "." : dir, "/", program);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

absl::Status RenderDot(const std::string& dot_text, const std::string& out_path) {
  std::string format = FormatOf(out_path);
  if (format.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot tell the picture format of '", out_path,
                     "': the file name must end in .svg, .png or .pdf"));
  }
  std::string dot = FindOnPath("dot");
  if (dot.empty()) {
    return absl::FailedPreconditionError(
        "Graphviz's 'dot' program is not installed (not found on PATH); install it, e.g. "
        "'apt-get install graphviz', or use :dot to print the DOT text");
  }
  std::string input = WriteTempFile(dot_text);
  if (input.empty()) {
    return absl::InternalError(absl::StrCat("cannot write a temporary file: ",
                                            std::strerror(errno)));
  }
  std::string type_arg = "-T" + format;
  std::vector<std::string> args = {"dot", type_arg, "-o", out_path, input};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int spawn_error = posix_spawn(&pid, dot.c_str(), nullptr, nullptr, argv.data(), environ);
  int wait_status = 0;
  if (spawn_error == 0) {
    while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
    }
  }
  unlink(input.c_str());
  if (spawn_error != 0) {
    return absl::InternalError(absl::StrCat("cannot run ", dot, ": ", std::strerror(spawn_error)));
  }
  if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
    return absl::InternalError(absl::StrCat(
        "dot failed (", WIFEXITED(wait_status) ? "exit status " : "signal ",
        WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : WTERMSIG(wait_status), ") drawing '",
        out_path, "'"));
  }
  return absl::OkStatus();
}

}  // namespace cornerstone::shell
