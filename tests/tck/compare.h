// Copyright (c) Cornerstone authors. Structural comparison of TCK values and
// result tables (FORMAT.md, "Comparing results").
#ifndef CORNERSTONE_TESTS_TCK_COMPARE_H_
#define CORNERSTONE_TESTS_TCK_COMPARE_H_

#include <string>
#include <vector>

#include "tck_value.h"

namespace cornerstone_tck {

using Row = std::vector<TckValue>;

// Brings a value to the form Compare() expects: -0.0 becomes 0.0 and, when
// `unordered_lists`, every list at any depth is sorted (lists compare as
// multisets). Maps, labels and properties are already sorted by key.
void Canonicalize(TckValue* value, bool unordered_lists);

// A total order on canonical values: <0, 0 or >0. 0 means equal by the TCK's
// rules: an integer never equals a float, NaN equals NaN, nodes compare by
// labels and properties, relationships by type and properties, paths by their
// (node, direction, relationship) sequence.
int Compare(const TckValue& a, const TckValue& b);

// Compares result tables of canonical rows. Returns "" when they match, or a
// short description of the first difference.
std::string CompareRows(const std::vector<Row>& expected, const std::vector<Row>& actual,
                        bool ordered);

// "(1, 'a')"
std::string RenderRow(const Row& row);

}  // namespace cornerstone_tck

#endif  // CORNERSTONE_TESTS_TCK_COMPARE_H_
