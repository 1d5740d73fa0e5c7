// Copyright (c) Cornerstone authors.
#include "output_format.h"

#include <array>
#include <utility>

namespace cornerstone::shell {
namespace {

constexpr std::array<std::pair<std::string_view, OutputFormat>, 8> kNames = {{
    {"table", OutputFormat::kTable},
    {"csv", OutputFormat::kCsv},
    {"tsv", OutputFormat::kTsv},
    {"json", OutputFormat::kJson},
    {"jsonl", OutputFormat::kJsonLines},
    {"markdown", OutputFormat::kMarkdown},
    {"line", OutputFormat::kLine},
    {"md", OutputFormat::kMarkdown},  // alias: after the canonical name
}};

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  for (const auto& [n, format] : kNames) {
    if (n == name) return format;
  }
  return std::nullopt;
}

std::string_view OutputFormatName(OutputFormat format) {
  for (const auto& [n, f] : kNames) {
    if (f == format) return n;
  }
  return "table";
}

std::string_view OutputFormatChoices() { return "table|csv|tsv|json|jsonl|markdown|line"; }

}  // namespace cornerstone::shell
