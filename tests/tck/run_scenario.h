// Copyright (c) Cornerstone authors. Runs one TCK scenario in this process
// against a fresh in-memory database (FORMAT.md, "Running one scenario").
#ifndef CORNERSTONE_TESTS_TCK_RUN_SCENARIO_H_
#define CORNERSTONE_TESTS_TCK_RUN_SCENARIO_H_

#include <string>

#include "scenario.h"

namespace cornerstone_tck {

struct Outcome {
  enum class Status { kPass, kFail, kSkip };
  // For an expected error raised with the right type: whether it was raised
  // at the expected phase (see RunScenario).
  enum class Phase { kNotChecked, kMatch, kMismatch };
  Status status = Status::kFail;
  Phase phase = Phase::kNotChecked;
  std::string reason;  // one line; empty on a pass
  std::string detail;  // for --verbose: queries, expected and actual tables
};

struct RunOptions {
  // Also require an expected error to be raised at the expected phase.
  bool strict_phase = false;
};

// Errors are graded by type. The phase is probed with `EXPLAIN <query>`,
// which parses, binds and plans without executing: an error there is a
// compile-time error, an error only when the query runs is a runtime error.
// The result goes into Outcome::phase and fails the scenario only with
// `strict_phase`. The engine's messages carry no TCK detail code (e.g.
// UndefinedVariable), so `detail` is shown but not checked.
Outcome RunScenario(const Scenario& scenario, const RunOptions& options = {});

}  // namespace cornerstone_tck

#endif  // CORNERSTONE_TESTS_TCK_RUN_SCENARIO_H_
