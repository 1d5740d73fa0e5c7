// Copyright (c) Cornerstone authors.
#include "report.h"

#include <cinttypes>

namespace cornerstone_tck {
namespace {

void Count(Tally* tally, Outcome::Status status) {
  switch (status) {
    case Outcome::Status::kPass: ++tally->passed; break;
    case Outcome::Status::kFail: ++tally->failed; break;
    case Outcome::Status::kSkip: ++tally->skipped; break;
  }
}

void PrintRow(std::FILE* out, const std::string& name, const Tally& t) {
  double pct = t.total() == 0 ? 0.0 : 100.0 * static_cast<double>(t.passed) /
                                          static_cast<double>(t.total());
  std::fprintf(out, "%-36s %7" PRId64 " %7" PRId64 " %7" PRId64 " %7" PRId64 " %6.1f%%\n",
               name.c_str(), t.passed, t.failed, t.skipped, t.total(), pct);
}

}  // namespace

void Report::Add(const std::string& category, const Outcome& outcome) {
  Count(&total_, outcome.status);
  Count(&by_category_[category], outcome.status);
  if (outcome.status == Outcome::Status::kPass &&
      outcome.phase != Outcome::Phase::kNotChecked) {
    ++phase_checked_;
    if (outcome.phase == Outcome::Phase::kMatch) ++phase_matched_;
  }
}

void Report::Print(std::FILE* out) const {
  std::fprintf(out, "TCK: %" PRId64 " passed, %" PRId64 " failed, %" PRId64 " skipped\n",
               total_.passed, total_.failed, total_.skipped);
  std::fprintf(out, "\n%-36s %7s %7s %7s %7s %7s\n", "category", "passed", "failed", "skipped",
               "total", "pass");
  for (const auto& [name, tally] : by_category_) PrintRow(out, name, tally);
  PrintRow(out, "all", total_);
  std::fprintf(out,
               "\nerror phase: %" PRId64 " of %" PRId64
               " passed error scenarios raise at the expected phase "
               "(compile time = EXPLAIN fails)\n",
               phase_matched_, phase_checked_);
}

}  // namespace cornerstone_tck
