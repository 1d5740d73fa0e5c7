// Copyright (c) Cornerstone authors.
// For the API tests that compare answers: a query's rows as text.
#ifndef CORNERSTONE_TESTS_API_QUERY_ROWS_H_
#define CORNERSTONE_TESTS_API_QUERY_ROWS_H_

#include <string>
#include <vector>

#include "cornerstone/cornerstone.h"

namespace cornerstone::testing {

// Every row as text ("v1 | v2 | "), in the order they came; or the error
// ("error: ...") as the one row.
inline std::vector<std::string> Rows(Database& db, const std::string& query) {
  Connection conn(db);
  auto r = conn.Query(query);
  if (!r.ok()) return {"error: " + std::string(r.status().message())};
  std::vector<std::string> rows;
  while (r->Next()) {
    std::string row;
    for (size_t c = 0; c < r->num_columns(); ++c) row += r->Get(c).ToString() + " | ";
    rows.push_back(row);
  }
  return rows;
}

}  // namespace cornerstone::testing

#endif  // CORNERSTONE_TESTS_API_QUERY_ROWS_H_
