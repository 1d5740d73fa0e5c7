// Copyright (c) Cornerstone authors. query-test: runs the query tests in
// tests/queries (format: tests/README.md) against the public API only.
//
//   query-test [options] PATH...     PATH: a .test file or a directory
//                                    (searched recursively for *.test)
//     --graphs DIR      where `load NAME` finds NAME.cypher (default: graphs)
//     --filter SUBSTR   only files whose path contains SUBSTR
//     --verbose, -v     print each record as it runs
//     --parse-only      only parse the files and count their records
//
// Prints one block per failing record (`file:line: reason`, then the
// expected and actual results), then `N passed, N failed` (records). Exits 1
// if anything failed or a file could not be parsed, 2 on bad usage.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <unistd.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cornerstone/cornerstone.h"
#include "test_file.h"

namespace cornerstone_test {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> paths;
  std::string graphs_dir = "graphs";
  std::string filter;
  bool verbose = false;
  bool parse_only = false;
};

constexpr char kUsage[] =
    "usage: query-test [--graphs DIR] [--filter SUBSTR] [--verbose] "
    "[--parse-only] PATH...\n"
    "  PATH: a .test file, or a directory searched recursively for *.test\n"
    "  --graphs DIR     where `load NAME` finds NAME.cypher (default: graphs)\n"
    "  --filter SUBSTR  only run files whose path contains SUBSTR\n"
    "  --verbose, -v    print each record as it runs\n"
    "  --parse-only     only parse the files and count their records\n";

// ---------------------------------------------------------------------------
// Crash reporting: if the engine crashes, say which record was running.

char g_running[2048] = "";

void OnFatalSignal(int sig) {
  if (g_running[0] != '\0') {
    ssize_t ignored = write(STDERR_FILENO, g_running, strlen(g_running));
    (void)ignored;
  }
  std::raise(sig);  // SA_RESETHAND: the default action now ends the process.
}

void InstallCrashHandler() {
  struct sigaction action;
  std::memset(&action, 0, sizeof(action));
  action.sa_handler = OnFatalSignal;
  action.sa_flags = SA_RESETHAND | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL}) {
    sigaction(sig, &action, nullptr);
  }
}

void SetRunning(const std::string& where) {
  std::snprintf(g_running, sizeof(g_running),
                "\n*** query-test: crashed while running %s\n", where.c_str());
}

// ---------------------------------------------------------------------------
// Files.

// How a path is shown: relative to the working directory when it is below
// it, as given otherwise.
std::string DisplayPath(const fs::path& path) {
  std::error_code ec;
  fs::path relative = fs::proximate(path, ec);
  if (ec || relative.empty() || *relative.begin() == "..") {
    return path.lexically_normal().string();
  }
  return relative.string();
}

// The .test files named by `paths`: files as given, directories searched
// recursively (sorted). Returns an error for a path that does not exist.
absl::StatusOr<std::vector<fs::path>> CollectFiles(
    const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const std::string& arg : paths) {
    fs::path path(arg);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(
               path, fs::directory_options::follow_directory_symlink, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".test") {
          found.push_back(it->path());
        }
      }
      if (ec) {
        return absl::NotFoundError(
            absl::StrCat(arg, ": cannot read directory: ", ec.message()));
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, ec)) {
      files.push_back(path);
    } else {
      return absl::NotFoundError(
          absl::StrCat(arg, ": no such file or directory"));
    }
  }
  return files;
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return contents.str();
}

// ---------------------------------------------------------------------------
// Results.

std::string RenderRow(const std::vector<cornerstone::Value>& row) {
  return absl::StrJoin(row, " | ",
                       [](std::string* out, const cornerstone::Value& value) {
                         out->append(value.ToString());
                       });
}

std::string Indent(const std::string& text, std::string_view prefix = "    ") {
  std::string out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::StrAppend(&out, std::string(prefix), line, "\n");
  }
  return out;
}

