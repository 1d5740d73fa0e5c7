// Copyright (c) Cornerstone authors.
#include "commands.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cornerstone/cornerstone.h"
#include "output_format.h"
#include "session.h"
#include "strings.h"
#include "text_width.h"

namespace cornerstone::shell {
namespace {

using Args = CommandArgs;

std::string Synopsis(const ColonCommand& c) {
  return absl::StrCat(":", ToAbsl(c.name), c.args.empty() ? "" : " ", ToAbsl(c.args));
}

absl::Status Help(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 1, ":help [COMMAND]"); !s.ok()) return s;
  std::ostream& out = session.out();
  if (!args.words.empty()) {
    std::string_view name = args.words[0];
    if (name.starts_with(':')) name.remove_prefix(1);
    for (const ColonCommand& c : ColonCommands()) {
      if (c.name != name) continue;
      out << Synopsis(c) << "\n  " << c.help << "\n";
      if (!c.details.empty()) out << c.details << (c.details.ends_with('\n') ? "" : "\n");
      return absl::OkStatus();
    }
    return absl::InvalidArgumentError(
        absl::StrCat("unknown command ':", ToAbsl(name), "'; type :help for a list"));
  }
  std::vector<std::string> synopses;
  int width = 0;
  for (const ColonCommand& c : ColonCommands()) {
    synopses.push_back(Synopsis(c));
    width = std::max(width, DisplayWidth(synopses.back()));
  }
  out << "Statements end with ';' and may span lines. Commands:\n";
  for (size_t i = 0; i < synopses.size(); ++i) {
    out << "  " << PadRight(synopses[i], width) << "  " << ColonCommands()[i].help << "\n";
  }
  out << "Type :help COMMAND for more about one.\n";
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
  if (args.words.empty()) {
    session.out() << "mode " << OutputFormatName(session.format()) << "\n";
    return absl::OkStatus();
  }
  auto format = ParseOutputFormat(args.words[0]);
  if (!format) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown format '", args.words[0], "'; usage: ", usage));
  }
  session.set_format(*format);
  return absl::OkStatus();
}

absl::Status Timer(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 1, ":timer [on|off]"); !s.ok()) return s;
  if (args.words.empty()) {
    session.out() << "timer " << (session.timer() ? "on" : "off") << "\n";
  } else if (args.words[0] == "on" || args.words[0] == "off") {
    session.set_timer(args.words[0] == "on");
  } else {
    return absl::InvalidArgumentError("usage: :timer [on|off]");
  }
  return absl::OkStatus();
}

// A whole non-negative decimal number, or -1.
int64_t ParseCount(std::string_view text) {
  int64_t n = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc() && end == text.data() + text.size() && n >= 0 ? n : -1;
}

absl::Status MaxRows(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 1, ":maxrows [N]"); !s.ok()) return s;
  if (args.words.empty()) {
    int64_t n = session.max_rows();
    session.out() << "maxrows " << n << (n == 0 ? " (all rows print)" : "") << "\n";
    return absl::OkStatus();
  }
  int64_t n = ParseCount(args.words[0]);
  if (n < 0) return absl::InvalidArgumentError("usage: :maxrows [N] (N >= 0; 0 prints all)");
  session.set_max_rows(n);
  return absl::OkStatus();
}

absl::Status MaxWidth(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 1, ":maxwidth [N|auto]"); !s.ok()) return s;
  if (args.words.empty()) {
    int w = session.max_width();
    session.out() << "maxwidth "
                  << (w == Session::kAutoWidth ? "auto"
                                               : w == 0 ? "0 (never cut)" : std::to_string(w))
                  << "\n";
    return absl::OkStatus();
  }
  if (args.words[0] == "auto") {
    session.set_max_width(Session::kAutoWidth);
    return absl::OkStatus();
  }
  int64_t n = ParseCount(args.words[0]);
  if (n < 0 || n > 100000) {
    return absl::InvalidArgumentError("usage: :maxwidth [N|auto] (0 never cuts)");
  }
  session.set_max_width(static_cast<int>(n));
  return absl::OkStatus();
}

