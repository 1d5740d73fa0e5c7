/* Copyright (c) Cornerstone authors.
 * Compiled (not linked) as C99 and C11 with -Wall -Wextra -pedantic -Werror. */
#include <cornerstone/cornerstone_c.h>

int UsesTheApi(cs_connection* conn) {
  cs_result* res = NULL;
  int rows = 0;
  if (cs_query(conn, "RETURN 1", &res) != CS_OK) return -1;
  while (cs_result_next(res) == 1) ++rows;
  cs_result_free(res);
  return rows;
}
