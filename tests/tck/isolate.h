// Copyright (c) Cornerstone authors. Runs a scenario in a forked child so
// that a crash, a hang or a runaway allocation cannot end the whole run.
#ifndef CORNERSTONE_TESTS_TCK_ISOLATE_H_
#define CORNERSTONE_TESTS_TCK_ISOLATE_H_

#include "run_scenario.h"
#include "scenario.h"

namespace cornerstone_tck {

// Runs RunScenario(scenario) in a child process that reports its Outcome
// through a pipe. The child is killed after `timeout_ms`; a timeout, a death
// by signal or a child that reports nothing counts as a failure.
Outcome RunIsolated(const Scenario& scenario, const RunOptions& options, int timeout_ms);

}  // namespace cornerstone_tck

#endif  // CORNERSTONE_TESTS_TCK_ISOLATE_H_
