// Copyright (c) Cornerstone authors.
#include "history.h"

#include <editline/readline.h>

#include <cstdlib>
#include <fstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "strings.h"

namespace cornerstone::shell {
namespace {

// The first line of libedit's history files.
constexpr char kHistoryHeader[] = "_HiStOrY_V2_";

// `entry` as one line of a libedit history file (strvis with VIS_WHITE):
// blanks and control characters as \ooo octal, a backslash doubled, other
// bytes (UTF-8 included) as they are.
std::string EncodeEntry(std::string_view entry) {
  std::string out;
  for (char c : entry) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (u <= 0x20 || u == 0x7f) {
      out += absl::StrFormat("\\%03o", u);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

History::History(std::string path) : path_(std::move(path)) {
  using_history();
  stifle_history(kMaxEntries);  // the in-memory list keeps the newest
  if (path_.empty()) return;
  if (read_history(path_.c_str()) != 0) return;  // e.g. no file yet
  if (history_length > 0) {
    HIST_ENTRY* entry = history_get(history_base + history_length - 1);
    if (entry != nullptr && entry->line != nullptr) last_ = entry->line;
  }
  // Add() only appends, so the file grows; cut it back to the newest
  // kMaxEntries here. (libedit's history_truncate_file drops the file's
  // header line, after which read_history fails, so it is not used.)
  std::ifstream file(path_);
  int lines = 0;
  for (std::string line; std::getline(file, line);) ++lines;
  if (lines > kMaxEntries + kMaxEntries / 10 + 1) write_history(path_.c_str());
}

void History::Add(std::string_view entry) {
  entry = Strip(entry);
  if (entry.empty() || entry == last_) return;
  last_ = std::string(entry);
  add_history(last_.c_str());
  if (path_.empty()) return;
  // libedit's append_history(1, ...) writes the last two entries, so the
  // line is appended here in the format read_history expects.
  bool is_new = !std::ifstream(path_).good();
  std::ofstream file(path_, std::ios::app);
  if (is_new) file << kHistoryHeader << "\n";
  file << EncodeEntry(last_) << "\n";
}

std::string History::DefaultPath() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return absl::StrCat(home, "/.cornerstone_history");
}

}  // namespace cornerstone::shell
