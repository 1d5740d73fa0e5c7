// Copyright (c) Cornerstone authors.
#include "completion.h"

#include <editline/readline.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "commands.h"
#include "session.h"
#include "strings.h"

namespace cornerstone::shell {
namespace {

Session* g_session = nullptr;
// The candidates of the completion in progress, handed out by NextMatch.
std::vector<std::string> g_matches;

// Characters that end a word for completion. ':' and '.' are included so
// that "p:Per" completes "Per" and "p.na" completes "na".
char g_word_breaks[] = " \t\n\"'`@$><=;|&{}()[],.:+-*/%^!~";

void AddMatching(const std::vector<std::string>& names, std::string_view word,
                 std::vector<std::string>* out) {
  for (const std::string& name : names) {
    if (StartsWithIgnoreCase(name, word)) out->push_back(name);
  }
}

// The completion generator readline calls with state 0, 1, ... until it
// returns NULL; each string is malloc'ed and freed by readline.
char* NextMatch(const char* /*text*/, int state) {
  if (state < 0 || static_cast<size_t>(state) >= g_matches.size()) return nullptr;
  return strdup(g_matches[static_cast<size_t>(state)].c_str());
}

char** Complete(const char* text, int start, int /*end*/) {
  rl_attempted_completion_over = 1;  // no filename completion fallback
  Schema schema;
  if (g_session != nullptr) schema = g_session->db().GetSchema();
  std::string_view line = rl_line_buffer ? rl_line_buffer : "";
  size_t word_start = static_cast<size_t>(std::max(start, 0));
  g_matches = CompletionCandidates(line, word_start, text, schema);
  // A label or property key is usually followed by ')' '}' or ' ', so no
  // space is added after it; keywords and commands get one.
  bool name_part = word_start > 0 && word_start <= line.size() &&
                   (line[word_start - 1] == ':' || line[word_start - 1] == '.') &&
                   Strip(line.substr(0, word_start)) != ":";
  rl_completion_append_character = name_part ? '\0' : ' ';
  if (g_matches.empty()) return nullptr;
  return rl_completion_matches(text, NextMatch);
}

}  // namespace

std::vector<std::string> CompletionCandidates(std::string_view line, size_t start,
                                              std::string_view word, const Schema& schema) {
  std::vector<std::string> out;
  start = std::min(start, line.size());
  std::string_view before = line.substr(0, start);
  std::string_view trimmed = StripTrailing(before);
  char prev = trimmed.empty() ? '\0' : trimmed.back();
  bool adjacent = !before.empty() && before.back() == prev;
  if (adjacent && prev == ':' && Strip(before) == ":") {
    for (const ColonCommand& c : ColonCommands()) {
      if (c.name.starts_with(word)) out.emplace_back(c.name);
    }
  } else if (adjacent && prev == ':') {
    for (const auto& c : schema.labels) {
      if (c.name.starts_with(word)) out.push_back(c.name);
    }
    for (const auto& c : schema.relationship_types) {
      if (c.name.starts_with(word)) out.push_back(c.name);
    }
  } else if (adjacent && prev == '.') {
    AddMatching(schema.property_keys, word, &out);
  } else {
    // Keywords follow the case of what is typed: "mat" -> "match".
    bool lower = !word.empty() && ToLowerAscii(word) == word;
    for (const std::string& k : Keywords()) {
      if (StartsWithIgnoreCase(k, word)) {
        out.push_back(lower ? ToLowerAscii(k) : k);
      }
    }
    AddMatching(FunctionNames(), word, &out);
    if (prev == '{' || prev == ',') {  // perhaps a map key
      AddMatching(schema.property_keys, word, &out);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void InstallCompletion(Session* session) {
  g_session = session;
  rl_readline_name = "cornerstone";
  // libedit reads the basic set; GNU readline the completer set.
  rl_basic_word_break_characters = g_word_breaks;
  rl_completer_word_break_characters = g_word_breaks;
  rl_attempted_completion_function = Complete;
}

}  // namespace cornerstone::shell
