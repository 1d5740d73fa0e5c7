// Copyright (c) Cornerstone authors. Small std::string_view helpers. Debian's
// Abseil 20220623 has its own absl::string_view, distinct from
// std::string_view, so absl's string functions do not take the views the
// public API uses; these fill the gap.
#ifndef CORNERSTONE_TOOLS_SHELL_STRINGS_H_
#define CORNERSTONE_TOOLS_SHELL_STRINGS_H_

#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace cornerstone::shell {

// `s` as an absl::string_view, for absl::StrCat, absl::StrSplit, ...
inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

inline bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// `s` without leading / trailing / both ASCII whitespace.
inline std::string_view StripLeading(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  return s;
}
inline std::string_view StripTrailing(std::string_view s) {
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}
inline std::string_view Strip(std::string_view s) { return StripTrailing(StripLeading(s)); }

// `s` with ASCII letters lowered.
inline std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Whether `text` starts with `prefix`, ignoring ASCII case.
inline bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         ToLowerAscii(text.substr(0, prefix.size())) == ToLowerAscii(prefix);
}

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_STRINGS_H_
