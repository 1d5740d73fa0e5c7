// Copyright (c) Cornerstone authors.
#include "session.h"

#include <exception>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "commands.h"
#include "printers.h"
#include "strings.h"
#include "text_width.h"

namespace cornerstone::shell {

Session::Session(Database& db, std::ostream& out, std::ostream& err)
    : db_(db), conn_(db), out_(out), err_(err) {}

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

absl::Status Session::RunStatementOrThrow(std::string_view text) {
  absl::StatusOr<Result> result = conn_.Query(text);
  if (!result.ok()) return result.status();
  const std::string& plan = result->plan();
  if (!plan.empty()) {
    out_ << plan << (plan.back() == '\n' ? "" : "\n");
  }
  RowSet rows;
  // EXPLAIN runs nothing: its plan is the whole answer.
  std::string_view head = StripLeading(text);
  bool explain = !plan.empty() && head.size() > 7 && ToLowerAscii(head.substr(0, 7)) == "explain" &&
                 IsBlank(head[7]);
  if (!explain) {
    rows.columns = result->columns();
    while (result->Next()) rows.rows.push_back(result->row());
  }
  PrintRows(rows, format_, out_);
  if (format_ == OutputFormat::kTable && !quiet_stats_) {
    std::string stats = result->stats().ToString();
    if (!stats.empty()) {
      out_ << stats << "\n";
    } else if (rows.columns.empty() && plan.empty()) {
      out_ << "No changes, no rows\n";
    }
  }
  if (timer_) {
    const QueryTiming& t = result->timing();
    out_ << absl::StrFormat("Run Time: parse %.3f ms, plan %.3f ms, execute %.3f ms\n",
                            t.parse_us / 1000.0, t.plan_us / 1000.0, t.execute_us / 1000.0);
  }
  return absl::OkStatus();
}

absl::Status Session::RunCommand(std::string_view line) {
  absl::Status status = RunColonCommand(*this, line);
  out_.flush();
  return status;
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
