// Copyright (c) Cornerstone authors.
#include "session.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "commands.h"
#include "printers.h"
#include "strings.h"
#include "text_width.h"

namespace cornerstone::shell {
namespace {

// Whether the statement starts with the keyword `word` (lower case).
bool StartsWithKeyword(std::string_view text, std::string_view word) {
  std::string_view head = StripLeading(text);
  return head.size() > word.size() && ToLowerAscii(head.substr(0, word.size())) == word &&
         IsBlank(head[word.size()]);
}

// What BEGIN, COMMIT and ROLLBACK (typed as statements) did, or nullptr
// for other statements.
const char* ControlMessage(std::string_view text) {
  std::string word = ToLowerAscii(Strip(text));  // statements come without ';'
  if (word == "begin") return "Transaction started";
  if (word == "commit") return "Committed";
  if (word == "rollback") return "Rolled back";
  return nullptr;
}

bool SamePath(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  std::error_code ec1, ec2;
  auto ca = std::filesystem::weakly_canonical(a, ec1);
  auto cb = std::filesystem::weakly_canonical(b, ec2);
  return ec1 || ec2 ? a == b : ca == cb;
}

}  // namespace

Session::Session(std::unique_ptr<Database> db, std::ostream& out, std::ostream& err)
    : db_(std::move(db)), conn_(std::make_unique<Connection>(*db_)), out_(out), err_(err) {}

absl::StatusOr<Result> Session::Query(std::string_view text) {
  Connection* conn;
  {
    std::lock_guard<std::mutex> lock(conn_mu_);
    conn = conn_.get();
  }
  return conn->Query(text, params_);
}

void Session::Interrupt() {
  interrupted_.store(true);
  std::lock_guard<std::mutex> lock(conn_mu_);
  if (conn_ != nullptr) conn_->Interrupt();
}

bool Session::in_transaction() {
  std::lock_guard<std::mutex> lock(conn_mu_);
  return conn_ != nullptr && conn_->in_transaction();
}

absl::Status Session::RunStatement(std::string_view text) {
  absl::Status status;
  try {
    status = RunStatementOrThrow(text);
  } catch (const std::exception& e) {
    status = absl::InternalError(absl::StrCat("InternalError: ", e.what()));
  }
  out_.flush();
  return status;
}

int Session::TableWidth() const {
  if (max_width_ != kAutoWidth) return max_width_;
  if (!terminal_) return 0;
  struct winsize size = {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) return std::atoi(columns);
  return 0;
}

absl::Status Session::RunStatementOrThrow(std::string_view text) {
  absl::StatusOr<Result> result = Query(text);
  if (!result.ok()) return result.status();
  const std::string& plan = result->plan();
  if (!plan.empty()) {
    out_ << plan << (plan.back() == '\n' ? "" : "\n");
  }
  RowSet rows;
  // EXPLAIN runs nothing: its plan is the whole answer.
  bool explain = !plan.empty() && StartsWithKeyword(text, "explain");
  bool profile = !plan.empty() && StartsWithKeyword(text, "profile");
  if (!explain) {
    rows.columns = result->columns();
    while (result->Next()) {
      if (max_rows_ > 0 && static_cast<int64_t>(rows.rows.size()) >= max_rows_) {
        ++rows.left_out;
      } else {
        rows.rows.push_back(result->row());
        if (path_sources_) {
          for (Value& cell : rows.rows.back()) cell = WithPathSentences(cell);
        }
      }
    }
  }
  PrintRows(rows, format_, PrintOptions{TableWidth()}, out_);
  bool counts_in_output = format_ == OutputFormat::kTable || format_ == OutputFormat::kLine;
  if (rows.left_out > 0 && !counts_in_output) {
    out_.flush();
    err_ << "(" << rows.left_out << " more " << (rows.left_out == 1 ? "row" : "rows")
         << " left out by :maxrows " << max_rows_ << ")\n";
    err_.flush();
  }
  if (format_ == OutputFormat::kTable && !quiet_stats_) {
    std::string stats = result->stats().ToString();
    if (!stats.empty()) {
      out_ << stats << "\n";
    } else if (rows.columns.empty() && plan.empty()) {
      const char* control = ControlMessage(text);
      out_ << (control != nullptr ? control : "No changes, no rows") << "\n";
    }
  }
  if (timer_ || profile) {
    const QueryTiming& t = result->timing();
    out_ << absl::StrFormat("Run Time: parse %.3f ms, plan %.3f ms, execute %.3f ms\n",
                            t.parse_us / 1000.0, t.plan_us / 1000.0, t.execute_us / 1000.0);
  }
  return absl::OkStatus();
}

absl::Status Session::RunCommand(std::string_view line) {
  interrupted_.store(false);
  absl::Status status;
  try {
    status = RunColonCommand(*this, line);
  } catch (const std::exception& e) {
    status = absl::InternalError(absl::StrCat("InternalError: ", e.what()));
  }
  out_.flush();
  return status;
}

absl::Status Session::OpenDatabase(const std::string& path) {
  DatabaseOptions options;
  options.read_only = read_only_;
  options.threads = threads_;
  // A file this process holds open is locked: close it before reopening.
  bool reopen = SamePath(path, db_->path());
  std::string old_path = db_->path();
  std::unique_ptr<Database> old_db;
  if (reopen) {
    std::lock_guard<std::mutex> lock(conn_mu_);
    conn_.reset();
    old_db = std::move(db_);
    old_db.reset();
  }
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path, options);
  if (!db.ok()) {
    if (reopen) {  // put back what was open, or at least an empty graph
      absl::StatusOr<std::unique_ptr<Database>> back = Database::Open(old_path, options);
      if (!back.ok()) back = Database::Open(DatabaseOptions{});
      db_ = *std::move(back);
      std::lock_guard<std::mutex> lock(conn_mu_);
      conn_ = std::make_unique<Connection>(*db_);
    }
    return db.status();
  }
  auto conn = std::make_unique<Connection>(**db);
  std::unique_ptr<Connection> old_conn;
  {
    std::lock_guard<std::mutex> lock(conn_mu_);
    old_conn = std::move(conn_);
    conn_ = std::move(conn);
  }
  old_db = std::move(db_);
  db_ = *std::move(db);
  old_conn.reset();
  old_db.reset();
  return absl::OkStatus();
}

void Session::PrintError(std::string_view where, const absl::Status& status) {
  // Messages may quote input verbatim, bytes that could upset a terminal.
  std::string message = SanitizeForTerminal(
      status.message().empty() ? status.ToString() : std::string(status.message()));
  if (!where.empty()) err_ << where << ": ";
  err_ << message << (message.back() == '\n' ? "" : "\n");
  err_.flush();
}

bool IsColonCommand(std::string_view line) {
  line = StripLeading(line);
  return !line.empty() && line[0] == ':';
}

}  // namespace cornerstone::shell
