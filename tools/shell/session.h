// Copyright (c) Cornerstone authors. A shell session: one connection, the
// current output settings, and how statements and commands are run.
#ifndef CORNERSTONE_TOOLS_SHELL_SESSION_H_
#define CORNERSTONE_TOOLS_SHELL_SESSION_H_

#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "cornerstone/cornerstone.h"
#include "output_format.h"

namespace cornerstone::shell {

class Session {
 public:
  // `db`, `out` and `err` must outlive the session. Results go to `out`,
  // errors (printed by callers via PrintError) to `err`.
  Session(Database& db, std::ostream& out, std::ostream& err);

  // Runs one Cypher statement and prints its plan (EXPLAIN/PROFILE), rows
  // (none for EXPLAIN), stats (table format only, unless quiet_stats()) and
  // timing (when the timer is on) to out().
  // Returns the query's error without printing it. Never throws.
  absl::Status RunStatement(std::string_view text);

  // Runs a colon-command line such as ":mode csv" (leading blanks, the ':'
  // and one trailing ';' allowed). Returns InvalidArgument for an unknown
  // command or bad arguments, without printing it.
  absl::Status RunCommand(std::string_view line);

  // Prints `status` to err(): "<where>: " (when `where` is not empty) then
  // the message, whose own lines (kind, position, caret) are kept intact.
  void PrintError(std::string_view where, const absl::Status& status);

  Database& db() { return db_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  OutputFormat format() const { return format_; }
  void set_format(OutputFormat format) { format_ = format; }
  // While set, statement counters ("Created 1 node") are not printed;
  // script files set it so that loading a graph is silent.
  bool quiet_stats() const { return quiet_stats_; }
  void set_quiet_stats(bool quiet) { quiet_stats_ = quiet; }
  bool timer() const { return timer_; }
  void set_timer(bool on) { timer_ = on; }
  // Set by :quit; drivers stop reading input once it is true.
  bool quit_requested() const { return quit_requested_; }
  void request_quit() { quit_requested_ = true; }

 private:
  absl::Status RunStatementOrThrow(std::string_view text);

  Database& db_;
  Connection conn_;
  std::ostream& out_;
  std::ostream& err_;
  OutputFormat format_ = OutputFormat::kTable;
  bool timer_ = false;
  bool quiet_stats_ = false;
  bool quit_requested_ = false;
};

// True when `line` (ignoring leading blanks) is a colon-command.
bool IsColonCommand(std::string_view line);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_SESSION_H_
