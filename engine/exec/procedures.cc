// Copyright (c) Cornerstone authors.
#include "engine/exec/procedures.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cornerstone::engine {
namespace {

// Parses "a :: STRING?, b :: INTEGER?" (possibly empty).
absl::Status ParseFields(absl::string_view text, std::vector<ProcedureField>* out) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return absl::OkStatus();
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    std::vector<absl::string_view> nt = absl::StrSplit(part, "::");
    if (nt.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad procedure field '", std::string(part), "'"));
    }
    std::string type(absl::StripAsciiWhitespace(nt[1]));
    if (!type.empty() && type.back() == '?') type.pop_back();
    out->push_back({std::string(absl::StripAsciiWhitespace(nt[0])), absl::AsciiStrToUpper(type)});
  }
  return absl::OkStatus();
}

}  // namespace

bool ArgumentFits(const Value& v, const std::string& type) {
  if (v.is_null() || type == "ANY") return true;
  switch (v.kind()) {
    case Kind::kBool: return type == "BOOLEAN";
    case Kind::kInt: return type == "INTEGER" || type == "NUMBER" || type == "FLOAT";
    case Kind::kFloat: return type == "FLOAT" || type == "NUMBER";
    case Kind::kString: return type == "STRING";
    case Kind::kList: return absl::StartsWith(type, "LIST");
    case Kind::kMap: return type == "MAP";
    case Kind::kNode: return type == "NODE";
    case Kind::kRel: return type == "RELATIONSHIP";
    case Kind::kPath: return type == "PATH";
    default: return false;
  }
}

absl::StatusOr<ProcedureDef> ParseProcedureSignature(std::string_view std_signature) {
  absl::string_view s(std_signature.data(), std_signature.size());
  size_t open = s.find('(');
  size_t close = s.find(')', open == absl::string_view::npos ? 0 : open);
  size_t sep = s.find("::", close == absl::string_view::npos ? 0 : close);
  if (open == absl::string_view::npos || close == absl::string_view::npos ||
      sep == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad procedure signature '", std::string(s), "'"));
  }
  ProcedureDef def;
  def.name = std::string(absl::StripAsciiWhitespace(s.substr(0, open)));
  absl::Status st = ParseFields(s.substr(open + 1, close - open - 1), &def.inputs);
  if (!st.ok()) return st;
  absl::string_view outputs = absl::StripAsciiWhitespace(s.substr(sep + 2));
  if (!absl::ConsumePrefix(&outputs, "(") || !absl::ConsumeSuffix(&outputs, ")")) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad procedure outputs in '", std::string(s), "'"));
  }
  st = ParseFields(outputs, &def.outputs);
  if (!st.ok()) return st;
  return def;
}

ProcedureDef TableProcedure(ProcedureDef def, std::vector<std::vector<Value>> rows) {
  size_t n_in = def.inputs.size();
  def.run = [rows = std::move(rows), n_in](std::span<const Value> args, EvalContext&,
                                           std::vector<std::vector<Value>>* out) {
    for (const auto& row : rows) {
      bool match = true;
      for (size_t i = 0; i < n_in && match; ++i) match = Equivalent(row[i], args[i]);
      if (match) out->emplace_back(row.begin() + n_in, row.end());
    }
    return absl::OkStatus();
  };
  return def;
}

void ProcedureRegistry::Add(ProcedureDef def) {
  std::lock_guard<std::mutex> lock(mu_);
  all_.push_back(std::make_unique<const ProcedureDef>(std::move(def)));
  by_name_[all_.back()->name] = all_.back().get();
}

const ProcedureDef* ProcedureRegistry::Find(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? nullptr : it->second;
}

std::vector<const ProcedureDef*> ProcedureRegistry::All() const {
  std::vector<const ProcedureDef*> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out.reserve(by_name_.size());
    for (const auto& [name, def] : by_name_) out.push_back(def);
  }
  std::sort(out.begin(), out.end(),
            [](const ProcedureDef* a, const ProcedureDef* b) { return a->name < b->name; });
  return out;
}

std::string Signature(const ProcedureDef& def) {
  auto fields = [](const std::vector<ProcedureField>& fs) {
    std::string out;
    for (const ProcedureField& f : fs) {
      if (!out.empty()) out += ", ";
      absl::StrAppend(&out, f.name, " :: ", f.type, "?");
    }
    return out;
  };
  return absl::StrCat(def.name, "(", fields(def.inputs), ") :: (", fields(def.outputs), ")");
}

}  // namespace cornerstone::engine
