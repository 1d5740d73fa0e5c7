// Copyright (c) Cornerstone authors.
// Compiled (not linked) with -std=c++17 and -std=c++20, -Wall -Wextra
// -pedantic -Werror: the public headers must be clean for any host.
#include <cornerstone/cornerstone.h>
#include <cornerstone/cornerstone_c.h>

int UsesTheApi(cornerstone::Connection& conn) {
  cornerstone::Params params{{"name", cornerstone::Value("x")}};
  auto r = conn.Query("RETURN $name", params);
  return r.ok() && r->Next() && r->Get(0) != cornerstone::Value(1) ? 1 : 0;
}