absl::Status Paths(Session& session, const Args& args) {
  if (absl::Status s = ExpectArgs(args, 1, ":paths [full|sources]"); !s.ok()) return s;
  if (args.words.empty()) {
    session.out() << "paths " << (session.path_sources() ? "sources" : "full") << "\n";
  } else if (args.words[0] == "full" || args.words[0] == "sources") {
    session.set_path_sources(args.words[0] == "sources");
  } else {
    return absl::InvalidArgumentError("usage: :paths [full|sources]");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ExpectArgs(const CommandArgs& args, size_t max, std::string_view usage) {
  if (args.words.size() > max) {
    return absl::InvalidArgumentError(absl::StrCat("usage: ", ToAbsl(usage)));
  }
  return absl::OkStatus();
}

const std::vector<ColonCommand>& ColonCommands() {
  static const auto* const kCommands = new std::vector<ColonCommand>{
      {"help", "[COMMAND]", "List the commands, or explain one", "", Help},
      {"quit", "", "Exit the shell (also Ctrl-D)", "", Quit},
      {"exit", "", "Exit the shell, like :quit", "", Quit},
      {"schema", "", "Show counts, labels, relationship types, property keys and indexes", "",
       ShowSchema},
      {"mode", "[FORMAT]",
       "Show or set the output format: table, csv, tsv, json, jsonl, markdown, line", "", Mode},
      {"timer", "[on|off]", "Show or set printing of parse/plan/execute times after each statement",
       "", Timer},
      {"paths", "[full|sources]",
       "Show or set how paths print: as values, or one line with each hop's source",
       "  sources: each path prints as a chain of names, every hop with its type,\n"
       "  its amount or percent, and its `source`, as kg.explain's text does:\n"
       "    Masayoshi Son FOUNDED SoftBank Group (Business Insider) -> MANAGES ...\n"
       "  A hop walked against its relationship's direction reads \"<- TYPE node\".",
       Paths},
      {"maxrows", "[N]", "Show or set how many rows print at most (0: all)",
       "  Rows past N are counted, not printed; tables say how many were left out.", MaxRows},
      {"maxwidth", "[N|auto]", "Show or set the widest a table may be (auto: the terminal's)",
       "  The widest columns are narrowed and their cells cut with an ellipsis.\n"
       "  0 never cuts; auto (the default) follows the terminal, and never cuts\n"
       "  when output is not a terminal.",
       MaxWidth},
      {"open", "[PATH]", "Open the database file PATH (created if missing), or a new in-memory one",
       "  The current database is closed. With --read-only, PATH is opened read-only.",
       OpenCommand},
      {"save", "[PATH]", "Write a snapshot of the graph to PATH (default: the open database file)",
       "", SaveCommand},
      {"import", "OPTION...", "Load CSV, GraphML or JSON Lines files into the open database",
       "  The options of cornerstone import (see cornerstone import --help) but\n"
       "  --db and --export-*: :open picks the database, :save writes it. E.g.\n"
       "    :import --nodes Person=people.csv --relationships KNOWS=knows.csv\n"
       "    :import --kuzu-dir data --index 'Person(id)' --skip-bad-rows\n"
       "    :import --graphml 'my graph.graphml'\n"
       "  Words are split as in a shell: quote a path that has blanks; write a\n"
       "  tab delimiter as --delimiter TAB. Prints what it loaded:\n"
       "    Imported 3 nodes, 2 relationships in 0.00 s\n"
       "  All or nothing: after an error (FILE:LINE:COLUMN: why) the graph is as\n"
       "  it was, unless --skip-bad-rows skips and counts bad rows instead. The\n"
       "  CSV files load together, then each GraphML and JSON Lines file on its\n"
       "  own; when one fails, those before it stay. Not inside a transaction.\n"
       "  A file database is checkpointed afterwards (imports bypass its log).",
       ImportCommand},
      {"read", "FILE", "Run the statements and commands in FILE",
       "  As if typed: errors print as FILE:LINE and reading goes on (unless --bail).",
       ReadCommand},
      {"param", "NAME [VALUE]", "Set parameter $NAME to the value of a Cypher expression",
       "  VALUE is any expression, evaluated now (RETURN VALUE), e.g.\n"
       "    :param company 'SoftBank Group'\n"
       "    :param amounts [500000000, 10 * 1000000]\n"
       "  Without VALUE, shows $NAME.",
       ParamCommand},
      {"params", "[clear]", "List the parameters, or remove them all", "", ParamsCommand},
      {"explain", "QUERY", "Show the plan of QUERY as an operator tree, without running it", "",
       ExplainCommand},
      {"profile", "QUERY", "Run QUERY and show its plan with rows and time per operator",
       "  Each operator shows the rows it produced and the time spent in it\n"
       "  (its inputs excluded); the statement's parse, plan and execute times\n"
       "  follow the plan.",
       ProfileCommand},
      {"dot", "QUERY", "Print the nodes and relationships in QUERY's result as Graphviz DOT",
       "  Nodes and relationships anywhere in the rows count, also inside paths\n"
       "  and lists. Nodes are captioned with their labels and name, edges with\n"
       "  their type; properties are tooltips.",
       DotCommand},
      {"render", "QUERY FILE", "Draw QUERY's result with Graphviz into FILE (.svg, .png, .pdf)",
       "  Runs Graphviz's dot on what :dot prints (the graphviz package). E.g.\n"
       "    :render MATCH p = (:Person)-[:FOUNDED]->() RETURN p out.svg",
       RenderCommand},
  };
  return *kCommands;
}

absl::Status RunColonCommand(Session& session, std::string_view line) {
  line = Strip(line);
  if (!line.empty() && line.back() == ';') {
    line = StripTrailing(line.substr(0, line.size() - 1));
  }
  if (!line.empty() && line[0] == ':') line.remove_prefix(1);
  size_t name_end = 0;
  while (name_end < line.size() && !IsBlank(line[name_end])) ++name_end;
  std::string name(line.substr(0, name_end));
  if (name.empty()) {
    return absl::InvalidArgumentError("empty command; type :help for a list");
  }
  CommandArgs args;
  args.text = std::string(Strip(line.substr(name_end)));
  args.words = absl::StrSplit(args.text, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  for (const ColonCommand& c : ColonCommands()) {
    if (c.name == name) return c.handler(session, args);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown command ':", name, "'; type :help for a list"));
}

}  // namespace cornerstone::shell
