// Copyright (c) Cornerstone authors.
#include "text_width.h"

#include <utf8proc.h>

#include "absl/strings/str_format.h"

namespace cornerstone::shell {
namespace {

// Decodes one code point at `text[pos]`; returns its length in bytes, or -1
// (with *cp unset) for an invalid byte.
int Decode(std::string_view text, size_t pos, utf8proc_int32_t* cp) {
  utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), cp);
  return n > 0 ? static_cast<int>(n) : -1;
}

}  // namespace

int DisplayWidth(std::string_view text) {
  int width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    int n = Decode(text, pos, &cp);
    if (n < 0) {
      width += 1;
      pos += 1;
      continue;
    }
    width += utf8proc_charwidth(cp);
    pos += static_cast<size_t>(n);
  }
  return width;
}

std::string SanitizeForCell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    int n = Decode(text, pos, &cp);
    if (n < 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      pos += 1;
      continue;
    }
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7f) {
      out += absl::StrFormat("\\x%02X", cp);
    } else if (cp >= 0x80 && cp < 0xa0) {  // C1 controls
      out += absl::StrFormat("\\u%04X", cp);
    } else {
      out.append(text.substr(pos, static_cast<size_t>(n)));
    }
    pos += static_cast<size_t>(n);
  }
  return out;
}

std::string SanitizeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    int n = Decode(text, pos, &cp);
    bool control = n > 0 && cp != '\n' && cp != '\t' && (cp < 0x20 || (cp >= 0x7f && cp < 0xa0));
    if (n < 0 || control) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      pos += n < 0 ? 1 : static_cast<size_t>(n);
      continue;
    }
    out.append(text.substr(pos, static_cast<size_t>(n)));
    pos += static_cast<size_t>(n);
  }
  return out;
}

std::string PadRight(std::string_view text, int width) {
  std::string out(text);
  int pad = width - DisplayWidth(text);
  if (pad > 0) out.append(static_cast<size_t>(pad), ' ');
  return out;
}

std::string PadLeft(std::string_view text, int width) {
  int pad = width - DisplayWidth(text);
  std::string out(pad > 0 ? static_cast<size_t>(pad) : 0, ' ');
  out.append(text);
  return out;
}

std::string Truncate(std::string_view text, int width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width < 1) return "";
  int used = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    int n = Decode(text, pos, &cp);
    int w = n < 0 ? 1 : utf8proc_charwidth(cp);
    if (used + w > width - 1) break;
    used += w;
    pos += n < 0 ? 1 : static_cast<size_t>(n);
  }
  return std::string(text.substr(0, pos)) + "\u2026";
}

}  // namespace cornerstone::shell
