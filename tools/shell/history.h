// Copyright (c) Cornerstone authors. The REPL's persistent history, kept in
// libedit's history list and mirrored to a file.
#ifndef CORNERSTONE_TOOLS_SHELL_HISTORY_H_
#define CORNERSTONE_TOOLS_SHELL_HISTORY_H_

#include <string>
#include <string_view>

namespace cornerstone::shell {

class History {
 public:
  static constexpr int kMaxEntries = 1000;

  // Loads the file at `path` ("" keeps history in memory only), caps the
  // list at kMaxEntries, and rewrites the file with only those when it has
  // grown well past them.
  explicit History(std::string path);

  // Adds `entry` unless it is blank or equals the previous entry, and
  // appends it to the file (so concurrent shells do not lose entries).
  void Add(std::string_view entry);

  // $HOME/.cornerstone_history, or "" when HOME is unset.
  static std::string DefaultPath();

 private:
  std::string path_;
  std::string last_;
};

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_HISTORY_H_
