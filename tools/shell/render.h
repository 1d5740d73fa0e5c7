// Copyright (c) Cornerstone authors. Drawing DOT documents with Graphviz.
#ifndef CORNERSTONE_TOOLS_SHELL_RENDER_H_
#define CORNERSTONE_TOOLS_SHELL_RENDER_H_

#include <string>

#include "absl/status/status.h"

namespace cornerstone::shell {

// Runs Graphviz's `dot` (found on PATH) to draw `dot_text` into
// `out_path`, in the format its extension names: .svg, .png or .pdf.
// InvalidArgument for another extension; FailedPrecondition, with how to
// install it, when `dot` is not on PATH; Internal when dot fails.
absl::Status RenderDot(const std::string& dot_text, const std::string& out_path);

// The full path of `program` on PATH, or "" when there is none.
std::string FindOnPath(const std::string& program);

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_RENDER_H_
