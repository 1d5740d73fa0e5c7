// Copyright (c) Cornerstone authors. Colon-commands about the database,
// parameters, plans and pictures (declared in commands.h).
#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "commands.h"
#include "dot.h"
#include "driver.h"
#include "import_command.h"
#include "render.h"
#include "session.h"
#include "strings.h"

namespace cornerstone::shell {
namespace {

constexpr int kMaxReadDepth = 16;

// A path argument: the text, without surrounding quotes if it has them.
std::string PathArg(std::string_view text) {
  text = Strip(text);
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return std::string(text);
}

// `text` split into words as a POSIX shell splits a command line, without
// its expansions: blanks separate words, '...' keeps its text as it is,
// "..." too except that \" and \\ stand for " and \, and elsewhere a
// backslash keeps the character after it. So paths with blanks can be
// quoted the way they would be for `cornerstone import`.
absl::StatusOr<std::vector<std::string>> ShellWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (IsBlank(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      size_t end = text.find('\'', i + 1);
      if (end == std::string_view::npos) return absl::InvalidArgumentError("unterminated ' quote");
      word.append(text.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < text.size() && text[j] != '"'; ++j) {
        if (text[j] == '\\' && j + 1 < text.size() && (text[j + 1] == '"' || text[j + 1] == '\\')) {
          ++j;
        }
        word += text[j];
      }
      if (j >= text.size()) return absl::InvalidArgumentError("unterminated \" quote");
      i = j;
    } else if (c == '\\' && i + 1 < text.size()) {
      word += text[++i];
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

// "1 node", "2 nodes".
std::string Counted(int64_t n, std::string_view one, std::string_view many) {
  return absl::StrCat(n, " ", ToAbsl(n == 1 ? one : many));
}

bool IsParamName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_';
    if (!ok) return false;
  }
  return true;
}

absl::Status NeedQuery(const CommandArgs& args, std::string_view usage) {
  if (args.text.empty()) return absl::InvalidArgumentError(absl::StrCat("usage: ", ToAbsl(usage)));
  return absl::OkStatus();
}

// The nodes and relationships of the result of `query`.
absl::StatusOr<ResultGraph> QueryGraph(Session& session, std::string_view query) {
  absl::StatusOr<Result> result = session.Query(query);
  if (!result.ok()) return result.status();
  ResultGraph graph;
  while (result->Next()) {
    for (const Value& v : result->row()) graph.Add(v);
  }
  return graph;
}

}  // namespace

absl::Status OpenCommand(Session& session, const CommandArgs& args) {
  std::string path = PathArg(args.text);
  if (absl::Status s = session.OpenDatabase(path); !s.ok()) return s;
  Schema schema = session.db().GetSchema();
  session.out() << (path.empty() ? std::string("A new in-memory database") : "Opened " + path)
                << (session.db().read_only() ? " (read-only)" : "") << ": " << schema.node_count
                << " nodes, " << schema.relationship_count << " relationships\n";
  return absl::OkStatus();
}

absl::Status SaveCommand(Session& session, const CommandArgs& args) {
  std::string path = PathArg(args.text);
  if (path.empty() && session.db().path().empty()) {
    return absl::InvalidArgumentError(
        "the graph is in memory: give a file, as in :save graph.snap");
  }
  if (absl::Status s = session.db().Save(path); !s.ok()) return s;
  session.out() << "Saved to " << (path.empty() ? session.db().path() : path) << "\n";
  return absl::OkStatus();
}

absl::Status ReadCommand(Session& session, const CommandArgs& args) {
  std::string path = PathArg(args.text);
  if (path.empty()) return absl::InvalidArgumentError("usage: :read FILE");
  if (session.read_depth() >= kMaxReadDepth) {
    return absl::FailedPreconditionError(
        absl::StrCat(":read nested more than ", kMaxReadDepth, " deep (a file reading itself?)"));
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read '", path, "'"));
  session.set_read_depth(session.read_depth() + 1);
  bool ok = RunStream(session, file, path);
  session.set_read_depth(session.read_depth() - 1);
  if (!ok) return absl::AbortedError(absl::StrCat("errors in '", path, "' (above)"));
  return absl::OkStatus();
}

absl::Status ParamCommand(Session& session, const CommandArgs& args) {
  if (args.words.empty()) return absl::InvalidArgumentError("usage: :param NAME [VALUE]");
  std::string_view name = args.words[0];
  if (name.starts_with('$')) name.remove_prefix(1);
  if (!IsParamName(name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad parameter name '", args.words[0], "' (letters, digits and _, not first a digit)"));
  }
  std::string key(name);
  std::string_view value_text = Strip(std::string_view(args.text).substr(args.words[0].size()));
  if (value_text.empty()) {
    auto it = session.params().find(key);
    if (it == session.params().end()) {
      return absl::NotFoundError(absl::StrCat("no parameter $", key));
    }
    session.out() << "$" << key << " = " << it->second.ToString() << "\n";
    return absl::OkStatus();
  }
  absl::StatusOr<Result> result =
      session.Query(absl::StrCat("RETURN ", ToAbsl(value_text), "\nAS value"));
  if (!result.ok()) return result.status();
  if (result->num_columns() != 1 || !result->Next()) {
    return absl::InvalidArgumentError("the value must be one expression");
  }
  session.params()[key] = result->Get(0);
  return absl::OkStatus();
}

absl::Status ParamsCommand(Session& session, const CommandArgs& args) {
  if (absl::Status s = ExpectArgs(args, 1, ":params [clear]"); !s.ok()) return s;
  if (!args.words.empty()) {
    if (args.words[0] != "clear") return absl::InvalidArgumentError("usage: :params [clear]");
    session.params().clear();
    return absl::OkStatus();
  }
  if (session.params().empty()) session.out() << "No parameters; set one with :param NAME VALUE\n";
  for (const auto& [name, value] : session.params()) {
    session.out() << "$" << name << " = " << value.ToString() << "\n";
  }
  return absl::OkStatus();
}

absl::Status ExplainCommand(Session& session, const CommandArgs& args) {
  if (absl::Status s = NeedQuery(args, ":explain QUERY"); !s.ok()) return s;
  return session.RunStatement(absl::StrCat("EXPLAIN ", args.text));
}

absl::Status ProfileCommand(Session& session, const CommandArgs& args) {
  if (absl::Status s = NeedQuery(args, ":profile QUERY"); !s.ok()) return s;
  return session.RunStatement(absl::StrCat("PROFILE ", args.text));
}

absl::Status DotCommand(Session& session, const CommandArgs& args) {
  if (absl::Status s = NeedQuery(args, ":dot QUERY"); !s.ok()) return s;
  absl::StatusOr<ResultGraph> graph = QueryGraph(session, args.text);
  if (!graph.ok()) return graph.status();
  session.out() << graph->ToDot();
  return absl::OkStatus();
}

absl::Status RenderCommand(Session& session, const CommandArgs& args) {
  constexpr char kUsage[] = "usage: :render QUERY FILE (FILE ending in .svg, .png or .pdf)";
  if (args.words.size() < 2) return absl::InvalidArgumentError(kUsage);
  std::string_view text = args.text;
  size_t file_start = text.find_last_of(" \t") + 1;
  std::string path = PathArg(text.substr(file_start));
  std::string_view query = Strip(text.substr(0, file_start));
  if (!query.empty() && query.back() == ';') query.remove_suffix(1);
  absl::StatusOr<ResultGraph> graph = QueryGraph(session, query);
  if (!graph.ok()) return graph.status();
  if (absl::Status s = RenderDot(graph->ToDot(), path); !s.ok()) return s;
  size_t n = graph->nodes().size(), m = graph->relationships().size();
  session.out() << "Wrote " << path << ": " << n << (n == 1 ? " node, " : " nodes, ") << m
                << (m == 1 ? " relationship" : " relationships") << "\n";
  return absl::OkStatus();
}

absl::Status ImportCommand(Session& session, const CommandArgs& args) {
  constexpr char kUsage[] =
      "usage: :import [--nodes [Labels=]FILE]... [--relationships [TYPE=]FILE]... [OPTION]...\n"
      "(the options of cornerstone import but --db and --export-*; see :help import)";
  absl::StatusOr<std::vector<std::string>> words = ShellWords(args.text);
  if (!words.ok()) return words.status();
  absl::StatusOr<tools::ImportRequest> request = tools::ParseImportFlags(*words);
  if (!request.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(request.status().message(), "; ", kUsage));
  }
  if (request->help) return RunColonCommand(session, ":help import");
  // One place to name the target and one to write files: :open and :save
  // (or cornerstone import) do those, so the open database is never swapped
  // or exported behind the shell's back.
  if (!request->db.empty()) {
    return absl::InvalidArgumentError(
        ":import loads into the open database: use :open FILE first instead of --db");
  }
  if (request->HasExports()) {
    return absl::InvalidArgumentError(
        ":import does not export: use :save, or cornerstone import --export-...");
  }
  if (!request->HasImports()) return absl::InvalidArgumentError(kUsage);
  // The connection holds the database's lock inside a transaction, and an
  // import takes it exclusively: it would wait on itself.
  if (session.in_transaction()) {
    return absl::FailedPreconditionError(
        ":import cannot run inside a transaction: COMMIT or ROLLBACK first");
  }
  // Ctrl-C stops a CSV import between pieces and takes it back.
  request->csv.cancelled = [&session] { return session.interrupted(); };
  ImportReport total;
  absl::Status status = tools::RunImports(
      session.db(), *request, [&total](const std::string&, const ImportReport& r) {
        total.nodes += r.nodes;
        total.relationships += r.relationships;
        total.rows_skipped += r.rows_skipped;
        total.seconds += r.seconds;
        total.skipped_errors.insert(total.skipped_errors.end(), r.skipped_errors.begin(),
                                    r.skipped_errors.end());
      });
  if (!status.ok()) {
    if (total.nodes == 0 && total.relationships == 0) return status;
    // A failed step took back only its own rows: say what stays.
    return absl::Status(status.code(),
                        absl::StrCat(status.message(), "\n(the files before it stay imported: ",
                                     Counted(total.nodes, "node", "nodes"), ", ",
                                     Counted(total.relationships, "relationship", "relationships"),
                                     ")"));
  }
  std::ostream& out = session.out();
  out << "Imported " << Counted(total.nodes, "node", "nodes") << ", "
      << Counted(total.relationships, "relationship", "relationships");
  if (total.rows_skipped > 0) {
    out << " (" << Counted(total.rows_skipped, "bad row", "bad rows") << " skipped)";
  }
  out << absl::StrFormat(" in %.2f s\n", total.seconds);
  // The first few reasons, so a skipped row can be found and fixed.
  for (const std::string& e : total.skipped_errors) out << "  " << e << "\n";
  if (total.rows_skipped > static_cast<int64_t>(total.skipped_errors.size())) out << "  ...\n";
  return absl::OkStatus();
}

}  // namespace cornerstone::shell
