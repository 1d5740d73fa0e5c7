/* Copyright (c) Cornerstone authors.
 * Resource limits and read-only statements through the C API, compiled as
 * C: cs_set_limits, cs_set_read_only, CS_ERROR_RESOURCE_EXHAUSTED. */
#include <cornerstone/cornerstone_c.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define EXPECT(cond)                                                   \
  do {                                                                 \
    if (!(cond)) {                                                     \
      fprintf(stderr, "%s:%d: EXPECT(%s) failed; last error: %s\n",    \
              __FILE__, __LINE__, #cond, cs_last_error());             \
      ++failures;                                                      \
    }                                                                  \
  } while (0)

static int StartsWith(const char* s, const char* prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static cs_status Run(cs_connection* conn, const char* query) {
  cs_result* res = NULL;
  cs_status s = cs_query(conn, query, &res);
  cs_result_free(res);
  return s;
}

int main(void) {
  cs_database* db = NULL;
  cs_connection* conn = NULL;
  cs_result* res = NULL;
  int64_t n = -1;
  EXPECT(cs_open(NULL, NULL, &db) == CS_OK);
  EXPECT(cs_connect(db, &conn) == CS_OK);
  EXPECT(Run(conn, "CREATE (:A)") == CS_OK);

  /* Memory: 1 MiB is too little for a million-element list. */
  EXPECT(cs_set_limits(conn, 1 << 20, -1, -1) == CS_OK);
  EXPECT(Run(conn, "UNWIND range(1, 1000000) AS x RETURN collect(x)") ==
         CS_ERROR_RESOURCE_EXHAUSTED);
  EXPECT(StartsWith(cs_last_error(), "MemoryLimitExceeded: the query needs more than 1 MiB"));
  /* Rows. */
  EXPECT(cs_set_limits(conn, -1, 3, -1) == CS_OK);
  EXPECT(Run(conn, "UNWIND range(1, 4) AS x RETURN x") == CS_ERROR_RESOURCE_EXHAUSTED);
  EXPECT(StartsWith(cs_last_error(), "RowLimitExceeded: "));
  EXPECT(Run(conn, "UNWIND range(1, 3) AS x RETURN x") == CS_OK);
  /* Path length. */
  EXPECT(Run(conn, "CREATE (:C)-[:N]->(:C)-[:N]->(:C)") == CS_OK);
  EXPECT(cs_set_limits(conn, -1, -1, 1) == CS_OK);
  EXPECT(Run(conn, "MATCH (a:C)-[*]->(b) RETURN count(*)") == CS_ERROR_RESOURCE_EXHAUSTED);
  EXPECT(StartsWith(cs_last_error(), "VarLengthLimitExceeded: "));
  /* Back to the database's defaults. */
  EXPECT(cs_set_limits(conn, -1, -1, -1) == CS_OK);
  EXPECT(cs_query(conn, "MATCH (a:C)-[*]->(b) RETURN count(*)", &res) == CS_OK);
  EXPECT(cs_result_next(res) == 1 && cs_result_int(res, 0, &n) == CS_OK && n == 3);
  cs_result_free(res);

  /* Read-only. */
  EXPECT(cs_set_read_only(conn, 1) == CS_OK);
  EXPECT(Run(conn, "CREATE (:B)") == CS_ERROR_FAILED_PRECONDITION);
  EXPECT(StartsWith(cs_last_error(), "ReadOnlyViolation: the statement writes (CREATE)"));
  EXPECT(Run(conn, "MATCH (n) RETURN count(n)") == CS_OK);
  EXPECT(cs_set_read_only(conn, 0) == CS_OK);
  EXPECT(Run(conn, "CREATE (:B)") == CS_OK);

  EXPECT(cs_set_limits(NULL, 0, 0, 0) == CS_ERROR_INVALID_ARGUMENT);
  EXPECT(cs_set_read_only(NULL, 1) == CS_ERROR_INVALID_ARGUMENT);
  cs_disconnect(conn);
  cs_close(db);
  if (failures == 0) puts("ok");
  return failures == 0 ? 0 : 1;
}
