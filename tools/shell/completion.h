// Copyright (c) Cornerstone authors. Tab completion for the interactive
// shell through libedit's readline-compatible API.
#ifndef CORNERSTONE_TOOLS_SHELL_COMPLETION_H_
#define CORNERSTONE_TOOLS_SHELL_COMPLETION_H_

#include <string>
#include <string_view>
#include <vector>

#include "cornerstone/cornerstone.h"

namespace cornerstone::shell {

class Session;

// Installs completion of keywords, function names, colon-commands, and the
// labels, relationship types and property keys of the session's database
// (read when Tab is pressed, so :open is followed). `session` must outlive
// the shell's use of readline().
void InstallCompletion(Session* session);

// The candidates for the word `word` that starts at byte `start` of `line`
// (pure; exposed for testing): after a ':' at the line start, colon-command
// names; after another ':', labels and relationship types; after '.',
// property keys; elsewhere keywords (in the case the word is typed in) and
// function names, plus property keys after '{' or ','. Sorted, unique.
std::vector<std::string> CompletionCandidates(std::string_view line, size_t start,
                                              std::string_view word, const Schema& schema);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_COMPLETION_H_