std::string Block(const std::vector<std::string>& lines) {
  if (lines.empty()) return "    (nothing)\n";
  std::string out;
  for (const std::string& line : lines) absl::StrAppend(&out, "    ", line, "\n");
  return out;
}

// Runs one statement and renders its result: the header, then one line per
// row.
absl::StatusOr<std::vector<std::string>> RunAndRender(
    cornerstone::Connection& conn, const std::string& text,
    const cornerstone::Params& params) {
  absl::StatusOr<cornerstone::Result> result = conn.Query(text, params);
  if (!result.ok()) return result.status();
  std::vector<std::string> lines;
  lines.push_back(absl::StrJoin(result->columns(), " | "));
  while (result->Next()) lines.push_back(RenderRow(result->row()));
  return lines;
}

// Why a query's rendered result differs from the expected one, or nullopt
// when it matches.
std::optional<std::string> CompareResult(const Record& record,
                                         const std::vector<std::string>& actual) {
  const std::vector<std::string>& expected = record.expected;
  std::string reason;
  if (actual.empty() || actual[0] != expected[0]) {
    reason = "column names differ";
  }
  std::vector<std::string> want(expected.begin() + 1, expected.end());
  std::vector<std::string> got(actual.begin() + (actual.empty() ? 0 : 1),
                               actual.end());
  std::string details;
  if (record.ordered) {
    if (want != got) {
      std::vector<std::string> want_sorted = want, got_sorted = got;
      std::sort(want_sorted.begin(), want_sorted.end());
      std::sort(got_sorted.begin(), got_sorted.end());
      std::string what = want_sorted == got_sorted
                             ? "rows are right but in the wrong order"
                             : "rows differ";
      reason = reason.empty() ? what : absl::StrCat(reason, "; ", what);
      if (want_sorted != got_sorted) {
        want = std::move(want_sorted);
        got = std::move(got_sorted);
      } else {
        want.clear();
        got.clear();
      }
    } else {
      want.clear();
      got.clear();
    }
  } else {
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    if (want != got) {
      reason = reason.empty() ? "rows differ" : absl::StrCat(reason, "; rows differ");
    } else {
      want.clear();
      got.clear();
    }
  }
  if (reason.empty()) return std::nullopt;
  // Multiset differences (rows compared as sorted lists).
  if (!want.empty() || !got.empty()) {
    std::vector<std::string> missing, unexpected;
    std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                        std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), want.begin(), want.end(),
                        std::back_inserter(unexpected));
    if (!missing.empty()) {
      absl::StrAppend(&details, "  missing rows:\n", Block(missing));
    }
    if (!unexpected.empty()) {
      absl::StrAppend(&details, "  unexpected rows:\n", Block(unexpected));
    }
  }
  auto rows = [](size_t n) {
    return absl::StrCat(n, n == 1 ? " row" : " rows");
  };
  return absl::StrCat(reason, " (", rows(expected.size() - 1), " expected, ",
                      actual.empty() ? 0 : actual.size() - 1, " actual)\n",
                      "  statement:\n", Indent(record.text), "  expected:\n",
                      Block(expected), "  actual:\n", Block(actual), details);
}

// ---------------------------------------------------------------------------
// Running one file.

class FileRunner {
 public:
  explicit FileRunner(const Options& options) : options_(options) {}

  absl::Status Open() {
    conn_.reset();
    absl::StatusOr<std::unique_ptr<cornerstone::Database>> db =
        cornerstone::Database::Open();
    if (!db.ok()) return db.status();
    db_ = std::move(*db);
    conn_ = std::make_unique<cornerstone::Connection>(*db_);
    return absl::OkStatus();
  }

  // Runs a record; returns why it failed (the text after `file:line: `), or
  // nullopt if it passed.
  std::optional<std::string> Run(const Record& record) {
    try {
      return RunRecord(record);
    } catch (const std::exception& e) {
      return absl::StrCat("exception escaped: ", e.what(), "\n");
    } catch (...) {
      return std::string("unknown exception escaped\n");
    }
  }

