// Copyright (c) Cornerstone authors. The shell's output formats.
#ifndef CORNERSTONE_TOOLS_SHELL_OUTPUT_FORMAT_H_
#define CORNERSTONE_TOOLS_SHELL_OUTPUT_FORMAT_H_

#include <optional>
#include <string_view>

namespace cornerstone::shell {

enum class OutputFormat {
  kTable,      // a box drawn with line characters, then "N rows"
  kCsv,        // RFC 4180 quoting, header row first
  kTsv,        // tab separated, \t \n \r \\ escaped
  kJson,       // one JSON array of row objects per statement
  kJsonLines,  // one JSON object per row, one per line
  kMarkdown,   // a GitHub-flavoured markdown table
  kLine,       // "column = value" lines, a blank line between rows
};

// Parses "table", "csv", "tsv", "json", "jsonl", "markdown" (or "md") and
// "line"; nullopt for anything else. Case-sensitive.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

// The canonical name ParseOutputFormat accepts, e.g. "jsonl".
std::string_view OutputFormatName(OutputFormat format);

// "table|csv|tsv|json|jsonl|markdown|line", for usage and error messages.
std::string_view OutputFormatChoices();

}  // namespace cornerstone::shell

#endif  // CORNERSTONE_TOOLS_SHELL_OUTPUT_FORMAT_H_
