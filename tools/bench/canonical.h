// Copyright (c) Cornerstone authors.
// The benchmark kit's canonical result form (../shared/bench/README.md,
// "Result format"): rows as JSON arrays, integral numbers as integers,
// other numbers rounded to 12 significant digits, rows sorted by their JSON
// text, as kuzu_run.mjs writes them.
#ifndef CORNERSTONE_TOOLS_BENCH_CANONICAL_H_
#define CORNERSTONE_TOOLS_BENCH_CANONICAL_H_

#include <string>
#include <vector>

#include "cornerstone/value.h"

namespace cornerstone::bench {

// JSON text of one value the way JavaScript's JSON.stringify writes the
// canonical value (nodes and relationships as objects of their properties).
std::string CanonicalJson(const Value& v);
// One row: "[v1,v2,...]".
std::string CanonicalRow(const std::vector<Value>& row);

// The rows of an expected/QNN_*.json file, one JSON text per row, and its
// row_count. Returns false when the file cannot be read.
bool ReadExpected(const std::string& path, std::vector<std::string>* rows, long* row_count);

}  // namespace cornerstone::bench

#endif  // CORNERSTONE_TOOLS_BENCH_CANONICAL_H_
