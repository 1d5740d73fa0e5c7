// Copyright (c) Cornerstone authors.
#include "scenario.h"

#include <cmath>
#include <string>
#include <utility>

#include "absl/status/status.h"

namespace cornerstone_tck {
namespace {

absl::Status Bad(const std::string& what) {
  return absl::InvalidArgumentError("record: " + what);
}

std::string StringField(const Json& object, const char* key) {
  const Json* field = object.Find(key);
  return field != nullptr && field->is_string() ? field->str() : "";
}

bool BoolField(const Json& object, const char* key) {
  const Json* field = object.Find(key);
  return field != nullptr && field->is_bool() && field->bool_value();
}

absl::StatusOr<std::vector<std::string>> Strings(const Json& array, const char* what) {
  std::vector<std::string> out;
  for (const Json& item : array.items()) {
    if (!item.is_string()) return Bad(std::string(what) + " must hold strings");
    out.push_back(item.str());
  }
  return out;
}

absl::StatusOr<Expect> ExpectFromJson(const Json* json) {
  if (json == nullptr || !json->is_object()) return Bad("missing or malformed 'expect'");
  Expect expect;
  std::string kind = StringField(*json, "kind");
  if (kind == "empty") {
    expect.kind = Expect::Kind::kEmpty;
  } else if (kind == "error") {
    expect.kind = Expect::Kind::kError;
    expect.phase = StringField(*json, "phase");
    expect.type = StringField(*json, "type");
    expect.detail = StringField(*json, "detail");
    if (expect.phase.empty()) expect.phase = "any";
    if (expect.detail.empty()) expect.detail = "*";
  } else if (kind == "rows") {
    expect.kind = Expect::Kind::kRows;
    expect.ordered = BoolField(*json, "ordered");
    expect.ignore_list_order = BoolField(*json, "ignore_list_order");
    const Json* columns = json->Find("columns");
    const Json* rows = json->Find("rows");
    if (columns == nullptr || !columns->is_array()) return Bad("'rows' expect without columns");
    if (rows == nullptr || !rows->is_array()) return Bad("'rows' expect without rows");
    absl::StatusOr<std::vector<std::string>> names = Strings(*columns, "columns");
    if (!names.ok()) return names.status();
    expect.columns = *std::move(names);
    for (const Json& row : rows->items()) {
      if (!row.is_array()) return Bad("a row must be an array");
      absl::StatusOr<std::vector<std::string>> cells = Strings(row, "rows");
      if (!cells.ok()) return cells.status();
      if (cells->size() != expect.columns.size()) return Bad("row width differs from columns");
      expect.rows.push_back(*std::move(cells));
    }
  } else {
    return Bad("unknown expect kind '" + kind + "'");
  }
  return expect;
}

}  // namespace

std::string CategoryOf(const std::string& feature) {
  size_t first = feature.find('/');
  if (first == std::string::npos) return "(none)";
  size_t second = feature.find('/', first + 1);
  if (second == std::string::npos) return feature.substr(0, first);
  return feature.substr(0, second);
}

absl::StatusOr<Scenario> ScenarioFromJson(const Json& record) {
  if (!record.is_object()) return Bad("not a JSON object");
  Scenario s;
  s.id = StringField(record, "id");
  if (s.id.empty()) return Bad("missing 'id'");
  s.feature = StringField(record, "feature");
  s.name = StringField(record, "scenario");
  s.category = StringField(record, "category");
  if (s.category.empty()) {
    s.category = CategoryOf(s.feature.empty() ? s.id.substr(0, s.id.find('#')) : s.feature);
  }
  s.given = StringField(record, "given");
  const Json* query = record.Find("query");
  if (query == nullptr || !query->is_string()) return Bad("missing 'query'");
  s.query = query->str();

  if (const Json* setup = record.Find("setup"); setup != nullptr && setup->is_array()) {
    absl::StatusOr<std::vector<std::string>> statements = Strings(*setup, "setup");
    if (!statements.ok()) return statements.status();
    s.setup = *std::move(statements);
  }
  if (const Json* params = record.Find("params"); params != nullptr && params->is_object()) {
    for (const auto& [name, value] : params->members()) {
      if (!value.is_string()) return Bad("parameter values must be strings");
      s.params.emplace_back(name, value.str());
    }
  }
  if (const Json* procs = record.Find("procedures"); procs != nullptr && procs->is_array()) {
    for (const Json& p : procs->items()) {
      const Json* signature = p.Find("signature");
      if (signature == nullptr || !signature->is_string()) return Bad("procedure without signature");
      Scenario::Procedure proc{signature->str(), {}};
      if (const Json* rows = p.Find("rows"); rows != nullptr && rows->is_array()) {
        for (const Json& row : rows->items()) {
          absl::StatusOr<std::vector<std::string>> cells = Strings(row, "procedure row");
          if (!cells.ok()) return cells.status();
          proc.rows.push_back(*std::move(cells));
        }
      }
      s.procedures.push_back(std::move(proc));
    }
  }

  absl::StatusOr<Expect> expect = ExpectFromJson(record.Find("expect"));
  if (!expect.ok()) return expect.status();
  s.expect = *std::move(expect);

  const Json* effects = record.Find("side_effects");
  if (effects != nullptr && effects->is_object()) {
    SideEffects counts;
    for (const auto& [key, value] : effects->members()) {
      if (!value.is_number()) return Bad("side effect counts must be numbers");
      counts[key] = static_cast<int64_t>(std::llround(value.number()));
    }
    s.side_effects = std::move(counts);
  }  // null or absent: the record does not say

  if (const Json* control = record.Find("control"); control != nullptr && control->is_array()) {
    for (const Json& item : control->items()) {
      if (!item.is_object()) return Bad("control entries must be objects");
      ControlQuery c;
      const Json* text = item.Find("query");
      if (text == nullptr || !text->is_string()) return Bad("control entry without query");
      c.query = text->str();
      absl::StatusOr<Expect> e = ExpectFromJson(item.Find("expect"));
      if (!e.ok()) return e.status();
      c.expect = *std::move(e);
      s.control.push_back(std::move(c));
    }
  }
  return s;
}

}  // namespace cornerstone_tck
