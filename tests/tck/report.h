// Copyright (c) Cornerstone authors. Pass/fail/skip tallies per category and
// the runner's summary output.
#ifndef CORNERSTONE_TESTS_TCK_REPORT_H_
#define CORNERSTONE_TESTS_TCK_REPORT_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>

#include "run_scenario.h"

namespace cornerstone_tck {

struct Tally {
  int64_t passed = 0;
  int64_t failed = 0;
  int64_t skipped = 0;
  int64_t total() const { return passed + failed + skipped; }
};

class Report {
 public:
  void Add(const std::string& category, const Outcome& outcome);

  const Tally& total() const { return total_; }

  // "TCK: N passed, N failed, N skipped", the table per category, then how
  // many passed error scenarios raised their error at the expected phase.
  void Print(std::FILE* out) const;

 private:
  Tally total_;
  int64_t phase_checked_ = 0;  // passed error scenarios whose phase was probed
  int64_t phase_matched_ = 0;
  std::map<std::string, Tally> by_category_;
};

}  // namespace cornerstone_tck

#endif  // CORNERSTONE_TESTS_TCK_REPORT_H_