 private:
  std::optional<std::string> RunRecord(const Record& record) {
    switch (record.kind) {
      case RecordKind::kReset: {
        absl::Status status = Open();
        if (!status.ok()) {
          return absl::StrCat("reset: cannot open a database: ",
                              status.ToString(), "\n");
        }
        return std::nullopt;
      }
      case RecordKind::kLoad:
        return Load(record);
      case RecordKind::kParam:
        return Param(record);
      case RecordKind::kStatementOk: {
        absl::StatusOr<std::vector<std::string>> result =
            RunAndRender(*conn_, record.text, params_);
        if (!result.ok()) {
          return absl::StrCat("statement failed\n  statement:\n",
                              Indent(record.text), "  error:\n",
                              Indent(std::string(result.status().message())));
        }
        return std::nullopt;
      }
      case RecordKind::kStatementError: {
        absl::StatusOr<std::vector<std::string>> result =
            RunAndRender(*conn_, record.text, params_);
        if (result.ok()) {
          return absl::StrCat("statement succeeded but an error was expected\n",
                              "  statement:\n", Indent(record.text),
                              "  actual:\n", Block(*result));
        }
        if (record.has_expected &&
            !absl::StrContains(result.status().message(), record.expected[0])) {
          return absl::StrCat("error message does not contain the expected "
                              "text\n  statement:\n",
                              Indent(record.text), "  expected:\n",
                              Block(record.expected), "  actual:\n",
                              Indent(std::string(result.status().message())));
        }
        return std::nullopt;
      }
      case RecordKind::kQuery: {
        absl::StatusOr<std::vector<std::string>> result =
            RunAndRender(*conn_, record.text, params_);
        if (!result.ok()) {
          return absl::StrCat("query failed\n  statement:\n",
                              Indent(record.text), "  expected:\n",
                              Block(record.expected), "  error:\n",
                              Indent(std::string(result.status().message())));
        }
        return CompareResult(record, *result);
      }
    }
    return std::string("unknown record kind\n");
  }

