// Copyright (c) Cornerstone authors.
#include "history.h"

#include <editline/readline.h>

#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "strings.h"

namespace cornerstone::shell {

History::History(std::string path) : path_(std::move(path)) {
  using_history();
  stifle_history(kMaxEntries);
  if (!path_.empty()) {
    read_history(path_.c_str());  // a missing file is an empty history
    if (history_length > 0) {
      HIST_ENTRY* entry = history_get(history_base + history_length - 1);
      if (entry != nullptr && entry->line != nullptr) last_ = entry->line;
    }
  }
}

void History::Add(std::string_view entry) {
  entry = Strip(entry);
  if (entry.empty() || entry == last_) return;
  last_ = std::string(entry);
  add_history(last_.c_str());
  if (path_.empty()) return;
  // write_history rewrites the (at most kMaxEntries) entries; appending
  // would interleave badly with libedit's file header on first use.
  write_history(path_.c_str());
}

std::string History::DefaultPath() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return absl::StrCat(home, "/.cornerstone_history");
}

}  // namespace cornerstone::shell
