// Copyright (c) Cornerstone authors.
#include "compare.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

namespace cornerstone_tck {
namespace {

using Kind = TckValue::Kind;

template <typename T>
int Three(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int CompareFloats(double a, double b) {
  bool nan_a = std::isnan(a);
  bool nan_b = std::isnan(b);
  if (nan_a || nan_b) return Three(nan_a, nan_b);  // NaN == NaN, above all numbers
  return Three(a, b);                              // -0.0 == 0.0
}

int CompareSequences(const std::vector<TckValue>& a, const std::vector<TckValue>& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = Compare(a[i], b[i]); c != 0) return c;
  }
  return Three(a.size(), b.size());
}

int CompareEntries(const std::vector<std::pair<std::string, TckValue>>& a,
                   const std::vector<std::pair<std::string, TckValue>>& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = a[i].first.compare(b[i].first); c != 0) return c < 0 ? -1 : 1;
    if (int c = Compare(a[i].second, b[i].second); c != 0) return c;
  }
  return Three(a.size(), b.size());
}

bool RowLess(const Row& a, const Row& b) { return CompareSequences(a, b) < 0; }

}  // namespace

void Canonicalize(TckValue* value, bool unordered_lists) {
  if (value->kind == Kind::kFloat && value->float_value == 0.0) value->float_value = 0.0;
  for (TckValue& item : value->items) Canonicalize(&item, unordered_lists);
  for (auto& entry : value->entries) Canonicalize(&entry.second, unordered_lists);
  if (value->kind == Kind::kList && unordered_lists) {
    std::sort(value->items.begin(), value->items.end(),
              [](const TckValue& a, const TckValue& b) { return Compare(a, b) < 0; });
  }
}

int Compare(const TckValue& a, const TckValue& b) {
  if (a.kind != b.kind) return Three(static_cast<int>(a.kind), static_cast<int>(b.kind));
  switch (a.kind) {
    case Kind::kNull:
      return 0;
    case Kind::kBool:
      return Three(a.bool_value, b.bool_value);
    case Kind::kInt:
      return Three(a.int_value, b.int_value);
    case Kind::kFloat:
      return CompareFloats(a.float_value, b.float_value);
    case Kind::kString: {
      int c = a.text.compare(b.text);  // UTF-8 byte order is code point order
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Kind::kList:
      return CompareSequences(a.items, b.items);
    case Kind::kMap:
      return CompareEntries(a.entries, b.entries);
    case Kind::kNode:
      if (int c = Three(a.labels, b.labels); c != 0) return c;
      return CompareEntries(a.entries, b.entries);
    case Kind::kRel: {
      if (int c = a.text.compare(b.text); c != 0) return c < 0 ? -1 : 1;
      return CompareEntries(a.entries, b.entries);
    }
    case Kind::kPath:
      if (int c = Three(a.forward, b.forward); c != 0) return c;
      return CompareSequences(a.items, b.items);
  }
  return 0;
}

std::string RenderRow(const Row& row) {
  std::string out = "(";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ", ";
    out += RenderTckValue(row[i]);
  }
  return out + ")";
}

std::string CompareRows(const std::vector<Row>& expected, const std::vector<Row>& actual,
                        bool ordered) {
  std::string counts = "expected " + std::to_string(expected.size()) + " rows, got " +
                       std::to_string(actual.size());
  if (ordered) {
    for (size_t i = 0; i < expected.size() && i < actual.size(); ++i) {
      if (CompareSequences(expected[i], actual[i]) != 0) {
        return "row " + std::to_string(i + 1) + ": expected " + RenderRow(expected[i]) +
               ", got " + RenderRow(actual[i]) +
               (expected.size() != actual.size() ? " (" + counts + ")" : "");
      }
    }
    return expected.size() == actual.size() ? "" : counts;
  }
  std::vector<Row> want = expected;
  std::vector<Row> got = actual;
  std::sort(want.begin(), want.end(), RowLess);
  std::sort(got.begin(), got.end(), RowLess);
  std::vector<Row> missing;
  std::vector<Row> unexpected;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                      std::back_inserter(missing), RowLess);
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(),
                      std::back_inserter(unexpected), RowLess);
  if (missing.empty() && unexpected.empty()) return "";
  std::string out = counts;
  if (!missing.empty()) out += "; missing " + RenderRow(missing[0]);
  if (!unexpected.empty()) out += "; unexpected " + RenderRow(unexpected[0]);
  if (missing.size() + unexpected.size() > 2) {
    out += " (" + std::to_string(missing.size()) + " missing, " +
           std::to_string(unexpected.size()) + " unexpected)";
  }
  return out;
}

}  // namespace cornerstone_tck