  std::optional<std::string> Load(const Record& record) {
    fs::path script_path =
        fs::path(options_.graphs_dir) / (record.name + ".cypher");
    std::optional<std::string> script = ReadFile(script_path);
    if (!script) {
      return absl::StrCat("load ", record.name, ": cannot read ",
                          script_path.string(), "\n");
    }
    for (const cornerstone::ScriptStatement& statement :
         cornerstone::SplitStatements(*script)) {
      absl::StatusOr<std::vector<std::string>> result =
          RunAndRender(*conn_, statement.text, params_);
      if (!result.ok()) {
        return absl::StrCat("load ", record.name, ": ",
                            DisplayPath(script_path), ":", statement.line, ":",
                            statement.column, ": statement failed\n",
                            "  error:\n",
                            Indent(std::string(result.status().message())));
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> Param(const Record& record) {
    std::string text = absl::StrCat("RETURN ", record.text);
    absl::StatusOr<cornerstone::Result> result = conn_->Query(text, params_);
    if (!result.ok()) {
      return absl::StrCat("param ", record.name, ": cannot evaluate\n",
                          "  statement:\n", Indent(text), "  error:\n",
                          Indent(std::string(result.status().message())));
    }
    if (result->num_columns() != 1 || !result->Next()) {
      return absl::StrCat("param ", record.name,
                          ": expected one value from: ", text, "\n");
    }
    cornerstone::Value value = result->Get(0);
    if (result->Next()) {
      return absl::StrCat("param ", record.name,
                          ": expected one row from: ", text, "\n");
    }
    params_[record.name] = std::move(value);
    return std::nullopt;
  }

  const Options& options_;
  std::unique_ptr<cornerstone::Database> db_;
  // Declared after db_ so that it is destroyed first.
  std::unique_ptr<cornerstone::Connection> conn_;
  cornerstone::Params params_;
};

std::string FirstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

struct Totals {
  int passed = 0;
  int failed = 0;
  int records = 0;
  int files = 0;
};

void RunFile(const fs::path& file, const Options& options, Totals& totals) {
  const std::string path = DisplayPath(file);
  ++totals.files;
  std::optional<std::string> content = ReadFile(file);
  if (!content) {
    std::cout << path << ":1: cannot read the file\n" << std::flush;
    ++totals.failed;
    return;
  }
  ParsedFile parsed = ParseTestFile(*content);
  totals.records += static_cast<int>(parsed.records.size());
  if (!parsed.ok()) {
    std::cout << path << ":" << parsed.error_line
              << ": parse error: " << parsed.error << "\n"
              << std::flush;
    ++totals.failed;
    return;
  }
  if (options.parse_only) {
    if (options.verbose) {
      for (const Record& record : parsed.records) {
        std::cout << path << ":" << record.line << ": " << Describe(record)
                  << "\n";
      }
    }
    return;
  }

  FileRunner runner(options);
  if (absl::Status status = runner.Open(); !status.ok()) {
    std::cout << path << ":1: cannot open a database: " << status.ToString()
              << "\n"
              << std::flush;
    ++totals.failed;
    return;
  }
  for (const Record& record : parsed.records) {
    std::string where = absl::StrCat(path, ":", record.line);
    std::string what = Describe(record);
    if (record.kind == RecordKind::kStatementOk ||
        record.kind == RecordKind::kStatementError ||
        record.kind == RecordKind::kQuery) {
      absl::StrAppend(&what, ": ", FirstLine(record.text));
    }
    SetRunning(absl::StrCat(where, ": ", what));
    if (options.verbose) std::cout << where << ": " << what << std::flush;
    auto start = std::chrono::steady_clock::now();
    std::optional<std::string> failure = runner.Run(record);
    auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
    if (options.verbose) {
      std::cout << (failure ? "  FAILED" : "  ok") << " ("
                << elapsed.count() / 1000.0 << " ms)\n";
    }
    if (failure) {
      ++totals.failed;
      std::cout << where << ": " << *failure << std::flush;
    } else {
      ++totals.passed;
    }
  }
  g_running[0] = '\0';
}

int Main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&](std::string_view flag, std::string& out) {
      if (arg == flag) {
        if (i + 1 >= argc) return false;
        out = argv[++i];
        return true;
      }
      if (arg.starts_with(std::string(flag) + "=")) {
        out = std::string(arg.substr(flag.size() + 1));
        return true;
      }
      return false;
    };
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--verbose" || arg == "-v") {
      options.verbose = true;
    } else if (arg == "--parse-only") {
      options.parse_only = true;
    } else if (value("--graphs", options.graphs_dir) ||
               value("--filter", options.filter)) {
    } else if (arg.starts_with('-')) {
      std::cerr << "query-test: unknown option or missing value: " << arg
                << "\n"
                << kUsage;
      return 2;
    } else {
      options.paths.emplace_back(arg);
    }
  }
  if (options.paths.empty()) {
    std::cerr << "query-test: no test files or directories given\n" << kUsage;
    return 2;
  }
  absl::StatusOr<std::vector<fs::path>> files = CollectFiles(options.paths);
  if (!files.ok()) {
    std::cerr << "query-test: " << files.status().message() << "\n";
    return 2;
  }

  InstallCrashHandler();
  Totals totals;
  for (const fs::path& file : *files) {
    if (!options.filter.empty() &&
        !absl::StrContains(DisplayPath(file), options.filter)) {
      continue;
    }
    RunFile(file, options, totals);
  }
  if (options.parse_only) {
    std::cout << totals.records << " records in " << totals.files
              << " files, " << totals.failed << " with parse errors\n";
  } else {
    std::cout << totals.passed << " passed, " << totals.failed << " failed\n";
  }
  return totals.failed > 0 ? 1 : 0;
}

}  // namespace
}  // namespace cornerstone_test

int main(int argc, char** argv) { return cornerstone_test::Main(argc, argv); }
