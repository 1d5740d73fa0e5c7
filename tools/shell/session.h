// Copyright (c) Cornerstone authors. A shell session: the open database, one
// connection to it, the current settings and parameters, and how statements
// and commands are run.
#ifndef CORNERSTONE_TOOLS_SHELL_SESSION_H_
#define CORNERSTONE_TOOLS_SHELL_SESSION_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cornerstone/cornerstone.h"
#include "output_format.h"

namespace cornerstone::shell {

class Session {
 public:
  // `out` and `err` must outlive the session. Results go to `out`, errors
  // (printed by callers via PrintError) to `err`.
  Session(std::unique_ptr<Database> db, std::ostream& out, std::ostream& err);

  // Runs one Cypher statement with the session's parameters and prints its
  // plan (EXPLAIN/PROFILE), rows (none for EXPLAIN; at most max_rows()),
  // stats (table format only, unless quiet_stats()) and timing (when the
  // timer is on, and always for PROFILE) to out(). Returns the query's
  // error without printing it. Never throws.
  absl::Status RunStatement(std::string_view text);

  // Runs a statement with the session's parameters and returns its result
  // without printing anything (for :dot, :param, ...).
  absl::StatusOr<Result> Query(std::string_view text);

  // Runs a colon-command line such as ":mode csv" (leading blanks, the ':'
  // and one trailing ';' allowed). Returns InvalidArgument for an unknown
  // command or bad arguments, without printing it.
  absl::Status RunCommand(std::string_view line);

  // Prints `status` to err(): "<where>: " (when `where` is not empty) then
  // the message, whose own lines (kind, position, caret) are kept intact.
  void PrintError(std::string_view where, const absl::Status& status);

  // Replaces the database by the one at `path` ("" for a new in-memory
  // graph), opened read-only when read_only() is set. On error the current
  // database stays open.
  absl::Status OpenDatabase(const std::string& path);

  // Cancels the statement running on the connection, from any thread, and
  // marks the running colon-command interrupted (interrupted()).
  void Interrupt();
  // Whether Interrupt() was called since the colon-command running now
  // began: long commands (:import) poll it.
  bool interrupted() const { return interrupted_.load(); }
  // Whether an explicit transaction (BEGIN) is open on the connection.
  bool in_transaction();

  Database& db() { return *db_; }
  const Database& db() const { return *db_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  Params& params() { return params_; }

  OutputFormat format() const { return format_; }
  void set_format(OutputFormat format) { format_ = format; }
  // While set, statement counters ("Created 1 node") are not printed;
  // script files set it so that loading a graph is silent.
  bool quiet_stats() const { return quiet_stats_; }
  void set_quiet_stats(bool quiet) { quiet_stats_ = quiet; }
  // While set (":paths sources"), paths print as one line each with the
  // source of every hop (PathSentence), in every output format.
  bool path_sources() const { return path_sources_; }
  void set_path_sources(bool on) { path_sources_ = on; }
  bool timer() const { return timer_; }
  void set_timer(bool on) { timer_ = on; }
  // At most this many rows print per statement (0: all).
  int64_t max_rows() const { return max_rows_; }
  void set_max_rows(int64_t n) { max_rows_ = n; }
  // Tables are cut to this many columns: kAutoWidth follows the terminal
  // (when out() is one, see set_terminal), 0 never cuts.
  static constexpr int kAutoWidth = -1;
  int max_width() const { return max_width_; }
  void set_max_width(int width) { max_width_ = width; }
  // Whether out() is the terminal on standard output.
  void set_terminal(bool terminal) { terminal_ = terminal; }
  // Databases are opened read-only (--read-only).
  bool read_only() const { return read_only_; }
  void set_read_only(bool read_only) { read_only_ = read_only; }
  // DatabaseOptions::threads for the databases :open opens.
  void set_threads(int threads) { threads_ = threads; }
  // Stop reading input at the first error (--bail).
  bool bail() const { return bail_; }
  void set_bail(bool bail) { bail_ = bail; }
  // Nesting depth of :read, to stop a file that reads itself.
  int read_depth() const { return read_depth_; }
  void set_read_depth(int depth) { read_depth_ = depth; }
  // Set by :quit; drivers stop reading input once it is true.
  bool quit_requested() const { return quit_requested_; }
  void request_quit() { quit_requested_ = true; }

 private:
  absl::Status RunStatementOrThrow(std::string_view text);
  // The width tables may use now: 0 for no limit.
  int TableWidth() const;

  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> conn_;
  std::mutex conn_mu_;  // guards conn_ against Interrupt() from other threads
  std::atomic<bool> interrupted_{false};
  std::ostream& out_;
  std::ostream& err_;
  Params params_;
  OutputFormat format_ = OutputFormat::kTable;
  bool timer_ = false;
  bool path_sources_ = false;
  bool quiet_stats_ = false;
  int64_t max_rows_ = 0;
  int max_width_ = kAutoWidth;
  bool terminal_ = false;
  bool read_only_ = false;
  int threads_ = 0;
  bool bail_ = false;
  int read_depth_ = 0;
  bool quit_requested_ = false;
};

// True when `line` (ignoring leading blanks) is a colon-command.
bool IsColonCommand(std::string_view line);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_SESSION_H_
