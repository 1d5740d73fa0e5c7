// Copyright (c) Cornerstone authors.
// `cornerstone diff A.snap B.snap`: what changed between two snapshots.
#ifndef CORNERSTONE_TOOLS_SHELL_DIFF_H_
#define CORNERSTONE_TOOLS_SHELL_DIFF_H_

#include <iosfwd>

namespace cornerstone::shell {

// Runs the subcommand; argv[0] is "diff". Returns the exit status, as
// diff(1): 0 when the snapshots are identical, 1 when they differ, 2 on an
// error (a missing or unreadable file, a bad option).
int RunDiff(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_DIFF_H_
