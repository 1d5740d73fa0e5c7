// Copyright (c) Cornerstone authors.
#include "commands.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cornerstone/cornerstone.h"
#include "output_format.h"
#include "session.h"
#include "strings.h"
#include "text_width.h"

namespace cornerstone::shell {
namespace {

using Args = std::vector<std::string>;

absl::Status ExpectArgs(const Args& args, size_t max, std::string_view usage) {
  if (args.size() > max) {
    return absl::InvalidArgumentError(absl::StrCat("usage: ", ToAbsl(usage)));
  }
  return absl::OkStatus();
}

absl::Status Help(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 0, ":help"); !s.ok()) return s;
  std::vector<std::string> synopses;
  int width = 0;
  for (const ColonCommand& c : ColonCommands()) {
    synopses.push_back(
        absl::StrCat(":", ToAbsl(c.name), c.args.empty() ? "" : " ", ToAbsl(c.args)));
    width = std::max(width, DisplayWidth(synopses.back()));
  }
  std::ostream& out = session.out();
  out << "Statements end with ';' and may span lines. Commands:\n";
  for (size_t i = 0; i < synopses.size(); ++i) {
    out << "  " << PadRight(synopses[i], width) << "  " << ColonCommands()[i].help << "\n";
  }
  return absl::OkStatus();
}

absl::Status Quit(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 0, ":quit"); !s.ok()) return s;
  session.request_quit();
  return absl::OkStatus();
}

// Prints "  name  count" lines with names aligned.
void PrintCounts(std::ostream& out, const std::vector<Schema::Count>& counts) {
  int width = 0;
  for (const auto& c : counts) width = std::max(width, DisplayWidth(c.name));
  for (const auto& c : counts) {
    out << "  " << PadRight(SanitizeForCell(c.name), width) << "  " << c.count << "\n";
  }
}

absl::Status ShowSchema(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 0, ":schema"); !s.ok()) return s;
  Schema schema = session.db().GetSchema();
  std::ostream& out = session.out();
  out << "Nodes: " << schema.node_count << "\n"
      << "Relationships: " << schema.relationship_count << "\n"
      << "Labels:" << (schema.labels.empty() ? " (none)" : "") << "\n";
  PrintCounts(out, schema.labels);
  out << "Relationship types:" << (schema.relationship_types.empty() ? " (none)" : "") << "\n";
  PrintCounts(out, schema.relationship_types);
  out << "Property keys:" << (schema.property_keys.empty() ? " (none)" : "") << "\n";
  // Keys are many and short: comma-separated lines of at most ~78 columns.
  std::string line;
  for (size_t i = 0; i < schema.property_keys.size(); ++i) {
    std::string key = SanitizeForCell(schema.property_keys[i]);
    if (i + 1 < schema.property_keys.size()) key += ",";
    if (!line.empty() && DisplayWidth(line) + 1 + DisplayWidth(key) > 76) {
      out << "  " << line << "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += key;
  }
  if (!line.empty()) out << "  " << line << "\n";
  out << "Indexes:" << (schema.indexes.empty() ? " (none)" : "") << "\n";
  for (const auto& index : schema.indexes) {
    out << "  " << SanitizeForCell(index) << "\n";
  }
  return absl::OkStatus();
}

absl::Status Mode(Session& session, const Args& args) {
  std::string usage = absl::StrCat(":mode [", ToAbsl(OutputFormatChoices()), "]");
  if (absl::Status s = ExpectArgs(args, 1, usage); !s.ok()) return s;
  if (args.empty()) {
    session.out() << "mode " << OutputFormatName(session.format()) << "\n";
    return absl::OkStatus();
  }
  auto format = ParseOutputFormat(args[0]);
  if (!format) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown format '", args[0], "'; usage: ", usage));
  }
  session.set_format(*format);
  return absl::OkStatus();
}

absl::Status Timer(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 1, ":timer [on|off]"); !s.ok()) {
    return s;
  }
  if (args.empty()) {
    session.out() << "timer " << (session.timer() ? "on" : "off") << "\n";
  } else if (args[0] == "on" || args[0] == "off") {
    session.set_timer(args[0] == "on");
  } else {
    return absl::InvalidArgumentError("usage: :timer [on|off]");
  }
  return absl::OkStatus();
}

}  // namespace

const std::vector<ColonCommand>& ColonCommands() {
  static const auto* const kCommands = new std::vector<ColonCommand>{
      {"help", "", "Show this list of commands", Help},
      {"quit", "", "Exit the shell (also Ctrl-D)", Quit},
      {"exit", "", "Exit the shell, like :quit", Quit},
      {"schema", "",
       "Show node and relationship counts, labels, relationship types, "
       "property keys and indexes",
       ShowSchema},
      {"mode", "[FORMAT]",
       "Show or set the output format: table, csv, tsv, json, jsonl, "
       "markdown, line",
       Mode},
      {"timer", "[on|off]", "Show or set printing of parse/plan/execute times after each statement",
       Timer},
  };
  return *kCommands;
}

absl::Status RunColonCommand(Session& session, std::string_view line) {
  line = Strip(line);
  if (!line.empty() && line.back() == ';') {
    line = StripTrailing(line.substr(0, line.size() - 1));
  }
  if (!line.empty() && line[0] == ':') line.remove_prefix(1);
  std::vector<std::string> words =
      absl::StrSplit(ToAbsl(line), absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (words.empty()) {
    return absl::InvalidArgumentError("empty command; type :help for a list");
  }
  std::string name = words[0];
  words.erase(words.begin());
  for (const ColonCommand& c : ColonCommands()) {
    if (c.name == name) return c.handler(session, words);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown command ':", name, "'; type :help for a list"));
}

}  // namespace cornerstone::shell
