// Copyright (c) Cornerstone authors. tck-runner: runs openCypher TCK
// scenarios in the JSON Lines format of shared/tck/FORMAT.md against the
// public API only.
//
//   tck-runner FILE.jsonl [--filter SUBSTRING] [--verbose]
//     --filter SUBSTRING  only scenarios whose id or name contains SUBSTRING
//     --verbose, -v       print every scenario's result, with the query and
//                         the expected and actual results of failures
//     --timeout SECONDS   per-scenario limit (default 5)
//     --strict-phase      an expected error must also be raised at the
//                         expected phase (compile time: EXPLAIN fails too)
//     --no-fork           run scenarios in this process (for debuggers; a
//                         crash or hang then ends the run)
//
// Each scenario runs in a forked child on a fresh in-memory database. Prints
// `FAIL <id>: <reason>` per failed scenario, then
// `TCK: N passed, N failed, N skipped` and a table per category. Exits 0 when
// nothing failed, 1 when something failed, 2 on bad usage or an unreadable
// file.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "isolate.h"
#include "json.h"
#include "report.h"
#include "run_scenario.h"
#include "scenario.h"

namespace cornerstone_tck {
namespace {

struct Options {
  std::string path;
  std::string filter;
  bool verbose = false;
  bool fork = true;
  RunOptions run;
  int timeout_ms = 5000;
};

constexpr char kUsage[] =
    "usage: tck-runner FILE.jsonl [--filter SUBSTRING] [--verbose] [--timeout SECONDS] "
    "[--strict-phase] [--no-fork]\n";

bool ParseArgs(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--filter" && i + 1 < argc) {
      options->filter = argv[++i];
    } else if (arg == "--verbose" || arg == "-v") {
      options->verbose = true;
    } else if (arg == "--strict-phase") {
      options->run.strict_phase = true;
    } else if (arg == "--no-fork") {
      options->fork = false;
    } else if (arg == "--timeout" && i + 1 < argc) {
      double seconds = std::atof(argv[++i]);
      if (seconds <= 0) return false;
      options->timeout_ms = static_cast<int>(seconds * 1000);
    } else if (!arg.empty() && arg[0] == '-') {
      return false;
    } else if (options->path.empty()) {
      options->path = arg;
    } else {
      return false;
    }
  }
  return !options->path.empty();
}

void PrintOutcome(const std::string& id, const Outcome& outcome, bool verbose) {
  switch (outcome.status) {
    case Outcome::Status::kPass:
      if (verbose) std::printf("PASS %s\n", id.c_str());
      break;
    case Outcome::Status::kSkip:
      if (verbose) std::printf("SKIP %s: %s\n", id.c_str(), outcome.reason.c_str());
      break;
    case Outcome::Status::kFail:
      std::printf("FAIL %s: %s\n", id.c_str(), outcome.reason.c_str());
      if (verbose) std::printf("%s", outcome.detail.c_str());
      break;
  }
}

int Main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, &options)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::ifstream in(options.path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "tck-runner: cannot read %s\n", options.path.c_str());
    return 2;
  }
  Report report;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    absl::StatusOr<Json> json = ParseJson(line);
    absl::StatusOr<Scenario> scenario =
        json.ok() ? ScenarioFromJson(*json) : absl::StatusOr<Scenario>(json.status());
    if (!scenario.ok()) {
      std::string id = options.path + ":" + std::to_string(line_number);
      std::string category = "(unreadable)";
      if (const Json* named = json.ok() ? json->Find("id") : nullptr;
          named != nullptr && named->is_string() && !named->str().empty()) {
        id = named->str();
        category = CategoryOf(id.substr(0, id.find('#')));
      }
      if (!options.filter.empty() && line.find(options.filter) == std::string::npos) continue;
      Outcome bad;
      bad.reason = "unreadable record: " + std::string(scenario.status().message());
      PrintOutcome(id, bad, options.verbose);
      report.Add(category, bad);
      continue;
    }
    if (!options.filter.empty() && scenario->id.find(options.filter) == std::string::npos &&
        scenario->name.find(options.filter) == std::string::npos) {
      continue;
    }
    Outcome outcome = options.fork ? RunIsolated(*scenario, options.run, options.timeout_ms)
                                   : RunScenario(*scenario, options.run);
    PrintOutcome(scenario->id, outcome, options.verbose);
    report.Add(scenario->category, outcome);
  }
  if (in.bad()) {
    std::fprintf(stderr, "tck-runner: error reading %s\n", options.path.c_str());
    return 2;
  }
  std::fflush(stdout);
  report.Print(stdout);
  return report.total().failed > 0 ? 1 : 0;
}

}  // namespace
}  // namespace cornerstone_tck

int main(int argc, char** argv) { return cornerstone_tck::Main(argc, argv); }
